#include "service/materials/material_service.h"

#include <boost/json.hpp>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "service/core/permission.h"
#include "service/evaluation/period_guard.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

struct Row {
  long long id = 0, period_id = 0, unit_id = 0, version = 1;
  std::string period, period_end, item, unit, unit_name, unit_path, description, state, submitted_by,
      return_reason;
  long long submitted_at = 0;
};

const char* kSelect =
    "SELECT s.id, s.period_id, s.unit_id, s.version, p.code, p.end_date, s.item, u.code, u.name, u.path, "
    "s.description, s.state, s.submitted_by, s.return_reason, s.submitted_at FROM material_submissions s "
    "JOIN periods p ON p.id = s.period_id JOIN units u ON u.id = s.unit_id ";

std::optional<Row> find_row(soci::session& sql, long long id) {
  Row r;
  sql << std::string(kSelect) + "WHERE s.id = :id", soci::use(id), soci::into(r.id), soci::into(r.period_id),
      soci::into(r.unit_id), soci::into(r.version), soci::into(r.period), soci::into(r.period_end),
      soci::into(r.item), soci::into(r.unit), soci::into(r.unit_name), soci::into(r.unit_path),
      soci::into(r.description), soci::into(r.state), soci::into(r.submitted_by), soci::into(r.return_reason),
      soci::into(r.submitted_at);
  if (!sql.got_data()) return std::nullopt;
  return r;
}

NotFound not_found(long long id) {
  return NotFound("material submission " + std::to_string(id) + " not found",
                  message_key("material.not_found", {{"id", std::to_string(id)}}));
}

// The row, or NotFound when missing or outside `who`'s scope.
Row load(soci::session& sql, const Principal& who, long long id) {
  auto r = find_row(sql, id);
  if (!r || !who.in_scope(r->unit_path)) throw not_found(id);
  return *r;
}

Framework period_framework(soci::session& sql, long long period_id) {
  store::EvaluationRepository repo(sql);
  long long framework_id = 0;
  sql << "SELECT framework_id FROM periods WHERE id = :p", soci::use(period_id), soci::into(framework_id);
  return bundle::read_framework_document(repo.framework_by_id(framework_id)->document);
}

const Item* material_item(const Framework& fw, const std::string& code) {
  for (const Item* it : fw.items()) {
    if (it->code == code && it->method == Method::material) return it;
  }
  return nullptr;
}

std::vector<std::string> files_of(soci::session& sql, long long id) {
  std::vector<std::string> out;
  std::string f;
  soci::statement st =
      (sql.prepare << "SELECT file_id FROM material_submission_files WHERE submission_id = :s "
                      "ORDER BY seq",
       soci::use(id), soci::into(f));
  if (st.execute(true)) {
    do out.push_back(f);
    while (st.fetch());
  }
  return out;
}

void write_files(soci::session& sql, long long id, const std::vector<std::string>& files) {
  sql << "DELETE FROM material_submission_files WHERE submission_id = :s", soci::use(id);
  for (size_t i = 0; i < files.size(); ++i) {
    if (files[i].empty() || files[i].size() > 200) {
      throw InvalidInput("files[" + std::to_string(i) + "]", "a file id is empty or too long",
                         message_key("material.file.invalid"));
    }
    int seq = static_cast<int>(i);
    sql << "INSERT INTO material_submission_files (submission_id, seq, file_id) VALUES (:s, :q, :f)",
        soci::use(id), soci::use(seq), soci::use(files[i]);
  }
}

std::vector<MaterialGradeVersion> grades_of(soci::session& sql, long long id) {
  std::vector<MaterialGradeVersion> out;
  MaterialGradeVersion g;
  long long at = 0;
  soci::statement st =
      (sql.prepare << "SELECT seq, grade, comment, reviewer, graded_at FROM material_grades_history "
                      "WHERE submission_id = :s ORDER BY seq",
       soci::use(id), soci::into(g.seq), soci::into(g.grade), soci::into(g.comment), soci::into(g.reviewer),
       soci::into(at));
  if (st.execute(true)) {
    do {
      g.graded_at = at;
      out.push_back(g);
    } while (st.fetch());
  }
  return out;
}

