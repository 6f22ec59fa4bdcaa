#include "service/evaluation/framework_table_import.h"

#include <charconv>
#include <map>
#include <optional>

#include "bundle/framework_document.h"
#include "platform/spreadsheet.h"

namespace civic::service {

namespace {

const char* const kRequired[] = {"方面编码", "方面",     "指标编码", "指标",
                                 "项目编码", "项目名称", "测评方法", "分值"};

std::optional<Method> method_of(const std::string& text) {
  if (text == "实地考察") return Method::field;
  if (text == "问卷调查") return Method::survey;
  if (text == "数据指标") return Method::statistic;
  if (text == "材料审核") return Method::material;
  return parse_method(text);
}

std::optional<double> number_of(const std::string& text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::vector<std::string> list_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    size_t a = current.find_first_not_of(' '), b = current.find_last_not_of(' ');
    if (a != std::string::npos) out.push_back(current.substr(a, b - a + 1));
    current.clear();
  };
  for (size_t i = 0; i < text.size();) {
    // Separators: "、" and "，" (3 bytes each in UTF-8) and ",".
    if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0) {
      flush();
      i += 3;
    } else if (text[i] == ',') {
      flush();
      ++i;
    } else {
      current += text[i++];
    }
  }
  flush();
  return out;
}

}  // namespace

Framework read_framework_table(std::string_view bytes) {
  if (!platform::looks_like_xlsx(bytes)) {
    throw InvalidInput("file", "the file is not an XLSX workbook", message_key("table.file.unreadable"));
  }
  platform::Cells cells = platform::read_xlsx(bytes);
  std::vector<TableCellError> errors;
  std::map<std::string, size_t> column;
  if (!cells.empty()) {
    for (size_t c = 0; c < cells[0].size(); ++c) column.emplace(cells[0][c], c);
  }
  for (const char* name : kRequired) {
    if (!column.count(name)) errors.push_back({1, name, std::string("the column ") + name + " is missing"});
  }
  if (!errors.empty()) throw InvalidTable(errors);
  if (cells.size() < 2) throw InvalidTable({{1, "", "the table has no rows below its header"}});

  Framework f;
  std::map<std::string, Aspect*> aspects;
  std::map<std::string, Indicator*> indicators;
  std::map<std::string, Item*> items;
  for (size_t r = 1; r < cells.size(); ++r) {
    const auto& row = cells[r];
    const int line = static_cast<int>(r) + 1;
    auto cell = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it == column.end() || it->second >= row.size() ? std::string() : row[it->second];
    };
    bool blank = true;
    for (const auto& v : row) blank = blank && v.empty();
    if (blank) continue;
    size_t before = errors.size();
    for (const char* name : kRequired) {
      if (cell(name).empty()) errors.push_back({line, name, "is required"});
    }
    auto method = method_of(cell("测评方法"));
    if (!cell("测评方法").empty() && !method)
      errors.push_back(
          {line, "测评方法",
           "unknown method " + cell("测评方法") + " (实地考察, 问卷调查, 数据指标 or 材料审核)"});
    auto points = number_of(cell("分值"));
    if (!cell("分值").empty() && !points) errors.push_back({line, "分值", "must be a number"});
    std::optional<double> deduct;
    if (!cell("测评标准编码").empty()) {
      deduct = number_of(cell("扣分"));
      if (!deduct) errors.push_back({line, "扣分", "a check needs its deduction as a number"});
    }
    if (errors.size() != before) continue;

    Aspect*& a = aspects[cell("方面编码")];
    if (!a) {
      f.aspects.push_back(Aspect{cell("方面编码"), cell("方面"), std::nullopt, {}});
      a = &f.aspects.back();
      indicators.clear();  // pointers into the previous aspect stay valid only while it is the last
    }
    // Aspects, indicators and items are kept in sheet order; a code seen again continues its node only while
    // the rows are contiguous (a new node was appended after it otherwise).
    if (a != &f.aspects.back()) {
      errors.push_back({line, "方面编码", "the rows of aspect " + cell("方面编码") + " are not together"});
      continue;
    }
    Indicator*& ind = indicators[cell("指标编码")];
    if (!ind) {
      a->indicators.push_back(Indicator{cell("指标编码"), cell("指标"), std::nullopt, {}});
      ind = &a->indicators.back();
      items.clear();
    }
    if (ind != &a->indicators.back()) {
      errors.push_back({line, "指标编码", "the rows of indicator " + cell("指标编码") + " are not together"});
      continue;
    }
    Item*& item = items[cell("项目编码")];
    if (!item) {
      Item fresh;
      fresh.code = cell("项目编码");
      fresh.name = cell("项目名称");
      fresh.method = *method;
      fresh.max_score = *points;
      if (!cell("牵头单位").empty()) fresh.lead_unit = cell("牵头单位");
      fresh.responsible_units = list_of(cell("责任单位"));
      ind->items.push_back(std::move(fresh));
      item = &ind->items.back();
    }
    if (item != &ind->items.back()) {
      errors.push_back({line, "项目编码", "the rows of item " + cell("项目编码") + " are not together"});
      continue;
    }
    if (!cell("测评标准编码").empty()) {
      item->checks.push_back(Check{cell("测评标准编码"), cell("测评标准"), std::nullopt, *deduct,
                                   list_of(cell("点位类型")), true});
    }
  }
  if (!errors.empty()) throw InvalidTable(errors);
  return f;
}

std::string merge_framework_table(const std::string& base_document, const Framework& table) {
  Framework base = bundle::read_framework_document(base_document);
  std::map<std::string, const Item*> by_code;
  for (const Item* item : base.items()) by_code[item->code] = item;
  std::map<std::string, std::optional<std::string>> english;
  for (const auto& a : base.aspects) {
    english[a.code] = a.name_en;
    for (const auto& i : a.indicators) english[i.code] = i.name_en;
  }
  Framework out = base;
  out.aspects = table.aspects;
  for (auto& a : out.aspects) {
    if (english.count(a.code)) a.name_en = english[a.code];
    for (auto& i : a.indicators) {
      if (english.count(i.code)) i.name_en = english[i.code];
      for (auto& item : i.items) {
        auto it = by_code.find(item.code);
        if (it == by_code.end()) continue;
        const Item& old = *it->second;
        item.name_en = old.name_en;
        item.description = old.description;
        if (old.method != item.method) continue;
        item.question = old.question;
        item.positive = old.positive;
        item.curve = old.curve;
        item.metric = old.metric;
        item.target = old.target;
        item.direction = old.direction;
        item.floor = old.floor;
        item.ceiling = old.ceiling;
        std::map<std::string, std::optional<std::string>> check_en;
        for (const auto& c : old.checks) check_en[c.code] = c.text_en;
        for (auto& c : item.checks) {
          if (check_en.count(c.code)) c.text_en = check_en[c.code];
        }
      }
    }
  }
  return bundle::write_framework_document(out);
}

}  // namespace civic::service
