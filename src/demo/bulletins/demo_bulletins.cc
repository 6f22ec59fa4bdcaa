// Demo step "bulletins" (after every other step, so cases, plans and scores are there): the city-wide
// bulletin of the last completed 2026H1 round — drafted by the office, its prose written, approved by a
// second reviewer and published (the districts named in it are notified) — and a weekly draft for 互贸区 in
// 2026H2. No push channels: docs/bulletins.md says how to add one.
#include "demo/core/demo_city.h"

namespace civic::demo {

void build_demo_bulletins(DemoContext& context) {
  service::BulletinService& bulletins = context.services.bulletins;
  service::Principal drafter = context.actor;
  drafter.username = "office";
  service::Principal reviewer = context.actor;  // the console operator, not the drafter (four eyes)
  auto b = bulletins.draft(drafter, {"round", "", "", "2026H1-03"});
  service::BulletinUpdate prose;
  prose.prose.opening =
      "为深入推进全国文明城市创建工作，市创建办组织开展了2026年上半年第三轮实地测评。现将测评及问题整改情况通"
      "报如下。";
  prose.prose.closing =
      "各区、各责任单位要对照通报问题逐项整改，举一反三，建立长效机制。整改情况请于两周内报市创建办。";
  prose.prose.remarks["black_list"] = "列入黑榜的单位要认真分析原因，主要负责同志要亲自研究部署整改工作。";
  prose.prose.remarks["recurring_problems"] =
      "同一点位同一问题反复出现，说明整改不彻底，请属地单位建立台账、限期销号。";
  b = bulletins.update(drafter, b.id, prose);
  bulletins.act(reviewer, b.id, "approve", b.version, "");
  auto published = bulletins.act(reviewer, b.id, "publish", std::nullopt, "");
  service::Principal system = context.actor;
  system.username = "system";
  auto weekly = bulletins.draft(system, {"weekly", kHuimaoCode, "2026H2", ""});
  context.out << "  bulletin " << published.id << " published (" << published.title << "); weekly draft "
              << weekly.id << " for 互贸区\n";
}

}  // namespace civic::demo
