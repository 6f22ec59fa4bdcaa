// ReportService: work summaries (reports.md) as stored objects. A report names a template ("summary"), a
// unit and a period; its figures, tables and charts come from the data whenever it is read or rendered
// (gather_summary), its prose is the office's (per section key, placeholders {{figure}}), saved with
// optimistic versions (every saved prose kept in report_versions).
// States: draft → submitted → approved → published; return (from submitted or approved, with a reason)
// sends it back to returned, which is edited and submitted again like a draft. Permissions: read_reports
// (office, leader, unit_officer; a report of a unit outside the caller's scope is NotFound), write_reports
// (create, edit, refresh, submit), approve_reports (approve, return, publish). Four eyes: whoever created
// or last edited the report may not approve it (Forbidden, report.four_eyes).
// Publishing freezes it: the PDF, DOCX, XLSX and HTML are rendered once and kept in the file store, with
// the figures and the fingerprint {revision (the evaluation revision), sha256 (summary_sha256)} of the data
// they were built from; a published report's document and figures are those kept bytes, whatever the data
// does later. Every change is audited.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "platform/file_store.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/reports/render/render.h"
#include "service/reports/summary.h"
#include "store/core/database.h"

namespace civic::service {

struct ReportFingerprint {
  long long revision = 0;
  std::string sha256;
};

struct Report {
  long long id = 0;
  std::string template_name, unit, unit_name, period, title, state;
  Prose prose;  // the office's paragraphs by section key (the template's where it wrote none)
  long long version = 1;
  std::string created_by, updated_by, submitted_by, decided_by, return_reason;
  TimeMs created_at = 0, updated_at = 0, published_at = 0;
  // Detail only: the figures as JSON text ({"name": value}), current for unpublished reports, kept for
  // published ones, and the fingerprint (of the data now; of the data it was built from once published).
  std::string figures_json;
  std::optional<ReportFingerprint> fingerprint;
  bool may_edit = false, may_approve = false;  // for the caller
};

struct ReportQuery {
  std::string period, unit, state;
};

struct ReportVersion {
  long long version = 0;
  std::string saved_by;
  TimeMs saved_at = 0;
};

class ReportService {
 public:
  ReportService(store::Database& db, AuditService& audit, ReportSources sources, platform::FileStore& files)
      : db_(db), audit_(audit), sources_(sources), files_(files) {}

  // write_reports. InvalidInput for an unknown template; NotFound for a unit or period unknown or out of
  // scope.
  Report create(const Principal& who, const std::string& template_name, const std::string& unit,
                const std::string& period, const std::string& title);
  // read_reports, newest first.
  std::vector<Report> list(const Principal& who, const ReportQuery& query);
  // read_reports, with figures and fingerprint.
  Report get(const Principal& who, long long id);
  std::vector<ReportVersion> versions(const Principal& who, long long id);
  // write_reports: replaces the prose of the sections named (the others keep theirs); draft or returned
  // only (Conflict report.state); Conflict report.version.stale when `version` is not the stored one.
  Report update(const Principal& who, long long id, const Prose& prose, long long version);
  // refresh | submit (write_reports), approve | return | publish (approve_reports). `reason` for return.
  Report act(const Principal& who, long long id, const std::string& action, const std::string& reason);
  // read_reports: the report in `format` (pdf, docx, xlsx, html); a published one's kept file.
  render::RenderedFile document(const Principal& who, long long id, const std::string& format);

 private:
  struct Built {
    SummaryData data;
    reports::Document document;
    std::string sha256;
  };
  Built build(const Principal& who, const std::string& unit, const std::string& period, const Prose& prose);

  store::Database& db_;
  AuditService& audit_;
  ReportSources sources_;
  platform::FileStore& files_;
};

// The document footer of the fingerprint (数据指纹 revision N · sha256 …).
std::string fingerprint_footer(long long revision, const std::string& sha256);

}  // namespace civic::service
