// SiteService: the sites (点位) inspectors visit. Read within the caller's scope (a site belongs to the scope
// of its unit; outside scope is NotFound); created, edited, deleted and imported by Permission::manage_sites,
// and then only with units in the caller's scope. A site's type must be a site type of the current
// framework (the framework of the period containing today, else of the newest period, else the newest
// framework; with no framework stored, any type). Every change is audited and bumps the evaluation revision
// and structure revision (a site's unit and type decide which scores its inspections count in), so score
// caches in every process reload. Import is all or nothing: every row is checked first and InvalidTable
// lists the problems by row and column; then one transaction upserts by code with one audit record.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/error.h"
#include "domain/core/page.h"
#include "domain/core/table_errors.h"
#include "domain/sites/site_table.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

struct SiteQuery {
  std::string under;  // a unit code: only sites in its scope ("" the caller's whole scope)
  std::string type;   // a site type, e.g. 农贸市场 ("" every type)
  std::string text;   // part of the code or name ("" no filter)
};

// A site as callers see it; `unit` is its unit's code.
struct Site {
  std::string code;
  std::string name;
  std::string type;
  std::string unit;
  std::string unit_name;
  std::optional<double> lat, lon;
  std::string address;
  std::string grid_cell;
  long long version = 1;
};

// What a create or update sets. `unit` is a unit code.
struct SiteDraft {
  std::string code;
  std::string name;
  std::string type;
  std::string unit;
  std::optional<double> lat, lon;
  std::string address;
  std::string grid_cell;
};

struct SiteImportSummary {
  long long created = 0;
  long long updated = 0;
};

struct SiteTypeCount {
  std::string type;
  long long site_count = 0;  // within the caller's scope
};

class SiteService {
 public:
  SiteService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // read_sites; by code. `under` outside the caller's scope (or unknown) is NotFound.
  Page<Site> search(const Principal& who, const SiteQuery& query, const PageRequest& page);
  // read_sites; NotFound when unknown or out of scope.
  Site get(const Principal& who, const std::string& code);

  // manage_sites. InvalidInput names the field; Conflict when the code exists.
  Site create(const Principal& who, const SiteDraft& draft);
  // manage_sites; `draft.code` names the site (the code never changes). Conflict when `version` is stale.
  Site update(const Principal& who, const SiteDraft& draft, long long version);
  // manage_sites; Conflict when inspections (or other records) refer to the site.
  void remove(const Principal& who, const std::string& code);

  // manage_sites; the CSV of site_table.h. Throws InvalidTable (nothing written) unless every row is valid.
  SiteImportSummary import_csv(const Principal& who, std::string_view csv);
  // read_sites; the sites in scope (under / type as search) as CSV with a BOM.
  std::string export_csv(const Principal& who, const SiteQuery& query, bool chinese_header);
  // read_sites; the same sites as rows, for an XLSX download. Both exports are audited ("site.export").
  std::vector<SiteTableRow> export_rows(const Principal& who, const SiteQuery& query);

  // read_sites; the site types of the period's framework (`period` "" = the current one), each with the
  // number of sites of that type in scope, in framework order. Types of sites that the framework does not
  // name are listed after them.
  std::vector<SiteTypeCount> site_types(const Principal& who, const std::string& period);

 private:
  // The allowed site types; empty when no framework is stored (then any type is accepted).
  std::vector<std::string> framework_site_types(store::Session& sql, const std::string& period);
  // NotFound (audited as scope.denied) unless the site exists within the caller's scope. Call it outside a
  // transaction: the audit record of a refusal is written in its own.
  void require_in_scope(const Principal& who, const std::string& code);

  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
