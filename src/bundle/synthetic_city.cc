#include "bundle/synthetic_city.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

namespace civic::bundle {
namespace {

// splitmix64: tiny, fast, and identical everywhere.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n).
  int below(int n) { return static_cast<int>(uniform() * n); }
  bool chance(double p) { return uniform() < p; }

 private:
  uint64_t state_;
};

const char* const kDistricts[] = {"江北区", "江南区", "新城区", "互贸区", "高新区", "东湖区",
                                  "西山区", "南岗区", "北林区", "临港区", "开发区", "东山区"};
const char* const kDepartments[] = {"城管局", "交通局",     "市场监管局", "卫健委",    "教育局",
                                    "住建局", "生态环境局", "公安局",     "文旅局",    "民政局",
                                    "商务局", "水务局",     "园林局",     "交警支队",  "团市委",
                                    "妇联",   "市委宣传部", "文明办",     "农业农村局"};
const char* const kSiteTypes[] = {"主干道", "背街小巷", "农贸市场", "广场", "公交站", "医院",
                                  "学校",   "社区",     "窗口单位", "公园", "公厕",   "建筑工地"};
const char* const kSiteTypesEn[] = {
    "Main road", "Back street",           "Farmers' market", "Square", "Bus stop",      "Hospital",
    "School",    "Residential community", "Service window",  "Park",   "Public toilet", "Construction site"};
const char* const kAspects[] = {"坚强有力的组织领导",  "理想信念教育",       "社会主义核心价值观",
                                "公正法治的社会环境",  "健康向上的人文环境", "安居乐业的生活环境",
                                "可持续发展的生态环境"};
const char* const kAspectsEn[] = {
    "Strong leadership",  "Ideals and beliefs",           "Core socialist values",
    "Fair rule of law",   "Healthy cultural environment", "Liveable environment",
    "Sustainable ecology"};
constexpr int kIndicatorsPerAspect[] = {4, 5, 5, 5, 5, 4, 5};  // 33

std::string num(int i, int width = 0) {
  std::string s = std::to_string(i);
  return width > 0 && static_cast<int>(s.size()) < width ? std::string(width - s.size(), '0') + s : s;
}

// Short decimals: Boost.JSON 1.81 parses 17-digit doubles only approximately, and exported bundles
// must read back to the same numbers.
double round_to(double v, double scale) {
  return std::round(v * scale) / scale;
}

CivilDate day_in(SplitMix64& rng, const Period& p) {
  const int a = day_number(p.start), b = day_number(p.end);
  return date_from_day_number(a + rng.below(b - a + 1));
}

}  // namespace

SyntheticScale city_scale() {
  return SyntheticScale{};
}

SyntheticScale small_scale() {
  return SyntheticScale{4, 2, 2, 3, 120, 600, 30, 600};
}

