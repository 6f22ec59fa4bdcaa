#include "http/static_files.h"

#include <array>
#include <cctype>
#include <fstream>
#include <sstream>
#include <utility>

namespace civic::http {

namespace fs = std::filesystem;

std::string_view content_type_for(std::string_view filename) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kTypes{{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".wasm", "application/wasm"},
      {".pdf", "application/pdf"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".csv", "text/csv; charset=utf-8"},
      {".webmanifest", "application/manifest+json"},
  }};
  size_t dot = filename.rfind('.');
  if (dot != std::string_view::npos) {
    std::string ext(filename.substr(dot));
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [suffix, type] : kTypes) {
      if (ext == suffix) return type;
    }
  }
  return "application/octet-stream";
}

namespace {

bool plain_segment(const std::string& s) {
  if (s.empty() || s.front() == '.') return false;  // "", ".", "..", hidden files
  return s.find_first_of(std::string_view("/\\\0:", 4)) == std::string::npos;
}

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

Response not_found() {
  Response r;
  r.status = 404;
  r.set_header("Content-Type", "text/plain; charset=utf-8");
  r.body = "not found\n";
  return r;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::path canonical = fs::canonical(root_, ec);
  if (!ec) root_ = canonical;
}

Response StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = Response::error(405, "method_not_allowed", "only GET and HEAD are allowed here", "method");
    r.set_header("Allow", "GET, HEAD");
    return r;
  }
  fs::path file = root_;
  bool plain = true;
  for (const std::string& segment : request.segments) {
    if (segment.empty()) continue;  // a trailing slash
    if (!plain_segment(segment)) plain = false;
    file /= segment;
  }
  if (!plain) return not_found();
  bool under_assets = !request.segments.empty() && request.segments[0] == "assets";
  std::error_code ec;
  fs::path resolved = fs::canonical(file, ec);
  if (!ec && inside(root_, resolved) && fs::is_regular_file(resolved, ec)) {
    return file_response(resolved, under_assets);
  }
  // Paths that name a file (an extension in the last segment) or an asset are real misses; the rest are
  // client-side routes of the single-page app.
  bool looks_like_file = !request.segments.empty() && request.segments.back().find('.') != std::string::npos;
  if (under_assets || looks_like_file) return not_found();
  fs::path index = root_ / "index.html";
  if (!fs::is_regular_file(index, ec)) return not_found();
  return file_response(index, false);
}

Response StaticFiles::file_response(const fs::path& file, bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  if (!in) return not_found();
  std::ostringstream content;
  content << in.rdbuf();
  Response r;
  r.status = 200;
  r.body = std::move(content).str();
  r.set_header("Content-Type", std::string(content_type_for(file.filename().string())));
  r.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace civic::http
