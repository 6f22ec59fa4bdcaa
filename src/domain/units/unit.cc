#include "domain/units/unit.h"

#include "domain/core/error.h"

namespace civic {

const char* unit_type_name(UnitType type) {
  switch (type) {
    case UnitType::city:
      return "city";
    case UnitType::district:
      return "district";
    case UnitType::street:
      return "street";
    case UnitType::community:
      return "community";
    case UnitType::department:
      return "department";
  }
  return "community";
}

UnitType parse_unit_type(std::string_view name, std::string_view field) {
  for (UnitType t :
       {UnitType::city, UnitType::district, UnitType::street, UnitType::community, UnitType::department}) {
    if (name == unit_type_name(t)) return t;
  }
  throw InvalidInput(std::string(field),
                     "unknown unit type '" + std::string(name) +
                         "' (expected city, district, street, community or department)",
                     message_key("unit.type.unknown", {{"type", std::string(name)}}));
}

void validate_unit_code(std::string_view code) {
  bool ok = !code.empty() && code.size() <= 64;
  for (char c : code) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }
  if (!ok)
    throw InvalidInput("code", "unit code must be 1-64 characters of letters, digits, '-' or '_'",
                       message_key("unit.code.invalid"));
}

}  // namespace civic
