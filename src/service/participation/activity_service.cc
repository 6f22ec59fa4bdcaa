#include "service/participation/activity_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/core/error.h"
#include "domain/participation/activity.h"
#include "domain/participation/volunteer.h"
#include "domain/reports/document.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/evaluation/computed_statistics.h"
#include "service/participation/participation_period.h"
#include "service/reports/render/render.h"
#include "store/participation/activity_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string random_text(const char* alphabet, size_t length) {
  std::string out;
  const auto n = static_cast<uint32_t>(std::char_traits<char>::length(alphabet));
  for (size_t i = 0; i < length; ++i) out += alphabet[randombytes_uniform(n)];
  return out;
}
std::string random_code(const char* prefix) {
  return prefix + random_text("0123456789", 8);
}
// 128 bits: a QR token is a bearer secret.
std::string random_token() {
  return random_text("abcdefghijkmnpqrstuvwxyz23456789", 26);
}
// 20 characters without look-alikes (0/O, 1/I/L), for typing from paper.
std::string random_verification_code() {
  return random_text("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 20);
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

Principal public_caller() {
  Principal p;
  p.username = "public";
  return p;
}

std::string ymd(TimeMs t) {
  return format_rfc3339(t).substr(0, 10);
}

std::string hours_text(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", h);
  return buf;
}

ServiceRecord record_of(const store::ServiceRecordRow& r, const std::string& masked_name) {
  ServiceRecord s;
  s.id = r.id;
  s.volunteer = r.volunteer_code;
  s.volunteer_name = masked_name;
  s.activity = r.activity_code;
  s.check_in = r.check_in;
  s.check_out = r.check_out;
  s.hours = r.hours;
  s.state = r.state;
  s.needs_confirmation = r.needs_confirmation;
  s.latitude = r.latitude;
  s.longitude = r.longitude;
  s.version = r.version;
  s.supersedes = r.supersedes;
  s.latest = r.latest;
  s.entered_by = r.entered_by;
  s.decided_by = r.decided_by;
  s.decided_at = r.decided_at;
  s.created_at = r.created_at;
  s.reason = r.decision_reason;
  return s;
}

std::string record_json(const store::ServiceRecordRow& r) {
  return JsonText()
      .add("id", r.id)
      .add("volunteer", r.volunteer_code)
      .add("activity", r.activity_code)
      .add("check_in", r.check_in > 0 ? format_rfc3339(r.check_in) : "")
      .add("check_out", r.check_out > 0 ? format_rfc3339(r.check_out) : "")
      .add("hours", r.hours)
      .add("state", r.state)
      .add("needs_confirmation", r.needs_confirmation)
      .add("version", r.version)
      .add("latest", r.latest)
      .add("reason", r.decision_reason)
      .str();
}

Activity activity_of(const store::ActivityRow& r, bool show_token) {
  Activity a;
  a.code = r.code;
  a.unit = r.unit_code;
  a.unit_name = r.unit_name;
  a.type = r.type;
  a.title = r.title;
  a.starts_at = r.starts_at;
  a.ends_at = r.ends_at;
  a.place = r.place;
  a.latitude = r.latitude;
  a.longitude = r.longitude;
  a.site = r.site_code;
  a.station = r.station_code;
  a.capacity = r.capacity;
  a.description = r.description;
  a.news_link = r.news_link;
  a.participants_count = r.participants_count;
  a.signup_count = r.signups;
  a.qr_token = show_token ? r.qr_token : "";
  a.state = r.state;
  a.cancel_reason = r.cancel_reason;
  a.version = r.version;
  a.created_by = r.created_by;
  a.created_at = r.created_at;
  return a;
}

NotFound activity_not_found(const std::string& code) {
  return NotFound("no activity " + code, message_key("activity.not_found", {{"code", code}}));
}

void check_position(const std::optional<double>& lat, const std::optional<double>& lng, const char* field) {
  if (lat.has_value() != lng.has_value() || (lat && (std::abs(*lat) > 90 || std::abs(*lng) > 180)))
    throw InvalidInput(field, "a position is a latitude in [-90, 90] and a longitude in [-180, 180]",
                       message_key("activity.position.invalid"));
}

// Whether a position sent by a phone is far from the activity's place (needs the organiser's confirmation).
// No position sent, while the activity has a place position: far too (it cannot be checked).
bool far_from(const store::ActivityRow& a, const std::optional<double>& lat,
              const std::optional<double>& lng) {
  if (!a.latitude || !a.longitude) return false;
  if (!lat || !lng) return true;
  return !within_check_in_radius(*a.latitude, *a.longitude, *lat, *lng);
}

double hours_of(const store::ServiceRecordRow& r, const store::ActivityRow& a) {
  return service_hours(r.check_in / 1000, r.check_out / 1000, a.starts_at / 1000, a.ends_at / 1000);
}

}  // namespace

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

// The activity `code` for an edit or a cancellation: in scope, not cancelled, still at `version`.
store::ActivityRow activity_for_edit(store::ActivityRepository& repo, const Principal& who,
                                     const std::string& code, long long version) {
  auto row = repo.find(code);
  if (!row || !who.in_scope(row->unit_path)) throw activity_not_found(code);
  if (row->state == "cancelled")
    throw Conflict("activity " + code + " is cancelled", "state",
                   message_key("activity.state", {{"state", row->state}}));
  if (row->version != version)
    throw Conflict(
        "activity " + code + " was changed meanwhile (version " + std::to_string(row->version) + ")",
        "version", message_key("activity.version.stale", {{"activity", code}}));
  return *row;
}

Conflict stale(const std::string& code) {
  return Conflict("activity " + code + " was changed meanwhile", "version",
                  message_key("activity.version.stale", {{"activity", code}}));
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
    row.version = version + 1;
    row.updated_at = audit_.clock().now_ms();
    if (!repo.update(row, version)) throw stale(code);
    auto stored = repo.find(code);
    if (times_change) ComputedStatistics::refresh(sql);  // it may have moved to another period
    audit_.record(sql, who, {"activity.update", "activity", code, before, activity_audit_json(*stored)});
    return activity_of(*stored, true);
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
    row.version = version + 1;
    row.updated_at = audit_.clock().now_ms();
    if (!repo.update(row, version)) throw stale(code);
    auto stored = repo.find(code);
    ComputedStatistics::refresh(sql);  // a cancelled activity is not counted
    audit_.record(sql, who, {"activity.cancel", "activity", code, before, activity_audit_json(*stored)});
    return activity_of(*stored, true);
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

namespace {

// The activity `code` for a change by `who` (scope) or by a phone (`token`; nullptr: an officer).
store::ActivityRow activity_for_change(store::ActivityRepository& repo, const Principal* who,
                                       const std::string& code, const std::string* token) {
  auto row = repo.find(code);
  if (!row || (who && !who->in_scope(row->unit_path))) throw activity_not_found(code);
  if (token && (token->size() != row->qr_token.size() ||
                sodium_memcmp(token->data(), row->qr_token.data(), token->size()) != 0))
    throw Forbidden("the activity's QR token does not match", message_key("activity.token.invalid"));
  if (row->state == "cancelled")
    throw Conflict("activity " + code + " is cancelled", "state",
                   message_key("activity.state", {{"state", row->state}}));
  return *row;
}

}  // namespace

// Shared by the officer's and the phone's calls.
namespace {

struct ChangeContext {
  store::ActivityRow activity;
  VolunteerIdentity volunteer;
};

}  // namespace

static ChangeContext context_for(store::Session& sql, VolunteerService& volunteers, const Principal* who,
                                 const std::string& code, const std::string& volunteer_code,
                                 const PublicCheck* check) {
  store::ActivityRepository repo(sql);
  ChangeContext c{activity_for_change(repo, who, code, check ? &check->token : nullptr), {}};
  auto v = volunteers.identify(sql, volunteer_code);
  bool phone_ok = !check || (v && check->phone_last4.size() == 4 && v->phone.size() >= 4 &&
                             v->phone.compare(v->phone.size() - 4, 4, check->phone_last4) == 0);
  if (check && (!v || !phone_ok))
    throw Forbidden("the volunteer code and phone digits do not match",
                    message_key("volunteer.identity.invalid"));
  if (!v)
    throw InvalidInput("volunteer", "unknown volunteer " + volunteer_code,
                       message_key("volunteer.not_found", {{"code", volunteer_code}}));
  if (v->state != "confirmed")
    throw Conflict("volunteer " + volunteer_code + " is not confirmed", "volunteer",
                   message_key("volunteer.not_confirmed", {{"code", volunteer_code}}));
  c.volunteer = *v;
  return c;
}

static ActivitySignup do_sign_up(store::Session& sql, AuditService& audit, const Principal& actor,
                                 const ChangeContext& c) {
  store::ActivityRepository repo(sql);
  if (repo.signed_up(c.activity.id, c.volunteer.id))
    throw Conflict("volunteer " + c.volunteer.code + " is signed up already", "volunteer",
                   message_key("activity.signup.duplicate", {{"volunteer", c.volunteer.code}}));
  if (c.activity.capacity > 0 && c.activity.signups >= c.activity.capacity)
    throw Conflict("activity " + c.activity.code + " is full", "volunteer",
                   message_key("activity.full", {{"capacity", std::to_string(c.activity.capacity)}}));
  TimeMs now = audit.clock().now_ms();
  repo.add_signup(c.activity.id, c.volunteer.id, now);
  audit.record(sql, actor,
               {"activity.sign_up", "activity", c.activity.code, "",
                JsonText().add("volunteer", c.volunteer.code).add("name", c.volunteer.masked_name).str()});
  return {c.volunteer.code, c.volunteer.masked_name, now};
}

static ServiceRecord do_check(store::Session& sql, AuditService& audit, const Principal& actor,
                              const ChangeContext& c, bool in, TimeMs at, const PublicCheck* check,
                              bool by_officer) {
  store::ActivityRepository repo(sql);
  if (!repo.signed_up(c.activity.id, c.volunteer.id))
    throw Conflict("volunteer " + c.volunteer.code + " is not signed up", "volunteer",
                   message_key("activity.not_signed_up", {{"volunteer", c.volunteer.code}}));
  auto latest = repo.latest_record(c.activity.id, c.volunteer.id);
  bool far = check && far_from(c.activity, check->latitude, check->longitude);
  store::ServiceRecordRow row;
  if (in) {
    if (latest)
      throw Conflict("volunteer " + c.volunteer.code + " has checked in already", "volunteer",
                     message_key("service_record.checked_in", {{"volunteer", c.volunteer.code}}));
    row.volunteer_id = c.volunteer.id;
    row.activity_id = c.activity.id;
    row.check_in = at;
    row.state = "pending";
    row.needs_confirmation = far;
    if (check) {
      row.latitude = check->latitude;
      row.longitude = check->longitude;
    }
    row.entered_by = by_officer ? actor.username : "";
    row.created_at = audit.clock().now_ms();
    row.id = repo.insert_record(row);
  } else {
    if (!latest || latest->check_in == 0)
      throw Conflict("volunteer " + c.volunteer.code + " has not checked in", "volunteer",
                     message_key("service_record.not_checked_in", {{"volunteer", c.volunteer.code}}));
    if (latest->check_out != 0 || latest->state != "pending")
      throw Conflict("volunteer " + c.volunteer.code + " has checked out already", "volunteer",
                     message_key("service_record.checked_out", {{"volunteer", c.volunteer.code}}));
    row = *latest;
    row.check_out = at;
    row.hours = hours_of(row, c.activity);
    row.needs_confirmation = row.needs_confirmation || far;
    repo.update_record(row);
  }
  auto stored = repo.find_record(row.id);
  audit.record(sql, actor,
               {in ? "service_record.check_in" : "service_record.check_out", "service_record",
                std::to_string(row.id), "", record_json(*stored)});
  return record_of(*stored, c.volunteer.masked_name);
}

Activity ActivityService::sign_up(const Principal& who, const std::string& code,
                                  const std::string& volunteer) {
  audit_.require(who, Permission::manage_activities);
  db_.transact([&](soci::session& sql) {
    do_sign_up(sql, audit_, who, context_for(sql, volunteers_, &who, code, volunteer, nullptr));
  });
  return get(who, code);
}

ServiceRecord ActivityService::check_in(const Principal& who, const std::string& code,
                                        const std::string& volunteer, std::optional<TimeMs> at) {
  audit_.require(who, Permission::manage_activities);
  return db_.transact([&](soci::session& sql) {
    return do_check(sql, audit_, who, context_for(sql, volunteers_, &who, code, volunteer, nullptr), true,
                    at.value_or(audit_.clock().now_ms()), nullptr, true);
  });
}

ServiceRecord ActivityService::check_out(const Principal& who, const std::string& code,
                                         const std::string& volunteer, std::optional<TimeMs> at) {
  audit_.require(who, Permission::manage_activities);
  return db_.transact([&](soci::session& sql) {
    return do_check(sql, audit_, who, context_for(sql, volunteers_, &who, code, volunteer, nullptr), false,
                    at.value_or(audit_.clock().now_ms()), nullptr, true);
  });
}

ActivitySignup ActivityService::sign_up_public(const std::string& code, const PublicCheck& check) {
  return db_.transact([&](soci::session& sql) {
    return do_sign_up(sql, audit_, public_caller(),
                      context_for(sql, volunteers_, nullptr, code, check.volunteer, &check));
  });
}

ServiceRecord ActivityService::check_in_public(const std::string& code, const PublicCheck& check) {
  check_position(check.latitude, check.longitude, "latitude");
  return db_.transact([&](soci::session& sql) {
    return do_check(sql, audit_, public_caller(),
                    context_for(sql, volunteers_, nullptr, code, check.volunteer, &check), true,
                    audit_.clock().now_ms(), &check, false);
  });
}

ServiceRecord ActivityService::check_out_public(const std::string& code, const PublicCheck& check) {
  check_position(check.latitude, check.longitude, "latitude");
  return db_.transact([&](soci::session& sql) {
    return do_check(sql, audit_, public_caller(),
                    context_for(sql, volunteers_, nullptr, code, check.volunteer, &check), false,
                    audit_.clock().now_ms(), &check, false);
  });
}

long long ActivityService::enter_attendance(const Principal& who, const std::vector<AttendanceEntry>& entries,
                                            bool approve) {
  audit_.require(who, Permission::manage_activities);
  if (entries.empty())
    throw InvalidInput("entries", "name at least one record", message_key("service_record.records.required"));
  return db_.transact([&](soci::session& sql) {
    store::ActivityRepository repo(sql);
    TimeMs now = audit_.clock().now_ms();
    // Per activity: its row, who is signed up and who has a record (stored, or earlier in the sheets).
    struct Sheet {
      store::ActivityRow activity;
      std::set<long long> signed_up, recorded;
    };
    std::map<std::string, Sheet> sheets;
    std::map<std::string, std::optional<VolunteerIdentity>> volunteers;
    std::vector<store::NewSignupRow> signups;
    std::vector<store::ServiceRecordRow> records;
    double hours = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
      const AttendanceEntry& e = entries[i];
      std::string at = "entries[" + std::to_string(i) + "]";
      auto sheet = sheets.find(e.activity);
      if (sheet == sheets.end()) {
        auto row = repo.find(e.activity);
        if (!row || !who.in_scope(row->unit_path))
          throw InvalidInput(at + ".activity", "no activity " + e.activity,
                             message_key("activity.not_found", {{"code", e.activity}}));
        if (row->state == "cancelled")
          throw Conflict("activity " + e.activity + " is cancelled", at + ".activity",
                         message_key("activity.state", {{"state", row->state}}));
        Sheet s{*row, {}, {}};
        for (const auto& g : repo.signups(row->id)) s.signed_up.insert(g.volunteer_id);
        for (const auto& r : repo.records_of_activity(row->id))
          if (r.latest) s.recorded.insert(r.volunteer_id);
        sheet = sheets.emplace(e.activity, std::move(s)).first;
      }
      Sheet& s = sheet->second;
      auto known = volunteers.find(e.volunteer);
      if (known == volunteers.end())
        known = volunteers.emplace(e.volunteer, volunteers_.identify(sql, e.volunteer)).first;
      if (!known->second)
        throw InvalidInput(at + ".volunteer", "unknown volunteer " + e.volunteer,
                           message_key("volunteer.not_found", {{"code", e.volunteer}}));
      const VolunteerIdentity& v = *known->second;
      if (v.state != "confirmed")
        throw Conflict("volunteer " + e.volunteer + " is not confirmed", at + ".volunteer",
                       message_key("volunteer.not_confirmed", {{"code", e.volunteer}}));
      if (e.check_in <= 0 || e.check_out <= e.check_in)
        throw InvalidInput(at + ".check_out", "check_out is after check_in",
                           message_key("service_record.times.invalid"));
      if (!s.recorded.insert(v.id).second)
        throw Conflict("volunteer " + v.code + " has checked in already", at + ".volunteer",
                       message_key("service_record.checked_in", {{"volunteer", v.code}}));
      if (s.signed_up.insert(v.id).second) {
        if (s.activity.capacity > 0 && s.activity.signups >= s.activity.capacity)
          throw Conflict("activity " + s.activity.code + " is full", at + ".volunteer",
                         message_key("activity.full", {{"capacity", std::to_string(s.activity.capacity)}}));
        ++s.activity.signups;
        signups.push_back({s.activity.id, v.id, e.signed_up_at > 0 ? e.signed_up_at : now});
      }
      store::ServiceRecordRow r;
      r.volunteer_id = v.id;
      r.activity_id = s.activity.id;
      r.check_in = e.check_in;
      r.check_out = e.check_out;
      r.hours = hours_of(r, s.activity);
      r.state = approve ? "approved" : "pending";
      r.entered_by = who.username;
      if (approve) {
        r.decided_by = who.username;
        r.decided_at = now;
      }
      r.created_at = now;
      hours += r.hours;
      records.push_back(std::move(r));
    }
    repo.add_signups(signups);
    repo.insert_records(records);
    ComputedStatistics::refresh(sql);  // approved hours: volunteer_hours_per_resident
    audit_.record(sql, who,
                  {"service_record.enter_many", "service_record", "", "",
                   JsonText()
                       .add("count", static_cast<long long>(records.size()))
                       .add("activities", static_cast<long long>(sheets.size()))
                       .add("signups", static_cast<long long>(signups.size()))
                       .add("hours", hours)
                       .add("approved", approve)
                       .str()});
    return static_cast<long long>(records.size());
  });
}

std::vector<ServiceRecord> ActivityService::decide_records(const Principal& who, const std::string& code,
                                                           const std::vector<long long>& ids,
                                                           const std::string& decision,
                                                           const std::string& reason) {
  audit_.require(who, Permission::manage_activities);
  if (decision != "approve" && decision != "reject" && decision != "confirm")
    throw InvalidInput("decision", "decision is approve, reject or confirm",
                       message_key("service_record.decision.unknown", {{"decision", decision}}));
  if (decision == "reject" && blank(reason))
    throw InvalidInput("reason", "a rejection needs a reason", message_key("service_record.reason.required"));
  if (ids.empty())
    throw InvalidInput("records", "name at least one record", message_key("service_record.records.required"));
  return db_.transact([&](soci::session& sql) {
    store::ActivityRepository repo(sql);
    store::ActivityRow activity = activity_for_change(repo, &who, code, nullptr);
    TimeMs now = audit_.clock().now_ms();
    std::vector<ServiceRecord> out;
    for (size_t i = 0; i < ids.size(); ++i) {
      std::string at = "records[" + std::to_string(i) + "]";
      auto row = repo.find_record(ids[i]);
      if (!row || row->activity_id != activity.id)
        throw InvalidInput(at, "no record " + std::to_string(ids[i]) + " at this activity",
                           message_key("service_record.not_found", {{"id", std::to_string(ids[i])}}));
      if (!row->latest)
        throw Conflict("record " + std::to_string(row->id) + " has been corrected", at,
                       message_key("service_record.superseded", {{"id", std::to_string(row->id)}}));
      std::string before = record_json(*row);
      if (decision == "confirm") {
        row->needs_confirmation = false;
      } else {
        if (row->state != "pending" || row->check_out == 0)
          throw Conflict("record " + std::to_string(row->id) + " is not a pending, checked-out record", at,
                         message_key("service_record.state", {{"state", row->state}}));
        if (decision == "approve" && row->needs_confirmation)
          throw Conflict("record " + std::to_string(row->id) + " was checked in far from the place", at,
                         message_key("service_record.needs_confirmation", {{"id", std::to_string(row->id)}}));
        row->state = decision == "approve" ? "approved" : "rejected";
        row->decided_by = who.username;
        row->decided_at = now;
        row->decision_reason = decision == "reject" ? reason : "";
      }
      repo.update_record(*row);
      auto stored = repo.find_record(row->id);
      audit_.record(sql, who,
                    {"service_record." + decision, "service_record", std::to_string(row->id), before,
                     record_json(*stored)});
      auto v = volunteers_.identify(sql, stored->volunteer_code);
      out.push_back(record_of(*stored, v ? v->masked_name : ""));
    }
    ComputedStatistics::refresh(sql);  // approved hours: volunteer_hours_per_resident
    return out;
  });
}

ServiceRecord ActivityService::correct_record(const Principal& who, long long id, TimeMs check_in,
                                              TimeMs check_out, const std::string& reason) {
  audit_.require(who, Permission::manage_activities);
  if (blank(reason))
    throw InvalidInput("reason", "a correction needs a reason",
                       message_key("service_record.reason.required"));
  if (check_out <= check_in)
    throw InvalidInput("check_out", "check_out is after check_in",
                       message_key("service_record.times.invalid"));
  return db_.transact([&](soci::session& sql) {
    store::ActivityRepository repo(sql);
    auto old = repo.find_record(id);
    if (!old || !who.in_scope(old->activity_unit_path))
      throw NotFound("no service record " + std::to_string(id),
                     message_key("service_record.not_found", {{"id", std::to_string(id)}}));
    if (!old->latest)
      throw Conflict("record " + std::to_string(id) + " has been corrected already", "id",
                     message_key("service_record.superseded", {{"id", std::to_string(id)}}));
    auto activity = repo.find(old->activity_code);
    store::ServiceRecordRow next = *old;
    old->latest = false;
    repo.update_record(*old);
    next.check_in = check_in;
    next.check_out = check_out;
    next.hours = hours_of(next, *activity);
    next.state = "pending";
    next.needs_confirmation = false;  // the organiser entered the times
    next.version = old->version + 1;
    next.supersedes = old->id;
    next.latest = true;
    next.entered_by = who.username;
    next.decided_by.clear();
    next.decided_at = 0;
    next.created_at = audit_.clock().now_ms();
    next.id = repo.insert_record(next);
    auto stored = repo.find_record(next.id);
    std::string after = record_json(*stored);
    after.insert(after.size() - 1,
                 ",\"reason\":" + json_quote(reason) + ",\"supersedes\":" + std::to_string(old->id));
    audit_.record(
        sql, who,
        {"service_record.correct", "service_record", std::to_string(next.id), record_json(*old), after});
    ComputedStatistics::refresh(sql);  // the old version no longer counts
    auto v = volunteers_.identify(sql, stored->volunteer_code);
    return record_of(*stored, v ? v->masked_name : "");
  });
}

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

Certificate ActivityService::issue_certificate(const Principal& who, const std::string& volunteer_code) {
  audit_.require(who, Permission::read_volunteers);
  return db_.transact([&](soci::session& sql) {
    auto v = volunteers_.identify(sql, volunteer_code);
    if (!v || !who.in_scope(v->unit_path))
      throw NotFound("no volunteer " + volunteer_code,
                     message_key("volunteer.not_found", {{"code", volunteer_code}}));
    store::ActivityRepository repo(sql);
    Certificate c;
    c.volunteer = v->code;
    c.name = v->name;
    std::string ids = "[";
    for (const auto& r : repo.approved_records(v->id)) {
      c.records.push_back({r.id, r.activity_code, r.activity_title, r.check_in, r.check_out, r.hours});
      c.hours += r.hours;
      ids += (ids.size() > 1 ? "," : "") + std::to_string(r.id);
    }
    ids += "]";
    c.stars = volunteer_stars(c.hours);
    c.issued_by = who.username;
    c.issued_at = audit_.clock().now_ms();
    do {
      c.verification_code = random_verification_code();
    } while (repo.find_certificate(c.verification_code));
    repo.insert_certificate({0, c.verification_code, v->id, c.hours, c.stars, ids, c.issued_by, c.issued_at});
    audit_.record(sql, who,
                  {"volunteer_certificate.issue", "volunteer", v->code, "",
                   JsonText()
                       .add("volunteer", v->code)
                       .add("name", v->masked_name)
                       .add("verification_code", c.verification_code)
                       .add("hours", c.hours)
                       .add("stars", c.stars)
                       .add("records", static_cast<long long>(c.records.size()))
                       .str()});

    reports::Document doc;
    doc.title = "志愿服务证明";
    doc.issuer = "创建全国文明城市工作领导小组办公室";
    doc.date = ymd(c.issued_at);
    doc.footer = "验证码 " + c.verification_code;
    reports::Section opening;
    opening.key = "opening";
    opening.level = 0;
    std::string stars = c.stars > 0 ? std::string() : "无";
    for (int i = 0; i < c.stars; ++i) stars += "★";
    opening.blocks.push_back({reports::Block::Kind::paragraph,
                              "兹证明" + v->name + "（志愿者编号 " + v->code + "）经审核的志愿服务时长累计 " +
                                  hours_text(c.hours) + " 小时，星级" + stars + "。",
                              {},
                              {}});
    doc.sections.push_back(opening);
    reports::Section records;
    records.key = "records";
    records.title = "服务记录";
    reports::Table table;
    table.caption = "经审核的服务记录";
    table.sheet = "服务记录";
    table.header = {"活动编号", "活动", "签到", "签退", "时长（小时）"};
    for (const auto& r : c.records)
      table.rows.push_back({r.activity, r.title, format_rfc3339(r.check_in).substr(0, 16),
                            format_rfc3339(r.check_out).substr(0, 16), hours_text(r.hours)});
    records.blocks.push_back({reports::Block::Kind::table, "", table, {}});
    doc.sections.push_back(records);
    reports::Section verify;
    verify.key = "verify";
    verify.title = "核验";
    verify.blocks.push_back({reports::Block::Kind::paragraph,
                             "本证明的验证码为 " + c.verification_code +
                                 "，可通过 /api/public/certificates/" + c.verification_code + " 核验。",
                             {},
                             {}});
    doc.sections.push_back(verify);
    c.pdf = render::render_document(doc, {}, "pdf").bytes;
    return c;
  });
}

Certificate ActivityService::verify_certificate(const std::string& code) {
  auto lease = db_.lease();
  soci::session& sql = *lease;
  store::ActivityRepository repo(sql);
  auto row = repo.find_certificate(code);
  if (!row) throw NotFound("no certificate " + code, message_key("certificate.not_found", {{"code", code}}));
  Certificate c;
  c.verification_code = row->verification_code;
  c.hours = row->hours;
  c.stars = static_cast<int>(row->stars);
  c.issued_by = row->issued_by;
  c.issued_at = row->issued_at;
  // The records it certified, as they are (a later correction keeps the certified version).
  std::set<long long> certified;
  std::string list = row->record_ids;
  for (size_t i = 0; i < list.size();) {
    if (!std::isdigit(static_cast<unsigned char>(list[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < list.size() && std::isdigit(static_cast<unsigned char>(list[j]))) ++j;
    certified.insert(std::stoll(list.substr(i, j - i)));
    i = j;
  }
  for (long long id : certified) {
    auto r = repo.find_record(id);
    if (!r) continue;
    if (c.volunteer.empty()) c.volunteer = r->volunteer_code;
    c.records.push_back({r->id, r->activity_code, r->activity_title, r->check_in, r->check_out, r->hours});
  }
  long long vid = row->volunteer_id;
  std::string vcode;
  sql << "SELECT code FROM volunteers WHERE id = :i", soci::use(vid), soci::into(vcode);
  auto v = volunteers_.identify(sql, vcode);
  c.volunteer = vcode;
  c.name = v ? v->masked_name : "";
  return c;
}

}  // namespace civic::service
