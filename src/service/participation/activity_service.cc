#include "service/participation/activity_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/core/error.h"
#include "domain/participation/activity.h"
#include "domain/participation/volunteer.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/evaluation/computed_statistics.h"
#include "service/participation/activity_support.h"
#include "service/participation/participation_period.h"
#include "store/participation/activity_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

using namespace activity_support;  // NOLINT(google-build-using-namespace)

ActivityService::ActivityService(store::Database& db, AuditService& audit, VolunteerService& volunteers)
    : db_(db), audit_(audit), volunteers_(volunteers) {}

namespace {

// What create() and update() check before they open a transaction.
void check_activity_input(const ActivityInput& in) {
  if (blank(in.title))
    throw InvalidInput("title", "title is required", message_key("activity.title.required"));
  if (!valid_activity_type(in.type))
    throw InvalidInput("type", "type is 志愿服务, 宣传, 文体, 环境整治, 文明实践 or 其他",
                       message_key("activity.type.unknown", {{"type", in.type}}));
  if (in.ends_at <= in.starts_at)
    throw InvalidInput("ends_at", "an activity ends after it starts",
                       message_key("activity.ends_before_start"));
  if (in.capacity < 0 || in.participants_count < 0)
    throw InvalidInput(in.capacity < 0 ? "capacity" : "participants_count", "a count is not negative",
                       message_key("activity.count.negative"));
  check_position(in.latitude, in.longitude, "latitude");
  if (!in.code.empty()) validate_unit_code(in.code);
}

// The row of a new activity `in` (checked), its unit and station in the caller's scope; its code given or
// drawn, never one that is stored or in `taken` (codes of the same batch), which it joins.
store::ActivityRow new_activity_row(store::Session& sql, const Principal& who, const ActivityInput& in,
                                    TimeMs now, std::set<std::string>& taken) {
  auto unit = store::UnitRepository(sql).find_by_code(in.unit);
  if (!unit || !who.in_scope(*unit))
    throw InvalidInput("unit", "unknown unit " + in.unit,
                       message_key("activity.unit.unknown", {{"unit", in.unit}}));
  store::ActivityRepository repo(sql);
  store::ActivityRow row;
  if (!in.station.empty()) {
    auto station = repo.find_station(in.station);
    if (!station || !who.in_scope(station->unit_path))
      throw InvalidInput("station", "unknown practice station " + in.station,
                         message_key("practice_station.unknown", {{"station", in.station}}));
    row.station_id = station->id;
    row.station_code = station->code;
  }
  row.code = in.code;
  if (row.code.empty()) {
    do {
      row.code = random_code("A");
    } while (taken.count(row.code) || repo.find(row.code));
  } else if (taken.count(row.code) || repo.find(row.code)) {
    throw Conflict("activity " + row.code + " exists already", "code",
                   message_key("activity.exists", {{"code", row.code}}));
  }
  taken.insert(row.code);
  row.unit_id = unit->id;
  row.unit_code = unit->code;
  row.type = in.type;
  row.title = in.title;
  row.starts_at = in.starts_at;
  row.ends_at = in.ends_at;
  row.place = in.place;
  row.latitude = in.latitude;
  row.longitude = in.longitude;
  row.site_code = in.site;
  row.capacity = in.capacity;
  row.description = in.description;
  row.news_link = in.news_link;
  row.participants_count = in.participants_count;
  row.qr_token = random_token();
  row.state = "planned";
  row.created_by = who.username;
  row.created_at = row.updated_at = now;
  return row;
}

}  // namespace

