#include "service/plans/task_service.h"

#include <soci/soci.h>

#include <cmath>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "service/accounts/people_names.h"
#include "service/core/json_text.h"
#include "service/plans/plan_snapshot.h"
#include "service/units/unit_place.h"
#include "store/accounts/user_repository.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/plans/plan_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string task_json(const store::TaskRow& t) {
  JsonText j;
  j.add("code", t.code).add("title", t.title).add("action", t.action).add("owner", t.owner);
  j.add("co_units", t.co_units).add("items", t.items).add("start", t.start).add("due", t.due);
  j.add("weight", static_cast<long long>(std::llround(t.weight * 1000))).add("parent", t.parent);
  return j.str();
}

std::string format_progress(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", p);
  return buf;
}

void check_version(const store::TaskRow& t, std::optional<long long> version) {
  if (version && *version != t.version) {
    throw Conflict("task " + t.code + " is at version " + std::to_string(t.version) + ", not " +
                       std::to_string(*version) + "; reload it",
                   "version", message_key("task.version.stale", {{"task", t.code}}));
  }
}

std::string display_name(soci::session& sql, const Principal& who) {
  if (who.is_cli) return "命令行 CLI";
  auto name = store::PlanRepository(sql).user_display_name(who.user_id);
  return name ? *name : who.username;
}

// The caller's own unit (the root for the CLI).
Unit own_unit(soci::session& sql, const Principal& who) {
  store::UnitRepository units(sql);
  auto u = who.is_cli ? units.root() : units.find_by_id(who.unit_id);
  if (!u) throw NotFound("the caller's unit is gone", message_key("plan.unit.gone"));
  return *u;
}

int require_day(const std::string& text, const std::string& field) {
  auto d = parse_iso_date(text);
  if (!d)
    throw InvalidInput(field, field.substr(field.rfind('.') + 1) + " must be a date YYYY-MM-DD",
                       message_key("task.date.invalid", {{"field", field}}));
  return day_number(*d);
}

std::string join(const std::string& prefix, const char* name) {
  return prefix.empty() ? std::string(name) : prefix + "." + name;
}

}  // namespace

std::set<std::string> plan_item_codes(soci::session& sql, const store::PlanRow& plan) {
  store::EvaluationRepository evaluation(sql);
  std::set<std::string> out;
  auto period = evaluation.find_period(plan.period);
  if (!period) return out;
  auto fw = evaluation.framework_by_id(period->framework_id);
  if (!fw) return out;
  Framework framework = bundle::read_framework_document(fw->document);
  for (const Item* item : framework.items()) out.insert(item->code);
  return out;
}

