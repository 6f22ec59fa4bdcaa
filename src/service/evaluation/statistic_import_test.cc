// Statistics batch entry through the service on a real database (both backends): the template holds one row
// per value the caller reports; a good workbook saves and submits every filled row (history, audit); a
// workbook with one bad row (unknown unit or metric, out of scope, not a number, outside [min, max], a large
// change without 说明, already approved, twice) throws InvalidTable naming each row, column and key, and
// saves nothing; other roles and a closed period are refused.
#include <gtest/gtest.h>

#include <algorithm>

#include "bundle/bundle_reader.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "platform/spreadsheet.h"
#include "service/core/services.h"
#include "service/evaluation/statistic_service.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

// gdp (元, [0, 1e6]) is reported by 统计局 (a department under the city); green by the office (园林局 is no
// unit). 2026H1 is approved at 50000 everywhere; 2026H2 has D2's gdp approved at 40000.
const char* kBundle = R"({"format":"civic-bundle/1",
  "framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面","indicators":[{"code":"A1.1","name":"指标",
    "items":[
      {"code":"A1.1.1","name":"人均GDP","max_score":2,"method":"statistic","metric":"gdp","target":60000,
       "direction":"higher","floor":20000,"min":0,"max":1000000,"measure":"元","lead_unit":"统计局"},
      {"code":"A1.1.2","name":"绿化覆盖率","max_score":1,"method":"statistic","metric":"green","target":40,
       "direction":"higher","lead_unit":"园林局"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"},
             {"code":"2026H2","start":"2026-07-01","end":"2026-12-31"}],
  "statistics":[{"metric":"gdp","unit":"CITY","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D1","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D2","period":"2026H1","value":50000},
                {"metric":"gdp","unit":"D2","period":"2026H2","value":40000}]})";

const std::vector<std::string> kHeader{"单位编码", "单位",   "指标编码", "指标", "计量单位",
                                       "上期值",   "本期值", "说明",     "备注"};

TimeMs at(const char* date) {
  return static_cast<TimeMs>(day_number(*parse_iso_date(date))) * 86'400'000 + 2 * 3'600'000;
}

class StatisticImportTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    db_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(db_->db(), clock_);
    s_->evaluation.import_bundle(cli_, bundle::read_bundle(kBundle));
    s_->units.create(cli_, {"CITY-TJJ", "统计局", "Statistics Bureau", UnitType::department, "CITY", 0, 9});
    office_ = user("office", "CITY", Role::office);
    tjj_ = user("tjj", "CITY-TJJ", Role::unit_officer);
    d1_ = user("d1", "D1", Role::unit_officer);
    inspector_ = user("insp", "CITY", Role::inspector);
  }

  Principal user(const std::string& name, const std::string& unit, Role role) {
    s_->users.add(cli_, {name, name + " 测试", unit, {role}, std::string("Civic-test-2026")});
    auto token = s_->auth.create_api_token(cli_, name, "tests").token;
    return s_->auth.authenticate_api_token(token, "");
  }

  // A workbook of the template's header and `rows` (unit, metric, 本期值, 说明, 备注).
  static std::string workbook(const std::vector<std::vector<std::string>>& rows) {
    platform::Cells cells{kHeader};
    for (const auto& r : rows)
      cells.push_back({r[0], "", r[1], "", "", "", r[2], r.size() > 3 ? r[3] : "", r.size() > 4 ? r[4] : ""});
    return platform::write_xlsx(cells, "数据填报");
  }

  std::string state(const std::string& unit, const std::string& metric) {
    return s_->statistics.get(office_, "2026H2", unit, metric).state;
  }

  long long audits(const std::string& action) {
    return s_->audit.list(cli_, {"", action, "", "", 0, 0}, {1, 1}).total;
  }

  // The errors of importing `bytes` as `who`; fails the test when the import does not refuse.
  std::vector<TableCellError> refusal(const Principal& who, const std::string& bytes) {
    try {
      s_->statistics.import_table(who, "2026H2", bytes);
    } catch (const InvalidTable& e) {
      return e.errors;
    }
    ADD_FAILURE() << "the import was not refused";
    return {};
  }

  ManualClock clock_{at("2026-09-05")};
  Principal cli_ = Principal::cli();
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<Services> s_;
  Principal office_, tjj_, d1_, inspector_;
};
CIVIC_INSTANTIATE_BACKENDS(StatisticImportTest);

