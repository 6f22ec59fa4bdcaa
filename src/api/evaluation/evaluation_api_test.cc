// The evaluation endpoints over real HTTP: every shared scoring vector posted to /api/bundles and read back
// from /api/scores must give the spec's numbers (bundle.md: scores after import equal scores of the bundle);
// a bad bundle is refused with its JSON path and changes nothing; scope and roles hold.
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <filesystem>
#include <sstream>

#include "api/core/routes.h"
#include "bundle/test_files.h"
#include "http/server.h"
#include "http/test_client.h"
#include "platform/spreadsheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

const char* kPassword = "Civic-test-2026";

std::string read_file(const fs::path& p) {
  return bundle::testing::read_text(p.string()).value_or("");
}

using bundle::testing::json_diff;

fs::path shared_scoring() {
  return fs::path(CIVIC_SHARED_DIR) / "testdata" / "scoring";
}

// A server over a fresh database holding only the root unit "C" (every vector's root) and accounts at C
// and at D1, so that each vector's bundle can be imported into it.
class EvaluationApi {
 public:
  explicit EvaluationApi(store::Dialect dialect)
      : database_(dialect), clock_(1'772'323'200'000), services_(database_.db(), clock_) {
    spdlog::set_level(spdlog::level::warn);
    auto cli = service::Principal::cli();
    services_.units.create_root(cli, {"C", "市", "City", UnitType::city, "", 0, 0});
    add_user("office", "C", Role::office);
    add_user("leader", "C", Role::leader);
    add_user("admin", "C", Role::system_admin);
    register_routes(router_, services_, {});
    http::ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<http::Server>(options, router_);
    server_->start();
  }

  service::Services& services() { return services_; }

  void add_user(const std::string& name, const std::string& unit, Role role) {
    auto cli = service::Principal::cli();
    services_.users.add(cli, {name, name, unit, {role}, std::string(kPassword)});
    tokens_[name] = services_.auth.create_api_token(cli, name, "tests").token;
  }

  http::testing::Reply as(const std::string& user, const std::string& method, const std::string& target,
                          const std::string& body = {}) {
    return http::testing::fetch(
        server_->port(), method, target, body,
        {{"Content-Type", "application/json"}, {"Authorization", "Bearer " + tokens_.at(user)}});
  }

 private:
  store::TestDatabase database_;
  ManualClock clock_;
  service::Services services_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::map<std::string, std::string> tokens_;
};

class EvaluationApiTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(EvaluationApiTest);

TEST_P(EvaluationApiTest, EveryVectorScoresThroughTheApiAsTheSpecSays) {
  if (!fs::exists(shared_scoring())) GTEST_SKIP() << "no shared scoring vectors";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(shared_scoring())) dirs.push_back(e.path());
  std::sort(dirs.begin(), dirs.end());
  int checked = 0;
  for (const auto& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    EvaluationApi api(GetParam());
    auto posted = api.as("office", "POST", "/api/bundles", read_file(dir / "bundle.json"));
    ASSERT_EQ(posted.status, 201) << posted.body;
    json::value expected = json::parse(read_file(dir / "expected.json"));
    for (const auto& q : expected.as_array()) {
      const auto& o = q.as_object();
      std::ostringstream target;
      target << "/api/scores?unit=" << o.at("unit").as_string().c_str()
             << "&period=" << o.at("period").as_string().c_str()
             << "&weak_threshold=" << o.at("weak_threshold").to_number<double>();
      auto got = api.as("leader", "GET", target.str());
      ASSERT_EQ(got.status, 200) << got.body;
      EXPECT_EQ(json_diff(o.at("result"), json::parse(got.body)), "") << target.str();
      ++checked;
    }
  }
  EXPECT_GT(checked, 30);
}

TEST_P(EvaluationApiTest, BadBundlesAreRefusedWithTheirPathAndChangeNothing) {
  fs::path invalid = fs::path(CIVIC_SHARED_DIR) / "testdata" / "invalid";
  if (!fs::exists(invalid)) GTEST_SKIP() << "no shared invalid bundles";
  EvaluationApi api(GetParam());
  json::value manifest_doc = json::parse(read_file(invalid / "manifest.json"));
  const auto& manifest = manifest_doc.as_object();
  for (const auto& [name, path] : manifest) {
    auto r = api.as("office", "POST", "/api/bundles", read_file(invalid / (std::string(name) + ".json")));
    EXPECT_EQ(r.status, 400) << name;
    auto field = std::string(json::parse(r.body).at("error").at("field").as_string());
    EXPECT_EQ(field.rfind(std::string(path.as_string()), 0), 0u) << name << ": " << r.body;
    // Each carries a key of its own, not the generic one.
    EXPECT_NE(json::parse(r.body).at("error").at("key"), "error.invalid_input") << name << ": " << r.body;
  }
  auto periods = api.as("leader", "GET", "/api/periods");
  ASSERT_EQ(periods.status, 200);
  EXPECT_EQ(json::parse(periods.body).at("total").to_number<int>(), 0);
  auto malformed = api.as("office", "POST", "/api/bundles", "{\"format\": ");
  EXPECT_EQ(malformed.status, 400);
}

