#include "service/plans/plan_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/comparison.h"
#include "domain/core/error.h"
#include "scoring/period_scores.h"
#include "service/core/json_text.h"
#include "service/plans/plan_snapshot.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/plans/plan_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

int require_date(const std::string& text, const std::string& field) {
  auto d = parse_iso_date(text);
  if (!d)
    throw InvalidInput(field, field + " must be a date YYYY-MM-DD",
                       message_key("plan.date.invalid", {{"field", field}}));
  return day_number(*d);
}

Plan plan_of(const store::PlanRow& row) {
  Plan p;
  p.code = row.code;
  p.name = row.name;
  p.period = row.period;
  p.start = row.start;
  p.end = row.end;
  p.reports_need_approval = row.reports_need_approval;
  p.approval_by_other_unit = row.approval_by_other_unit;
  p.tolerance = row.tolerance;
  p.remind_days_before = row.remind_days_before;
  p.escalate_after_days = row.escalate_after_days;
  for (const auto& ph : row.phases) p.phases.push_back({ph.code, ph.name, ph.start, ph.end});
  for (const auto& a : row.actions) p.actions.push_back({a.code, a.name, a.description, a.phases});
  p.version = row.version;
  return p;
}

std::string plan_json(const store::PlanRow& p) {
  JsonText j;
  std::vector<std::string> phases, actions;
  for (const auto& ph : p.phases) phases.push_back(ph.code + ":" + ph.start + ".." + ph.end);
  for (const auto& a : p.actions) actions.push_back(a.code);
  j.add("code", p.code).add("name", p.name).add("period", p.period);
  j.add("reports_need_approval", p.reports_need_approval)
      .add("approval_by_other_unit", p.approval_by_other_unit)
      .add("phases", phases)
      .add("actions", actions);
  return j.str();
}

Unit unit_of(soci::session& sql, long long id) {
  auto u = store::UnitRepository(sql).find_by_id(id);
  if (!u) throw NotFound("unit not found", message_key("plan.unit.gone"));
  return *u;
}

std::vector<store::PlanRow> visible_plans(soci::session& sql, const Principal& who,
                                          const std::string& period) {
  std::vector<store::PlanRow> out;
  for (auto& p : store::PlanRepository(sql).plans(period)) {
    if (plan_visible(who, unit_of(sql, p.unit_id).path)) out.push_back(std::move(p));
  }
  return out;
}

store::PlanRow visible_plan(AuditService& audit, soci::session& sql, const Principal& who,
                            const std::string& code) {
  auto p = store::PlanRepository(sql).find_plan(code);
  if (!p || !plan_visible(who, unit_of(sql, p->unit_id).path)) audit.deny_out_of_scope(who, "plan", code);
  return *p;
}

// The caller's unit (the root for the CLI), or `code` when given; NotFound outside scope.
Unit scoped_unit(AuditService& audit, soci::session& sql, const Principal& who, const std::string& code) {
  store::UnitRepository units(sql);
  std::optional<Unit> u;
  if (!code.empty()) {
    u = units.find_by_code(code);
  } else if (who.is_cli) {
    u = units.root();
  } else {
    u = units.find_by_id(who.unit_id);
  }
  if (!u || !who.in_scope(*u)) audit.deny_out_of_scope(who, "unit", code);
  return *u;
}

}  // namespace

void validate_plan_code(const std::string& code, const std::string& field) {
  bool ok = !code.empty() && code.size() <= 64;
  for (char c : code) {
    ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == '.');
  }
  if (!ok)
    throw InvalidInput(field, field + " must be 1-64 of A-Z a-z 0-9 - _ .",
                       message_key("plan.code.invalid", {{"field", field}}));
}

