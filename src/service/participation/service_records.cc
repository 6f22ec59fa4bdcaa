// ActivityService, part 2 (activity_service.h): sign-ups, check-ins and check-outs by the organiser and
// by phone, attendance sheets, and the organiser's decisions and corrections of service records.
#include <soci/soci.h>

#include <map>
#include <set>

#include "domain/core/error.h"
#include "domain/participation/activity.h"
#include "domain/participation/volunteer.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/evaluation/computed_statistics.h"
#include "service/participation/activity_service.h"
#include "service/participation/activity_support.h"
#include "store/participation/activity_repository.h"

namespace civic::service {

using namespace activity_support;  // NOLINT(google-build-using-namespace)

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

}  // namespace civic::service
