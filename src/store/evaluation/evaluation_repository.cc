#include "store/evaluation/evaluation_repository.h"

#include <algorithm>
#include <map>

#include "store/core/bulk_insert.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

constexpr int kFetchBatch = 2000;

CivilDate date_of(const std::string& iso) {
  // Stored dates were validated on the way in; a bad one here is a corrupted row.
  auto d = parse_iso_date(iso);
  if (!d) throw std::runtime_error("corrupted date in evaluation data: " + iso);
  return *d;
}

std::optional<FrameworkRow> select_framework(soci::session& sql, const std::string& where, long long id,
                                             const std::string& code, int version) {
  FrameworkRow row;
  soci::statement st(sql);
  st.exchange(soci::into(row.id));
  st.exchange(soci::into(row.code));
  st.exchange(soci::into(row.version));
  st.exchange(soci::into(row.name));
  st.exchange(soci::into(row.document));
  st.exchange(soci::into(row.created_at));
  if (where == "id") {
    st.exchange(soci::use(id));
  } else if (where == "code") {
    st.exchange(soci::use(code));
  } else {
    st.exchange(soci::use(code));
    st.exchange(soci::use(version));
  }
  st.alloc();
  std::string base = "SELECT id, code, version, name, document, created_at FROM frameworks ";
  if (where == "id") {
    st.prepare(base + "WHERE id = :id");
  } else if (where == "code") {
    st.prepare(base + "WHERE code = :code ORDER BY version DESC LIMIT 1");
  } else {
    st.prepare(base + "WHERE code = :code AND version = :version");
  }
  st.define_and_bind();
  if (!st.execute(true)) return std::nullopt;
  return row;
}

}  // namespace

std::optional<FrameworkRow> EvaluationRepository::latest_framework(const std::string& code) {
  return select_framework(sql_, "code", 0, code, 0);
}

std::optional<FrameworkRow> EvaluationRepository::framework_by_id(long long id) {
  return select_framework(sql_, "id", id, {}, 0);
}

std::optional<FrameworkRow> EvaluationRepository::framework_version(const std::string& code, int version) {
  return select_framework(sql_, "version", 0, code, version);
}

std::vector<FrameworkRow> EvaluationRepository::list_latest_frameworks() {
  std::vector<FrameworkRow> out;
  FrameworkRow row;
  soci::statement st =
      (sql_.prepare << "SELECT f.id, f.code, f.version, f.name, f.created_at FROM frameworks f "
                       "WHERE f.version = (SELECT MAX(g.version) FROM frameworks g WHERE g.code = f.code) "
                       "ORDER BY f.code",
       soci::into(row.id), soci::into(row.code), soci::into(row.version), soci::into(row.name),
       soci::into(row.created_at));
  if (st.execute(true)) {
    do {
      out.push_back(row);
    } while (st.fetch());
  }
  return out;
}

long long EvaluationRepository::insert_framework(const FrameworkRow& row) {
  sql_ << "INSERT INTO frameworks (code, version, name, document, created_at) "
          "VALUES (:code, :version, :name, :document, :created_at)",
      soci::use(row.code), soci::use(row.version), soci::use(row.name), soci::use(row.document),
      soci::use(row.created_at);
  long long id = 0;
  sql_ << "SELECT id FROM frameworks WHERE code = :code AND version = :version", soci::use(row.code),
      soci::use(row.version), soci::into(id);
  return id;
}

bool EvaluationRepository::framework_in_use(long long framework_id) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM periods WHERE framework_id = :id", soci::use(framework_id), soci::into(n);
  return n > 0;
}

namespace {

const char* kPeriodColumns =
    "SELECT p.id, p.code, p.start_date, p.end_date, p.framework_id, f.code, f.version, p.name, p.state, "
    "p.closed_at, p.closed_by "
    "FROM periods p JOIN frameworks f ON f.id = p.framework_id ";

struct PeriodInto {
  PeriodRow row;
  long long closed_at = 0;
  soci::indicator closed_at_ind = soci::i_null, closed_by_ind = soci::i_null;
  std::string closed_by;
  PeriodRow finish() const {
    PeriodRow out = row;
    if (closed_at_ind == soci::i_ok) out.closed_at = closed_at;
    if (closed_by_ind == soci::i_ok) out.closed_by = closed_by;
    return out;
  }
};

}  // namespace

