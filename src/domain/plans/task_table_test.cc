#include "domain/plans/task_table.h"

#include <gtest/gtest.h>

#include "domain/core/table_errors.h"

namespace civic {
namespace {

using Cells = std::vector<std::vector<std::string>>;

bool has_error(const TaskTable& t, int row, const std::string& column) {
  for (const auto& e : t.errors) {
    if (e.row == row && e.column == column) return true;
  }
  return false;
}

TEST(TaskTable, ChineseHeadersInAnyOrderAndListsSplitOnEitherSeparator) {
  Cells cells{{"完成时限", "任务编号", "任务内容", "专项行动", "牵头单位", "责任单位", "开始日期", "权重",
               "关联测评内容"},
              {"2026-03-31", "T-1", "清理卫生死角", "YMHJ", "HM-S01", "HM-S01-C01、HM-S01-C02", "2026/3/1",
               "2", "A1.1.1,A1.1.2"},
              {"", "", "", "", "", "", "", "", ""},
              {"2026-04-30", "T-2", "整治占道经营", "YLZX", "HM-S02", "HM-S02-C01，HM-S02-C02", "2026-03-01",
               "", ""}};
  TaskTable t = parse_task_table(cells);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].row, 2);
  EXPECT_EQ(t.rows[0].code, "T-1");
  EXPECT_EQ(t.rows[0].co_units, (std::vector<std::string>{"HM-S01-C01", "HM-S01-C02"}));
  EXPECT_EQ(t.rows[0].items, (std::vector<std::string>{"A1.1.1", "A1.1.2"}));
  EXPECT_EQ(to_iso(t.rows[0].start), "2026-03-01");
  EXPECT_DOUBLE_EQ(t.rows[0].weight, 2);
  EXPECT_EQ(t.rows[1].row, 4);  // the blank row keeps its number
  EXPECT_DOUBLE_EQ(t.rows[1].weight, 1);
  EXPECT_EQ(t.rows[1].co_units.size(), 2u);
}

TEST(TaskTable, EnglishHeaders) {
  Cells cells{{"code", "title", "action", "owner", "start", "due", "Weight"},
              {"T-1", "Clean", "A", "HM", "2026-03-01", "2026-03-02", "0.5"}};
  TaskTable t = parse_task_table(cells);
  ASSERT_TRUE(t.errors.empty());
  EXPECT_DOUBLE_EQ(t.rows[0].weight, 0.5);
}

TEST(TaskTable, EveryErrorNamesRowAndColumn) {
  Cells cells{{"任务编号", "任务内容", "专项行动", "牵头单位", "开始日期", "完成时限", "权重"},
              {"T-1", "", "A", "HM", "2026-03-01", "2026-02-01", "1"},
              {"T-1", "x", "A", "HM", "2026-13-01", "2026-03-01", "0"},
              {"bad code!", "x", "", "", "2026-03-01", "2026-03-02", "abc"}};
  TaskTable t = parse_task_table(cells);
  EXPECT_TRUE(t.rows.empty());
  EXPECT_TRUE(has_error(t, 2, "任务内容"));
  EXPECT_TRUE(has_error(t, 2, "完成时限"));  // due before start
  EXPECT_TRUE(has_error(t, 3, "任务编号"));  // duplicate code
  EXPECT_TRUE(has_error(t, 3, "开始日期"));
  EXPECT_TRUE(has_error(t, 3, "权重"));
  EXPECT_TRUE(has_error(t, 4, "任务编号"));
  EXPECT_TRUE(has_error(t, 4, "专项行动"));
  EXPECT_TRUE(has_error(t, 4, "牵头单位"));
  EXPECT_TRUE(has_error(t, 4, "权重"));
  InvalidTable rejected(t.errors);
  EXPECT_EQ(std::string(rejected.what()), "3 rows have errors");
  EXPECT_EQ(rejected.field(), "file");
}

TEST(TaskTable, MissingAndUnknownColumnsAreHeaderErrors) {
  TaskTable t = parse_task_table({{"任务编号", "任务内容", "备注"}, {"T-1", "x", "y"}});
  EXPECT_TRUE(has_error(t, 1, "备注"));
  EXPECT_TRUE(has_error(t, 1, "完成时限"));
  EXPECT_TRUE(has_error(t, 1, "牵头单位"));
  EXPECT_TRUE(t.rows.empty());
}

TEST(TaskTable, SpreadsheetDateSerials) {
  // 46082 = 2026-03-01 in the 1900 date system.
  TaskTable t = parse_task_table(
      {{"code", "title", "action", "owner", "start", "due"}, {"T-1", "x", "A", "HM", "46082", "46083"}});
  ASSERT_TRUE(t.errors.empty());
  EXPECT_EQ(to_iso(t.rows[0].start), "2026-03-01");
  EXPECT_EQ(to_iso(t.rows[0].due), "2026-03-02");
}

TEST(Csv, RoundTripsQuotesCommasNewlinesAndDropsBom) {
  Cells cells{{"a", "b,c", "say \"hi\""}, {"line\nbreak", "", "中文、列表"}};
  std::string text = to_csv(cells);
  EXPECT_EQ(parse_csv(text), cells);
  EXPECT_EQ(parse_csv("\xEF\xBB\xBFx,y\n1,2"), (Cells{{"x", "y"}, {"1", "2"}}));
}

TEST(TaskTable, ExportRowParsesBack) {
  TaskTableRow r;
  r.code = "T-9";
  r.title = "宣传, 发动";
  r.action = "YXHD";
  r.owner = "HM";
  r.co_units = {"HM-S01", "HM-S02"};
  r.items = {"A1.1.1"};
  r.start = *parse_iso_date("2026-01-05");
  r.due = *parse_iso_date("2026-02-05");
  r.weight = 1.5;
  r.deliverable = "方案";
  TaskTable t = parse_task_table(parse_csv(to_csv({task_table_header(), task_table_cells(r)})));
  ASSERT_TRUE(t.errors.empty());
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].title, r.title);
  EXPECT_EQ(t.rows[0].co_units, r.co_units);
  EXPECT_DOUBLE_EQ(t.rows[0].weight, 1.5);
  EXPECT_EQ(t.rows[0].deliverable, "方案");
}

}  // namespace
}  // namespace civic
