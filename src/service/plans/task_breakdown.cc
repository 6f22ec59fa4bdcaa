#include "service/plans/task_breakdown.h"

#include <soci/soci.h>

#include <functional>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "domain/plans/task_table.h"
#include "service/accounts/people_names.h"
#include "service/core/json_text.h"
#include "service/plans/plan_snapshot.h"
#include "service/plans/task_service.h"
#include "service/units/unit_place.h"
#include "store/plans/plan_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

// "co_units[2]" → "co_units"; "" → "".
std::string base_field(const std::string& field) {
  return field.substr(0, field.find('['));
}

// The plan by code if `who` may see it; NotFound otherwise, audited unless `in_transaction` (see
// TaskService).
store::PlanRow visible_plan(AuditService& audit, soci::session& sql, const Principal& who,
                            const std::string& code, bool in_transaction = false) {
  auto plan = store::PlanRepository(sql).find_plan(code);
  std::optional<Unit> unit;
  if (plan) unit = store::UnitRepository(sql).find_by_id(plan->unit_id);
  if (!plan || !unit || !plan_visible(who, unit->path)) {
    if (in_transaction)
      throw NotFound("plan \"" + code + "\" not found", message_key("plan.not_found", {{"plan", code}}));
    audit.deny_out_of_scope(who, "plan", code);
  }
  return *plan;
}

}  // namespace

ImportCounts TaskBreakdown::import_file(const Principal& who, const std::string& plan_code,
                                        std::string_view bytes) {
  audit_.require(who, Permission::manage_plans);
  if (bytes.empty()) throw InvalidInput("file", "the table is empty", message_key("task.table.empty"));
  return import_table(who, plan_code,
                      platform::looks_like_xlsx(bytes) ? platform::read_xlsx(bytes) : parse_csv(bytes));
}

