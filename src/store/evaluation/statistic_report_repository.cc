#include "store/evaluation/statistic_report_repository.h"

#include "store/core/row_fetch.h"
#include "store/core/sql_params.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT r.id, r.period_id, r.unit_id, r.metric, r.value, r.note, r.source_file, r.explanation, r.state,"
    " r.version, r.reported_by, r.submitted_at, r.decided_by, r.decided_at, r.return_reason, r.updated_at,"
    " u.code FROM statistic_reports r JOIN units u ON u.id = r.unit_id ";

struct ReportBinding {
  StatisticReportRow row;
  long long submitted = 0, decided = 0;
  soci::indicator submitted_ind = soci::i_null, decided_ind = soci::i_null;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.period_id));
    st.exchange(soci::into(row.unit_id));
    st.exchange(soci::into(row.metric));
    st.exchange(soci::into(row.value));
    st.exchange(soci::into(row.note));
    st.exchange(soci::into(row.source_file));
    st.exchange(soci::into(row.explanation));
    st.exchange(soci::into(row.state));
    st.exchange(soci::into(row.version));
    st.exchange(soci::into(row.reported_by));
    st.exchange(soci::into(submitted, submitted_ind));
    st.exchange(soci::into(row.decided_by));
    st.exchange(soci::into(decided, decided_ind));
    st.exchange(soci::into(row.return_reason));
    st.exchange(soci::into(row.updated_at));
    st.exchange(soci::into(row.unit_code));
  }
  StatisticReportRow take() const {
    StatisticReportRow r = row;
    r.submitted_at = submitted_ind == soci::i_ok ? std::optional<TimeMs>(submitted) : std::nullopt;
    r.decided_at = decided_ind == soci::i_ok ? std::optional<TimeMs>(decided) : std::nullopt;
    return r;
  }
};

struct EventBinding {
  StatisticReportEventRow row;
  void bind(soci::statement& st) {
    st.exchange(soci::into(row.id));
    st.exchange(soci::into(row.action));
    st.exchange(soci::into(row.actor));
    st.exchange(soci::into(row.at));
    st.exchange(soci::into(row.value));
    st.exchange(soci::into(row.reason));
  }
  StatisticReportEventRow take() const { return row; }
};

// A nullable time as a bound value and its indicator.
struct OptionalTime {
  long long value = 0;
  soci::indicator ind = soci::i_null;
  explicit OptionalTime(const std::optional<TimeMs>& t) {
    if (t) {
      value = *t;
      ind = soci::i_ok;
    }
  }
};

}  // namespace

std::optional<StatisticReportRow> StatisticReportRepository::find(long long period_id, long long unit_id,
                                                                  const std::string& metric) {
  SqlParams p;
  std::string q = std::string(kColumns) + "WHERE r.period_id = " + p.integer(period_id) +
                  " AND r.unit_id = " + p.integer(unit_id) + " AND r.metric = " + p.text(metric);
  return fetch_row<ReportBinding>(sql_, q, p);
}

std::vector<StatisticReportRow> StatisticReportRepository::of_period(long long period_id) {
  SqlParams p;
  std::string q =
      std::string(kColumns) + "WHERE r.period_id = " + p.integer(period_id) + " ORDER BY r.metric, u.code";
  return fetch_rows<ReportBinding>(sql_, q, p);
}

long long StatisticReportRepository::insert(const StatisticReportRow& r) {
  long long id = 0;
  OptionalTime submitted(r.submitted_at), decided(r.decided_at);
  sql_ << "INSERT INTO statistic_reports (period_id, unit_id, metric, value, note, source_file, explanation,"
          " state, version, reported_by, submitted_at, decided_by, decided_at, return_reason, updated_at)"
          " VALUES (:p, :u, :m, :v, :n, :f, :e, :s, :ver, :by, :sa, :db, :da, :rr, :ua) RETURNING id",
      soci::use(r.period_id), soci::use(r.unit_id), soci::use(r.metric), soci::use(r.value),
      soci::use(r.note), soci::use(r.source_file), soci::use(r.explanation), soci::use(r.state),
      soci::use(r.version), soci::use(r.reported_by), soci::use(submitted.value, submitted.ind),
      soci::use(r.decided_by), soci::use(decided.value, decided.ind), soci::use(r.return_reason),
      soci::use(r.updated_at), soci::into(id);
  return id;
}

