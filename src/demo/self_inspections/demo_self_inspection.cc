// Demo step "self-inspections" (after "cases"): 互贸区 (HM) has a finished self-inspection for the running
// period (2026H2; 2026H1 only if HM had fewer than three A5 items measured below 0.9 there) with self rates
// near what was measured on most items and 0.2–0.4 above it on the A5 items (安居乐业的生活环境, capped at
// full marks: 自评满分), so its gap table shows several over-optimistic A5 rows; 南湖区 and 高新区 have
// self-inspections in progress (about a third of the items).
#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "demo/core/demo_city.h"

namespace civic::demo {

namespace {

struct Measured {
  std::string item;
  std::optional<double> rate;  // score / max_score; none: not assessed
};

std::vector<Measured> measured(DemoContext& c, const std::string& period, const std::string& unit) {
  auto scored = c.services.evaluation.scores(c.actor, period);
  int u = scored->dataset.unit_index(unit);
  std::vector<Measured> out;
  for (int i = 0; i < scored->dataset.item_count(); ++i) {
    const Item& item = scored->dataset.items[static_cast<size_t>(i)];
    Measured m{item.code, std::nullopt};
    if (u >= 0 && item.max_score > 0) {
      const auto& s = scored->scores->item(u, i);
      if (s.assessed) m.rate = s.score / item.max_score;
    }
    out.push_back(m);
  }
  return out;
}

int measured_a5(const std::vector<Measured>& items) {
  return static_cast<int>(std::count_if(items.begin(), items.end(), [](const Measured& m) {
    // Below 0.9, a self rate of 1 is over-optimistic (a gap above 0.10).
    return m.rate && m.item.rfind("A5.", 0) == 0 && *m.rate < 0.9;
  }));
}

// A rate in [0, 1] `offset` away from `base`, kept to two decimals like a person would enter it.
double rounded(double base, double offset) {
  return std::round(std::clamp(base + offset, 0.0, 1.0) * 100) / 100;
}

}  // namespace

void build_demo_self_inspections(DemoContext& c) {
  auto& si = c.services.self_inspections;
  std::string period = "2026H2";
  auto items = measured(c, period, kHuimaoCode);
  if (measured_a5(items) < 3) {
    period = "2026H1";
    items = measured(c, period, kHuimaoCode);
  }

  auto hm = si.start(c.actor, period, kHuimaoCode);
  for (const Measured& m : items) {
    bool a5 = m.item.rfind("A5.", 0) == 0;
    double jitter = static_cast<double>(c.random.between(-4, 4)) / 100;
    service::SelfAssessment a;
    if (!m.rate) {
      a.self_rate = rounded(0.85, jitter);
      a.note = "本期暂无测评数据，按日常巡查自评";
    } else if (a5) {
      a.self_rate = rounded(*m.rate, static_cast<double>(c.random.between(20, 40)) / 100);
      a.note = "已组织专项整治，自评基本达标";
    } else {
      a.self_rate = rounded(*m.rate, jitter);
      a.note = "对照测评标准逐条自查";
    }
    si.set_item(c.actor, hm.id, m.item, a);
  }
  hm = si.finish(c.actor, hm.id);
  auto gaps = si.gaps(c.actor, hm.id);

  int others = 0;
  for (const char* unit : {"NH", "GX"}) {
    auto theirs = measured(c, period, unit);
    auto s = si.start(c.actor, period, unit);
    for (size_t i = 0; i < theirs.size(); i += 3) {
      const Measured& m = theirs[i];
      double jitter = static_cast<double>(c.random.between(-8, 12)) / 100;
      si.set_item(c.actor, s.id, m.item, {rounded(m.rate.value_or(0.8), jitter), "", "逐项梳理中", {}});
    }
    ++others;
  }
  c.out << "  self-inspections " << period << ": " << kHuimaoCode << " finished (" << hm.items_filled
        << " items, " << gaps.over_optimistic_count << " over-optimistic), " << others << " in progress\n";
}

}  // namespace civic::demo
