// JsonText: a small writer of flat JSON objects for audit before/after snapshots, so that the service layer
// needs no JSON library. Keys keep insertion order; strings are escaped per RFC 8259.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace civic::service {

class JsonText {
 public:
  JsonText& add(std::string_view key, std::string_view value);
  JsonText& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  JsonText& add(std::string_view key, long long value);
  JsonText& add(std::string_view key, int value) { return add(key, static_cast<long long>(value)); }
  JsonText& add(std::string_view key, bool value);
  // A finite number in the shortest form that reads back the same (%.17g); not finite: null.
  JsonText& add(std::string_view key, double value);
  JsonText& add(std::string_view key, const std::vector<std::string>& values);
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void key(std::string_view k);
  std::string body_;
};

// `s` as a JSON string literal, quotes included.
std::string json_quote(std::string_view s);

}  // namespace civic::service
