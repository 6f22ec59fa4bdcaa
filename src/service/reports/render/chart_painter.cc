#include "service/reports/render/chart_painter.h"

#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "service/reports/render/fonts.h"

namespace civic::service::render {

using reports::Chart;

namespace {

constexpr double kPi = 3.14159265358979323846;

std::string percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", v * 100);
  return buf;
}
std::string whole(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

// The geometry of a chart as primitives both backends draw.
struct Point {
  double x, y;
};
struct Text {
  double x, y;  // anchor: centre of the text box
  std::string text;
  double size;
};
struct Shapes {
  std::vector<std::vector<Point>> grid;  // thin grey polylines (closed when first == last)
  std::vector<Point> line;               // the data polyline (radar: closed polygon)
  bool fill_line = false;
  std::vector<std::pair<Point, Point>> bars;  // (top-left, bottom-right)
  std::vector<Point> dots;
  std::vector<Text> texts;
};

Shapes layout(const Chart& c, double w, double h) {
  Shapes s;
  size_t n = std::min(c.labels.size(), c.values.size());
  s.texts.push_back({w / 2, 10, c.caption, 10});
  if (c.kind == Chart::Kind::radar) {
    double cx = w / 2, cy = h / 2 + 10, r = std::min(w, h - 20) / 2 - 42;
    if (n < 3) return s;
    auto at = [&](size_t i, double f) {
      double a = -kPi / 2 + 2 * kPi * static_cast<double>(i) / static_cast<double>(n);
      return Point{cx + r * f * std::cos(a), cy + r * f * std::sin(a)};
    };
    for (int ring = 1; ring <= 5; ++ring) {
      std::vector<Point> g;
      for (size_t i = 0; i <= n; ++i) g.push_back(at(i % n, ring / 5.0));
      s.grid.push_back(g);
    }
    for (size_t i = 0; i < n; ++i) s.grid.push_back({Point{cx, cy}, at(i, 1)});
    for (size_t i = 0; i <= n; ++i) s.line.push_back(at(i % n, std::clamp(c.values[i % n], 0.0, 1.0)));
    s.fill_line = true;
    for (size_t i = 0; i < n; ++i) {
      Point p = at(i, 1.18);
      s.texts.push_back({p.x, p.y - 5, c.labels[i], 8});
      s.texts.push_back({p.x, p.y + 6, percent(c.values[i]), 7.5});
    }
    return s;
  }
  double left = 40, right = w - 15, top = 30, bottom = h - 28;
  double max = 1;
  if (c.kind == Chart::Kind::bars)
    for (size_t i = 0; i < n; ++i) max = std::max(max, c.values[i]);
  for (int t = 0; t <= 4; ++t) {
    double y = bottom - (bottom - top) * t / 4;
    s.grid.push_back({Point{left, y}, Point{right, y}});
    s.texts.push_back({left - 18, y, c.kind == Chart::Kind::bars ? whole(max * t / 4) : percent(t / 4.0), 7});
  }
  if (n == 0) return s;
  double step = (right - left) / static_cast<double>(n);
  for (size_t i = 0; i < n; ++i) {
    double x = left + step * (static_cast<double>(i) + 0.5);
    double v = c.values[i];
    double y = bottom - (bottom - top) * std::clamp(v / max, 0.0, 1.0);
    s.texts.push_back({x, bottom + 10, c.labels[i], 8});
    if (c.kind == Chart::Kind::bars) {
      s.bars.push_back({Point{x - step * 0.3, y}, Point{x + step * 0.3, bottom}});
      s.texts.push_back({x, y - 7, whole(v), 8});
    } else {
      s.line.push_back({x, y});
      s.dots.push_back({x, y});
      s.texts.push_back({x, y - 9, percent(v), 8});
    }
  }
  return s;
}

void show_text(cairo_t* cr, const Text& t) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kSansFamily);
  pango_font_description_set_absolute_size(font, t.size * PANGO_SCALE);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_text(layout, t.text.c_str(), static_cast<int>(t.text.size()));
  int tw = 0, th = 0;
  pango_layout_get_size(layout, &tw, &th);
  cairo_move_to(cr, t.x - tw / 2.0 / PANGO_SCALE, t.y - th / 2.0 / PANGO_SCALE);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
}

