// Sites over HTTP: create / get / update with version / delete, CSV import (table errors, all or nothing) and
// export, site types.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "platform/spreadsheet.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;

class SiteApi : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(SiteApi);

// Site types 主干道 and 农贸市场; site OLD at D1-S1 with an inspection.
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"市容","max_score":4,
  "method":"field","checks":[{"code":"c1","text":"干净","deduct":1,"site_types":["主干道","农贸市场"]}]}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "sites":[{"code":"OLD","name":"老街","type":"主干道","unit":"D1-S1"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "inspections":[{"id":"I1","site":"OLD","date":"2026-02-01","results":{"c1":1}}]})";

TEST_P(SiteApi, CrudWithVersions) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  Reply created =
      city.as("office", "POST", "/api/sites",
              R"({"code":"S1","name":"菜场","type":"农贸市场","unit":"D1-S1","lat":31.5,"lon":121,)"
              R"("address":"一路","grid_cell":"G1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto site = ApiCity::parse(created);
  EXPECT_EQ(site.at("unit_name"), "一街道");
  EXPECT_EQ(site.at("version").as_int64(), 1);
  EXPECT_EQ(site.at("grid_cell"), "G1");

  Reply bad_type =
      city.as("office", "POST", "/api/sites", R"({"code":"S2","name":"x","type":"医院","unit":"D1"})");
  EXPECT_EQ(bad_type.status, 400);
  EXPECT_EQ(ApiCity::error_field(bad_type), "type");
  EXPECT_EQ(city.as("office", "POST", "/api/sites", R"({"code":"S1","name":"x","type":"主干道","unit":"D1"})")
                .status,
            409);

  Reply updated =
      city.as("office", "PUT", "/api/sites/S1",
              R"({"name":"新菜场","type":"农贸市场","unit":"D1","lat":null,"lon":null,"version":1})");
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(ApiCity::parse(updated).at("version").as_int64(), 2);
  EXPECT_TRUE(ApiCity::parse(updated).at("lat").is_null());
  Reply stale = city.as("office", "PUT", "/api/sites/S1",
                        R"({"name":"又改","type":"农贸市场","unit":"D1","version":1})");
  EXPECT_EQ(stale.status, 409);

  Reply listed = city.as("unit_officer", "GET", "/api/sites?q=S1");
  ASSERT_EQ(listed.status, 200);
  auto item = ApiCity::parse(listed).at("items").at(0);
  EXPECT_EQ(item.at("name"), "新菜场");
  EXPECT_EQ(item.at("version").as_int64(), 2);

  EXPECT_EQ(city.as("office", "DELETE", "/api/sites/OLD").status, 409);  // has an inspection
  EXPECT_EQ(city.as("office", "DELETE", "/api/sites/S1").status, 204);
  EXPECT_EQ(city.as("office", "GET", "/api/sites/S1").status, 404);

  // Roles without manage_sites get 403 before their body is read; messages carry keys.
  EXPECT_EQ(city.as("leader", "POST", "/api/sites", "{not json").status, 403);
  EXPECT_EQ(city.as("inspector", "DELETE", "/api/sites/OLD").status, 403);
  Reply bad_name = city.as("office", "POST", "/api/sites",
                           "{\"code\":\"S9\",\"name\":\"a\\u202Eb\",\"type\":\"主干道\",\"unit\":\"D1\"}");
  EXPECT_EQ(bad_name.status, 400);
  EXPECT_EQ(ApiCity::parse(bad_name).at("error").at("key"), "input.text.bidi_control");
  EXPECT_EQ(ApiCity::parse(bad_type).at("error").at("key"), "site.type.unknown");
  EXPECT_EQ(ApiCity::parse(bad_type).at("error").at("args").at("type"), "医院");
  Reply bad_lat = city.as("office", "POST", "/api/sites",
                          R"({"code":"S9","name":"x","type":"主干道","unit":"D1","lat":"north","lon":1})");
  EXPECT_EQ(bad_lat.status, 400);
  EXPECT_EQ(ApiCity::error_field(bad_lat), "lat");
  EXPECT_EQ(ApiCity::parse(bad_lat).at("error").at("key"), "input.not_number");

  Reply types = city.as("office", "GET", "/api/site-types");
  ASSERT_EQ(types.status, 200);
  auto arr = ApiCity::parse(types).as_array();
  ASSERT_EQ(arr.size(), 2u);
  EXPECT_EQ(arr[0].at("type"), "主干道");
  EXPECT_EQ(arr[0].at("site_count").as_int64(), 1);
}

