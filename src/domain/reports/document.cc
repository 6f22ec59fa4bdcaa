#include "domain/reports/document.h"

#include <cmath>
#include <cstdio>

namespace civic::reports {

namespace {

constexpr const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s == "-0.0" || s == "-0.00" || s == "-0") s.erase(0, 1);
  return s;
}

}  // namespace

std::string chinese_numeral(int n) {
  if (n < 1 || n > 99) return std::to_string(n);
  if (n < 10) return kDigits[n];
  std::string out;
  if (n / 10 > 1) out += kDigits[n / 10];
  out += "十";
  if (n % 10) out += kDigits[n % 10];
  return out;
}

std::string heading_label(int level, int n) {
  if (level == 1) return chinese_numeral(n) + "、";
  if (level == 2) return "（" + chinese_numeral(n) + "）";
  return "";
}

std::vector<std::string> heading_labels(const Document& doc) {
  std::vector<std::string> out;
  int first = 0, second = 0;
  for (const auto& s : doc.sections) {
    if (s.level == 1) {
      second = 0;
      out.push_back(heading_label(1, ++first));
    } else if (s.level == 2) {
      out.push_back(heading_label(2, ++second));
    } else {
      out.push_back("");
    }
  }
  return out;
}

std::string chinese_date(std::string_view iso) {
  auto digits = [&](size_t from, size_t len) {
    for (size_t i = from; i < from + len; ++i)
      if (iso[i] < '0' || iso[i] > '9') return false;
    return true;
  };
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-' || !digits(0, 4) || !digits(5, 2) || !digits(8, 2))
    return std::string(iso);
  int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  return std::string(iso.substr(0, 4)) + "年" + std::to_string(month) + "月" + std::to_string(day) + "日";
}

std::string format_figure(const Figure& f) {
  if (f.kind == Figure::Kind::text) return f.text.empty() ? "—" : f.text;
  if (!f.value || !std::isfinite(*f.value)) return "—";
  switch (f.kind) {
    case Figure::Kind::rate:
      return fixed(*f.value * 100, 1) + "%";
    case Figure::Kind::points:
      return fixed(*f.value, 2);
    case Figure::Kind::count:
      return fixed(std::round(*f.value), 0);
    case Figure::Kind::text:
      break;
  }
  return "—";
}

std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> out;
  size_t at = 0;
  while ((at = text.find("{{", at)) != std::string_view::npos) {
    size_t end = text.find("}}", at + 2);
    if (end == std::string_view::npos) break;
    out.emplace_back(text.substr(at + 2, end - at - 2));
    at = end + 2;
  }
  return out;
}

std::string fill_placeholders(std::string_view text, const Figures& figures) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t open = text.find("{{", at);
    size_t close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      out.append(text.substr(at));
      return out;
    }
    out.append(text.substr(at, open - at));
    std::string name(text.substr(open + 2, close - open - 2));
    auto it = figures.find(name);
    out += it == figures.end() ? "〔" + name + "〕" : format_figure(it->second);
    at = close + 2;
  }
}

std::string plain_text(const Document& doc) {
  std::string out = doc.title + "\n" + doc.issuer + "\n" + chinese_date(doc.date) + "\n";
  auto labels = heading_labels(doc);
  for (size_t i = 0; i < doc.sections.size(); ++i) {
    const auto& s = doc.sections[i];
    if (s.level > 0) out += labels[i] + s.title + "\n";
    for (const auto& b : s.blocks) {
      if (b.kind == Block::Kind::paragraph) {
        out += b.text + "\n";
      } else if (b.kind == Block::Kind::table) {
        out += b.table.caption + "\n";
        auto row = [&](const std::vector<std::string>& cells) {
          for (size_t c = 0; c < cells.size(); ++c) out += (c ? "\t" : "") + cells[c];
          out += "\n";
        };
        row(b.table.header);
        for (const auto& r : b.table.rows) row(r);
      } else {
        out += b.chart.caption + "\n";
      }
    }
  }
  if (!doc.footer.empty()) out += doc.footer + "\n";
  return out;
}

}  // namespace civic::reports
