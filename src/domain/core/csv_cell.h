// CSV fields as every Civic CSV export writes them and every CSV import reads them back (RFC 4180).
// Formula neutralisation (CSV injection): a spreadsheet evaluates a field starting with = + - @ tab or CR as
// a formula, so an exported text field starting with one of them gets a leading ' and is shown as text
// (a task title "=HYPERLINK(…)" is written '=HYPERLINK(…)). Columns of numbers are decided per column: a
// number there (-12.5) is written as it is; anything else in it is neutralised like text. On import the
// leading ' before one of those characters is dropped again, so an exported table imports back unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace civic {

enum class CsvCell { text, number };

// `value` as one field: neutralised as above, then quoted when it holds , " CR or LF.
std::string csv_field(std::string_view value, CsvCell kind = CsvCell::text);
// One record: the fields joined by commas, CRLF at the end; `kinds[i]` decides field i (text past the end).
std::string csv_record(const std::vector<std::string>& fields, const std::vector<CsvCell>& kinds = {});
// A field as read: the neutralising ' before = + - @ tab or CR dropped.
std::string csv_value(std::string field);

}  // namespace civic