Activity ActivityService::create(const Principal& who, const ActivityInput& in) {
  audit_.require(who, Permission::manage_activities);
  check_activity_input(in);
  return db_.transact([&](soci::session& sql) {
    std::set<std::string> taken;
    store::ActivityRow row = new_activity_row(sql, who, in, audit_.clock().now_ms(), taken);
    store::ActivityRepository repo(sql);
    row.id = repo.insert(row);
    ComputedStatistics::refresh(sql);  // activities_per_community
    audit_.record(sql, who,
                  {"activity.create", "activity", row.code, "",
                   JsonText()
                       .add("code", row.code)
                       .add("unit", row.unit_code)
                       .add("type", row.type)
                       .add("title", row.title)
                       .add("starts_at", format_rfc3339(row.starts_at))
                       .add("ends_at", format_rfc3339(row.ends_at))
                       .add("station", row.station_code)
                       .add("capacity", row.capacity)
                       .str()});
    return activity_of(*repo.find(row.code), true);
  });
}

std::vector<std::string> ActivityService::create_many(const Principal& who,
                                                      const std::vector<ActivityInput>& inputs) {
  audit_.require(who, Permission::manage_activities);
  if (inputs.empty()) return {};
  auto in_batch = [](size_t i, auto&& f) {
    std::string at = "activities[" + std::to_string(i) + "]";
    try {
      return f();
    } catch (const InvalidInput& e) {
      throw InvalidInput(at + "." + e.field(), e.what(), e.key());
    } catch (const Conflict& e) {
      throw Conflict(e.what(), at + "." + e.field(), e.key());
    }
  };
  for (size_t i = 0; i < inputs.size(); ++i) in_batch(i, [&] { check_activity_input(inputs[i]); });
  return db_.transact([&](soci::session& sql) {
    TimeMs now = audit_.clock().now_ms();
    store::ActivityRepository repo(sql);
    std::set<std::string> taken, units;
    std::vector<std::string> codes;
    for (size_t i = 0; i < inputs.size(); ++i) {
      store::ActivityRow row = in_batch(i, [&] { return new_activity_row(sql, who, inputs[i], now, taken); });
      repo.insert(row);
      units.insert(row.unit_code);
      codes.push_back(row.code);
    }
    ComputedStatistics::refresh(sql);  // activities_per_community
    audit_.record(sql, who,
                  {"activity.create_many", "activity", "", "",
                   JsonText()
                       .add("count", static_cast<long long>(codes.size()))
                       .add("units", static_cast<long long>(units.size()))
                       .str()});
    return codes;
  });
}

std::vector<Activity> ActivityService::export_list(const Principal& who, const ActivityFilter& f) {
  audit_.require(who, Permission::read_activities);
  auto lease = db_.lease();
  soci::session& sql = *lease;
  std::string unit_path;
  if (!f.unit.empty()) {
    auto unit = store::UnitRepository(sql).find_by_code(f.unit);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + f.unit,
                         message_key("activity.unit.unknown", {{"unit", f.unit}}));
    unit_path = unit->path;
  }
  if (!f.type.empty() && !valid_activity_type(f.type))
    throw InvalidInput("type", "unknown type", message_key("activity.type.unknown", {{"type", f.type}}));
  if (!f.state.empty() && !valid_activity_state(f.state))
    throw InvalidInput("state", "state is planned, finished or cancelled",
                       message_key("activity.state.unknown", {{"state", f.state}}));
  std::optional<TimeMs> from = f.from, to = f.to;
  if (!f.period.empty()) {
    auto [a, b] = participation_period_range(sql, f.period);
    from = from ? std::max(*from, a) : a;
    to = to ? std::min(*to, b) : b;
  }
  bool manager = can(who, Permission::manage_activities);
  std::vector<Activity> out;
  for (const auto& row : store::ActivityRepository(sql).list()) {
    if (!who.in_scope(row.unit_path)) continue;
    if (!unit_path.empty() && !path_in_scope(unit_path, row.unit_path)) continue;
    if (!f.type.empty() && row.type != f.type) continue;
    if (!f.state.empty() && row.state != f.state) continue;
    if (!f.station.empty() && row.station_code != f.station) continue;
    if (!f.q.empty() && row.title.find(f.q) == std::string::npos && row.code.find(f.q) == std::string::npos)
      continue;
    if (from && row.starts_at < *from) continue;
    if (to && row.starts_at >= *to) continue;
    out.push_back(activity_of(row, manager));
  }
  return out;
}

