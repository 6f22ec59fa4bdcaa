#include "platform/append_only_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "platform/posix_file.h"

namespace civic::platform {

namespace {
[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path, int error) {
  throw_file_error(what, path, error);
}
}  // namespace

void AppendOnlyFile::append_line(std::string_view line) const {
  if (line.find('\n') != std::string_view::npos) {
    throw std::invalid_argument("an append-only file line may not contain a newline");
  }
  std::string text(line);
  text += '\n';
  int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) fail("cannot open", path_, errno);
  if (int e = write_all(fd, text)) {
    ::close(fd);
    fail("cannot append to", path_, e);
  }
  if (::close(fd) != 0) fail("cannot append to", path_, errno);
}

std::vector<std::string> AppendOnlyFile::read_lines() const {
  std::vector<std::string> lines;
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return lines;
  std::ifstream in(path_, std::ios::binary);
  if (!in) fail("cannot read", path_, errno);
  std::ostringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace civic::platform