std::vector<MaterialEvent> events_of(soci::session& sql, long long id) {
  std::vector<MaterialEvent> out;
  MaterialEvent e;
  long long at = 0;
  soci::statement st =
      (sql.prepare << "SELECT actor, at, action, reason FROM material_submission_events "
                      "WHERE submission_id = :s ORDER BY seq",
       soci::use(id), soci::into(e.actor), soci::into(at), soci::into(e.action), soci::into(e.reason));
  if (st.execute(true)) {
    do {
      e.at = at;
      out.push_back(e);
    } while (st.fetch());
  }
  return out;
}

void add_event(soci::session& sql, long long id, const std::string& actor, TimeMs at,
               const std::string& action, const std::string& reason) {
  long long seq = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(seq) FROM material_submission_events WHERE submission_id = :s", soci::use(id),
      soci::into(seq, ind);
  int next = ind == soci::i_ok ? static_cast<int>(seq) + 1 : 1;
  long long t = at;
  sql << "INSERT INTO material_submission_events (submission_id, seq, actor, at, action, reason) "
         "VALUES (:s, :q, :a, :t, :x, :r)",
      soci::use(id), soci::use(next), soci::use(actor), soci::use(t), soci::use(action), soci::use(reason);
}

std::string latest_grade(soci::session& sql, long long id) {
  std::string g;
  sql << "SELECT grade FROM material_grades_history WHERE submission_id = :s ORDER BY seq DESC LIMIT 1",
      soci::use(id), soci::into(g);
  return sql.got_data() ? g : std::string();
}

