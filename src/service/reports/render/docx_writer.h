// A report document as DOCX (WordprocessingML in a zip written by platform/zip_writer.h), for Word, WPS and
// LibreOffice: A4 with the official-document margins, styles whose east-Asian fonts are 宋体 (body,
// 三号 16 pt, first line indented two characters) and 黑体 (title, first-level headings, tables), headings
// as Heading 1/2 with outline levels (the navigation pane), tables with ruled cells and a repeating header
// row, charts as PNG images drawn by cairo (chart_painter.h), and a footer with the document's footer line
// and the page number field (— PAGE —).
#pragma once

#include <string>

#include "domain/reports/document.h"

namespace civic::service::render {

std::string write_docx(const reports::Document& doc);

}  // namespace civic::service::render
