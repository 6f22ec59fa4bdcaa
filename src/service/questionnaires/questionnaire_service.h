// QuestionnaireService: questionnaire definitions and their lifecycle (surveys.md, docs/questionnaires.md).
// create → a draft (version 1); save (PUT) → the draft, carrying the revision it read (stale: 409
// questionnaire.stale); on a published questionnaire without a draft, saving opens draft version
// published_version + 1. publish freezes the draft as a version (never changed afterwards) and makes the
// questionnaire `published`; close → `closed` (answers refused with 409 questionnaire.closed); reopen →
// `published`. Interviewer assignments (who interviews where, how many, street or household).
// Scope: a questionnaire is visible to callers whose scope overlaps one of its units; writing needs every
// unit of the definition in the caller's scope (else 400 naming units[i], as an unknown unit). Definitions
// are validated by domain/questionnaires (survey items against the framework in force: the framework of the
// period today falls in, else of the latest begun period, else the newest framework). Every change is
// audited (questionnaire.create|save|publish|close|reopen, questionnaire.assign|assignment.update|unassign).
#pragma once

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

struct Questionnaire {
  QuestionnaireDefinition definition;  // the open draft if any, else the latest published version
  std::string state;                   // draft | published | closed
  int version = 1;                     // the version shown
  int published_version = 0;           // 0: never published
  bool has_draft = false;
  long long revision = 1;
  TimeMs updated_at = 0;
  std::string updated_by;
};

struct QuestionnaireSummary {
  std::string code;
  LocalText title;
  std::string state;
  int published_version = 0;
  bool has_draft = false;
  std::vector<std::string> units;
  long long responses = 0, counted = 0, flagged = 0;
  TimeMs updated_at = 0;
};

struct QuestionnaireVersionInfo {
  int version = 0;
  TimeMs published_at = 0;
  std::string published_by;
  long long responses = 0;
};

struct QuestionnaireFilter {
  std::string state;  // "" every state
  std::string q;      // part of the code or the zh-CN / en title
};

struct PublicUnit {
  std::string code, name, name_en;
  std::optional<std::string> parent;
  std::string level;  // the unit type: district, street, community, …
};

// What the answering page shows (no items).
struct PublicQuestionnaire {
  QuestionnaireDefinition definition;
  int version = 0;
  std::optional<std::string> preset_unit;
  std::vector<PublicUnit> units;  // answerable units: the questionnaire's units and their descendants
};

struct SurveyAssignment {
  long long id = 0;
  std::string questionnaire;
  LocalText title;
  int version = 0;
  std::string interviewer;
  std::string unit, unit_name;
  int target = 0;
  long long done = 0;
  std::string mode;  // street | household
};

struct NewAssignment {
  std::string interviewer;  // username
  std::string unit;
  long long target = 0;
  std::string mode = "street";
};

class QuestionnaireService {
 public:
  QuestionnaireService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // read_questionnaires
  Page<QuestionnaireSummary> list(const Principal& who, const QuestionnaireFilter& filter,
                                  const PageRequest& page);
  Questionnaire get(const Principal& who, const std::string& code);
  std::vector<QuestionnaireVersionInfo> versions(const Principal& who, const std::string& code);
  QuestionnaireDefinition version(const Principal& who, const std::string& code, int version);

  // manage_questionnaires
  Questionnaire create(const Principal& who, const QuestionnaireDefinition& definition);
  Questionnaire save(const Principal& who, const std::string& code, QuestionnaireDefinition definition,
                     long long revision);
  Questionnaire publish(const Principal& who, const std::string& code, long long revision);
  Questionnaire close(const Principal& who, const std::string& code);
  Questionnaire reopen(const Principal& who, const std::string& code);

  // Assignments: list (read_questionnaires), add and remove (manage_questionnaires); one's own
  // (submit_interviews).
  std::vector<SurveyAssignment> assignments(const Principal& who, const std::string& code);
  SurveyAssignment assign(const Principal& who, const std::string& code, const NewAssignment& input);
  // A new target (1..100000, may be below what is done) and mode; the interviewer and unit stay.
  SurveyAssignment update_assignment(const Principal& who, const std::string& code, long long id,
                                     long long target, const std::string& mode);
  void unassign(const Principal& who, const std::string& code, long long id);
  std::vector<SurveyAssignment> my_assignments(const Principal& who);

  // No sign-in: the latest published version; NotFound when never published, Conflict when closed.
  PublicQuestionnaire public_view(const std::string& code, const std::string& preset_unit);

 private:
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
