// The bounds of every table import (sites, the task breakdown table, and the tables to come), CSV or XLSX:
// rows, columns and cells of the sheet, and for XLSX the zip's entry count, inflated size and compression
// ratio. A file past one bound is refused as a whole with InvalidInput on field "file" whose message key
// names the bound and carries it as {limit} (table.rows.too_many, table.columns.too_many,
// table.cells.too_many, table.file.too_many_entries, table.file.inflated_too_large,
// table.file.compression_ratio). Readers check the bounds as cells arrive, so a hostile file costs at most
// what the bounds allow, never what the file claims.
#pragma once

#include <cstddef>

namespace civic {

struct TableLimits {
  std::size_t max_rows = 20000;    // rows, the header and blank rows included
  std::size_t max_columns = 64;    // columns of any row
  std::size_t max_cells = 300000;  // non-empty cells (CSV: fields)
  std::size_t max_zip_entries = 1000;
  std::size_t max_inflated_bytes = 64u << 20;  // all zip entries together, uncompressed
  std::size_t max_compression_ratio = 100;     // per entry above 1 MiB uncompressed
};

inline constexpr TableLimits kTableLimits{};

// Counts a table as its cells arrive and throws the InvalidInput above the moment one bound is passed.
class TableBounds {
 public:
  explicit TableBounds(const TableLimits& limits = kTableLimits) : limits_(limits) {}
  // A cell at 0-based `row` and `column`; `counts` false for an empty cell (it still extends the table).
  void cell(std::size_t row, std::size_t column, bool counts = true);
  const TableLimits& limits() const { return limits_; }

 private:
  TableLimits limits_;
  std::size_t cells_ = 0;
};

enum class TableBound { rows, columns, cells, zip_entries, inflated_bytes, compression_ratio };

// Throws the InvalidInput("file") of `bound`, naming its value in `limits`.
[[noreturn]] void table_limit_exceeded(TableBound bound, const TableLimits& limits = kTableLimits);

}  // namespace civic
