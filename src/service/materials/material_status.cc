#include "service/materials/material_status.h"

#include <map>

#include "bundle/framework_document.h"
#include "domain/core/error.h"
#include "service/core/permission.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/materials/material_repository.h"

namespace civic::service {

std::vector<MaterialStatus> material_status(store::Database& db, AuditService& audit, const Principal& who,
                                            const std::string& period) {
  audit.require(who, Permission::read_materials);
  auto lease = db.lease();
  soci::session& sql = *lease;
  store::EvaluationRepository repo(sql);
  auto p = repo.find_period(period);
  if (!p) throw NotFound("no period " + period, message_key("period.not_found", {{"period", period}}));
  Framework fw = bundle::read_framework_document(repo.framework_by_id(p->framework_id)->document);

  // The root and its children that are not departments (the city's bureaus are no scored units), in scope,
  // by sort order.
  store::MaterialRepository materials(sql);
  std::vector<std::string> units;
  for (const auto& u : materials.scored_units()) {
    if (who.in_scope(u.path)) units.push_back(u.code);
  }
  // (item, unit) → state.
  std::map<std::pair<std::string, std::string>, std::string> states;
  for (const auto& r : materials.states_of_period(p->id)) states[{r.item, r.unit_code}] = r.state;
  std::vector<MaterialStatus> out;
  for (const Item* it : fw.items()) {
    if (it->method != Method::material) continue;
    MaterialStatus s{it->code, it->name, units, {}, {}, {}, {}};
    for (const auto& u : units) {
      auto f = states.find({it->code, u});
      std::string st_ = f == states.end() ? "" : f->second;
      if (st_ == "submitted")
        s.submitted.push_back(u);
      else if (st_ == "graded")
        s.graded.push_back(u);
      else if (st_ == "returned")
        s.returned.push_back(u);
      else
        s.missing.push_back(u);
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace civic::service