cairo_status_t to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '&')
      out += "&amp;";
    else if (ch == '<')
      out += "&lt;";
    else if (ch == '>')
      out += "&gt;";
    else if (ch == '"')
      out += "&quot;";
    else
      out += ch;
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string points_attr(const std::vector<Point>& pts) {
  std::string out;
  for (const auto& p : pts) out += (out.empty() ? "" : " ") + num(p.x) + "," + num(p.y);
  return out;
}

}  // namespace

void draw_chart(cairo_t* cr, const Chart& chart, double width, double height) {
  Shapes s = layout(chart, width, height);
  cairo_save(cr);
  cairo_set_line_width(cr, 0.5);
  cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
  for (const auto& g : s.grid) {
    for (size_t i = 0; i < g.size(); ++i) (i ? cairo_line_to : cairo_move_to)(cr, g[i].x, g[i].y);
    cairo_stroke(cr);
  }
  cairo_set_source_rgb(cr, 0.78, 0.16, 0.16);
  for (const auto& [a, b] : s.bars) {
    cairo_rectangle(cr, a.x, a.y, b.x - a.x, b.y - a.y);
    cairo_fill(cr);
  }
  if (!s.line.empty()) {
    for (size_t i = 0; i < s.line.size(); ++i)
      (i ? cairo_line_to : cairo_move_to)(cr, s.line[i].x, s.line[i].y);
    if (s.fill_line) {
      cairo_set_source_rgba(cr, 0.78, 0.16, 0.16, 0.25);
      cairo_fill_preserve(cr);
    }
    cairo_set_source_rgb(cr, 0.78, 0.16, 0.16);
    cairo_set_line_width(cr, 1.5);
    cairo_stroke(cr);
  }
  for (const auto& d : s.dots) {
    cairo_arc(cr, d.x, d.y, 2.5, 0, 2 * kPi);
    cairo_fill(cr);
  }
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  for (const auto& t : s.texts) show_text(cr, t);
  cairo_restore(cr);
}

std::string chart_png(const Chart& chart, double width, double height, double scale) {
  auto pw = static_cast<int>(std::ceil(width * scale)), ph = static_cast<int>(std::ceil(height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_chart(cr, chart, width, height);
  cairo_destroy(cr);
  std::string out;
  cairo_status_t st = cairo_surface_write_to_png_stream(surface, to_string, &out);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error("cannot encode the chart as PNG");
  return out;
}

std::string chart_svg(const Chart& chart, double width, double height) {
  Shapes s = layout(chart, width, height);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num(width) +
                    " " + num(height) + "\" role=\"img\" aria-label=\"" + escape(chart.caption) + "\">";
  for (const auto& g : s.grid)
    out +=
        "<polyline fill=\"none\" stroke=\"#bfbfbf\" stroke-width=\"0.5\" points=\"" + points_attr(g) + "\"/>";
  for (const auto& [a, b] : s.bars)
    out += "<rect fill=\"#c72929\" x=\"" + num(a.x) + "\" y=\"" + num(a.y) + "\" width=\"" + num(b.x - a.x) +
           "\" height=\"" + num(b.y - a.y) + "\"/>";
  if (!s.line.empty())
    out += std::string("<polyline stroke=\"#c72929\" stroke-width=\"1.5\" fill=\"") +
           (s.fill_line ? "rgba(199,41,41,0.25)" : "none") + "\" points=\"" + points_attr(s.line) + "\"/>";
  for (const auto& d : s.dots)
    out += "<circle fill=\"#c72929\" r=\"2.5\" cx=\"" + num(d.x) + "\" cy=\"" + num(d.y) + "\"/>";
  for (const auto& t : s.texts)
    out += "<text x=\"" + num(t.x) + "\" y=\"" + num(t.y) + "\" font-size=\"" + num(t.size) +
           "\" text-anchor=\"middle\" dominant-baseline=\"central\">" + escape(t.text) + "</text>";
  return out + "</svg>";
}

}  // namespace civic::service::render
