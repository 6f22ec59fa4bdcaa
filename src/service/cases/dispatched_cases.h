// The cases that case measures and rankings (case_rankings.cc) read: each case first dispatched in
// [from, to) whose responsible unit is in `subtree`, as the lifecycle's record
// (domain/cases/case_lifecycle.h) with the path of that unit. Defined in case_service.cc, the one place where
// stored case rows become service and domain types.
#pragma once

#include <string>
#include <vector>

#include "domain/cases/case_lifecycle.h"
#include "domain/core/clock.h"
#include "store/core/session.h"

namespace civic::service {

struct DispatchedCase {
  std::string unit_path;
  CaseRecord record;
};

std::vector<DispatchedCase> dispatched_cases(store::Session& sql, const std::string& subtree, TimeMs from,
                                             TimeMs to);

}  // namespace civic::service
