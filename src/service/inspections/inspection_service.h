// InspectionService: inspections submitted from the field (实地考察记录, contract.md "Rounds, assignments,
// inspections"). A submission answers one round site: the caller is the inspector the site is assigned to
// (or an office user); every check of the site's form (RoundService's form_checks) must be present with a
// failure count ≥ 0 or null (n/a), photos must exist (PhotoService), a check with failures whose framework
// check is photo_required (the default) needs at least one photo (else InvalidInput "results.<check>.photos",
// key inspection.photos.required; a correction spares checks that had failed already), GPS must be in range
// and the time within the round's period. It is stored as evidence of the period (the inspections rows the
// scores read; the evaluation revision is bumped first, so scores pick it up incrementally), the round site
// is marked submitted, one case per failed check is opened (CaseService::open_from_inspection) and an audit
// record written, all in one transaction. Idempotent by the device's client_id: the same body again answers
// the same inspection and creates nothing (also for concurrent retries, via the client id's primary key); a
// different body under a used client_id is Conflict. A correction is a new version: the previous version is
// kept as a snapshot, the current results are replaced, and the structure revision is bumped so that the
// scores reload. Drafts are opaque JSON bodies kept on the server for their owner only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/cases/case_service.h"
#include "service/core/principal.h"
#include "service/files/photo_service.h"
#include "store/core/database.h"
#include "store/core/session.h"
#include "store/inspections/inspection_repository.h"

namespace civic::service {

struct GpsFix {
  double lat = 0, lon = 0;
  std::optional<double> accuracy;  // metres
};

// The result of one check, as submitted and as stored.
struct InspectionResult {
  std::string check;
  std::optional<int> failures;  // nullopt: n/a
  std::string note;
  std::vector<std::string> photos;
};
using ResultInput = InspectionResult;

struct SubmitInspection {
  std::string client_id, round, site;
  std::optional<TimeMs> inspected_at;
  std::optional<GpsFix> gps;
  std::string note;
  std::vector<ResultInput> results;
};

struct CorrectInspection {
  std::string client_id, reason, note;
  std::vector<ResultInput> results;
};

struct InspectionVersionInfo {
  int version = 0;
  TimeMs submitted_at = 0;
  std::string reason;
};

// One version of an inspection as the API shows it.
struct InspectionRecord {
  std::string code;
  int version = 1;
  std::string round;  // "" when none
  std::string site, site_name, site_type, unit;
  std::string inspector;       // username, "" when none
  std::string inspector_name;  // the inspector's display name, "" when none
  std::string inspected_on;    // YYYY-MM-DD: the evidence date (the business day of inspected_at)
  std::optional<TimeMs> inspected_at, submitted_at;
  std::optional<GpsFix> gps;
  std::string note;
  std::string reason;                     // of a correction; "" for the first version
  std::vector<InspectionResult> results;  // by check code; empty in lists
};

struct InspectionView {
  InspectionRecord inspection;  // the version asked for (results included)
  std::string period;
  std::vector<std::string> cases;  // opened by this submission (submit/correct) or by every version (get)
  std::vector<InspectionVersionInfo> versions;
  bool created = false;  // this call stored it (false: a retry answered from what was stored)
};

// A draft as its owner stored it: the JSON object text and when.
struct InspectionDraft {
  std::string client_id;
  std::string body;
  TimeMs updated_at = 0;
};

struct InspectionQuery {
  std::string round, site, inspector;  // "" any
};

class InspectionService {
 public:
  InspectionService(store::Database& db, AuditService& audit, CaseService& cases, PhotoService& photos,
                    const Clock& clock)
      : db_(db), audit_(audit), cases_(cases), photos_(photos), clock_(clock) {}

  InspectionView submit(const Principal& who, const SubmitInspection& input);
  // POST /api/inspections/{code}/versions: office or the inspection's inspector.
  InspectionView correct(const Principal& who, const std::string& code, const CorrectInspection& input);
  // read_inspections; `version` nullopt: the current one. Inspectors see only their own inspections.
  InspectionView get(const Principal& who, const std::string& code, std::optional<int> version = {});
  Page<InspectionView> list(const Principal& who, const InspectionQuery& query, const PageRequest& page);

  // Drafts (submit_inspections): `body` is the draft as JSON text; round and site must be visible to the
  // caller. A client_id owned by someone else is NotFound.
  void put_draft(const Principal& who, const std::string& client_id, const std::string& round,
                 const std::string& site, const std::string& body);
  InspectionDraft get_draft(const Principal& who, const std::string& client_id);
  void delete_draft(const Principal& who, const std::string& client_id);

 private:
  InspectionView retry_answer(store::Session& sql, const store::ClientIdRow& row);
  // The answer already given under `client_id`, if any: the same answer for the same request (`hash`),
  // Conflict naming client_id for another one.
  std::optional<InspectionView> earlier_answer(const std::string& client_id, const std::string& hash);
  InspectionView build_view(store::Session& sql, const store::InspectionRow& row);

  store::Database& db_;
  AuditService& audit_;
  CaseService& cases_;
  PhotoService& photos_;
  const Clock& clock_;
};

}  // namespace civic::service
