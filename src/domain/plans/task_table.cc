#include "domain/plans/task_table.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

namespace civic {

namespace {

struct Column {
  const char* field;
  const char* en;
  const char* zh;
  bool required;
};

const Column kColumns[] = {
    {"code", "code", "任务编号", true},
    {"title", "title", "任务内容", true},
    {"action", "action", "专项行动", true},
    {"owner", "owner", "牵头单位", true},
    {"co_units", "co_units", "责任单位", false},
    {"start", "start", "开始日期", true},
    {"due", "due", "完成时限", true},
    {"weight", "weight", "权重", false},
    {"items", "items", "关联测评内容", false},
    {"parent", "parent", "上级任务", false},
    {"deliverable", "deliverable", "工作成果", false},
    {"evidence_required", "evidence_required", "佐证材料", false},
};

std::string trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  // Full-width spaces (U+3000) around Chinese text.
  while (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
  while (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
  return std::string(s);
}

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::optional<CivilDate> parse_date_cell(const std::string& text) {
  if (auto d = parse_iso_date(text)) return d;
  std::string dashed = text;
  for (char& c : dashed) {
    if (c == '/' || c == '.') c = '-';
  }
  // 2026-3-5 → 2026-03-05.
  int y = 0, m = 0, d = 0;
  if (dashed.find_first_not_of("0123456789-") == std::string::npos &&
      std::sscanf(dashed.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    if (auto parsed = parse_iso_date(buf)) return parsed;
  }
  // A spreadsheet day serial (days since 1899-12-30), as XLSX stores dates.
  double serial = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), serial);
  if (ec == std::errc() && end == text.data() + text.size() && serial >= 20000 && serial < 80000 &&
      serial == std::floor(serial)) {
    return date_from_day_number(static_cast<int>(serial) - 25569);
  }
  return std::nullopt;
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string format_weight(double w) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", w);
  return buf;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace

std::string TaskTable::column_name(std::string_view field) const {
  for (const auto& [f, header] : columns) {
    if (f == field) return header;
  }
  return std::string(field);
}

std::vector<std::string> split_list_cell(std::string_view cell) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    std::string t = trim(current);
    if (!t.empty()) out.push_back(t);
    current.clear();
  };
  for (size_t i = 0; i < cell.size();) {
    if (cell.substr(i, 3) == "\xE3\x80\x81" /* 、 */ || cell.substr(i, 3) == "\xEF\xBC\x8C" /* ， */) {
      flush();
      i += 3;
    } else if (cell[i] == ',' || cell[i] == ';') {
      flush();
      ++i;
    } else {
      current += cell[i++];
    }
  }
  flush();
  return out;
}

TaskTable parse_task_table(const std::vector<std::vector<std::string>>& cells) {
  TaskTable table;
  if (cells.empty()) {
    table.errors.push_back({1, "", "the table is empty: row 1 must be the header"});
    return table;
  }
  std::map<std::string, size_t> index;  // field → column index
  const auto& header = cells[0];
  for (size_t c = 0; c < header.size(); ++c) {
    std::string h = trim(header[c]);
    if (h.empty()) continue;
    bool known = false;
    for (const Column& col : kColumns) {
      if (lower(h) == col.en || h == col.zh) {
        if (index.count(col.field)) {
          table.errors.push_back({1, h, "the column appears twice"});
        } else {
          index[col.field] = c;
          table.columns.emplace_back(col.field, h);
        }
        known = true;
      }
    }
    if (!known) table.errors.push_back({1, h, "unknown column"});
  }
  for (const Column& col : kColumns) {
    if (col.required && !index.count(col.field)) {
      table.errors.push_back(
          {1, col.zh, std::string("the column ") + col.zh + " (" + col.en + ") is missing"});
      table.columns.emplace_back(col.field, col.zh);
    }
  }
  if (!table.errors.empty()) return table;

  std::map<std::string, int> seen_codes;
  for (size_t r = 1; r < cells.size(); ++r) {
    const auto& row = cells[r];
    int row_number = static_cast<int>(r) + 1;
    bool blank = true;
    for (const auto& cell : row) {
      if (!trim(cell).empty()) blank = false;
    }
    if (blank) continue;
    auto cell = [&](const char* field) -> std::string {
      auto it = index.find(field);
      if (it == index.end() || it->second >= row.size()) return "";
      return trim(row[it->second]);
    };
    auto error = [&](const char* field, std::string message) {
      table.errors.push_back({row_number, table.column_name(field), std::move(message)});
    };
    TaskTableRow t;
    t.row = row_number;
    size_t errors_before = table.errors.size();
    t.code = cell("code");
    if (t.code.empty()) {
      error("code", "the task code is required");
    } else if (!valid_code(t.code)) {
      error("code", "a task code is 1-64 of A-Z a-z 0-9 - _ .");
    } else if (auto [it, fresh] = seen_codes.emplace(t.code, row_number); !fresh) {
      error("code", "the code " + t.code + " is also in row " + std::to_string(it->second));
    }
    t.title = cell("title");
    if (t.title.empty()) error("title", "the task content is required");
    if (t.title.size() > 1000) error("title", "the task content is longer than 1000 bytes");
    t.action = cell("action");
    if (t.action.empty()) error("action", "the action is required");
    t.owner = cell("owner");
    if (t.owner.empty()) error("owner", "the lead unit is required");
    t.co_units = split_list_cell(cell("co_units"));
    t.items = split_list_cell(cell("items"));
    t.parent = cell("parent");
    t.deliverable = cell("deliverable");
    t.evidence_required = cell("evidence_required");
    auto start = parse_date_cell(cell("start"));
    auto due = parse_date_cell(cell("due"));
    if (!start) error("start", "\"" + cell("start") + "\" is not a date (YYYY-MM-DD)");
    if (!due) error("due", "\"" + cell("due") + "\" is not a date (YYYY-MM-DD)");
    if (start && due && day_number(*due) < day_number(*start))
      error("due", "the due date is before the start");
    if (start) t.start = *start;
    if (due) t.due = *due;
    if (std::string w = cell("weight"); !w.empty()) {
      double v = 0;
      auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
      if (ec != std::errc() || end != w.data() + w.size() || !(v > 0) || !std::isfinite(v)) {
        error("weight", "the weight must be a number greater than 0");
      } else {
        t.weight = v;
      }
    }
    if (table.errors.size() == errors_before) table.rows.push_back(std::move(t));
  }
  return table;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, const TableLimits& limits) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  TableBounds bounds(limits);
  auto end_field = [&] {
    bounds.cell(rows.size(), row.size());
    row.push_back(csv_value(std::move(field)));
    field.clear();
  };
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    end_field();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string to_csv(const std::vector<std::vector<std::string>>& cells, const std::vector<CsvCell>& kinds) {
  std::string out;
  for (const auto& row : cells) out += csv_record(row, kinds);
  return out;
}

std::vector<CsvCell> task_table_column_kinds() {
  std::vector<CsvCell> kinds;
  for (const Column& col : kColumns) {
    kinds.push_back(std::string_view(col.field) == "weight" ? CsvCell::number : CsvCell::text);
  }
  return kinds;
}

std::vector<std::string> task_table_header() {
  std::vector<std::string> h;
  for (const Column& col : kColumns) h.push_back(col.zh);
  return h;
}

std::vector<std::string> task_table_cells(const TaskTableRow& t) {
  return {t.code,
          t.title,
          t.action,
          t.owner,
          join(t.co_units, "、"),
          to_iso(t.start),
          to_iso(t.due),
          format_weight(t.weight),
          join(t.items, "、"),
          t.parent,
          t.deliverable,
          t.evidence_required};
}

}  // namespace civic
