#include "service/materials/material_status.h"

#include <map>

#include "bundle/framework_document.h"
#include "domain/core/error.h"
#include "service/core/permission.h"
#include "store/evaluation/evaluation_repository.h"

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

  // The root and its children that are not departments (the city's bureaus are no scored units), in scope, by
  // sort order.
  std::vector<std::string> units;
  std::string code, path;
  soci::statement st =
      (sql.prepare << "SELECT u.code, u.path FROM units u LEFT JOIN units p ON p.id = u.parent_id "
                      "WHERE (u.parent_id IS NULL OR p.parent_id IS NULL) AND u.type <> 'department' "
                      "ORDER BY CASE WHEN u.parent_id IS NULL THEN 0 ELSE 1 END, u.sort_order, u.code",
       soci::into(code), soci::into(path));
  if (st.execute(true)) {
    do {
      if (who.in_scope(path)) units.push_back(code);
    } while (st.fetch());
  }
  // (item, unit) → state.
  std::map<std::pair<std::string, std::string>, std::string> states;
  std::string item, state;
  soci::statement ss = (sql.prepare << "SELECT s.item, u.code, s.state FROM material_submissions s "
                                       "JOIN units u ON u.id = s.unit_id WHERE s.period_id = :p",
                        soci::use(p->id), soci::into(item), soci::into(code), soci::into(state));
  if (ss.execute(true)) {
    do states[{item, code}] = state;
    while (ss.fetch());
  }
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
