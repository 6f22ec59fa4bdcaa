#include "platform/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "platform/posix_file.h"
#include "platform/secret.h"

namespace civic::platform {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int error = errno) {
  throw_file_error(what, path, error);
}

std::string hex_of(const std::string& bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.resize(bytes.size() * 2);
  return out;
}

void write_new_file(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot create", path);
  if (int e = write_all(fd, text)) {
    ::close(fd);
    fail("cannot write", path, e);
  }
  if (::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    fail("cannot fsync", path, e);
  }
  ::close(fd);
}

void fsync_directory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // best effort: the key itself is fsynced
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::optional<std::string> load_key_file(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return std::nullopt;
    fail("cannot read the key file", path);
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    throw std::runtime_error("the key file " + path.string() +
                             " is accessible to group or others; make it private: chmod 600 " +
                             path.string());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read the key file", path);
  std::ostringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
  std::string key(hex.size() / 2, '\0');
  size_t key_len = 0;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(),
                     nullptr, &key_len, nullptr) != 0 ||
      key_len != key.size()) {
    throw std::runtime_error("the key file " + path.string() + " does not hold a hex key");
  }
  if (key.size() < 16) throw std::runtime_error("the key in " + path.string() + " is shorter than 16 bytes");
  return key;
}

std::string load_or_create_key_file(const fs::path& path, std::size_t bytes) {
  if (auto key = load_key_file(path)) return *key;
  ensure_sodium();
  fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::exists(dir)) {
    fs::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create the directory " + dir.string() + ": " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, ec);
  }
  std::string key(bytes, '\0');
  randombytes_buf(key.data(), key.size());
  fs::path temporary = path;
  temporary += ".new-" + std::to_string(::getpid()) + "-" + random_token().substr(0, 8);
  write_new_file(temporary, hex_of(key) + "\n");
  // link() fails with EEXIST when another process created the key first: then that key is the key.
  int rc = ::link(temporary.c_str(), path.c_str());
  int error = errno;
  ::unlink(temporary.c_str());
  if (rc != 0) {
    if (error != EEXIST) fail("cannot create the key file", path, error);
    if (auto existing = load_key_file(path)) return *existing;
    throw std::runtime_error("the key file " + path.string() + " vanished while it was being created");
  }
  fsync_directory(dir);
  return key;
}

}  // namespace civic::platform
