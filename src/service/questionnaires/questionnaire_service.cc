#include "service/questionnaires/questionnaire_service.h"

#include <soci/soci.h>

#include "domain/core/error.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/questionnaires/definition_json.h"
#include "service/questionnaires/questionnaire_common.h"
#include "store/accounts/user_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

using namespace questionnaire_detail;

namespace {

Questionnaire view_of(soci::session& sql, const store::QuestionnaireRow& row) {
  Questionnaire q;
  q.definition = current_definition(sql, row);
  q.state = row.state;
  q.published_version = row.published_version;
  q.has_draft = !row.draft.empty();
  q.version = q.has_draft ? row.published_version + 1 : row.published_version;
  q.revision = row.revision;
  q.updated_at = row.updated_at;
  q.updated_by = row.updated_by;
  return q;
}

std::string audit_json(const store::QuestionnaireRow& row) {
  return JsonText()
      .add("code", row.code)
      .add("state", row.state)
      .add("revision", row.revision)
      .add("published_version", static_cast<long long>(row.published_version))
      .add("has_draft", !row.draft.empty())
      .str();
}

// Checks `d` against the rules and the caller's scope: every unit of the definition must be in scope.
void check_definition(soci::session& sql, const Principal& who, const QuestionnaireDefinition& d,
                      TimeMs now) {
  DefinitionContext ctx;
  ctx.unit_paths = all_unit_paths(sql);
  if (!who.is_cli) {
    for (size_t i = 0; i < d.units.size(); ++i) {
      auto p = ctx.unit_paths.find(d.units[i]);
      if (p != ctx.unit_paths.end() && !who.in_scope(p->second))
        throw InvalidInput("units[" + std::to_string(i) + "]", "no unit " + d.units[i],
                           message_key("questionnaire.unit.unknown", {{"unit", d.units[i]}}));
    }
  }
  ctx.survey_items = survey_items(sql, now);
  validate_definition(d, ctx);
}

void check_revision(const store::QuestionnaireRow& row, long long revision) {
  if (row.revision != revision)
    throw Conflict("questionnaire " + row.code + " was changed meanwhile (revision " +
                       std::to_string(row.revision) + ", not " + std::to_string(revision) + ")",
                   "revision", message_key("questionnaire.stale", {{"code", row.code}}));
}

SurveyAssignment assignment_of(soci::session& sql, const store::QuestionnaireAssignmentRow& a) {
  SurveyAssignment s;
  s.id = a.id;
  s.questionnaire = a.questionnaire_code;
  s.interviewer = a.interviewer;
  s.unit = a.unit_code;
  s.unit_name = a.unit_name;
  s.target = a.target;
  s.done = a.done;
  s.mode = a.mode;
  if (auto row = store::QuestionnaireRepository(sql).find_by_id(a.questionnaire_id)) {
    s.version = row->published_version;
    s.title = current_definition(sql, *row).title;
  }
  return s;
}

std::string assignment_json(const SurveyAssignment& a) {
  return JsonText()
      .add("id", a.id)
      .add("questionnaire", a.questionnaire)
      .add("interviewer", a.interviewer)
      .add("unit", a.unit)
      .add("target", static_cast<long long>(a.target))
      .add("mode", a.mode)
      .str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

Page<QuestionnaireSummary> QuestionnaireService::list(const Principal& who, const QuestionnaireFilter& f,
                                                      const PageRequest& page) {
  audit_.require(who, Permission::read_questionnaires);
  page.validate();
  if (!f.state.empty() && f.state != "draft" && f.state != "published" && f.state != "closed")
    throw InvalidInput("state", "state is draft, published or closed",
                       message_key("questionnaire.state.unknown", {{"state", f.state}}));
  std::vector<QuestionnaireSummary> all;
  {
    auto lease = db_.lease();
    soci::session& sql = *lease;
    store::QuestionnaireRepository repo(sql);
    for (const auto& row : repo.list()) {
      if (!f.state.empty() && row.state != f.state) continue;
      QuestionnaireDefinition d = current_definition(sql, row);
      if (!overlaps(sql, who, d.units)) continue;
      if (!f.q.empty() && !contains(row.code, f.q) && !contains(d.title.zh, f.q) &&
          !contains(d.title.en, f.q))
        continue;
      QuestionnaireSummary s;
      s.code = row.code;
      s.title = d.title;
      s.state = row.state;
      s.published_version = row.published_version;
      s.has_draft = !row.draft.empty();
      s.units = d.units;
      auto counts = repo.counts(row.id);
      s.responses = counts.total;
      s.counted = counts.counted;
      s.flagged = counts.flagged;
      s.updated_at = row.updated_at;
      all.push_back(std::move(s));
    }
  }
  Page<QuestionnaireSummary> out;
  out.total = static_cast<long long>(all.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(all[static_cast<size_t>(i)]));
  return out;
}

Questionnaire QuestionnaireService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_questionnaires);
  auto lease = db_.lease();
  return view_of(*lease, load(*lease, &who, code));
}

