// A table of text cells as a file to download, the one way every list export answers: CSV (UTF-8 with a
// BOM so that Excel reads Chinese, formula-like cells neutralised: domain/core/csv_cell.h) or XLSX (one
// sheet, every cell a string cell, never a formula: platform/spreadsheet.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/core/csv_cell.h"
#include "http/response.h"
#include "platform/spreadsheet.h"

namespace civic::api {

// InvalidInput{"format"} (key table.format.unknown) unless `format` is "csv" or "xlsx"; call it before
// gathering (and auditing) the rows.
void require_table_format(std::string_view format);

// `format` is "csv" or "xlsx" (else as require_table_format); `file_base` is the
// download's ASCII file name without extension; `kinds` marks the CSV's number columns.
http::Response table_download(const platform::Cells& cells, std::string_view format,
                              const std::string& file_base, const std::string& sheet_name,
                              const std::vector<CsvCell>& kinds = {});

}  // namespace civic::api
