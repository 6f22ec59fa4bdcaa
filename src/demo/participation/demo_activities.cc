// Demo step "activities" (demo_city.h): each district's 新时代文明实践中心 with a 所 at its first street and
// a 站 at that street's first community; 400 activities in 2026H1 organised by the streets and communities
// (and 互贸区's 群工部 and 社发局), some at a station, with the attendance of the demo's confirmed volunteers
// entered as sheets (ActivityService::enter_attendance: one transaction, one audit record each) — approved,
// except the last two weeks' (the organisers have not approved them yet); and one 2026H2 activity at
// 海关社区's station still open for sign-up (kDemoOpenActivity), for trying the public sign-up and QR
// check-in.
//   Star volunteers: every district's 站 holds a weekly 驻站志愿服务周 (Monday 08:00 to Friday 18:00, 106 h)
// in the first 16 weeks of the year; five volunteers of the station's street serve whole weeks — 1, 3, 6, 10
// and 15 of them — so that each district has one volunteer at each star level (★ 100 … ★★★★★ 1,500 hours),
// while the other volunteers of a week serve one day. Activity codes are A2026 and a serial, so two demo
// builds give the same codes (volunteer codes stay random, volunteers.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "demo/core/demo_city.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/units/unit.h"
#include "store/participation/volunteer_repository.h"

namespace civic::demo {

namespace {

constexpr TimeMs kMinute = 60'000;
constexpr TimeMs kHour = 60 * kMinute;
constexpr int kActivities = 400;  // in 2026H1, the duty weeks among them
constexpr int kDutyWeeks = 16;
// Whole duty weeks the star volunteers of a district serve, one volunteer per star level.
constexpr int kStarWeeks[] = {1, 3, 6, 10, 15};
// The organisers approve a sheet within two weeks: activities from this day on are still pending.
constexpr const char* kPendingFrom = "2026-06-15";

struct Template {
  const char* type;
  const char* titles[6];
};

const Template kTemplates[] = {
    {"志愿服务",
     {"关爱空巢老人志愿服务", "“学雷锋”志愿服务日", "文明交通劝导", "义诊进社区", "爱心义剪",
      "助残志愿服务"}},
    {"宣传",
     {"创文知识宣传", "垃圾分类宣传", "文明养犬宣传", "反诈宣传进社区", "“光盘行动”宣传", "移风易俗宣传"}},
    {"文体", {"邻里文化节", "广场舞展演", "全民健身健步走", "书画作品展", "少儿经典诵读会", "戏曲进社区"}},
    {"环境整治",
     {"背街小巷清洁行动", "楼道堆物清理", "小广告清理", "绿地捡拾垃圾", "共享单车规范停放整理",
      "农贸市场周边整治"}},
    {"文明实践",
     {"理论宣讲进社区", "新时代文明实践讲堂", "家风家训分享会", "道德模范事迹宣讲", "科普讲座",
      "心理健康讲座"}},
};
// Weights of the templates' types (志愿服务 most often).
const int kTypeWeights[] = {30, 20, 15, 20, 15};

const char* const kPlaces[] = {"党群服务中心", "社区广场",     "文化活动室",
                               "辖区主干道",   "小区中心花园", "新时代文明实践站"};

struct Station {
  std::string code, name, level;
  std::string unit;
  double latitude = 0, longitude = 0;
};

struct District {
  Unit unit;
  std::vector<Unit> streets, communities;  // communities of every street
  std::vector<Unit> departments;           // 互贸区's 群工部 and 社发局
  Station center, institute, station;
  int regular = 0;   // regular activities to hold
  int practice = 0;  // 文明实践 activities so far: they take the center, the 所 and the 站 in turn
};

const Template& pick_template(DemoRandom& r) {
  long long x = r.between(1, 100);
  for (size_t i = 0; i < std::size(kTemplates); ++i) {
    x -= kTypeWeights[i];
    if (x <= 0) return kTemplates[i];
  }
  return kTemplates[0];
}

double rounded(double v) {
  return static_cast<double>(static_cast<long long>(v * 1e5 + (v >= 0 ? 0.5 : -0.5))) / 1e5;
}

class ActivityBuilder {
 public:
  explicit ActivityBuilder(DemoContext& c) : c_(c), random_(kDemoSeed + 17) {}

