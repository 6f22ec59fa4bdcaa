#include "platform/spreadsheet.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <memory>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "domain/core/error.h"
#include "platform/zip_directory.h"

namespace civic::platform {

namespace {

namespace iface = orcus::spreadsheet::iface;
using orcus::spreadsheet::col_t;
using orcus::spreadsheet::row_t;

std::string number_text(double v) {
  char buf[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  return buf;
}

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

// The workbook's shared strings, bounded: more strings than a table may have cells is refused.
class SharedStrings : public iface::import_shared_strings {
 public:
  SharedStrings(const TableLimits& limits, std::exception_ptr& failure)
      : limits_(limits), failure_(failure) {}

  size_t append(std::string_view s) override { return push(std::string(s)); }
  size_t add(std::string_view s) override {
    auto it = index_.find(std::string(s));
    if (it != index_.end()) return it->second;
    size_t i = push(std::string(s));
    index_.emplace(strings_[i], i);
    return i;
  }
  void set_segment_font(size_t) override {}
  void set_segment_bold(bool) override {}
  void set_segment_italic(bool) override {}
  void set_segment_font_name(std::string_view) override {}
  void set_segment_font_size(double) override {}
  void set_segment_font_color(orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t,
                              orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t) override {}
  void append_segment(std::string_view s) override { segments_ += s; }
  size_t commit_segments() override {
    size_t i = push(std::move(segments_));
    segments_.clear();
    return i;
  }

  const std::string* find(size_t index) const { return index < strings_.size() ? &strings_[index] : nullptr; }

 private:
  size_t push(std::string s) {
    if (strings_.size() >= limits_.max_cells) {
      try {
        table_limit_exceeded(TableBound::cells, limits_);
      } catch (...) {
        if (!failure_) failure_ = std::current_exception();
        throw;
      }
    }
    strings_.push_back(std::move(s));
    return strings_.size() - 1;
  }

  const TableLimits& limits_;
  std::exception_ptr& failure_;
  std::vector<std::string> strings_;
  std::unordered_map<std::string, size_t> index_;
  std::string segments_;
};

// Formula cells are read as empty (their cached results are not taken as input).
class IgnoredFormula : public iface::import_formula {
 public:
  void set_position(row_t, col_t) override {}
  void set_formula(orcus::spreadsheet::formula_grammar_t, std::string_view) override {}
  void set_shared_formula_index(size_t) override {}
  void set_result_string(std::string_view) override {}
  void set_result_value(double) override {}
  void set_result_bool(bool) override {}
  void set_result_empty() override {}
  void commit() override {}
};

// One sheet's cells as they arrive: only non-empty cells are kept, each checked against the bounds first.
// `keep` false for the sheets after the first, whose cells are dropped.
class SheetCells : public iface::import_sheet {
 public:
  SheetCells(bool keep, const SharedStrings& strings, const TableLimits& limits, std::exception_ptr& failure)
      : keep_(keep), strings_(strings), bounds_(limits), failure_(failure) {}

  iface::import_formula* get_formula() override { return &formula_; }
  void set_auto(row_t row, col_t col, std::string_view s) override { put(row, col, std::string(s)); }
  void set_string(row_t row, col_t col, orcus::spreadsheet::string_id_t sindex) override {
    const std::string* s = strings_.find(sindex);
    put(row, col, s ? *s : std::string());
  }
  void set_value(row_t row, col_t col, double value) override { put(row, col, number_text(value)); }
  void set_bool(row_t row, col_t col, bool value) override { put(row, col, value ? "1" : "0"); }
  void set_date_time(row_t row, col_t col, int year, int month, int day, int hour, int minute,
                     double second) override {
    // As a spreadsheet day serial (days since 1899-12-30), the form dates are stored in.
    double serial = static_cast<double>(days_from_civil(year, month, day) - days_from_civil(1899, 12, 30)) +
                    (hour * 3600 + minute * 60 + second) / 86400.0;
    put(row, col, number_text(serial));
  }
  void set_format(row_t, col_t, size_t) override {}
  void set_format(row_t, col_t, row_t, col_t, size_t) override {}
  void fill_down_cells(row_t, col_t, row_t) override {}
  orcus::spreadsheet::range_size_t get_sheet_size() const override { return {1048576, 16384}; }

  Cells take() { return std::move(cells_); }

 private:
  void put(row_t row, col_t col, std::string value) {
    if (!keep_ || value.empty() || row < 0 || col < 0 || failure_) return;
    try {
      bounds_.cell(static_cast<size_t>(row), static_cast<size_t>(col));
    } catch (...) {
      failure_ = std::current_exception();
      throw;
    }
    if (cells_.size() <= static_cast<size_t>(row)) cells_.resize(static_cast<size_t>(row) + 1);
    auto& r = cells_[static_cast<size_t>(row)];
    if (r.size() <= static_cast<size_t>(col)) r.resize(static_cast<size_t>(col) + 1);
    r[static_cast<size_t>(col)] = std::move(value);
  }

  bool keep_;
  const SharedStrings& strings_;
  TableBounds bounds_;
  std::exception_ptr& failure_;
  IgnoredFormula formula_;
  Cells cells_;
};

// Cell references in A1 style ("B3", "$XFD$1048576", "Sheet1!A1:C9"), as orcus reads the sheet's `r`
// attributes through it. A reference outside a spreadsheet's range (more than XFD1048576) is invalid.
class A1References : public iface::import_reference_resolver {
 public:
  orcus::spreadsheet::src_address_t resolve_address(std::string_view text) override {
    if (auto bang = text.rfind('!'); bang != std::string_view::npos) text.remove_prefix(bang + 1);
    size_t i = 0;
    if (i < text.size() && text[i] == '$') ++i;
    long column = 0;
    size_t letters = 0;
    for (; i < text.size() && text[i] >= 'A' && text[i] <= 'Z' && letters < 4; ++i, ++letters) {
      column = column * 26 + (text[i] - 'A' + 1);
    }
    if (i < text.size() && text[i] == '$') ++i;
    long row = 0;
    size_t digits = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 8; ++i, ++digits) {
      row = row * 10 + (text[i] - '0');
    }
    if (i != text.size() || letters == 0 || digits == 0 || column > 16384 || row < 1 || row > 1048576) {
      throw std::invalid_argument("not a cell reference");
    }
    return {0, static_cast<row_t>(row - 1), static_cast<col_t>(column - 1)};
  }
  orcus::spreadsheet::src_range_t resolve_range(std::string_view text) override {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      auto a = resolve_address(text);
      return {a, a};
    }
    return {resolve_address(text.substr(0, colon)), resolve_address(text.substr(colon + 1))};
  }
};

// What orcus fills: shared strings and sheets, nothing else (no styles, no document model).
class BoundedFactory : public iface::import_factory {
 public:
  explicit BoundedFactory(const TableLimits& limits) : limits_(limits), strings_(limits, failure_) {}