ImportCounts TaskBreakdown::import_table(const Principal& who, const std::string& plan_code,
                                         const platform::Cells& cells) {
  audit_.require(who, Permission::manage_plans);
  TaskTable table = parse_task_table(cells);
  {
    auto lease = db_.lease();
    visible_plan(audit_, *lease, who, plan_code);
  }
  return db_.transact([&](soci::session& sql) {
    store::PlanRow plan = visible_plan(audit_, sql, who, plan_code, true);
    store::PlanRepository repo(sql);
    std::vector<TableCellError> errors = table.errors;
    std::set<std::string> items = plan_item_codes(sql, plan);
    std::map<std::string, store::TaskRow> known;  // this plan's tasks, then the file's rows as they resolve
    for (auto& t : repo.tasks(plan.id)) known.emplace(t.code, std::move(t));
    // Asked once for the whole table, not once a row: the unit tree, and which new codes are taken.
    std::unordered_map<std::string, Unit> units_by_code;
    {
      store::UnitRepository units(sql);
      if (auto root = units.root())
        for (Unit& u : units.subtree(root->path)) units_by_code.emplace(u.code, std::move(u));
    }
    std::vector<std::string> new_codes;
    for (const TaskTableRow& r : table.rows)
      if (!known.count(r.code)) new_codes.push_back(r.code);
    std::unordered_set<std::string> taken = repo.existing_task_codes(new_codes);
    struct Pending {
      store::TaskRow row;
      bool is_new;
      long long expected_version;
    };
    std::vector<Pending> writes;
    for (const TaskTableRow& r : table.rows) {
      auto error = [&](const std::string& field, std::string message) {
        errors.push_back({r.row, field.empty() ? "" : table.column_name(field), std::move(message)});
      };
      auto existing = known.find(r.code);
      bool is_new = existing == known.end();
      if (is_new && taken.count(r.code)) {
        if (auto elsewhere = repo.find_task(r.code)) {
          error("code", "task " + r.code + " belongs to plan " + elsewhere->plan);
          continue;
        }
      }
      const store::TaskRow* parent = nullptr;
      if (!r.parent.empty()) {
        auto p = known.find(r.parent);
        if (p == known.end()) {
          error("parent",
                "unknown parent task \"" + r.parent + "\" (it must exist or come earlier in the table)");
          continue;
        }
        parent = &p->second;
      }
      if (!is_new && existing->second.parent != r.parent) {
        error("parent", "task " + r.code + " already has parent \"" + existing->second.parent + "\"");
        continue;
      }
      TaskDraft d;
      d.code = r.code;
      d.title = r.title;
      d.action = r.action;
      d.owner = r.owner;
      d.co_units = r.co_units;
      d.items = r.items;
      d.start = to_iso(r.start);
      d.due = to_iso(r.due);
      d.weight = r.weight;
      d.deliverable = r.deliverable;
      d.evidence_required = r.evidence_required;
      try {
        store::TaskRow t = resolve_task_draft(sql, who, plan, d, parent, items, "", &units_by_code).row;
        t.code = r.code;
        if (parent) {
          t.parent_id = parent->id;  // 0 when the parent is new in this file: filled in at write time
          t.parent = parent->code;
          t.assigned_by_unit_id = parent->owner_unit_id;
        }
        long long version = 0;
        if (!is_new) {
          t.id = existing->second.id;
          t.parent_id = existing->second.parent_id;
          t.assigned_by_unit_id = existing->second.assigned_by_unit_id;
          version = existing->second.version;
        }
        writes.push_back({t, is_new, version});
        known[r.code] = t;
      } catch (const InvalidInput& e) {
        error(base_field(e.field()), e.what());
      }
    }
    if (!errors.empty()) throw InvalidTable(std::move(errors));
    ImportCounts counts;
    TimeMs now = audit_.clock().now_ms();
    long long own_unit = principal_unit(sql, who).id;
    // New tasks go in bulk, a generation at a time (a parent new in this file before its children), with
    // their first events; then each owner is notified. Changed tasks are updated one by one (optimistic
    // versions).
    std::unordered_map<std::string, long long> ids;  // code → id of the rows written now
    std::vector<Pending*> left;
    for (auto& w : writes) {
      if (!w.is_new) continue;
      if (w.row.parent.empty()) {
        w.row.parent_id.reset();
        w.row.assigned_by_unit_id = own_unit;
      }
      left.push_back(&w);
    }
    std::string actor_name = PeopleNames(sql).of(who.username);
    std::vector<std::pair<long long, store::TaskEventRow>> first_events;
    while (!left.empty()) {
      std::vector<store::TaskRow> generation;
      std::vector<Pending*> later, now_written;
      for (Pending* w : left) {
        if (!w->row.parent.empty()) {
          auto parent_id = ids.find(w->row.parent);
          if (parent_id != ids.end()) {
            w->row.parent_id = parent_id->second;
          } else if (known.at(w->row.parent).id > 0) {
            w->row.parent_id = known.at(w->row.parent).id;
          } else {
            later.push_back(w);  // its parent is new and not written yet
            continue;
          }
        }
        generation.push_back(w->row);
        now_written.push_back(w);
      }
      if (generation.empty()) throw std::logic_error("task import: a parent is never written");
      auto written = repo.insert_tasks(generation, now);
      for (Pending* w : now_written) {
        w->row.id = written.at(w->row.code);
        ids[w->row.code] = w->row.id;
        first_events.push_back({w->row.id, {0, "import", who.username, actor_name, now, "", "{}"}});
      }
      left = std::move(later);
    }
    repo.insert_first_events(first_events);
    std::unordered_map<long long, std::string> places;  // owner unit id → its place, named once
    std::vector<NotificationService::UnitNotice> notices;
    for (auto& w : writes) {
      if (w.is_new) {
        auto place = places.find(w.row.owner_unit_id);
        if (place == places.end())
          place = places.emplace(w.row.owner_unit_id, unit_place(sql, w.row.owner_unit_id)).first;
        JsonText params;
        params.add("task", w.row.code).add("title", w.row.title).add("plan", plan.code);
        params.add("where", place->second);
        notices.push_back({w.row.owner_unit_id, "task_assigned", params.str(), "task", w.row.code});
        ++counts.created;
      } else {
        if (!repo.update_task(w.row, w.expected_version, now))
          throw Conflict("task " + w.row.code + " changed during the import; try again", "",
                         message_key("task.import.changed", {{"task", w.row.code}}));
        repo.append_event(w.row.id, {0, "import", who.username, who.username, now, "", "{}"});
        ++counts.updated;
      }
    }
    notifications_.notify_units(sql, notices);
    audit_.record(sql, who,
                  {"task.import", "plan", plan.code, "",
                   JsonText().add("created", counts.created).add("updated", counts.updated).str()});
    return counts;
  });
}

platform::Cells TaskBreakdown::export_table(const Principal& who, const std::string& plan_code,
                                            const std::string& owner) {
  audit_.require(who, Permission::read_plans);
  auto lease = db_.lease();
  store::PlanRow plan = visible_plan(audit_, *lease, who, plan_code);
  auto tasks = store::PlanRepository(*lease).tasks(plan.id);
  std::map<std::string, std::vector<const store::TaskRow*>> by_parent;  // parent code → children by code
  for (const auto& t : tasks) by_parent[t.parent].push_back(&t);
  platform::Cells cells{task_table_header()};
  std::function<void(const std::string&)> walk = [&](const std::string& parent) {
    auto it = by_parent.find(parent);
    if (it == by_parent.end()) return;
    for (const store::TaskRow* t : it->second) {
      if (task_visible(who, *t) && (owner.empty() || t->owner == owner)) {
        TaskTableRow r;
        r.code = t->code;
        r.title = t->title;
        r.action = t->action;
        r.owner = t->owner;
        r.co_units = t->co_units;
        r.items = t->items;
        r.start = *parse_iso_date(t->start);
        r.due = *parse_iso_date(t->due);
        r.weight = t->weight;
        r.parent = t->parent;
        r.deliverable = t->deliverable;
        r.evidence_required = t->evidence_required;
        cells.push_back(task_table_cells(r));
      }
      walk(t->code);
    }
  };
  walk("");
  return cells;
}

}  // namespace civic::service
