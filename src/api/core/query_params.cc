#include "api/core/query_params.h"

#include <charconv>

#include "domain/core/civil_date.h"
#include "domain/core/error.h"

namespace civic::api {

namespace {

int int_param(const http::Request& request, const char* name, int fallback) {
  auto text = request.query_param(name);
  if (!text) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) {
    throw InvalidInput(name, std::string(name) + " must be a whole number");
  }
  return value;
}

}  // namespace

PageRequest page_request(const http::Request& request) {
  PageRequest page;
  page.page = int_param(request, "page", 1);
  page.page_size = int_param(request, "page_size", 20);
  page.validate();
  return page;
}

std::optional<TimeMs> time_param(const http::Request& request, std::string_view name) {
  auto text = request.query_param(name);
  if (!text || text->empty()) return std::nullopt;
  auto t = parse_time(*text);
  if (!t) {
    throw InvalidInput(std::string(name),
                       std::string(name) + " must be an RFC 3339 UTC time or a YYYY-MM-DD date");
  }
  return t;
}

}  // namespace civic::api
