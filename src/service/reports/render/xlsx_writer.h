// A report's data as an XLSX workbook (platform/spreadsheet.h write_xlsx_workbook): the first sheet 数据
// lists every figure by name with its raw value (a number cell; text figures as text) and its display
// text, then one sheet per table of the document in order, cells as the document shows them.
#pragma once

#include <string>

#include "domain/reports/document.h"

namespace civic::service::render {

std::string write_report_xlsx(const reports::Document& doc, const reports::Figures& figures);

}  // namespace civic::service::render
