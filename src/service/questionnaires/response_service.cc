#include "service/questionnaires/response_service.h"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <cmath>

#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "domain/evaluation/evidence.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/questionnaires/definition_json.h"
#include "service/questionnaires/questionnaire_common.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

using namespace questionnaire_detail;
namespace json = boost::json;

namespace {

constexpr TimeMs kClockSkewMs = 10LL * 60 * 1000;

void validate_client_id(const std::string& id) {
  if (id.empty() || id.size() > 100)
    throw InvalidInput("client_id", "client_id has 1 to 100 characters",
                       message_key("response.client_id.invalid"));
  for (char c : id) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok)
      throw InvalidInput("client_id", "client_id holds only letters, digits, '-' and '_' (a UUID)",
                         message_key("response.client_id.invalid"));
  }
}

bool is_database_error(const std::exception& e) {
  return dynamic_cast<const civic::Error*>(&e) == nullptr;
}

// What makes a resubmission the same answer: its content, canonically serialized, and who sent it.
std::string body_hash(const Principal* who, const SubmitResponse& in) {
  json::object o{{"questionnaire", in.questionnaire},
                 {"version", in.version},
                 {"unit", in.input.unit},
                 {"attributes", attributes_to_json(in.input.attributes)},
                 {"answers", answers_to_json(in.input.answers)},
                 {"started_at", in.started_at ? json::value(*in.started_at) : json::value(nullptr)},
                 {"mode", who ? "interview" : "public"}};
  if (who) {
    o["interviewer"] = who->username;
    o["submitted_at"] = in.submitted_at ? json::value(*in.submitted_at) : json::value(nullptr);
    o["lat"] = in.lat ? json::value(*in.lat) : json::value(nullptr);
    o["lon"] = in.lon ? json::value(*in.lon) : json::value(nullptr);
    o["assignment"] = in.assignment ? json::value(*in.assignment) : json::value(nullptr);
  }
  return platform::sha256_hex(json::serialize(o));
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// The evidence row of a counted response: one answer per question that feeds a framework item.
std::optional<Response> evidence_of(const QuestionnaireDefinition& d,
                                    const store::QuestionnaireResponseRow& row,
                                    const std::string& unit_code) {
  json::value parsed = json::parse(row.answers);
  auto all = answers_from_json(&parsed);
  Response r;
  r.id = "Q" + std::to_string(row.id);
  r.unit = unit_code;
  r.date = civil_date_of(row.submitted_at);
  for (const QnQuestion& q : d.questions) {
    if (q.items.empty()) continue;
    auto a = all.find(q.code);
    if (a == all.end() || a->second.values.empty() || a->second.values[0].empty()) continue;
    r.answers.emplace_back(q.code, a->second.values[0]);
  }
  if (r.answers.empty()) return std::nullopt;
  return r;
}

// Makes `row` counted: its evidence row (when it feeds an item), the revision bumped first.
std::string count_it(soci::session& sql, const QuestionnaireDefinition& d,
                     const store::QuestionnaireResponseRow& row, TimeMs now) {
  auto evidence = evidence_of(d, row, row.unit_code);
  if (!evidence) return "";
  store::EvaluationRepository repo(sql);
  repo.bump_revision();  // first: orders writers, so evidence ids grow in commit order
  if (repo.response_exists(evidence->id)) return evidence->id;
  repo.insert_response(*evidence, row.unit_id, now);
  return evidence->id;
}

QuestionnaireResponse response_of(const store::QuestionnaireResponseRow& row,
                                  const std::optional<store::QuestionnaireReviewRow>& review) {
  QuestionnaireResponse r;
  r.id = row.id;
  r.version = row.version;
  r.unit = row.unit_code;
  r.unit_name = row.unit_name;
  json::value attributes = json::parse(row.attributes);
  r.attributes = attributes_from_json(&attributes);
  json::value answers = json::parse(row.answers);
  r.answers = answers_from_json(&answers);
  r.mode = row.mode;
  r.interviewer = row.interviewer;
  r.started_at = row.started_at;
  r.submitted_at = row.submitted_at;
  if (row.duration_ms) r.duration_seconds = static_cast<double>(*row.duration_ms) / 1000.0;
  r.flags = split(row.flags);
  r.over_quota = row.over_quota;
  r.status = row.status;
  r.lat = row.lat;
  r.lon = row.lon;
  if (review)
    r.review = ResponseReview{review->decision, review->reason, review->reviewed_by, review->reviewed_at};
  return r;
}

std::string status_json(const store::QuestionnaireResponseRow& row) {
  return JsonText()
      .add("id", row.id)
      .add("status", row.status)
      .add("flags", split(row.flags))
      .add("over_quota", row.over_quota)
      .str();
}

// The earlier answer under the client id, or nullopt; Conflict when its body differs.
std::optional<SubmitResult> earlier(soci::session& sql, long long qid, const std::string& client_id,
                                    const std::string& hash) {
  auto row = store::QuestionnaireRepository(sql).find_client_id(qid, client_id);
  if (!row) return std::nullopt;
  if (row->body_hash != hash)
    throw Conflict("client_id " + client_id + " was used for a different answer", "client_id",
                   message_key("response.client_id_reused", {{"client_id", client_id}}));
  return SubmitResult{row->id, row->status, false};
}

}  // namespace

