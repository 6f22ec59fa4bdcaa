#include "service/materials/material_service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "service/accounts/people_names.h"
#include "service/core/permission.h"
#include "service/evaluation/period_guard.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/materials/material_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

using Row = store::MaterialSubmissionRow;

NotFound not_found(long long id) {
  return NotFound("material submission " + std::to_string(id) + " not found",
                  message_key("material.not_found", {{"id", std::to_string(id)}}));
}

// The row, or NotFound when missing or outside `who`'s scope.
Row load(soci::session& sql, const Principal& who, long long id) {
  auto r = store::MaterialRepository(sql).find(id);
  if (!r || !who.in_scope(r->unit_path)) throw not_found(id);
  return *r;
}

Framework period_framework(soci::session& sql, long long period_id) {
  store::EvaluationRepository repo(sql);
  long long framework_id = store::MaterialRepository(sql).framework_of_period(period_id);
  return bundle::read_framework_document(repo.framework_by_id(framework_id)->document);
}

const Item* material_item(const Framework& fw, const std::string& code) {
  for (const Item* it : fw.items()) {
    if (it->code == code && it->method == Method::material) return it;
  }
  return nullptr;
}

// The attached files as the whole list; every id must be non-empty and at most 200 bytes.
void write_files(soci::session& sql, long long id, const std::vector<std::string>& files) {
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].empty() || files[i].size() > 200) {
      throw InvalidInput("files[" + std::to_string(i) + "]", "a file id is empty or too long",
                         message_key("material.file.invalid"));
    }
  }
  store::MaterialRepository(sql).replace_files(id, files);
}

MaterialSubmission to_submission(soci::session& sql, const Row& r, bool detail) {
  store::MaterialRepository repo(sql);
  MaterialSubmission m;
  m.id = r.id;
  m.period = r.period;
  m.item = r.item;
  m.unit = r.unit_code;
  m.unit_name = r.unit_name;
  m.description = r.description;
  m.state = r.state;
  m.version = r.version;
  m.submitted_by = r.submitted_by;
  m.submitted_at = r.submitted_at;
  m.return_reason = r.return_reason;
  m.grade = repo.latest_grade(r.id);
  m.files = repo.files(r.id);
  if (detail) {
    PeopleNames names(sql);
    for (const auto& g : repo.grades(r.id))
      m.grades.push_back({g.seq, g.grade, g.comment, g.reviewer, g.graded_at, names.of(g.reviewer)});
    for (const auto& e : repo.events(r.id))
      m.events.push_back({e.actor, e.action, e.reason, e.at, names.of(e.actor)});
    const Item* it = material_item(period_framework(sql, r.period_id), r.item);
    if (it) m.item_name = it->name;
  }
  return m;
}

std::string audit_json(const MaterialSubmission& m) {
  boost::json::object o{{"period", m.period}, {"item", m.item},   {"unit", m.unit},
                        {"state", m.state},   {"grade", m.grade}, {"version", m.version}};
  return boost::json::serialize(o);
}

void require_text(const std::string& field, const std::string& value, size_t max, const char* key) {
  if (value.size() > max) {
    throw InvalidInput(field, field + " is too long",
                       message_key("material.text.too_long", {{"field", field}}));
  }
  (void)key;
}

Conflict stale(long long id) {
  return Conflict("material submission " + std::to_string(id) + " was changed by someone else", "version",
                  message_key("material.stale", {{"id", std::to_string(id)}}));
}

Conflict wrong_state(const Row& r, const std::string& action) {
  return Conflict("a " + r.state + " submission cannot be " + action, "state",
                  message_key("material.state", {{"state", r.state}, {"action", action}}));
}

}  // namespace

std::string MaterialService::deadline(soci::session& sql, long long period_id,
                                      const std::string& period_end) {
  if (auto stored = store::MaterialRepository(sql).deadline(period_id)) return *stored;
  auto end = parse_iso_date(period_end);
  if (!end) return period_end;
  return to_iso(date_from_day_number(day_number(*end) - 15));
}

MaterialPage MaterialService::list(const Principal& who, const MaterialFilter& f) {
  audit_.require(who, Permission::read_materials);
  auto lease = db_.lease();
  soci::session& sql = *lease;
  std::vector<Row> rows;
  for (auto& r : store::MaterialRepository(sql).list({f.period, f.item, f.unit, f.state})) {
    if (who.in_scope(r.unit_path)) rows.push_back(std::move(r));
  }
  MaterialPage page;
  page.total = static_cast<long long>(rows.size());
  int size = std::clamp(f.page_size, 1, 500);
  long long from = static_cast<long long>(std::max(f.page, 1) - 1) * size;
  for (long long i = from; i < page.total && i < from + size; ++i) {
    page.items.push_back(to_submission(sql, rows[static_cast<size_t>(i)], false));
  }
  return page;
}

MaterialSubmission MaterialService::get(const Principal& who, long long id) {
  audit_.require(who, Permission::read_materials);
  auto lease = db_.lease();
  return to_submission(*lease, load(*lease, who, id), true);
}

