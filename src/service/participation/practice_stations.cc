// ActivityService, part 3 (activity_service.h): the 新时代文明实践中心/所/站 registry and its figures.
#include <soci/soci.h>

#include <map>

#include "domain/core/error.h"
#include "domain/participation/activity.h"
#include "domain/participation/volunteer.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/participation/activity_service.h"
#include "service/participation/activity_support.h"
#include "service/participation/participation_period.h"
#include "store/participation/activity_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

using namespace activity_support;  // NOLINT(google-build-using-namespace)

PracticeStation ActivityService::create_station(const Principal& who, const PracticeStationInput& in) {
  audit_.require(who, Permission::manage_activities);
  if (blank(in.name))
    throw InvalidInput("name", "name is required", message_key("practice_station.name.required"));
  if (!valid_station_level(in.level))
    throw InvalidInput("level", "level is center, institute or station",
                       message_key("practice_station.level.unknown", {{"level", in.level}}));
  validate_unit_code(in.code);
  check_position(in.latitude, in.longitude, "latitude");
  return db_.transact([&](soci::session& sql) {
    auto unit = store::UnitRepository(sql).find_by_code(in.unit);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + in.unit,
                         message_key("activity.unit.unknown", {{"unit", in.unit}}));
    store::ActivityRepository repo(sql);
    if (repo.find_station(in.code))
      throw Conflict("practice station " + in.code + " exists already", "code",
                     message_key("practice_station.exists", {{"code", in.code}}));
    store::StationRow row;
    row.code = in.code;
    row.name = in.name;
    row.level = in.level;
    row.unit_id = unit->id;
    row.address = in.address;
    row.latitude = in.latitude;
    row.longitude = in.longitude;
    row.created_by = who.username;
    row.created_at = audit_.clock().now_ms();
    repo.insert_station(row);
    audit_.record(sql, who,
                  {"practice_station.create", "practice_station", row.code, "",
                   JsonText()
                       .add("code", row.code)
                       .add("name", row.name)
                       .add("level", row.level)
                       .add("unit", unit->code)
                       .str()});
    auto s = *repo.find_station(row.code);
    return PracticeStation{s.code,     s.name,      s.level, s.unit_code, s.unit_name,  s.address,
                           s.latitude, s.longitude, 0,       0,           s.created_by, s.created_at};
  });
}

std::vector<PracticeStation> ActivityService::stations(const Principal& who, const std::string& unit_code,
                                                       const std::string& period) {
  audit_.require(who, Permission::read_activities);
  auto lease = db_.lease();
  soci::session& sql = *lease;
  std::string unit_path;
  if (!unit_code.empty()) {
    auto unit = store::UnitRepository(sql).find_by_code(unit_code);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + unit_code,
                         message_key("activity.unit.unknown", {{"unit", unit_code}}));
    unit_path = unit->path;
  }
  auto [from, to] = period.empty() ? std::pair<TimeMs, TimeMs>{INT64_MIN / 2, INT64_MAX / 2}
                                   : participation_period_range(sql, period);
  store::ActivityRepository repo(sql);
  std::map<long long, std::pair<long long, double>> totals;
  for (const auto& [station, t] : repo.station_totals(from, to)) totals[station] = t;
  std::vector<PracticeStation> out;
  for (const auto& s : repo.stations()) {
    if (!who.in_scope(s.unit_path)) continue;
    if (!unit_path.empty() && !path_in_scope(unit_path, s.unit_path)) continue;
    auto t = totals[s.id];
    out.push_back({s.code, s.name, s.level, s.unit_code, s.unit_name, s.address, s.latitude, s.longitude,
                   t.first, t.second, s.created_by, s.created_at});
  }
  return out;
}

}  // namespace civic::service