Plan PlanService::create(const Principal& who, const PlanDraft& d) {
  audit_.require(who, Permission::manage_plans);
  validate_plan_code(d.code, "code");
  if (d.name.empty() || d.name.size() > 200)
    throw InvalidInput("name", "name must be 1-200 bytes", message_key("plan.name.length"));
  if (!(d.tolerance >= 0 && d.tolerance < 1))
    throw InvalidInput("tolerance", "tolerance must be in [0, 1)", message_key("plan.tolerance.range"));
  if (d.remind_days_before < 0 || d.remind_days_before > 365)
    throw InvalidInput("remind_days_before", "remind_days_before must be 0-365",
                       message_key("plan.remind_days_before.range"));
  if (d.escalate_after_days < 0 || d.escalate_after_days > 365)
    throw InvalidInput("escalate_after_days", "escalate_after_days must be 0-365",
                       message_key("plan.escalate_after_days.range"));
  return db_.transact([&](soci::session& sql) {
    auto period = store::EvaluationRepository(sql).find_period(d.period);
    if (!period)
      throw InvalidInput("period", "unknown period \"" + d.period + "\"",
                         message_key("plan.period.unknown", {{"period", d.period}}));
    int lo = require_date(period->start, "period"), hi = require_date(period->end, "period");
    std::vector<std::pair<int, int>> windows;
    std::set<std::string> phase_codes;
    for (size_t i = 0; i < d.phases.size(); ++i) {
      const auto& ph = d.phases[i];
      std::string f = "phases[" + std::to_string(i) + "]";
      validate_plan_code(ph.code, f + ".code");
      if (!phase_codes.insert(ph.code).second)
        throw InvalidInput(f + ".code", "phase code repeats: " + ph.code,
                           message_key("plan.phase.code_repeats", {{"code", ph.code}}));
      if (ph.name.empty())
        throw InvalidInput(f + ".name", "a phase needs a name", message_key("plan.phase.name_required"));
      int s = require_date(ph.start, f + ".start"), e = require_date(ph.end, f + ".end");
      if (e < s)
        throw InvalidInput(f + ".end", "the phase ends before it starts",
                           message_key("plan.phase.ends_before_start"));
      if (s < lo || e > hi)
        throw InvalidInput(
            f + ".start", "the phase must lie inside the period " + period->start + ".." + period->end,
            message_key("plan.phase.outside_period", {{"start", period->start}, {"end", period->end}}));
      for (const auto& [ws, we] : windows) {
        if (s <= we && ws <= e)
          throw InvalidInput(f + ".start", "phases must not overlap", message_key("plan.phase.overlap"));
      }
      windows.emplace_back(s, e);
    }
    std::set<std::string> action_codes;
    for (size_t i = 0; i < d.actions.size(); ++i) {
      const auto& a = d.actions[i];
      std::string f = "actions[" + std::to_string(i) + "]";
      validate_plan_code(a.code, f + ".code");
      if (!action_codes.insert(a.code).second)
        throw InvalidInput(f + ".code", "action code repeats: " + a.code,
                           message_key("plan.action.code_repeats", {{"code", a.code}}));
      if (a.name.empty())
        throw InvalidInput(f + ".name", "an action needs a name", message_key("plan.action.name_required"));
      for (size_t k = 0; k < a.phases.size(); ++k) {
        if (!phase_codes.count(a.phases[k]))
          throw InvalidInput(f + ".phases[" + std::to_string(k) + "]",
                             "unknown phase \"" + a.phases[k] + "\"",
                             message_key("plan.action.phase_unknown", {{"phase", a.phases[k]}}));
      }
    }
    store::PlanRepository plans(sql);
    if (plans.find_plan(d.code))
      throw Conflict("plan \"" + d.code + "\" already exists", "code",
                     message_key("plan.code.exists", {{"code", d.code}}));
    store::PlanRow row;
    row.code = d.code;
    row.name = d.name;
    row.period = d.period;
    row.start = period->start;
    row.end = period->end;
    row.reports_need_approval = d.reports_need_approval;
    row.approval_by_other_unit = d.approval_by_other_unit;
    row.tolerance = d.tolerance;
    row.remind_days_before = d.remind_days_before;
    row.escalate_after_days = d.escalate_after_days;
    row.unit_id = scoped_unit(audit_, sql, who, "").id;
    for (const auto& ph : d.phases) row.phases.push_back({ph.code, ph.name, ph.start, ph.end});
    for (const auto& a : d.actions) row.actions.push_back({a.code, a.name, a.description, a.phases});
    auto stored = plans.insert_plan(row, audit_.clock().now_ms());
    audit_.record(sql, who, {"plan.create", "plan", stored.code, "", plan_json(stored)});
    return plan_of(stored);
  });
}

std::vector<Plan> PlanService::list(const Principal& who, const std::string& period) {
  audit_.require(who, Permission::read_plans);
  auto lease = db_.lease();
  std::vector<Plan> out;
  for (const auto& p : visible_plans(*lease, who, period)) out.push_back(plan_of(p));
  return out;
}

