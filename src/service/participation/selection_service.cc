#include "service/participation/selection_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include <boost/json.hpp>
#include <cmath>
#include <cstdio>

#include "domain/core/error.h"
#include "domain/participation/selection.h"
#include "domain/participation/volunteer.h"
#include "domain/units/unit.h"
#include "platform/sealed_box.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/evaluation/computed_statistics.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

constexpr size_t kMaxCriteria = 50;

std::string random_code(const char* prefix) {
  std::string code = prefix;
  for (int i = 0; i < 8; ++i) code += static_cast<char>('0' + randombytes_uniform(10));
  return code;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string points_json(const std::map<std::string, double>& points) {
  boost::json::object o;
  for (const auto& [code, p] : points) o[code] = p;
  return boost::json::serialize(o);
}

std::map<std::string, double> points_of(const std::string& text) {
  std::map<std::string, double> out;
  boost::json::value v = boost::json::parse(text);
  for (const auto& [code, p] : v.as_object()) out[std::string(code)] = p.to_number<double>();
  return out;
}

std::string candidate_audit(const store::SelectionCandidateRow& r) {
  return JsonText()
      .add("code", r.code)
      .add("selection", r.selection_code)
      .add("name", r.name)
      .add("unit", r.unit_code)
      .add("stage", r.stage)
      .add("withdrawn_reason", r.withdrawn_reason)
      .add("title_valid_until", static_cast<long long>(r.title_valid_until))
      .str();
}

Principal anonymous() {
  Principal p;
  p.username = "public";
  return p;
}

// "8", "7.5": a number for messages and notes.
std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Each candidate action and the permission it needs.
struct Step {
  const char* action;
  Permission permission;
};

const Step kSteps[] = {
    {"review", Permission::nominate_selections},     {"score", Permission::review_selections},
    {"start-notice", Permission::manage_selections}, {"approve", Permission::manage_selections},
    {"name", Permission::manage_selections},         {"withdraw", Permission::manage_selections},
    {"renew", Permission::manage_selections},        {"revoke", Permission::manage_selections},
};

void refuse_stage(const store::SelectionCandidateRow& row, const std::string& action) {
  throw Conflict("candidate " + row.code + " is " + row.stage + "; " + action + " is not its next step",
                 "stage", message_key("selection.stage", {{"stage", row.stage}, {"action", action}}));
}

void check_deadline(TimeMs deadline, TimeMs now, const char* stage) {
  if (deadline > 0 && now > deadline)
    throw Conflict(std::string("the ") + stage + " deadline has passed", "deadline",
                   message_key("selection.deadline.passed", {{"stage", stage}}));
}

}  // namespace

SelectionService::SelectionService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {
  platform::ensure_sodium();
  key_.assign(crypto_aead_xchacha20poly1305_ietf_KEYBYTES, '\0');
  randombytes_buf(key_.data(), key_.size());
}

store::SelectionRow SelectionService::load_selection(store::Session& sql, const std::string& code) {
  auto row = store::SelectionRepository(sql).find(code);
  if (!row) throw NotFound("no selection " + code, message_key("selection.not_found", {{"code", code}}));
  return *row;
}

store::SelectionCandidateRow SelectionService::load_candidate(store::Session& sql, const Principal& who,
                                                              const std::string& code, bool panel) {
  auto row = store::SelectionRepository(sql).find_candidate(code);
  if (!row || (!panel && !who.in_scope(row->unit_path)))
    throw NotFound("no candidate " + code, message_key("selection_candidate.not_found", {{"code", code}}));
  return *row;
}

SelectionObjection SelectionService::objection_of(const store::SelectionObjectionRow& r) const {
  return {r.id,
          r.candidate_code,
          r.text,
          r.contact_name,
          mask_phone(platform::open_sealed(key_, r.contact_phone_sealed)),
          r.state,
          r.resolution_note,
          r.resolved_by,
          r.resolved_at,
          r.lodged_at};
}

