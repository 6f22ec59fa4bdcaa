#include "domain/inspections/sample_draw.h"

#include <algorithm>
#include <random>
#include <set>

namespace civic {

std::vector<StratumSample> draw_sample(std::vector<StratumPopulation> strata, std::uint64_t seed) {
  std::sort(strata.begin(), strata.end(), [](const StratumPopulation& a, const StratumPopulation& b) {
    return a.unit != b.unit ? a.unit < b.unit : a.site_type < b.site_type;
  });
  std::mt19937_64 engine(seed);
  std::set<std::string> drawn;
  std::vector<StratumSample> out;
  for (auto& stratum : strata) {
    std::vector<std::string> population = stratum.sites;
    std::sort(population.begin(), population.end());
    population.erase(std::unique(population.begin(), population.end()), population.end());
    std::erase_if(population, [&](const std::string& s) { return drawn.count(s) > 0; });
    StratumSample sample{stratum.unit, stratum.site_type, static_cast<long long>(population.size()), 0, {}};
    auto n = static_cast<std::uint64_t>(population.size());
    auto k = std::min<std::uint64_t>(n, static_cast<std::uint64_t>(std::max(0LL, stratum.sample_size)));
    // Partial Fisher–Yates: the first k positions become the sample.
    for (std::uint64_t i = 0; i < k; ++i) {
      std::uint64_t j = i + uniform_below(engine, n - i);
      std::swap(population[i], population[j]);
    }
    population.resize(k);
    std::sort(population.begin(), population.end());
    for (const auto& s : population) drawn.insert(s);
    sample.sample_size = static_cast<long long>(k);
    sample.sites = std::move(population);
    out.push_back(std::move(sample));
  }
  return out;
}

}  // namespace civic
