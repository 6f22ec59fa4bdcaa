// The lifecycle's view of a stored case: a case row as the pure CaseRecord of domain/case_lifecycle.h, which
// `allowed_actions`, `apply` and the measures of domain/case_measures.h read. An unknown stored state reads
// as `reported`; an unknown outcome as none.
#pragma once

#include "domain/cases/case_lifecycle.h"
#include "store/cases/case_repository.h"

namespace civic::service {

CaseState case_state_of(const store::CaseRow& row);
CaseRecord case_record_of(const store::CaseRow& row);

}  // namespace civic::service