ResolvedDraft resolve_task_draft(soci::session& sql, const Principal& who, const store::PlanRow& plan,
                                 const TaskDraft& d, const store::TaskRow* parent,
                                 const std::set<std::string>& item_codes, const std::string& field,
                                 const std::unordered_map<std::string, Unit>* units_by_code) {
  ResolvedDraft r;
  store::TaskRow& t = r.row;
  t.plan_id = plan.id;
  t.plan = plan.code;
  t.code = d.code;
  t.title = d.title;
  if (t.title.empty() || char_count(t.title) > 1000)
    throw InvalidInput(join(field, "title"), "title must be 1-1000 bytes", message_key("task.title.length"));
  t.action = d.action.empty() && parent ? parent->action : d.action;
  bool known_action = false;
  for (const auto& a : plan.actions) known_action = known_action || a.code == t.action;
  if (!known_action)
    throw InvalidInput(join(field, "action"), "unknown action \"" + t.action + "\" in plan " + plan.code,
                       message_key("task.action.unknown", {{"action", t.action}, {"plan", plan.code}}));
  store::UnitRepository units(sql);
  auto find_unit = [&](const std::string& code) -> std::optional<Unit> {
    if (!units_by_code) return units.find_by_code(code);
    auto it = units_by_code->find(code);
    if (it == units_by_code->end()) return std::nullopt;
    return it->second;
  };
  auto owner = find_unit(d.owner);
  if (!owner)
    throw InvalidInput(join(field, "owner"), "unknown unit \"" + d.owner + "\"",
                       message_key("task.unit.unknown", {{"unit", d.owner}}));
  if (parent ? !path_in_scope(parent->owner_path, owner->path) : !who.in_scope(*owner)) {
    if (parent)
      throw InvalidInput(
          join(field, "owner"), "unit " + d.owner + " is not under " + parent->owner,
          message_key("task.owner.not_under_parent", {{"unit", d.owner}, {"parent", parent->owner}}));
    throw InvalidInput(join(field, "owner"), "unknown unit \"" + d.owner + "\"",
                       message_key("task.unit.unknown", {{"unit", d.owner}}));
  }
  t.owner_unit_id = owner->id;
  t.owner = owner->code;
  t.owner_name = owner->name;
  t.owner_name_en = owner->name_en;
  t.owner_path = owner->path;
  for (size_t k = 0; k < d.co_units.size(); ++k) {
    if (!find_unit(d.co_units[k]))
      throw InvalidInput(join(field, "co_units") + "[" + std::to_string(k) + "]",
                         "unknown unit \"" + d.co_units[k] + "\"",
                         message_key("task.unit.unknown", {{"unit", d.co_units[k]}}));
  }
  t.co_units = d.co_units;
  for (size_t k = 0; k < d.items.size(); ++k) {
    if (!item_codes.count(d.items[k]))
      throw InvalidInput(join(field, "items") + "[" + std::to_string(k) + "]",
                         "unknown framework item \"" + d.items[k] + "\" for period " + plan.period,
                         message_key("task.item.unknown", {{"item", d.items[k]}, {"period", plan.period}}));
  }
  t.items = d.items;
  std::string start = d.start.empty() && parent ? parent->start : d.start;
  std::string due = d.due.empty() && parent ? parent->due : d.due;
  int s = require_day(start, join(field, "start")), e = require_day(due, join(field, "due"));
  if (e < s)
    throw InvalidInput(join(field, "due"), "due is before start", message_key("task.due.before_start"));
  int lo = parent ? require_day(parent->start, "start") : require_day(plan.start, "start");
  int hi = parent ? require_day(parent->due, "due") : require_day(plan.end, "due");
  if (s < lo)
    throw InvalidInput(
        join(field, "start"),
        std::string("start is before the ") + (parent ? "parent task's start" : "plan's period"),
        parent ? message_key("task.start.before_parent") : message_key("task.start.before_period"));
  if (e > hi)
    throw InvalidInput(
        join(field, "due"),
        std::string("due is after the ") + (parent ? "parent task's due date" : "plan's period"),
        parent ? message_key("task.due.after_parent") : message_key("task.due.after_period"));
  t.start = start;
  t.due = due;
  if (!(d.weight > 0) || !std::isfinite(d.weight))
    throw InvalidInput(join(field, "weight"), "weight must be greater than 0",
                       message_key("task.weight.not_positive"));
  t.weight = d.weight;
  if (char_count(d.deliverable) > 2000)
    throw InvalidInput(join(field, "deliverable"), "deliverable is longer than 2000 characters",
                       message_key("task.deliverable.too_long"));
  if (char_count(d.evidence_required) > 2000)
    throw InvalidInput(join(field, "evidence_required"), "evidence_required is longer than 2000 characters",
                       message_key("task.evidence_required.too_long"));
  t.deliverable = d.deliverable;
  t.evidence_required = d.evidence_required;
  if (!t.code.empty()) validate_task_code(t.code, join(field, "code"));
  return r;
}

void validate_task_code(const std::string& code, const std::string& field) {
  bool ok = !code.empty() && code.size() <= 64;
  for (char c : code) {
    ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '_' || c == '.');
  }
  if (!ok)
    throw InvalidInput(field, "a task code is 1-64 of A-Z a-z 0-9 - _ .", message_key("task.code.invalid"));
}