SelectionCandidate SelectionService::candidate_of(const store::SelectionCandidateRow& r,
                                                  const store::SelectionRow& s) const {
  SelectionCandidate c;
  c.code = r.code;
  c.selection = s.code;
  c.name = r.name;
  c.unit = r.unit_code;
  c.unit_name = r.unit_name;
  c.nominated_by = r.nominated_by;
  c.nominated_by_unit = r.nominated_by_unit_code;
  c.materials = r.materials;
  c.stage = r.stage;
  c.withdrawn_reason = r.withdrawn_reason;
  c.scores = r.scores;
  if (r.scores > 0) c.mean_score = r.score_sum / static_cast<double>(r.scores);
  c.objections = r.objections;
  c.open_objections = r.open_objections;
  c.notice_started_at = r.notice_started_at;
  c.notice_ends_at =
      r.notice_started_at > 0 ? notice_ends_at(r.notice_started_at, static_cast<int>(s.notice_days)) : 0;
  c.named_at = r.named_at;
  c.title_valid_until = r.title_valid_until;
  c.reexamined_at = r.reexamined_at;
  c.flagged_for_withdrawal = r.stage == "named" && r.negative_events > 0;
  c.created_at = r.created_at;
  return c;
}

std::vector<Selection> SelectionService::list(const Principal& who) {
  audit_.require(who, Permission::read_selections);
  auto lease = db_.lease();
  store::SelectionRepository repo(*lease);
  std::vector<Selection> out;
  for (const auto& r : repo.list()) {
    Selection s{r.code,
                r.kind,
                r.title,
                r.period,
                r.quota,
                r.notice_days,
                r.term_years,
                r.nomination_deadline,
                r.review_deadline,
                r.scoring_deadline,
                {},
                r.created_by,
                r.created_at,
                0,
                {}};
    s.candidates_total = static_cast<long long>(repo.candidates(r.id).size());
    out.push_back(std::move(s));
  }
  return out;
}

Selection SelectionService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_selections);
  auto lease = db_.lease();
  store::SelectionRow r = load_selection(*lease, code);
  bool panel = can(who, Permission::review_selections);
  Selection s{r.code,
              r.kind,
              r.title,
              r.period,
              r.quota,
              r.notice_days,
              r.term_years,
              r.nomination_deadline,
              r.review_deadline,
              r.scoring_deadline,
              {},
              r.created_by,
              r.created_at,
              0,
              {}};
  for (const auto& c : r.criteria) s.criteria.push_back({c.code, c.text, c.max_points});
  for (const auto& c : store::SelectionRepository(*lease).candidates(r.id)) {
    ++s.candidates_total;
    if (panel || who.in_scope(c.unit_path)) s.candidates.push_back(candidate_of(c, r));
  }
  return s;
}

SelectionCandidate SelectionService::candidate(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_selections);
  auto lease = db_.lease();
  store::SelectionRepository repo(*lease);
  store::SelectionCandidateRow row =
      load_candidate(*lease, who, code, can(who, Permission::review_selections));
  store::SelectionRow s = *repo.find(row.selection_code);
  SelectionCandidate c = candidate_of(row, s);
  for (const auto& sc : repo.scores(row.id))
    c.score_sheets.push_back({sc.reviewer, points_of(sc.points), sc.total, sc.scored_at});
  for (const auto& o : repo.objections(row.id)) c.objection_list.push_back(objection_of(o));
  for (const auto& e : repo.events(row.id))
    c.events.push_back({e.from_stage, e.to_stage, e.actor, e.note, e.at});
  return c;
}

