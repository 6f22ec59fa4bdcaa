// FileStore: content-addressed blobs (photos, evidence documents) under one directory, named by the SHA-256
// of their bytes: `<dir>/ab/cdef…` for id "abcdef…" (64 lowercase hex digits). A put writes a temporary file,
// fsyncs it, renames it into place and fsyncs the directory, so a put that returned is durable and a reader
// never sees a partial file; the same bytes again give the same id and one file. Blobs are never changed;
// several processes may share the directory. No metadata here: rows live in the database (PhotoService).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace civic::platform {

class FileStore {
 public:
  // The directory (and its parents) is created by the first put; throws std::runtime_error when it cannot.
  explicit FileStore(std::filesystem::path dir);

  // A new private path under the system temporary directory (tests, commands that keep no files); created
  // only when something is put there, and not removed.
  static std::filesystem::path temporary_directory();

  // Stores `bytes` durably; returns their id (SHA-256, lowercase hex). Idempotent.
  std::string put(std::string_view bytes);
  // Whether `id` is well formed and its blob exists.
  bool exists(const std::string& id) const;
  // Where the blob of `id` is (whether or not it exists); throws InvalidInput("id") for a malformed id, so a
  // path never leaves the directory.
  std::filesystem::path path_of(const std::string& id) const;
  // The blob's bytes; throws NotFound when missing.
  std::string read(const std::string& id) const;

  const std::filesystem::path& directory() const { return dir_; }

  // Whether `id` is 64 lowercase hex digits.
  static bool well_formed(std::string_view id);
  // SHA-256 of `bytes` as lowercase hex.
  static std::string sha256_hex(std::string_view bytes);

 private:
  std::filesystem::path dir_;
};

}  // namespace civic::platform