namespace {

Task task_of(const store::TaskRow& row) {
  Task t;
  t.code = row.code;
  t.title = row.title;
  t.plan = row.plan;
  t.action = row.action;
  t.owner = row.owner;
  t.owner_name = row.owner_name;
  t.owner_name_en = row.owner_name_en;
  t.assigned_by = row.assigned_by;
  t.co_units = row.co_units;
  t.items = row.items;
  t.start = row.start;
  t.due = row.due;
  t.weight = row.weight;
  t.deliverable = row.deliverable;
  t.evidence_required = row.evidence_required;
  t.parent = row.parent;
  t.version = row.version;
  return t;
}

TaskReport report_of(const store::TaskReportRow& row, PeopleNames& names) {
  TaskReport r;
  r.id = row.id;
  r.progress = row.progress;
  r.note = row.note;
  r.files = row.files;
  r.photos = row.photos;
  r.state = row.state;
  r.reason = row.reason;
  r.reported_by = row.reported_by;
  r.reported_at = row.reported_at;
  r.decided_by = row.decided_by;
  r.decided_at = row.decided_at;
  r.reported_by_name = names.of(row.reported_by);
  if (!row.decided_by.empty()) r.decided_by_name = names.of(row.decided_by);
  return r;
}

TaskEvent event_of(const store::TaskEventRow& row) {
  return {row.seq, row.action, row.actor, row.actor_name, row.at, row.note, row.data};
}

TaskView view_of(const PlanSnapshot& snap, size_t i) {
  return {task_of(snap.tasks[i]), snap.action_name(snap.tasks[i].action),
          static_cast<int>(snap.children[i].size()), snap.progress[i]};
}

// The task by code, visible to `who`, with its plan; NotFound otherwise, audited unless `in_transaction`
// (the audit record would wait for the caller's own write lock: writers check with require_visible first).
std::pair<store::TaskRow, store::PlanRow> visible_task(AuditService& audit, soci::session& sql,
                                                       const Principal& who, const std::string& code,
                                                       bool in_transaction = false) {
  store::PlanRepository repo(sql);
  auto t = repo.find_task(code);
  if (!t || !task_visible(who, *t)) {
    if (in_transaction)
      throw NotFound("task \"" + code + "\" not found", message_key("task.not_found", {{"task", code}}));
    audit.deny_out_of_scope(who, "task", code);
  }
  auto plan = repo.find_plan_by_id(t->plan_id);
  if (!plan)
    throw NotFound("task \"" + code + "\" not found", message_key("task.not_found", {{"task", code}}));
  return {*t, *plan};
}

void require_visible(AuditService& audit, store::Database& db, const Principal& who,
                     const std::string& code) {
  auto lease = db.lease();
  visible_task(audit, *lease, who, code);
}

std::vector<std::string> allowed_actions(const Principal& who, const store::TaskRow& t, bool has_pending) {
  std::vector<std::string> out;
  if (!can(who, Permission::work_tasks)) return out;
  if (who.in_scope(t.owner_path)) {
    out.push_back("split");
    out.push_back("report");
  }
  if (who.in_scope(t.assigned_by_path)) {
    if (has_pending) {
      out.push_back("approve");
      out.push_back("reject");
    }
    out.push_back("remind");
  }
  return out;
}

TaskDetail detail_of(AuditService& audit, soci::session& sql, const Principal& who, const std::string& code,
                     std::optional<int> day) {
  auto [task, plan] = visible_task(audit, sql, who, code);
  PlanSnapshot snap = PlanSnapshot::load(sql, plan, plan_day(plan, day, audit.clock().now_ms()));
  size_t i = snap.by_code.at(code);
  TaskDetail d;
  d.view = view_of(snap, i);
  for (size_t c : snap.children[i]) d.children.push_back(view_of(snap, c));
  store::PlanRepository repo(sql);
  PeopleNames names(sql);
  bool pending = false;
  for (const auto& r : repo.reports(task.id)) {
    pending = pending || r.state == "pending";
    d.reports.push_back(report_of(r, names));
  }
  for (const auto& e : repo.events(task.id)) d.events.push_back(event_of(e));
  d.allowed_actions = allowed_actions(who, task, pending);
  return d;
}

void require_side(const Principal& who, const store::TaskRow& t, bool owner_side, const char* action) {
  bool ok = owner_side ? who.in_scope(t.owner_path) : who.in_scope(t.assigned_by_path);
  if (!ok) {
    throw Forbidden(std::string("only ") + (owner_side ? "the owner unit" : "the assigning unit") + " may " +
                        action + " task " + t.code,
                    owner_side ? message_key("task.side.owner_only", {{"task", t.code}})
                               : message_key("task.side.assigner_only", {{"task", t.code}}));
  }
}

std::string notice_params(store::Session& sql, const store::TaskRow& t,
                          const std::vector<std::pair<std::string, std::string>>& more) {
  JsonText j;
  j.add("task", t.code)
      .add("title", t.title)
      .add("plan", t.plan)
      .add("where", unit_place(sql, t.owner_unit_id));
  for (const auto& [k, v] : more) j.add(k, v);
  return j.str();
}

}  // namespace

