#include "domain/reports/document.h"

#include <gtest/gtest.h>

namespace civic::reports {
namespace {

TEST(ChineseNumeral, WritesOneToNinetyNine) {
  EXPECT_EQ(chinese_numeral(1), "一");
  EXPECT_EQ(chinese_numeral(7), "七");
  EXPECT_EQ(chinese_numeral(10), "十");
  EXPECT_EQ(chinese_numeral(11), "十一");
  EXPECT_EQ(chinese_numeral(20), "二十");
  EXPECT_EQ(chinese_numeral(35), "三十五");
  EXPECT_EQ(chinese_numeral(99), "九十九");
  EXPECT_EQ(chinese_numeral(100), "100");
  EXPECT_EQ(chinese_numeral(0), "0");
}

TEST(HeadingLabels, NumberEachLevelAndRestartTheSecondUnderANewFirst) {
  Document doc;
  doc.sections = {{"opening", 0, "", {}}, {"a", 1, "A", {}}, {"a1", 2, "A1", {}},
                  {"a2", 2, "A2", {}},    {"b", 1, "B", {}}, {"b1", 2, "B1", {}}};
  EXPECT_EQ(heading_labels(doc),
            (std::vector<std::string>{"", "一、", "（一）", "（二）", "二、", "（一）"}));
}

TEST(ChineseDate, WritesYearMonthDayWithoutLeadingZeros) {
  EXPECT_EQ(chinese_date("2026-06-30"), "2026年6月30日");
  EXPECT_EQ(chinese_date("2026-01-05"), "2026年1月5日");
  EXPECT_EQ(chinese_date("2026-1-5"), "2026-1-5");
  EXPECT_EQ(chinese_date("June"), "June");
}

TEST(FormatFigure, RatesPointsCountsAndMissing) {
  EXPECT_EQ(format_figure({Figure::Kind::rate, 0.87349, ""}), "87.3%");
  EXPECT_EQ(format_figure({Figure::Kind::rate, 1.0, ""}), "100.0%");
  EXPECT_EQ(format_figure({Figure::Kind::points, 81.256, ""}), "81.26");
  EXPECT_EQ(format_figure({Figure::Kind::count, 12.0, ""}), "12");
  EXPECT_EQ(format_figure({Figure::Kind::rate, std::nullopt, ""}), "—");
  EXPECT_EQ(format_figure({Figure::Kind::text, std::nullopt, "互贸区"}), "互贸区");
  EXPECT_EQ(format_figure({Figure::Kind::rate, -0.00001, ""}), "0.0%");
}

TEST(Placeholders, FindsNamesInOrderAndFillsKnownOnes) {
  std::string text = "得分率{{score.total_rate}}，排名第{{score.rank}}，{{nope}}；{{score.rank}}";
  EXPECT_EQ(placeholders(text),
            (std::vector<std::string>{"score.total_rate", "score.rank", "nope", "score.rank"}));
  Figures f{{"score.total_rate", {Figure::Kind::rate, 0.912, ""}},
            {"score.rank", {Figure::Kind::count, 3.0, ""}}};
  EXPECT_EQ(fill_placeholders(text, f), "得分率91.2%，排名第3，〔nope〕；3");
  EXPECT_EQ(fill_placeholders("没有占位符 {{未闭合", f), "没有占位符 {{未闭合");
}

TEST(PlainText, ReadsHeadingsParagraphsAndTablesInOrder) {
  Document doc;
  doc.title = "工作总结";
  doc.issuer = "办公室";
  doc.date = "2026-06-30";
  Block p;
  p.text = "正文";
  Block t;
  t.kind = Block::Kind::table;
  t.table.caption = "表1";
  t.table.header = {"a", "b"};
  t.table.rows = {{"1", "2"}};
  doc.sections = {{"x", 1, "组织", {p, t}}};
  EXPECT_EQ(plain_text(doc), "工作总结\n办公室\n2026年6月30日\n一、组织\n正文\n表1\na\tb\n1\t2\n");
}

}  // namespace
}  // namespace civic::reports
