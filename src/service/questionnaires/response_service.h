// ResponseService: answers to questionnaires (surveys.md "Response", "Counted responses").
// submit: the public (no sign-in, mode public) or an interviewer (submit_interviews, mode interview).
// Idempotent by client_id per questionnaire: the same client_id and body again answers the stored response
// (created false); another body under it is 409 response.client_id_reused. Validation of the answers against
// the version named (an older published one is accepted, an unknown one 400 `version`) by
// domain/questionnaires; a questionnaire never published is 404, a closed one 409 questionnaire.closed.
// On arrival, in ONE transaction (the questionnaire row locked): flags (duplicate_device, straight_lining,
// speeding), the quota check (over quota when the first quota stratum it matches already holds `target`
// counted responses), the raw row, and — when counted — its evidence row in `responses` (code Q<id>, dated
// by submitted_at's business day, one answer per question that feeds a framework item) with the evaluation
// revision bumped first, so scores move through the incremental path.
// The public's device token is kept only as its SHA-256; the public's submitted_at is the receive time.
// Public answers are not audited one by one (they are traceable by their row: id, received_at, device hash,
// client_id, body hash); every review decision is audited.
// review (review_responses): accept makes a flagged, over-quota or rejected response counted (evidence row
// inserted, revision bumped); reject makes it not counted (a counted one's evidence row deleted, the
// structure revision bumped). A reason is required.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "domain/questionnaires/questionnaire.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct SubmitResponse {
  std::string questionnaire;
  int version = 0;
  std::string client_id;
  QnResponseInput input;  // unit, attributes, answers
  std::optional<TimeMs> started_at, submitted_at;
  std::optional<double> lat, lon;
  std::optional<long long> assignment;
  std::string device_token;  // X-Device-Token; "" none
};

struct SubmitResult {
  long long id = 0;
  std::string status;
  bool created = true;  // false: a resubmission answered with the stored response
};

struct ResponseReview {
  std::string decision;  // accept | reject
  std::string reason, by;
  TimeMs at = 0;
};

struct QuestionnaireResponse {
  long long id = 0;
  int version = 0;
  std::string unit, unit_name;
  std::map<std::string, std::string> attributes;
  std::map<std::string, QnAnswer> answers;
  std::string mode, interviewer;
  std::optional<TimeMs> started_at;
  TimeMs submitted_at = 0;
  std::optional<double> duration_seconds;
  std::vector<std::string> flags;
  bool over_quota = false;
  std::string status;
  std::optional<ResponseReview> review;
  std::optional<double> lat, lon;
};

struct ResponseListFilter {
  std::string status, flag, unit;
};

// The questionnaire's questions (for export columns) with its responses.
struct ResponseTable {
  QuestionnaireDefinition definition;  // the latest published version
  std::vector<QuestionnaireResponse> responses;
};

struct QuotaFill {
  std::vector<std::pair<std::string, std::string>> stratum;
  std::string unit_name;
  long long target = 0, counted = 0, over_quota = 0, flagged = 0;
  double fill = 0;
};

class ResponseService {
 public:
  ResponseService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // `who` nullptr: the public.
  SubmitResult submit(const Principal* who, SubmitResponse input);

  // review_responses
  Page<QuestionnaireResponse> list(const Principal& who, const std::string& code,
                                   const ResponseListFilter& filter, const PageRequest& page);
  ResponseTable table(const Principal& who, const std::string& code, const ResponseListFilter& filter);
  QuestionnaireResponse accept(const Principal& who, long long id, const std::string& reason);
  QuestionnaireResponse reject(const Principal& who, long long id, const std::string& reason);

  // read_questionnaires: the fill of each quota of the latest published version, within scope.
  std::vector<QuotaFill> quotas(const Principal& who, const std::string& code);

 private:
  QuestionnaireResponse review(const Principal& who, long long id, const std::string& decision,
                               const std::string& reason);
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
