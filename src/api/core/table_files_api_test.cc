// Table files over HTTP, for every feature that has one (the task breakdown table, the sites table): the
// spreadsheet bombs a tester built are refused with 400 naming the bound, without the server process
// growing; CSV imports are bounded too; CSV exports neutralise text a spreadsheet would run as a formula
// while numbers stay numbers, and XLSX exports hold such text as string cells.
#include <gtest/gtest.h>

#include <fstream>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "domain/core/table_limits.h"
#include "platform/spreadsheet.h"
#include "platform/test_workbooks.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"市容","max_score":4,
  "method":"field","checks":[{"code":"c1","text":"干净","deduct":1,"site_types":["主干道"]}]}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";

const char* kPlan = R"({"code":"P1","name":"六优行动","period":"2026H1","tolerance":0.1,
  "phases":[{"code":"PH1","name":"集中整治","start":"2026-01-01","end":"2026-06-30"}],
  "actions":[{"code":"YMHJ","name":"优美环境","description":"环境整治","phases":["PH1"]}]})";

const std::string kFormula = R"(=HYPERLINK("http://x","y"))";

long status_kib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

class TableFilesApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    city_->services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
    ASSERT_EQ(as("office", "POST", "/api/plans", kPlan).status, 201);
  }
  Reply as(const std::string& user, const std::string& method, const std::string& target,
           const std::string& body = {}) {
    return city_->as(user, method, target, body);
  }
  // The import's answer to `bytes`, and how far the process's peak resident size rose meanwhile (MiB).
  std::pair<Reply, long> import_measured(const std::string& target, const std::string& bytes) {
    { std::ofstream("/proc/self/clear_refs") << "5"; }  // VmHWM := current RSS
    long before = status_kib("VmRSS");
    Reply reply = as("office", "POST", target, bytes);
    return {reply, (status_kib("VmHWM") - before) / 1024};
  }
  static void expect_limit(const Reply& reply, const std::string& key, std::size_t limit) {
    ASSERT_EQ(reply.status, 400) << reply.body.substr(0, 300);
    json::value error = ApiCity::parse(reply).at("error");
    EXPECT_EQ(error.at("field").as_string(), "file");
    EXPECT_EQ(error.at("key").as_string(), key);
    EXPECT_EQ(error.at("args").at("limit").as_string(), std::to_string(limit));
  }
  std::unique_ptr<ApiCity> city_;
};
CIVIC_INSTANTIATE_BACKENDS(TableFilesApi);

TEST_P(TableFilesApi, OneCellAtXFD1048576IsRefusedByTheRowBound) {
  std::string xlsx = civic::testing::workbook_with(civic::testing::one_cell_row(1048576, "XFD1048576", "1"));
  EXPECT_LT(xlsx.size(), 4096u);  // the tester's file was 1.5 KB
  auto [reply, growth] = import_measured("/api/plans/P1/tasks/import", xlsx);
  expect_limit(reply, "table.rows.too_many", kTableLimits.max_rows);
  EXPECT_LT(growth, 200);  // was 3.46 GB
}

TEST_P(TableFilesApi, OneCellAtRow20000Column1000IsRefusedByTheColumnBound) {
  std::string xlsx = civic::testing::workbook_with(civic::testing::one_cell_row(20000, "ALL20000", "1"));
  auto [reply, growth] = import_measured("/api/plans/P1/tasks/import", xlsx);
  // Row 20,000 is the last row allowed (0-based 19,999); column 1,000 is past the bound.
  expect_limit(reply, "table.columns.too_many", kTableLimits.max_columns);
  EXPECT_LT(growth, 200);  // 620 MB stayed after the request
}