Selection SelectionService::create(const Principal& who, const SelectionInput& in) {
  audit_.require(who, Permission::manage_selections);
  if (!in.code.empty()) validate_unit_code(in.code);
  if (!valid_selection_kind(in.kind))
    throw InvalidInput("kind",
                       "kind is civilized_unit, civilized_family, civilized_community, civilized_campus or "
                       "civilized_trade",
                       message_key("selection.kind.unknown", {{"kind", in.kind}}));
  if (blank(in.title))
    throw InvalidInput("title", "title is required", message_key("selection.title.required"));
  if (blank(in.period))
    throw InvalidInput("period", "period is required", message_key("selection.period.required"));
  if (in.quota < 1 || in.quota > 100000)
    throw InvalidInput("quota", "quota is 1 to 100000", message_key("selection.quota.invalid"));
  if (in.notice_days < 1 || in.notice_days > 90)
    throw InvalidInput("notice_days", "notice_days is 1 to 90", message_key("selection.notice_days.invalid"));
  if (in.term_years < 1 || in.term_years > 10)
    throw InvalidInput("term_years", "term_years is 1 to 10", message_key("selection.term_years.invalid"));
  if (in.criteria.empty() || in.criteria.size() > kMaxCriteria)
    throw InvalidInput("criteria", "1 to 50 criteria", message_key("selection.criteria.count"));
  std::vector<store::SelectionCriterionRow> criteria;
  for (size_t i = 0; i < in.criteria.size(); ++i) {
    const auto& c = in.criteria[i];
    std::string at = "criteria[" + std::to_string(i) + "]";
    if (blank(c.code) || blank(c.text))
      throw InvalidInput(at + ".code", "a criterion has a code and a text",
                         message_key("selection.criterion.required"));
    if (!(c.max_points > 0) || c.max_points > 1000)
      throw InvalidInput(at + ".max_points", "max_points is above 0 and at most 1000",
                         message_key("selection.criterion.max_points"));
    for (const auto& other : criteria)
      if (other.code == c.code)
        throw InvalidInput(at + ".code", "criterion " + c.code + " twice",
                           message_key("selection.criterion.duplicate", {{"code", c.code}}));
    criteria.push_back({c.code, c.text, c.max_points});
  }
  return db_.transact([&](soci::session& sql) {
    store::SelectionRepository repo(sql);
    store::SelectionRow row;
    row.code = in.code;
    if (row.code.empty()) {
      do {
        row.code = random_code("SEL");
      } while (repo.find(row.code));
    } else if (repo.find(row.code)) {
      throw Conflict("selection " + row.code + " exists already", "code",
                     message_key("selection.exists", {{"code", row.code}}));
    }
    row.kind = in.kind;
    row.title = in.title;
    row.period = in.period;
    row.quota = in.quota;
    row.notice_days = in.notice_days;
    row.term_years = in.term_years;
    row.nomination_deadline = in.nomination_deadline;
    row.review_deadline = in.review_deadline;
    row.scoring_deadline = in.scoring_deadline;
    row.criteria = criteria;
    row.created_by = who.username;
    row.created_at = audit_.clock().now_ms();
    repo.insert(row);
    std::vector<std::string> codes;
    for (const auto& c : criteria) codes.push_back(c.code);
    audit_.record(sql, who,
                  {"selection.create", "selection", row.code, "",
                   JsonText()
                       .add("code", row.code)
                       .add("kind", row.kind)
                       .add("title", row.title)
                       .add("period", row.period)
                       .add("quota", row.quota)
                       .add("notice_days", row.notice_days)
                       .add("term_years", row.term_years)
                       .add("criteria", codes)
                       .str()});
    Selection s{row.code,
                row.kind,
                row.title,
                row.period,
                row.quota,
                row.notice_days,
                row.term_years,
                row.nomination_deadline,
                row.review_deadline,
                row.scoring_deadline,
                {},
                row.created_by,
                row.created_at,
                0,
                {}};
    for (const auto& c : criteria) s.criteria.push_back({c.code, c.text, c.max_points});
    return s;
  });
}

SelectionCandidate SelectionService::nominate(const Principal& who, const std::string& selection,
                                              const NominationInput& in) {
  audit_.require(who, Permission::nominate_selections);
  if (in.materials.size() > 20000)
    throw InvalidInput("materials", "materials are at most 20000 bytes",
                       message_key("selection.materials.too_long"));
  return db_.transact([&](soci::session& sql) {
    store::SelectionRow s = load_selection(sql, selection);
    TimeMs now = audit_.clock().now_ms();
    check_deadline(s.nomination_deadline, now, "nomination");
    auto unit = store::UnitRepository(sql).find_by_code(in.unit);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "unknown unit " + in.unit,
                         message_key("selection.unit.unknown", {{"unit", in.unit}}));
    bool family = s.kind == "civilized_family";
    if (family && blank(in.name))
      throw InvalidInput("name", "a family candidate needs the family's name",
                         message_key("selection.name.required"));
    store::SelectionRepository repo(sql);
    if (!family) {
      for (const auto& c : repo.candidates(s.id))
        if (c.unit_id == unit->id && c.stage != "withdrawn")
          throw Conflict("unit " + unit->code + " is a candidate already", "unit",
                         message_key("selection.candidate.duplicate", {{"unit", unit->code}}));
    }
    store::SelectionCandidateRow row;
    do {
      row.code = random_code("SC");
    } while (repo.find_candidate(row.code));
    row.selection_id = s.id;
    row.selection_code = s.code;
    row.name = blank(in.name) ? unit->name : in.name;
    row.unit_id = unit->id;
    row.unit_code = unit->code;
    // The nominating unit: the caller's own (the unit itself or a superior one); the console: the unit
    // itself.
    row.nominated_by_unit_id = who.unit_id > 0 ? who.unit_id : unit->id;
    row.nominated_by = who.username;
    row.materials = in.materials;
    row.stage = "nominated";
    row.created_at = row.updated_at = now;
    row.id = repo.insert_candidate(row);
    repo.insert_event(row.id, {"", "nominated", who.username, "", now});
    audit_.record(
        sql, who,
        {"selection_candidate.nominate", "selection_candidate", row.code, "", candidate_audit(row)});
    return candidate_of(*repo.find_candidate(row.id), s);
  });
}