std::optional<PeriodRow> EvaluationRepository::find_period(const std::string& code) {
  PeriodInto p;
  sql_ << std::string(kPeriodColumns) + "WHERE p.code = :code", soci::use(code), soci::into(p.row.id),
      soci::into(p.row.code), soci::into(p.row.start), soci::into(p.row.end), soci::into(p.row.framework_id),
      soci::into(p.row.framework_code), soci::into(p.row.framework_version), soci::into(p.row.name),
      soci::into(p.row.state), soci::into(p.closed_at, p.closed_at_ind),
      soci::into(p.closed_by, p.closed_by_ind);
  if (!sql_.got_data()) return std::nullopt;
  return p.finish();
}

std::vector<PeriodRow> EvaluationRepository::list_periods() {
  std::vector<PeriodRow> out;
  PeriodInto p;
  soci::statement st =
      (sql_.prepare << std::string(kPeriodColumns) + "ORDER BY p.start_date, p.code", soci::into(p.row.id),
       soci::into(p.row.code), soci::into(p.row.start), soci::into(p.row.end), soci::into(p.row.framework_id),
       soci::into(p.row.framework_code), soci::into(p.row.framework_version), soci::into(p.row.name),
       soci::into(p.row.state), soci::into(p.closed_at, p.closed_at_ind),
       soci::into(p.closed_by, p.closed_by_ind));
  if (st.execute(true)) {
    do {
      out.push_back(p.finish());
    } while (st.fetch());
  }
  return out;
}

long long EvaluationRepository::insert_period(const PeriodRow& row, TimeMs now) {
  sql_ << "INSERT INTO periods (code, name, start_date, end_date, framework_id, created_at) "
          "VALUES (:code, :name, :start, :end, :framework, :now)",
      soci::use(row.code), soci::use(row.name), soci::use(row.start), soci::use(row.end),
      soci::use(row.framework_id), soci::use(now);
  return find_period(row.code)->id;
}

void EvaluationRepository::close_period(long long id, TimeMs at, const std::string& by,
                                        const std::string& snapshot) {
  sql_ << "UPDATE periods SET state = 'closed', closed_at = :at, closed_by = :by, snapshot = :snapshot "
          "WHERE id = :id",
      soci::use(at), soci::use(by), soci::use(snapshot), soci::use(id);
}

void EvaluationRepository::reopen_period(long long id) {
  sql_ << "UPDATE periods SET state = 'open', closed_at = NULL, closed_by = NULL, snapshot = NULL "
          "WHERE id = :id",
      soci::use(id);
}

std::optional<std::string> EvaluationRepository::period_snapshot(long long id) {
  std::string text;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT snapshot FROM periods WHERE id = :id", soci::use(id), soci::into(text, ind);
  if (!sql_.got_data() || ind != soci::i_ok) return std::nullopt;
  return text;
}

std::vector<EvaluationUnit> EvaluationRepository::units() {
  std::vector<EvaluationUnit> out;
  EvaluationUnit u;
  std::string parent;
  soci::indicator parent_ind;
  soci::statement st =
      (sql_.prepare << "SELECT u.code, u.name, p.code, u.population FROM units u "
                       "LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.path",
       soci::into(u.code), soci::into(u.name), soci::into(parent, parent_ind), soci::into(u.population));
  if (st.execute(true)) {
    do {
      u.parent = parent_ind == soci::i_ok ? std::optional<std::string>(parent) : std::nullopt;
      out.push_back(u);
    } while (st.fetch());
  }
  return out;
}

std::optional<long long> EvaluationRepository::site_id(const std::string& code) {
  long long id = 0;
  sql_ << "SELECT id FROM sites WHERE code = :code", soci::use(code), soci::into(id);
  if (!sql_.got_data()) return std::nullopt;
  return id;
}

std::vector<SiteRow> EvaluationRepository::sites() {
  std::vector<SiteRow> out;
  SiteRow s;
  double lat = 0, lon = 0;
  soci::indicator lat_ind, lon_ind;
  soci::statement st =
      (sql_.prepare << "SELECT s.id, s.code, s.name, s.type, u.code, s.lat, s.lon FROM sites s "
                       "JOIN units u ON u.id = s.unit_id ORDER BY s.code",
       soci::into(s.id), soci::into(s.code), soci::into(s.name), soci::into(s.type), soci::into(s.unit),
       soci::into(lat, lat_ind), soci::into(lon, lon_ind));
  if (st.execute(true)) {
    do {
      s.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
      s.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
      out.push_back(s);
    } while (st.fetch());
  }
  return out;
}

