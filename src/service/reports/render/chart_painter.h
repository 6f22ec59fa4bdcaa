// Charts of a report (reports::Chart) drawn as vector graphics: onto a cairo context (the PDF, and PNG
// images for DOCX), or as inline SVG for HTML. One geometry for all three: a radar of rates in [0, 1] on
// five rings, a trend line of rates on a 0–100% axis, vertical bars of counts on an axis from 0 to the
// largest value; every value labelled beside its mark.
#pragma once

#include <cairo.h>

#include <string>

#include "domain/reports/document.h"

namespace civic::service::render {

// Draws `chart` into the box (0, 0, width, height) of `cr` (user units, e.g. points).
void draw_chart(cairo_t* cr, const reports::Chart& chart, double width, double height);
// The chart as a PNG of width × height points rendered at `scale` pixels per point, on white.
std::string chart_png(const reports::Chart& chart, double width, double height, double scale = 2);
// The chart as an <svg> element with a viewBox of width × height.
std::string chart_svg(const reports::Chart& chart, double width, double height);

}  // namespace civic::service::render