Page<TaskView> TaskService::list(const Principal& who, const TaskQuery& q, const PageRequest& page) {
  audit_.require(who, Permission::read_plans);
  page.validate();
  auto lease = db_.lease();
  store::PlanRepository repo(*lease);
  std::vector<store::PlanRow> plans;
  if (!q.plan.empty()) {
    auto p = repo.find_plan(q.plan);
    if (!p) audit_.deny_out_of_scope(who, "plan", q.plan);
    plans.push_back(*p);
  } else {
    plans = repo.plans();
  }
  std::string under_path;
  if (!q.under.empty()) {
    auto u = store::UnitRepository(*lease).find_by_code(q.under);
    if (!u || !who.in_scope(*u)) audit_.deny_out_of_scope(who, "unit", q.under);
    under_path = u->path;
  }
  Page<TaskView> out;
  out.page = page.page;
  out.page_size = page.page_size;
  for (const auto& plan : plans) {
    PlanSnapshot snap = PlanSnapshot::load(*lease, plan, plan_day(plan, q.day, audit_.clock().now_ms()));
    for (size_t i = 0; i < snap.tasks.size(); ++i) {
      const auto& t = snap.tasks[i];
      const auto& p = snap.progress[i];
      if (!task_visible(who, t)) continue;
      if (!q.owner.empty() && t.owner != q.owner) continue;
      if (!under_path.empty() && !path_in_scope(under_path, t.owner_path)) continue;
      if (!q.action.empty() && t.action != q.action) continue;
      if (!q.parent.empty() && t.parent != q.parent) continue;
      if (q.top_level && t.parent_id) continue;
      if (q.status == "done" && !p.done) continue;
      if (q.status == "overdue" && !p.overdue) continue;
      if (q.status == "open" && p.done) continue;
      if (!q.text.empty() && t.code.find(q.text) == std::string::npos &&
          t.title.find(q.text) == std::string::npos)
        continue;
      ++out.total;
      if (out.total > page.offset() && static_cast<long long>(out.items.size()) < page.page_size) {
        out.items.push_back(view_of(snap, i));
      }
    }
  }
  return out;
}

TaskDetail TaskService::get(const Principal& who, const std::string& code, std::optional<int> day) {
  audit_.require(who, Permission::read_plans);
  auto lease = db_.lease();
  return detail_of(audit_, *lease, who, code, day);
}

