// MaterialRepository: material submissions (材料审核, migration 12: material_submissions with their files,
// events and grade history, and the materials deadline of a period) and the counted grade they leave in
// material_grades. Typed rows in and out, over the caller's session and transaction; the workflow rules
// (states, scope, deadline, versions) are MaterialService's.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

// A submission with its period and unit (filled by reads).
struct MaterialSubmissionRow {
  long long id = 0, period_id = 0, unit_id = 0, version = 1;
  std::string period, period_end;  // the period's code and end date (YYYY-MM-DD)
  std::string item;
  std::string unit_code, unit_name, unit_path;
  std::string description, state, submitted_by, return_reason;
  TimeMs submitted_at = 0;
};

struct MaterialGradeRow {
  int seq = 0;
  std::string grade, comment, reviewer;
  TimeMs graded_at = 0;
};

struct MaterialEventRow {
  std::string actor, action, reason;
  TimeMs at = 0;
};

// One submission's state on the status board.
struct MaterialStateRow {
  std::string item, unit_code, state;
};

// A unit the framework scores material items for (the root and its children).
struct MaterialUnitRow {
  std::string code, path;
};

// What list() matches; "" matches any.
struct MaterialListFilter {
  std::string period, item, unit, state;
};

class MaterialRepository {
 public:
  explicit MaterialRepository(soci::session& sql) : sql_(sql) {}

  std::optional<MaterialSubmissionRow> find(long long id);
  // The id of the submission of (period, item, unit), if there is one.
  std::optional<long long> find_id(long long period_id, const std::string& item, long long unit_id);
  // The review queue: submitted first, then by item and unit code.
  std::vector<MaterialSubmissionRow> list(const MaterialListFilter& filter);
  // A new draft; its id.
  long long insert(long long period_id, const std::string& item, long long unit_id,
                   const std::string& description, const std::string& created_by, TimeMs at);
  void set_description(long long id, const std::string& description);
  void set_submitted(long long id, const std::string& by, TimeMs at);
  void set_return_reason(long long id, const std::string& reason);
  // The state, the version moved on and the update time, when the stored version is still `version`.
  void move_state(long long id, long long version, const std::string& state, TimeMs at);

  // Attached file ids in order; replace_files writes `files` as the whole list.
  std::vector<std::string> files(long long id);
  void replace_files(long long id, const std::vector<std::string>& files);

  // The grade history, oldest first; the latest grade ("" when none); a new grade after the last.
  std::vector<MaterialGradeRow> grades(long long id);
  std::string latest_grade(long long id);
  void add_grade(long long id, const std::string& grade, const std::string& comment,
                 const std::string& reviewer, TimeMs at);

  // The workflow history, oldest first; a new event after the last.
  std::vector<MaterialEventRow> events(long long id);
  void add_event(long long id, const std::string& actor, TimeMs at, const std::string& action,
                 const std::string& reason);

  // Removes the counted grade (material_grades) of (item, unit, period).
  void remove_counted_grade(const std::string& item, long long unit_id, long long period_id);

  // The framework version row a period is scored with.
  long long framework_of_period(long long period_id);
  // The materials deadline stored for a period (YYYY-MM-DD).
  std::optional<std::string> deadline(long long period_id);

  // The status board: the root and its children that are not departments, by sort order (root first), and
  // every submission's state in the period.
  std::vector<MaterialUnitRow> scored_units();
  std::vector<MaterialStateRow> states_of_period(long long period_id);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
