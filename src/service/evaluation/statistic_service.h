// StatisticService: the statistic values (数据指标填报, evidence.md "Statistic values") of each period. Every
// statistic item of the period's framework is reported for the city root and every district (its children
// that are not departments) by the department the item names (its lead unit, else the first responsible
// unit that is a department unit, matched by code or name, the one nearest the root); a unit officer of
// that department (its scope holds the department) saves and submits, the office may report any metric and
// alone approves or returns. States draft → submitted → approved | returned; returned → submitted again.
// Submit validates (finite, inside the item's [min, max], a change beyond the framework's threshold against
// last period's approved value needs an explanation) and refuses without changing anything. Approving copies
// the value into statistic_values, the counted table scores read; returning an approved value removes it;
// both bump the evaluation revisions in the same transaction, so scores change at once. Every write refuses
// a closed period (period_guard.h), is audited and leaves an event in the value's history. Batch entry: the
// template workbook of the values the caller reports and its import, which saves and submits every filled row
// in one transaction, all or nothing (statistic_table.h for the workbook's shape).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "platform/spreadsheet.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/files/photo_service.h"
#include "service/notifications/notification_service.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

struct StatisticEvent {
  std::string action;  // save, submit, approve, return, import
  std::string actor;
  std::string actor_name;  // display name (PeopleNames)
  TimeMs at = 0;
  double value = 0;
  std::string reason;
};

// One expected value (metric × unit of a period) and what has been reported for it.
struct StatisticEntry {
  std::string period;
  std::string unit, unit_name;
  std::string metric;
  std::string item, item_name;
  std::optional<std::string> item_name_en;
  std::optional<std::string> measure;  // unit of measure, when the framework names one
  std::optional<double> min, max;
  std::string department, department_name;  // "" when no department unit matches: the office reports it
  std::optional<double> previous;           // last period's approved value
  std::string state;  // missing (nothing saved yet), draft, submitted, approved, returned
  std::optional<double> value;
  std::string note, source_file, explanation;  // computed items: explanation says how the value is made
  std::string computed;                        // the computed metric's name; "" for a reported item
  long long version = 0;                       // 0 while missing
  std::string reported_by;
  std::optional<TimeMs> submitted_at;
  std::string decided_by;
  std::optional<TimeMs> decided_at;
  std::string return_reason;
  bool may_report = false, may_review = false;  // for the caller
  std::vector<StatisticEvent> history;          // filled by get() only
};

struct StatisticQuery {
  std::string period;  // required
  std::string unit, metric, state, department;
};

struct StatisticDraft {
  double value = 0;
  std::string note, source_file, explanation;
  long long version = 0;  // 0: none saved yet
};

struct DepartmentCompleteness {
  std::string department, department_name;  // "" for the metrics the office reports
  int expected = 0, submitted = 0, approved = 0, returned = 0, draft = 0, missing = 0;
  bool overdue = false;  // past the deadline with values not yet submitted
};

struct StatisticCompleteness {
  std::string period, deadline;  // YYYY-MM-DD
  bool deadline_set = false;     // false: the default (the period's end minus 15 days)
  std::vector<DepartmentCompleteness> departments;
};

struct StatisticImportSummary {
  int submitted = 0;  // rows saved and submitted
};

class StatisticService {
 public:
  StatisticService(store::Database& db, AuditService& audit, NotificationService& notifications,
                   PhotoService& photos)
      : db_(db), audit_(audit), notifications_(notifications), photos_(photos) {}

  // read_statistics: the expected values the caller sees (its departments' metrics and its units' values;
  // the office every one), by metric and unit.
  Page<StatisticEntry> list(const Principal& who, const StatisticQuery& query, const PageRequest& page);
  std::vector<StatisticEntry> list_all(const Principal& who, const StatisticQuery& query);
  StatisticEntry get(const Principal& who, const std::string& period, const std::string& unit,
                     const std::string& metric);

  // report_statistics: saves a draft (created when absent: version 0).
  StatisticEntry save(const Principal& who, const std::string& period, const std::string& unit,
                      const std::string& metric, const StatisticDraft& draft);
  // report_statistics: save and submit in one transaction, so a value submit refuses (out of range, a large
  // change without explanation …) leaves nothing saved — the console's 提交.
  StatisticEntry save_and_submit(const Principal& who, const std::string& period, const std::string& unit,
                                 const std::string& metric, const StatisticDraft& draft);
  // report_statistics: the saved draft (or returned value) for review; `version` as read.
  StatisticEntry submit(const Principal& who, const std::string& period, const std::string& unit,
                        const std::string& metric, long long version);
  // report_statistics: the batch-entry workbook of `period` (statistic_table.h), one row per value the caller
  // reports (may_report), by metric and unit.
  platform::Cells template_table(const Principal& who, const std::string& period);
  // report_statistics: every filled row of the workbook `bytes` saved and submitted as save + submit would,
  // in one transaction. Any bad row (unknown or out-of-scope unit or metric, a metric the caller does not
  // report, a value that is no number, outside [min, max], a large change without 说明, a value already
  // submitted or approved, the same value twice) throws InvalidTable naming every row and column at fault,
  // each with its message key, and nothing is saved. A closed period: Conflict period_closed.
  StatisticImportSummary import_table(const Principal& who, const std::string& period,
                                      std::string_view bytes);
  // review_statistics.
  StatisticEntry approve(const Principal& who, const std::string& period, const std::string& unit,
                         const std::string& metric, long long version);
  StatisticEntry return_value(const Principal& who, const std::string& period, const std::string& unit,
                              const std::string& metric, const std::string& reason, long long version);

  // read_statistics: per department what is expected and where it stands.
  StatisticCompleteness completeness(const Principal& who, const std::string& period);
  // review_statistics: the period's statistics deadline.
  StatisticCompleteness set_deadline(const Principal& who, const std::string& period, const std::string& due);
  // review_statistics: notifies the officers of every department (or `department` alone) with values still
  // to submit; returns how many users were notified.
  int remind(const Principal& who, const std::string& period, const std::string& department);

 private:
  StatisticEntry transition(const Principal& who, const std::string& period, const std::string& unit,
                            const std::string& metric, const std::string& action, const std::string& reason,
                            long long version);
  // The bodies of save (returning the saved version) and transition, inside the caller's transaction.
  long long save_in(store::Session& sql, const Principal& who, const std::string& period,
                    const std::string& unit, const std::string& metric, const StatisticDraft& draft);
  void transition_in(store::Session& sql, const Principal& who, const std::string& period,
                     const std::string& unit, const std::string& metric, const std::string& action,
                     const std::string& reason, long long version);

  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
  PhotoService& photos_;
};

}  // namespace civic::service
