// A deterministic synthetic city for benchmarks and demos: the same bundle on every machine for a
// given framework, scale and seed (splitmix64, no std::random_device, no platform distributions).
// City → districts → streets → communities plus functional departments; sites of every type;
// inspections, responses, statistics, grades and negative-list events in 2026H1 (and a smaller
// 2025H2). Districts differ: each has its own quality, and one (互贸区) is weak, clearly so in one aspect.
#pragma once

#include <cstdint>

#include "bundle/bundle.h"

namespace civic::bundle {

struct SyntheticScale {
  int districts = 12;
  int streets_per_district = 8;
  int communities_per_street = 7;
  int departments = 19;  // 城管局, 交通局 … under the city
  int sites = 8000;
  int inspections = 100000;  // in 2026H1; 2025H2 gets a tenth as many
  int results_per_inspection = 30;
  int responses = 50000;  // in 2026H1; 2025H2 gets a tenth as many
};

// ≈ 800 units, 8,000 sites, 100,000 inspections × 30 results, 50,000 responses.
SyntheticScale city_scale();
// A small city for demos and tests: 3 districts, a few hundred inspections.
SyntheticScale small_scale();

// The index of the weak district among the city's children, and the aspect it is weak in.
inline constexpr int kWeakDistrict = 3;
inline constexpr int kWeakAspect = 4;

// A framework shaped like the national one: 7 aspects, 33 indicators, 111 items of every method,
// Σ max_score = 100. For benchmarks when no shipped framework is at hand.
Framework synthetic_framework();

// Evidence for `framework` at `scale`. Identical output for identical arguments.
Bundle synthetic_city(const Framework& framework, const SyntheticScale& scale, uint64_t seed = 2026);

}  // namespace civic::bundle