Page<Activity> ActivityService::list(const Principal& who, const ActivityFilter& f, const PageRequest& page) {
  page.validate();
  std::vector<Activity> all = export_list(who, f);
  Page<Activity> out;
  out.total = static_cast<long long>(all.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(all[static_cast<size_t>(i)]));
  return out;
}

namespace {

// What an activity's audit record shows of it (before and after a change).
std::string activity_audit_json(const store::ActivityRow& r) {
  return JsonText()
      .add("code", r.code)
      .add("type", r.type)
      .add("title", r.title)
      .add("starts_at", format_rfc3339(r.starts_at))
      .add("ends_at", format_rfc3339(r.ends_at))
      .add("place", r.place)
      .add("station", r.station_code)
      .add("capacity", r.capacity)
      .add("participants_count", r.participants_count)
      .add("news_link", r.news_link)
      .add("state", r.state)
      .add("cancel_reason", r.cancel_reason)
      .add("version", r.version)
      .str();
}

Conflict stale(const std::string& code) {
  return Conflict("activity " + code + " was changed meanwhile", "version",
                  message_key("activity.version.stale", {{"activity", code}}));
}

// The activity `code` for an edit or a cancellation: in scope, not cancelled, still at `version`.
store::ActivityRow activity_for_edit(store::ActivityRepository& repo, const Principal& who,
                                     const std::string& code, long long version) {
  auto row = repo.find(code);
  if (!row || !who.in_scope(row->unit_path)) throw activity_not_found(code);
  if (row->state == "cancelled")
    throw Conflict("activity " + code + " is cancelled", "state",
                   message_key("activity.state", {{"state", row->state}}));
  if (row->version != version) throw stale(code);
  return *row;
}

// Writes the changed `row` read at `version` as version + 1 (409 activity.version.stale if someone wrote it
// meanwhile) and answers it as stored.
store::ActivityRow store_change(store::ActivityRepository& repo, store::ActivityRow row, long long version,
                                TimeMs now) {
  row.version = version + 1;
  row.updated_at = now;
  if (!repo.update(row, version)) throw stale(row.code);
  return *repo.find(row.code);
}

}  // namespace

Activity ActivityService::update(const Principal& who, const std::string& code, const ActivityInput& in,
                                 long long version) {
  audit_.require(who, Permission::manage_activities);
  check_activity_input(in);  // the code is not in an edit's input: it stays
  return db_.transact([&](soci::session& sql) {
    store::ActivityRepository repo(sql);
    store::ActivityRow row = activity_for_edit(repo, who, code, version);
    if (!in.unit.empty() && in.unit != row.unit_code)
      throw InvalidInput("unit", "the organiser unit of an activity does not change",
                         message_key("activity.unit.fixed", {{"unit", row.unit_code}}));
    bool times_change = in.starts_at != row.starts_at || in.ends_at != row.ends_at;
    if (times_change && !repo.records_of_activity(row.id).empty())
      throw Conflict("volunteers have checked in at " + code + "; its times stay", "starts_at",
                     message_key("activity.times.locked"));
    if (in.capacity > 0 && in.capacity < row.signups)
      throw Conflict(
          "capacity below the " + std::to_string(row.signups) + " sign-ups", "capacity",
          message_key("activity.capacity.below_signups", {{"signups", std::to_string(row.signups)}}));
    std::optional<long long> station_id;
    if (!in.station.empty()) {
      auto station = repo.find_station(in.station);
      if (!station || !who.in_scope(station->unit_path))
        throw InvalidInput("station", "unknown practice station " + in.station,
                           message_key("practice_station.unknown", {{"station", in.station}}));
      station_id = station->id;
    }
    std::string before = activity_audit_json(row);
    row.type = in.type;
    row.title = in.title;
    row.starts_at = in.starts_at;
    row.ends_at = in.ends_at;
    row.place = in.place;
    row.latitude = in.latitude;
    row.longitude = in.longitude;
    row.site_code = in.site;
    row.station_id = station_id;
    row.capacity = in.capacity;
    row.description = in.description;
    row.news_link = in.news_link;
    row.participants_count = in.participants_count;
    auto stored = store_change(repo, row, version, audit_.clock().now_ms());
    if (times_change) ComputedStatistics::refresh(sql);  // it may have moved to another period
    audit_.record(sql, who, {"activity.update", "activity", code, before, activity_audit_json(stored)});
    return activity_of(stored, true);
  });
}

