// SiteService: the sites (点位) inspectors visit, read within the caller's scope (a site belongs to the scope
// of its unit). Sites are created today by bundle import and the demo; editing and CSV import come with the
// inspections feature.
#pragma once

#include <string>

#include "domain/page.h"
#include "service/audit_service.h"
#include "service/principal.h"
#include "store/database.h"
#include "store/evaluation_repository.h"

namespace civic::service {

struct SiteQuery {
  std::string under;  // a unit code: only sites in its scope ("" the caller's whole scope)
  std::string type;   // a site type, e.g. 农贸市场 ("" every type)
  std::string text;   // part of the code or name ("" no filter)
};

class SiteService {
 public:
  SiteService(store::Database& db, AuditService& audit) : db_(db), audit_(audit) {}

  // read_sites; `under` outside the caller's scope (or unknown) is NotFound.
  Page<store::SiteRow> list(const Principal& who, const SiteQuery& query, const PageRequest& page);

 private:
  store::Database& db_;
  AuditService& audit_;
};

}  // namespace civic::service
