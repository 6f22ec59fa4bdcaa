// Demo step "rounds" (right after "evaluation", before more sites are added): three completed 2026H1 rounds
// whose samples are drawn from the inspected sites and answered by the demo's existing inspections (visit 1,
// 3 and 5 of each sampled site), spread over inspector1…inspector5; and one open 2026H2 round whose 互贸区
// sites are assigned to inspector1 and still to do (the phone page's work), the rest spread over the others.
#include <set>

#include "demo/core/demo_city.h"

namespace civic::demo {

namespace {

std::vector<service::RoundSite> all_sites(DemoContext& context, const std::string& round) {
  std::vector<service::RoundSite> out;
  for (int page = 1;; ++page) {
    auto p = context.services.rounds.sites(context.actor, round, {}, {page, 200});
    out.insert(out.end(), p.items.begin(), p.items.end());
    if (out.size() >= static_cast<size_t>(p.total) || p.items.empty()) break;
  }
  return out;
}

service::NewRound round(const std::string& code, const std::string& name, const std::string& period,
                        long long size, std::uint64_t seed) {
  service::NewRound r;
  r.code = code;
  r.name = name;
  r.period = period;
  r.under = kDemoCityCode;
  r.default_sample_size = size;
  r.seed = std::to_string(seed);
  return r;
}

}  // namespace

void build_demo_rounds(DemoContext& context) {
  service::RoundService& rounds = context.services.rounds;
  struct Plan {
    const char* code;
    const char* name;
    int visit;  // the demo inspection of each site that answers this round
  };
  const Plan h1[] = {{"2026H1-01", "2026年上半年第一轮实地测评", 1},
                     {"2026H1-02", "2026年上半年第二轮实地测评", 3},
                     {"2026H1-03", "2026年上半年第三轮实地测评", 5}};
  std::uint64_t seed = kDemoSeed;
  long long linked = 0;
  for (const Plan& plan : h1) {
    rounds.create(context.actor, round(plan.code, plan.name, "2026H1", 2, ++seed));
    std::vector<service::ExistingAnswer> answers;
    int i = 0;
    for (const auto& site : all_sites(context, plan.code)) {
      answers.push_back({site.site, "2026H1-" + site.site + "-" + std::to_string(plan.visit),
                         "inspector" + std::to_string(i++ % 5 + 1)});
    }
    rounds.link_inspections(context.actor, plan.code, answers);
    rounds.complete(context.actor, plan.code);
    linked += static_cast<long long>(answers.size());
  }

  const std::string open_code = "2026H2-01";
  rounds.create(context.actor, round(open_code, "2026年下半年第一轮实地测评", "2026H2", 2, ++seed));
  std::set<std::string> huimao;
  for (int page = 1;; ++page) {
    auto p = context.services.sites.search(context.actor, {kHuimaoCode, "", ""}, {page, 200});
    for (const auto& s : p.items) huimao.insert(s.code);
    if (p.items.empty() || static_cast<long long>(huimao.size()) >= p.total) break;
  }
  std::vector<service::Assignment> mine;
  for (const auto& site : all_sites(context, open_code)) {
    if (huimao.count(site.site)) mine.push_back({site.site, "inspector1"});
  }
  auto view =
      rounds.assign(context.actor, open_code, mine, {"inspector2", "inspector3", "inspector4", "inspector5"});
  context.out << "  " << linked << " inspections linked to 3 completed rounds; round " << open_code << ": "
              << view.round.sample_total << " sites to do, " << mine.size()
              << " of them in 互贸区 for inspector1\n";
}

}  // namespace civic::demo