  void build() {
    load_units();
    load_volunteers();
    make_stations();
    plan_regular_activities();
    int serial = 0;
    for (size_t d = 0; d < districts_.size(); ++d) {
      duty_weeks(districts_[d], serial);
      for (int k = 0; k < districts_[d].regular; ++k) regular_activity(districts_[d], serial);
    }
    auto& activities = c_.services.activities;
    activities.create_many(c_.actor, planned_);
    long long approved = activities.enter_attendance(c_.actor, approved_, true);
    long long pending = activities.enter_attendance(c_.actor, pending_, false);
    std::string open = open_activity(++serial);
    c_.out << "  activities: " << serial - 1 << " in 2026H1 (" << approved << " approved and " << pending
           << " pending service records), " << stations_ << " practice stations, " << open
           << " open for sign-up in 2026H2\n";
  }

 private:
  void load_units() {
    auto& units = c_.services.units;
    for (const Unit& d : units.children(c_.actor, kDemoCityCode)) {
      if (d.type != UnitType::district) continue;
      District district;
      district.unit = d;
      for (const Unit& u : units.children(c_.actor, d.code)) {
        if (u.type == UnitType::street) {
          district.streets.push_back(u);
          for (const Unit& k : units.children(c_.actor, u.code))
            if (k.type == UnitType::community) district.communities.push_back(k);
        } else if (u.type == UnitType::department && (u.name == "群工部" || u.name == "社发局")) {
          district.departments.push_back(u);
        }
      }
      if (!district.streets.empty() && !district.communities.empty())
        districts_.push_back(std::move(district));
    }
  }

