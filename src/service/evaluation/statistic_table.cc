#include "service/evaluation/statistic_table.h"

#include <charconv>
#include <map>

#include "service/evaluation/statistic_service.h"

namespace civic::service {

namespace {

std::string number_cell(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, *v);
  return std::string(buf, r.ptr);
}

// `text` without the spaces (ASCII and U+3000) around it.
std::string trimmed(const std::string& text) {
  size_t a = 0, b = text.size();
  auto space_at = [&](size_t i) -> size_t {
    if (text[i] == ' ' || text[i] == '\t') return 1;
    if (text.compare(i, 3, "\u3000") == 0) return 3;
    return 0;
  };
  while (a < b) {
    size_t n = space_at(a);
    if (!n) break;
    a += n;
  }
  while (b > a) {
    if (text[b - 1] == ' ' || text[b - 1] == '\t') {
      --b;
    } else if (b - a >= 3 && text.compare(b - 3, 3, "\u3000") == 0) {
      b -= 3;
    } else {
      break;
    }
  }
  return text.substr(a, b - a);
}

}  // namespace

platform::Cells statistic_template(const std::vector<StatisticEntry>& entries) {
  platform::Cells cells{
      std::vector<std::string>(std::begin(kStatisticTableHeaders), std::end(kStatisticTableHeaders))};
  for (const auto& e : entries) {
    bool open = e.state == "draft" || e.state == "returned";
    cells.push_back({e.unit, e.unit_name, e.metric, e.item_name, e.measure.value_or(""),
                     number_cell(e.previous), open ? number_cell(e.value) : "", open ? e.explanation : "",
                     open ? e.note : ""});
  }
  return cells;
}

StatisticTable read_statistic_table(std::string_view bytes) {
  if (!platform::looks_like_xlsx(bytes)) {
    throw InvalidInput("file", "the file is not an XLSX workbook", message_key("table.file.unreadable"));
  }
  platform::Cells cells = platform::read_xlsx(bytes);
  StatisticTable out;
  std::map<std::string, size_t> column;
  if (!cells.empty()) {
    for (size_t c = 0; c < cells[0].size(); ++c) column.emplace(trimmed(cells[0][c]), c);
  }
  for (const char* name : {"单位编码", "指标编码", "本期值"}) {
    if (!column.count(name)) {
      out.errors.push_back({1, name, std::string("the column ") + name + " is missing",
                            message_key("statistic.import.column_missing", {{"column", name}})});
    }
  }
  if (!out.errors.empty()) return out;
  for (size_t r = 1; r < cells.size(); ++r) {
    const auto& row = cells[r];
    auto cell = [&](const char* name) -> std::string {
      auto it = column.find(name);
      return it == column.end() || it->second >= row.size() ? std::string() : trimmed(row[it->second]);
    };
    StatisticTableRow filled{static_cast<int>(r) + 1, cell("单位编码"), cell("指标编码"),
                             cell("本期值"),          cell("说明"),     cell("备注")};
    if (filled.value.empty()) continue;
    out.rows.push_back(std::move(filled));
  }
  if (out.rows.empty()) {
    out.errors.push_back(
        {1, "本期值", "no row has a value in 本期值", message_key("statistic.import.empty")});
  }
  return out;
}

}  // namespace civic::service
