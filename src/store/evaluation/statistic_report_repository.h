// StatisticReportRepository: rows of statistic_reports (one reported value per period, unit and metric, with
// its state), their history (statistic_report_events), the statistics deadline of a period, and the counted
// copy in statistic_values that scores read (migration 11). Over the caller's session and transaction; no
// business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct StatisticReportRow {
  long long id = 0;
  long long period_id = 0;
  long long unit_id = 0;
  std::string metric;
  double value = 0;
  std::string note, source_file, explanation;
  std::string state;  // draft, submitted, approved, returned
  long long version = 1;
  std::string reported_by;  // username of the last save or submit
  std::optional<TimeMs> submitted_at;
  std::string decided_by;
  std::optional<TimeMs> decided_at;
  std::string return_reason;
  TimeMs updated_at = 0;
  std::string unit_code;  // filled by reads
};

struct StatisticReportEventRow {
  long long id = 0;
  std::string action;  // save, submit, approve, return, import
  std::string actor;
  TimeMs at = 0;
  double value = 0;
  std::string reason;
};

class StatisticReportRepository {
 public:
  explicit StatisticReportRepository(soci::session& sql) : sql_(sql) {}

  std::optional<StatisticReportRow> find(long long period_id, long long unit_id, const std::string& metric);
  // Every report of the period, by metric and unit code.
  std::vector<StatisticReportRow> of_period(long long period_id);
  long long insert(const StatisticReportRow& row);
  // Writes every mutable field and moves the version on, when the stored version is still `expected`.
  bool update(const StatisticReportRow& row, long long expected_version);
  void append_event(long long report_id, const StatisticReportEventRow& event);
  std::vector<StatisticReportEventRow> events(long long report_id);

  // The counted value (statistic_values) of (metric, unit, period), set or removed.
  std::optional<double> counted(const std::string& metric, long long unit_id, long long period_id);
  void set_counted(const std::string& metric, long long unit_id, long long period_id, double value);
  void remove_counted(const std::string& metric, long long unit_id, long long period_id);

  // The period's statistics deadline (YYYY-MM-DD) when the office set one.
  std::optional<std::string> deadline(long long period_id);
  void set_deadline(long long period_id, const std::string& due, const std::string& set_by, TimeMs at);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