TEST_P(StatisticImportTest, TemplateHoldsTheValuesTheCallerReports) {
  auto cells =
      platform::read_xlsx(platform::write_xlsx(s_->statistics.template_table(tjj_, "2026H2"), "数据填报"));
  ASSERT_EQ(cells.size(), 4u);  // header + gdp for CITY, D1, D2 (green is the office's)
  EXPECT_EQ(cells[0], kHeader);
  EXPECT_EQ(cells[1][0], "CITY");
  EXPECT_EQ(cells[2][0], "D1");
  EXPECT_EQ(cells[2][2], "gdp");
  EXPECT_EQ(cells[2][3], "人均GDP");
  EXPECT_EQ(cells[2][4], "元");
  EXPECT_EQ(cells[2][5], "50000");
  EXPECT_EQ(cells[2][6], "");  // nothing reported yet
  EXPECT_EQ(cells[3][6], "");  // approved: not for entry
  // The office reports every metric: gdp and green for three units.
  EXPECT_EQ(s_->statistics.template_table(office_, "2026H2").size(), 7u);
  // A district officer reports nothing; an inspector may not report.
  EXPECT_EQ(s_->statistics.template_table(d1_, "2026H2").size(), 1u);
  EXPECT_THROW(s_->statistics.template_table(inspector_, "2026H2"), Forbidden);
}

TEST_P(StatisticImportTest, AGoodWorkbookSavesAndSubmitsEveryFilledRow) {
  // A saved draft is taken over by the import; a row without 本期值 is left alone.
  s_->statistics.save(tjj_, "2026H2", "CITY", "gdp", {49000, "草稿", "", "", 0});
  auto summary = s_->statistics.import_table(
      tjj_, "2026H2",
      workbook(
          {{"CITY", "gdp", "51000", "", "年报"}, {"D1", "gdp", "90000", "新增企业投产"}, {"D2", "gdp", ""}}));
  EXPECT_EQ(summary.submitted, 2);
  auto city = s_->statistics.get(office_, "2026H2", "CITY", "gdp");
  EXPECT_EQ(city.state, "submitted");
  EXPECT_DOUBLE_EQ(*city.value, 51000);
  EXPECT_EQ(city.note, "年报");
  EXPECT_EQ(city.reported_by, "tjj");
  auto d1 = s_->statistics.get(office_, "2026H2", "D1", "gdp");
  EXPECT_EQ(d1.state, "submitted");
  EXPECT_DOUBLE_EQ(*d1.value, 90000);
  EXPECT_EQ(d1.explanation, "新增企业投产");
  ASSERT_EQ(d1.history.size(), 2u);
  EXPECT_EQ(d1.history[0].action, "save");
  EXPECT_EQ(d1.history[1].action, "submit");
  EXPECT_EQ(state("D2", "gdp"), "approved");
  EXPECT_EQ(audits("statistic.import"), 2);
  // The office approves an imported value as any other.
  auto approved = s_->statistics.approve(office_, "2026H2", "D1", "gdp", d1.version);
  EXPECT_EQ(approved.state, "approved");
}

