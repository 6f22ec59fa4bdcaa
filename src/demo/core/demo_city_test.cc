#include "demo/core/demo_city.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "bundle/framework_document.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/evaluation/framework.h"
#include "domain/participation/volunteer.h"
#include "service/evaluation/computed_statistics.h"
#include "store/core/store_test_backends.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/units/unit_repository.h"

namespace civic::demo {
namespace {

struct Snapshot {
  std::vector<std::string> lines;  // code, name, type, parent path depth, population per unit
  long long users = 0;
};

// 互贸区's 领导小组 in two versions (re-formed on 2026-07-01) and every district's first responsible person
// and liaison (demo_leadership.cc).
void expect_leadership(service::Services& services) {
  auto cli = service::Principal::cli();
  auto leader_on = [&](const std::string& date) {
    auto g = services.leadership.group(cli, "HM-CWLDXZ", date);
    return g.version ? g.version->members.at(0).name : std::string();
  };
  EXPECT_EQ(leader_on("2026-06-30"), "王国栋");
  EXPECT_EQ(leader_on("2026-07-01"), "刘建华");
  EXPECT_EQ(services.leadership.versions(cli, "HM-CWLDXZ").size(), 2u);
  EXPECT_EQ(services.leadership.groups(cli, "HM", "").size(), 2u);
  int districts = 0;
  for (const Unit& d : services.units.children(cli, kDemoCityCode)) {
    if (d.type != UnitType::district) continue;
    ++districts;
    auto r = services.leadership.responsible(cli, d.code);
    EXPECT_TRUE(r.first_responsible) << d.code;
    EXPECT_TRUE(r.liaison) << d.code;
    EXPECT_EQ(r.history.size(), d.code == "HM" ? 3u : 2u) << d.code;
  }
  EXPECT_EQ(districts, 6);
}

Snapshot build(store::Dialect dialect) {
  store::TestDatabase t(dialect);
  ManualClock clock(1780000000000);
  service::Services services(t.db(), clock);
  std::ostringstream out;
  build_demo_city(services, out);
  EXPECT_NE(out.str().find(kDemoPassword), std::string::npos);
  EXPECT_THROW(build_demo_city(services, out), Conflict);
  expect_leadership(services);
  Snapshot s;
  auto l = t.db().lease();
  store::UnitRepository units(*l);
  for (const Unit& u : units.subtree(units.root()->path)) {
    s.lines.push_back(u.code + "|" + u.name + "|" + u.name_en + "|" + unit_type_name(u.type) + "|" +
                      std::to_string(u.population));
  }
  *l << "SELECT COUNT(*) FROM users", soci::into(s.users);
  return s;
}

// 2026H2's materials went through the workflow (demo_materials.cc): graded (one regraded, two grades in its
// history), awaiting a grade, sent back with a reason; each with a stored PDF; units with nothing submitted
// remain, and the board lists the city and its districts, never a department.
void expect_running_period_materials(service::Services& services) {
  auto cli = service::Principal::cli();
  auto in_state = [&](const std::string& state) {
    service::MaterialFilter f;
    f.period = "2026H2";
    f.state = state;
    f.page_size = 500;
    return services.materials.list(cli, f);
  };
  EXPECT_EQ(in_state("submitted").total, 3);
  auto returned = in_state("returned");
  ASSERT_EQ(returned.total, 2);
  for (const auto& m : returned.items) EXPECT_FALSE(m.return_reason.empty()) << m.id;
  int workflow_graded = 0, regraded = 0;
  for (const auto& m : in_state("graded").items) {
    if (m.description == "bundle import") continue;
    ++workflow_graded;
    auto detail = services.materials.get(cli, m.id);
    if (detail.grades.size() == 2) {
      ++regraded;
      EXPECT_EQ(detail.grades[0].grade, "C");
      EXPECT_EQ(detail.grades[1].grade, "B");
      EXPECT_EQ(detail.grade, "B");
    }
    ASSERT_EQ(detail.files.size(), 1u);
    EXPECT_EQ(services.photos.get(cli, detail.files[0]).mime, "application/pdf");
  }
  EXPECT_EQ(workflow_graded, 4);
  EXPECT_EQ(regraded, 1);
  size_t missing = 0;
  for (const auto& row : services.materials.status(cli, "2026H2")) {
    missing += row.missing.size();
    EXPECT_EQ(row.must.size(), 7u) << row.item;  // the city and its six districts
  }
  EXPECT_GT(missing, 0u);
}

// Participation (demo_activities.cc, demo_selections.cc): 400 activities in 2026H1 with approved records and
// some pending, a 中心, 所 and 站 in every district, volunteers at every star level, an activity open for
// sign-up in 2026H2 that a volunteer's phone can use; the 文明家庭 selection in notice with one open
// objection that blocks its candidate's approval; the 文明单位 selection finished in 2025, on the honour
// roll; and the computed metrics made from these data.
void expect_participation(service::Services& services, store::TestDatabase& t) {
  auto cli = service::Principal::cli();
  auto office = services.auth.login("office", kDemoPassword, "127.0.0.1").principal;
  service::ActivityFilter h1;
  h1.period = "2026H1";
  auto activities = services.activities.export_list(office, h1);
  EXPECT_GE(activities.size(), 380u);
  EXPECT_LE(activities.size(), 420u);
  std::set<std::string> organisers, types;
  int at_station = 0;
  for (const auto& a : activities) {
    organisers.insert(a.unit);
    types.insert(a.type);
    at_station += a.station.empty() ? 0 : 1;
  }
  EXPECT_GT(organisers.size(), 100u);
  EXPECT_EQ(types, (std::set<std::string>{"志愿服务", "宣传", "文体", "环境整治", "文明实践"}));
  EXPECT_GT(at_station, 96);  // the duty weeks and more
  {
    auto l = t.db().lease();
    long long approved = 0, pending = 0, signups = 0;
    *l << "SELECT COUNT(*) FROM service_records WHERE state = 'approved' AND latest = 1",
        soci::into(approved);
    *l << "SELECT COUNT(*) FROM service_records WHERE state = 'pending'", soci::into(pending);
    *l << "SELECT COUNT(*) FROM activity_signups", soci::into(signups);
    EXPECT_GT(approved, 3000);
    EXPECT_GT(pending, 50);
    EXPECT_GE(signups, approved + pending);
  }

  // Stations: in every district one center at the district, one 所 at a street, one 站 at a community, each
  // with activities in 2026H1.
  std::map<std::string, std::vector<std::string>> levels;  // district → levels
  for (const auto& st : services.activities.stations(office, "", "2026H1")) {
    Unit unit = services.units.get(cli, st.unit);
    std::string district = unit.code.substr(0, unit.code.find('-'));
    levels[district].push_back(st.level);
    UnitType expected = st.level == "center"      ? UnitType::district
                        : st.level == "institute" ? UnitType::street
                                                  : UnitType::community;
    EXPECT_EQ(unit.type, expected) << st.code;
    EXPECT_GT(st.activities, 0) << st.code;
    EXPECT_TRUE(st.latitude && st.longitude) << st.code;
  }
  EXPECT_EQ(levels.size(), 6u);
  for (auto& [district, l] : levels) {
    std::sort(l.begin(), l.end());
    EXPECT_EQ(l, (std::vector<std::string>{"center", "institute", "station"})) << district;
  }

  // Star volunteers: a few at each level, from approved hours.
  std::map<int, int> stars;
  for (const auto& v : services.volunteers.export_list(office, {"confirmed", "", "", ""})) {
    ++stars[v.stars];
    EXPECT_EQ(v.stars, volunteer_stars(v.hours)) << v.code;
  }
  for (int level = 1; level <= 5; ++level) {
    EXPECT_GE(stars[level], 3) << level << " stars";
    EXPECT_LE(stars[level], 20) << level << " stars";
  }
  EXPECT_GT(stars[0], 2000);

  // The 2026H2 activity at 海关社区's station takes a sign-up and a QR check-in from a volunteer's phone.
  auto open = services.activities.get(office, kDemoOpenActivity);
  EXPECT_EQ(open.unit, "HM-S01-C01");
  EXPECT_EQ(open.station, "HM-S01-C01-XSZ");
  EXPECT_GE(open.starts_at, *parse_time("2026-07-01"));
  EXPECT_LT(open.signup_count, open.capacity);
  auto haiguan = services.volunteers.list(office, {"confirmed", "HM-S01-C01", "", ""}, {1, 50});
  std::string newcomer;
  for (const auto& v : haiguan.items) {
    bool signed_up = false;
    for (const auto& g : open.signups) signed_up = signed_up || g.volunteer == v.code;
    if (!signed_up) newcomer = v.code;
  }
  ASSERT_FALSE(newcomer.empty());
  std::string phone = services.volunteers.get(office, newcomer, "phone").phone;
  service::PublicCheck check{open.qr_token, newcomer, phone.substr(phone.size() - 4), open.latitude,
                             open.longitude};
  services.activities.sign_up_public(kDemoOpenActivity, check);
  auto record = services.activities.check_in_public(kDemoOpenActivity, check);
  EXPECT_FALSE(record.needs_confirmation);
  EXPECT_EQ(services.activities.get(office, kDemoOpenActivity).signup_count, open.signup_count + 1);

  // 文明家庭: in notice, one open objection; that candidate cannot be approved.
  auto family = services.selections.get(office, kDemoFamilySelection);
  EXPECT_EQ(family.kind, "civilized_family");
  int in_notice = 0, withdrawn = 0;
  std::string objected;
  for (const auto& c : family.candidates) {
    in_notice += c.stage == "in_notice";
    withdrawn += c.stage == "withdrawn";
    if (c.open_objections > 0) objected = c.code;
    if (c.stage == "in_notice") {
      EXPECT_EQ(c.scores, 3) << c.code;
      EXPECT_TRUE(c.mean_score && *c.mean_score > 60) << c.code;
    }
  }
  EXPECT_GE(in_notice, 4);
  EXPECT_EQ(withdrawn, 1);
  EXPECT_EQ(services.selections.public_notice(kDemoFamilySelection).candidates.size(),
            static_cast<size_t>(in_notice));
  ASSERT_FALSE(objected.empty());
  int open_objections = 0;
  for (const auto& c : family.candidates) open_objections += static_cast<int>(c.open_objections);
  EXPECT_EQ(open_objections, 1);
  try {
    services.selections.act(office, objected, "approve", {}, "");
    ADD_FAILURE() << "a candidate with an open objection was approved";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "selection.objection.open");
  }