  // The confirmed volunteers by community, in the order they were entered (their codes are random).
  void load_volunteers() {
    std::vector<store::VolunteerRow> rows;
    {
      auto lease = c_.services.db.lease();
      rows = store::VolunteerRepository(*lease).list();
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    for (const auto& v : rows)
      if (v.state == "confirmed") by_community_[v.unit_code].push_back(v.code);
  }

  // The volunteers of a unit's communities (a community: its own; a street or district: all below it).
  std::vector<std::string> volunteers_of(const District& d, const Unit& unit) const {
    std::vector<std::string> out;
    for (const Unit& k : d.communities) {
      if (!path_in_scope(unit.path, k.path)) continue;
      auto it = by_community_.find(k.code);
      if (it != by_community_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    }
    return out;
  }

  void make_stations() {
    auto& activities = c_.services.activities;
    for (size_t i = 0; i < districts_.size(); ++i) {
      District& d = districts_[i];
      const Unit& street = d.streets.front();
      const Unit* community = &d.communities.front();
      for (const Unit& k : d.communities)
        if (path_in_scope(street.path, k.path)) {
          community = &k;
          break;
        }
      // Districts sit around the centre of 青川市 (as their sites do, demo_evaluation.cc).
      double angle = static_cast<double>(i) * 1.0472;
      double lat = 45.760 + 0.045 * std::sin(angle), lng = 126.630 + 0.060 * std::cos(angle);
      d.center = {d.unit.code + "-XSZX", d.unit.name + "新时代文明实践中心", "center", d.unit.code, lat, lng};
      d.institute = {street.code + "-XSS", street.name + "新时代文明实践所",
                     "institute",          street.code,
                     lat + 0.006,          lng - 0.008};
      d.station = {community->code + "-XSZ",
                   community->name + "新时代文明实践站",
                   "station",
                   community->code,
                   lat + 0.009,
                   lng - 0.004};
      for (const Station* s : {&d.center, &d.institute, &d.station}) {
        service::PracticeStationInput in;
        in.code = s->code;
        in.name = s->name;
        in.level = s->level;
        in.unit = s->unit;
        in.address = s->name;
        in.latitude = rounded(s->latitude);
        in.longitude = rounded(s->longitude);
        activities.create_station(c_.actor, in);
        ++stations_;
      }
    }
  }

  // The regular activities (every one but the duty weeks) spread over the districts by their communities.
  void plan_regular_activities() {
    int regular = kActivities - kDutyWeeks * static_cast<int>(districts_.size());
    size_t communities = 0;
    for (const auto& d : districts_) communities += d.communities.size();
    int planned = 0;
    for (auto& d : districts_) {
      d.regular = static_cast<int>(regular * static_cast<long long>(d.communities.size()) /
                                   static_cast<long long>(communities));
      planned += d.regular;
    }
    for (size_t i = 0; planned < regular; ++i, ++planned) ++districts_[i % districts_.size()].regular;
  }

  static std::string code_of(int serial) {
    std::string n = std::to_string(serial);
    return "A2026" + std::string(4 - std::min<size_t>(4, n.size()), '0') + n;
  }

  // The activity numbered `serial`, to create.
  service::ActivityInput activity(int serial, const Unit& organiser, const std::string& type,
                                  const std::string& title, TimeMs starts, TimeMs ends,
                                  const Station* station, long long capacity, long long participants,
                                  const std::string& place) {
    service::ActivityInput in;
    in.code = code_of(serial);
    in.unit = organiser.code;
    in.type = type;
    in.title = title;
    in.starts_at = starts;
    in.ends_at = ends;
    in.place = station ? station->name : place;
    if (station) {
      in.station = station->code;
      in.latitude = rounded(station->latitude);
      in.longitude = rounded(station->longitude);
    }
    in.capacity = capacity;
    in.participants_count = participants;
    in.description = organiser.name + "组织，面向辖区居民。";
    return in;
  }

  std::string plan(service::ActivityInput in) {
    planned_.push_back(std::move(in));
    return planned_.back().code;
  }

  void attend(const std::string& activity, const std::string& volunteer, TimeMs in, TimeMs out,
              TimeMs starts) {
    static const TimeMs pending_from = start_of_day(*parse_iso_date(kPendingFrom));
    service::AttendanceEntry e{activity, volunteer, in, out, starts - random_.between(1, 10) * 24 * kHour};
    (starts >= pending_from ? pending_ : approved_).push_back(std::move(e));
  }

  // 16 weeks of 驻站志愿服务 at the district's 站: the star volunteers whole weeks, a few others one day.
  void duty_weeks(const District& d, int& serial) {
    const Unit* community = nullptr;
    for (const Unit& k : d.communities)
      if (k.code == d.station.unit) community = &k;
    const Unit* street = &d.streets.front();
    std::vector<std::string> stars = volunteers_of(d, *street);
    std::vector<std::string> helpers = volunteers_of(d, d.unit);
    if (stars.size() < std::size(kStarWeeks) || !community) return;
    int monday = day_number(*parse_iso_date("2026-01-05"));
    for (int w = 0; w < kDutyWeeks; ++w) {
      TimeMs starts = start_of_day(date_from_day_number(monday + 7 * w)) + 8 * kHour;
      TimeMs ends = starts + 4 * 24 * kHour + 10 * kHour;  // Friday 18:00
      std::vector<std::string> came;
      for (size_t s = 0; s < std::size(kStarWeeks); ++s)
        if (w < kStarWeeks[s]) came.push_back(stars[s]);
      const size_t whole_weeks = came.size();
      for (long long k = random_.between(2, 4); k > 0; --k) {
        const std::string& v =
            helpers[static_cast<size_t>(random_.between(0, static_cast<long long>(helpers.size()) - 1))];
        if (std::find(came.begin(), came.end(), v) == came.end()) came.push_back(v);
      }
      std::string code = plan(activity(++serial, *community, "文明实践",
                                       d.station.name + "驻站志愿服务周（第" + std::to_string(w + 1) + "周）",
                                       starts, ends, &d.station, 0, static_cast<long long>(came.size()), ""));
      for (size_t i = 0; i < came.size(); ++i) {
        if (i < whole_weeks) {
          attend(code, came[i], starts - random_.between(0, 15) * kMinute,
                 ends + random_.between(0, 20) * kMinute, starts);
        } else {
          TimeMs day = starts + random_.between(0, 4) * 24 * kHour + 30 * kMinute;
          attend(code, came[i], day, day + 8 * kHour, starts);
        }
      }
    }
  }

  void regular_activity(District& d, int& serial) {
    // Organiser: a community (6 in 10), a street (3 in 10), else 互贸区's 群工部 or 社发局 (where it has
    // them).
    long long who = random_.between(1, 10);
    const Unit* organiser;
    if (who <= 6 || (who == 10 && d.departments.empty()))
      organiser = &d.communities[static_cast<size_t>(
          random_.between(0, static_cast<long long>(d.communities.size()) - 1))];
    else if (who <= 9)
      organiser =
          &d.streets[static_cast<size_t>(random_.between(0, static_cast<long long>(d.streets.size()) - 1))];
    else
      organiser = &d.departments[static_cast<size_t>(
          random_.between(0, static_cast<long long>(d.departments.size()) - 1))];
    const Template& t = pick_template(random_);
    std::string title = (organiser->type == UnitType::department ? d.unit.name : std::string()) +
                        organiser->name + t.titles[random_.between(0, 5)];
    // A station's activity: 文明实践 ones always, others at the organiser's own station now and then.
    const Station* station = nullptr;
    if (std::string(t.type) == "文明实践") {
      const Station* options[] = {&d.center, &d.institute, &d.station};
      station = options[d.practice++ % 3];
    } else if (organiser->code == d.station.unit && random_.between(0, 1) == 0) {
      station = &d.station;
    } else if (organiser->code == d.institute.unit && random_.between(0, 1) == 0) {
      station = &d.institute;
    }
    // A day from 5 January to 27 June; mornings, afternoons or an evening; 2 to 4 hours.
    int first = day_number(*parse_iso_date("2026-01-05")), last = day_number(*parse_iso_date("2026-06-27"));
    CivilDate day = date_from_day_number(static_cast<int>(random_.between(first, last)));
    static const int kStarts[] = {8 * 60 + 30, 9 * 60, 14 * 60, 14 * 60 + 30, 19 * 60};
    static const int kLengths[] = {120, 150, 180, 240};
    TimeMs starts = start_of_day(day) + kStarts[random_.between(0, 4)] * kMinute;
    TimeMs ends = starts + kLengths[random_.between(0, 3)] * kMinute;
    // Volunteers of the organiser's area; a department's, of its district.
    const Unit& area = organiser->type == UnitType::department ? d.unit : *organiser;
    std::vector<std::string> pool = volunteers_of(d, area);
    if (pool.size() < 6) pool = volunteers_of(d, d.unit);
    size_t n = std::min(pool.size(), static_cast<size_t>(random_.between(6, 20)));
    std::vector<std::string> came;
    while (came.size() < n) {
      const std::string& v =
          pool[static_cast<size_t>(random_.between(0, static_cast<long long>(pool.size()) - 1))];
      if (std::find(came.begin(), came.end(), v) == came.end()) came.push_back(v);
    }
    long long capacity = random_.between(0, 2) == 0 ? 0 : static_cast<long long>((n / 10 + 1) * 10 + 10);
    long long residents = std::string(t.type) == "环境整治" ? 0 : random_.between(0, 60);
    std::string place =
        organiser->name + kPlaces[random_.between(0, static_cast<long long>(std::size(kPlaces)) - 2)];
    std::string code = plan(activity(++serial, *organiser, t.type, title, starts, ends, station, capacity,
                                     static_cast<long long>(n) + residents, place));
    for (const std::string& v : came) {
      TimeMs in = starts - random_.between(0, 15) * kMinute;
      TimeMs out = ends + random_.between(-20, 10) * kMinute;
      attend(code, v, in, out, starts);
    }
  }

  // 海关社区's (else the first district's) station: an activity in December 2026, a few of its volunteers
  // signed up, places left.
  std::string open_activity(int serial) {
    if (districts_.empty()) return "";
    const District* d = &districts_.front();
    for (const auto& x : districts_)
      if (x.unit.code == kHuimaoCode) d = &x;
    const Unit* community = nullptr;
    for (const Unit& k : d->communities)
      if (k.code == d->station.unit) community = &k;
    if (!community) return "";
    TimeMs starts = start_of_day(*parse_iso_date("2026-12-19")) + 9 * kHour;
    std::string code = c_.services.activities
                           .create(c_.actor, activity(serial, *community, "文明实践",
                                                      community->name + "“迎新春”写春联送福志愿服务", starts,
                                                      starts + 150 * kMinute, &d->station, 30, 0, ""))
                           .code;
    auto mine = by_community_.find(community->code);
    if (mine != by_community_.end()) {
      for (size_t i = 0; i < mine->second.size() && i < 5; ++i)
        c_.services.activities.sign_up(c_.actor, code, mine->second[i]);
    }
    return code;
  }

  DemoContext& c_;
  DemoRandom random_;  // its own: adding this step leaves the sequences of the other steps unchanged
  std::vector<District> districts_;
  std::map<std::string, std::vector<std::string>> by_community_;
  std::vector<service::ActivityInput> planned_;  // 2026H1's, created at once
  std::vector<service::AttendanceEntry> approved_, pending_;
  int stations_ = 0;
};

}  // namespace

void build_demo_activities(DemoContext& context) {
  ActivityBuilder(context).build();
}

}  // namespace civic::demo
