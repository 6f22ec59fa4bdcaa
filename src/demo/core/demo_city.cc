#include "demo/core/demo_city.h"

#include "domain/core/error.h"

namespace civic::demo {

std::uint64_t DemoRandom::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

long long DemoRandom::between(long long lo, long long hi) {
  return lo + static_cast<long long>(next() % static_cast<std::uint64_t>(hi - lo + 1));
}

std::vector<DemoStep> demo_steps() {
  return {
      {"units", build_demo_units},           {"users", build_demo_users},
      {"evaluation", build_demo_evaluation}, {"questionnaires", build_demo_questionnaires},
      {"materials", build_demo_materials},   {"plans", build_demo_plans},
      {"volunteers", build_demo_volunteers}, {"activities", build_demo_activities},
      {"selections", build_demo_selections}, {"rounds", build_demo_rounds},
      {"cases", build_demo_cases},           {"self-inspections", build_demo_self_inspections},
      {"sites", build_demo_sites},           {"framework draft", build_demo_framework_draft},
      {"reports", build_demo_reports},       {"bulletins", build_demo_bulletins},
      {"leadership", build_demo_leadership},
  };
}

void build_demo_city(service::Services& services, std::ostream& out, std::uint64_t seed) {
  bool empty = false;
  try {
    services.units.root();
  } catch (const NotFound&) {
    empty = true;
  }
  if (!empty) throw Conflict("the database already has units; the demo needs an empty database");
  DemoContext context{services, service::Principal::cli(), DemoRandom(seed), out};
  for (const DemoStep& step : demo_steps()) {
    out << "demo: " << step.name << "\n";
    step.run(context);
  }
}

}  // namespace civic::demo
