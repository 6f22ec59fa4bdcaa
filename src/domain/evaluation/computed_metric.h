// Computed metrics (participation.md "Computed metrics"): a statistic item may name one instead of being
// reported; Civic computes its value per unit and period from its own data (no double entry) and counts it
// like an approved value. The vocabulary and the arithmetic live here; the counts come from the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic {

enum class ComputedMetric {
  volunteer_share,               // % of residents registered (confirmed) as volunteers
  volunteer_hours_per_resident,  // approved service hours ÷ residents
  activities_per_community,      // activities held ÷ communities
  civilized_family_share,        // % of households holding a 文明家庭 title
};

// "volunteer_share", … ; parse returns nullopt for anything else.
const char* computed_metric_name(ComputedMetric m);
std::optional<ComputedMetric> parse_computed_metric(std::string_view name);
const std::vector<std::string>& computed_metric_names();

// Average household size used to turn residents into households until units carry a household count
// (seventh national census, 2020: 2.62 persons per household).
inline constexpr double kPersonsPerHousehold = 2.62;

// What the value of one (unit, period) is made of: numerator ÷ denominator (× 100 for shares).
struct ComputedInputs {
  double numerator = 0;    // volunteers, hours, activities, titles
  double denominator = 0;  // residents, communities, households
};

// The value, or nullopt when the denominator is not positive (nothing to divide by: no value).
std::optional<double> computed_value(ComputedMetric m, const ComputedInputs& in);
// The denominator of `m` for a unit of `population` residents and `communities` communities in its subtree.
double computed_denominator(ComputedMetric m, long long population, long long communities);
// How the value is made, in Chinese, for the evidence drawer: "已确认志愿者 3,101 人 ÷ 常住人口 1,567,033 人
// × 100".
std::string computed_explanation(ComputedMetric m, const ComputedInputs& in);

}  // namespace civic