  iface::import_shared_strings* get_shared_strings() override { return &strings_; }
  iface::import_reference_resolver* get_reference_resolver(
      orcus::spreadsheet::formula_ref_context_t) override {
    return &references_;
  }
  iface::import_sheet* append_sheet(orcus::spreadsheet::sheet_t index, std::string_view name) override {
    sheets_.push_back(std::make_unique<SheetCells>(index == 0, strings_, limits_, failure_));
    names_.emplace_back(name);
    return sheets_.back().get();
  }
  iface::import_sheet* get_sheet(std::string_view name) override {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return sheets_[i].get();
    }
    return nullptr;
  }
  iface::import_sheet* get_sheet(orcus::spreadsheet::sheet_t index) override {
    return index >= 0 && static_cast<size_t>(index) < sheets_.size() ? sheets_[index].get() : nullptr;
  }
  void finalize() override {}

  // The first bound a cell or string passed, also when orcus swallowed the exception thrown for it.
  std::exception_ptr failure() const { return failure_; }
  Cells first_sheet() { return sheets_.empty() ? Cells{} : sheets_.front()->take(); }

 private:
  const TableLimits& limits_;
  std::exception_ptr failure_;
  SharedStrings strings_;
  A1References references_;
  std::vector<std::unique_ptr<SheetCells>> sheets_;
  std::vector<std::string> names_;
};

}  // namespace

bool looks_like_xlsx(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Cells read_xlsx(std::string_view bytes, const TableLimits& limits) {
  check_workbook_zip(bytes, limits);
  BoundedFactory factory(limits);
  try {
    orcus::orcus_xlsx app(&factory);
    app.read_stream(bytes);
  } catch (const civic::Error&) {
    throw;
  } catch (const std::exception&) {
    if (factory.failure()) std::rethrow_exception(factory.failure());
    throw InvalidInput("file", "the file is not a readable XLSX workbook",
                       message_key("table.file.unreadable"));
  }
  if (factory.failure()) std::rethrow_exception(factory.failure());
  Cells cells = factory.first_sheet();
  // Rows as wide as the widest, as the table parsers read them.
  size_t width = 0;
  for (const auto& row : cells) width = std::max(width, row.size());
  for (auto& row : cells) row.resize(width);
  return cells;
}

std::string write_xlsx(const Cells& cells, const std::string& sheet_name) {
  return write_xlsx_workbook({Sheet{sheet_name, cells, false}});
}

std::string write_xlsx_workbook(const std::vector<Sheet>& sheets) {
  std::random_device rd;
  auto path = std::filesystem::temp_directory_path() /
              ("civic-export-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create a temporary XLSX file");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (const Sheet& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    const Cells& cells = sheet.cells;
    for (size_t r = 0; r < cells.size(); ++r) {
      for (size_t c = 0; c < cells[r].size(); ++c) {
        const std::string& text = cells[r][c];
        auto row = static_cast<lxw_row_t>(r);
        auto col = static_cast<lxw_col_t>(c);
        double v = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (sheet.numbers && r > 0 && !text.empty() && ec == std::errc() &&
            end == text.data() + text.size() && std::isfinite(v)) {
          worksheet_write_number(ws, row, col, v, nullptr);
        } else {
          // worksheet_write_string stores a shared string cell: a text starting with "=" stays text.
          worksheet_write_string(ws, row, col, text.c_str(), r == 0 ? bold : nullptr);
        }
      }
    }
  }
  lxw_error err = workbook_close(wb);
  std::string out;
  if (err == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    out = buf.str();
  }
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string("writing XLSX failed: ") + lxw_strerror(err));
  return out;
}

}  // namespace civic::platform
