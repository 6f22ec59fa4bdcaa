#include "store/materials/material_repository.h"

namespace civic::store {

namespace {

const char* kSelect =
    "SELECT s.id, s.period_id, s.unit_id, s.version, p.code, p.end_date, s.item, u.code, u.name, u.path, "
    "s.description, s.state, s.submitted_by, s.return_reason, s.submitted_at FROM material_submissions s "
    "JOIN periods p ON p.id = s.period_id JOIN units u ON u.id = s.unit_id ";

// The into() of every kSelect column, in order.
void bind_row(soci::statement& st, MaterialSubmissionRow& r, long long& submitted_at) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.period_id));
  st.exchange(soci::into(r.unit_id));
  st.exchange(soci::into(r.version));
  st.exchange(soci::into(r.period));
  st.exchange(soci::into(r.period_end));
  st.exchange(soci::into(r.item));
  st.exchange(soci::into(r.unit_code));
  st.exchange(soci::into(r.unit_name));
  st.exchange(soci::into(r.unit_path));
  st.exchange(soci::into(r.description));
  st.exchange(soci::into(r.state));
  st.exchange(soci::into(r.submitted_by));
  st.exchange(soci::into(r.return_reason));
  st.exchange(soci::into(submitted_at));
}

// The next sequence number of `table`'s rows of submission `id` (1 for the first).
int next_seq(soci::session& sql, const char* table, long long id) {
  long long seq = 0;
  soci::indicator ind = soci::i_null;
  sql << std::string("SELECT MAX(seq) FROM ") + table + " WHERE submission_id = :s", soci::use(id),
      soci::into(seq, ind);
  return ind == soci::i_ok ? static_cast<int>(seq) + 1 : 1;
}

}  // namespace

std::optional<MaterialSubmissionRow> MaterialRepository::find(long long id) {
  MaterialSubmissionRow r;
  long long submitted_at = 0;
  soci::statement st(sql_);
  bind_row(st, r, submitted_at);
  st.exchange(soci::use(id));
  st.alloc();
  st.prepare(std::string(kSelect) + "WHERE s.id = :id");
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  r.submitted_at = submitted_at;
  return r;
}

std::optional<long long> MaterialRepository::find_id(long long period_id, const std::string& item,
                                                     long long unit_id) {
  long long id = 0;
  sql_ << "SELECT id FROM material_submissions WHERE period_id = :p AND item = :i AND unit_id = :u",
      soci::use(period_id), soci::use(item), soci::use(unit_id), soci::into(id);
  if (!sql_.got_data()) return std::nullopt;
  return id;
}

std::vector<MaterialSubmissionRow> MaterialRepository::list(const MaterialListFilter& f) {
  std::vector<MaterialSubmissionRow> out;
  MaterialSubmissionRow r;
  long long submitted_at = 0;
  soci::statement st(sql_);
  bind_row(st, r, submitted_at);
  for (const std::string* v : {&f.period, &f.period, &f.item, &f.item, &f.unit, &f.unit, &f.state, &f.state})
    st.exchange(soci::use(*v));
  st.alloc();
  st.prepare(std::string(kSelect) +
             "WHERE (:p = '' OR p.code = :p2) AND (:i = '' OR s.item = :i2) AND (:u = '' OR u.code = :u2) "
             "AND (:st = '' OR s.state = :st2) "
             "ORDER BY CASE WHEN s.state = 'submitted' THEN 0 ELSE 1 END, s.item, u.code");
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      r.submitted_at = submitted_at;
      out.push_back(r);
    } while (st.fetch());
  }
  return out;
}

long long MaterialRepository::insert(long long period_id, const std::string& item, long long unit_id,
                                     const std::string& description, const std::string& created_by,
                                     TimeMs at) {
  long long t = at;
  std::string state = "draft";
  sql_ << "INSERT INTO material_submissions (period_id, item, unit_id, description, state, created_by, "
          "created_at, updated_at) VALUES (:p, :i, :u, :d, :s, :c, :t, :t2)",
      soci::use(period_id), soci::use(item), soci::use(unit_id), soci::use(description), soci::use(state),
      soci::use(created_by), soci::use(t), soci::use(t);
  return *find_id(period_id, item, unit_id);
}

void MaterialRepository::set_description(long long id, const std::string& description) {
  sql_ << "UPDATE material_submissions SET description = :d WHERE id = :id", soci::use(description),
      soci::use(id);
}

void MaterialRepository::set_submitted(long long id, const std::string& by, TimeMs at) {
  long long t = at;
  sql_ << "UPDATE material_submissions SET submitted_by = :b, submitted_at = :t WHERE id = :id",
      soci::use(by), soci::use(t), soci::use(id);
}

void MaterialRepository::set_return_reason(long long id, const std::string& reason) {
  sql_ << "UPDATE material_submissions SET return_reason = :r WHERE id = :id", soci::use(reason),
      soci::use(id);
}

void MaterialRepository::move_state(long long id, long long version, const std::string& state, TimeMs at) {
  long long t = at;
  long long next = version + 1;
  sql_ << "UPDATE material_submissions SET state = :st, version = :nv, updated_at = :t WHERE id = :id AND "
          "version = :v",
      soci::use(state), soci::use(next), soci::use(t), soci::use(id), soci::use(version);
}

