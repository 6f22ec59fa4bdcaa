// XLSX workbooks as rows of text cells, for table import and export (sites, the task breakdown table).
// Reading checks the zip's directory first (platform/zip_directory.h: entry count, inflated size,
// compression ratio) and refuses a bomb before anything is inflated; then liborcus parses the first sheet
// and its cells arrive one by one into a handler that keeps only non-empty cells and stops at the first
// bound of domain/core/table_limits.h passed (rows, columns, cells): no sheet range is materialised.
// Numbers come back as text ("2", "0.5", date serials as the day number, e.g. "46082"); formula cells and
// inline-string cells (which liborcus does not read; Excel writes shared strings) are empty. Writing uses
// libxlsxwriter, which writes only files: a temporary file is written, read back and removed; every cell is
// written as a string cell (never a formula).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/core/table_limits.h"

namespace civic::platform {

using Cells = std::vector<std::vector<std::string>>;

// The first sheet's cells from the XLSX bytes, every row as wide as the widest. InvalidInput("file") when
// they are not a readable workbook (key table.file.unreadable) or pass a bound of `limits` (the key names
// the bound, table_limits.h).
Cells read_xlsx(std::string_view bytes, const TableLimits& limits = kTableLimits);
// A workbook with one sheet named `sheet_name` holding `cells` as text (row 1 bold as a header).
std::string write_xlsx(const Cells& cells, const std::string& sheet_name);

// One sheet of a workbook: `cells` with row 1 bold as a header; with `numbers`, a cell below the header
// whose whole text is a finite number ("0.8734") is written as a number cell, every other as text.
struct Sheet {
  std::string name;  // at most 31 characters, none of []:*?/ or backslash
  Cells cells;
  bool numbers = false;
};
// A workbook of `sheets` in order (at least one).
std::string write_xlsx_workbook(const std::vector<Sheet>& sheets);

// Whether `bytes` start like a zip archive (XLSX) rather than text.
bool looks_like_xlsx(std::string_view bytes);

}  // namespace civic::platform