  // 文明单位 2025: named at the end of 2025, every stage in order in the past, on the honour roll.
  auto roll = services.selections.honour_roll("civilized_unit");
  ASSERT_EQ(roll.size(), 5u);
  TimeMs now = services.clock.now_ms();
  for (const auto& r : roll) {
    EXPECT_EQ(r.selection, kDemoUnitSelection);
    EXPECT_EQ(format_rfc3339(r.named_at).substr(0, 7), "2025-12") << r.code;
    EXPECT_GT(r.title_valid_until, now) << r.code;
    auto c = services.selections.candidate(office, r.code);
    std::vector<std::string> stages;
    TimeMs last = 0;
    for (const auto& e : c.events) {
      stages.push_back(e.to);
      EXPECT_GE(e.at, last) << r.code << " " << e.to;
      EXPECT_LT(e.at, now) << r.code << " " << e.to;
      last = e.at;
    }
    EXPECT_EQ(stages,
              (std::vector<std::string>{"nominated", "reviewed", "scored", "in_notice", "approved", "named"}))
        << r.code;
    EXPECT_FALSE(c.flagged_for_withdrawal) << r.code;
    for (const auto& sheet : c.score_sheets) EXPECT_EQ(sheet.reviewer.rfind("pingshen", 0), 0u);
  }
  EXPECT_TRUE(services.selections.honour_roll("civilized_family").empty());

