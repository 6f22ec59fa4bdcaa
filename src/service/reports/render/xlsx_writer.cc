#include "service/reports/render/xlsx_writer.h"

#include <cstdio>
#include <set>

#include "platform/spreadsheet.h"

namespace civic::service::render {

namespace {

std::string raw(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Cuts `s` to at most `n` UTF-8 characters.
std::string first_chars(const std::string& s, size_t n) {
  size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == n) break;
  }
  return s.substr(0, i);
}

}  // namespace

std::string write_report_xlsx(const reports::Document& doc, const reports::Figures& figures) {
  std::vector<platform::Sheet> sheets;
  platform::Cells data{{"名称 name", "数值 value", "显示 shown"}};
  for (const auto& [name, f] : figures) {
    std::string value = f.kind == reports::Figure::Kind::text ? f.text : (f.value ? raw(*f.value) : "");
    data.push_back({name, value, reports::format_figure(f)});
  }
  sheets.push_back({"数据", std::move(data), true});
  std::set<std::string> used{"数据"};
  for (const auto& s : doc.sections) {
    for (const auto& b : s.blocks) {
      if (b.kind != reports::Block::Kind::table) continue;
      std::string base = first_chars(b.table.sheet.empty() ? b.table.caption : b.table.sheet, 28),
                  name = base;
      for (int n = 2; used.count(name); ++n) name = base + std::to_string(n);
      used.insert(name);
      platform::Cells cells{b.table.header};
      for (const auto& r : b.table.rows) cells.push_back(r);
      sheets.push_back({name, std::move(cells), false});
    }
  }
  return platform::write_xlsx_workbook(sheets);
}

}  // namespace civic::service::render