SelectionCandidate SelectionService::act(const Principal& who, const std::string& code,
                                         const std::string& action,
                                         const std::map<std::string, double>& points,
                                         const std::string& note) {
  const Step* step = nullptr;
  for (const Step& s : kSteps)
    if (action == s.action) step = &s;
  if (!step)
    throw InvalidInput("action", "unknown action " + action,
                       message_key("selection.action.unknown", {{"action", action}}));
  audit_.require(who, step->permission);
  bool needs_reason = action == "withdraw" || action == "revoke";
  if (needs_reason && blank(note))
    throw InvalidInput("note", "a withdrawal needs a reason", message_key("selection.reason.required"));
  return db_.transact([&](soci::session& sql) {
    store::SelectionRepository repo(sql);
    bool scoring = action == "score";
    // The panel scores candidates of any unit; everyone else acts within scope.
    store::SelectionCandidateRow row = load_candidate(sql, who, code, scoring);
    store::SelectionRow s = *repo.find(row.selection_code);
    std::string before = candidate_audit(row);
    TimeMs now = audit_.clock().now_ms();
    std::string from = row.stage;
    std::string event_note = note;
    bool moves = true;
    if (action == "review") {
      if (!selection_transition_allowed(row.stage, "reviewed")) refuse_stage(row, action);
      check_deadline(s.review_deadline, now, "review");
      // Preliminary review by a superior unit: the caller's unit strictly above the candidate's.
      if (!who.is_cli && (who.unit_path == row.unit_path || !path_in_scope(who.unit_path, row.unit_path)))
        throw Forbidden("only a superior unit of " + row.unit_code + " reviews its candidates",
                        message_key("selection.review.not_superior", {{"unit", row.unit_code}}));
      row.stage = "reviewed";
    } else if (scoring) {
      if (row.stage != "reviewed" && row.stage != "scored") refuse_stage(row, action);
      check_deadline(s.scoring_deadline, now, "scoring");
      if (!who.is_cli && !reviewer_may_score(who.unit_path, row.unit_path))
        throw Forbidden("a reviewer does not score a candidate of their own unit or one below it",
                        message_key("selection.reviewer.own_unit", {{"unit", row.unit_code}}));
      double total = 0;
      for (size_t i = 0; i < s.criteria.size(); ++i) {
        const auto& c = s.criteria[i];
        auto p = points.find(c.code);
        if (p == points.end())
          throw InvalidInput("points." + c.code, "criterion " + c.code + " is not scored",
                             message_key("selection.points.missing", {{"criterion", c.code}}));
        if (!std::isfinite(p->second) || p->second < 0 || p->second > c.max_points)
          throw InvalidInput("points." + c.code, "points are 0 to the criterion's maximum",
                             message_key("selection.points.range",
                                         {{"criterion", c.code}, {"max", number_text(c.max_points)}}));
        total += p->second;
      }
      for (const auto& [criterion, p] : points) {
        bool known = false;
        for (const auto& c : s.criteria) known = known || c.code == criterion;
        if (!known)
          throw InvalidInput("points." + criterion, "no criterion " + criterion,
                             message_key("selection.criterion.unknown", {{"criterion", criterion}}));
      }
      repo.upsert_score(row.id, {who.username, points_json(points), total, now});
      moves = row.stage == "reviewed";
      row.stage = "scored";
      event_note = "total " + number_text(total);
      audit_.record(sql, who,
                    {"selection_candidate.score", "selection_candidate", row.code, "",
                     JsonText()
                         .add("reviewer", who.username)
                         .add("points", points_json(points))
                         .add("total", total)
                         .str()});
    } else if (action == "start-notice") {
      if (!selection_transition_allowed(row.stage, "in_notice")) refuse_stage(row, action);
      row.stage = "in_notice";
      row.notice_started_at = now;
    } else if (action == "approve") {
      if (!selection_transition_allowed(row.stage, "approved")) refuse_stage(row, action);
      if (row.open_objections > 0)
        throw Conflict(
            "candidate " + row.code + " has an open objection", "objections",
            message_key("selection.objection.open", {{"count", std::to_string(row.open_objections)}}));
      if (!notice_ended(row.notice_started_at, static_cast<int>(s.notice_days), now))
        throw Conflict("the public notice of " + row.code + " has not ended", "notice",
                       message_key("selection.notice.not_ended"));
      if (repo.titled_count(s.id) >= s.quota)
        throw Conflict("the quota of " + std::to_string(s.quota) + " titles is reached", "quota",
                       message_key("selection.quota.reached", {{"quota", std::to_string(s.quota)}}));
      row.stage = "approved";
    } else if (action == "name") {
      if (!selection_transition_allowed(row.stage, "named")) refuse_stage(row, action);
      row.stage = "named";
      row.named_at = now;
      row.title_valid_until = title_term_end(now, static_cast<int>(s.term_years));
    } else if (action == "withdraw") {
      if (!selection_transition_allowed(row.stage, "withdrawn") || row.stage == "named")
        refuse_stage(row, action);
      row.stage = "withdrawn";
      row.withdrawn_reason = note;
    } else if (action == "renew") {
      if (row.stage != "named") refuse_stage(row, action);
      row.reexamined_at = now;
      row.title_valid_until =
          title_term_end(std::max(row.title_valid_until, now), static_cast<int>(s.term_years));
      event_note = note.empty() ? "renewed" : note;
    } else {  // revoke
      if (row.stage != "named") refuse_stage(row, action);
      row.stage = "withdrawn";
      row.withdrawn_reason = note;
      row.reexamined_at = now;
    }
    if (moves) {
      row.updated_at = now;
      repo.update_candidate(row);
      repo.insert_event(row.id, {from, row.stage, who.username, event_note, now});
      // A title named, renewed or revoked changes civilized_family_share.
      if (action == "name" || action == "renew" || action == "revoke") ComputedStatistics::refresh(sql);
      std::string audit_action = "selection_candidate." + action;
      for (char& ch : audit_action)
        if (ch == '-') ch = '_';
      if (!scoring)
        audit_.record(sql, who,
                      {audit_action, "selection_candidate", row.code, before, candidate_audit(row)});
    }
    return candidate_of(*repo.find_candidate(row.id), s);
  });
}

