#include "service/materials/material_deadline.h"

#include <boost/json.hpp>

#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "service/core/permission.h"
#include "service/evaluation/period_guard.h"
#include "store/materials/material_deadline_repository.h"

namespace civic::service {

void set_material_deadline(store::Database& db, AuditService& audit, const Principal& who,
                           const std::string& period, const std::string& due) {
  audit.require(who, Permission::review_materials);
  auto date = parse_iso_date(due);
  if (!date || to_iso(*date) != due) {
    throw InvalidInput("due", "due is a date YYYY-MM-DD", message_key("material.deadline.invalid"));
  }
  db.transact([&](soci::session& sql) {
    long long period_id = require_open_period(sql, period);
    store::MaterialDeadlineRepository repo(sql);
    auto before = repo.find(period_id);
    repo.set(period_id, due);
    audit.record(
        sql, who,
        AuditEvent{"material.deadline", "period", period,
                   before ? boost::json::serialize(boost::json::object{{"due", *before}}) : std::string(),
                   boost::json::serialize(boost::json::object{{"due", due}})});
  });
}

}  // namespace civic::service