TaskDetail TaskService::create(const Principal& who, const std::string& plan_code, const TaskDraft& draft) {
  audit_.require(who, Permission::manage_plans);
  return db_.transact([&](soci::session& sql) {
    store::PlanRepository repo(sql);
    auto plan = repo.find_plan(plan_code);
    auto plan_unit = plan ? store::UnitRepository(sql).find_by_id(plan->unit_id) : std::nullopt;
    if (!plan || !plan_unit || !plan_visible(who, plan_unit->path))
      throw InvalidInput("plan", "unknown plan \"" + plan_code + "\"",
                         message_key("task.plan.unknown", {{"plan", plan_code}}));
    auto items = plan_item_codes(sql, *plan);
    store::TaskRow t = resolve_task_draft(sql, who, *plan, draft, nullptr, items, "").row;
    if (t.code.empty()) {
      for (size_t n = repo.tasks(plan->id).size() + 1;; ++n) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "-T%03zu", n);
        t.code = plan->code + buf;
        if (!repo.find_task(t.code)) break;
      }
    } else if (repo.find_task(t.code)) {
      throw Conflict("task \"" + t.code + "\" already exists", "code",
                     message_key("task.code.exists", {{"task", t.code}}));
    }
    t.assigned_by_unit_id = own_unit(sql, who).id;
    TimeMs now = audit_.clock().now_ms();
    t.id = repo.insert_task(t, now);
    repo.append_event(t.id, {0, "create", who.username, display_name(sql, who), now, "", "{}"});
    audit_.record(sql, who, {"task.create", "task", t.code, "", task_json(t)});
    notifications_.notify_unit(sql, t.owner_unit_id, "task_assigned", notice_params(sql, t, {}), "task",
                               t.code);
    return detail_of(audit_, sql, who, t.code, std::nullopt);
  });
}

TaskDetail TaskService::split(const Principal& who, const std::string& code,
                              const std::vector<TaskDraft>& drafts, std::optional<long long> version) {
  audit_.require(who, Permission::work_tasks);
  if (drafts.empty())
    throw InvalidInput("children", "a split needs at least one child task",
                       message_key("task.split.no_children"));
  require_visible(audit_, db_, who, code);
  return db_.transact([&](soci::session& sql) {
    auto [task, plan] = visible_task(audit_, sql, who, code, true);
    require_side(who, task, true, "split");
    check_version(task, version);
    store::PlanRepository repo(sql);
    auto items = plan_item_codes(sql, plan);
    TimeMs now = audit_.clock().now_ms();
    std::string actor_name = display_name(sql, who);
    std::vector<std::string> codes;
    size_t next = repo.children(task.id).size() + 1;
    for (size_t i = 0; i < drafts.size(); ++i) {
      std::string field = "children[" + std::to_string(i) + "]";
      store::TaskRow c = resolve_task_draft(sql, who, plan, drafts[i], &task, items, field).row;
      if (c.code.empty()) {
        do {
          c.code = task.code + "-" + std::to_string(next++);
        } while (repo.find_task(c.code));
      } else if (repo.find_task(c.code)) {
        throw Conflict("task \"" + c.code + "\" already exists", field + ".code",
                       message_key("task.code.exists", {{"task", c.code}}));
      }
      c.parent_id = task.id;
      c.parent = task.code;
      c.assigned_by_unit_id = task.owner_unit_id;
      c.id = repo.insert_task(c, now);
      repo.append_event(
          c.id, {0, "create", who.username, actor_name, now, "", JsonText().add("parent", task.code).str()});
      notifications_.notify_unit(sql, c.owner_unit_id, "task_assigned", notice_params(sql, c, {}), "task",
                                 c.code);
      audit_.record(sql, who, {"task.create", "task", c.code, "", task_json(c)});
      codes.push_back(c.code);
    }
    if (!repo.touch_task(task.id, task.version, now))
      throw Conflict("task " + code + " changed; reload it", "version",
                     message_key("task.version.stale", {{"task", code}}));
    repo.append_event(
        task.id, {0, "split", who.username, actor_name, now, "", JsonText().add("children", codes).str()});
    audit_.record(sql, who, {"task.split", "task", code, "", JsonText().add("children", codes).str()});
    return detail_of(audit_, sql, who, code, std::nullopt);
  });
}

