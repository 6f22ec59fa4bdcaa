#include "service/evaluation/period_service.h"

#include <boost/json.hpp>

#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/evaluation/computed_statistics.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::service {

namespace {

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

InvalidInput required(const char* field) {
  return InvalidInput(field, std::string(field) + " is required",
                      message_key("input.required", {{"field", field}}));
}

std::string audit_json(const Period& p) {
  boost::json::object o{{"code", p.code},
                        {"name", p.name},
                        {"start", p.start},
                        {"end", p.end},
                        {"state", p.state},
                        {"framework", p.framework_code},
                        {"version", p.framework_version}};
  return boost::json::serialize(o);
}

store::PeriodRow find_or_throw(store::EvaluationRepository& repo, const std::string& code) {
  auto row = repo.find_period(code);
  if (!row)
    throw NotFound("period " + quoted(code) + " not found",
                   message_key("period.not_found", {{"period", code}}));
  return *row;
}

}  // namespace

Period PeriodService::create(const Principal& who, const NewPeriod& input) {
  audit_.require(who, Permission::manage_periods);
  if (input.code.empty()) throw required("code");
  if (input.name.empty()) throw required("name");
  if (input.framework.empty()) throw required("framework");
  auto start = parse_iso_date(input.start), end = parse_iso_date(input.end);
  if (!start)
    throw InvalidInput("start", "start must be a date YYYY-MM-DD",
                       message_key("period.date.invalid", {{"field", "start"}}));
  if (!end)
    throw InvalidInput("end", "end must be a date YYYY-MM-DD",
                       message_key("period.date.invalid", {{"field", "end"}}));
  if (to_iso(*start) > to_iso(*end))
    throw InvalidInput("end", "end must not be before start", message_key("period.dates.order"));
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    auto fw = input.version > 0 ? repo.framework_version(input.framework, input.version)
                                : repo.latest_framework(input.framework);
    if (!fw) {
      throw InvalidInput(
          "version",
          "framework " + quoted(input.framework) + " version " + std::to_string(input.version) +
              " does not exist",
          message_key("framework.version.not_found",
                      {{"framework", input.framework}, {"version", std::to_string(input.version)}}));
    }
    if (repo.find_period(input.code)) {
      throw Conflict("period " + quoted(input.code) + " already exists", "code",
                     message_key("period.code.taken", {{"period", input.code}}));
    }
    std::string s = to_iso(*start), e = to_iso(*end);
    for (const auto& other : repo.list_periods()) {
      if (other.framework_code != input.framework) continue;
      if (other.start <= e && s <= other.end) {
        throw Conflict("period " + quoted(other.code) + " of the same framework runs from " + other.start +
                           " to " + other.end + " and overlaps",
                       "start",
                       message_key("period.overlap",
                                   {{"period", other.code}, {"start", other.start}, {"end", other.end}}));
      }
    }
    store::PeriodRow row;
    row.code = input.code;
    row.name = input.name;
    row.start = s;
    row.end = e;
    row.framework_id = fw->id;
    repo.insert_period(row, now);
    repo.bump_structure_revision();
    ComputedStatistics::refresh(sql);
    Period created = period_of(*repo.find_period(input.code));
    audit_.record(sql, who, AuditEvent{"period.create", "period", created.code, "", audit_json(created)});
    return created;
  });
}

Period PeriodService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_framework);
  auto lease = db_.lease();
  store::EvaluationRepository repo(*lease);
  return period_of(find_or_throw(repo, code));
}

Period PeriodService::close(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::manage_periods);
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    auto row = find_or_throw(repo, code);
    if (row.state == "closed") {
      throw Conflict("period " + quoted(code) + " is already closed", "state",
                     message_key("period.already_closed", {{"period", code}}));
    }
    Period before = period_of(row);
    repo.close_period(row.id, now, who.username, evaluation_.counted_evidence_document(sql, row));
    repo.bump_structure_revision();
    Period after = period_of(*repo.find_period(code));
    audit_.record(sql, who,
                  AuditEvent{"period.close", "period", code, audit_json(before), audit_json(after)});
    return after;
  });
}

Period PeriodService::reopen(const Principal& who, const std::string& code, const std::string& reason) {
  audit_.require(who, Permission::manage_periods);
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) throw required("reason");
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    auto row = find_or_throw(repo, code);
    if (row.state != "closed") {
      throw Conflict("period " + quoted(code) + " is not closed", "state",
                     message_key("period.not_closed", {{"period", code}}));
    }
    Period before = period_of(row);
    repo.reopen_period(row.id);
    repo.bump_structure_revision();
    ComputedStatistics::refresh(sql);
    Period after = period_of(*repo.find_period(code));
    boost::json::object o = boost::json::parse(audit_json(after)).as_object();
    o["reason"] = reason;
    audit_.record(sql, who,
                  AuditEvent{"period.reopen", "period", code, audit_json(before), boost::json::serialize(o)});
    return after;
  });
}

}  // namespace civic::service
