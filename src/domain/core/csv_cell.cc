#include "domain/core/csv_cell.h"

#include <charconv>
#include <cmath>

namespace civic {

namespace {

bool starts_formula(std::string_view s) {
  if (s.empty()) return false;
  switch (s.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return true;
    default:
      return false;
  }
}

bool is_number(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(v);
}

}  // namespace

std::string csv_field(std::string_view value, CsvCell kind) {
  bool neutralise = starts_formula(value) && !(kind == CsvCell::number && is_number(value));
  std::string field = neutralise ? "'" + std::string(value) : std::string(value);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_record(const std::vector<std::string>& fields, const std::vector<CsvCell>& kinds) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i], i < kinds.size() ? kinds[i] : CsvCell::text);
  }
  return out + "\r\n";
}

std::string csv_value(std::string field) {
  if (field.size() >= 2 && field.front() == '\'' && starts_formula(std::string_view(field).substr(1))) {
    field.erase(0, 1);
  }
  return field;
}

}  // namespace civic
