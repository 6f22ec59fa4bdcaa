#include "domain/cases/case_category.h"

#include <gtest/gtest.h>

#include <set>

namespace civic {
namespace {

TEST(CaseCategory, DefaultListHasContractTimeLimits) {
  ASSERT_EQ(case_categories().size(), 9u);
  EXPECT_EQ(find_case_category("environment")->time_limit_hours, 48);
  EXPECT_EQ(find_case_category("facilities")->time_limit_hours, 120);
  EXPECT_EQ(find_case_category("service")->name, "窗口服务");
  EXPECT_FALSE(find_case_category("nope").has_value());
  std::set<std::string> codes;
  for (const auto& c : case_categories()) {
    EXPECT_FALSE(c.name_en.empty()) << c.code;
    codes.insert(c.code);
  }
  EXPECT_EQ(codes.size(), 9u);
  EXPECT_EQ(case_category_time_limits().at("order"), 72);
}

TEST(CaseCategory, ItemNamesMapToCategoriesAndUnknownIsOther) {
  EXPECT_EQ(case_category_for_item("X", "农贸市场环境卫生"), "environment");
  EXPECT_EQ(case_category_for_item("X", "机动车礼让斑马线"), "traffic");
  EXPECT_EQ(case_category_for_item("X", "建筑工地围挡"), "construction");
  EXPECT_EQ(case_category_for_item("X", "公益广告刊播"), "publicity");
  EXPECT_EQ(case_category_for_item("X", "无关内容"), "other");
}

}  // namespace
}  // namespace civic
