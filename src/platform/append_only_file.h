// AppendOnlyFile: a text file that is only ever appended to, one line at a time (the audit head,
// <data dir>/audit.head). Each line goes out in one write(2) on a descriptor opened O_APPEND, so the lines of
// concurrent writers — threads or processes — never interleave. No fsync: a line lost in a crash only makes
// the file lag behind what it anchors, never name something that did not happen. An operator can make the
// file append-only for root too (`chattr +a`); nothing here ever truncates or rewrites it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace civic::platform {

class AppendOnlyFile {
 public:
  explicit AppendOnlyFile(std::filesystem::path path) : path_(std::move(path)) {}

  const std::filesystem::path& path() const { return path_; }

  // Appends `line` and a newline, creating the file (mode 0640) if needed. `line` must not contain '\n'.
  // Throws std::runtime_error naming the file when it cannot.
  void append_line(std::string_view line) const;

  // Every complete line, in file order, without the newline; a last line without one (torn by a crash) is
  // left out. Empty when the file does not exist. Throws std::runtime_error when it exists but is unreadable.
  std::vector<std::string> read_lines() const;

 private:
  std::filesystem::path path_;
};

}  // namespace civic::platform
