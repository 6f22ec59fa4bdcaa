// CaseService: problem cases (cases.md, contract.md "Cases"). The lifecycle is domain/case_lifecycle's
// `apply`; this service loads and stores cases, writes one event and one audit record per action, bumps
// `version` (a stale version given by the caller is Conflict), and notifies (NotificationService).
// Scope: office and leaders see cases whose responsible unit (or, before dispatch, the reporting unit) is in
// their scope; unit officers see and act on cases whose responsible unit is in their scope; inspectors see
// cases they reported and cases waiting for verification in their scope; everyone sees the cases they
// reported. A case with no unit at all (an untriaged public report) is seen by every office user. Anything
// else is NotFound. `list(period=)` filters on reported_at; measures use the first dispatch (cases.md).
// Overdue scan (`scan_overdue`, job "cases.overdue_scan"): for every open case with due_at < now it notifies
// the responsible unit once per (case, due_at) — a unique row in case_overdue_notices makes it idempotent and
// safe with several servers — and marks the case overdue in its events ("overdue" event, no state change).
// It does not supervise: 督办 (escalation_level + 1, the parent unit notified) stays an office action.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/cases/case_lifecycle.h"
#include "domain/cases/case_measures.h"
#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/notifications/notification_service.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

class PhotoService;

struct CaseEventView {
  long long seq = 0;
  std::string action;  // "report", "register", …, "overdue"
  std::string from_state, to_state;
  std::string actor;       // username ("" for anonymous public reports, "system" for jobs)
  std::string actor_name;  // display name
  TimeMs at = 0;
  std::string note, reason;
  std::vector<std::string> photos;
  std::string data_json = "{}";  // action-specific data as a JSON object
};

// contract.md case summary; detail fields are filled by `get`/`act` only.
struct CaseView {
  std::string code, title, category, severity;
  CaseState state = CaseState::reported;
  std::string source;  // inspection | public | office | hotline
  std::optional<std::string> unit, unit_name, site, site_name, item, check;
  std::optional<double> lat, lon;
  std::string address;
  TimeMs reported_at = 0;
  std::optional<TimeMs> first_dispatched_at, due_at, closed_at;
  std::optional<CaseOutcome> outcome;
  bool overdue = false;
  int escalation_level = 0, rework_count = 0, reopen_count = 0, send_back_count = 0;
  std::optional<std::string> possible_duplicate_of, duplicate_of;
  long long version = 1;
  // detail
  std::string description;
  int failure_count = 0;
  std::optional<std::string> inspection;
  std::vector<std::string> photos;
  bool postponement_pending = false;
  std::optional<TimeMs> requested_due_at;
  std::vector<CaseEventView> events;
  std::vector<std::string> allowed_actions;
};

struct CaseQuery {
  std::string state, category, unit, source, period, text;  // "" = any; unit = responsible unit's subtree
  bool overdue_only = false;
};

struct NewCase {
  std::string title, category, description, address;
  std::optional<double> lat, lon;
  std::string site;  // site code, optional; gives the unit when `unit` is empty
  std::string unit;  // unit code, optional (suggested responsible unit)
  std::vector<std::string> photos;
  std::string source = "office";  // office | hotline
};

// The body of POST /api/cases/{code}/actions/{action}; which fields matter depends on the action.
struct CaseActionRequest {
  std::optional<long long> version;  // when given, must equal the case's version (else Conflict)
  std::string reason, note, category, severity, unit, duplicate_of;
  std::vector<std::string> photos;
  std::optional<TimeMs> requested_due_at, new_due_at;
  std::string outcome;  // "fixed" | "closed_not_fixed" | ""
  // register: the point where the office places a case reported without one (lat and lon together).
  std::optional<double> lat, lon;
};

// What a submitted inspection tells about one failed check (inspections engineer fills it).
struct InspectionFacts {
  std::string inspection_code;  // e.g. "I…"
  std::string site_code;        // the site's unit becomes the responsible unit
  std::string item_code;        // framework item; picks the category (other when unknown)
  std::string item_name;        // for the title
  TimeMs inspected_at = 0;
  std::optional<double> lat, lon;
  std::string note;
};

// A report from the public: a point (lat and lon together), or an address only when the reporter's device
// gives no location — the office then places the case when registering it.
struct PublicReport {
  std::string category, description, address, contact;
  std::optional<double> lat, lon;
  std::vector<std::string> photos;
  std::string source = "public";  // "public" (随手拍, Open311)
  std::optional<long long> reporter_user_id;
};

struct PublicReportResult {
  std::string code;
  CaseState state = CaseState::reported;
  std::optional<std::string> possible_duplicate_of;
};

// Everything configurable about cases, with the defaults of cases.md.
struct CaseSettings {
  CasePolicy policy;  // time limits filled from domain/case_category when empty
  CompositeWeights weights;
  RedBlackRule rule;
  double duplicate_radius_m = 30;
};

struct UnitCaseMeasures {
  std::string unit, unit_name;
  CaseMeasures measures;
  std::optional<double> composite;
};

struct CaseMeasuresReport {
  UnitCaseMeasures self;
  std::string period;
  TimeMs now = 0;
  std::vector<UnitCaseMeasures> children;
};

