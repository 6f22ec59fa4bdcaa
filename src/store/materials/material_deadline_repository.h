// MaterialDeadlineRepository: the stored materials deadline of a period (material_deadlines, migration 12).
// None stored: MaterialService::deadline falls back to the period's end minus 15 days. Over the caller's
// session and transaction; no business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

namespace civic::store {

class MaterialDeadlineRepository {
 public:
  explicit MaterialDeadlineRepository(soci::session& sql) : sql_(sql) {}

  std::optional<std::string> find(long long period_id);
  // Replaces the period's deadline (YYYY-MM-DD).
  void set(long long period_id, const std::string& due);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
