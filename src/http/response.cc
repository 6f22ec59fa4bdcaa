#include "http/response.h"

#include <algorithm>
#include <cctype>

#include "json/json_text.h"

namespace civic::http {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

Response Response::json(int status, const boost::json::value& value) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  r.body = to_json_text(value, 0);
  return r;
}

Response Response::error(int status, std::string_view code, std::string_view message, std::string_view field,
                         const MessageKey& key) {
  boost::json::object inner;
  inner["code"] = code;
  inner["key"] = key.key.empty() ? "error." + std::string(code) : key.key;
  boost::json::object args;
  for (const auto& [name, value] : key.args) args[name] = value;
  inner["args"] = std::move(args);
  inner["message"] = message;
  inner["field"] = field;
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return json(status, outer);
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

void Response::set_header(std::string_view name, std::string value) {
  std::erase_if(headers, [&](const auto& h) { return iequals(h.first, name); });
  headers.emplace_back(std::string(name), std::move(value));
}

void Response::add_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) return value;
  }
  return std::nullopt;
}

}  // namespace civic::http
