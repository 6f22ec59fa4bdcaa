// XLSX workbooks as rows of text cells, for table import and export (task breakdown tables).
// Reading takes the first sheet through liborcus; numbers come back as text ("2", "0.5", date serials as
// the day number, e.g. "46082"). Writing uses libxlsxwriter, which writes only files: a temporary file is
// written, read back and removed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace civic::platform {

using Cells = std::vector<std::vector<std::string>>;

// The first sheet's cells from the XLSX bytes; InvalidInput("file") when they are not a readable workbook.
Cells read_xlsx(std::string_view bytes);
// A workbook with one sheet named `sheet_name` holding `cells` (row 1 bold as a header).
std::string write_xlsx(const Cells& cells, const std::string& sheet_name);

// Whether `bytes` start like a zip archive (XLSX) rather than text.
bool looks_like_xlsx(std::string_view bytes);

}  // namespace civic::platform
