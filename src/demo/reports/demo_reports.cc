// Demo step "reports" (last): 互贸区 (HM)'s 2026H1 work summary from the shipped template, with the office's
// own opening paragraph, submitted, approved and published (its four files kept in the file store with the
// data fingerprint: the archive), and its 2026H2 summary as a draft for the running period.
#include "demo/core/demo_city.h"

namespace civic::demo {

void build_demo_reports(DemoContext& c) {
  auto& reports = c.services.reports;
  auto h1 = reports.create(c.actor, "summary", kHuimaoCode, "2026H1", "");
  service::Prose prose;
  prose["opening"] = {
      "今年上半年，{{unit.name}}"
      "创建全国文明城市工作在市委宣传部、市文明办的指导下，紧紧围绕深化创建九大工程和"
      "三十项专项提升开展工作。截至{{report.date}}，工作计划完成进度{{plan.progress}}，按时序应完成{{plan."
      "expected}}，"
      "{{plan.status}}，创建成果得以巩固，各项创建工作得到不断深化。"};
  h1 = reports.update(c.actor, h1.id, prose, h1.version);
  reports.act(c.actor, h1.id, "submit", "");
  reports.act(c.actor, h1.id, "approve", "");
  reports.act(c.actor, h1.id, "publish", "");
  reports.create(c.actor, "summary", kHuimaoCode, "2026H2", "");
  c.out << "demo: reports: " << kHuimaoCode << " 2026H1 summary published (report " << h1.id
        << "), 2026H2 draft\n";
}

}  // namespace civic::demo