Framework synthetic_framework() {
  Framework f;
  f.code = "synthetic-2026";
  f.name = "合成测评体系";
  f.name_en = "Synthetic framework";
  f.version = "1";
  for (int q = 1; q <= 5; ++q) {
    SurveyQuestion question{"Q" + num(q), "问题" + num(q), "Question " + num(q), {}};
    if (q % 2 == 1) {
      question.options = {
          {"know", "知道", "Know"}, {"partly", "部分知道", "Partly"}, {"no", "不知道", "Don't know"}};
    } else {
      for (int v = 1; v <= 5; ++v) question.options.push_back({num(v), num(v) + "分", num(v) + " points"});
    }
    f.questions.push_back(std::move(question));
  }
  for (int t = 0; t < 12; ++t) f.site_types.push_back({kSiteTypes[t], kSiteTypesEn[t]});
  f.negative_list = {{"N1", "重大安全事故", "Major safety accident", 2.0, false},
                     {"N2", "严重违法违规事件", "Serious violation", 1.0, false},
                     {"N3", "媒体曝光负面事件", "Negative media exposure", 0.5, false}};
  int item_counter = 0, indicator_counter = 0;
  for (int a = 0; a < 7; ++a) {
    Aspect aspect{"A" + num(a + 1), kAspects[a], kAspectsEn[a], {}};
    for (int i = 0; i < kIndicatorsPerAspect[a]; ++i, ++indicator_counter) {
      Indicator ind{aspect.code + "." + num(i + 1),
                    "测评指标" + num(a + 1) + "." + num(i + 1),
                    "Indicator " + num(a + 1) + "." + num(i + 1),
                    {}};
      // 111 = 33 × 3 + 12: the first 12 indicators hold four items.
      const int n_items = indicator_counter < 12 ? 4 : 3;
      for (int k = 0; k < n_items; ++k, ++item_counter) {
        Item it;
        it.code = ind.code + "." + num(k + 1);
        it.name = "测评内容" + it.code.substr(1);
        it.name_en = "Item " + it.code.substr(1);
        // Tenths of a point cycling 6, 9, 12: 37 × 27 = 999, plus one tenth on the first item.
        static constexpr int kTenths[] = {6, 9, 12};
        it.max_score = (kTenths[item_counter % 3] + (item_counter == 0 ? 1 : 0)) / 10.0;
        const int m = item_counter % 8;  // 5 field : 1 survey : 1 statistic : 1 material
        it.method = m < 5    ? Method::field
                    : m == 5 ? Method::survey
                    : m == 6 ? Method::statistic
                             : Method::material;
        it.lead_unit = kDepartments[item_counter % 19];
        it.responsible_units = {kDepartments[(item_counter + 5) % 19],
                                kDepartments[(item_counter + 11) % 19]};
        switch (it.method) {
          case Method::field: {
            const int n_checks = 2 + item_counter % 4;
            for (int c = 0; c < n_checks; ++c) {
              Check check;
              check.code = it.code + "-" + num(c + 1);
              check.text = "测评标准" + check.code.substr(1);
              check.text_en = "Standard " + check.code.substr(1);
              static constexpr double kDeduct[] = {0.1, 0.2, 0.3, 0.5};
              check.deduct = std::min(kDeduct[(item_counter + c) % 4], it.max_score / 2);
              if ((item_counter + c) % 3 == 0) {
                check.site_types = {kSiteTypes[(item_counter + c) % 12],
                                    kSiteTypes[(item_counter + 2 * c + 5) % 12]};
                if (check.site_types[0] == check.site_types[1]) check.site_types.pop_back();
              }
              it.checks.push_back(std::move(check));
            }
            break;
          }
          case Method::survey: {
            const int q = item_counter % 5;
            it.question = "Q" + num(q + 1);
            it.positive =
                q % 2 == 0 ? std::vector<std::string>{"know", "partly"} : std::vector<std::string>{"4", "5"};
            if (item_counter % 3 != 0) it.curve = {{0.6, 0.0}, {0.8, 0.7}, {0.95, 1.0}};
            break;
          }
          case Method::statistic: {
            it.metric = "m" + num(item_counter);
            if (item_counter % 2 == 0) {
              it.target = 60000 + 1000.0 * (item_counter % 7);
              it.floor = it.target / 3;
            } else {
              it.target = 10 + item_counter % 5;
              it.direction = Direction::lower;
            }
            break;
          }
          case Method::material:
            break;
        }
        ind.items.push_back(std::move(it));
      }
      aspect.indicators.push_back(std::move(ind));
    }
    f.aspects.push_back(std::move(aspect));
  }
  return f;
}

