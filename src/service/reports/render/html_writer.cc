#include "service/reports/render/html_writer.h"

#include "service/reports/render/chart_painter.h"

namespace civic::service::render {

using reports::Block;

namespace {

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

constexpr const char* kStyle = R"(
body{margin:0;background:#f2f2f2;color:#000}
.page{max-width:210mm;margin:0 auto;padding:25mm 20mm;background:#fff;box-sizing:border-box;
font-family:"SimSun","宋体","Noto Serif CJK SC","Source Han Serif SC",serif;font-size:16px;line-height:1.8}
h1{font-family:"SimHei","黑体","Noto Sans CJK SC","Source Han Sans SC",sans-serif;font-size:26px;text-align:center;
margin:0 0 8px;line-height:1.4}
.issuer,.date{text-align:center;margin:0}
.date{margin-bottom:24px}
h2{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif;font-size:18px;text-indent:2em;margin:18px 0 6px}
h3{font-size:16px;font-weight:bold;text-indent:2em;margin:12px 0 4px}
p{text-indent:2em;margin:0 0 6px;text-align:justify}
table{border-collapse:collapse;width:100%;margin:4px 0 14px;font-family:"SimHei","Noto Sans CJK SC",sans-serif;
font-size:13px;line-height:1.4}
caption{font-weight:bold;padding:4px}
th,td{border:1px solid #000;padding:3px 5px;text-align:center}
th{background:#ebebeb}
td:first-child{text-align:left}
figure{margin:8px auto 14px;text-align:center}
svg.chart{width:100%;max-width:560px;font-family:"Noto Sans CJK SC",sans-serif}
.footer{margin-top:28px;font-size:11px;color:#555;text-align:center;font-family:sans-serif}
@media print{body{background:#fff}.page{padding:0;max-width:none}@page{size:A4;margin:25mm 20mm}}
)";

}  // namespace

std::string write_html(const reports::Document& doc) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" +
                    escape(doc.title) + "</title><style>" + kStyle +
                    "</style></head><body><article class=\"page\">";
  out += "<h1>" + escape(doc.title) + "</h1>";
  out += "<p class=\"issuer\">" + escape(doc.issuer) + "</p>";
  out += "<p class=\"date\">" + escape(reports::chinese_date(doc.date)) + "</p>";
  auto labels = reports::heading_labels(doc);
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const auto& s = doc.sections[i];
    out += "<section data-section=\"" + escape(s.key) + "\">";
    if (s.level == 1) out += "<h2>" + escape(labels[i] + s.title) + "</h2>";
    if (s.level == 2) out += "<h3>" + escape(labels[i] + s.title) + "</h3>";
    for (const auto& b : s.blocks) {
      if (b.kind == Block::Kind::paragraph) {
        out += "<p>" + escape(b.text) + "</p>";
      } else if (b.kind == Block::Kind::table) {
        out += "<table><caption>" + escape(b.table.caption) + "</caption><thead><tr>";
        for (const auto& h : b.table.header) out += "<th>" + escape(h) + "</th>";
        out += "</tr></thead><tbody>";
        for (const auto& r : b.table.rows) {
          out += "<tr>";
          for (const auto& c : r) out += "<td>" + escape(c) + "</td>";
          out += "</tr>";
        }
        out += "</tbody></table>";
      } else {
        double h = b.chart.kind == reports::Chart::Kind::radar ? 300 : 220;
        out += "<figure>" + chart_svg(b.chart, 400, h) + "</figure>";
      }
    }
    out += "</section>";
  }
  if (!doc.footer.empty()) out += "<p class=\"footer\">" + escape(doc.footer) + "</p>";
  return out + "</article></body></html>\n";
}

}  // namespace civic::service::render
