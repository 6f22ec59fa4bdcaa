#include <soci/soci.h>

#include <boost/json.hpp>

#include "demo/core/demo_city.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::demo {

namespace json = boost::json;

void build_demo_framework_draft(DemoContext& context) {
  auto& s = context.services;
  s.db.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    repo.bump_revision();
    for (const auto& [code, name] :
         {std::pair<std::string, std::string>{"2026H1", "2026 年上半年"}, {"2026H2", "2026 年下半年"}}) {
      sql << "UPDATE periods SET name = :name WHERE code = :code", soci::use(name), soci::use(code);
    }
    repo.bump_structure_revision();
  });
  auto frameworks = s.evaluation.frameworks(context.actor);
  if (frameworks.empty()) return;
  const std::string code = frameworks.front().code;
  service::FrameworkDraft draft = s.framework_drafts.create(context.actor, code, 1);
  // The draft (2027 修订草案): the first item gives one point to the second; the total stays the same.
  json::value doc = json::parse(draft.document);
  doc.as_object()["name"] = "2027 修订草案";
  auto& items = doc.at("aspects").at(0).at("indicators").at(0).at("items").as_array();
  if (items.size() >= 2) {
    items[0].as_object()["max_score"] = items[0].at("max_score").to_number<double>() - 0.5;
    items[1].as_object()["max_score"] = items[1].at("max_score").to_number<double>() + 0.5;
  }
  // …and the share of registered volunteers (A4.4.1) is computed from Civic's volunteer registry instead of
  // being reported by 文明办 (framework.md "Computed statistic items").
  for (auto& aspect : doc.at("aspects").as_array())
    for (auto& indicator : aspect.at("indicators").as_array())
      for (auto& item : indicator.at("items").as_array())
        if (item.at("code") == "A4.4.1") item.as_object()["computed"] = "volunteer_share";
  s.framework_drafts.update(context.actor, draft.id, json::serialize(doc), draft.version);
  context.out << "  framework draft " << draft.id << " of " << code
              << " (2027 修订草案, from v1; A4.4.1 computed)\n";
}

}  // namespace civic::demo