SelectionObjection SelectionService::resolve_objection(const Principal& who, long long id, bool uphold,
                                                       const std::string& note) {
  audit_.require(who, Permission::manage_selections);
  if (blank(note))
    throw InvalidInput("note", "a resolution needs a note", message_key("selection.objection.note_required"));
  return db_.transact([&](soci::session& sql) {
    store::SelectionRepository repo(sql);
    auto o = repo.find_objection(id);
    std::optional<store::SelectionCandidateRow> c;
    if (o) c = repo.find_candidate(o->candidate_id);
    if (!o || !c || !who.in_scope(c->unit_path))
      throw NotFound("no objection " + std::to_string(id),
                     message_key("selection_objection.not_found", {{"id", std::to_string(id)}}));
    if (o->state != "open")
      throw Conflict("objection " + std::to_string(id) + " is " + o->state, "state",
                     message_key("selection.objection.state", {{"state", o->state}}));
    TimeMs now = audit_.clock().now_ms();
    o->state = uphold ? "upheld" : "dismissed";
    o->resolution_note = note;
    o->resolved_by = who.username;
    o->resolved_at = now;
    repo.update_objection(*o);
    audit_.record(sql, who,
                  {uphold ? "selection_objection.uphold" : "selection_objection.dismiss",
                   "selection_objection", std::to_string(id), "",
                   JsonText().add("candidate", c->code).add("state", o->state).add("note", note).str()});
    if (uphold && c->stage != "withdrawn" && c->stage != "named") {
      std::string before = candidate_audit(*c);
      std::string from = c->stage;
      c->stage = "withdrawn";
      c->withdrawn_reason = "objection upheld: " + note;
      c->updated_at = now;
      repo.update_candidate(*c);
      repo.insert_event(c->id, {from, "withdrawn", who.username, c->withdrawn_reason, now});
      audit_.record(
          sql, who,
          {"selection_candidate.withdraw", "selection_candidate", c->code, before, candidate_audit(*c)});
    }
    return objection_of(*repo.find_objection(id));
  });
}

