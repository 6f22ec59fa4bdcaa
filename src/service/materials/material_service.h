// MaterialService: material submissions (材料审核 / 网上申报, evidence.md "Material submissions").
// One submission per (period, item, unit): draft → submitted → graded | returned; returned → submitted again;
// a graded submission may be regraded (a new row in its grade history; the old one is kept). Grading upserts
// the counted grade (material_grades: the latest grade of a graded submission) and bumps the evaluation
// revisions in the same transaction, so scores change at once. A unit officer drafts and submits for units
// in its scope (submit_materials); the office grades and returns (review_materials); reads are scoped
// (out-of-scope submissions are NotFound). Every write refuses a closed period (require_open_period, 409)
// and submitting after the period's materials deadline is refused unless the submission was sent back.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/materials/material_status.h"
#include "store/core/database.h"

namespace civic::service {

struct MaterialGradeVersion {
  int seq = 0;
  std::string grade, comment, reviewer;
  TimeMs graded_at = 0;
  std::string reviewer_name;  // display name (PeopleNames)
};

struct MaterialEvent {
  std::string actor, action, reason;
  TimeMs at = 0;
  std::string actor_name;  // display name (PeopleNames)
};

struct MaterialSubmission {
  long long id = 0;
  std::string period, item, item_name, unit, unit_name;
  std::string description;
  std::string state;  // draft | submitted | graded | returned
  long long version = 1;
  std::string submitted_by;
  TimeMs submitted_at = 0;
  std::string return_reason;
  std::string grade;  // the latest grade, "" when none
  std::vector<std::string> files;
  std::vector<MaterialGradeVersion> grades;  // oldest first (detail only)
  std::vector<MaterialEvent> events;         // oldest first (detail only)
};

struct MaterialFilter {
  std::string period, item, unit, state;
  int page = 1, page_size = 20;
};

struct MaterialPage {
  std::vector<MaterialSubmission> items;
  long long total = 0;
};

struct MaterialDraft {
  std::string period, item, unit, description;
  std::vector<std::string> files;
};

class MaterialService {
 public:
  MaterialService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // Review-queue order: submitted first, then by item, unit.
  MaterialPage list(const Principal& who, const MaterialFilter& filter);
  MaterialSubmission get(const Principal& who, long long id);
  // A draft. A second one for the same (period, item, unit) is a Conflict naming the existing id.
  MaterialSubmission create(const Principal& who, const MaterialDraft& draft);
  // Description and files, while draft or returned; `version` must match (else 409).
  MaterialSubmission update(const Principal& who, long long id, long long version,
                            const std::string& description, const std::vector<std::string>& files);
  MaterialSubmission submit(const Principal& who, long long id);
  MaterialSubmission grade(const Principal& who, long long id, const std::string& grade,
                           const std::string& comment);
  MaterialSubmission send_back(const Principal& who, long long id, const std::string& reason);
  // The status board of a period (material_status.h).
  std::vector<MaterialStatus> status(const Principal& who, const std::string& period) {
    return material_status(db_, audit_, who, period);
  }

  // The materials deadline (YYYY-MM-DD) of a period: stored, or the period's end minus 15 days.
  std::string deadline(soci::session& sql, long long period_id, const std::string& period_end);

 private:
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
