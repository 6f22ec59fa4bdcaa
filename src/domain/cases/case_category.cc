#include "domain/cases/case_category.h"

#include <array>
#include <utility>

namespace civic {

const std::vector<CaseCategory>& case_categories() {
  static const std::vector<CaseCategory> list = {
      {"environment", "环境卫生", "Environmental sanitation", 48},
      {"order", "市容秩序", "Street order", 72},
      {"traffic", "交通秩序", "Traffic order", 72},
      {"facilities", "公共设施", "Public facilities", 120},
      {"greening", "园林绿化", "Greening", 120},
      {"publicity", "公益宣传", "Public-interest publicity", 72},
      {"service", "窗口服务", "Service counters", 48},
      {"construction", "建筑工地", "Construction sites", 72},
      {"other", "其他", "Other", 120},
  };
  return list;
}

std::optional<CaseCategory> find_case_category(std::string_view code) {
  for (const CaseCategory& c : case_categories()) {
    if (c.code == code) return c;
  }
  return std::nullopt;
}

std::map<std::string, double> case_category_time_limits() {
  std::map<std::string, double> out;
  for (const CaseCategory& c : case_categories()) out[c.code] = c.time_limit_hours;
  return out;
}

std::string case_category_for_item(std::string_view /*item_code*/, std::string_view item_name) {
  // First match wins; more specific words come first.
  static const std::array<std::pair<const char*, const char*>, 24> kKeywords = {{
      {"工地", "construction"}, {"施工", "construction"}, {"建筑", "construction"}, {"交通", "traffic"},
      {"停车", "traffic"},      {"斑马线", "traffic"},    {"非机动车", "traffic"},  {"公益广告", "publicity"},
      {"宣传", "publicity"},    {"广告", "publicity"},    {"窗口", "service"},      {"服务", "service"},
      {"绿化", "greening"},     {"园林", "greening"},     {"绿地", "greening"},     {"设施", "facilities"},
      {"厕所", "facilities"},   {"垃圾", "environment"},  {"卫生", "environment"},  {"环境", "environment"},
      {"保洁", "environment"},  {"占道", "order"},        {"摊", "order"},          {"市容", "order"},
  }};
  for (const auto& [word, code] : kKeywords) {
    if (item_name.find(word) != std::string_view::npos) return code;
  }
  return "other";
}

}  // namespace civic
