#include "service/plans/plan_snapshot.h"

#include <soci/soci.h>

#include <algorithm>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "service/plans/plan_service.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

int day_of(const std::string& iso) {
  auto d = parse_iso_date(iso);
  return d ? day_number(*d) : 0;
}

}  // namespace

PlanSnapshot PlanSnapshot::load(soci::session& sql, store::PlanRow plan, int day) {
  PlanSnapshot s;
  s.plan = std::move(plan);
  s.day = day;
  s.tasks = store::PlanRepository(sql).tasks(s.plan.id);
  std::map<long long, size_t> by_id;
  for (size_t i = 0; i < s.tasks.size(); ++i) {
    by_id[s.tasks[i].id] = i;
    s.by_code[s.tasks[i].code] = i;
  }
  s.children.resize(s.tasks.size());
  std::vector<ProgressTask> input(s.tasks.size());
  for (size_t i = 0; i < s.tasks.size(); ++i) {
    const store::TaskRow& t = s.tasks[i];
    ProgressTask& p = input[i];
    if (t.parent_id) {
      auto it = by_id.find(*t.parent_id);
      if (it != by_id.end()) {
        p.parent = it->second;
        s.children[it->second].push_back(i);
      }
    }
    p.owner_unit = t.owner_unit_id;
    p.assigned_by_unit = t.assigned_by_unit_id;
    p.start_day = day_of(t.start);
    p.due_day = day_of(t.due);
    p.weight = t.weight;
    p.reported = t.reported_progress;
  }
  s.progress = roll_up(input, day);
  return s;
}

const store::TaskRow* PlanSnapshot::find(const std::string& code) const {
  auto it = by_code.find(code);
  return it == by_code.end() ? nullptr : &tasks[it->second];
}

std::string PlanSnapshot::action_name(const std::string& code) const {
  for (const auto& a : plan.actions) {
    if (a.code == code) return a.name;
  }
  return "";
}

int plan_day(const store::PlanRow& plan, std::optional<int> requested, TimeMs now) {
  int d = requested ? *requested : civil_day_number_of(now);
  int lo = day_of(plan.start), hi = day_of(plan.end);
  if (hi < lo) return d;
  return std::clamp(d, lo, hi);
}

bool task_visible(const Principal& who, const store::TaskRow& task) {
  return who.in_scope(task.owner_path) || who.in_scope(task.assigned_by_path);
}

bool plan_visible(const Principal& who, const std::string& plan_unit_path) {
  return who.in_scope(plan_unit_path) || path_in_scope(plan_unit_path, who.unit_path);
}

Unit principal_unit(soci::session& sql, const Principal& who) {
  store::UnitRepository units(sql);
  auto u = who.is_cli ? units.root() : units.find_by_id(who.unit_id);
  if (!u) throw NotFound("the caller's unit is gone", message_key("plan.unit.gone"));
  return *u;
}

std::optional<int> parse_day(const std::string& text, const std::string& field) {
  if (text.empty()) return std::nullopt;
  auto d = parse_iso_date(text);
  if (!d)
    throw InvalidInput(field, field + " must be a date YYYY-MM-DD",
                       message_key("plan.date.invalid", {{"field", field}}));
  return day_number(*d);
}

}  // namespace civic::service