TEST_P(SiteApi, ImportReportsEveryRowThenWritesAllAndExportsTheSameColumns) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  std::string bad =
      "点位编号,点位名称,点位类型,责任单位,纬度,经度\n"
      "A1,甲,主干道,D1-S1,31,121\n"
      "A2,乙,医院,D1-S1,31,121\n"
      "A3,丙,主干道,D1-S1,100,121\n";
  Reply refused = city.as("office", "POST", "/api/sites/import", bad);
  ASSERT_EQ(refused.status, 400);
  auto body = ApiCity::parse(refused);
  EXPECT_EQ(body.at("error").at("field"), "file");
  EXPECT_EQ(body.at("error").at("message"), "2 rows have errors");
  auto errors = body.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(errors[0].at("column"), "点位类型");
  EXPECT_EQ(errors[1].at("row").as_int64(), 4);
  EXPECT_EQ(errors[1].at("column"), "纬度");
  EXPECT_EQ(city.as("office", "GET", "/api/sites/A1").status, 404);

  std::string good =
      "\xEF\xBB\xBF"
      "code,name,type,unit,lat,lon,address,grid_cell\r\n"
      "A1,\"甲, 东\",主干道,D1-S1,31,121,,G1\r\n"
      "OLD,老街（新）,主干道,D1,,,,\r\n";
  Reply ok = city.as("office", "POST", "/api/sites/import", good);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ApiCity::parse(ok).at("created").as_int64(), 1);
  EXPECT_EQ(ApiCity::parse(ok).at("updated").as_int64(), 1);

  Reply exported = city.as("office", "GET", "/api/sites/export?header=zh");
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(exported.body.rfind("\xEF\xBB\xBF点位编号,点位名称,点位类型,责任单位,纬度,经度,地址,网格\r\n", 0),
            0u);
  EXPECT_NE(exported.body.find("A1,\"甲, 东\",主干道,D1-S1,31,121,,G1\r\n"), std::string::npos);
  // The export imports back unchanged.
  Reply reimport = city.as("office", "POST", "/api/sites/import", exported.body);
  ASSERT_EQ(reimport.status, 200) << reimport.body;
  EXPECT_EQ(ApiCity::parse(reimport).at("created").as_int64(), 0);

  Reply huge = city.as("office", "POST", "/api/sites/import", std::string((5u << 20) + 1, 'a'));
  EXPECT_EQ(huge.status, 413);
}

// The sites in scope as an Excel sheet (format=xlsx): the CSV's columns under Chinese headings, the same
// filters and scope; both downloads audited as site.export.
TEST_P(SiteApi, SitesDownloadAsExcelInScopeAndAreAudited) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  ASSERT_EQ(city.as("office", "POST", "/api/sites",
                    R"({"code":"S1","name":"菜场, 东","type":"农贸市场","unit":"D1","lat":31.5,"lon":121,)"
                    R"("address":"一路","grid_cell":"G1"})")
                .status,
            201);
  auto exports = [&] {
    return city.services()
        .audit.list(service::Principal::cli(), {"", "site.export", "", "", 0, 0}, {1, 1})
        .total;
  };
  Reply xlsx = city.as("office", "GET", "/api/sites/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body.substr(0, 200);
  EXPECT_EQ(xlsx.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  platform::Cells cells = platform::read_xlsx(xlsx.body);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0], (std::vector<std::string>{"点位编号", "点位名称", "点位类型", "责任单位", "纬度",
                                                "经度", "地址", "网格"}));
  std::vector<std::string> s1 = cells[1][0] == "S1" ? cells[1] : cells[2];
  EXPECT_EQ(s1, (std::vector<std::string>{"S1", "菜场, 东", "农贸市场", "D1", "31.5", "121", "一路", "G1"}));
  EXPECT_EQ(exports(), 1);

  // The same filter as the list: only the street's site under D1-S1; a street officer sees only its own.
  Reply street = city.as("office", "GET", "/api/sites/export?format=xlsx&under=D1-S1");
  ASSERT_EQ(street.status, 200);
  cells = platform::read_xlsx(street.body);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[1][0], "OLD");
  Reply scoped = city.as("target1", "GET", "/api/sites/export?format=xlsx");
  ASSERT_EQ(scoped.status, 200);
  cells = platform::read_xlsx(scoped.body);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[1][0], "OLD");
  EXPECT_EQ(city.as("office", "GET", "/api/sites/export?header=zh").status, 200);  // CSV as before
  EXPECT_EQ(exports(), 4);
  EXPECT_EQ(city.as("office", "GET", "/api/sites/export?format=pdf").status, 400);
  EXPECT_EQ(city.as("system_admin", "GET", "/api/sites/export?format=xlsx").status, 403);
  EXPECT_EQ(exports(), 4);
}

}  // namespace
}  // namespace civic::api
