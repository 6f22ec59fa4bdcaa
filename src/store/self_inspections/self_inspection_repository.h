// SelfInspectionRepository: self-inspections (自查, migration 12: self_inspections, one per (period, unit),
// and self_inspection_items, one per (self-inspection, item) the unit has filled in). Over the caller's
// session and transaction; no business rules here (service/self_inspections/self_inspection_service.h).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct SelfInspectionRow {
  long long id = 0, period_id = 0, unit_id = 0;
  std::string state;  // in_progress | finished
  std::string started_by;
  TimeMs started_at = 0, finished_at = 0;  // finished_at 0 while in progress
  // filled by reads
  std::string period_code, unit_code, unit_name, unit_path;
};

struct SelfInspectionItemRow {
  std::string item;
  double self_rate = 0;
  std::string expected;  // the value (statistic) or grade (material) the unit expects; "" when a rate
  std::string note;
  std::vector<std::string> files;
  TimeMs updated_at = 0;
};

class SelfInspectionRepository {
 public:
  explicit SelfInspectionRepository(soci::session& sql) : sql_(sql) {}

  // A new in-progress self-inspection; its id.
  long long insert(long long period_id, long long unit_id, const std::string& started_by, TimeMs at);
  std::optional<SelfInspectionRow> find(long long id);
  // The id of the self-inspection of (period, unit), if any.
  std::optional<long long> find_id(long long period_id, long long unit_id);
  // By period code ("" every period) and state ("" every state), ordered by period code, unit code.
  std::vector<SelfInspectionRow> list(const std::string& period_code, const std::string& state);
  // Its filled-in items, by item code.
  std::vector<SelfInspectionItemRow> items(long long id);
  // Inserts or replaces the item's row.
  void put_item(long long id, const SelfInspectionItemRow& item);
  void finish(long long id, TimeMs at);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
