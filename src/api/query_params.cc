#include "api/query_params.h"

#include <charconv>

#include "domain/civil_date.h"
#include "domain/error.h"

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

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

PageRequest page_request(const http::Request& request) {
  PageRequest page;
  page.page = int_param(request, "page", 1);
  page.page_size = int_param(request, "page_size", 20);
  page.validate();
  return page;
}

std::optional<TimeMs> parse_time(std::string_view text) {
  auto date = parse_iso_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  TimeMs t = static_cast<TimeMs>(day_number(*date)) * 86'400'000;
  if (text.size() == 10) return t;
  int hh, mm, ss;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || !digits(text, 11, 2, hh) ||
      text[13] != ':' || !digits(text, 14, 2, mm) || text[16] != ':' || !digits(text, 17, 2, ss) || hh > 23 ||
      mm > 59 || ss > 60) {
    return std::nullopt;
  }
  size_t pos = 19;
  int millis = 0;
  if (text[pos] == '.') {
    size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    std::string frac(text.substr(start, std::min<size_t>(pos - start, 3)));
    frac.resize(3, '0');
    millis = std::stoi(frac);
  }
  if (pos + 1 != text.size() || (text[pos] != 'Z' && text[pos] != 'z')) return std::nullopt;
  return t + ((hh * 60 + mm) * 60 + ss) * 1000LL + millis;
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