  // Computed metrics: the 2027 draft's A4.4.1 (volunteer_share) and the activity metrics over these data.
  auto drafts = services.framework_drafts.list(cli);
  ASSERT_EQ(drafts.size(), 1u);
  auto draft = services.framework_drafts.get(cli, drafts[0].id);
  EXPECT_TRUE(draft.problems.empty());
  Framework framework = bundle::read_framework_document(draft.document);
  const Item* share = nullptr;
  for (const Item* item : framework.items())
    if (item->code == "A4.4.1") share = item;
  ASSERT_TRUE(share && share->computed);
  EXPECT_EQ(*share->computed, "volunteer_share");
  auto l = t.db().lease();
  auto period = store::EvaluationRepository(*l).find_period("2026H1");
  ASSERT_TRUE(period);
  Unit city = services.units.get(cli, kDemoCityCode);
  auto value = service::ComputedStatistics::compute(*l, *period, city, *share).value;
  ASSERT_TRUE(value);
  EXPECT_GT(*value, 0);
  Item metric = *share;
  metric.computed = "activities_per_community";
  auto per_community = service::ComputedStatistics::compute(*l, *period, city, metric);
  ASSERT_TRUE(per_community.value);
  EXPECT_NEAR(per_community.inputs.numerator, static_cast<double>(activities.size()), 0.5);
  EXPECT_GT(*per_community.value, 1.5);
  metric.computed = "volunteer_hours_per_resident";
  auto hours = service::ComputedStatistics::compute(*l, *period, city, metric);
  EXPECT_GT(hours.inputs.numerator, 10000);
}

class DemoCityTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(DemoCityTest);

TEST_P(DemoCityTest, DeterministicCityWithHuimaoAndEveryRole) {
  Snapshot a = build(GetParam());
  Snapshot b = build(GetParam());
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.users, 16);  // 13 accounts and the selection panel (pingshen1…3)

