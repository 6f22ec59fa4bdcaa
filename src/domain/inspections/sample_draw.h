// Stratified random sample of sites for an inspection round (测评轮次, contract.md "Rounds").
// Reproducible: the same strata (populations, sizes) and the same seed give the same sample on every
// platform. One std::mt19937_64 seeded with `seed` is used for all strata, processed in order of
// (unit, site type); each population is ordered by site code, and indices are drawn with rejection
// sampling on the engine's raw output (no std distribution, whose results the standard leaves open).
// A stratum's sample size is capped at its population; a site already drawn for an earlier stratum
// (overlapping explicit strata) is not drawn again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace civic {

struct StratumPopulation {
  std::string unit;                // unit code
  std::string site_type;           // e.g. 农贸市场
  std::vector<std::string> sites;  // site codes, any order
  long long sample_size = 0;       // wanted; ≥ 0
};

struct StratumSample {
  std::string unit;
  std::string site_type;
  long long population = 0;        // sites in the stratum
  long long sample_size = 0;       // min(wanted, population)
  std::vector<std::string> sites;  // drawn, ordered by code
};

// Strata are returned ordered by (unit, site_type).
std::vector<StratumSample> draw_sample(std::vector<StratumPopulation> strata, std::uint64_t seed);

// A uniform integer in [0, bound) from `next()` (a 64-bit generator), unbiased by rejection.
template <typename Engine>
std::uint64_t uniform_below(Engine& engine, std::uint64_t bound) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;  // multiples of bound below it
  std::uint64_t x;
  do {
    x = engine();
  } while (x >= limit);
  return x % bound;
}

}  // namespace civic