SubmitResult ResponseService::submit(const Principal* who, SubmitResponse in) {
  if (who) audit_.require(*who, Permission::submit_interviews);
  validate_client_id(in.client_id);
  if (in.version < 1)
    throw InvalidInput("version", "version is required", message_key("response.version.unknown"));
  TimeMs now = audit_.clock().now_ms();
  if (!who) {
    in.submitted_at = now;
    in.lat.reset();
    in.lon.reset();
    in.assignment.reset();
  } else if (!in.submitted_at) {
    in.submitted_at = now;
  }
  if (*in.submitted_at > now + kClockSkewMs)
    throw InvalidInput("submitted_at", "submitted_at is in the future", message_key("response.time.future"));
  if (in.started_at && (*in.started_at > *in.submitted_at))
    throw InvalidInput("started_at", "started_at is after submitted_at", message_key("response.time.order"));
  if (in.lat && !(*in.lat >= -90 && *in.lat <= 90))
    throw InvalidInput("lat", "lat is from -90 to 90", message_key("response.lat.range"));
  if (in.lon && !(*in.lon >= -180 && *in.lon <= 180))
    throw InvalidInput("lon", "lon is from -180 to 180", message_key("response.lon.range"));
  if (in.device_token.size() > 200)
    throw InvalidInput("X-Device-Token", "the device token is at most 200 bytes",
                       message_key("response.device.invalid"));
  std::string hash = body_hash(who, in);
  std::string device_hash = in.device_token.empty() ? "" : platform::sha256_hex(in.device_token);

  auto attempt = [&]() -> SubmitResult {
    return db_.transact([&](soci::session& sql) -> SubmitResult {
      store::QuestionnaireRow q = load(sql, nullptr, in.questionnaire, true);
      if (q.published_version == 0) not_found(in.questionnaire);
      if (auto e = earlier(sql, q.id, in.client_id, hash)) return *e;
      if (q.state == "closed") closed(in.questionnaire);
      auto d = in.version <= q.published_version ? version_definition(sql, q.id, in.version) : nullptr;
      if (!d)
        throw InvalidInput(
            "version", "questionnaire " + in.questionnaire + " has no version " + std::to_string(in.version),
            message_key("response.version.unknown"));
      std::vector<std::string> codes = d->units;
      codes.push_back(in.input.unit);
      for (const auto& quota : d->quotas) codes.push_back(quota.unit());
      auto paths = unit_paths(sql, codes);
      validate_response(*d, in.input, paths);
      const std::string& unit_path = paths.at(in.input.unit);

      store::QuestionnaireRepository repo(sql);
      store::QuestionnaireResponseRow row;
      row.questionnaire_id = q.id;
      row.version = in.version;
      row.client_id = in.client_id;
      row.body_hash = hash;
      auto unit = store::UnitRepository(sql).find_by_code(in.input.unit);
      row.unit_id = unit->id;
      row.unit_code = unit->code;
      row.attributes = json::serialize(attributes_to_json(in.input.attributes));
      row.answers = json::serialize(answers_to_json(in.input.answers));
      row.mode = who ? "interview" : "public";
      row.device_hash = device_hash;
      row.started_at = in.started_at;
      row.submitted_at = *in.submitted_at;
      row.received_at = now;
      if (in.started_at) row.duration_ms = *in.submitted_at - *in.started_at;
      row.lat = in.lat;
      row.lon = in.lon;
      if (who) {
        row.interviewer = who->username;
        bool allowed = who->in_scope(unit_path);
        if (in.assignment) {
          auto a = repo.find_assignment(*in.assignment);
          if (!a || a->questionnaire_id != q.id || a->interviewer_id != who->user_id)
            throw InvalidInput("assignment", "no assignment " + std::to_string(*in.assignment) + " of yours",
                               message_key("response.assignment.unknown"));
          allowed = path_in_scope(a->unit_path, unit_path);
          row.assignment_id = a->id;
        }
        if (!allowed)
          throw InvalidInput("unit", "unit " + in.input.unit + " is outside your assignment or scope",
                             message_key("response.unit.outside", {{"unit", in.input.unit}}));
      }

      // Flags.
      std::vector<std::string> flags;
      if (!device_hash.empty() && repo.counted_device_exists(q.id, device_hash))
        flags.push_back("duplicate_device");
      if (straight_lining(*d, in.input.answers)) flags.push_back("straight_lining");
      if (row.duration_ms) {
        auto median = repo.counted_median_duration(q.id, kSpeedingMinCounted);
        if (speeding(static_cast<double>(*row.duration_ms), median)) flags.push_back("speeding");
      }
      for (const auto& f : flags) row.flags += (row.flags.empty() ? "" : ",") + f;
      // Quota.
      if (auto match = match_quota(*d, paths, unit_path, in.input.attributes)) {
        row.quota_key = match->key;
        row.over_quota = repo.counted_in_quota(q.id, match->key) >= d->quotas[match->index].target;
      }
      row.status = !flags.empty() ? "flagged" : row.over_quota ? "over_quota" : "counted";
      row.id = repo.insert_response(row);
      if (row.status == "counted") {
        row.evidence_code = count_it(sql, *d, row, now);
        if (!row.evidence_code.empty()) repo.set_status(row.id, row.status, row.evidence_code);
      }
      if (who) {
        audit_.record(sql, *who,
                      {"response.submit", "questionnaire_response", std::to_string(row.id), "",
                       JsonText()
                           .add("questionnaire", in.questionnaire)
                           .add("version", static_cast<long long>(in.version))
                           .add("client_id", in.client_id)
                           .add("unit", in.input.unit)
                           .add("status", row.status)
                           .add("flags", flags)
                           .str()});
      }
      return SubmitResult{row.id, row.status, true};
    });
  };
  try {
    return attempt();
  } catch (const std::exception& e) {
    if (!is_database_error(e)) throw;
    // A concurrent retry committed the same client_id first: answer like a retry.
    auto lease = db_.lease();
    auto q = store::QuestionnaireRepository(*lease).find(in.questionnaire);
    if (q)
      if (auto answer = earlier(*lease, q->id, in.client_id, hash)) return *answer;
    throw;
  }
}

