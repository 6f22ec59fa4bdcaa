// A report document as one self-contained HTML page (the console's preview, and printing from the
// browser): inline CSS for A4 print with 宋体/黑体 font stacks and two-character indents, tables as
// <table>, charts as inline SVG (chart_painter.h), the footer line at the end. Every text is escaped.
#pragma once

#include <string>

#include "domain/reports/document.h"

namespace civic::service::render {

std::string write_html(const reports::Document& doc);

}  // namespace civic::service::render
