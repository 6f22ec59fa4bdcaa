// A report document as PDF (A4, cairo + pango): 宋体 body (Noto Serif CJK SC) with two-character first-line
// indents, 黑体 title and first-level headings (Noto Sans CJK SC), tables with ruled cells whose header row
// repeats on every page they run onto, charts as vector graphics, and on every page the document's footer
// line (the data fingerprint) above the page number "— n —". cairo embeds the subset of each font used.
// Paragraphs break across pages between lines; a table row, a heading or a chart never does.
#pragma once

#include <string>

#include "domain/reports/document.h"

namespace civic::service::render {

std::string write_pdf(const reports::Document& doc);

}  // namespace civic::service::render
