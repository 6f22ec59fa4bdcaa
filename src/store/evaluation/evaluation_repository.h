// EvaluationRepository: rows of the evaluation tables (migration 2) over one session, the caller's
// transaction. Frameworks are stored as versioned JSON documents (a version is never changed, a changed
// framework is a new version); periods freeze the version they are scored with; sites and evidence are
// rows keyed by their codes. `revision` counts every change of evaluation data, so that a score cache in
// any process (several servers may share one PostgreSQL) knows when it is stale. No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/core/clock.h"
#include "domain/evaluation/evidence.h"

namespace civic::store {

struct FrameworkRow {
  long long id = 0;
  std::string code;
  int version = 0;
  std::string name;
  std::string document;  // the framework as JSON (bundle.md `framework`)
  TimeMs created_at = 0;
};

struct PeriodRow {
  long long id = 0;
  std::string code;
  std::string start;  // YYYY-MM-DD
  std::string end;
  long long framework_id = 0;
  // The framework version the period is scored with (filled by reads; ignored by insert_period).
  std::string framework_code;
  int framework_version = 0;
  // Lifecycle (migration 10): "open" or "closed"; when closed, when and by whom (ignored by insert_period,
  // which stores an open period).
  std::string name;
  std::string state = "open";
  std::optional<TimeMs> closed_at;
  std::optional<std::string> closed_by;
};

// A unit as evaluation data sees it: code, parent code, population.
struct EvaluationUnit {
  std::string code;
  std::string name;
  std::optional<std::string> parent;
  long long population = 0;
};

struct SiteRow {
  long long id = 0;
  std::string code;
  std::string name;
  std::string type;
  std::string unit;  // unit code
  std::optional<double> lat, lon;
  std::string unit_name;
};

class EvaluationRepository {
 public:
  explicit EvaluationRepository(soci::session& sql) : sql_(sql) {}

  // Frameworks
  std::optional<FrameworkRow> latest_framework(const std::string& code);
  std::optional<FrameworkRow> framework_by_id(long long id);
  std::optional<FrameworkRow> framework_version(const std::string& code, int version);
  // The newest version of every framework code, by code; `document` is left empty (one query, no documents).
  std::vector<FrameworkRow> list_latest_frameworks();
  long long insert_framework(const FrameworkRow& row);
  // Whether a period is scored with this framework version (then it must not change).
  bool framework_in_use(long long framework_id);

  // Periods
  std::optional<PeriodRow> find_period(const std::string& code);
  std::vector<PeriodRow> list_periods();
  long long insert_period(const PeriodRow& row, TimeMs now);
  // Closes a period keeping `snapshot` (what its scores read, a civic-bundle/1 document), or reopens it
  // (dropping the snapshot).
  void close_period(long long id, TimeMs at, const std::string& by, const std::string& snapshot);
  void reopen_period(long long id);
  // The snapshot kept at closing; nullopt for an open period.
  std::optional<std::string> period_snapshot(long long id);

  // Units, the whole tree as evaluation data reads it (root first, parents before children).
  std::vector<EvaluationUnit> units();

  // Sites
  std::optional<long long> site_id(const std::string& code);
  std::vector<SiteRow> sites();
  long long insert_site(const SiteRow& row, long long unit_id, TimeMs now);
  // The row ids of those of `codes` that are stored (batched: store/core/bulk_insert.h).
  std::unordered_map<std::string, long long> site_ids(const std::vector<std::string>& codes);
  // Inserts sites (`unit_ids[i]` is the unit of `sites[i]`) in bulk: COPY on PostgreSQL.
  void insert_sites(const std::vector<SiteRow>& sites, const std::vector<long long>& unit_ids, TimeMs now);

  // Evidence. Codes of inspections and responses are unique; `*_exists` tells before an insert.
  bool inspection_exists(const std::string& code);
  void insert_inspection(const Inspection& inspection, long long site_id, TimeMs now);
  // Inspections dated within [start, end] (ISO dates) whose row id is greater than `after_id` (0: all),
  // each with its results, ordered by code. `max_id`, when given, is raised to the greatest row id
  // returned: a watermark for the next call (ids grow in commit order, see bump_revision).
  std::vector<Inspection> inspections_between(const std::string& start, const std::string& end,
                                              long long after_id = 0, long long* max_id = nullptr);
  bool response_exists(const std::string& code);
  // Bulk forms for imports: which of `codes` are stored (a query per few thousand codes), and inserts of
  // many inspections (at site row ids `site_ids[i]`) or responses (of units `unit_ids[i]`) with their
  // results or answers (COPY on PostgreSQL, one prepared insert per row on SQLite). The caller checks
  // first that none is stored.
  std::unordered_set<std::string> existing_inspections(const std::vector<std::string>& codes);
  std::unordered_set<std::string> existing_responses(const std::vector<std::string>& codes);
  void insert_inspections(const std::vector<const Inspection*>& inspections,
                          const std::vector<long long>& site_ids, TimeMs now);
  void insert_responses(const std::vector<const Response*>& responses, const std::vector<long long>& unit_ids,
                        TimeMs now);
  void insert_response(const Response& response, long long unit_id, TimeMs now);
  // Deletes response `code` and its answers (a counted questionnaire response that was rejected). Bump both
  // revisions in the same transaction: a removal is not new evidence.
  void delete_response(const std::string& code);
  // As inspections_between.
  std::vector<Response> responses_between(const std::string& start, const std::string& end,
                                          long long after_id = 0, long long* max_id = nullptr);

  bool statistic_exists(const std::string& metric, long long unit_id, long long period_id);
  void insert_statistic(const StatisticValue& value, long long unit_id, long long period_id);
  std::vector<StatisticValue> statistics(long long period_id);
  bool grade_exists(const std::string& item, long long unit_id, long long period_id);
  void insert_grade(const MaterialGrade& grade, long long unit_id, long long period_id);
  std::vector<MaterialGrade> grades(long long period_id);
  void insert_penalty(const PenaltyEvent& event, long long unit_id, long long period_id);
  // Recorded events only: withdrawn ones (migration 11) are not counted.
  std::vector<PenaltyEvent> penalties(long long period_id);

  // Change counters (migration 3): `revision` moves on every change of evaluation data, `structure`
  // only on changes other than new inspections and responses (frameworks, units, sites, periods,
  // statistics, grades, penalties). Bump the revision first in a writing transaction: it locks the
  // counter row, so writers run one after the other and evidence row ids grow in commit order.
  struct Revision {
    long long revision = 0;
    long long structure = 0;
  };
  Revision revisions();
  long long revision() { return revisions().revision; }
  void bump_revision();
  void bump_structure_revision();

 private:
  soci::session& sql_;
};

}  // namespace civic::store
