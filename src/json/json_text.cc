#include "json/json_text.h"

#include <boost/json.hpp>
#include <charconv>
#include <cmath>

namespace civic {
namespace {

void write(const boost::json::value& v, int indent, int depth, std::string& out) {
  auto newline = [&](int d) {
    if (indent <= 0) return;
    out += '\n';
    out.append(static_cast<size_t>(d * indent), ' ');
  };
  switch (v.kind()) {
    case boost::json::kind::null:
      out += "null";
      break;
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case boost::json::kind::int64:
      out += std::to_string(v.get_int64());
      break;
    case boost::json::kind::uint64:
      out += std::to_string(v.get_uint64());
      break;
    case boost::json::kind::double_: {
      const double d = v.get_double();
      if (!std::isfinite(d)) {
        out += "null";
        break;
      }
      char buf[32];
      auto res = std::to_chars(buf, buf + sizeof buf, d);
      std::string_view s(buf, static_cast<size_t>(res.ptr - buf));
      out += s;
      // Keep it a JSON number that reads back as a double.
      if (s.find_first_of(".eE") == std::string_view::npos) out += ".0";
      break;
    }
    case boost::json::kind::string:
      out += boost::json::serialize(v.get_string());
      break;
    case boost::json::kind::array: {
      const auto& a = v.get_array();
      if (a.empty()) {
        out += "[]";
        break;
      }
      // Short lists of scalars (curve points, site types) stay on one line.
      bool flat = a.size() <= 8;
      for (const auto& e : a) flat = flat && !e.is_object() && !e.is_array();
      out += '[';
      for (size_t i = 0; i < a.size(); ++i) {
        if (i) out += flat ? ", " : ",";
        if (!flat) newline(depth + 1);
        write(a[i], flat ? 0 : indent, depth + 1, out);
      }
      if (!flat) newline(depth);
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      const auto& o = v.get_object();
      if (o.empty()) {
        out += "{}";
        break;
      }
      out += '{';
      bool first = true;
      for (const auto& kv : o) {
        if (!first) out += ',';
        first = false;
        newline(depth + 1);
        out += boost::json::serialize(boost::json::string(kv.key()));
        out += indent > 0 ? ": " : ":";
        write(kv.value(), indent, depth + 1, out);
      }
      newline(depth);
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_json_text(const boost::json::value& value, int indent) {
  std::string out;
  write(value, indent, 0, out);
  return out;
}

boost::json::value json_number(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v;
}

}  // namespace civic
