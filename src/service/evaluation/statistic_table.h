// The statistics batch-entry workbook (数据填报模板, GET /api/statistics/template, POST
// /api/statistics/import): one row per (unit, metric) with the Chinese headers 单位编码 单位 指标编码 指标
// 计量单位 上期值 本期值 说明 备注. 说明 is the explanation of a large change, 备注 the note. Reading finds
// the columns by header text (any order, extra columns ignored), keeps every row whose 本期值 is filled and
// names each problem of the file's shape (a missing column, no filled row) as a TableCellError; the values
// themselves are judged by StatisticService::import_table.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/core/table_errors.h"
#include "platform/spreadsheet.h"

namespace civic::service {

struct StatisticEntry;

inline constexpr const char* kStatisticTableHeaders[] = {"单位编码", "单位",   "指标编码", "指标", "计量单位",
                                                         "上期值",   "本期值", "说明",     "备注"};

// A filled row of an imported workbook, as text.
struct StatisticTableRow {
  int line = 0;  // spreadsheet row (header = 1)
  std::string unit, metric, value, explanation, note;
};

struct StatisticTable {
  std::vector<StatisticTableRow> rows;
  std::vector<TableCellError> errors;  // problems of the file's shape
};

// The template of `entries`: 本期值, 说明 and 备注 hold what is saved when the value may still be changed
// (draft or returned), else they are empty.
platform::Cells statistic_template(const std::vector<StatisticEntry>& entries);

// The filled rows of the XLSX `bytes`. InvalidInput("file") when they are not a workbook or pass a bound of
// domain/core/table_limits.h (platform/spreadsheet.h).
StatisticTable read_statistic_table(std::string_view bytes);

}  // namespace civic::service