  auto count = [&](const std::string& type) {
    return std::count_if(a.lines.begin(), a.lines.end(),
                         [&](const std::string& l) { return l.find("|" + type + "|") != std::string::npos; });
  };
  EXPECT_EQ(count("city"), 1);
  EXPECT_EQ(count("district"), 6);
  EXPECT_EQ(count("street"), 40);
  EXPECT_GE(count("community"), 180);
  EXPECT_LE(count("community"), 220);
  EXPECT_GE(count("department"), 30);
  auto has = [&](const std::string& prefix) {
    return std::any_of(a.lines.begin(), a.lines.end(),
                       [&](const std::string& l) { return l.rfind(prefix, 0) == 0; });
  };
  EXPECT_TRUE(has("HM|互贸区|"));
  EXPECT_TRUE(has("HM-S01-C01|海关社区|"));
  for (const char* name : {"党委工作部", "市场管理处", "环卫处", "群工部", "社发局"}) {
    EXPECT_TRUE(std::any_of(a.lines.begin(), a.lines.end(), [&](const std::string& l) {
      return l.rfind("HM-", 0) == 0 && l.find(std::string("|") + name + "|") != std::string::npos;
    })) << name;
  }
}

TEST_P(DemoCityTest, DemoAccountsSignInWithTheirScopes) {
  store::TestDatabase t(GetParam());
  ManualClock clock(1780000000000);
  service::Services services(t.db(), clock);
  std::ostringstream out;
  build_demo_city(services, out);
  auto huimao = services.auth.login("huimao", kDemoPassword, "127.0.0.1").principal;
  EXPECT_EQ(services.units.get(huimao, "HM-S01-C01").name, "海关社区");
  EXPECT_THROW(services.units.get(huimao, "DC"), NotFound);
  auto jiedao = services.auth.login("jiedao", kDemoPassword, "127.0.0.1").principal;
  EXPECT_THROW(services.units.get(jiedao, "HM-S02"), NotFound);
  auto city = services.units.get(service::Principal::cli(), kDemoCityCode);
  EXPECT_GT(city.population, 500000);

  // tongji reports 统计局's metrics (数据填报) for the city and every district of the running period.
  auto tongji = services.auth.login("tongji", kDemoPassword, "127.0.0.1").principal;
  auto mine = services.statistics.list_all(tongji, {"2026H2", "", "gdp_per_capita", "", ""});
  ASSERT_EQ(mine.size(), 7u);  // 青川市 and its six districts
  for (const auto& e : mine) {
    EXPECT_TRUE(e.may_report) << e.unit;
    EXPECT_EQ(e.department, std::string(kDemoCityCode) + "-TJJ");
  }
  expect_running_period_materials(services);

  // Volunteers: about 3,000 confirmed over the communities, 3 pending in 海关社区 for huimao to confirm, its
  // team, masked by default; nothing personal in plain text in the database.
  auto office = services.auth.login("office", kDemoPassword, "127.0.0.1").principal;
  auto confirmed = services.volunteers.list(office, {"confirmed", "", "", ""}, {1, 20});
  EXPECT_GE(confirmed.total, 2500);
  EXPECT_LE(confirmed.total, 3500);
  auto waiting = services.volunteers.list(huimao, {"pending", "HM-S01-C01", "", ""}, {1, 20});
  EXPECT_EQ(waiting.total, 3);
  ASSERT_FALSE(confirmed.items.empty());
  EXPECT_NE(confirmed.items[0].id_number.find("***********"), std::string::npos)
      << confirmed.items[0].id_number;
  auto teams = services.volunteers.teams(huimao);
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams[0].name, "海关社区志愿服务队");
  EXPECT_EQ(teams[0].members, 15);
  auto revealed = services.volunteers.get(office, confirmed.items[0].code, "id_number");
  {
    auto l = t.db().lease();
    long long plain = -1;
    *l << "SELECT COUNT(*) FROM volunteers WHERE id_number_sealed LIKE :p OR name_sealed LIKE '%' || :n || "
          "'%'",
        soci::use("%" + revealed.id_number.substr(6, 8) + "%"), soci::use(revealed.name), soci::into(plain);
    EXPECT_EQ(plain, 0);
  }
  expect_participation(services, t);
  EXPECT_TRUE(services.audit.verify(service::Principal::cli()).ok);
}

TEST(DemoRandomTest, SameSeedSameSequence) {
  DemoRandom a(7), b(7), c(8);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(DemoRandom(7).next(), c.next());
  DemoRandom r(1);
  for (int i = 0; i < 100; ++i) {
    long long v = r.between(4, 6);
    EXPECT_GE(v, 4);
    EXPECT_LE(v, 6);
  }
}

}  // namespace
}  // namespace civic::demo