long long EvaluationRepository::insert_site(const SiteRow& row, long long unit_id, TimeMs now) {
  double lat = row.lat.value_or(0), lon = row.lon.value_or(0);
  soci::indicator lat_ind = row.lat ? soci::i_ok : soci::i_null;
  soci::indicator lon_ind = row.lon ? soci::i_ok : soci::i_null;
  sql_ << "INSERT INTO sites (code, name, type, unit_id, lat, lon, created_at, updated_at) "
          "VALUES (:code, :name, :type, :unit, :lat, :lon, :now, :now2)",
      soci::use(row.code), soci::use(row.name), soci::use(row.type), soci::use(unit_id),
      soci::use(lat, lat_ind), soci::use(lon, lon_ind), soci::use(now), soci::use(now);
  return *site_id(row.code);
}

std::unordered_map<std::string, long long> EvaluationRepository::site_ids(
    const std::vector<std::string>& codes) {
  return ids_by_code(sql_, "sites", codes);
}

void EvaluationRepository::insert_sites(const std::vector<SiteRow>& sites,
                                        const std::vector<long long>& unit_ids, TimeMs now) {
  using T = BulkInserter::Type;
  BulkInserter rows(sql_, "sites",
                    {{"code", T::text},
                     {"name", T::text},
                     {"type", T::text},
                     {"unit_id", T::integer},
                     {"lat", T::real},
                     {"lon", T::real},
                     {"created_at", T::integer},
                     {"updated_at", T::integer}});
  for (size_t i = 0; i < sites.size(); ++i) {
    const SiteRow& s = sites[i];
    rows.text(s.code).text(s.name).text(s.type).integer(unit_ids.at(i));
    if (s.lat) {
      rows.real(*s.lat);
    } else {
      rows.null();
    }
    if (s.lon) {
      rows.real(*s.lon);
    } else {
      rows.null();
    }
    rows.integer(now).integer(now).end_row();
  }
  rows.flush();
}

std::unordered_set<std::string> EvaluationRepository::existing_inspections(
    const std::vector<std::string>& codes) {
  return existing_codes(sql_, "inspections", "code", codes);
}

std::unordered_set<std::string> EvaluationRepository::existing_responses(
    const std::vector<std::string>& codes) {
  return existing_codes(sql_, "responses", "code", codes);
}

namespace {

// Evidence rows go in chunks: the chunk's rows first, then their ids by code (one query per kLookupBatch),
// then their results or answers, which the inserter sends every 20,000 rows.
constexpr size_t kEvidenceChunk = 2 * kLookupBatch;

}  // namespace

void EvaluationRepository::insert_inspections(const std::vector<const Inspection*>& inspections,
                                              const std::vector<long long>& site_ids, TimeMs now) {
  using T = BulkInserter::Type;
  BulkInserter rows(
      sql_, "inspections",
      {{"code", T::text}, {"site_id", T::integer}, {"inspected_on", T::text}, {"created_at", T::integer}},
      kEvidenceChunk);
  BulkInserter results(sql_, "inspection_results",
                       {{"inspection_id", T::integer}, {"check_code", T::text}, {"failures", T::integer}});
  for (size_t start = 0; start < inspections.size(); start += kEvidenceChunk) {
    size_t end = std::min(inspections.size(), start + kEvidenceChunk);
    std::vector<std::string> codes;
    for (size_t i = start; i < end; ++i) {
      const Inspection& r = *inspections[i];
      rows.text(r.id).integer(site_ids.at(i)).text(to_iso(r.date)).integer(now).end_row();
      codes.push_back(r.id);
    }
    rows.flush();
    auto ids = ids_by_code(sql_, "inspections", codes);
    for (size_t i = start; i < end; ++i) {
      const Inspection& r = *inspections[i];
      long long id = ids.at(r.id);
      for (const auto& c : r.results) {
        results.integer(id).text(c.check);
        if (c.failures) {
          results.integer(*c.failures);
        } else {
          results.null();
        }
        results.end_row();
      }
    }
  }
  results.flush();
}