std::vector<QuestionnaireVersionInfo> QuestionnaireService::versions(const Principal& who,
                                                                     const std::string& code) {
  audit_.require(who, Permission::read_questionnaires);
  auto lease = db_.lease();
  auto row = load(*lease, &who, code);
  std::vector<QuestionnaireVersionInfo> out;
  for (const auto& v : store::QuestionnaireRepository(*lease).versions(row.id))
    out.push_back({v.version, v.published_at, v.published_by, v.responses});
  return out;
}

QuestionnaireDefinition QuestionnaireService::version(const Principal& who, const std::string& code,
                                                      int version) {
  audit_.require(who, Permission::read_questionnaires);
  auto lease = db_.lease();
  auto row = load(*lease, &who, code);
  auto d = version_definition(*lease, row.id, version);
  if (!d)
    throw NotFound("questionnaire " + code + " has no version " + std::to_string(version),
                   message_key("questionnaire.version.not_found", {{"version", std::to_string(version)}}));
  return *d;
}

Questionnaire QuestionnaireService::create(const Principal& who, const QuestionnaireDefinition& d) {
  audit_.require(who, Permission::manage_questionnaires);
  return db_.transact([&](soci::session& sql) {
    TimeMs now = audit_.clock().now_ms();
    check_definition(sql, who, d, now);
    store::QuestionnaireRepository repo(sql);
    if (repo.find(d.code))
      throw Conflict("questionnaire " + d.code + " exists already", "code",
                     message_key("questionnaire.exists", {{"code", d.code}}));
    store::QuestionnaireRow row;
    row.code = d.code;
    row.state = "draft";
    row.draft = definition_to_text(d);
    row.revision = 1;
    row.created_by = row.updated_by = who.username;
    row.created_at = row.updated_at = now;
    row.id = repo.insert(row);
    audit_.record(sql, who, {"questionnaire.create", "questionnaire", d.code, "", row.draft});
    return view_of(sql, row);
  });
}

Questionnaire QuestionnaireService::save(const Principal& who, const std::string& code,
                                         QuestionnaireDefinition d, long long revision) {
  audit_.require(who, Permission::manage_questionnaires);
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    check_revision(row, revision);
    d.code = code;
    TimeMs now = audit_.clock().now_ms();
    check_definition(sql, who, d, now);
    std::string before = row.draft.empty() ? definition_to_text(current_definition(sql, row)) : row.draft;
    row.draft = definition_to_text(d);
    row.revision += 1;
    row.updated_by = who.username;
    row.updated_at = now;
    store::QuestionnaireRepository(sql).update(row);
    audit_.record(sql, who, {"questionnaire.save", "questionnaire", code, before, row.draft});
    return view_of(sql, row);
  });
}

Questionnaire QuestionnaireService::publish(const Principal& who, const std::string& code,
                                            long long revision) {
  audit_.require(who, Permission::manage_questionnaires);
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    check_revision(row, revision);
    if (row.draft.empty())
      throw Conflict("questionnaire " + code + " has no draft to publish", "state",
                     message_key("questionnaire.no_draft", {{"code", code}}));
    TimeMs now = audit_.clock().now_ms();
    QuestionnaireDefinition d = definition_from_text(row.draft);
    check_definition(sql, who, d, now);  // the framework in force may have changed since saving
    std::string before = audit_json(row);
    store::QuestionnaireRepository repo(sql);
    store::QuestionnaireVersionRow v{row.id, row.published_version + 1, row.draft, who.username, now, 0};
    repo.insert_version(v);
    row.published_version = v.version;
    row.draft.clear();
    if (row.state == "draft") row.state = "published";
    row.revision += 1;
    row.updated_by = who.username;
    row.updated_at = now;
    repo.update(row);
    audit_.record(sql, who, {"questionnaire.publish", "questionnaire", code, before, audit_json(row)});
    return view_of(sql, row);
  });
}