MaterialSubmission to_submission(soci::session& sql, const Row& r, bool detail) {
  MaterialSubmission m;
  m.id = r.id;
  m.period = r.period;
  m.item = r.item;
  m.unit = r.unit;
  m.unit_name = r.unit_name;
  m.description = r.description;
  m.state = r.state;
  m.version = r.version;
  m.submitted_by = r.submitted_by;
  m.submitted_at = r.submitted_at;
  m.return_reason = r.return_reason;
  m.grade = latest_grade(sql, r.id);
  m.files = files_of(sql, r.id);
  if (detail) {
    m.grades = grades_of(sql, r.id);
    m.events = events_of(sql, r.id);
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

void bump_version(soci::session& sql, long long id, long long version, const std::string& state, TimeMs now) {
  long long t = now;
  long long next = version + 1;
  sql << "UPDATE material_submissions SET state = :st, version = :nv, updated_at = :t WHERE id = :id AND "
         "version = :v",
      soci::use(state), soci::use(next), soci::use(t), soci::use(id), soci::use(version);
}

}  // namespace

std::string MaterialService::deadline(soci::session& sql, long long period_id,
                                      const std::string& period_end) {
  std::string stored;
  sql << "SELECT deadline FROM material_deadlines WHERE period_id = :p", soci::use(period_id),
      soci::into(stored);
  if (sql.got_data()) return stored;
  auto end = parse_iso_date(period_end);
  if (!end) return period_end;
  return to_iso(date_from_day_number(day_number(*end) - 15));
}

MaterialPage MaterialService::list(const Principal& who, const MaterialFilter& f) {
  audit_.require(who, Permission::read_materials);
  auto lease = db_.lease();
  soci::session& sql = *lease;
  std::string where =
      "WHERE (:p = '' OR p.code = :p2) AND (:i = '' OR s.item = :i2) AND (:u = '' OR u.code = :u2) "
      "AND (:st = '' OR s.state = :st2) ";
  std::vector<Row> rows;
  Row r;
  soci::statement st =
      (sql.prepare << std::string(kSelect) + where +
                          "ORDER BY CASE WHEN s.state = 'submitted' THEN 0 ELSE 1 END, s.item, u.code",
       soci::use(f.period), soci::use(f.period), soci::use(f.item), soci::use(f.item), soci::use(f.unit),
       soci::use(f.unit), soci::use(f.state), soci::use(f.state), soci::into(r.id), soci::into(r.period_id),
       soci::into(r.unit_id), soci::into(r.version), soci::into(r.period), soci::into(r.period_end),
       soci::into(r.item), soci::into(r.unit), soci::into(r.unit_name), soci::into(r.unit_path),
       soci::into(r.description), soci::into(r.state), soci::into(r.submitted_by),
       soci::into(r.return_reason), soci::into(r.submitted_at));
  if (st.execute(true)) {
    do {
      if (who.in_scope(r.unit_path)) rows.push_back(r);
    } while (st.fetch());
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
    long long existing = 0;
    sql << "SELECT id FROM material_submissions WHERE period_id = :p AND item = :i AND unit_id = :u",
        soci::use(period_id), soci::use(d.item), soci::use(unit->id), soci::into(existing);
    if (sql.got_data()) {
      throw Conflict(
          "a submission of " + d.item + " for " + d.unit + " already exists: " + std::to_string(existing),
          "item", message_key("material.exists", {{"id", std::to_string(existing)}}));
    }
    long long t = now;
    std::string state = "draft", actor = who.username;
    sql << "INSERT INTO material_submissions (period_id, item, unit_id, description, state, created_by, "
           "created_at, updated_at) VALUES (:p, :i, :u, :d, :s, :c, :t, :t2)",
        soci::use(period_id), soci::use(d.item), soci::use(unit->id), soci::use(d.description),
        soci::use(state), soci::use(actor), soci::use(t), soci::use(t);
    long long id = 0;
    sql << "SELECT id FROM material_submissions WHERE period_id = :p AND item = :i AND unit_id = :u",
        soci::use(period_id), soci::use(d.item), soci::use(unit->id), soci::into(id);
    write_files(sql, id, d.files);
    add_event(sql, id, who.username, now, "create", "");
    auto m = to_submission(sql, *find_row(sql, id), true);
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
    sql << "UPDATE material_submissions SET description = :d WHERE id = :id", soci::use(description),
        soci::use(id);
    write_files(sql, id, files);
    bump_version(sql, id, r.version, r.state, now);
    add_event(sql, id, who.username, now, "update", "");
    auto m = to_submission(sql, *find_row(sql, id), true);
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
    long long t = now;
    std::string actor = who.username;
    sql << "UPDATE material_submissions SET submitted_by = :b, submitted_at = :t WHERE id = :id",
        soci::use(actor), soci::use(t), soci::use(id);
    bump_version(sql, id, r.version, "submitted", now);
    add_event(sql, id, who.username, now, r.state == "returned" ? "resubmit" : "submit", "");
    auto m = to_submission(sql, *find_row(sql, id), true);
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
    long long seq = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MAX(seq) FROM material_grades_history WHERE submission_id = :s", soci::use(id),
        soci::into(seq, ind);
    int next = ind == soci::i_ok ? static_cast<int>(seq) + 1 : 1;
    long long t = now;
    std::string reviewer = who.username;
    sql << "INSERT INTO material_grades_history (submission_id, seq, grade, comment, reviewer, graded_at) "
           "VALUES (:s, :q, :g, :c, :r, :t)",
        soci::use(id), soci::use(next), soci::use(grade), soci::use(comment), soci::use(reviewer),
        soci::use(t);
    // The counted grade: the latest grade of the graded submission.
    sql << "DELETE FROM material_grades WHERE item = :i AND unit_id = :u AND period_id = :p",
        soci::use(r.item), soci::use(r.unit_id), soci::use(r.period_id);
    repo.insert_grade(MaterialGrade{r.item, r.unit, r.period, grade}, r.unit_id, r.period_id);
    sql << "UPDATE material_submissions SET return_reason = '' WHERE id = :id", soci::use(id);
    bump_version(sql, id, r.version, "graded", now);
    add_event(sql, id, who.username, now, r.state == "graded" ? "regrade" : "grade", comment);
    repo.bump_structure_revision();
    auto m = to_submission(sql, *find_row(sql, id), true);
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
    sql << "DELETE FROM material_grades WHERE item = :i AND unit_id = :u AND period_id = :p",
        soci::use(r.item), soci::use(r.unit_id), soci::use(r.period_id);
    sql << "UPDATE material_submissions SET return_reason = :r WHERE id = :id", soci::use(reason),
        soci::use(id);
    bump_version(sql, id, r.version, "returned", now);
    add_event(sql, id, who.username, now, "return", reason);
    repo.bump_structure_revision();
    auto m = to_submission(sql, *find_row(sql, id), true);
    audit_.record(
        sql, who,
        AuditEvent{"material.return", "material", std::to_string(id), audit_json(before), audit_json(m)});
    return m;
  });
}

}  // namespace civic::service