Page<QuestionnaireResponse> ResponseService::list(const Principal& who, const std::string& code,
                                                  const ResponseListFilter& f, const PageRequest& page) {
  page.validate();
  ResponseTable t = table(who, code, f);
  Page<QuestionnaireResponse> out;
  out.total = static_cast<long long>(t.responses.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(t.responses[static_cast<size_t>(i)]));
  return out;
}

ResponseTable ResponseService::table(const Principal& who, const std::string& code,
                                     const ResponseListFilter& f) {
  audit_.require(who, Permission::review_responses);
  if (!f.status.empty() && f.status != "counted" && f.status != "flagged" && f.status != "over_quota" &&
      f.status != "rejected")
    throw InvalidInput("status", "status is counted, flagged, over_quota or rejected",
                       message_key("response.status.unknown", {{"status", f.status}}));
  if (!f.flag.empty() && f.flag != "duplicate_device" && f.flag != "straight_lining" && f.flag != "speeding")
    throw InvalidInput("flag", "flag is duplicate_device, straight_lining or speeding",
                       message_key("response.flag.unknown", {{"flag", f.flag}}));
  auto lease = db_.lease();
  soci::session& sql = *lease;
  auto q = load(sql, &who, code);
  ResponseTable t;
  t.definition = current_definition(sql, q);
  if (q.published_version > 0) t.definition = *version_definition(sql, q.id, q.published_version);
  store::QuestionnaireRepository repo(sql);
  store::ResponseFilter rf{f.status, f.flag, std::nullopt};
  std::string scope_path;
  if (!f.unit.empty()) {
    auto u = store::UnitRepository(sql).find_by_code(f.unit);
    if (!u || !who.in_scope(*u))
      throw InvalidInput("unit", "no unit " + f.unit,
                         message_key("questionnaire.unit.unknown", {{"unit", f.unit}}));
    scope_path = u->path;
  }
  std::map<long long, store::QuestionnaireReviewRow> reviews;
  for (auto& r : repo.latest_reviews(q.id)) reviews.emplace(r.response_id, std::move(r));
  for (const auto& row : repo.responses(q.id, rf)) {
    if (!who.in_scope(row.unit_path)) continue;
    if (!scope_path.empty() && !path_in_scope(scope_path, row.unit_path)) continue;
    auto rv = reviews.find(row.id);
    t.responses.push_back(response_of(row, rv == reviews.end() ? std::nullopt : std::optional(rv->second)));
  }
  return t;
}

