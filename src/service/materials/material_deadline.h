// The materials deadline of a period (材料申报截止日期, evidence.md "Material submissions"): after it a unit
// may no longer submit a new draft (MaterialService::submit), only resubmit what was sent back. Setting it is
// a review_materials act on an open period (409 period.closed otherwise), audited ("material.deadline").
// `due` is YYYY-MM-DD (InvalidInput "due", key material.deadline.invalid otherwise).
#pragma once

#include <string>

#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

void set_material_deadline(store::Database& db, AuditService& audit, const Principal& who,
                           const std::string& period, const std::string& due);

}  // namespace civic::service
