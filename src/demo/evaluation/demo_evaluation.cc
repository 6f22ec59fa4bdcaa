// Demo step "evaluation": the default framework, periods 2026H1 and 2026H2 (in progress), sites of every
// type across the city and the evidence of both periods, imported through EvaluationService like any bundle.
// Districts differ believably: 高新区 and 东城区 lead, 互贸区 sits mid-table, 南湖区 is weak and clearly so
// in 安居乐业的生活环境 (A5); the second half-year is a little better everywhere (the campaign works).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "bundle/default_framework.h"
#include "demo/core/demo_city.h"
#include "store/units/unit_repository.h"

namespace civic::demo {

namespace {

struct DistrictProfile {
  const char* code;
  double quality;  // 0..1: how well the district keeps its sites and serves its residents
  const char* weak_aspect;
};

const DistrictProfile kProfiles[] = {
    {"GX", 0.95, nullptr}, {"DC", 0.93, nullptr}, {"XC", 0.90, nullptr},
    {"HM", 0.88, nullptr}, {"BS", 0.86, nullptr}, {"NH", 0.83, "A5"},
};

struct PeriodPlan {
  const char* code;
  const char* start;
  const char* end;
  const char* evidence_until;  // the demo's "today" for the running period
  int visits_per_site;
  int responses_per_community;
  double improvement;
};

const PeriodPlan kPeriods[] = {
    {"2026H1", "2026-01-01", "2026-06-30", "2026-06-30", 5, 14, 0.0},
    {"2026H2", "2026-07-01", "2026-12-31", "2026-11-20", 4, 10, 0.03},
};

// Site types placed on every street, and how often (every n-th street) the rarer ones appear.
const std::pair<const char*, int> kStreetSites[] = {
    {"主干道", 1}, {"公交站", 1},   {"背街小巷", 1}, {"农贸市场", 2}, {"学校", 2},
    {"医院", 3},   {"公园", 3},     {"广场", 3},     {"窗口单位", 2}, {"商业大街", 3},
    {"公厕", 2},   {"建筑工地", 4}, {"景区", 6},     {"车站码头", 6},
};
const std::pair<const char*, int> kCommunitySites[] = {{"社区", 1}, {"背街小巷", 2}, {"公厕", 3}};

// Sites the half-year summary of 互贸区 names, by (type, first street or community of that type in 互贸区).
const std::map<std::string, std::string> kHuimaoNames = {
    {"主干道", "华阜大街"},       {"商业大街", "互贸步行街"},         {"广场", "互贸广场"},
    {"农贸市场", "互贸农贸市场"}, {"窗口单位", "互贸区政务服务大厅"},
};

std::string strip_suffix(std::string name, const std::string& suffix) {
  if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    name.erase(name.size() - suffix.size());
  }
  return name;
}

double clamp01(double v) {
  return std::max(0.0, std::min(1.0, v));
}

class EvidenceWriter {
 public:
  EvidenceWriter(DemoContext& c, Framework framework) : c_(c) { b_.framework = std::move(framework); }

  void run() {
    load_units();
    place_sites();
    for (const auto& p : kPeriods) {
      b_.periods.push_back(Period{p.code, *parse_iso_date(p.start), *parse_iso_date(p.end)});
      inspect(p);
      survey(p);
      report_statistics_and_grades(p);
    }
    add_penalties();
    auto s = c_.services.evaluation.import_bundle(c_.actor, b_);
    report_through_the_workflow();
    c_.out << "  framework " << s.framework_code << " v" << s.framework_version
           << ", periods 2026H1 and 2026H2, " << s.sites_created << " sites, " << s.inspections
           << " inspections, " << s.responses << " responses, " << s.statistics << " statistics, " << s.grades
           << " grades\n";
  }

 private:
  double random01() { return static_cast<double>(c_.random.next() >> 11) * 0x1.0p-53; }

  void load_units() {
    auto lease = c_.services.db.lease();
    store::UnitRepository repo(*lease);
    auto root = repo.root();
    if (!root) throw std::runtime_error("the demo evaluation needs the unit tree");
    all_ = repo.subtree(root->path);
    std::map<long long, const Unit*> by_id;
    for (const auto& u : all_) by_id[u.id] = &u;
    for (const auto& u : all_) {
      std::optional<std::string> parent;
      if (u.parent_id) parent = by_id.at(*u.parent_id)->code;
      b_.units.push_back(bundle::UnitRecord{
          u.code, u.name, parent, u.population > 0 ? std::optional<double>(u.population) : std::nullopt});
      // The district a unit lies in: its ancestor one level below the city.
      const Unit* d = &u;
      while (d->parent_id && by_id.at(*d->parent_id)->parent_id) d = by_id.at(*d->parent_id);
      district_of_[u.code] = d->parent_id ? d->code : "";
      if (u.type == UnitType::district) districts_.push_back(u.code);
    }
    root_code_ = root->code;
  }

  const DistrictProfile& profile(const std::string& district) const {
    for (const auto& p : kProfiles) {
      if (district == p.code) return p;
    }
    static const DistrictProfile average{"", 0.88, nullptr};
    return average;
  }

