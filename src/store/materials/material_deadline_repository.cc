#include "store/materials/material_deadline_repository.h"

namespace civic::store {

std::optional<std::string> MaterialDeadlineRepository::find(long long period_id) {
  std::string due;
  soci::statement st = (sql_.prepare << "SELECT deadline FROM material_deadlines WHERE period_id = :p",
                        soci::use(period_id), soci::into(due));
  if (!st.execute(true)) return std::nullopt;
  return due;
}

void MaterialDeadlineRepository::set(long long period_id, const std::string& due) {
  sql_ << "DELETE FROM material_deadlines WHERE period_id = :p", soci::use(period_id);
  sql_ << "INSERT INTO material_deadlines (period_id, deadline) VALUES (:p, :d)", soci::use(period_id),
      soci::use(due);
}

}  // namespace civic::store