MaterialSubmission MaterialService::create(const Principal& who, const MaterialDraft& d) {
  audit_.require(who, Permission::submit_materials);
  require_text("description", d.description, 4000, "");
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    long long period_id = require_open_period(sql, d.period);
    store::UnitRepository units(sql);
    auto unit = units.find_by_code(d.unit);
    if (!unit || !who.in_scope(*unit)) {
      throw NotFound("unit " + d.unit + " not found",
                     message_key("material.unit.not_found", {{"unit", d.unit}}));
    }
    if (!material_item(period_framework(sql, period_id), d.item)) {
      throw InvalidInput("item", "no material item " + d.item + " in the period's framework",
                         message_key("material.item.unknown", {{"item", d.item}}));
    }
    store::MaterialRepository materials(sql);
    if (auto existing = materials.find_id(period_id, d.item, unit->id)) {
      throw Conflict(
          "a submission of " + d.item + " for " + d.unit + " already exists: " + std::to_string(*existing),
          "item", message_key("material.exists", {{"id", std::to_string(*existing)}}));
    }
    long long id = materials.insert(period_id, d.item, unit->id, d.description, who.username, now);
    write_files(sql, id, d.files);
    materials.add_event(id, who.username, now, "create", "");
    auto m = to_submission(sql, *materials.find(id), true);
    audit_.record(sql, who, AuditEvent{"material.create", "material", std::to_string(id), "", audit_json(m)});
    return m;
  });
}

MaterialSubmission MaterialService::update(const Principal& who, long long id, long long version,
                                           const std::string& description,
                                           const std::vector<std::string>& files) {
  audit_.require(who, Permission::submit_materials);
  require_text("description", description, 4000, "");
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    Row r = load(sql, who, id);
    require_open_period(sql, r.period);
    if (r.version != version) throw stale(id);
    if (r.state != "draft" && r.state != "returned") throw wrong_state(r, "edited");
    auto before = to_submission(sql, r, false);
    store::MaterialRepository materials(sql);
    materials.set_description(id, description);
    write_files(sql, id, files);
    materials.move_state(id, r.version, r.state, now);
    materials.add_event(id, who.username, now, "update", "");
    auto m = to_submission(sql, *materials.find(id), true);
    audit_.record(
        sql, who,
        AuditEvent{"material.update", "material", std::to_string(id), audit_json(before), audit_json(m)});
    return m;
  });
}

MaterialSubmission MaterialService::submit(const Principal& who, long long id) {
  audit_.require(who, Permission::submit_materials);
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    Row r = load(sql, who, id);
    require_open_period(sql, r.period);
    if (r.state != "draft" && r.state != "returned") throw wrong_state(r, "submitted");
    std::string due = deadline(sql, r.period_id, r.period_end);
    std::string today = to_iso(civil_date_of(now));
    if (r.state == "draft" && today > due) {
      throw Conflict("the materials deadline " + due + " of " + r.period + " has passed", "deadline",
                     message_key("material.deadline", {{"deadline", due}, {"period", r.period}}));
    }
    auto before = to_submission(sql, r, false);
    store::MaterialRepository materials(sql);
    materials.set_submitted(id, who.username, now);
    materials.move_state(id, r.version, "submitted", now);
    materials.add_event(id, who.username, now, r.state == "returned" ? "resubmit" : "submit", "");
    auto m = to_submission(sql, *materials.find(id), true);
    audit_.record(
        sql, who,
        AuditEvent{"material.submit", "material", std::to_string(id), audit_json(before), audit_json(m)});
    return m;
  });
}

MaterialSubmission MaterialService::grade(const Principal& who, long long id, const std::string& grade,
                                          const std::string& comment) {
  audit_.require(who, Permission::review_materials);
  require_text("comment", comment, 2000, "");
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();  // first: orders writers (evaluation_service.h)
    Row r = load(sql, who, id);
    require_open_period(sql, r.period);
    if (r.state != "submitted" && r.state != "graded") throw wrong_state(r, "graded");
    Framework fw = period_framework(sql, r.period_id);
    if (!fw.grade_fraction(grade)) {
      throw InvalidInput("grade", "the framework's grade map has no grade " + grade,
                         message_key("material.grade.unknown", {{"grade", grade}}));
    }
    auto before = to_submission(sql, r, false);
    store::MaterialRepository materials(sql);
    materials.add_grade(id, grade, comment, who.username, now);
    // The counted grade: the latest grade of the graded submission.
    materials.remove_counted_grade(r.item, r.unit_id, r.period_id);
    repo.insert_grade(MaterialGrade{r.item, r.unit_code, r.period, grade}, r.unit_id, r.period_id);
    materials.set_return_reason(id, "");
    materials.move_state(id, r.version, "graded", now);
    materials.add_event(id, who.username, now, r.state == "graded" ? "regrade" : "grade", comment);
    repo.bump_structure_revision();
    auto m = to_submission(sql, *materials.find(id), true);
    audit_.record(
        sql, who,
        AuditEvent{"material.grade", "material", std::to_string(id), audit_json(before), audit_json(m)});
    return m;
  });
}

MaterialSubmission MaterialService::send_back(const Principal& who, long long id, const std::string& reason) {
  audit_.require(who, Permission::review_materials);
  if (reason.empty()) {
    throw InvalidInput("reason", "a reason is required to send a submission back",
                       message_key("material.reason.required"));
  }
  require_text("reason", reason, 2000, "");
  TimeMs now = audit_.clock().now_ms();
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    Row r = load(sql, who, id);
    require_open_period(sql, r.period);
    if (r.state != "submitted" && r.state != "graded") throw wrong_state(r, "returned");
    auto before = to_submission(sql, r, false);
    // A returned submission is not counted.
    store::MaterialRepository materials(sql);
    materials.remove_counted_grade(r.item, r.unit_id, r.period_id);
    materials.set_return_reason(id, reason);
    materials.move_state(id, r.version, "returned", now);
    materials.add_event(id, who.username, now, "return", reason);
    repo.bump_structure_revision();
    auto m = to_submission(sql, *materials.find(id), true);
    audit_.record(
        sql, who,
        AuditEvent{"material.return", "material", std::to_string(id), audit_json(before), audit_json(m)});
    return m;
  });
}

}  // namespace civic::service