  void add_site(const Unit& unit, const std::string& type, std::string name, int district_index) {
    std::string code = "S" + std::string(5 - std::min<size_t>(5, std::to_string(site_seq_ + 1).size()), '0') +
                       std::to_string(site_seq_ + 1);
    ++site_seq_;
    // Districts sit around the centre of 青川市; sites scatter within their district.
    double angle = district_index * 1.0472;
    double lat = 45.760 + 0.045 * std::sin(angle) + (random01() - 0.5) * 0.04;
    double lon = 126.630 + 0.060 * std::cos(angle) + (random01() - 0.5) * 0.05;
    b_.sites.push_back(bundle::SiteRecord{code, std::move(name), type, unit.code, std::round(lat * 1e5) / 1e5,
                                          std::round(lon * 1e5) / 1e5});
  }

  void place_sites() {
    std::map<std::string, int> street_no, district_index;
    for (size_t i = 0; i < districts_.size(); ++i) district_index[districts_[i]] = static_cast<int>(i);
    std::set<std::string> named;
    for (const auto& u : all_) {
      const std::string& district = district_of_[u.code];
      int di = district_index.count(district) ? district_index[district] : 0;
      if (u.type == UnitType::street) {
        int n = ++street_no[district];
        std::string stem = strip_suffix(strip_suffix(u.name, "街道办事处"), "街道");
        for (const auto& [type, every] : kStreetSites) {
          if ((n - 1) % every != 0) continue;
          std::string name = stem + type;
          if (district == "HM" && kHuimaoNames.count(type) && !named.count(type)) {
            name = kHuimaoNames.at(type);
            named.insert(type);
          }
          add_site(u, type, name, di);
        }
      } else if (u.type == UnitType::community) {
        int n = ++community_no_;
        for (const auto& [type, every] : kCommunitySites) {
          if ((n - 1) % every != 0 && !(u.name == "海关社区" && std::string(type) == "背街小巷")) continue;
          std::string name = u.name + (std::string(type) == "社区" ? "" : type);
          if (u.name == "海关社区" && std::string(type) == "背街小巷") name = "海关社区文体馆前背街小巷";
          add_site(u, type, name, di);
        }
      }
    }
  }

  // The failure probability of a check of `aspect` in `district` during a period.
  double failure_chance(const std::string& district, const std::string& aspect, double improvement) {
    const auto& p = profile(district);
    double q = std::min(0.99, p.quality + improvement);
    double chance = (1 - q) * 1.4;
    if (p.weak_aspect && aspect == p.weak_aspect) chance *= 2.2;
    return chance;
  }

  void inspect(const PeriodPlan& period) {
    struct CheckRef {
      const Check* check;
      std::string aspect;
    };
    std::vector<CheckRef> checks;
    for (const auto& a : b_.framework.aspects) {
      for (const auto& ind : a.indicators) {
        for (const auto& item : ind.items) {
          for (const auto& ch : item.checks) checks.push_back({&ch, a.code});
        }
      }
    }
    int first = day_number(*parse_iso_date(period.start)) + 5;
    int last = day_number(*parse_iso_date(period.evidence_until)) - 3;
    int span = std::max(1, (last - first) / period.visits_per_site);
    for (const auto& site : b_.sites) {
      const std::string& district = district_of_[site.unit];
      for (int v = 0; v < period.visits_per_site; ++v) {
        Inspection r;
        r.id = std::string(period.code) + "-" + site.code + "-" + std::to_string(v + 1);
        r.site = site.code;
        r.date = date_from_day_number(first + v * span + static_cast<int>(random01() * (span - 1)));
        for (const auto& ref : checks) {
          const auto& types = ref.check->site_types;
          if (!types.empty() && std::find(types.begin(), types.end(), site.type) == types.end()) continue;
          if (random01() < 0.04) {
            r.results.push_back(CheckResult{ref.check->code, std::nullopt});
            continue;
          }
          int failures = 0;
          double chance = failure_chance(district, ref.aspect, period.improvement);
          while (failures < 4 && random01() < chance) {
            ++failures;
            chance *= 0.45;
          }
          r.results.push_back(CheckResult{ref.check->code, failures});
        }
        b_.inspections.push_back(std::move(r));
      }
    }
  }

