// ReportRepository: reports (reports.md, migration 16: reports, one row per report with the office's prose
// as JSON text and, once published, the fingerprint, the figures and the file-store ids of its files;
// report_versions, every saved prose). Over the caller's session and transaction; no business rules here
// (service/reports/report_service.h).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct ReportRow {
  long long id = 0;
  std::string template_name;
  long long unit_id = 0, period_id = 0;
  std::string title, state, prose;  // prose: JSON {"section": ["paragraph", …]}
  long long version = 1;
  std::string created_by;
  TimeMs created_at = 0;
  std::string updated_by;
  TimeMs updated_at = 0;
  std::string submitted_by, decided_by;
  TimeMs published_at = 0;
  std::string return_reason;
  long long fingerprint_revision = 0;
  std::string fingerprint_sha256, figures, files;  // figures: JSON; files: "format=id,…"
  // filled by reads
  std::string unit_code, unit_name, unit_path, period_code;
};

struct ReportFilter {
  std::string period, unit, state;
};

struct ReportVersionRow {
  long long version = 0;
  std::string prose, saved_by;
  TimeMs saved_at = 0;
};

class ReportRepository {
 public:
  explicit ReportRepository(soci::session& sql) : sql_(sql) {}

  // Inserts a draft (version 1) and its first version row; its id.
  long long insert(const ReportRow& row);
  std::optional<ReportRow> find(long long id);
  // Newest first.
  std::vector<ReportRow> list(const ReportFilter& filter);
  // Sets the prose as version `version` + 1 when the stored version is `version`; false when it is not.
  bool update_prose(long long id, long long version, const std::string& prose, const std::string& by,
                    TimeMs at);
  // Writes state, submitted_by, decided_by, return_reason, published_at, fingerprint, figures and files
  // of `row` and bumps the version.
  void update_state(const ReportRow& row, const std::string& by, TimeMs at);
  std::vector<ReportVersionRow> versions(long long id);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