Questionnaire QuestionnaireService::close(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::manage_questionnaires);
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    if (row.state != "published")
      throw Conflict("only a published questionnaire can be closed", "state",
                     message_key("questionnaire.state.not_published", {{"code", code}}));
    std::string before = audit_json(row);
    row.state = "closed";
    row.revision += 1;
    row.updated_by = who.username;
    row.updated_at = audit_.clock().now_ms();
    store::QuestionnaireRepository(sql).update(row);
    audit_.record(sql, who, {"questionnaire.close", "questionnaire", code, before, audit_json(row)});
    return view_of(sql, row);
  });
}

Questionnaire QuestionnaireService::reopen(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::manage_questionnaires);
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    if (row.state != "closed")
      throw Conflict("only a closed questionnaire can be reopened", "state",
                     message_key("questionnaire.state.not_closed", {{"code", code}}));
    std::string before = audit_json(row);
    row.state = "published";
    row.revision += 1;
    row.updated_by = who.username;
    row.updated_at = audit_.clock().now_ms();
    store::QuestionnaireRepository(sql).update(row);
    audit_.record(sql, who, {"questionnaire.reopen", "questionnaire", code, before, audit_json(row)});
    return view_of(sql, row);
  });
}

std::vector<SurveyAssignment> QuestionnaireService::assignments(const Principal& who,
                                                                const std::string& code) {
  audit_.require(who, Permission::read_questionnaires);
  auto lease = db_.lease();
  auto row = load(*lease, &who, code);
  std::vector<SurveyAssignment> out;
  for (const auto& a : store::QuestionnaireRepository(*lease).assignments(row.id))
    if (who.in_scope(a.unit_path)) out.push_back(assignment_of(*lease, a));
  return out;
}

SurveyAssignment QuestionnaireService::assign(const Principal& who, const std::string& code,
                                              const NewAssignment& in) {
  audit_.require(who, Permission::manage_questionnaires);
  if (in.mode != "street" && in.mode != "household")
    throw InvalidInput("mode", "mode is street or household", message_key("questionnaire.assignment.mode"));
  if (in.target < 1 || in.target > 100000)
    throw InvalidInput("target", "target is from 1 to 100000",
                       message_key("questionnaire.assignment.target"));
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    QuestionnaireDefinition d = current_definition(sql, row);
    auto user = store::UserRepository(sql).find_by_username(in.interviewer);
    if (!user || (!user->user.has_role(Role::inspector) && !user->user.has_role(Role::office)))
      throw InvalidInput(
          "interviewer", "no interviewer " + in.interviewer,
          message_key("questionnaire.assignment.interviewer", {{"interviewer", in.interviewer}}));
    auto unit = store::UnitRepository(sql).find_by_code(in.unit);
    bool unit_ok = unit && who.in_scope(*unit);
    if (unit_ok) {
      unit_ok = false;
      for (const auto& [c, p] : unit_paths(sql, d.units))
        if (path_in_scope(p, unit->path)) unit_ok = true;
    }
    if (!unit_ok)
      throw InvalidInput("unit", "unit " + in.unit + " is not one this questionnaire asks",
                         message_key("response.unit.outside", {{"unit", in.unit}}));
    store::QuestionnaireRepository repo(sql);
    store::QuestionnaireAssignmentRow a;
    a.questionnaire_id = row.id;
    a.interviewer_id = user->user.id;
    a.unit_id = unit->id;
    a.target = static_cast<int>(in.target);
    a.mode = in.mode;
    a.created_by = who.username;
    a.created_at = audit_.clock().now_ms();
    long long id = repo.insert_assignment(a);
    SurveyAssignment s = assignment_of(sql, *repo.find_assignment(id));
    audit_.record(
        sql, who,
        {"questionnaire.assign", "questionnaire_assignment", std::to_string(id), "", assignment_json(s)});
    return s;
  });
}

