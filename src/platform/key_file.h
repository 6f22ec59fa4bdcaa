// KeyFile: a secret key kept in a file of its own (the audit log's MAC key, <data dir>/audit.key), never in
// the database, so that someone who can write the database but not read this file cannot forge keyed records.
// The file holds the key as hex on one line, mode 0600. It is created on first use with random bytes: written
// to a temporary file, fsynced, then linked into place, so two processes starting at once agree on one key
// and no reader ever sees a half-written file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace civic::platform {

// The key in `path` (raw bytes), creating the file with `bytes` random bytes if it does not exist (and its
// directory, 0700). Throws std::runtime_error when it cannot, or as load_key_file does.
std::string load_or_create_key_file(const std::filesystem::path& path, std::size_t bytes = 32);

// The key in `path` (raw bytes); nullopt when there is no such file. Throws std::runtime_error naming the
// file when it is unreadable, not hex, shorter than 16 bytes, or readable or writable by group or others (as
// ssh refuses a private key: chmod 600 it).
std::optional<std::string> load_key_file(const std::filesystem::path& path);

}  // namespace civic::platform