Plan PlanService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_plans);
  auto lease = db_.lease();
  return plan_of(visible_plan(audit_, *lease, who, code));
}

ProgressBoard PlanService::progress(const Principal& who, const std::string& unit_code,
                                    std::optional<int> day, const std::string& plan_code) {
  audit_.require(who, Permission::read_plans);
  auto lease = db_.lease();
  std::optional<store::PlanRow> plan;
  if (!plan_code.empty()) {
    plan = visible_plan(audit_, *lease, who, plan_code);
  } else {
    int today = day ? *day : civil_day_number_of(audit_.clock().now_ms());
    auto visible = visible_plans(*lease, who, "");
    for (const auto& p : visible) {
      if (require_date(p.start, "plan") <= today && today <= require_date(p.end, "plan")) {
        plan = p;
        break;
      }
    }
    if (!plan && !visible.empty()) {
      plan = *std::max_element(visible.begin(), visible.end(),
                               [](const auto& a, const auto& b) { return a.start < b.start; });
    }
    if (!plan) throw NotFound("there is no work plan yet", message_key("plan.none"));
  }
  Unit unit = scoped_unit(audit_, *lease, who, unit_code);
  int d = plan_day(*plan, day, audit_.clock().now_ms());
  PlanSnapshot snap = PlanSnapshot::load(*lease, *plan, d);
  std::vector<ProgressTask> input(snap.tasks.size());
  for (size_t i = 0; i < snap.tasks.size(); ++i) {
    input[i].owner_unit = snap.tasks[i].owner_unit_id;
    input[i].assigned_by_unit = snap.tasks[i].assigned_by_unit_id;
    input[i].weight = snap.tasks[i].weight;
  }
  ProgressBoard board;
  board.plan = plan->code;
  board.date = to_iso(date_from_day_number(d));
  board.tolerance = plan->tolerance;
  board.unit = {unit.code, unit.name, unit.name_en,
                unit_progress(input, snap.progress, unit.id, plan->tolerance)};
  for (const Unit& c : store::UnitRepository(*lease).children(unit.id)) {
    board.children.push_back(
        {c.code, c.name, c.name_en, unit_progress(input, snap.progress, c.id, plan->tolerance)});
  }
  return board;
}

std::vector<LaggingItem> PlanService::lagging_items(const Principal& who, const std::string& plan_code,
                                                    const std::string& unit_code) {
  audit_.require(who, Permission::read_plans);
  store::PlanRow plan;
  Unit unit;
  PlanSnapshot snap;
  {
    auto lease = db_.lease();
    plan = visible_plan(audit_, *lease, who, plan_code);
    audit_.require(who, Permission::read_scores);
    unit = scoped_unit(audit_, *lease, who, unit_code);
    snap = PlanSnapshot::load(*lease, plan, plan_day(plan, std::nullopt, audit_.clock().now_ms()));
  }
  // Item → the tasks in the unit's scope linked to it, and whether all are done.
  std::map<std::string, std::pair<std::vector<std::string>, bool>> linked;
  for (size_t i = 0; i < snap.tasks.size(); ++i) {
    const auto& t = snap.tasks[i];
    if (!path_in_scope(unit.path, t.owner_path)) continue;
    for (const auto& item : t.items) {
      auto& entry = linked.try_emplace(item, std::vector<std::string>{}, true).first->second;
      entry.first.push_back(t.code);
      entry.second = entry.second && snap.progress[i].done;
    }
  }
  std::vector<LaggingItem> out;
  if (linked.empty()) return out;
  auto scored = evaluation_.scores(who, plan.period);
  auto u = scored->unit_index.find(unit.code);
  if (u == scored->unit_index.end()) return out;
  for (const auto& [code, entry] : linked) {
    if (!entry.second) continue;
    int item = scored->dataset.item_index(code);
    if (item < 0) continue;
    const auto& score = scored->scores->item(u->second, item);
    double max = scored->dataset.items[item].max_score;
    if (!score.assessed || max <= 0) continue;
    double rate = score.score / max;
    if (clearly_less(rate, kLaggingThreshold))
      out.push_back({code, scored->dataset.items[item].name, rate, entry.first});
  }
  return out;
}

}  // namespace civic::service