std::vector<std::string> MaterialRepository::files(long long id) {
  std::vector<std::string> out;
  std::string f;
  soci::statement st =
      (sql_.prepare << "SELECT file_id FROM material_submission_files WHERE submission_id = :s ORDER BY seq",
       soci::use(id), soci::into(f));
  if (st.execute(true)) {
    do out.push_back(f);
    while (st.fetch());
  }
  return out;
}

void MaterialRepository::replace_files(long long id, const std::vector<std::string>& files) {
  sql_ << "DELETE FROM material_submission_files WHERE submission_id = :s", soci::use(id);
  for (size_t i = 0; i < files.size(); ++i) {
    int seq = static_cast<int>(i);
    sql_ << "INSERT INTO material_submission_files (submission_id, seq, file_id) VALUES (:s, :q, :f)",
        soci::use(id), soci::use(seq), soci::use(files[i]);
  }
}

std::vector<MaterialGradeRow> MaterialRepository::grades(long long id) {
  std::vector<MaterialGradeRow> out;
  MaterialGradeRow g;
  long long at = 0;
  soci::statement st =
      (sql_.prepare << "SELECT seq, grade, comment, reviewer, graded_at FROM material_grades_history "
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

std::string MaterialRepository::latest_grade(long long id) {
  std::string g;
  sql_ << "SELECT grade FROM material_grades_history WHERE submission_id = :s ORDER BY seq DESC LIMIT 1",
      soci::use(id), soci::into(g);
  return sql_.got_data() ? g : std::string();
}

void MaterialRepository::add_grade(long long id, const std::string& grade, const std::string& comment,
                                   const std::string& reviewer, TimeMs at) {
  int next = next_seq(sql_, "material_grades_history", id);
  long long t = at;
  sql_ << "INSERT INTO material_grades_history (submission_id, seq, grade, comment, reviewer, graded_at) "
          "VALUES (:s, :q, :g, :c, :r, :t)",
      soci::use(id), soci::use(next), soci::use(grade), soci::use(comment), soci::use(reviewer), soci::use(t);
}

std::vector<MaterialEventRow> MaterialRepository::events(long long id) {
  std::vector<MaterialEventRow> out;
  MaterialEventRow e;
  long long at = 0;
  soci::statement st =
      (sql_.prepare << "SELECT actor, at, action, reason FROM material_submission_events "
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

void MaterialRepository::add_event(long long id, const std::string& actor, TimeMs at,
                                   const std::string& action, const std::string& reason) {
  int next = next_seq(sql_, "material_submission_events", id);
  long long t = at;
  sql_ << "INSERT INTO material_submission_events (submission_id, seq, actor, at, action, reason) "
          "VALUES (:s, :q, :a, :t, :x, :r)",
      soci::use(id), soci::use(next), soci::use(actor), soci::use(t), soci::use(action), soci::use(reason);
}

void MaterialRepository::remove_counted_grade(const std::string& item, long long unit_id,
                                              long long period_id) {
  sql_ << "DELETE FROM material_grades WHERE item = :i AND unit_id = :u AND period_id = :p", soci::use(item),
      soci::use(unit_id), soci::use(period_id);
}

long long MaterialRepository::framework_of_period(long long period_id) {
  long long framework_id = 0;
  sql_ << "SELECT framework_id FROM periods WHERE id = :p", soci::use(period_id), soci::into(framework_id);
  return framework_id;
}

std::optional<std::string> MaterialRepository::deadline(long long period_id) {
  std::string stored;
  sql_ << "SELECT deadline FROM material_deadlines WHERE period_id = :p", soci::use(period_id),
      soci::into(stored);
  if (!sql_.got_data()) return std::nullopt;
  return stored;
}

std::vector<MaterialUnitRow> MaterialRepository::scored_units() {
  std::vector<MaterialUnitRow> out;
  MaterialUnitRow u;
  soci::statement st =
      (sql_.prepare << "SELECT u.code, u.path FROM units u LEFT JOIN units p ON p.id = u.parent_id "
                       "WHERE (u.parent_id IS NULL OR p.parent_id IS NULL) AND u.type <> 'department' "
                       "ORDER BY CASE WHEN u.parent_id IS NULL THEN 0 ELSE 1 END, u.sort_order, u.code",
       soci::into(u.code), soci::into(u.path));
  if (st.execute(true)) {
    do out.push_back(u);
    while (st.fetch());
  }
  return out;
}

std::vector<MaterialStateRow> MaterialRepository::states_of_period(long long period_id) {
  std::vector<MaterialStateRow> out;
  MaterialStateRow r;
  soci::statement st =
      (sql_.prepare << "SELECT s.item, u.code, s.state FROM material_submissions s "
                       "JOIN units u ON u.id = s.unit_id WHERE s.period_id = :p",
       soci::use(period_id), soci::into(r.item), soci::into(r.unit_code), soci::into(r.state));
  if (st.execute(true)) {
    do out.push_back(r);
    while (st.fetch());
  }
  return out;
}

}  // namespace civic::store
