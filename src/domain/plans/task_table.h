// The task breakdown table (任务分解表, workplans.md): rows of cells → validated task rows, and back.
// Row 1 is the header; columns are found by name, English or Chinese, in any order:
//   code 任务编号 · title 任务内容 · action 专项行动 · owner 牵头单位 · co_units 责任单位 (split on 、 , ，)
//   start 开始日期 · due 完成时限 · weight 权重 (empty = 1) · items 关联测评内容 (split like co_units)
//   optional: parent 上级任务 · deliverable 工作成果 · evidence_required 佐证材料
// Dates are YYYY-MM-DD (also YYYY/MM/DD, or a spreadsheet day serial). Every problem is reported as a
// TableCellError naming the 1-based spreadsheet row (header = 1) and the column as the header spells it;
// parsing never stops at the first error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/civil_date.h"
#include "domain/core/csv_cell.h"
#include "domain/core/table_errors.h"
#include "domain/core/table_limits.h"

namespace civic {

struct TaskTableRow {
  int row = 0;  // spreadsheet row
  std::string code, title, action, owner, parent, deliverable, evidence_required;
  std::vector<std::string> co_units, items;
  CivilDate start, due;
  double weight = 1;
};

struct TaskTable {
  std::vector<TaskTableRow> rows;
  std::vector<TableCellError> errors;
  // Header text of each known column as found ("" when absent), to name columns in later checks.
  std::string column_name(std::string_view field) const;
  std::vector<std::pair<std::string, std::string>> columns;  // field → header text
};

// Validates the cells (cells[0] is the header). Blank rows are skipped.
TaskTable parse_task_table(const std::vector<std::vector<std::string>>& cells);

// Cells of RFC 4180 CSV text (UTF-8; a leading BOM is dropped; CRLF or LF; quoted fields may hold commas,
// quotes "" and newlines; a neutralising ' is dropped, domain/core/csv_cell.h). Throws the InvalidInput of
// domain/core/table_limits.h as soon as the text passes a bound of `limits` (rows, columns, fields).
std::vector<std::vector<std::string>> parse_csv(std::string_view text,
                                                const TableLimits& limits = kTableLimits);
// The task table's columns for CSV: 权重 (weight) is a number, the others are text.
std::vector<CsvCell> task_table_column_kinds();
// One CSV line per row, CRLF line ends, fields quoted when needed and neutralised as text unless `kinds`
// (by default the task table's) makes their column a number column (domain/core/csv_cell.h).
std::string to_csv(const std::vector<std::vector<std::string>>& cells,
                   const std::vector<CsvCell>& kinds = task_table_column_kinds());

// The export header (Chinese, as the import accepts) and one task as its row.
std::vector<std::string> task_table_header();
std::vector<std::string> task_table_cells(const TaskTableRow& row);

// Splits a list cell on 、 , ， and ; and trims each part; empty parts are dropped.
std::vector<std::string> split_list_cell(std::string_view cell);

}  // namespace civic
