#include "demo/core/demo_city.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "domain/core/error.h"
#include "store/core/store_test_backends.h"
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

class DemoCityTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(DemoCityTest);

TEST_P(DemoCityTest, DeterministicCityWithHuimaoAndEveryRole) {
  Snapshot a = build(GetParam());
  Snapshot b = build(GetParam());
  EXPECT_EQ(a.lines, b.lines);
  EXPECT_EQ(a.users, 13);

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
