#include "domain/evaluation/computed_metric.h"

#include <cmath>
#include <cstdio>

namespace civic {

namespace {

struct MetricName {
  ComputedMetric metric;
  const char* name;
};

constexpr MetricName kNames[] = {
    {ComputedMetric::volunteer_share, "volunteer_share"},
    {ComputedMetric::volunteer_hours_per_resident, "volunteer_hours_per_resident"},
    {ComputedMetric::activities_per_community, "activities_per_community"},
    {ComputedMetric::civilized_family_share, "civilized_family_share"},
};

// 1567033 → "1,567,033"; fractions keep up to two decimals ("12.5").
std::string grouped(double v) {
  char buf[64];
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
    std::string digits = buf, out;
    size_t start = digits[0] == '-' ? 1 : 0;
    out = digits.substr(0, start);
    for (size_t i = start; i < digits.size(); ++i) {
      if (i > start && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return out;
  }
  std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool is_share(ComputedMetric m) {
  return m == ComputedMetric::volunteer_share || m == ComputedMetric::civilized_family_share;
}

}  // namespace

const char* computed_metric_name(ComputedMetric m) {
  for (const auto& n : kNames)
    if (n.metric == m) return n.name;
  return "";
}

std::optional<ComputedMetric> parse_computed_metric(std::string_view name) {
  for (const auto& n : kNames)
    if (name == n.name) return n.metric;
  return std::nullopt;
}

const std::vector<std::string>& computed_metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& n : kNames) v.emplace_back(n.name);
    return v;
  }();
  return names;
}

double computed_denominator(ComputedMetric m, long long population, long long communities) {
  switch (m) {
    case ComputedMetric::volunteer_share:
    case ComputedMetric::volunteer_hours_per_resident:
      return static_cast<double>(population);
    case ComputedMetric::activities_per_community:
      return static_cast<double>(communities);
    case ComputedMetric::civilized_family_share:
      return static_cast<double>(population) / kPersonsPerHousehold;
  }
  return 0;
}

std::optional<double> computed_value(ComputedMetric m, const ComputedInputs& in) {
  if (!(in.denominator > 0)) return std::nullopt;
  double v = in.numerator / in.denominator;
  if (is_share(m)) v *= 100;
  // Six significant decimals: the stored value is stable across databases and re-computations.
  return std::round(v * 1e6) / 1e6;
}

std::string computed_explanation(ComputedMetric m, const ComputedInputs& in) {
  const std::string n = grouped(in.numerator), d = grouped(std::round(in.denominator * 100) / 100);
  switch (m) {
    case ComputedMetric::volunteer_share:
      return "已确认的注册志愿者 " + n + " 人 ÷ 常住人口 " + d + " 人 × 100";
    case ComputedMetric::volunteer_hours_per_resident:
      return "已审核的志愿服务时长 " + n + " 小时 ÷ 常住人口 " + d + " 人";
    case ComputedMetric::activities_per_community:
      return "开展的活动 " + n + " 场 ÷ 社区 " + d + " 个";
    case ComputedMetric::civilized_family_share:
      return "在有效期内的文明家庭 " + n + " 户 ÷ 家庭户（常住人口 ÷ 2.62）" + d + " 户 × 100";
  }
  return "";
}

}  // namespace civic