  void survey(const PeriodPlan& period) {
    // The answers the framework counts as positive, per question.
    std::map<std::string, std::set<std::string>> positive;
    for (const Item* item : b_.framework.items()) {
      if (item->method == Method::survey)
        positive[item->question].insert(item->positive.begin(), item->positive.end());
    }
    int first = day_number(*parse_iso_date(period.start)) + 10;
    int last = day_number(*parse_iso_date(period.evidence_until)) - 5;
    int serial = 0;
    for (const auto& u : all_) {
      if (u.type != UnitType::community) continue;
      const auto& p = profile(district_of_[u.code]);
      for (int k = 0; k < period.responses_per_community; ++k) {
        Response r;
        r.id = std::string(period.code) + "-R" + std::to_string(++serial);
        r.unit = u.code;
        r.date = date_from_day_number(first + static_cast<int>(random01() * (last - first)));
        for (const auto& q : b_.framework.questions) {
          if (q.options.empty()) continue;
          // 2026H2's campaign and satisfaction questions are asked by the demo questionnaires instead.
          if (std::string(period.code) == "2026H2" && demo_questionnaire_question(q.code)) continue;
          const auto& pos = positive[q.code];
          double chance = clamp01(p.quality + period.improvement - 0.02 + (q.code == "Q_AWARE" ? 0.05 : 0.0));
          if (p.weak_aspect && q.code.find("ENV") != std::string::npos) chance -= 0.15;
          bool want_positive = random01() < chance;
          std::vector<const QuestionOption*> pool;
          for (const auto& o : q.options) {
            if (pos.empty() || static_cast<bool>(pos.count(o.value)) == want_positive) pool.push_back(&o);
          }
          if (pool.empty()) continue;
          r.answers.emplace_back(q.code,
                                 pool[static_cast<size_t>(random01() * pool.size()) % pool.size()]->value);
        }
        b_.responses.push_back(std::move(r));
      }
    }
  }

  void report_statistics_and_grades(const PeriodPlan& period) {
    std::vector<std::pair<std::string, double>> reporters;  // unit, quality
    double sum = 0;
    for (const auto& d : districts_) {
      reporters.emplace_back(d, profile(d).quality + period.improvement);
      sum += reporters.back().second;
    }
    reporters.emplace_back(root_code_, districts_.empty() ? 0.88 : sum / districts_.size());
    bool running = std::string(period.evidence_until) != period.end;
    for (const Item* item : b_.framework.items()) {
      for (const auto& [unit, quality] : reporters) {
        double f = clamp01(std::pow(quality, 3) * 1.12 + (random01() - 0.5) * 0.12);
        if (item->method == Method::statistic) {
          // The running period: two departments are late (nothing reported), one has submitted values still
          // waiting for review; the rest are approved (they come with the bundle).
          std::string lead = item->lead_unit.value_or("");
          if (running && (lead == kLateDepartments[0] || lead == kLateDepartments[1])) continue;
          double v = item->direction == Direction::higher
                         ? item->effective_floor() + f * (item->target - item->effective_floor())
                         : item->effective_ceiling() - f * (item->effective_ceiling() - item->target);
          StatisticValue value{item->metric, unit, period.code, std::round(v * 100) / 100};
          if (running && lead == kSubmittingDepartment) {
            submitted_.push_back(value);
          } else {
            b_.statistics.push_back(value);
          }
        } else if (item->method == Method::material) {
          if (running && random01() < 0.5) continue;  // the half-year review is still under way
          double g = quality + (random01() - 0.5) * 0.16;
          std::string grade = g >= 0.93 ? "A" : g >= 0.85 ? "B" : g >= 0.76 ? "C" : "D";
          b_.materials.push_back(MaterialGrade{item->code, unit, period.code, grade});
        }
      }
    }
  }

  void add_penalties() {
    const NegativeListEntry* minor = nullptr;
    for (const auto& e : b_.framework.negative_list) {
      if (!e.disqualify) {
        minor = &e;
        break;
      }
    }
    if (!minor) return;
    b_.penalties.push_back(PenaltyEvent{minor->code, "NH", "2026H1", minor->deduct, false, minor->name});
    b_.penalties.push_back(PenaltyEvent{minor->code, "BS", "2026H2", minor->deduct, false, minor->name});
  }

  // 2026H2 through the statistics and negative-list workflows: the submitting department's values saved and
  // submitted (awaiting review), a statistics deadline already past (the late departments show red on the
  // completeness board), and one negative-list event recorded in the console.
  void report_through_the_workflow() {
    for (const auto& v : submitted_) {
      auto e = c_.services.statistics.save(c_.actor, v.period, v.unit, v.metric,
                                           {v.value, "", "", "据年报数据", 0});
      c_.services.statistics.submit(c_.actor, v.period, v.unit, v.metric, e.version);
    }
    c_.services.statistics.set_deadline(c_.actor, "2026H2", "2026-11-15");
    for (const auto& e : b_.framework.negative_list) {
      if (e.disqualify || districts_.size() < 2) continue;
      c_.services.penalties.record(c_.actor, {"2026H2", districts_[1], e.code, "2026-09-12", e.name, {}});
      break;
    }
    c_.out << "  statistics 2026H2: " << submitted_.size() << " submitted for review, departments "
           << kLateDepartments[0] << " and " << kLateDepartments[1] << " late\n";
  }

  static constexpr const char* kLateDepartments[2] = {"生态环境局", "住建局"};
  static constexpr const char* kSubmittingDepartment = "人社局";

  DemoContext& c_;
  std::vector<StatisticValue> submitted_;
  bundle::Bundle b_;
  std::vector<Unit> all_;
  std::vector<std::string> districts_;
  std::map<std::string, std::string> district_of_;
  std::string root_code_;
  int site_seq_ = 0;
  int community_no_ = 0;
};

}  // namespace

void build_demo_evaluation(DemoContext& context) {
  EvidenceWriter(context, bundle::default_framework()).run();
}

}  // namespace civic::demo