TaskDetail TaskService::report(const Principal& who, const std::string& code, const ProgressReport& in,
                               std::optional<long long> version) {
  audit_.require(who, Permission::work_tasks);
  if (in.progress && !(*in.progress >= 0 && *in.progress <= 1))
    throw InvalidInput("progress", "progress must be between 0 and 1", message_key("task.progress.range"));
  if (char_count(in.note) > 4000)
    throw InvalidInput("note", "note is longer than 4000 characters", message_key("task.note.too_long"));
  require_visible(audit_, db_, who, code);
  return db_.transact([&](soci::session& sql) {
    auto [task, plan] = visible_task(audit_, sql, who, code, true);
    require_side(who, task, true, "report on");
    check_version(task, version);
    photos_.require_existing(sql, in.files, "files");
    photos_.require_existing(sql, in.photos, "photos");
    // A task whose 佐证要求 is set is reported with at least one file or photo. (The server console, which
    // loads data such as the demo city, is not a person reporting and is not held to it.)
    if (!who.is_cli && !task.evidence_required.empty() && in.files.empty() && in.photos.empty()) {
      throw InvalidInput("files", "task " + code + " needs evidence: " + task.evidence_required,
                         message_key("task.evidence.required", {{"evidence", task.evidence_required}}));
    }
    store::PlanRepository repo(sql);
    // A task split into sub-tasks has the progress of its sub-tasks: its report is a note (with evidence),
    // counted at once, changing nothing; a task without sub-tasks is reported with a percentage.
    const bool has_children = !repo.children(task.id).empty();
    if (has_children && in.progress)
      throw InvalidInput("progress", "task " + code + " has sub-tasks: its progress comes from them",
                         message_key("task.progress.has_subtasks", {{"task", code}}));
    if (!has_children && !in.progress)
      throw InvalidInput("progress", "progress is required", message_key("task.progress.required"));
    if (has_children && in.note.empty() && in.files.empty() && in.photos.empty())
      throw InvalidInput("note", "a note on a task with sub-tasks needs a text, a file or a photo",
                         message_key("task.note.empty"));
    const bool counted = has_children || !plan.reports_need_approval;
    TimeMs now = audit_.clock().now_ms();
    store::TaskReportRow r;
    r.task_id = task.id;
    r.progress = in.progress.value_or(0);
    r.note = in.note;
    r.files = in.files;
    r.photos = in.photos;
    r.state = has_children ? "noted" : counted ? "approved" : "pending";
    r.reported_by = who.username;
    r.reported_at = now;
    r.id = repo.insert_report(r);
    if (!has_children && counted) {
      repo.decide_report(r.id, "approved", "", who.username, now);
      repo.set_reported_progress(task.id, *in.progress);
    } else if (has_children) {
      repo.decide_report(r.id, "noted", "", who.username, now);
    }
    if (!repo.touch_task(task.id, task.version, now))
      throw Conflict("task " + code + " changed; reload it", "version",
                     message_key("task.version.stale", {{"task", code}}));
    JsonText data;
    data.add("report", r.id).add("state", r.state);
    if (in.progress) data.add("progress", format_progress(*in.progress));
    repo.append_event(task.id, {0, "report", who.username, display_name(sql, who), now, in.note, data.str()});
    audit_.record(sql, who, {"task.report", "task", code, "", data.str()});
    if (!counted) {
      notifications_.notify_unit(
          sql, task.assigned_by_unit_id, "task_report_pending",
          notice_params(sql, task,
                        {{"progress", format_progress(*in.progress)}, {"report", std::to_string(r.id)}}),
          "task", code);
    }
    return detail_of(audit_, sql, who, code, std::nullopt);
  });
}

TaskDetail TaskService::approve(const Principal& who, const std::string& code, long long report_id,
                                std::optional<long long> version) {
  return decide(who, code, report_id, true, "", version);
}

TaskDetail TaskService::reject(const Principal& who, const std::string& code, long long report_id,
                               const std::string& reason, std::optional<long long> version) {
  if (reason.empty())
    throw InvalidInput("reason", "a rejection needs a reason", message_key("task.reason.required"));
  return decide(who, code, report_id, false, reason, version);
}