Activity ActivityService::cancel(const Principal& who, const std::string& code, const std::string& reason,
                                 long long version) {
  audit_.require(who, Permission::manage_activities);
  if (blank(reason))
    throw InvalidInput("reason", "a cancellation needs a reason", message_key("activity.reason.required"));
  return db_.transact([&](soci::session& sql) {
    store::ActivityRepository repo(sql);
    store::ActivityRow row = activity_for_edit(repo, who, code, version);
    for (const auto& r : repo.records_of_activity(row.id))
      if (r.latest && r.state == "approved")
        throw Conflict("activity " + code + " has approved service hours", "state",
                       message_key("activity.cancel.approved_hours"));
    std::string before = activity_audit_json(row);
    row.state = "cancelled";
    row.cancel_reason = reason;
    auto stored = store_change(repo, row, version, audit_.clock().now_ms());
    ComputedStatistics::refresh(sql);  // a cancelled activity is not counted
    audit_.record(sql, who, {"activity.cancel", "activity", code, before, activity_audit_json(stored)});
    return activity_of(stored, true);
  });
}

Activity ActivityService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_activities);
  auto lease = db_.lease();
  soci::session& sql = *lease;
  store::ActivityRepository repo(sql);
  auto row = repo.find(code);
  if (!row || !who.in_scope(row->unit_path)) throw activity_not_found(code);
  Activity a = activity_of(*row, can(who, Permission::manage_activities));
  std::map<std::string, std::string> names;
  auto name_of = [&](const std::string& volunteer) {
    auto it = names.find(volunteer);
    if (it != names.end()) return it->second;
    auto v = volunteers_.identify(sql, volunteer);
    return names[volunteer] = v ? v->masked_name : "";
  };
  for (const auto& s : repo.signups(row->id))
    a.signups.push_back({s.volunteer_code, name_of(s.volunteer_code), s.signed_up_at});
  for (const auto& r : repo.records_of_activity(row->id))
    a.records.push_back(record_of(r, name_of(r.volunteer_code)));
  return a;
}

std::vector<ActivityReportRow> ActivityService::report(const Principal& who, const std::string& unit_code,
                                                       const std::string& period) {
  audit_.require(who, Permission::read_activities);
  if (period.empty())
    throw InvalidInput("period", "period is required", message_key("activity.period.required"));
  auto lease = db_.lease();
  soci::session& sql = *lease;
  store::UnitRepository units(sql);
  std::string unit_path;
  if (!unit_code.empty()) {
    auto unit = units.find_by_code(unit_code);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + unit_code,
                         message_key("activity.unit.unknown", {{"unit", unit_code}}));
    unit_path = unit->path;
  }
  auto [from, to] = participation_period_range(sql, period);
  std::vector<ActivityReportRow> out;
  for (const auto& t : store::ActivityRepository(sql).unit_totals(from, to)) {
    auto unit = units.find_by_id(t.unit_id);
    if (!unit || !who.in_scope(*unit)) continue;
    if (!unit_path.empty() && !path_in_scope(unit_path, unit->path)) continue;
    out.push_back({unit->code, unit->name, t.activities, t.participants, t.volunteers, t.hours});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.unit < b.unit; });
  return out;
}

}  // namespace civic::service
