// Unit (单位): one tree, city → district → street → community, with functional departments under the level
// they belong to. `path` is the materialized path of ids, "/1/", "/1/7/", "/1/7/42/": the subtree of a unit
// is every unit whose path starts with its path, so a scope is one indexed prefix query.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace civic {

enum class UnitType { city, district, street, community, department };

// "city", "district", "street", "community", "department".
const char* unit_type_name(UnitType type);
// The inverse of unit_type_name; throws InvalidInput{field} for anything else.
UnitType parse_unit_type(std::string_view name, std::string_view field = "type");

struct Unit {
  long long id = 0;
  std::string code;     // stable identifier, unique, e.g. "HM" or "HM-JD01"
  std::string name;     // zh-CN
  std::string name_en;  // en
  UnitType type = UnitType::community;
  std::optional<long long> parent_id;  // empty only for the root (the city)
  std::string path;                    // "/<root id>/.../<id>/"
  long long population = 0;
  int sort_order = 0;
  long long version = 1;  // optimistic locking: an update names the version it read
};

// Codes are 1..64 of [A-Za-z0-9_-]; throws InvalidInput{"code"} otherwise.
void validate_unit_code(std::string_view code);

// Whether `path` lies within the subtree rooted at `scope_path` (the unit itself included).
inline bool path_in_scope(std::string_view scope_path, std::string_view path) {
  return !scope_path.empty() && path.substr(0, scope_path.size()) == scope_path;
}

}  // namespace civic
