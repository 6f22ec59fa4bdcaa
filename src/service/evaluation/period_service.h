// PeriodService: the lifecycle of a campaign period (测评周期, evidence.md "Periods"). The office
// (manage_periods) creates a period on a stored framework version (codes unique, dates inclusive with
// start <= end, periods of one framework never overlap), closes it and reopens it with a reason. Closing
// keeps what the period's scores read (its counted evidence as a civic-bundle/1 document) so that its
// scores answer as at closing; a closed period refuses every evidence write (period_guard.h). Every change
// bumps the evaluation revisions and is audited in the same transaction.
#pragma once

#include <string>

#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/evaluation/evaluation_service.h"
#include "store/core/database.h"

namespace civic::service {

struct NewPeriod {
  std::string code;
  std::string name;
  std::string start, end;  // YYYY-MM-DD, inclusive
  std::string framework;
  int version = 0;  // 0: the framework's newest version
};

class PeriodService {
 public:
  PeriodService(store::Database& db, AuditService& audit, EvaluationService& evaluation)
      : db_(db), audit_(audit), evaluation_(evaluation) {}

  Period create(const Principal& who, const NewPeriod& input);
  Period get(const Principal& who, const std::string& code);
  // Conflict "period.already_closed" when closed already.
  Period close(const Principal& who, const std::string& code);
  // `reason` is required (InvalidInput "reason"); Conflict "period.not_closed" when open.
  Period reopen(const Principal& who, const std::string& code, const std::string& reason);

 private:
  store::Database& db_;
  AuditService& audit_;
  EvaluationService& evaluation_;
};

}  // namespace civic::service
