// Test-only helpers shared by the bundle tests: reading files and comparing JSON like
// /work/shared/tools/check-scoring does (every expected key present, numbers within a tolerance).
#pragma once

#include <boost/json.hpp>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace civic::bundle::testing {

inline std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The first difference between `expected` and `got` as "path: …", or empty when they agree.
inline std::string json_diff(const boost::json::value& expected, const boost::json::value& got,
                             const std::string& path = "$", double tol = 1e-6) {
  namespace json = boost::json;
  auto number = [](const json::value& v) -> std::optional<double> {
    if (v.is_int64()) return static_cast<double>(v.get_int64());
    if (v.is_uint64()) return static_cast<double>(v.get_uint64());
    if (v.is_double()) return v.get_double();
    return std::nullopt;
  };
  if (expected.is_null() || expected.is_bool() || expected.is_string())
    return expected == got
               ? ""
               : path + ": expected " + json::serialize(expected) + ", got " + json::serialize(got);
  if (auto e = number(expected)) {
    auto g = number(got);
    if (g && std::fabs(*e - *g) <= tol) return "";
    return path + ": expected " + json::serialize(expected) + ", got " + json::serialize(got);
  }
  if (expected.is_array()) {
    if (!got.is_array()) return path + ": expected a list";
    const auto &ea = expected.get_array(), &ga = got.get_array();
    if (ea.size() != ga.size())
      return path + ": expected " + std::to_string(ea.size()) + " entries, got " + std::to_string(ga.size());
    for (size_t i = 0; i < ea.size(); ++i)
      if (auto d = json_diff(ea[i], ga[i], path + "[" + std::to_string(i) + "]", tol); !d.empty()) return d;
    return "";
  }
  if (!got.is_object()) return path + ": expected an object";
  for (const auto& kv : expected.get_object()) {
    const auto* g = got.get_object().if_contains(kv.key());
    if (!g) return path + "." + std::string(kv.key()) + ": missing";
    if (auto d = json_diff(kv.value(), *g, path + "." + std::string(kv.key()), tol); !d.empty()) return d;
  }
  return "";
}

}  // namespace civic::bundle::testing
