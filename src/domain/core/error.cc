#include "domain/core/error.h"

#include <algorithm>

namespace civic {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::unauthenticated:
      return "unauthenticated";
    case ErrorCode::forbidden:
      return "forbidden";
    case ErrorCode::not_found:
      return "not_found";
    case ErrorCode::conflict:
      return "conflict";
    case ErrorCode::too_large:
      return "too_large";
    case ErrorCode::rate_limited:
      return "rate_limited";
  }
  return "internal";
}

std::string printable_message(std::string message) {
  auto is_control = [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; };
  if (std::none_of(message.begin(), message.end(), is_control)) return message;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(message.size() + 16);
  for (char c : message) {
    if (!is_control(c)) {
      out += c;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

}  // namespace civic
