// Case categories (contract.md "Cases"): the default list with its time limits (hours from dispatch to due,
// before the severity factor), and the fixed mapping from a framework item to a category used for cases
// opened from inspections. Codes are lowercase ASCII; names are zh-CN with an English name for the UI.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic {

struct CaseCategory {
  std::string code;  // e.g. "environment"
  std::string name;  // 环境卫生
  std::string name_en;
  double time_limit_hours = 72;
};

// environment, order, traffic, facilities, greening, publicity, service, construction, other (in this order).
const std::vector<CaseCategory>& case_categories();
std::optional<CaseCategory> find_case_category(std::string_view code);
// {code → time_limit_hours} for CasePolicy::time_limit_hours_by_category.
std::map<std::string, double> case_category_time_limits();
// The category for a failed check of framework item `item_code` with name `item_name`: decided by keywords
// of the item name (环境/卫生/垃圾 → environment, 交通/停车 → traffic, …); "other" when none matches.
std::string case_category_for_item(std::string_view item_code, std::string_view item_name);

}  // namespace civic