bool StatisticReportRepository::update(const StatisticReportRow& r, long long expected_version) {
  OptionalTime submitted(r.submitted_at), decided(r.decided_at);
  soci::statement st =
      (sql_.prepare
           << "UPDATE statistic_reports SET value = :v, note = :n, source_file = :f, explanation = :e,"
              " state = :s, version = version + 1, reported_by = :by, submitted_at = :sa,"
              " decided_by = :db, decided_at = :da, return_reason = :rr, updated_at = :ua"
              " WHERE id = :id AND version = :ver",
       soci::use(r.value), soci::use(r.note), soci::use(r.source_file), soci::use(r.explanation),
       soci::use(r.state), soci::use(r.reported_by), soci::use(submitted.value, submitted.ind),
       soci::use(r.decided_by), soci::use(decided.value, decided.ind), soci::use(r.return_reason),
       soci::use(r.updated_at), soci::use(r.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void StatisticReportRepository::append_event(long long report_id, const StatisticReportEventRow& e) {
  sql_ << "INSERT INTO statistic_report_events (report_id, action, actor, at, value, reason)"
          " VALUES (:r, :a, :ac, :at, :v, :re)",
      soci::use(report_id), soci::use(e.action), soci::use(e.actor), soci::use(e.at), soci::use(e.value),
      soci::use(e.reason);
}

std::vector<StatisticReportEventRow> StatisticReportRepository::events(long long report_id) {
  SqlParams p;
  std::string q =
      "SELECT id, action, actor, at, value, reason FROM statistic_report_events WHERE report_id = " +
      p.integer(report_id) + " ORDER BY id";
  return fetch_rows<EventBinding>(sql_, q, p);
}

std::optional<double> StatisticReportRepository::counted(const std::string& metric, long long unit_id,
                                                         long long period_id) {
  double v = 0;
  soci::statement st =
      (sql_.prepare
           << "SELECT value FROM statistic_values WHERE metric = :m AND unit_id = :u AND period_id = :p",
       soci::use(metric), soci::use(unit_id), soci::use(period_id), soci::into(v));
  if (!st.execute(true)) return std::nullopt;
  return v;
}

void StatisticReportRepository::set_counted(const std::string& metric, long long unit_id, long long period_id,
                                            double value) {
  remove_counted(metric, unit_id, period_id);
  sql_ << "INSERT INTO statistic_values (metric, unit_id, period_id, value) VALUES (:m, :u, :p, :v)",
      soci::use(metric), soci::use(unit_id), soci::use(period_id), soci::use(value);
}

void StatisticReportRepository::remove_counted(const std::string& metric, long long unit_id,
                                               long long period_id) {
  sql_ << "DELETE FROM statistic_values WHERE metric = :m AND unit_id = :u AND period_id = :p",
      soci::use(metric), soci::use(unit_id), soci::use(period_id);
}

std::optional<std::string> StatisticReportRepository::deadline(long long period_id) {
  std::string due;
  soci::statement st = (sql_.prepare << "SELECT due_date FROM statistic_deadlines WHERE period_id = :p",
                        soci::use(period_id), soci::into(due));
  if (!st.execute(true)) return std::nullopt;
  return due;
}

void StatisticReportRepository::set_deadline(long long period_id, const std::string& due,
                                             const std::string& set_by, TimeMs at) {
  sql_ << "DELETE FROM statistic_deadlines WHERE period_id = :p", soci::use(period_id);
  sql_ << "INSERT INTO statistic_deadlines (period_id, due_date, set_by, set_at) VALUES (:p, :d, :b, :a)",
      soci::use(period_id), soci::use(due), soci::use(set_by), soci::use(at);
}

}  // namespace civic::store