PublicNotice SelectionService::public_notice(const std::string& code) {
  auto lease = db_.lease();
  store::SelectionRow s = load_selection(*lease, code);
  PublicNotice out{s.code, s.kind, s.title, s.period, s.notice_days, {}};
  for (const auto& r : store::SelectionRepository(*lease).candidates(s.id, "in_notice")) {
    SelectionCandidate c = candidate_of(r, s);
    out.candidates.push_back({c.code, c.name, c.unit_name, s.code, s.title, s.kind, s.period, c.mean_score,
                              c.notice_ends_at, 0, 0});
  }
  return out;
}

SelectionObjection SelectionService::lodge_objection(const std::string& code, const ObjectionInput& in) {
  if (blank(in.text))
    throw InvalidInput("text", "text is required", message_key("selection.objection.text_required"));
  if (blank(in.contact_name))
    throw InvalidInput("contact_name", "contact_name is required",
                       message_key("selection.objection.contact_required"));
  if (!valid_mainland_phone(in.contact_phone))
    throw InvalidInput("contact_phone", "contact_phone must be 11 digits beginning with 1",
                       message_key("volunteer.phone.invalid"));
  return db_.transact([&](soci::session& sql) {
    store::SelectionRow s = load_selection(sql, code);
    store::SelectionRepository repo(sql);
    auto c = repo.find_candidate(in.candidate);
    if (!c || c->selection_id != s.id || c->stage != "in_notice")
      throw InvalidInput("candidate", "no candidate " + in.candidate + " in this notice",
                         message_key("selection.objection.candidate_unknown", {{"candidate", in.candidate}}));
    TimeMs now = audit_.clock().now_ms();
    if (notice_ended(c->notice_started_at, static_cast<int>(s.notice_days), now))
      throw Conflict("the public notice has ended", "candidate", message_key("selection.notice.ended"));
    store::SelectionObjectionRow row;
    row.candidate_id = c->id;
    row.text = in.text;
    row.contact_name = in.contact_name;
    row.contact_phone_sealed = platform::seal(key_, in.contact_phone);
    row.state = "open";
    row.lodged_at = now;
    row.id = repo.insert_objection(row);
    audit_.record(sql, anonymous(),
                  {"selection_objection.lodge", "selection_objection", std::to_string(row.id), "",
                   JsonText()
                       .add("candidate", c->code)
                       .add("contact_name", mask_name(in.contact_name))
                       .add("contact_phone", mask_phone(in.contact_phone))
                       .str()});
    return objection_of(*repo.find_objection(row.id));
  });
}

std::vector<PublicCandidate> SelectionService::honour_roll(const std::string& kind) {
  if (!kind.empty() && !valid_selection_kind(kind))
    throw InvalidInput("kind", "unknown kind " + kind,
                       message_key("selection.kind.unknown", {{"kind", kind}}));
  auto lease = db_.lease();
  store::SelectionRepository repo(*lease);
  std::map<long long, store::SelectionRow> selections;
  std::vector<PublicCandidate> out;
  for (const auto& r : repo.named(kind)) {
    auto s = selections.find(r.selection_id);
    if (s == selections.end()) s = selections.emplace(r.selection_id, *repo.find(r.selection_code)).first;
    SelectionCandidate c = candidate_of(r, s->second);
    out.push_back({c.code, c.name, c.unit_name, s->second.code, s->second.title, s->second.kind,
                   s->second.period, c.mean_score, 0, c.named_at, c.title_valid_until});
  }
  return out;
}

}  // namespace civic::service
