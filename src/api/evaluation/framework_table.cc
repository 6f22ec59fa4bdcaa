#include "api/evaluation/framework_table.h"

#include <charconv>

namespace civic::api {

namespace {

// The shortest text that reads back as `v` ("2", "0.5").
std::string number(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string();
}

const char* method_zh(Method m) {
  switch (m) {
    case Method::field:
      return "实地考察";
    case Method::survey:
      return "问卷调查";
    case Method::statistic:
      return "数据指标";
    case Method::material:
      return "材料审核";
  }
  return "";
}

std::string joined(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& s : list) out += (out.empty() ? "" : "、") + s;
  return out;
}

}  // namespace

platform::Cells framework_table(const Framework& f) {
  platform::Cells cells{{"方面编码", "方面", "指标编码", "指标", "项目编码", "项目名称", "测评方法", "分值",
                         "测评标准编码", "测评标准", "扣分", "点位类型", "牵头单位", "责任单位"}};
  for (const auto& a : f.aspects) {
    for (const auto& i : a.indicators) {
      for (const auto& item : i.items) {
        std::vector<std::string> head{a.code,
                                      a.name,
                                      i.code,
                                      i.name,
                                      item.code,
                                      item.name,
                                      method_zh(item.method),
                                      number(item.max_score)};
        std::vector<std::string> tail{item.lead_unit.value_or(""), joined(item.responsible_units)};
        auto row = [&](std::vector<std::string> check) {
          std::vector<std::string> r = head;
          r.insert(r.end(), check.begin(), check.end());
          r.insert(r.end(), tail.begin(), tail.end());
          cells.push_back(std::move(r));
        };
        if (item.checks.empty()) row({"", "", "", ""});
        for (const auto& c : item.checks) row({c.code, c.text, number(c.deduct), joined(c.site_types)});
      }
    }
  }
  return cells;
}

}  // namespace civic::api