TEST_P(TableFilesApi, ADeflateBombOf1Point5GiBIsRefusedBeforeInflating) {
  std::string xlsx = civic::testing::deflate_bomb_workbook(1536ull << 20);
  EXPECT_LT(xlsx.size(), 3u << 20);  // the tester's file was 1.5 MB
  auto [reply, growth] = import_measured("/api/plans/P1/tasks/import", xlsx);
  expect_limit(reply, "table.file.inflated_too_large", kTableLimits.max_inflated_bytes);
  EXPECT_LT(growth, 200);  // peaked at 2.16 GB
}

TEST_P(TableFilesApi, CsvImportsAreBoundedToo) {
  std::string rows = "code,title\n" + std::string(kTableLimits.max_rows, '\n');
  expect_limit(as("office", "POST", "/api/plans/P1/tasks/import", rows), "table.rows.too_many",
               kTableLimits.max_rows);
  std::string wide = "code,name,type,unit" + std::string(kTableLimits.max_columns, ',') + "\n";
  expect_limit(as("office", "POST", "/api/sites/import", wide), "table.columns.too_many",
               kTableLimits.max_columns);
  std::string many_sites = "code,name,type,unit\n";
  for (std::size_t i = 0; i <= kTableLimits.max_rows; ++i) many_sites += "S,x,主干道,D1\n";
  expect_limit(as("office", "POST", "/api/sites/import", many_sites), "table.rows.too_many",
               kTableLimits.max_rows);
}

TEST_P(TableFilesApi, TaskExportsNeutraliseFormulasInCsvAndKeepThemAsStringsInXlsx) {
  json::object task{{"plan", "P1"},        {"code", "T1"},     {"title", kFormula},
                    {"action", "YMHJ"},    {"owner", "D1-S1"}, {"start", "2026-03-01"},
                    {"due", "2026-03-10"}, {"weight", 2},      {"deliverable", "@SUM(A1:A9)"}};
  Reply created = as("office", "POST", "/api/tasks", json::serialize(task));
  ASSERT_EQ(created.status, 201) << created.body;

  Reply csv = as("office", "GET", "/api/plans/P1/tasks/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(R"csv(,"'=HYPERLINK(""http://x"",""y"")",)csv"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find(",'@SUM(A1:A9),"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find(",=HYPERLINK"), std::string::npos);
  EXPECT_EQ(csv.body.find(",\"=HYPERLINK"), std::string::npos);
  // The neutralised export imports back to the same title.
  Reply back = as("office", "POST", "/api/plans/P1/tasks/import", csv.body);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(ApiCity::parse(back).at("updated").as_int64(), 1);
  EXPECT_EQ(ApiCity::parse(as("office", "GET", "/api/tasks/T1")).at("title").as_string(), kFormula);

  Reply xlsx = as("office", "GET", "/api/plans/P1/tasks/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  std::string sheet = civic::testing::inflate_entry(xlsx.body, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);  // no formula cell
  platform::Cells cells = platform::read_xlsx(xlsx.body);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[1][1], kFormula);  // a string cell (formula cells read back empty)
}

TEST_P(TableFilesApi, SiteExportsNeutraliseTextButNotNegativeCoordinates) {
  Reply created = as("office", "POST", "/api/sites",
                     R"({"code":"S1","name":"=1+2","type":"主干道","unit":"D1-S1","lat":-33.5,"lon":-70.25,)"
                     R"("address":"-公园路","grid_cell":"+G1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  Reply csv = as("office", "GET", "/api/sites/export");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("S1,'=1+2,主干道,D1-S1,-33.5,-70.25,'-公园路,'+G1\r\n"), std::string::npos)
      << csv.body;
  Reply back = as("office", "POST", "/api/sites/import", csv.body);
  ASSERT_EQ(back.status, 200) << back.body;
  json::value site = ApiCity::parse(as("office", "GET", "/api/sites/S1"));
  EXPECT_EQ(site.at("name").as_string(), "=1+2");
  EXPECT_EQ(site.at("address").as_string(), "-公园路");
  EXPECT_DOUBLE_EQ(site.at("lat").as_double(), -33.5);
}

}  // namespace
}  // namespace civic::api
