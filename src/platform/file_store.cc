#include "platform/file_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "domain/core/error.h"
#include "platform/posix_file.h"

namespace civic::platform {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw_file_error(what, path, errno);
}

void fsync_path(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) fail("cannot open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) fail("cannot fsync", path);
}

}  // namespace

FileStore::FileStore(fs::path dir) : dir_(std::move(dir)) {}

fs::path FileStore::temporary_directory() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  return fs::temp_directory_path() / (std::string("civic-files-") + hex);
}

bool FileStore::well_formed(std::string_view id) {
  if (id.size() != 64) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string FileStore::sha256_hex(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  return hex;
}

fs::path FileStore::path_of(const std::string& id) const {
  if (!well_formed(id)) throw InvalidInput("id", "not a file id (64 lowercase hex digits)");
  return dir_ / id.substr(0, 2) / id.substr(2);
}

bool FileStore::exists(const std::string& id) const {
  if (!well_formed(id)) return false;
  std::error_code ec;
  return fs::is_regular_file(path_of(id), ec);
}

std::string FileStore::put(std::string_view bytes) {
  std::string id = sha256_hex(bytes);
  fs::path target = path_of(id);
  if (exists(id)) return id;
  fs::path sub = target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) {
    fs::create_directories(dir_, ec);
    if (ec || !fs::is_directory(dir_)) {
      throw std::runtime_error("cannot create the file directory " + dir_.string() + ": " + ec.message());
    }
  }
  bool made_sub = fs::create_directory(sub, ec);
  if (ec) throw std::runtime_error("cannot create " + sub.string() + ": " + ec.message());
  if (made_sub) fsync_path(dir_, O_RDONLY | O_DIRECTORY);

  // A unique temporary name in the same directory, so the rename is atomic and concurrent puts of the same
  // bytes (other threads or processes) never write one file together.
  unsigned char random[8];
  randombytes_buf(random, sizeof random);
  char hex[sizeof random * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  fs::path temp = sub / (".tmp-" + std::string(hex));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) fail("cannot create", temp);
  try {
    if (int e = write_all(fd, bytes)) throw_file_error("cannot write", temp, e);
    if (::fsync(fd) != 0) fail("cannot fsync", temp);
  } catch (...) {
    ::close(fd);
    fs::remove(temp, ec);
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int saved = errno;
    fs::remove(temp, ec);
    errno = saved;
    fail("cannot rename into", target);
  }
  fsync_path(sub, O_RDONLY | O_DIRECTORY);
  return id;
}

std::string FileStore::read(const std::string& id) const {
  if (!exists(id)) throw NotFound("no such file");
  std::ifstream in(path_of(id), std::ios::binary);
  if (!in) throw NotFound("no such file");
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

}  // namespace civic::platform