Bundle synthetic_city(const Framework& framework, const SyntheticScale& scale, uint64_t seed) {
  SplitMix64 rng(seed);
  Bundle b;
  b.framework = framework;
  b.periods = {Period{"2025H2", CivilDate{2025, 7, 1}, CivilDate{2025, 12, 31}},
               Period{"2026H1", CivilDate{2026, 1, 1}, CivilDate{2026, 6, 30}}};

  // Units, with a quality in [0, 1] per unit that drives every kind of evidence.
  std::unordered_map<std::string, double> quality;
  std::unordered_map<std::string, int> district_of;  // unit → district ordinal
  b.units.push_back({"C", "青川市", std::nullopt, 0.0});
  std::vector<std::string> districts, streets, communities;
  double city_population = 0;
  for (int d = 0; d < scale.districts; ++d) {
    const std::string dc = "C-D" + num(d + 1, 2);
    const double dq = d == kWeakDistrict ? 0.62 : 0.78 + 0.17 * rng.uniform();
    double district_population = 0;
    const size_t district_slot = b.units.size();
    b.units.push_back({dc, d < 12 ? kDistricts[d] : "区" + num(d + 1), "C", 0.0});
    districts.push_back(dc);
    quality[dc] = dq;
    district_of[dc] = d;
    for (int s = 0; s < scale.streets_per_district; ++s) {
      const std::string sc = dc + "-S" + num(s + 1);
      const double sq = std::clamp(dq + 0.08 * (rng.uniform() - 0.5), 0.0, 1.0);
      double street_population = 0;
      const size_t street_slot = b.units.size();
      b.units.push_back({sc, b.units[district_slot].name + "第" + num(s + 1) + "街道", dc, 0.0});
      streets.push_back(sc);
      quality[sc] = sq;
      district_of[sc] = d;
      for (int k = 0; k < scale.communities_per_street; ++k) {
        const std::string kc = sc + "-K" + num(k + 1);
        const double population = 2000 + rng.below(8000);
        street_population += population;
        b.units.push_back({kc, b.units[street_slot].name + "第" + num(k + 1) + "社区", sc, population});
        communities.push_back(kc);
        quality[kc] = std::clamp(sq + 0.08 * (rng.uniform() - 0.5), 0.0, 1.0);
        district_of[kc] = d;
      }
      b.units[street_slot].population = street_population;
      district_population += street_population;
    }
    b.units[district_slot].population = district_population;
    city_population += district_population;
  }
  b.units[0].population = city_population;
  quality["C"] = 0.85;
  for (int i = 0; i < scale.departments; ++i)
    b.units.push_back(
        {"C-B" + num(i + 1, 2), i < 19 ? kDepartments[i] : "部门" + num(i + 1), "C", std::nullopt});

  // Sites: four in five under communities, the rest under streets; types cycle so every type occurs.
  // The framework's own site types when it lists them, else the common twelve.
  std::vector<std::string> site_types;
  for (const auto& t : framework.site_types) site_types.push_back(t.code);
  if (site_types.empty()) site_types.assign(std::begin(kSiteTypes), std::end(kSiteTypes));
  const int n_types = static_cast<int>(site_types.size());
  std::vector<int> type_of_site;
  for (int i = 0; i < scale.sites; ++i) {
    const std::string& unit = (i % 5 != 4 || streets.empty())
                                  ? communities[rng.below(static_cast<int>(communities.size()))]
                                  : streets[rng.below(static_cast<int>(streets.size()))];
    const int type = i % n_types;
    type_of_site.push_back(type);
    b.sites.push_back({"S" + num(i + 1, 5), site_types[type] + num(i + 1), site_types[type], unit,
                       round_to(45.70 + 0.3 * rng.uniform(), 1e6),
                       round_to(126.50 + 0.4 * rng.uniform(), 1e6)});
  }

  // Checks applicable per site type, and the aspect each check belongs to.
  struct CheckInfo {
    std::string code;
    int aspect;
  };
  std::vector<CheckInfo> checks;
  std::vector<std::vector<int>> by_type(n_types);
  for (size_t a = 0; a < framework.aspects.size(); ++a)
    for (const auto& ind : framework.aspects[a].indicators)
      for (const auto& it : ind.items) {
        if (it.method != Method::field) continue;
        for (const auto& c : it.checks) {
          const int index = static_cast<int>(checks.size());
          checks.push_back({c.code, static_cast<int>(a)});
          for (int t = 0; t < n_types; ++t)
            if (c.site_types.empty() ||
                std::find(c.site_types.begin(), c.site_types.end(), site_types[t]) != c.site_types.end())
              by_type[t].push_back(index);
        }
      }

  auto inspect = [&](const Period& period, int count, double drift, int& counter) {
    std::vector<int> pool;
    for (int n = 0; n < count && !b.sites.empty(); ++n) {
      const int site = rng.below(static_cast<int>(b.sites.size()));
      const std::string& unit = b.sites[site].unit;
      const double q = std::clamp(quality[unit] + drift, 0.0, 1.0);
      const bool weak = district_of[unit] == kWeakDistrict;
      pool = by_type[type_of_site[site]];
      const int take = std::min<int>(scale.results_per_inspection, static_cast<int>(pool.size()));
      for (int i = 0; i < take; ++i)
        std::swap(pool[i], pool[i + rng.below(static_cast<int>(pool.size()) - i)]);
      std::sort(pool.begin(), pool.begin() + take);
      Inspection r{"I" + num(++counter, 6), b.sites[site].code, day_in(rng, period), {}};
      r.results.reserve(static_cast<size_t>(take));
      for (int i = 0; i < take; ++i) {
        const CheckInfo& c = checks[pool[i]];
        if (rng.chance(0.05)) {
          r.results.push_back({c.code, std::nullopt});
          continue;
        }
        double p = 0.5 * (1.0 - q);
        if (weak && c.aspect == kWeakAspect) p = std::min(0.9, p * 3.5);
        int failures = 0;
        if (rng.chance(p)) failures = 1 + (rng.chance(0.3) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0);
        r.results.push_back({c.code, failures});
      }
      b.inspections.push_back(std::move(r));
    }
  };
  int inspection_counter = 0;
  inspect(b.periods[0], scale.inspections / 10, -0.04, inspection_counter);
  inspect(b.periods[1], scale.inspections, 0.0, inspection_counter);

  // Responses: every question the survey items read, answered positively with the unit's quality.
  std::map<std::string, std::set<std::string>> positive;
  for (const Item* it : framework.items())
    if (it->method == Method::survey) positive[it->question].insert(it->positive.begin(), it->positive.end());
  std::map<std::string, std::vector<std::string>> negative;  // question → answers that are not positive
  for (const auto& [q, pos] : positive) {
    std::vector<std::string> neg;
    for (const auto& fq : framework.questions)
      if (fq.code == q)
        for (const auto& o : fq.options)
          if (!pos.count(o.value)) neg.push_back(o.value);
    if (neg.empty()) neg = {"no"};
    negative[q] = std::move(neg);
  }
  auto respond = [&](const Period& period, int count, double drift, int& counter) {
    for (int n = 0; n < count && !communities.empty(); ++n) {
      const std::string& unit = communities[rng.below(static_cast<int>(communities.size()))];
      const double q = std::clamp(quality[unit] + drift + 0.05, 0.0, 1.0);
      Response r{"R" + num(++counter, 6), unit, day_in(rng, period), {}};
      for (const auto& [question, pos] : positive) {
        if (rng.chance(0.03)) {
          r.answers.emplace_back(question, "");
          continue;
        }
        const auto& options =
            rng.chance(q) ? std::vector<std::string>(pos.begin(), pos.end()) : negative[question];
        r.answers.emplace_back(question, options[rng.below(static_cast<int>(options.size()))]);
      }
      b.responses.push_back(std::move(r));
    }
  };
  int response_counter = 0;
  respond(b.periods[0], scale.responses / 10, -0.04, response_counter);
  respond(b.periods[1], scale.responses, 0.0, response_counter);

  // Statistics and grades for the city and each district.
  std::vector<std::string> reporting = {"C"};
  reporting.insert(reporting.end(), districts.begin(), districts.end());
  auto grades = framework.grades;
  std::stable_sort(grades.begin(), grades.end(),
                   [](const auto& x, const auto& y) { return x.second > y.second; });
  for (size_t p = 0; p < b.periods.size(); ++p) {
    const double drift = p == 0 ? -0.04 : 0.0;
    std::set<std::string> metrics_done;
    for (const Item* it : framework.items()) {
      if (it->method == Method::statistic && metrics_done.insert(it->metric).second) {
        for (const auto& unit : reporting) {
          const double q = std::clamp(quality[unit] + drift + 0.1 * (rng.uniform() - 0.5), 0.0, 1.0);
          const double v = it->direction == Direction::higher ? it->target * (0.55 + 0.55 * q)
                                                              : it->target * (1.5 - 0.6 * q);
          b.statistics.push_back({it->metric, unit, b.periods[p].code, round_to(v, 100)});
        }
      }
      if (it->method == Method::material && !grades.empty()) {
        for (const auto& unit : reporting) {
          const double q = std::clamp(quality[unit] + drift, 0.0, 1.0);
          size_t g = 0;
          while (g + 1 < grades.size() && !rng.chance(q)) ++g;
          b.materials.push_back({it->code, unit, b.periods[p].code, grades[g].first});
        }
      }
    }
  }

  // Negative-list events: a handful per period, two of this half-year's in the weak district.
  std::vector<NegativeListEntry> kinds = framework.negative_list;
  if (kinds.empty()) kinds = {{"N1", "负面清单事件", "Negative-list event", 1.0, false}};
  int event_counter = 0;
  for (size_t p = 0; p < b.periods.size(); ++p) {
    const int events = p == 0 ? 3 : 8;
    for (int e = 0; e < events && !communities.empty(); ++e) {
      std::string unit = communities[rng.below(static_cast<int>(communities.size()))];
      if (p == 1 && e < 2 && kWeakDistrict < scale.districts) {
        const auto& d = districts[kWeakDistrict];
        auto first = std::find_if(communities.begin(), communities.end(), [&](const std::string& c) {
          return c.compare(0, d.size() + 1, d + "-") == 0;
        });
        if (communities.end() - first > e) unit = *(first + e);
      }
      const auto& kind = kinds[static_cast<size_t>(rng.below(static_cast<int>(kinds.size())))];
      b.penalties.push_back({kind.code + "-" + num(++event_counter, 3), unit, b.periods[p].code, kind.deduct,
                             kind.disqualify, kind.name});
    }
  }
  return b;
}

}  // namespace civic::bundle