void EvaluationRepository::insert_responses(const std::vector<const Response*>& responses,
                                            const std::vector<long long>& unit_ids, TimeMs now) {
  using T = BulkInserter::Type;
  BulkInserter rows(
      sql_, "responses",
      {{"code", T::text}, {"unit_id", T::integer}, {"responded_on", T::text}, {"created_at", T::integer}},
      kEvidenceChunk);
  BulkInserter answers(sql_, "response_answers",
                       {{"response_id", T::integer}, {"question", T::text}, {"answer", T::text}});
  for (size_t start = 0; start < responses.size(); start += kEvidenceChunk) {
    size_t end = std::min(responses.size(), start + kEvidenceChunk);
    std::vector<std::string> codes;
    for (size_t i = start; i < end; ++i) {
      const Response& r = *responses[i];
      rows.text(r.id).integer(unit_ids.at(i)).text(to_iso(r.date)).integer(now).end_row();
      codes.push_back(r.id);
    }
    rows.flush();
    auto ids = ids_by_code(sql_, "responses", codes);
    for (size_t i = start; i < end; ++i) {
      const Response& r = *responses[i];
      long long id = ids.at(r.id);
      for (const auto& [q, a] : r.answers) answers.integer(id).text(q).text(a).end_row();
    }
  }
  answers.flush();
}

bool EvaluationRepository::inspection_exists(const std::string& code) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM inspections WHERE code = :code", soci::use(code), soci::into(n);
  return n > 0;
}

void EvaluationRepository::insert_inspection(const Inspection& inspection, long long site_id, TimeMs now) {
  std::string date = to_iso(inspection.date);
  sql_ << "INSERT INTO inspections (code, site_id, inspected_on, created_at) VALUES (:code, :site, :date, "
          ":now)",
      soci::use(inspection.id), soci::use(site_id), soci::use(date), soci::use(now);
  long long id = 0;
  sql_ << "SELECT id FROM inspections WHERE code = :code", soci::use(inspection.id), soci::into(id);
  if (inspection.results.empty()) return;
  std::vector<long long> ids(inspection.results.size(), id);
  std::vector<std::string> checks;
  std::vector<int> failures;
  std::vector<soci::indicator> inds;
  for (const auto& r : inspection.results) {
    checks.push_back(r.check);
    failures.push_back(r.failures.value_or(0));
    inds.push_back(r.failures ? soci::i_ok : soci::i_null);
  }
  sql_ << "INSERT INTO inspection_results (inspection_id, check_code, failures) VALUES (:id, :check, "
          ":failures)",
      soci::use(ids), soci::use(checks), soci::use(failures, inds);
}

std::vector<Inspection> EvaluationRepository::inspections_between(const std::string& start,
                                                                  const std::string& end, long long after_id,
                                                                  long long* max_id) {
  std::vector<Inspection> out;
  std::map<long long, size_t> by_id;
  {
    long long id = 0;
    std::string code, site, date;
    soci::statement st =
        (sql_.prepare << "SELECT i.id, i.code, s.code, i.inspected_on FROM inspections i "
                         "JOIN sites s ON s.id = i.site_id "
                         "WHERE i.inspected_on >= :start AND i.inspected_on <= :end AND i.id > :after "
                         "ORDER BY i.code",
         soci::use(start), soci::use(end), soci::use(after_id), soci::into(id), soci::into(code),
         soci::into(site), soci::into(date));
    if (st.execute(true)) {
      do {
        if (max_id && id > *max_id) *max_id = id;
        by_id[id] = out.size();
        out.push_back(Inspection{code, site, date_of(date), {}});
      } while (st.fetch());
    }
  }
  std::vector<long long> ids(kFetchBatch);
  std::vector<std::string> checks(kFetchBatch);
  std::vector<int> failures(kFetchBatch);
  std::vector<soci::indicator> inds(kFetchBatch);
  soci::statement st =
      (sql_.prepare << "SELECT r.inspection_id, r.check_code, r.failures FROM inspection_results r "
                       "JOIN inspections i ON i.id = r.inspection_id "
                       "WHERE i.inspected_on >= :start AND i.inspected_on <= :end AND i.id > :after",
       soci::use(start), soci::use(end), soci::use(after_id), soci::into(ids), soci::into(checks),
       soci::into(failures, inds));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < ids.size(); ++i) {
      auto it = by_id.find(ids[i]);
      if (it == by_id.end()) continue;
      out[it->second].results.push_back(
          CheckResult{checks[i], inds[i] == soci::i_ok ? std::optional<int>(failures[i]) : std::nullopt});
    }
    ids.resize(kFetchBatch);
    checks.resize(kFetchBatch);
    failures.resize(kFetchBatch);
    inds.resize(kFetchBatch);
  }
  return out;
}

