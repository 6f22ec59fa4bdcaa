// BulletinService::html: the bulletin as a standalone HTML document (the console's preview and print);
// bulletin_document_model / bulletin_document (bulletin_document.h): the same bulletin as a report document
// rendered as PDF or DOCX by the report renderers.
#include "service/bulletins/bulletin_document.h"

#include <boost/json.hpp>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "service/bulletins/bulletin_service.h"

namespace civic::service {

namespace json = boost::json;

namespace {

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
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
      default:
        out += c;
    }
  }
  return out;
}

std::string paragraphs(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) out += "<p>" + esc(line) + "</p>\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string cell(const json::value& v) {
  if (v.is_string()) return esc(v.as_string());
  if (v.is_null()) return "—";
  if (v.is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v.as_double());
    return buf;
  }
  return esc(json::serialize(v));
}

std::string percent(const json::value& v) {
  if (!v.is_number()) return "—";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v.to_number<double>() * 100);
  return buf;
}

struct Column {
  const char* key;
  const char* head;
  bool rate = false;
};

const char* chinese_numeral(int n) {
  static const char* numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  return n >= 1 && n <= 10 ? numerals[n - 1] : "";
}

// The sections a bulletin may hold, by key: the heading and the table's columns.
const std::map<std::string, std::pair<std::string, std::vector<Column>>> kSections = {
    {"red_list",
     {"红榜",
      {{"rank", "名次"},
       {"unit_name", "单位"},
       {"composite", "综合得分"},
       {"closure_rate", "结案率", true},
       {"on_time_closure_rate", "按期结案率", true}}}},
    {"black_list",
     {"黑榜",
      {{"rank", "名次"},
       {"unit_name", "单位"},
       {"composite", "综合得分"},
       {"closure_rate", "结案率", true},
       {"overdue_open", "超期未结"}}}},
    {"overdue_cases",
     {"超期未办结案卷",
      {{"case", "案卷编号"}, {"title", "问题"}, {"unit_name", "责任单位"}, {"due_at", "办结期限"}}}},
    {"recurring_problems",
     {"反复出现的问题",
      {{"site", "点位"},
       {"unit", "单位"},
       {"item_name", "测评项目"},
       {"check_text", "检查内容"},
       {"failures", "不合格次数"}}}},
    {"units_behind",
     {"进度滞后单位",
      {{"unit_name", "单位"},
       {"progress", "完成进度", true},
       {"expected", "应完成进度", true},
       {"overdue_tasks", "超期任务"}}}},
    {"weakest_items",
     {"薄弱环节",
      {{"item", "编号"},
       {"item_name", "测评项目"},
       {"score", "得分"},
       {"max_score", "满分"},
       {"rate", "得分率", true},
       {"lost", "失分"}}}},
};
// A cell's plain text (the PDF and DOCX renderers escape for themselves).
std::string plain_cell(const json::value* v, bool rate) {
  if (!v || v->is_null()) return "—";
  if (rate) return percent(*v);
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_double()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v->as_double());
    return buf;
  }
  return json::serialize(*v);
}

// The non-empty lines of `text`, one paragraph block each.
void add_paragraphs(std::vector<reports::Block>& blocks, const std::string& text) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    if (!line.empty()) {
      reports::Block block;
      block.kind = reports::Block::Kind::paragraph;
      block.text = line;
      blocks.push_back(std::move(block));
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

}  // namespace

