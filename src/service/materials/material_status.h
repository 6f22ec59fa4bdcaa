// The materials status board (材料状态): per material item of a period's framework, the units that must
// submit (the city root and the districts directly under it, as the framework scores material items;
// within the caller's scope) and which of them have submitted, been graded, been sent back or are missing
// (no submission, or a draft never submitted). read_materials.
#pragma once

#include <string>
#include <vector>

#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct MaterialStatus {
  std::string item, name;
  std::vector<std::string> must, submitted, graded, returned, missing;  // unit codes
};

std::vector<MaterialStatus> material_status(store::Database& db, AuditService& audit, const Principal& who,
                                            const std::string& period);

}  // namespace civic::service
