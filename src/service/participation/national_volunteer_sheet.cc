#include "service/participation/national_volunteer_sheet.h"

#include <soci/soci.h>

#include <cstdio>
#include <map>
#include <set>

#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/units/unit.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/participation/participation_period.h"
#include "store/participation/activity_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

// "2026-03-02 09:00" in the business time zone; "" for 0 (not checked out).
std::string local_minute(TimeMs t) {
  if (t == 0) return "";
  std::string utc = format_rfc3339(t + static_cast<TimeMs>(business_time_zone().offset_minutes) * 60000);
  return utc.substr(0, 10) + " " + utc.substr(11, 5);
}

std::string one_decimal(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace

NationalVolunteerSheet::NationalVolunteerSheet(store::Database& db, AuditService& audit,
                                               VolunteerService& volunteers)
    : db_(db), audit_(audit), volunteers_(volunteers) {}

std::vector<NationalRecordLine> NationalVolunteerSheet::lines(const Principal& who,
                                                              const std::string& unit_code,
                                                              const std::string& period) {
  audit_.require(who, Permission::read_activities);
  audit_.require(who, Permission::reveal_personal_data);
  if (period.empty())
    throw InvalidInput("period", "period is required", message_key("activity.period.required"));
  return db_.transact([&](soci::session& sql) {
    std::string within;
    if (!unit_code.empty()) {
      auto unit = store::UnitRepository(sql).find_by_code(unit_code);
      if (!unit || !who.in_scope(*unit))
        throw InvalidInput("unit", "unknown unit " + unit_code,
                           message_key("activity.unit.unknown", {{"unit", unit_code}}));
      within = unit->path;
    }
    auto [from, to] = participation_period_range(sql, period);
    store::ActivityRepository repo(sql);
    std::map<std::string, std::optional<store::ActivityRow>> activities;
    std::map<std::string, std::optional<VolunteerIdentity>> people;
    std::vector<NationalRecordLine> out;
    std::set<std::string> volunteers;
    for (const auto& r : repo.approved_records_between(from, to)) {
      if (!who.in_scope(r.activity_unit_path)) continue;
      if (!within.empty() && !path_in_scope(within, r.activity_unit_path)) continue;
      auto a = activities.find(r.activity_code);
      if (a == activities.end()) a = activities.emplace(r.activity_code, repo.find(r.activity_code)).first;
      auto v = people.find(r.volunteer_code);
      if (v == people.end())
        v = people.emplace(r.volunteer_code, volunteers_.identify(sql, r.volunteer_code, true)).first;
      if (!a->second || !v->second) continue;
      NationalRecordLine line;
      line.record_id = r.id;
      line.name = v->second->name;
      line.id_type = "居民身份证";
      line.id_number = v->second->id_number;
      line.phone = v->second->phone;
      line.activity = a->second->code;
      line.activity_title = a->second->title;
      line.activity_type = a->second->type;
      line.place = a->second->place;
      line.organiser = a->second->unit_code;
      line.organiser_name = a->second->unit_name;
      line.check_in = r.check_in;
      line.check_out = r.check_out;
      line.hours = r.hours;
      line.recorded_by = r.decided_by;
      line.recorded_at = r.decided_at;
      volunteers.insert(r.volunteer_code);
      out.push_back(std::move(line));
    }
    audit_.record(sql, who,
                  {"service_record.export_national", "service_record", "", "",
                   JsonText()
                       .add("period", period)
                       .add("unit", unit_code)
                       .add("records", static_cast<long long>(out.size()))
                       .add("volunteers", static_cast<long long>(volunteers.size()))
                       .str()});
    return out;
  });
}

std::vector<std::string> NationalVolunteerSheet::header() {
  return {"序号",     "姓名",     "证件类型",     "证件号码",     "手机号码",         "活动名称",
          "服务类别", "服务地点", "服务开始时间", "服务结束时间", "服务时长（小时）", "组织单位",
          "记录人",   "记录时间", "活动编号",     "记录编号"};
}

std::vector<std::string> NationalVolunteerSheet::cells(const NationalRecordLine& l, size_t index) {
  return {std::to_string(index),
          l.name,
          l.id_type,
          l.id_number,
          l.phone,
          l.activity_title,
          l.activity_type,
          l.place,
          local_minute(l.check_in),
          local_minute(l.check_out),
          one_decimal(l.hours),
          l.organiser_name,
          l.recorded_by,
          local_minute(l.recorded_at),
          l.activity,
          std::to_string(l.record_id)};
}

}  // namespace civic::service