SurveyAssignment QuestionnaireService::update_assignment(const Principal& who, const std::string& code,
                                                         long long id, long long target,
                                                         const std::string& mode) {
  audit_.require(who, Permission::manage_questionnaires);
  if (mode != "street" && mode != "household")
    throw InvalidInput("mode", "mode is street or household", message_key("questionnaire.assignment.mode"));
  if (target < 1 || target > 100000)
    throw InvalidInput("target", "target is from 1 to 100000",
                       message_key("questionnaire.assignment.target"));
  return db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    store::QuestionnaireRepository repo(sql);
    auto a = repo.find_assignment(id);
    if (!a || a->questionnaire_id != row.id || !who.in_scope(a->unit_path))
      throw NotFound("no assignment " + std::to_string(id),
                     message_key("questionnaire.assignment.not_found", {{"id", std::to_string(id)}}));
    SurveyAssignment before = assignment_of(sql, *a);
    repo.update_assignment(id, static_cast<int>(target), mode);
    SurveyAssignment after = assignment_of(sql, *repo.find_assignment(id));
    audit_.record(sql, who,
                  {"questionnaire.assignment.update", "questionnaire_assignment", std::to_string(id),
                   assignment_json(before), assignment_json(after)});
    return after;
  });
}

void QuestionnaireService::unassign(const Principal& who, const std::string& code, long long id) {
  audit_.require(who, Permission::manage_questionnaires);
  db_.transact([&](soci::session& sql) {
    store::QuestionnaireRow row = load(sql, &who, code, true);
    store::QuestionnaireRepository repo(sql);
    auto a = repo.find_assignment(id);
    if (!a || a->questionnaire_id != row.id || !who.in_scope(a->unit_path))
      throw NotFound("no assignment " + std::to_string(id),
                     message_key("questionnaire.assignment.not_found", {{"id", std::to_string(id)}}));
    if (a->done > 0)
      throw Conflict("assignment " + std::to_string(id) + " has responses; it stays", "id",
                     message_key("questionnaire.assignment.has_responses", {{"id", std::to_string(id)}}));
    SurveyAssignment s = assignment_of(sql, *a);
    repo.delete_assignment(id);
    audit_.record(
        sql, who,
        {"questionnaire.unassign", "questionnaire_assignment", std::to_string(id), assignment_json(s), ""});
  });
}

std::vector<SurveyAssignment> QuestionnaireService::my_assignments(const Principal& who) {
  audit_.require(who, Permission::submit_interviews);
  auto lease = db_.lease();
  std::vector<SurveyAssignment> out;
  for (const auto& a : store::QuestionnaireRepository(*lease).assignments_of(who.user_id)) {
    auto row = store::QuestionnaireRepository(*lease).find_by_id(a.questionnaire_id);
    if (!row || row->state != "published") continue;
    out.push_back(assignment_of(*lease, a));
  }
  return out;
}

PublicQuestionnaire QuestionnaireService::public_view(const std::string& code, const std::string& preset) {
  auto lease = db_.lease();
  soci::session& sql = *lease;
  auto row = store::QuestionnaireRepository(sql).find(code);
  if (!row || row->published_version == 0) not_found(code);
  if (row->state == "closed") closed(code);
  auto d = version_definition(sql, row->id, row->published_version);
  if (!d) not_found(code);
  PublicQuestionnaire p;
  p.definition = *d;
  for (auto& q : p.definition.questions) q.items.clear();
  p.version = row->published_version;
  store::UnitRepository units(sql);
  std::map<long long, std::string> code_of;
  std::vector<Unit> answerable;
  for (const auto& u : d->units) {
    auto unit = units.find_by_code(u);
    if (!unit) continue;
    for (Unit& s : units.subtree(unit->path)) {
      if (s.type == UnitType::department || code_of.count(s.id)) continue;
      code_of[s.id] = s.code;
      answerable.push_back(std::move(s));
    }
  }
  for (const Unit& u : answerable) {
    PublicUnit pu{u.code, u.name, u.name_en, std::nullopt, unit_type_name(u.type)};
    if (u.parent_id && code_of.count(*u.parent_id)) pu.parent = code_of[*u.parent_id];
    if (u.code == preset) p.preset_unit = preset;
    p.units.push_back(std::move(pu));
  }
  return p;
}

}  // namespace civic::service
