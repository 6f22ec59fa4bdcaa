#include "service/site_service.h"

#include "domain/error.h"
#include "store/unit_repository.h"

namespace civic::service {

Page<store::SiteRow> SiteService::list(const Principal& who, const SiteQuery& query, const PageRequest& page) {
  audit_.require(who, Permission::read_sites);
  page.validate();
  auto lease = db_.lease();
  store::UnitRepository units(*lease);
  std::string path = who.is_cli ? "/" : who.unit_path;
  if (!query.under.empty()) {
    auto unit = units.find_by_code(query.under);
    if (!unit || !who.in_scope(unit->path)) audit_.deny_out_of_scope(who, "unit", query.under);
    path = unit->path;
  }
  store::EvaluationRepository repo(*lease);
  std::string upper = store::path_upper_bound(path);
  Page<store::SiteRow> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count_sites(path, upper, query.type, query.text);
  out.items = repo.list_sites(path, upper, query.type, query.text, page.page_size, page.offset());
  return out;
}

}  // namespace civic::service