bool EvaluationRepository::response_exists(const std::string& code) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM responses WHERE code = :code", soci::use(code), soci::into(n);
  return n > 0;
}

void EvaluationRepository::insert_response(const Response& response, long long unit_id, TimeMs now) {
  std::string date = to_iso(response.date);
  sql_
      << "INSERT INTO responses (code, unit_id, responded_on, created_at) VALUES (:code, :unit, :date, :now)",
      soci::use(response.id), soci::use(unit_id), soci::use(date), soci::use(now);
  long long id = 0;
  sql_ << "SELECT id FROM responses WHERE code = :code", soci::use(response.id), soci::into(id);
  if (response.answers.empty()) return;
  std::vector<long long> ids(response.answers.size(), id);
  std::vector<std::string> questions, answers;
  for (const auto& [q, a] : response.answers) {
    questions.push_back(q);
    answers.push_back(a);
  }
  sql_ << "INSERT INTO response_answers (response_id, question, answer) VALUES (:id, :question, :answer)",
      soci::use(ids), soci::use(questions), soci::use(answers);
}

void EvaluationRepository::delete_response(const std::string& code) {
  sql_ << "DELETE FROM response_answers WHERE response_id IN (SELECT id FROM responses WHERE code = :code)",
      soci::use(code);
  sql_ << "DELETE FROM responses WHERE code = :code", soci::use(code);
}

std::vector<Response> EvaluationRepository::responses_between(const std::string& start,
                                                              const std::string& end, long long after_id,
                                                              long long* max_id) {
  std::vector<Response> out;
  std::map<long long, size_t> by_id;
  {
    long long id = 0;
    std::string code, unit, date;
    soci::statement st =
        (sql_.prepare << "SELECT r.id, r.code, u.code, r.responded_on FROM responses r "
                         "JOIN units u ON u.id = r.unit_id "
                         "WHERE r.responded_on >= :start AND r.responded_on <= :end AND r.id > :after "
                         "ORDER BY r.code",
         soci::use(start), soci::use(end), soci::use(after_id), soci::into(id), soci::into(code),
         soci::into(unit), soci::into(date));
    if (st.execute(true)) {
      do {
        if (max_id && id > *max_id) *max_id = id;
        by_id[id] = out.size();
        out.push_back(Response{code, unit, date_of(date), {}});
      } while (st.fetch());
    }
  }
  std::vector<long long> ids(kFetchBatch);
  std::vector<std::string> questions(kFetchBatch), answers(kFetchBatch);
  soci::statement st =
      (sql_.prepare << "SELECT a.response_id, a.question, a.answer FROM response_answers a "
                       "JOIN responses r ON r.id = a.response_id "
                       "WHERE r.responded_on >= :start AND r.responded_on <= :end AND r.id > :after",
       soci::use(start), soci::use(end), soci::use(after_id), soci::into(ids), soci::into(questions),
       soci::into(answers));
  st.execute();
  while (st.fetch()) {
    for (size_t i = 0; i < ids.size(); ++i) {
      auto it = by_id.find(ids[i]);
      if (it != by_id.end()) out[it->second].answers.emplace_back(questions[i], answers[i]);
    }
    ids.resize(kFetchBatch);
    questions.resize(kFetchBatch);
    answers.resize(kFetchBatch);
  }
  return out;
}

bool EvaluationRepository::statistic_exists(const std::string& metric, long long unit_id,
                                            long long period_id) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM statistic_values WHERE metric = :m AND unit_id = :u AND period_id = :p",
      soci::use(metric), soci::use(unit_id), soci::use(period_id), soci::into(n);
  return n > 0;
}

void EvaluationRepository::insert_statistic(const StatisticValue& value, long long unit_id,
                                            long long period_id) {
  sql_ << "INSERT INTO statistic_values (metric, unit_id, period_id, value) VALUES (:m, :u, :p, :v)",
      soci::use(value.metric), soci::use(unit_id), soci::use(period_id), soci::use(value.value);
}

