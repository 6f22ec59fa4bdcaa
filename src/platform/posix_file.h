// The few POSIX file steps the file store, the key file and the append-only file share: one way to report a
// failed file operation, and a write that finishes (short writes and EINTR retried).
#pragma once

#include <cerrno>
#include <filesystem>
#include <string>
#include <string_view>

namespace civic::platform {

// Throws std::runtime_error "<what> <path>: <strerror(error)>".
[[noreturn]] void throw_file_error(const std::string& what, const std::filesystem::path& path,
                                   int error = errno);

// Writes all of `bytes` to `fd`; 0 when done, else the errno of the write that failed (the caller closes).
int write_all(int fd, std::string_view bytes);

}  // namespace civic::platform
