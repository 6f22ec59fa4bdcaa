// PenaltyRepository: negative-list events (负面清单, penalty_events with the workflow columns of migration
// 11) as the console records and withdraws them. Scores read only recorded ones
// (EvaluationRepository::penalties). Over the caller's session and transaction; no business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct PenaltyRow {
  long long id = 0;
  std::string type;  // the negative-list entry code
  long long unit_id = 0;
  long long period_id = 0;
  double deduct = 0;
  bool disqualify = false;
  std::string description;
  std::string date;  // YYYY-MM-DD; "" for events imported before migration 11
  std::vector<std::string> files;
  std::string state;  // recorded, withdrawn
  std::string recorded_by;
  TimeMs recorded_at = 0;
  std::string withdrawn_reason, withdrawn_by;
  std::optional<TimeMs> withdrawn_at;
  // filled by reads
  std::string unit_code, unit_name, unit_path, period_code;
};

class PenaltyRepository {
 public:
  explicit PenaltyRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const PenaltyRow& row);
  std::optional<PenaltyRow> find(long long id);
  // Events of the period ("" every period), newest first.
  std::vector<PenaltyRow> list(const std::string& period_code);
  void withdraw(long long id, const std::string& reason, const std::string& by, TimeMs at);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