TEST_P(EvaluationApiTest, RolesScopeAndParametersAreChecked) {
  EvaluationApi api(GetParam());
  // The worked example kept in the repository (src/bundle/testdata/README.md): this test never skips.
  std::string worked = read_file(fs::path(CIVIC_SOURCE_DIR) / "src/bundle/testdata/worked_bundle.json");
  ASSERT_FALSE(worked.empty());
  EXPECT_EQ(api.as("leader", "POST", "/api/bundles", worked).status, 403);  // only the office imports
  EXPECT_EQ(api.as("admin", "POST", "/api/bundles", worked).status, 403);
  ASSERT_EQ(api.as("office", "POST", "/api/bundles", worked).status, 201);
  api.add_user("d1", "D1", Role::unit_officer);

  auto d1 = api.as("d1", "GET", "/api/scores?unit=D1&period=2026H1");
  EXPECT_EQ(d1.status, 200);
  EXPECT_EQ(api.as("d1", "GET", "/api/scores?unit=D2&period=2026H1").status, 404);  // outside scope
  // D1 learns its place among the city's districts although the city is outside its scope: the rank the
  // city's ranking gives it and the number ranked, nothing of its siblings.
  auto city = json::parse(api.as("leader", "GET", "/api/scores?unit=C&period=2026H1").body);
  long long ranked = 0, d1_rank = 0;
  for (const auto& r : city.at("ranking").as_array()) {
    if (!r.at("total_rate").is_null()) ++ranked;
    if (r.at("unit") == "D1") d1_rank = r.at("rank").to_number<long long>();
  }
  ASSERT_GT(d1_rank, 0);
  json::value d1_report = json::parse(d1.body);
  const auto& place = d1_report.at("sibling_rank");
  ASSERT_TRUE(place.is_object()) << d1.body;
  EXPECT_EQ(place.at("rank").to_number<long long>(), d1_rank);
  EXPECT_EQ(place.at("of").to_number<long long>(), ranked);
  EXPECT_EQ(place.at("parent"), "C");
  EXPECT_TRUE(city.at("sibling_rank").is_null());  // the root has no siblings
  EXPECT_EQ(api.as("d1", "GET", "/api/scores?unit=C&period=2026H1").status, 404);
  EXPECT_EQ(api.as("admin", "GET", "/api/scores?unit=C&period=2026H1").status, 403);  // 三员分立: no scores
  auto missing = api.as("leader", "GET", "/api/scores?period=2026H1");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("\"unit\""), std::string::npos);
  auto bad = api.as("leader", "GET", "/api/scores?unit=C&period=2026H1&weak_threshold=2");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("weak_threshold"), std::string::npos);
  auto no_period = api.as("leader", "GET", "/api/scores?unit=C&period=2099H1");
  EXPECT_EQ(no_period.status, 404);
  EXPECT_EQ(json::parse(no_period.body).at("error").at("key"), "period.not_found");
  EXPECT_EQ(json::parse(no_period.body).at("error").at("args").at("period"), "2099H1");

  // The explanation of A1.1.1 for the city lists the two inspections that assess it (scoring.md §7).
  auto item = api.as("leader", "GET", "/api/scores/items/A1.1.1?unit=C&period=2026H1");
  ASSERT_EQ(item.status, 200) << item.body;
  auto e = json::parse(item.body);
  EXPECT_NEAR(e.at("score").to_number<double>(), 2.5, 1e-9);
  ASSERT_EQ(e.at("inspections").as_array().size(), 2u);
  // The survey item names its strata: D1 1 of 2, D2 3 of 4, weighted by population 100 : 300.
  auto survey = json::parse(api.as("leader", "GET", "/api/scores/items/A1.1.2?unit=C&period=2026H1").body);
  const auto& strata = survey.at("strata").as_array();
  ASSERT_EQ(strata.size(), 2u);
  EXPECT_NEAR(strata[1].at("weight").to_number<double>(), 0.75, 1e-9);
  EXPECT_EQ(api.as("leader", "GET", "/api/scores/items/NOPE?unit=C&period=2026H1").status, 404);

  auto frameworks = json::parse(api.as("d1", "GET", "/api/frameworks").body);
  ASSERT_EQ(frameworks.at("items").as_array().size(), 1u);
  std::string code(frameworks.at("items").at(0).at("code").as_string());
  auto fw = api.as("d1", "GET", "/api/frameworks/" + code);
  ASSERT_EQ(fw.status, 200);
  EXPECT_EQ(json::parse(fw.body).at("aspects").as_array().size(), 1u);
  EXPECT_EQ(api.as("d1", "GET", "/api/frameworks/" + code + "?version=0").status, 400);
  auto no_version = api.as("d1", "GET", "/api/frameworks/" + code + "?version=9");
  EXPECT_EQ(no_version.status, 404);
  EXPECT_EQ(json::parse(no_version.body).at("error").at("key"), "framework.version.not_found");
  // Periods name their framework version (the answer the console reads).
  auto periods = json::parse(api.as("d1", "GET", "/api/periods").body);
  ASSERT_EQ(periods.at("items").as_array().size(), 1u);
  const auto& p = periods.at("items").at(0);
  EXPECT_EQ(p.at("code"), "2026H1");
  EXPECT_EQ(std::string(p.at("framework").at("code").as_string()), code);
  EXPECT_GE(p.at("framework").at("version").to_number<int>(), 1);
}

