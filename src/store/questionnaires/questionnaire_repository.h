// QuestionnaireRepository: the questionnaire tables of migration 14 — questionnaires (a draft as JSON text
// and an edit revision), questionnaire_versions (frozen JSON definitions), questionnaire_responses (every raw
// response with its status, flags, device hash and body hash; client_id unique per questionnaire),
// questionnaire_reviews and questionnaire_assignments. Over the caller's session and transaction; definitions
// are opaque JSON here, no business rules (service/questionnaires/).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct QuestionnaireRow {
  long long id = 0;
  std::string code;
  std::string state;  // draft | published | closed
  std::string draft;  // definition JSON of the open draft; "" when none
  long long revision = 1;
  int published_version = 0;
  std::string created_by, updated_by;
  TimeMs created_at = 0, updated_at = 0;
};

struct QuestionnaireVersionRow {
  long long questionnaire_id = 0;
  int version = 0;
  std::string definition;  // JSON
  std::string published_by;
  TimeMs published_at = 0;
  long long responses = 0;  // filled by versions()
};

struct QuestionnaireResponseRow {
  long long id = 0;
  long long questionnaire_id = 0;
  int version = 0;
  std::string client_id, body_hash;
  long long unit_id = 0;
  std::string attributes, answers;  // JSON objects
  std::string status;               // counted | flagged | over_quota | rejected
  std::string flags;                // comma list
  bool over_quota = false;
  std::string quota_key;
  std::string mode;         // public | interview
  std::string interviewer;  // username; "" for the public
  std::optional<long long> assignment_id;
  std::string device_hash;
  std::optional<TimeMs> started_at;
  TimeMs submitted_at = 0, received_at = 0;
  std::optional<long long> duration_ms;
  std::optional<double> lat, lon;
  std::string evidence_code;  // its row in `responses` while counted
  // filled by reads
  std::string unit_code, unit_name, unit_path;
};

struct QuestionnaireReviewRow {
  long long id = 0, response_id = 0;
  std::string decision, reason, reviewed_by;
  TimeMs reviewed_at = 0;
};

struct QuestionnaireAssignmentRow {
  long long id = 0, questionnaire_id = 0, interviewer_id = 0, unit_id = 0;
  int target = 0;
  std::string mode;  // street | household
  std::string created_by;
  TimeMs created_at = 0;
  // filled by reads
  std::string questionnaire_code, interviewer, unit_code, unit_name, unit_path;
  long long done = 0;  // responses submitted under it
};

struct ResponseFilter {
  std::string status;                // "" every status
  std::string flag;                  // "" any
  std::optional<long long> unit_id;  // the unit itself (the service filters scope by path)
};

// Counts of a questionnaire's responses.
struct ResponseCounts {
  long long total = 0, counted = 0, flagged = 0, over_quota = 0, rejected = 0;
};

class QuestionnaireRepository {
 public:
  explicit QuestionnaireRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const QuestionnaireRow& row);
  std::optional<QuestionnaireRow> find(const std::string& code);
  std::optional<QuestionnaireRow> find_by_id(long long id);
  // Locks the row for the rest of the transaction (PostgreSQL FOR UPDATE; SQLite transactions are
  // serialized already) and answers it.
  std::optional<QuestionnaireRow> lock(const std::string& code);
  std::vector<QuestionnaireRow> list();
  // Saves draft, state, revision, published_version and updated_by/at.
  void update(const QuestionnaireRow& row);

  void insert_version(const QuestionnaireVersionRow& row);
  std::optional<QuestionnaireVersionRow> version(long long questionnaire_id, int version);
  std::vector<QuestionnaireVersionRow> versions(long long questionnaire_id);

  // Responses
  std::optional<QuestionnaireResponseRow> find_client_id(long long questionnaire_id,
                                                         const std::string& client_id);
  std::optional<QuestionnaireResponseRow> find_response(long long id);
  long long insert_response(const QuestionnaireResponseRow& row);
  void set_status(long long id, const std::string& status, const std::string& evidence_code);
  std::vector<QuestionnaireResponseRow> responses(long long questionnaire_id, const ResponseFilter& filter);
  ResponseCounts counts(long long questionnaire_id);
  bool counted_device_exists(long long questionnaire_id, const std::string& device_hash);
  long long counted_in_quota(long long questionnaire_id, const std::string& quota_key);
  // The median duration (ms) of the counted responses with a duration, when at least `min_count` exist.
  std::optional<double> counted_median_duration(long long questionnaire_id, long long min_count);

  // Reviews
  void insert_review(const QuestionnaireReviewRow& row);
  // The latest review of each of a questionnaire's responses.
  std::vector<QuestionnaireReviewRow> latest_reviews(long long questionnaire_id);
  std::optional<QuestionnaireReviewRow> latest_review(long long response_id);

  // Assignments
  long long insert_assignment(const QuestionnaireAssignmentRow& row);
  std::optional<QuestionnaireAssignmentRow> find_assignment(long long id);
  std::vector<QuestionnaireAssignmentRow> assignments(long long questionnaire_id);
  std::vector<QuestionnaireAssignmentRow> assignments_of(long long interviewer_id);
  void update_assignment(long long id, int target, const std::string& mode);
  // Only an assignment with no response under it can be deleted (the service checks done == 0).
  void delete_assignment(long long id);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
