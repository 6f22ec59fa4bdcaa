#include "platform/spreadsheet.h"

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ixion/model_context.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/document.hpp>
#include <orcus/spreadsheet/factory.hpp>
#include <orcus/spreadsheet/sheet.hpp>
#include <random>
#include <sstream>

#include "domain/core/error.h"

namespace civic::platform {

namespace {

std::string number_text(double v) {
  char buf[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", v);
  }
  return buf;
}

}  // namespace

bool looks_like_xlsx(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

Cells read_xlsx(std::string_view bytes) {
  namespace ss = orcus::spreadsheet;
  Cells cells;
  try {
    ss::range_size_t size{1048576, 16384};
    ss::document doc{size};
    ss::import_factory factory{doc};
    orcus::orcus_xlsx app(&factory);
    app.read_stream(bytes);
    if (doc.get_sheet_count() == 0) return cells;
    const ss::sheet* sheet = doc.get_sheet(0);
    ixion::abs_range_t range = sheet->get_data_range();
    if (!range.valid()) return cells;
    const ixion::model_context& model = doc.get_model_context();
    for (ixion::row_t r = 0; r <= range.last.row; ++r) {
      std::vector<std::string> row;
      for (ixion::col_t c = 0; c <= range.last.column; ++c) {
        ixion::abs_address_t addr(0, r, c);
        switch (model.get_celltype(addr)) {
          case ixion::celltype_t::string:
            row.emplace_back(model.get_string_value(addr));
            break;
          case ixion::celltype_t::numeric:
            row.push_back(number_text(model.get_numeric_value(addr)));
            break;
          case ixion::celltype_t::boolean:
            row.push_back(model.get_numeric_value(addr) != 0 ? "1" : "0");
            break;
          default:
            row.emplace_back();
        }
      }
      cells.push_back(std::move(row));
    }
  } catch (const civic::Error&) {
    throw;
  } catch (const std::exception&) {
    throw InvalidInput("file", "the file is not a readable XLSX workbook");
  }
  return cells;
}

std::string write_xlsx(const Cells& cells, const std::string& sheet_name) {
  std::random_device rd;
  auto path = std::filesystem::temp_directory_path() /
              ("civic-export-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create a temporary XLSX file");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < cells[r].size(); ++c) {
      worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), cells[r][c].c_str(),
                             r == 0 ? bold : nullptr);
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