TaskDetail TaskService::decide(const Principal& who, const std::string& code, long long report_id,
                               bool approve, const std::string& reason, std::optional<long long> version) {
  audit_.require(who, Permission::work_tasks);
  if (char_count(reason) > 4000)
    throw InvalidInput("reason", "reason is longer than 4000 characters",
                       message_key("task.reason.too_long"));
  require_visible(audit_, db_, who, code);
  return db_.transact([&](soci::session& sql) {
    auto [task, plan] = visible_task(audit_, sql, who, code, true);
    require_side(who, task, false, approve ? "approve reports on" : "reject reports on");
    check_version(task, version);
    store::PlanRepository repo(sql);
    auto report = repo.find_report(report_id);
    if (!report || report->task_id != task.id)
      throw InvalidInput(
          "report", "task " + code + " has no report " + std::to_string(report_id),
          message_key("task.report.unknown", {{"task", code}, {"report", std::to_string(report_id)}}));
    // Four eyes: nobody decides on their own report (the server console, which is no person, excepted).
    if (!who.is_cli && report->reported_by == who.username) {
      throw Forbidden("nobody approves or rejects their own report",
                      message_key("task.report.own", {{"report", std::to_string(report_id)}}));
    }
    // Where the plan says so, nobody of the reporting person's unit decides either.
    if (!who.is_cli && plan.approval_by_other_unit) {
      auto reporter = store::UserRepository(sql).find_by_username(report->reported_by);
      if (reporter && reporter->user.unit_id == who.unit_id)
        throw Forbidden("a report is decided by another unit than the reporter's",
                        message_key("task.report.same_unit", {{"report", std::to_string(report_id)},
                                                              {"unit", reporter->user.unit_code}}));
    }
    if (report->state != "pending")
      throw Conflict("report " + std::to_string(report_id) + " is already " + report->state, "report",
                     message_key("task.report.decided",
                                 {{"report", std::to_string(report_id)}, {"state", report->state}}));
    TimeMs now = audit_.clock().now_ms();
    std::string state = approve ? "approved" : "rejected";
    repo.decide_report(report_id, state, reason, who.username, now);
    if (approve) repo.set_reported_progress(task.id, repo.latest_approved_progress(task.id).value_or(0));
    if (!repo.touch_task(task.id, task.version, now))
      throw Conflict("task " + code + " changed; reload it", "version",
                     message_key("task.version.stale", {{"task", code}}));
    JsonText data;
    data.add("report", report_id).add("progress", format_progress(report->progress));
    repo.append_event(task.id, {0, approve ? "approve" : "reject", who.username, display_name(sql, who), now,
                                reason, data.str()});
    audit_.record(sql, who, {approve ? "task.approve" : "task.reject", "task", code, "", data.str()});
    notifications_.notify_unit(
        sql, task.owner_unit_id, "task_report_decided",
        notice_params(sql, task,
                      {{"report", std::to_string(report_id)}, {"state", state}, {"reason", reason}}),
        "task", code);
    return detail_of(audit_, sql, who, code, std::nullopt);
  });
}

TaskDetail TaskService::remind(const Principal& who, const std::string& code, const std::string& note,
                               std::optional<long long> version) {
  audit_.require(who, Permission::work_tasks);
  if (char_count(note) > 4000)
    throw InvalidInput("note", "note is longer than 4000 characters", message_key("task.note.too_long"));
  require_visible(audit_, db_, who, code);
  return db_.transact([&](soci::session& sql) {
    auto [task, plan] = visible_task(audit_, sql, who, code, true);
    require_side(who, task, false, "remind about");
    check_version(task, version);
    store::PlanRepository repo(sql);
    TimeMs now = audit_.clock().now_ms();
    if (!repo.touch_task(task.id, task.version, now))
      throw Conflict("task " + code + " changed; reload it", "version",
                     message_key("task.version.stale", {{"task", code}}));
    repo.append_event(task.id, {0, "remind", who.username, display_name(sql, who), now, note, "{}"});
    audit_.record(sql, who, {"task.remind", "task", code, "", JsonText().add("note", note).str()});
    notifications_.notify_unit(sql, task.owner_unit_id, "task_reminded",
                               notice_params(sql, task, {{"note", note}}), "task", code);
    return detail_of(audit_, sql, who, code, std::nullopt);
  });
}

}  // namespace civic::service
