#include "domain/sites/site_table.h"

#include <gtest/gtest.h>

namespace civic {
namespace {

TEST(SiteTable, ParsesEnglishHeaderQuotedFieldsAndBom) {
  std::string csv =
      "\xEF\xBB\xBF"
      "code,name,type,unit,lat,lon,address,grid_cell\r\n"
      "S1,\"主街, 东段\",主干道,D1,31.5,121.25,\"He said \"\"hi\"\"\",G-01\r\n"
      "S2,菜市场,农贸市场,D2,,,\"line1\nline2\",\r\n"
      "\r\n";
  SiteTable t = parse_site_table(csv);
  ASSERT_TRUE(t.errors.empty()) << t.errors[0].message;
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_FALSE(t.chinese_header);
  EXPECT_EQ(t.rows[0].row, 2);
  EXPECT_EQ(t.rows[0].name, "主街, 东段");
  EXPECT_EQ(t.rows[0].address, "He said \"hi\"");
  EXPECT_DOUBLE_EQ(*t.rows[0].lat, 31.5);
  EXPECT_DOUBLE_EQ(*t.rows[0].lon, 121.25);
  EXPECT_EQ(t.rows[0].grid_cell, "G-01");
  EXPECT_EQ(t.rows[1].row, 3);
  EXPECT_FALSE(t.rows[1].lat);
  EXPECT_EQ(t.rows[1].address, "line1\nline2");
}

TEST(SiteTable, ChineseHeaderInAnyOrderNamesErrorsInChinese) {
  std::string csv =
      "点位名称,点位编号,责任单位,点位类型,纬度,经度\n"
      "好街,S1,D1,主干道,91,121\n"
      "坏街,,D1,主干道,30,121\n"
      "又一,S1,D1,,30,abc\n";
  SiteTable t = parse_site_table(csv);
  EXPECT_TRUE(t.chinese_header);
  EXPECT_TRUE(t.rows.empty());
  ASSERT_EQ(t.errors.size(), 5u);
  EXPECT_EQ(t.errors[0].row, 2);
  EXPECT_EQ(t.errors[0].column, "纬度");
  EXPECT_EQ(t.errors[1].row, 3);
  EXPECT_EQ(t.errors[1].column, "点位编号");
  // Row 4: duplicate code of row 2, missing type, bad longitude.
  EXPECT_EQ(t.errors[2].row, 4);
  EXPECT_EQ(t.errors[2].column, "点位编号");
  EXPECT_NE(t.errors[2].message.find("row 2"), std::string::npos);
  EXPECT_EQ(t.errors[3].column, "点位类型");
  EXPECT_EQ(t.errors[4].column, "经度");
}

TEST(SiteTable, HeaderProblemsAreRowOne) {
  SiteTable missing = parse_site_table("code,name,unit\nS1,x,D1\n");
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].row, 1);
  EXPECT_EQ(missing.errors[0].column, "type");
  SiteTable unknown = parse_site_table("code,name,type,unit,colour\n");
  ASSERT_FALSE(unknown.errors.empty());
  EXPECT_EQ(unknown.errors[0].column, "colour");
  SiteTable lonely = parse_site_table("code,name,type,unit,lat\nS1,a,b,c,1\n");
  ASSERT_EQ(lonely.errors.size(), 1u);
  EXPECT_EQ(lonely.errors[0].column, "lon");
  EXPECT_FALSE(parse_site_table("").errors.empty());
  EXPECT_FALSE(parse_site_table("code,name,type,unit\n").errors.empty());  // no sites
}

TEST(SiteTable, UnclosedQuoteNamesItsRow) {
  SiteTable t = parse_site_table("code,name,type,unit\nS1,ok,t,u\nS2,\"broken,t,u\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].row, 3);
}

TEST(SiteTable, LatitudeWithoutLongitudeInARow) {
  SiteTable t = parse_site_table("code,name,type,unit,lat,lon\nS1,a,b,c,30,\n");
  ASSERT_EQ(t.errors.size(), 1u);
  EXPECT_EQ(t.errors[0].column, "lon");
}

TEST(SiteTable, WriteThenParseRoundTrips) {
  std::vector<SiteTableRow> rows(2);
  rows[0] = {0, "S1", "主街, \"东\"", "主干道", "D1", 31.123456, 121.5, "地址\n二行", "G1"};
  rows[1] = {0, "S2", "菜市场", "农贸市场", "D2", std::nullopt, std::nullopt, "", ""};
  for (bool chinese : {false, true}) {
    std::string csv = write_site_table(rows, chinese);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_EQ(csv.find(chinese ? "点位编号" : "code,name"), 3u);
    SiteTable back = parse_site_table(csv);
    ASSERT_TRUE(back.errors.empty());
    EXPECT_EQ(back.chinese_header, chinese);
    ASSERT_EQ(back.rows.size(), 2u);
    EXPECT_EQ(back.rows[0].name, rows[0].name);
    EXPECT_EQ(back.rows[0].address, rows[0].address);
    EXPECT_DOUBLE_EQ(*back.rows[0].lat, 31.123456);
    EXPECT_FALSE(back.rows[1].lat);
  }
}

}  // namespace
}  // namespace civic