struct CaseRankingQuery {
  std::string period, level = "district", under;  // level: district|street|community|department
  std::optional<int> list_size;
  std::optional<long long> min_cases;
};

struct CaseRankingEntry {
  int rank = 0;
  UnitCaseMeasures unit;
};

struct CaseRanking {
  std::string period, level;
  // `rank` is the place among every unit of the level under the chosen unit (by composite, equal composites
  // share a place); the red and black lists take the top and bottom `list_size` of those with at least
  // `min_cases` cases, so a red list may read 11, 13, 15 when better-placed units have too few cases.
  std::vector<CaseRankingEntry> ranking, red, black;
  int list_size = 0;
  long long min_cases = 0;
  int ranked = 0;  // units with a composite (a rank)
};

// A case as the public sees it (GET /api/public/reports/{code}, Open311): no names, no contact.
struct PublicCaseEvent {
  std::string action, to_state;
  TimeMs at = 0;
};
struct PublicCaseView {
  std::string code, category, state, status;  // status: "open" | "closed"
  std::string status_notes;                   // the latest public-facing note (reason/note of the last event)
  std::string description, address, agency_responsible;  // agency: the responsible unit's name, or ""
  std::optional<double> lat, lon;
  TimeMs reported_at = 0, updated_at = 0;
  std::optional<TimeMs> expected_at;  // due_at
  std::vector<std::string> photos;
  std::vector<PublicCaseEvent> events;
};
struct PublicCaseQuery {
  std::string category;            // "" any
  std::string status;              // "open" | "closed" | ""
  std::optional<TimeMs> from, to;  // reported_at in [from, to)
  bool public_only = true;         // only cases from public reports
};

class CaseService {
 public:
  CaseService(store::Database& db, AuditService& audit, NotificationService& notifications,
              const Clock& clock, CaseSettings settings = {});

  const CaseSettings& settings() const { return settings_; }
  // When set, photo ids given to cases must exist (PhotoService::require_existing); unset, they are stored as
  // given. Services wires it.
  void set_photo_service(PhotoService* photos);

  Page<CaseView> list(const Principal& who, const CaseQuery& query, const PageRequest& page);
  // Every case `list` would page through for `query` (case_export.cc), for a file download; more than
  // kMaxCaseExport is InvalidInput table.export.too_many. Audited (case.export, the filter and the count).
  std::vector<CaseView> export_list(const Principal& who, const CaseQuery& query);
  static constexpr long long kMaxCaseExport = 20000;
  // Detail with events and the caller's allowed actions; NotFound outside scope.
  CaseView get(const Principal& who, const std::string& code);
  // office, inspector, unit officer: a `reported` case (source office|hotline).
  CaseView create(const Principal& who, const NewCase& input);
  // One lifecycle action (kebab-case name as in the path). Unknown action → NotFound; not allowed → Conflict.
  CaseView act(const Principal& who, const std::string& code, const std::string& action,
               const CaseActionRequest& request);

  // Inside the caller's transaction: a `registered` case (events report + register by `who`), unit = the
  // site's unit, category from the item (other when unknown), severity 一般. Returns the case code.
  std::string open_from_inspection(store::Session& sql, const Principal& who, const InspectionFacts& facts,
                                   const std::string& check, int failures,
                                   const std::vector<std::string>& photos);

  // Anonymous public report → `reported` case; flags the nearest open case of the same category within
  // duplicate_radius_m as possible_duplicate_of and notifies the office (case_possible_duplicate). Texts are
  // checked against domain/cases/case_text_limits.h (kReport*). Inside the caller's transaction, the caller
  // validates the photos and marks them public (PhotoService::mark_public).
  PublicReportResult report_public(store::Session& sql, const PublicReport& report);
  // The same in its own transaction, which also marks the photos public (with the photo service set; an
  // unknown id is InvalidInput naming `photo_field` + "[i]", e.g. "photos[0]" or Open311's "media_url").
  PublicReportResult report_public(const PublicReport& report, const std::string& photo_field = "photos");

  // Public reads (no principal). public_status: NotFound unless the case exists (and, by default, came from
  // a public report).
  PublicCaseView public_status(const std::string& code, bool public_only = true);
  Page<PublicCaseView> public_list(const PublicCaseQuery& query, const PageRequest& page);

  // GET /api/case-measures: `unit` "" = the caller's unit; `period` a period code.
  CaseMeasuresReport measures(const Principal& who, const std::string& unit, const std::string& period);
  CaseRanking rankings(const Principal& who, const CaseRankingQuery& query);
  // The same for a download (GET /api/case-rankings/export), recorded as "case_rankings.export".
  CaseRanking export_rankings(const Principal& who, const CaseRankingQuery& query);

  // The overdue scan (see the top comment). Returns how many new overdue notices were recorded.
  int scan_overdue();

 private:
  Page<CaseView> list_in_scope(const Principal& who, const CaseQuery& query, const PageRequest& page);
  void check_photos(store::Session& sql, const std::vector<std::string>& ids);

  store::Database& db_;
  AuditService& audit_;
  NotificationService& notifications_;
  const Clock& clock_;
  CaseSettings settings_;
  PhotoService* photos_ = nullptr;
};

}  // namespace civic::service
