// SiteTable: the sites CSV (点位表) of POST /api/sites/import and GET /api/sites/export. Pure: parses text
// into rows and per-row errors, and writes rows back. RFC 4180 CSV (quoted fields, "" escapes, line breaks
// inside quotes, CRLF or LF), UTF-8 with an optional BOM, header in English or Chinese:
//   code,name,type,unit,lat,lon,address,grid_cell
//   点位编号,点位名称,点位类型,责任单位,纬度,经度,地址,网格
// code, name, type and unit are required columns and values; lat/lon are given together or not at all.
// Rows are numbered as a spreadsheet shows them (header = row 1); an error names its row and the column as
// the file's header spells it. Unit and type existence need the database: the service checks them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/table_errors.h"
#include "domain/core/table_limits.h"

namespace civic {

struct SiteTableRow {
  int row = 0;  // spreadsheet row (the header is row 1)
  std::string code, name, type, unit;
  std::optional<double> lat, lon;
  std::string address, grid_cell;
};

struct SiteTable {
  std::vector<SiteTableRow> rows;
  std::vector<TableCellError> errors;
  bool chinese_header = false;
  // The header's spelling of a column, e.g. column_name("unit") is "责任单位" for a Chinese header.
  std::string column_name(std::string_view key) const;
};

// Parses and checks the syntax and values of every row (required values, numbers, ranges, duplicate codes
// within the file). A malformed file (no header, unknown or missing required columns, an unclosed quote)
// gives one error on row 1 (or the row of the quote).
SiteTable parse_site_table(std::string_view csv);

// The CSV of `rows`: UTF-8 BOM, the English or Chinese header, CRLF line ends, fields quoted when needed;
// text fields that a spreadsheet would take for a formula are neutralised (domain/core/csv_cell.h).
std::string write_site_table(const std::vector<SiteTableRow>& rows, bool chinese_header);
// The same table as text cells with the Chinese header, for an XLSX download.
std::vector<std::vector<std::string>> site_table_cells(const std::vector<SiteTableRow>& rows);

// Splits CSV text into records of fields (RFC 4180; a neutralising ' is dropped, domain/core/csv_cell.h).
// Sets `unclosed_quote_row` (1-based record) and stops when a quote is never closed. Throws the
// InvalidInput of domain/core/table_limits.h as soon as the text passes a bound of `limits`. Exposed for
// tests and other table imports.
std::vector<std::vector<std::string>> split_csv(std::string_view text, int* unclosed_quote_row = nullptr,
                                                const TableLimits& limits = kTableLimits);

}  // namespace civic
