// RoundService: inspection rounds (测评轮次, contract.md "Rounds, assignments, inspections"). An office user
// creates a round for a period over the sites under one unit: strata are unit × site type (given, or the
// direct children of `under` × the site types found there, each with default_sample_size), and the sample
// is drawn reproducibly (domain/sample_draw.h) with a seed that is recorded and audited (generated when
// not given). Sites are then assigned to inspectors (explicitly, or spread evenly over the unassigned ones;
// each inspector is notified, round_assigned) and answered by submitted inspections (InspectionService).
// Scope: a round is visible when its `under` unit is in the caller's scope or covers the caller's unit;
// its sites are listed only within the caller's scope, and an inspector (without the office role) sees
// only the sites assigned to them. The inspection form of a round site is the checks of the period's
// framework version that apply to the site's type, limited to the round's items.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "domain/evaluation/framework.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/notifications/notification_service.h"
#include "store/core/database.h"
#include "store/core/session.h"
#include "store/inspections/round_repository.h"

namespace civic::service {

struct StratumRequest {
  std::string unit, site_type;
  long long sample_size = 0;
};

struct NewRound {
  std::string code, name, period;
  std::vector<std::string> items;  // empty: every field item
  std::string under;               // unit code
  std::vector<StratumRequest> strata;
  std::optional<long long> default_sample_size;
  std::optional<std::string> seed;  // decimal uint64
};

// A round as the API shows it.
struct RoundSummary {
  std::string code, name, period, under;  // period and unit codes
  std::string status;                     // open | completed
  std::string seed;                       // decimal uint64
  std::vector<std::string> items;         // empty: every field item
  long long sample_total = 0, done = 0;
  TimeMs created_at = 0;
  std::string created_by;
  std::optional<TimeMs> completed_at;
  long long version = 1;
};

struct RoundStratum {
  std::string unit, unit_name, site_type;
  long long population = 0, sample_size = 0;
};

struct InspectorLoad {
  std::string username, display_name;
  long long done = 0, to_do = 0;
};

struct RoundView {
  RoundSummary round;
  std::vector<RoundStratum> strata;
  std::vector<InspectorLoad> inspectors;
};

// A sampled site of a round and its assignment.
struct RoundSite {
  std::string round, round_name, period;
  std::string site, site_name, site_type, unit, unit_name, address;
  std::optional<double> lat, lon;
  std::string inspector;                  // username, "" when unassigned
  std::string status;                     // to_do | draft (to do, with a server draft) | submitted
  std::optional<std::string> inspection;  // code once submitted
  std::optional<std::string> draft;       // the inspector's server draft client_id, if any
};

struct Assignment {
  std::string site, inspector;  // site code, username
};

// An inspection already stored (e.g. imported evidence) recorded as the answer of a round site.
struct ExistingAnswer {
  std::string site, inspection, inspector;  // site code, inspection code, username
};

struct RoundSiteQuery {
  std::string status;     // to_do | draft | submitted | "" any
  std::string inspector;  // username, "" any
};

struct FormCheck {
  std::string check, item, item_name, text;
  std::optional<std::string> text_en;
  bool photo_required = true;  // a failure needs at least one photo (framework Check::photo_required)
};

struct InspectionForm {
  std::string round, period;
  RoundSite site;
  std::vector<FormCheck> checks;
};

// Thrown inside a transaction for an object outside the caller's scope; the public method catches it after
// the rollback and answers AuditService::deny_out_of_scope (whose audit record needs its own transaction).
struct ScopeRefusal {
  std::string object_type, object_id;
};

// The form's checks for a site of `site_type` in `round` (framework order). Loads the period's framework.
std::vector<FormCheck> form_checks(store::Session& sql, const store::RoundRow& round,
                                   const std::string& site_type);

class RoundService {
 public:
  RoundService(store::Database& db, AuditService& audit, NotificationService& notifications,
               const Clock& clock)
      : db_(db), audit_(audit), notifications_(notifications), clock_(clock) {}

  // manage_rounds. InvalidInput naming the field; Conflict when the code exists.
  RoundView create(const Principal& who, const NewRound& input);
  // read_rounds. `period` "" any.
  Page<RoundSummary> list(const Principal& who, const std::string& period, const PageRequest& page);
  RoundView get(const Principal& who, const std::string& code);
  Page<RoundSite> sites(const Principal& who, const std::string& code, const RoundSiteQuery& query,
                        const PageRequest& page);
  // manage_rounds: explicit assignments, then `spread_over` inspectors take the still unassigned sites in
  // turn (by site code). A submitted site cannot be reassigned (Conflict); the round must be open.
  RoundView assign(const Principal& who, const std::string& code, const std::vector<Assignment>& assignments,
                   const std::vector<std::string>& spread_over);
  // manage_rounds. Once committed, the completion hook (if set) runs on the caller's thread (BulletinService
  // drafts the round's bulletin); it must not throw.
  RoundView complete(const Principal& who, const std::string& code);
  void set_completion_hook(std::function<void(const Principal&, const std::string&)> hook) {
    completion_hook_ = std::move(hook);
  }
  // manage_rounds: records stored inspections of the round's period as the answers of its sites (assigned to
  // `inspector`, submitted), e.g. paper inspections imported as a bundle. InvalidInput names answers[i].
  RoundView link_inspections(const Principal& who, const std::string& code,
                             const std::vector<ExistingAnswer>& answers);
  // The caller's assignments in open rounds (submit_inspections).
  Page<RoundSite> my_assignments(const Principal& who, const std::string& status, const PageRequest& page);
  // read_rounds; the site must be in the round and visible to the caller.
  InspectionForm form(const Principal& who, const std::string& round, const std::string& site);

 private:
  store::RoundRow visible_round(store::Session& sql, const Principal& who, const std::string& code);
  RoundView view(store::Session& sql, const std::string& code);

  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
  const Clock& clock_;
  std::function<void(const Principal&, const std::string&)> completion_hook_;
};

}  // namespace civic::service
