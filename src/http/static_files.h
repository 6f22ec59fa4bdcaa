// Serves the built web UI from a directory. GET and HEAD only. A path names a file only through plain
// segments (no "..", ".", hidden names, separators or NUL inside a segment) and must resolve inside the
// root after symlinks; anything else is 404. Files under /assets/ (hashed names) are cached for a year
// as immutable; any other unknown path that does not look like a file falls back to index.html (the
// single-page app routes it), which is served with Cache-Control: no-cache.
#pragma once

#include <filesystem>
#include <string_view>

#include "http/request.h"
#include "http/response.h"

namespace civic::http {

// The Content-Type for a file name by its extension; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view filename);

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  Response serve(const Request& request) const;

 private:
  Response file_response(const std::filesystem::path& file, bool immutable) const;
  std::filesystem::path root_;  // canonical when it exists
};

}  // namespace civic::http
