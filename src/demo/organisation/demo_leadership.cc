// Demo step "leadership" (demo_city.h): 互贸区's 创建全国文明城市领导小组 in two versions — formed by the
// January 2026 notice and re-formed on 2026-07-01 after the district's leadership changed (the half-year
// summary opens with the two notices adjusting the 指导委员会 and the 领导小组) — its 精神文明建设指导委员会
// in one version, and a first responsible person (第一责任人) and a liaison officer (联络员) for every
// district, 互贸区's liaison replaced on 2026-07-01 so that its history has two holders. Person names are
// made up; positions are those such notices name.
#include <cstdio>

#include "demo/core/demo_city.h"

namespace civic::demo {

namespace {

using Members = std::vector<LeadershipMemberInput>;

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"};
const char* const kGiven[] = {"建华", "志强", "晓东", "海燕", "国平", "立新", "春梅", "文斌", "红霞", "振宇"};

template <size_t N>
const char* pick(DemoRandom& r, const char* const (&list)[N]) {
  return list[static_cast<size_t>(r.between(0, static_cast<long long>(N) - 1))];
}

std::string person(DemoRandom& r) {
  return std::string(pick(r, kSurnames)) + pick(r, kGiven);
}

std::string phone(DemoRandom& r) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "139%08lld", r.between(0, 99999999));
  return buf;
}

Members huimao_group_2026_01() {
  return {{"王国栋", "区党委书记", "组长", "全面负责创建工作"},
          {"李振华", "区管委会主任", "副组长", "协助组长，分管城市管理"},
          {"赵红梅", "区党委副书记", "副组长", ""},
          {"陈立新", "党委工作部部长", "办公室主任", "负责领导小组办公室日常工作"},
          {"周海燕", "市场管理处处长", "成员", ""},
          {"孙文斌", "市场管理处党总支书记", "成员", ""},
          {"吴晓东", "海关街道办事处主任", "成员", ""},
          {"郑春梅", "商贸街道办事处主任", "成员", ""}};
}

// Re-formed after the changes in the district's leadership: a new 组长 and 办公室主任, one member more.
Members huimao_group_2026_07() {
  return {{"刘建华", "区党委书记", "组长", "全面负责创建工作"},
          {"李振华", "区管委会主任", "副组长", "协助组长，分管城市管理"},
          {"赵红梅", "区党委副书记", "副组长", ""},
          {"黄振宇", "党委工作部部长", "办公室主任", "负责领导小组办公室日常工作"},
          {"周海燕", "市场管理处处长", "成员", ""},
          {"孙文斌", "市场管理处党总支书记", "成员", ""},
          {"吴晓东", "海关街道办事处主任", "成员", ""},
          {"郑春梅", "商贸街道办事处主任", "成员", ""},
          {"杨国平", "城市管理局局长", "成员", ""}};
}

Members huimao_committee() {
  return {{"王国栋", "区党委书记", "组长", "主任委员"},
          {"李振华", "区管委会主任", "副组长", "副主任委员"},
          {"陈立新", "党委工作部部长", "办公室主任", "指导委员会办公室主任"},
          {"周海燕", "市场管理处处长", "成员", ""},
          {"徐志强", "区教育局局长", "成员", ""}};
}

}  // namespace

void build_demo_leadership(DemoContext& c) {
  auto& s = c.services;
  const service::Principal& cli = c.actor;
  // Its own generator: adding this step leaves the sequence the later steps draw from unchanged.
  DemoRandom random(kDemoSeed + 19);

  const std::string title = "关于调整互贸区创建全国文明城市领导小组的通知";
  service::LeadershipGroupInput group{
      std::string(kHuimaoCode) + "-CWLDXZ",
      "领导小组",
      "互贸区创建全国文明城市领导小组",
      {"2026-01-10", {"互党发〔2026〕2号", title, ""}, huimao_group_2026_01()}};
  s.leadership.create_group(cli, kHuimaoCode, group);
  s.leadership.reform(cli, group.code,
                      {"2026-07-01", {"互党发〔2026〕27号", title, ""}, huimao_group_2026_07()});
  s.leadership.create_group(cli, kHuimaoCode,
                            {std::string(kHuimaoCode) + "-JWZWH",
                             "指导委员会",
                             "互贸区精神文明建设指导委员会",
                             {"2026-01-10",
                              {"互党发〔2026〕1号", "关于调整互贸区精神文明建设指导委员会组成的通知", ""},
                              huimao_committee()}});

  for (const Unit& district : s.units.children(cli, kDemoCityCode)) {
    if (district.type != UnitType::district) continue;
    bool huimao = district.code == kHuimaoCode;
    s.leadership.set_responsible(cli, district.code,
                                 {"first_responsible", huimao ? "刘建华" : person(random),
                                  huimao ? "区党委书记" : "区委书记", phone(random), "2026-01-01"});
    s.leadership.set_responsible(cli, district.code,
                                 {"liaison", huimao ? "陈立新" : person(random),
                                  huimao ? "党委工作部部长" : "区文明办主任", phone(random), "2026-01-01"});
    if (huimao)
      s.leadership.set_responsible(cli, district.code,
                                   {"liaison", "黄振宇", "党委工作部部长", phone(random), "2026-07-01"});
  }
}

}  // namespace civic::demo