std::vector<StatisticValue> EvaluationRepository::statistics(long long period_id) {
  std::vector<StatisticValue> out;
  StatisticValue v;
  soci::statement st =
      (sql_.prepare << "SELECT s.metric, u.code, p.code, s.value FROM statistic_values s "
                       "JOIN units u ON u.id = s.unit_id JOIN periods p ON p.id = s.period_id "
                       "WHERE s.period_id = :p ORDER BY s.metric, u.code",
       soci::use(period_id), soci::into(v.metric), soci::into(v.unit), soci::into(v.period),
       soci::into(v.value));
  if (st.execute(true)) {
    do {
      out.push_back(v);
    } while (st.fetch());
  }
  return out;
}

bool EvaluationRepository::grade_exists(const std::string& item, long long unit_id, long long period_id) {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM material_grades WHERE item = :i AND unit_id = :u AND period_id = :p",
      soci::use(item), soci::use(unit_id), soci::use(period_id), soci::into(n);
  return n > 0;
}

void EvaluationRepository::insert_grade(const MaterialGrade& grade, long long unit_id, long long period_id) {
  sql_ << "INSERT INTO material_grades (item, unit_id, period_id, grade) VALUES (:i, :u, :p, :g)",
      soci::use(grade.item), soci::use(unit_id), soci::use(period_id), soci::use(grade.grade);
}

std::vector<MaterialGrade> EvaluationRepository::grades(long long period_id) {
  std::vector<MaterialGrade> out;
  MaterialGrade g;
  soci::statement st =
      (sql_.prepare << "SELECT m.item, u.code, p.code, m.grade FROM material_grades m "
                       "JOIN units u ON u.id = m.unit_id JOIN periods p ON p.id = m.period_id "
                       "WHERE m.period_id = :p ORDER BY m.item, u.code",
       soci::use(period_id), soci::into(g.item), soci::into(g.unit), soci::into(g.period),
       soci::into(g.grade));
  if (st.execute(true)) {
    do {
      out.push_back(g);
    } while (st.fetch());
  }
  return out;
}

void EvaluationRepository::insert_penalty(const PenaltyEvent& event, long long unit_id, long long period_id) {
  int disqualify = event.disqualify ? 1 : 0;
  std::string description = event.description.value_or("");
  sql_ << "INSERT INTO penalty_events (code, unit_id, period_id, deduct, disqualify, description) "
          "VALUES (:c, :u, :p, :d, :q, :t)",
      soci::use(event.code), soci::use(unit_id), soci::use(period_id), soci::use(event.deduct),
      soci::use(disqualify), soci::use(description);
}

std::vector<PenaltyEvent> EvaluationRepository::penalties(long long period_id) {
  std::vector<PenaltyEvent> out;
  PenaltyEvent e;
  int disqualify = 0;
  std::string description;
  soci::statement st =
      (sql_.prepare << "SELECT e.code, u.code, p.code, e.deduct, e.disqualify, e.description "
                       "FROM penalty_events e JOIN units u ON u.id = e.unit_id "
                       "JOIN periods p ON p.id = e.period_id WHERE e.period_id = :p AND e.state = 'recorded' "
                       "ORDER BY e.id",
       soci::use(period_id), soci::into(e.code), soci::into(e.unit), soci::into(e.period),
       soci::into(e.deduct), soci::into(disqualify), soci::into(description));
  if (st.execute(true)) {
    do {
      e.disqualify = disqualify != 0;
      e.description = description.empty() ? std::nullopt : std::optional<std::string>(description);
      out.push_back(e);
    } while (st.fetch());
  }
  return out;
}

EvaluationRepository::Revision EvaluationRepository::revisions() {
  Revision r;
  sql_ << "SELECT revision, structure_revision FROM evaluation_revision WHERE id = 1", soci::into(r.revision),
      soci::into(r.structure);
  return r;
}

void EvaluationRepository::bump_revision() {
  sql_ << "UPDATE evaluation_revision SET revision = revision + 1 WHERE id = 1";
}

void EvaluationRepository::bump_structure_revision() {
  sql_ << "UPDATE evaluation_revision SET structure_revision = structure_revision + 1 WHERE id = 1";
}

}  // namespace civic::store
