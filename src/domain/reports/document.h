// A report document (reports.md): the model every renderer (service/reports/render: HTML, PDF, DOCX,
// XLSX) reads, and the pure text rules of Chinese official documents it is written in.
//   A document is a title, an issuer and date line, then sections in order. A section has a level (0: the
//   opening, no heading; 1: 一、; 2: （一）) and blocks: prose paragraphs (office-written, editable, with
//   figure placeholders {{name}} filled from the report's figures), tables (header + rows of text) and
//   charts (radar, trend, bars), each with a caption. Headings are numbered by level in document order:
//   level 1 restarts the level-2 count. Paragraphs are indented by two characters by every renderer.
//   Dates are written 2026年6月30日; numbers by format_figure (percent with one decimal, points with two).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic::reports {

// A figure: one number (or text) the document shows, by name (score.total_rate …).
struct Figure {
  enum class Kind { rate, points, count, text };
  Kind kind = Kind::count;
  std::optional<double> value;  // null: not available (shown as "—")
  std::string text;             // for Kind::text
};

using Figures = std::map<std::string, Figure>;

struct Table {
  std::string caption;
  std::string sheet;  // short sheet name for the XLSX (≤ 31 characters)
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

struct Chart {
  enum class Kind { radar, trend, bars };
  Kind kind = Kind::bars;
  std::string caption;
  std::vector<std::string> labels;
  std::vector<double> values;  // radar and trend: rates in [0, 1]; bars: counts
};

struct Block {
  enum class Kind { paragraph, table, chart };
  Kind kind = Kind::paragraph;
  std::string text;  // paragraph: filled prose
  Table table;
  Chart chart;
};

struct Section {
  std::string key;  // stable key the office's prose is stored under ("opening", "organisation" …)
  int level = 1;    // 0 opening (no heading), 1, 2
  std::string title;
  std::vector<Block> blocks;
};

struct Document {
  std::string title;
  std::string issuer;  // e.g. 互贸区创建全国文明城市工作领导小组办公室
  std::string date;    // YYYY-MM-DD
  std::vector<Section> sections;
  std::string footer;  // e.g. the data fingerprint; every page
};

// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九; n in [1, 99], else the Arabic digits.
std::string chinese_numeral(int n);
// The heading label of the n-th (from 1) heading of `level`: 一、 / （一）; "" for level 0.
std::string heading_label(int level, int n);
// The numbered headings of `doc` in order, one per section ("" for level 0 sections).
std::vector<std::string> heading_labels(const Document& doc);
// "2026-06-30" → "2026年6月30日"; text that is no ISO date comes back unchanged.
std::string chinese_date(std::string_view iso);

// The display text of a figure: rate 0.8734 → "87.3%", points 2 decimals, count whole, text as is;
// null → "—".
std::string format_figure(const Figure& f);
// The names {{name}} in `text`, in order of appearance (repeats kept).
std::vector<std::string> placeholders(std::string_view text);
// `text` with every {{name}} replaced by format_figure of that figure; an unknown name becomes "〔name〕".
std::string fill_placeholders(std::string_view text, const Figures& figures);

// The visible text of the document in reading order (headings with labels, paragraphs, table cells
// separated by tabs, chart captions): what a reader of any rendering sees; for tests and search.
std::string plain_text(const Document& doc);

}  // namespace civic::reports
