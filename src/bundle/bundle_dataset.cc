#include "bundle/bundle_dataset.h"

#include <unordered_map>

namespace civic::bundle {

scoring::ScoringDataset build_dataset(const Bundle& b) {
  scoring::DatasetBuilder builder(b.framework);
  // Parents may come after their children in the bundle: add units first, then resolve parents.
  std::unordered_map<std::string, int> index;
  for (size_t i = 0; i < b.units.size(); ++i) index.emplace(b.units[i].code, static_cast<int>(i));
  for (const auto& u : b.units)
    builder.add_unit(u.code, u.parent ? index.at(*u.parent) : -1, u.population.value_or(0));
  for (const auto& s : b.sites) builder.add_site(s.code, builder.unit_index(s.unit), s.type);
  for (const auto& p : b.periods) builder.add_period(p.code, day_number(p.start), day_number(p.end));
  std::vector<std::pair<int32_t, int32_t>> results;
  for (const auto& r : b.inspections) {
    results.clear();
    for (const auto& c : r.results)
      results.emplace_back(builder.check_index(c.check), c.failures ? *c.failures : scoring::kNotApplicable);
    builder.add_inspection(r.id, builder.site_index(r.site), day_number(r.date), results);
  }
  std::vector<std::pair<std::string_view, std::string_view>> answers;
  for (const auto& r : b.responses) {
    answers.clear();
    for (const auto& [q, a] : r.answers) answers.emplace_back(q, a);
    builder.add_response(r.id, builder.unit_index(r.unit), day_number(r.date), answers);
  }
  for (const auto& s : b.statistics)
    builder.add_statistic(s.metric, builder.unit_index(s.unit), builder.period_index(s.period), s.value);
  for (const auto& g : b.materials)
    builder.add_grade(builder.item_index(g.item), builder.unit_index(g.unit), builder.period_index(g.period),
                      g.grade, b.framework.grade_fraction(g.grade).value_or(0));
  for (const auto& e : b.penalties)
    builder.add_penalty(e.code, builder.unit_index(e.unit), builder.period_index(e.period), e.deduct,
                        e.disqualify);
  return builder.finish();
}

std::optional<size_t> insert_inspection(scoring::ScoringDataset& data, const Inspection& r) {
  const int site = data.site_index(r.site);
  if (site < 0) return std::nullopt;
  std::vector<std::pair<int32_t, int32_t>> results;
  for (const auto& c : r.results) {
    const int check = data.check_index(c.check);
    if (check >= 0) results.emplace_back(check, c.failures ? *c.failures : scoring::kNotApplicable);
  }
  return data.insert_inspection(r.id, site, day_number(r.date), results);
}

std::optional<size_t> insert_response(scoring::ScoringDataset& data, const Response& r) {
  const int unit = data.unit_index(r.unit);
  if (unit < 0) return std::nullopt;
  std::vector<std::pair<std::string_view, std::string_view>> answers;
  for (const auto& [q, a] : r.answers) answers.emplace_back(q, a);
  return data.insert_response(r.id, unit, day_number(r.date), answers);
}

}  // namespace civic::bundle
