// Demo step "volunteers" (demo_city.h): about 3,000 confirmed volunteers across the communities of every
// district — entered as one roster (VolunteerService::enter_many: sealed, one transaction, one audit record)
// — a few public registrations in 互贸区's 海关社区 still pending its confirmation, and 海关社区志愿服务队
// with members. Names, phones and ID numbers are made up but valid in form (the check character computed), so
// the registry's masks, reveal and duplicate checks behave as with real ones. Volunteer codes are random by
// design (the public gets theirs back; they are not guessable in sequence), so they differ between two demo
// builds.
#include <cstdio>

#include "demo/core/demo_city.h"
#include "domain/participation/volunteer.h"

namespace civic::demo {

namespace {

const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                 "马", "朱", "胡", "郭", "何", "林", "罗", "高", "郑", "梁", "谢", "宋"};
const char* const kGiven[] = {"伟",   "芳",   "娜",   "敏",   "静",   "丽",   "强",   "磊",
                              "军",   "洋",   "勇",   "艳",   "杰",   "娟",   "涛",   "明",
                              "超",   "秀英", "霞",   "平",   "刚",   "桂英", "文",   "华",
                              "建国", "晓燕", "子涵", "浩然", "欣怡", "宇轩", "思远", "雨桐"};
const char* const kSkills[] = {"文明劝导", "环境保洁", "交通引导", "助老服务",     "法律咨询", "医疗救护",
                               "心理疏导", "文艺演出", "摄影宣传", "垃圾分类指导", "应急救援", "课业辅导"};
const char* const kAvailability[] = {"工作日白天", "工作日晚上", "周末", "节假日", "随时"};

// 6-digit region codes of the made-up city's districts (the first digits of a resident ID number).
const char* const kRegions[] = {"330102", "330105", "330106", "330108", "330109", "330110"};

template <size_t N>
const char* pick(DemoRandom& r, const char* const (&list)[N]) {
  return list[static_cast<size_t>(r.between(0, static_cast<long long>(N) - 1))];
}

std::string id_number(DemoRandom& r, long long serial) {
  char first17[18];
  // The day and the sequence number come from the serial, so no two demo volunteers share an ID number.
  std::snprintf(first17, sizeof first17, "%s%04lld%02lld%02lld%03lld", pick(r, kRegions),
                r.between(1950, 2006), r.between(1, 12), 1 + (serial / 1000) % 28, serial % 1000);
  std::string id(first17, 17);
  id += id_number_check_character(id);
  return id;
}

std::string phone(DemoRandom& r) {
  static const char* const kPrefixes[] = {"135", "136", "138", "139", "150",
                                          "151", "158", "186", "187", "189"};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%08lld", pick(r, kPrefixes), r.between(0, 99999999));
  return buf;
}

service::VolunteerInput person(DemoRandom& r, const std::string& community, long long serial) {
  service::VolunteerInput in;
  in.name = std::string(pick(r, kSurnames)) + pick(r, kGiven) + (r.between(0, 2) == 0 ? "" : pick(r, kGiven));
  in.phone = phone(r);
  in.id_number = id_number(r, serial);
  in.unit = community;
  for (long long k = r.between(1, 3); k > 0; --k) {
    std::string skill = pick(r, kSkills);
    bool again = false;
    for (const auto& s : in.skills) again = again || s == skill;
    if (!again) in.skills.push_back(skill);
  }
  in.availability = pick(r, kAvailability);
  return in;
}

}  // namespace

void build_demo_volunteers(DemoContext& c) {
  auto& s = c.services;
  const service::Principal& cli = c.actor;
  // Its own generator: adding this step leaves the sequence the later steps (cases …) draw from unchanged.
  DemoRandom random(kDemoSeed + 16);
  std::vector<service::VolunteerInput> roster;
  std::string haiguan;
  long long serial = 0;
  for (const Unit& district : s.units.children(cli, kDemoCityCode)) {
    if (district.type != UnitType::district) continue;
    for (const Unit& street : s.units.children(cli, district.code)) {
      for (const Unit& community : s.units.children(cli, street.code)) {
        if (community.type != UnitType::community) continue;
        if (community.name == "海关社区") haiguan = community.code;
        long long n = random.between(9, 21);
        if (community.name == "海关社区") n = 24;  // the seed's community: enough for its team of fifteen
        for (; n > 0; --n) roster.push_back(person(random, community.code, ++serial));
      }
    }
  }
  std::vector<std::string> codes = s.volunteers.enter_many(cli, roster);

  // 海关社区: its team of the first fifteen of its volunteers, and three registrations from the public page
  // waiting for the community's confirmation.
  int members = 0, pending = 0;
  if (!haiguan.empty()) {
    auto team = s.volunteers.create_team(cli, {"", "海关社区志愿服务队", haiguan});
    for (size_t i = 0; i < roster.size() && members < 15; ++i) {
      if (roster[i].unit != haiguan) continue;
      s.volunteers.add_member(cli, team.code, codes[i]);
      ++members;
    }
    for (; pending < 3; ++pending) s.volunteers.register_public(person(random, haiguan, ++serial));
  }
  c.out << "  volunteers: " << codes.size() << " confirmed in the communities, " << pending
        << " pending in 海关社区 (" << haiguan << "), team 海关社区志愿服务队 with " << members
        << " members\n";
}

}  // namespace civic::demo
