// The cases that case measures and rankings (case_rankings.cc) read: each case first dispatched in
// [from, to) whose responsible unit is in `subtree`, as the lifecycle's record
// (domain/cases/case_lifecycle.h) with the path of that unit. Defined in case_service.cc, the one place where
// stored case rows become service and domain types.
#pragma once

#include <string>
#include <vector>

#include "domain/cases/case_lifecycle.h"
#include "domain/core/clock.h"
#include "service/audit/audit_service.h"
#include "service/core/permission.h"
#include "service/core/principal.h"
#include "store/core/session.h"

namespace civic::service {

// The cases that measures and rankings read: each case first dispatched in [from, to) whose responsible unit
// is in `subtree`, as the lifecycle's record (domain/cases/case_lifecycle.h) with the path of that unit.
struct DispatchedCase {
  std::string unit_path;
  CaseRecord record;
};

std::vector<DispatchedCase> dispatched_cases(store::Session& sql, const std::string& subtree, TimeMs from,
                                             TimeMs to);

// AuditService::deny_out_of_scope with the case feature's message keys: NotFound keyed "case.not_found"
// {code} (object "case") or "case.unit.not_found" {unit} (object "unit"), after recording "scope.denied".
[[noreturn]] void deny_case_out_of_scope(AuditService& audit, const Principal& who, const std::string& code);
[[noreturn]] void deny_unit_out_of_scope(AuditService& audit, const Principal& who, const std::string& unit);

}  // namespace civic::service
