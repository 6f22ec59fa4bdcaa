#include "service/units/unit_place.h"

#include <cstdlib>
#include <vector>

#include "store/units/unit_repository.h"

namespace civic::service {

std::string unit_place(store::Session& sql, long long unit_id) {
  store::UnitRepository units(sql);
  auto unit = units.find_by_id(unit_id);
  if (!unit) return "";
  if (!unit->parent_id) return unit->name;
  // The path lists the ids from the root down ("/1/7/23/"); the root (the city) is left out.
  std::vector<long long> ids;
  std::string::size_type at = 1;
  while (at < unit->path.size()) {
    auto slash = unit->path.find('/', at);
    if (slash == std::string::npos) break;
    ids.push_back(std::atoll(unit->path.substr(at, slash - at).c_str()));
    at = slash + 1;
  }
  std::string place;
  for (std::size_t i = 1; i < ids.size(); ++i) {
    std::string name = ids[i] == unit->id ? unit->name : "";
    if (name.empty()) {
      auto ancestor = units.find_by_id(ids[i]);
      if (!ancestor) continue;
      name = ancestor->name;
    }
    if (!place.empty()) place += " · ";
    place += name;
  }
  return place;
}

}  // namespace civic::service