QuestionnaireResponse ResponseService::accept(const Principal& who, long long id, const std::string& reason) {
  return review(who, id, "accept", reason);
}

QuestionnaireResponse ResponseService::reject(const Principal& who, long long id, const std::string& reason) {
  return review(who, id, "reject", reason);
}

QuestionnaireResponse ResponseService::review(const Principal& who, long long id, const std::string& decision,
                                              const std::string& reason) {
  audit_.require(who, Permission::review_responses);
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InvalidInput("reason", "a reason is required", message_key("response.reason.required"));
  if (text_problem(reason, kLongText))
    throw InvalidInput("reason", "the reason is too long or holds characters it may not",
                       message_key("response.reason.invalid"));
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRepository repo(sql);
    auto row = repo.find_response(id);
    auto missing = [&] {
      throw NotFound("no response " + std::to_string(id),
                     message_key("response.not_found", {{"id", std::to_string(id)}}));
    };
    if (!row || !who.in_scope(row->unit_path)) missing();
    auto q = repo.find_by_id(row->questionnaire_id);
    load(sql, &who, q->code, true);  // scope and lock
    std::string before = status_json(*row);
    TimeMs now = audit_.clock().now_ms();
    if (decision == "accept") {
      if (row->status == "counted")
        throw Conflict("response " + std::to_string(id) + " is counted already", "status",
                       message_key("response.already_counted", {{"id", std::to_string(id)}}));
      auto d = version_definition(sql, q->id, row->version);
      row->status = "counted";
      row->evidence_code = count_it(sql, *d, *row, now);
    } else {
      if (row->status == "rejected")
        throw Conflict("response " + std::to_string(id) + " is rejected already", "status",
                       message_key("response.already_rejected", {{"id", std::to_string(id)}}));
      if (row->status == "counted" && !row->evidence_code.empty()) {
        store::EvaluationRepository evaluation(sql);
        evaluation.bump_revision();
        evaluation.bump_structure_revision();  // evidence left: the score caches reload
        evaluation.delete_response(row->evidence_code);
      }
      row->status = "rejected";
      row->evidence_code.clear();
    }
    repo.set_status(id, row->status, row->evidence_code);
    store::QuestionnaireReviewRow rv{0, id, decision, reason, who.username, now};
    repo.insert_review(rv);
    audit_.record(sql, who,
                  {"response." + decision, "questionnaire_response", std::to_string(id), before,
                   JsonText().add("id", id).add("status", row->status).add("reason", reason).str()});
    return response_of(*row, rv);
  });
}

std::vector<QuotaFill> ResponseService::quotas(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_questionnaires);
  auto lease = db_.lease();
  soci::session& sql = *lease;
  auto q = load(sql, &who, code);
  QuestionnaireDefinition d = current_definition(sql, q);
  if (q.published_version > 0) d = *version_definition(sql, q.id, q.published_version);
  store::QuestionnaireRepository repo(sql);
  // Counts per quota key and status, over every response.
  std::map<std::string, std::map<std::string, long long>> by_key;
  for (const auto& row : repo.responses(q.id, {})) ++by_key[row.quota_key][row.status];
  std::vector<QuotaFill> out;
  store::UnitRepository units(sql);
  for (const auto& quota : d.quotas) {
    auto unit = units.find_by_code(quota.unit());
    if (!unit || !who.in_scope(*unit)) continue;
    QuotaFill f;
    f.stratum = quota.stratum;
    f.unit_name = unit->name;
    f.target = quota.target;
    auto& counts = by_key[quota_key(quota)];
    f.counted = counts["counted"];
    f.over_quota = counts["over_quota"];
    f.flagged = counts["flagged"];
    f.fill = quota.target > 0 ? static_cast<double>(f.counted) / static_cast<double>(quota.target) : 0;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace civic::service
