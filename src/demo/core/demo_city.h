// The demo city (青川市) that `civic init --demo` builds: deterministic (a fixed seed, so two builds give the
// same codes, names and numbers), built as a sequence of named steps over the services. Each step sees what
// the earlier ones made through the database. Later features append their steps (framework, sites,
// inspections, cases, plans) to demo_steps() in demo_city.cc: one line each, e.g. {"sites",
// build_demo_sites}.
#pragma once

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "service/core/principal.h"
#include "service/core/services.h"

namespace civic::demo {

// A small deterministic generator (SplitMix64): the same seed gives the same sequence on every platform,
// which std::uniform_int_distribution does not promise.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [lo, hi].
  long long between(long long lo, long long hi);

 private:
  std::uint64_t state_;
};

struct DemoContext {
  service::Services& services;
  service::Principal actor;  // Principal::cli(): demo changes are audited as the command line
  DemoRandom random;
  std::ostream& out;  // progress and the printed demo accounts
};

struct DemoStep {
  std::string name;
  std::function<void(DemoContext&)> run;
};

inline constexpr std::uint64_t kDemoSeed = 20260101;
inline constexpr const char* kDemoPassword = "Civic@2026";
inline constexpr const char* kDemoCityCode = "QC";
inline constexpr const char* kHuimaoCode = "HM";

// Demo step "bulletins" (last, demo_bulletins.cc): the published bulletin of round 2026H1-03 and a weekly
// draft for 互贸区 (2026H2).
void build_demo_bulletins(DemoContext& context);

// Step "volunteers" (after "plans", participation/demo_volunteers.cc): about 3,000 confirmed volunteers in
// the communities (one roster), 3 public registrations pending in 海关社区, and 海关社区志愿服务队.
void build_demo_volunteers(DemoContext& context);

// Step "activities" (after "volunteers", participation/demo_activities.cc): each district's
// 新时代文明实践中心, 所 and 站; 400 activities in 2026H1 with their volunteers' approved service records
// (the last two weeks' pending), one volunteer per star level in every district; kDemoOpenActivity in 2026H2,
// open for sign-up.
inline constexpr const char* kDemoOpenActivity = "A20260401";
void build_demo_activities(DemoContext& context);

// Step "selections" (after "activities", participation/demo_selections.cc): the panel's accounts pingshen1…3
// (评审专家 at 文明办, who may score every candidate), the 2026 文明家庭 selection kDemoFamilySelection in
// public notice with one open objection, and the 2025 文明单位 selection kDemoUnitSelection finished: its
// titles named and on the honour roll.
inline constexpr const char* kDemoFamilySelection = "SEL2026WMJT";
inline constexpr const char* kDemoUnitSelection = "SEL2025WMDW";
void build_demo_selections(DemoContext& context);

// Step "leadership" (appended last, organisation/demo_leadership.cc): 互贸区's 创建全国文明城市领导小组 in
// two versions (notices of 2026-01 and 2026-07), its 精神文明建设指导委员会, and each district's first
// responsible person and liaison officer (互贸区's liaison replaced on 2026-07-01).
void build_demo_leadership(DemoContext& context);

// Every step, in order.
std::vector<DemoStep> demo_steps();

// Runs every step on an empty, migrated database. Throws Conflict if the database already has units.
void build_demo_city(service::Services& services, std::ostream& out, std::uint64_t seed = kDemoSeed);

// Step 1: the unit tree: 青川市, 6 districts (one is 互贸区 with the units its half-year summary names),
// 40 streets, about 200 communities, 30 city departments.
void build_demo_units(DemoContext& context);
// Step 2: one demo account per role (admin, security, auditor, office, leader, huimao, jiedao,
// inspector1…inspector5) and tongji, the 统计局 (QC-TJJ) officer who reports its statistics, all with
// kDemoPassword, printed to `out`.
void build_demo_users(DemoContext& context);
// Step 3: the default framework, periods 2026H1 and 2026H2, sites of every type and the evidence of both
// periods; districts differ (互贸区 mid-table, 南湖区 weak in 安居乐业的生活环境).
void build_demo_evaluation(DemoContext& context);
// Step "materials" (right after evaluation, demo_materials.cc): 2026H2 material submissions through the
// workflow — graded A/B/C (one regraded: two grades in its history), submitted awaiting a grade, sent back
// with a reason (补充材料) — for a handful of items; the other units stay missing on the status board.
void build_demo_materials(DemoContext& context);

// Step "questionnaires" (right after evaluation, demo_questionnaires.cc): 创文知晓率 CW-ZXL, 创文支持率
// CW-ZCL and 市民满意度 CW-MYD published over the city for 2026H2, about 5,000 answers (quotas partly filled,
// flagged and over-quota ones, reviews, inspector1's interviews and assignments); their counted answers are
// 2026H2's evidence for the survey items whose questions they ask (demo_questionnaire_question), which the
// evaluation step therefore leaves out of its 2026H2 import.
void build_demo_questionnaires(DemoContext& context);
bool demo_questionnaire_question(const std::string& question);

// Names the demo periods (2026 年上半年 / 下半年; both stay open) and opens the framework draft "2027
// 修订草案" from version 1 with one item's points moved to another, so that the framework editor has a draft
// to show.
void build_demo_framework_draft(DemoContext& context);
// Step "plans" (demo_plans.cc): the 2026H1 work plan 六优行动 with four phases and six actions, tasks for
// every district and, in 互贸区, split down to streets and communities; progress as of kDemoPlanDate.
inline constexpr const char* kDemoPlanDate = "2026-04-15";
void build_demo_plans(DemoContext& context);
// Step "rounds" (right after evaluation): three completed 2026H1 inspection rounds answered by the demo's
// inspections (inspector1…inspector5) and one open 2026H2 round; its 互贸区 sites are inspector1's to do.
void build_demo_rounds(DemoContext& context);
// Step "sites" (after evaluation): sites added until the city has about 2,000, over every street, community
// and framework site type, near their district's sites, with grid cells; no inspections, so scores stay.
void build_demo_sites(DemoContext& context);
// Step "cases": about 2,000 cases from the 2026H1 inspections' failed checks plus recent public, hotline and
// inspection cases, through the whole lifecycle (every state appears); 高新区/东城区 fast, 南湖区 slow and
// often overdue (black list), 互贸区 middling (demo_cases.cc).
void build_demo_cases(DemoContext& context);
// Step "self-inspections" (after cases): 互贸区's finished self-inspection of the running period,
// over-optimistic on A5 items, and two districts' in progress (demo_self_inspection.cc).
void build_demo_self_inspections(DemoContext& context);

// Last step "reports": 互贸区's 2026H1 work summary published (the archive) and its 2026H2 summary as a draft
// (src/demo/reports/demo_reports.cc).
void build_demo_reports(DemoContext& context);

}  // namespace civic::demo