TEST_P(StatisticImportTest, ABadRowSavesNothingAndEveryProblemIsNamed) {
  std::string bytes = workbook({
      {"D1", "gdp", "52000"},   // row 2: good
      {"CITY", "gdp", "many"},  // 3: not a number
      {"D2", "gdp", "41000"},   // 4: approved already
      {"D9", "gdp", "1"},       // 5: unknown unit
      {"D1", "gpd", "1"},       // 6: unknown metric
      {"D1", "green", "30"},    // 7: the office's metric, unseen by the department
      {"D1", "gdp", "52000"},   // 8: row 2 again
  });
  auto errors = refusal(tjj_, bytes);
  ASSERT_EQ(errors.size(), 6u);
  auto expect = [&](size_t i, int row, const std::string& column, const std::string& key) {
    EXPECT_EQ(errors[i].row, row) << i;
    EXPECT_EQ(errors[i].column, column) << i;
    EXPECT_EQ(errors[i].key.key, key) << i;
  };
  expect(0, 3, "本期值", "statistic.import.not_number");
  expect(1, 4, "本期值", "statistic.import.approved");
  expect(2, 5, "单位编码", "statistic.import.unit_unknown");
  expect(3, 6, "指标编码", "statistic.import.metric_unknown");
  expect(4, 7, "指标编码", "statistic.not_found");
  expect(5, 8, "指标编码", "statistic.import.duplicate");
  EXPECT_EQ(errors[5].key.args.back(), (std::pair<std::string, std::string>{"first", "2"}));
  // Nothing saved: the good row is still missing, nothing audited.
  EXPECT_EQ(state("D1", "gdp"), "missing");
  EXPECT_EQ(audits("statistic.import"), 0);
}

TEST_P(StatisticImportTest, RangeAndLargeChangeAreCheckedAsOnSubmit) {
  auto errors = refusal(tjj_, workbook({{"CITY", "gdp", "2000000"}, {"D1", "gdp", "90000"}}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].column, "本期值");
  EXPECT_EQ(errors[0].key.key, "statistic.value.above_max");
  EXPECT_EQ(errors[1].row, 3);
  EXPECT_EQ(errors[1].column, "说明");
  EXPECT_EQ(errors[1].key.key, "statistic.explanation.required");
  EXPECT_EQ(state("CITY", "gdp"), "missing");
  // A submitted value is not changed by an import either.
  EXPECT_EQ(s_->statistics.import_table(tjj_, "2026H2", workbook({{"CITY", "gdp", "51000"}})).submitted, 1);
  errors = refusal(tjj_, workbook({{"CITY", "gdp", "52000"}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key.key, "statistic.import.submitted");
  EXPECT_DOUBLE_EQ(*s_->statistics.get(office_, "2026H2", "CITY", "gdp").value, 51000);
}

TEST_P(StatisticImportTest, ScopeRolesShapeAndClosedPeriod) {
  // A district officer: its own district's gdp is the department's to report; another district is unseen.
  auto errors = refusal(d1_, workbook({{"D1", "gdp", "50000"}, {"D2", "gdp", "50000"}}));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].key.key, "statistic.reporter_only");
  EXPECT_EQ(errors[1].key.key, "statistic.not_found");
  EXPECT_THROW(s_->statistics.import_table(inspector_, "2026H2", workbook({{"D1", "gdp", "1"}})), Forbidden);
  // The file's shape: a missing column, no filled row, no workbook at all.
  errors = refusal(tjj_, platform::write_xlsx({{"单位", "指标编码", "本期值"}, {"D1", "gdp", "1"}}, "x"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].row, 1);
  EXPECT_EQ(errors[0].key.key, "statistic.import.column_missing");
  errors = refusal(tjj_, workbook({{"D1", "gdp", ""}}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key.key, "statistic.import.empty");
  try {
    s_->statistics.import_table(tjj_, "2026H2", "单位编码,指标编码,本期值\nD1,gdp,1\n");
    ADD_FAILURE() << "a CSV was taken";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.key().key, "table.file.unreadable");
  }
  // A closed period refuses even a good workbook; nothing saved.
  s_->periods.close(office_, "2026H2");
  try {
    s_->statistics.import_table(tjj_, "2026H2", workbook({{"D1", "gdp", "52000"}}));
    ADD_FAILURE() << "a closed period took values";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "period.closed");
  }
  EXPECT_EQ(state("D1", "gdp"), "missing");
}

}  // namespace
}  // namespace civic::service