reports::Document bulletin_document_model(BulletinService& bulletins, const Principal& who, long long id) {
  Bulletin b = bulletins.get(who, id);
  json::value content = json::parse(b.content_json.empty() ? "{}" : b.content_json);
  reports::Document doc;
  doc.title = b.title;
  doc.issuer = b.unit_name;
  if (b.published_at) doc.date = to_iso(civil_date_of(*b.published_at));
  doc.footer =
      b.unit_name + " · " + b.period +
      (b.state != "published" ? std::string(" · ") + (b.state == "withdrawn" ? "已撤回" : "草稿") : "");
  reports::Section opening;
  opening.key = "opening";
  opening.level = 0;
  add_paragraphs(opening.blocks, b.prose.opening);
  if (!opening.blocks.empty()) doc.sections.push_back(std::move(opening));
  if (content.is_object() && content.as_object().contains("sections")) {
    for (const auto& s : content.at("sections").as_array()) {
      std::string key(s.at("key").as_string());
      auto it = kSections.find(key);
      if (it == kSections.end()) continue;
      reports::Section section;
      section.key = key;
      section.level = 1;
      section.title = it->second.first;
      if (auto r = b.prose.remarks.find(key); r != b.prose.remarks.end())
        add_paragraphs(section.blocks, r->second);
      const auto& rows = s.at("rows").as_array();
      if (s.as_object().contains("unavailable") || rows.empty()) {
        add_paragraphs(section.blocks, s.as_object().contains("unavailable") ? "（暂无数据）" : "无。");
      } else {
        reports::Block table;
        table.kind = reports::Block::Kind::table;
        table.table.caption = it->second.first;
        table.table.sheet = key.substr(0, 31);
        for (const auto& c : it->second.second) table.table.header.emplace_back(c.head);
        for (const auto& row : rows) {
          std::vector<std::string> cells;
          for (const auto& c : it->second.second)
            cells.push_back(plain_cell(row.as_object().if_contains(c.key), c.rate));
          table.table.rows.push_back(std::move(cells));
        }
        section.blocks.push_back(std::move(table));
      }
      doc.sections.push_back(std::move(section));
    }
  }
  if (!b.prose.closing.empty()) {
    reports::Section closing;
    closing.key = "closing";
    closing.level = 0;
    add_paragraphs(closing.blocks, b.prose.closing);
    doc.sections.push_back(std::move(closing));
  }
  return doc;
}

render::RenderedFile bulletin_document(BulletinService& bulletins, const Principal& who, long long id,
                                       const std::string& format) {
  if (format == "html") return {bulletins.html(who, id), "text/html; charset=utf-8", "html"};
  if (format != "pdf" && format != "docx") {
    throw InvalidInput("format", "format is html, pdf or docx", message_key("bulletin.format.invalid"));
  }
  return render::render_document(bulletin_document_model(bulletins, who, id), {}, format);
}

std::string BulletinService::html(const Principal& who, long long id) {
  Bulletin b = get(who, id);
  json::value content = json::parse(b.content_json.empty() ? "{}" : b.content_json);

  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + esc(b.title) +
      "</title><style>body{font-family:'Noto Serif CJK SC','SimSun',serif;max-width:780px;margin:2em auto;"
      "line-height:1.8}h1{font-family:'Noto Sans CJK "
      "SC','SimHei',sans-serif;text-align:center;font-size:22pt}"
      "h2{font-family:'Noto Sans CJK SC','SimHei',sans-serif;font-size:15pt}p{text-indent:2em;margin:.3em 0}"
      "table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:2px 6px;font-size:11pt}"
      ".meta{text-align:center;color:#444}</style></head><body>\n";
  out += "<h1>" + esc(b.title) + "</h1>\n";
  out += "<div class=\"meta\">" + esc(b.unit_name) + " · " + esc(b.period) +
         (b.published_at ? " · " + esc(to_iso(civil_date_of(*b.published_at))) : "") +
         (b.state != "published" ? " · " + esc(b.state == "withdrawn" ? "已撤回" : "草稿") : "") + "</div>\n";
  out += paragraphs(b.prose.opening);
  int n = 0;
  if (content.is_object() && content.as_object().contains("sections")) {
    for (const auto& s : content.at("sections").as_array()) {
      std::string key(s.at("key").as_string());
      auto it = kSections.find(key);
      if (it == kSections.end()) continue;
      out += "<h2>" + std::string(chinese_numeral(++n)) + "、" + esc(it->second.first) + "</h2>\n";
      if (auto r = b.prose.remarks.find(key); r != b.prose.remarks.end()) out += paragraphs(r->second);
      const auto& rows = s.at("rows").as_array();
      if (s.as_object().contains("unavailable")) {
        out += "<p>（暂无数据）</p>\n";
        continue;
      }
      if (rows.empty()) {
        out += "<p>无。</p>\n";
        continue;
      }
      out += "<table><tr>";
      for (const auto& c : it->second.second) out += std::string("<th>") + c.head + "</th>";
      out += "</tr>\n";
      for (const auto& row : rows) {
        out += "<tr>";
        for (const auto& c : it->second.second) {
          const json::value* v = row.as_object().if_contains(c.key);
          out += "<td>" + (v ? (c.rate ? percent(*v) : cell(*v)) : std::string("—")) + "</td>";
        }
        out += "</tr>\n";
      }
      out += "</table>\n";
    }
  }
  out += paragraphs(b.prose.closing);
  out += "</body></html>\n";
  return out;
}

}  // namespace civic::service
