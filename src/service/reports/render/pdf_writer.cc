#include "service/reports/render/pdf_writer.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <stdexcept>

#include "service/reports/render/chart_painter.h"
#include "service/reports/render/fonts.h"

namespace civic::service::render {

using reports::Block;

namespace {

constexpr double kPageW = 595.276, kPageH = 841.89;
constexpr double kLeft = 72, kRight = 72, kTop = 72, kBottom = 84;
constexpr double kBodySize = 14;
constexpr double kContentW = kPageW - kLeft - kRight;

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct Font {
  const char* family;
  double size;
  bool bold = false;
};

class Writer {
 public:
  explicit Writer(const reports::Document& doc) : doc_(doc) {
    surface_ = cairo_pdf_surface_create_for_stream(append, &out_, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "Civic");
    cr_ = cairo_create(surface_);
    y_ = kTop;
  }
  ~Writer() {
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
  }

  std::string run() {
    Font title{kSansFamily, 22, true};
    Font plain{kSerifFamily, kBodySize};
    text_block(doc_.title, title, kContentW, PANGO_ALIGN_CENTER, 0, 1.3);
    y_ += 6;
    text_block(doc_.issuer, {kSerifFamily, 12}, kContentW, PANGO_ALIGN_CENTER, 0, 1.4);
    text_block(reports::chinese_date(doc_.date), {kSerifFamily, 12}, kContentW, PANGO_ALIGN_CENTER, 0, 1.4);
    y_ += 14;
    auto labels = reports::heading_labels(doc_);
    for (size_t i = 0; i < doc_.sections.size(); ++i) {
      const auto& s = doc_.sections[i];
      if (s.level == 1) {
        y_ += 6;
        text_block(labels[i] + s.title, {kSansFamily, 15, true}, kContentW, PANGO_ALIGN_LEFT, 2 * 15, 1.5,
                   true);
      } else if (s.level == 2) {
        text_block(labels[i] + s.title, {kSerifFamily, kBodySize, true}, kContentW, PANGO_ALIGN_LEFT,
                   2 * kBodySize, 1.5, true);
      }
      for (const auto& b : s.blocks) {
        if (b.kind == Block::Kind::paragraph)
          text_block(b.text, plain, kContentW, PANGO_ALIGN_LEFT, 2 * kBodySize, 1.6);
        else if (b.kind == Block::Kind::table)
          table(b.table);
        else
          chart(b.chart);
      }
    }
    finish_page();
    cairo_surface_finish(surface_);
    if (cairo_surface_status(surface_) != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error("writing the PDF failed");
    return out_;
  }

 private:
  PangoLayout* make_layout(const std::string& text, const Font& f, double width, PangoAlignment align,
                           double indent, double spacing) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, f.family);
    pango_font_description_set_absolute_size(font, f.size * PANGO_SCALE);
    if (f.bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, align);
    pango_layout_set_indent(layout, static_cast<int>(indent * PANGO_SCALE));
    pango_layout_set_line_spacing(layout, static_cast<float>(spacing));
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    return layout;
  }

  static double height_of(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return h / static_cast<double>(PANGO_SCALE);
  }

  void new_page() {
    finish_page();
    y_ = kTop;
  }

  void finish_page() {
    ++page_;
    if (!doc_.footer.empty()) {
      PangoLayout* f = make_layout(doc_.footer, {kSansFamily, 7}, kContentW, PANGO_ALIGN_CENTER, 0, 1);
      cairo_set_source_rgb(cr_, 0.35, 0.35, 0.35);
      cairo_move_to(cr_, kLeft, kPageH - kBottom + 22);
      pango_cairo_show_layout(cr_, f);
      g_object_unref(f);
    }
    std::string number = "— " + std::to_string(page_) + " —";
    PangoLayout* n = make_layout(number, {kSerifFamily, 11}, kContentW, PANGO_ALIGN_CENTER, 0, 1);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kLeft, kPageH - kBottom + 40);
    pango_cairo_show_layout(cr_, n);
    g_object_unref(n);
    cairo_show_page(cr_);
  }

