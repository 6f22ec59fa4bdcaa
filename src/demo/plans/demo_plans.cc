// Demo step "plans": the 2026H1 work plan of 互贸区's half-year summary, city-wide —
// 《集中开展六优行动，大力提升 公共文明指数》: four phases (动员部署, 集中整治, 巩固提升, 迎检冲刺) and the
// six "优" actions, one task per district and action from the city. 互贸区 splits each of its tasks for its
// streets and for the department whose line of work the action is (环卫处 优美环境, 市场管理处 优良秩序 …),
// and the streets split them for their communities (优效组织 stays with the streets). Reports,
// approved, put units ahead or behind at the demo date kDemoPlanDate (2026-04-15): 海关街道 ahead, the third
// and fourth streets behind; outside 互贸区 the districts differ too. One street's 优效组织 task is done and
// linked to an item the street scores below 0.85 on: "done but lagging". One report waits for approval and
// one was rejected, for the task pages.
#include <algorithm>
#include <cmath>
#include <optional>

#include "demo/core/demo_city.h"
#include "domain/core/civil_date.h"
#include "domain/plans/plan_progress.h"
#include "scoring/unit_report.h"

namespace civic::demo {

namespace {

constexpr const char* kPlanCode = "2026H1-LY";

struct DemoAction {
  const char* code;
  const char* name;
  const char* description;
  std::vector<std::string> phases;
  const char* start;
  const char* due;
};

const DemoAction kActions[] = {
    {"YMHJ",
     "优美环境",
     "环境卫生、市容市貌、背街小巷集中整治",
     {"PH2", "PH3", "PH4"},
     "2026-02-01",
     "2026-05-31"},
    {"YLZX",
     "优良秩序",
     "交通秩序、市场秩序、公共场所秩序整治",
     {"PH2", "PH3", "PH4"},
     "2026-02-01",
     "2026-05-31"},
    {"YZFW", "优质服务", "窗口单位优质服务、文明用语、便民措施", {"PH2", "PH3"}, "2026-02-01", "2026-04-30"},
    {"YXHD",
     "优秀活动",
     "志愿服务、道德讲堂、群众性精神文明创建活动",
     {"PH1", "PH2", "PH3", "PH4"},
     "2026-01-01",
     "2026-06-30"},
    {"YJCP", "优佳创评", "文明单位、文明社区、文明家庭创评", {"PH3", "PH4"}, "2026-05-01", "2026-06-30"},
    {"YXZZ",
     "优效组织",
     "领导小组、工作方案、台账资料与督查机制",
     {"PH1", "PH2"},
     "2026-01-01",
     "2026-03-31"},
};

// How far along a unit is relative to where it should be (1 = exactly on schedule).
double pace_of(const std::string& unit_code) {
  static const std::pair<const char*, double> kPaces[] = {
      {"HM-S01", 1.25}, {"HM-S02", 1.0}, {"HM-S03", 0.55}, {"HM-S04", 0.75}, {"GX", 1.2},
      {"DC", 1.1},      {"XC", 1.0},     {"BS", 0.85},     {"NH", 0.6},      {"HM-SCGLC", 0.7},
  };
  for (const auto& [code, pace] : kPaces) {
    if (unit_code.rfind(code, 0) == 0) return pace;
  }
  return 1.0;
}

// The 互贸区 department (code suffix) that takes an action beside the streets.
const char* department_of_action(const std::string& action) {
  static const std::pair<const char*, const char*> kDepartments[] = {
      {"YMHJ", "HWC"}, {"YLZX", "SCGLC"}, {"YZFW", "SFJ"},
      {"YXHD", "QGB"}, {"YJCP", "DWGZB"}, {"YXZZ", "DWGZB"},
  };
  for (const auto& [a, department] : kDepartments) {
    if (action == a) return department;
  }
  return "";
}

int day(const std::string& iso) {
  return day_number(*parse_iso_date(iso));
}

}  // namespace

void build_demo_plans(DemoContext& c) {
  service::Services& s = c.services;
  const service::Principal& cli = c.actor;
  service::PlanDraft plan;
  plan.code = kPlanCode;
  plan.name = "集中开展六优行动，大力提升公共文明指数";
  plan.period = "2026H1";
  plan.phases = {{"PH1", "动员部署", "2026-01-01", "2026-01-31"},
                 {"PH2", "集中整治", "2026-02-01", "2026-04-30"},
                 {"PH3", "巩固提升", "2026-05-01", "2026-05-31"},
                 {"PH4", "迎检冲刺", "2026-06-01", "2026-06-30"}};
  for (const DemoAction& a : kActions) plan.actions.push_back({a.code, a.name, a.description, a.phases});
  s.plans.create(cli, plan);

  // The item 互贸区 will show as done but lagging: the first street with an item below 0.85.
  auto scored = s.evaluation.scores(cli, "2026H1");
  std::string lagging_street, lagging_item;
  std::vector<Unit> hm_streets;
  std::vector<Unit> hm_departments;
  for (const Unit& u : s.units.children(cli, kHuimaoCode)) {
    if (u.type == UnitType::department) hm_departments.push_back(u);
    if (u.type == UnitType::street) hm_streets.push_back(u);
  }
  for (const Unit& street : hm_streets) {
    auto it = scored->unit_index.find(street.code);
    if (it == scored->unit_index.end()) continue;
    auto weak = scoring::weak_items(*scored->scores, it->second, service::kLaggingThreshold);
    if (weak.empty()) continue;
    lagging_street = street.code;
    lagging_item = scored->dataset.items[weak.front().item].code;
    break;
  }

  const int demo_day = day(kDemoPlanDate);
  auto report = [&](const std::string& task, double progress, const std::string& note) {
    auto d = s.tasks.report(cli, task, {progress, note, {}, {}}, std::nullopt);
    s.tasks.approve(cli, task, d.reports.back().id, std::nullopt);
  };
  // Progress a leaf of `unit` reports by the demo date: its pace times what is expected, a little noise,
  // in steps of 5%.
  auto progress_for = [&](const std::string& unit, const std::string& start, const std::string& due) {
    double e = expected_leaf_progress(day(start), day(due), demo_day);
    double p = e * pace_of(unit) + (static_cast<double>(c.random.between(-5, 5)) / 100.0) * (e > 0 ? 1 : 0);
    return std::clamp(std::round(p * 20) / 20, 0.0, 1.0);
  };

  int tasks = 0;
  for (const Unit& district : s.units.children(cli, kDemoCityCode)) {
    if (district.type != UnitType::district) continue;
    bool huimao = district.code == kHuimaoCode;
    for (const DemoAction& a : kActions) {
      service::TaskDraft t;
      t.code = std::string("LY-") + district.code + "-" + a.code;
      t.title = district.name + "·" + a.name + "专项行动";
      t.action = a.code;
      t.owner = district.code;
      t.start = a.start;
      t.due = a.due;
      t.deliverable = "专项行动方案、工作台账";
      t.evidence_required = "整治前后对比照片、会议纪要";
      s.tasks.create(cli, kPlanCode, t);
      ++tasks;
      if (!huimao) {
        if (double p = progress_for(district.code, a.start, a.due); p > 0) report(t.code, p, "阶段进展");
        continue;
      }
      // 互贸区: one child per street; the streets split again for their communities, except 优效组织.
      std::vector<service::TaskDraft> streets;
      for (const Unit& street : hm_streets) {
        service::TaskDraft child;
        child.code = t.code + "-" + street.code.substr(street.code.rfind('-') + 1);
        child.title = street.name + "·" + a.name;
        child.owner = street.code;
        child.weight = 1;
        if (std::string(a.code) == "YXZZ" && street.code == lagging_street) child.items = {lagging_item};
        streets.push_back(child);
      }
      // The department of the action's line of work, after the streets (its progress needs no noise: the
      // random draws of the streets stay as they were).
      std::optional<Unit> department;
      for (const Unit& u : hm_departments) {
        if (u.code.ends_with(std::string("-") + department_of_action(a.code))) department = u;
      }
      if (department) {
        service::TaskDraft child;
        child.code = t.code + "-" + department_of_action(a.code);
        child.title = department->name + "·" + a.name;
        child.owner = department->code;
        child.weight = 1;
        streets.push_back(child);
      }
      s.tasks.split(cli, t.code, streets, std::nullopt);
      tasks += static_cast<int>(streets.size());
      if (department) {
        double e = expected_leaf_progress(day(a.start), day(a.due), demo_day);
        double p = std::clamp(std::round(e * pace_of(department->code) * 20) / 20, 0.0, 1.0);
        if (p > 0) report(streets.back().code, p, "牵头部门推进");
      }
      for (size_t k = 0; k < hm_streets.size(); ++k) {
        const Unit& street = hm_streets[k];
        const std::string& code = streets[k].code;
        if (std::string(a.code) == "YXZZ") {
          report(code, street.code == lagging_street ? 1.0 : progress_for(street.code, a.start, a.due),
                 "机制建立");
          continue;
        }
        std::vector<service::TaskDraft> communities;
        for (const Unit& community : s.units.children(cli, street.code)) {
          if (community.type != UnitType::community) continue;
          service::TaskDraft leaf;
          leaf.code = code + "-" + community.code.substr(community.code.rfind('-') + 1);
          leaf.title = community.name + "·" + a.name;
          leaf.owner = community.code;
          leaf.weight = static_cast<double>(c.random.between(1, 3));
          communities.push_back(leaf);
        }
        if (communities.empty()) continue;
        s.tasks.split(cli, code, communities, std::nullopt);
        tasks += static_cast<int>(communities.size());
        for (const auto& leaf : communities) {
          if (double p = progress_for(street.code, a.start, a.due); p > 0)
            report(leaf.code, p, "社区自查整改");
        }
      }
    }
  }
  // For the task pages: a report waiting for the street's approval, and one the street rejected.
  if (!hm_streets.empty()) {
    std::string street = hm_streets.front().code.substr(hm_streets.front().code.rfind('-') + 1);
    std::string base = std::string("LY-") + kHuimaoCode + "-YMHJ-" + street;
    auto pending = s.tasks.get(cli, base);
    if (pending.children.size() >= 2) {
      s.tasks.report(cli, pending.children[0].task.code, {1.0, "背街小巷整治完成，附整治前后照片", {}, {}},
                     std::nullopt);
      auto rejected =
          s.tasks.report(cli, pending.children[1].task.code, {0.9, "基本完成", {}, {}}, std::nullopt);
      s.tasks.reject(cli, pending.children[1].task.code, rejected.reports.back().id,
                     "缺少整治前后对比照片，请补充", std::nullopt);
    }
  }
  c.out << "  plan " << kPlanCode << ": " << tasks << " tasks; demo date " << kDemoPlanDate;
  if (!lagging_item.empty()) c.out << "; done but lagging: " << lagging_item << " at " << lagging_street;
  c.out << "\n";
}

}  // namespace civic::demo