// A unit's score table as a file: the totals, the aspect, indicator and items of the worked example with
// the figures GET /api/scores gives, the weak items; scope and roles as the scores; audited as score.export.
TEST_P(EvaluationApiTest, TheScoreTableDownloadsAsExcelWithTheFiguresOfTheReport) {
  EvaluationApi api(GetParam());
  std::string worked = read_file(fs::path(CIVIC_SOURCE_DIR) / "src/bundle/testdata/worked_bundle.json");
  ASSERT_FALSE(worked.empty());
  ASSERT_EQ(api.as("office", "POST", "/api/bundles", worked).status, 201);
  api.add_user("d1", "D1", Role::unit_officer);
  json::value report = json::parse(api.as("leader", "GET", "/api/scores?unit=C&period=2026H1").body);

  auto xlsx = api.as("leader", "GET", "/api/scores/export?format=xlsx&unit=C&period=2026H1");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 300);
  platform::Cells cells = platform::read_xlsx(xlsx.body);
  ASSERT_GE(cells.size(), 1u + 3 + 1 + 1 + 4);  // heading, totals, aspect, indicator, items
  EXPECT_EQ(cells[0], (std::vector<std::string>{"层级", "编码", "得分", "满分", "得分率", "样本数"}));
  auto two = [](const json::value& v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v.to_number<double>());
    return std::string(buf);
  };
  EXPECT_EQ(cells[1][0], "单位合计");
  EXPECT_EQ(cells[1][1], "C");
  EXPECT_EQ(cells[1][2], two(report.at("score")));
  EXPECT_EQ(cells[3][0], "总分");
  EXPECT_EQ(cells[3][2], two(report.at("total")));
  EXPECT_EQ(cells[4][0], "测评项目");
  EXPECT_EQ(cells[4][1], "A1");
  EXPECT_EQ(cells[5][0], "测评指标");
  EXPECT_EQ(cells[5][1], "A1.1");
  EXPECT_EQ(cells[6][0], "测评内容");
  EXPECT_EQ(cells[6][1], "A1.1.1");
  EXPECT_EQ(cells[6][2], "2.50");  // as the item explanation says (RolesScopeAndParametersAreChecked)
  EXPECT_EQ(cells[6][3], "4.00");
  EXPECT_EQ(cells[6][4], "62.5%");
  std::size_t weak = 0;
  for (const auto& row : cells) weak += row[0] == "薄弱项";
  EXPECT_EQ(weak, report.at("weak_items").as_array().size());

  auto csv = api.as("d1", "GET", "/api/scores/export?format=csv&unit=D1&period=2026H1");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_TRUE(csv.body.starts_with("\xEF\xBB\xBF层级,编码,得分,")) << csv.body.substr(0, 40);
  EXPECT_NE(csv.body.find("单位合计,D1,"), std::string::npos) << csv.body;

  EXPECT_EQ(api.as("d1", "GET", "/api/scores/export?unit=D2&period=2026H1").status, 404);  // out of scope
  EXPECT_EQ(api.as("admin", "GET", "/api/scores/export?unit=C&period=2026H1").status, 403);
  EXPECT_EQ(api.as("leader", "GET", "/api/scores/export?unit=C&period=2026H1&format=pdf").status, 400);
  EXPECT_EQ(api.as("leader", "GET", "/api/scores/export?period=2026H1").status, 400);
  EXPECT_EQ(api.as("leader", "GET", "/api/scores/export?unit=C&period=2099H1").status, 404);
  auto audit =
      api.services().audit.list(service::Principal::cli(), {"", "score.export", "", "", 0, 0}, {1, 10});
  ASSERT_EQ(audit.total, 2);
  EXPECT_EQ(audit.items.at(0).object_id, "D1");
  EXPECT_EQ(audit.items.at(1).object_id, "C");
}

}  // namespace
}  // namespace civic::api