  // A paragraph line by line, breaking onto new pages between lines. `keep` moves the whole block to a new
  // page when it does not fit (headings), and also when less than two lines would follow it.
  void text_block(const std::string& text, const Font& f, double width, PangoAlignment align, double indent,
                  double spacing, bool keep = false) {
    PangoLayout* layout = make_layout(text, f, width, align, indent, spacing);
    double limit = kPageH - kBottom;
    double total = height_of(layout);
    if (keep && y_ + total + 2 * f.size * spacing > limit) new_page();
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    double offset = 0;  // layout y shown at the top of the current page's remainder
    double top = y_;
    do {
      int y0 = 0, y1 = 0;
      pango_layout_iter_get_line_yrange(it, &y0, &y1);
      double line_top = y0 / static_cast<double>(PANGO_SCALE),
             line_bottom = y1 / static_cast<double>(PANGO_SCALE);
      if (top + line_bottom - offset > limit) {
        new_page();
        top = y_;
        offset = line_top;
      }
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      double baseline = pango_layout_iter_get_baseline(it) / static_cast<double>(PANGO_SCALE);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_move_to(cr_, kLeft + logical.x / static_cast<double>(PANGO_SCALE), top + baseline - offset);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ = top + line_bottom - offset;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(layout);
    y_ += 2;
  }

  void table(const reports::Table& t) {
    size_t cols = t.header.size();
    if (cols == 0) return;
    // Column widths by the longest text of each column, the first column at least twice the others' share.
    std::vector<double> want(cols, 2);
    auto measure = [&](const std::vector<std::string>& row) {
      for (size_t c = 0; c < cols && c < row.size(); ++c)
        want[c] = std::max(want[c], std::min<double>(static_cast<double>(row[c].size()), 60));
    };
    measure(t.header);
    for (const auto& r : t.rows) measure(r);
    double sum = 0;
    for (double w : want) sum += w;
    std::vector<double> widths(cols);
    for (size_t c = 0; c < cols; ++c) widths[c] = kContentW * want[c] / sum;

    Font cell{kSansFamily, 9.5};
    Font head{kSansFamily, 9.5, true};
    double pad = 3.5;
    text_block(t.caption, {kSansFamily, 10.5, true}, kContentW, PANGO_ALIGN_CENTER, 0, 1.2, true);
    auto row_height = [&](const std::vector<std::string>& row, const Font& f) {
      double h = 0;
      for (size_t c = 0; c < cols; ++c) {
        PangoLayout* l =
            make_layout(c < row.size() ? row[c] : "", f, widths[c] - 2 * pad, PANGO_ALIGN_LEFT, 0, 1.1);
        h = std::max(h, height_of(l));
        g_object_unref(l);
      }
      return h + 2 * pad;
    };
    auto draw_row = [&](const std::vector<std::string>& row, const Font& f, bool shaded) {
      double h = row_height(row, f);
      double x = kLeft;
      if (shaded) {
        cairo_set_source_rgb(cr_, 0.92, 0.92, 0.92);
        cairo_rectangle(cr_, kLeft, y_, kContentW, h);
        cairo_fill(cr_);
      }
      cairo_set_line_width(cr_, 0.5);
      for (size_t c = 0; c < cols; ++c) {
        PangoLayout* l = make_layout(c < row.size() ? row[c] : "", f, widths[c] - 2 * pad,
                                     c == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER, 0, 1.1);
        cairo_set_source_rgb(cr_, 0, 0, 0);
        cairo_move_to(cr_, x + pad, y_ + pad);
        pango_cairo_show_layout(cr_, l);
        g_object_unref(l);
        cairo_rectangle(cr_, x, y_, widths[c], h);
        cairo_stroke(cr_);
        x += widths[c];
      }
      y_ += h;
    };
    if (y_ + row_height(t.header, head) + (t.rows.empty() ? 0 : row_height(t.rows[0], cell)) >
        kPageH - kBottom)
      new_page();
    draw_row(t.header, head, true);
    for (const auto& r : t.rows) {
      if (y_ + row_height(r, cell) > kPageH - kBottom) {
        new_page();
        draw_row(t.header, head, true);
      }
      draw_row(r, cell, false);
    }
    y_ += 10;
  }

  void chart(const reports::Chart& c) {
    double w = 400, h = c.kind == reports::Chart::Kind::radar ? 300 : 220;
    if (y_ + h > kPageH - kBottom) new_page();
    cairo_save(cr_);
    cairo_translate(cr_, kLeft + (kContentW - w) / 2, y_);
    draw_chart(cr_, c, w, h);
    cairo_restore(cr_);
    y_ += h + 10;
  }

  const reports::Document& doc_;
  std::string out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double y_ = 0;
  int page_ = 0;
};

}  // namespace

std::string write_pdf(const reports::Document& doc) {
  Writer w(doc);
  return w.run();
}

}  // namespace civic::service::render
