// PenaltyService: negative-list events (负面清单, evidence.md "Negative-list events"). The office records an
// event of a type the period's framework lists (the type gives `deduct` and `disqualify`, 一票否决) against a
// unit, dated inside the period, with a description and evidence files; the unit's officers are notified.
// Withdrawing needs a reason; a withdrawn event stays in the list but no longer counts. Both bump the
// evaluation revisions in their transaction, so scores change at once; both refuse a closed period and are
// audited. Reading: read_scores holders see the events of units in their scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/files/photo_service.h"
#include "service/notifications/notification_service.h"
#include "store/core/database.h"

namespace civic::service {

struct Penalty {
  long long id = 0;
  std::string period;
  std::string unit, unit_name;
  std::string type, type_name;
  std::optional<std::string> type_name_en;
  double deduct = 0;
  bool disqualify = false;
  std::string date;  // YYYY-MM-DD ("" for events imported from bundles)
  std::string description;
  std::vector<std::string> files;
  std::string state;  // recorded, withdrawn
  std::string recorded_by;
  TimeMs recorded_at = 0;
  std::string withdrawn_reason, withdrawn_by;
  std::optional<TimeMs> withdrawn_at;
};

struct PenaltyQuery {
  std::string period, unit, type, state;
};

struct PenaltyDraft {
  std::string period, unit, type, date, description;
  std::vector<std::string> files;
};

class PenaltyService {
 public:
  PenaltyService(store::Database& db, AuditService& audit, NotificationService& notifications,
                 PhotoService& photos)
      : db_(db), audit_(audit), notifications_(notifications), photos_(photos) {}

  // read_scores: newest first, units within scope.
  Page<Penalty> list(const Principal& who, const PenaltyQuery& query, const PageRequest& page);
  std::vector<Penalty> list_all(const Principal& who, const PenaltyQuery& query);
  Penalty get(const Principal& who, long long id);
  // manage_penalties.
  Penalty record(const Principal& who, const PenaltyDraft& draft);
  Penalty withdraw(const Principal& who, long long id, const std::string& reason);

 private:
  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
  PhotoService& photos_;
};

}  // namespace civic::service
