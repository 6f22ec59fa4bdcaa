#include "domain/core/table_limits.h"

#include <string>

#include "domain/core/error.h"

namespace civic {

void table_limit_exceeded(TableBound bound, const TableLimits& limits) {
  std::size_t limit = 0;
  std::string english;
  MessageKey key;
  switch (bound) {
    case TableBound::rows:
      limit = limits.max_rows;
      english = "the table has too many rows";
      key = message_key("table.rows.too_many");
      break;
    case TableBound::columns:
      limit = limits.max_columns;
      english = "the table has too many columns";
      key = message_key("table.columns.too_many");
      break;
    case TableBound::cells:
      limit = limits.max_cells;
      english = "the table has too many cells";
      key = message_key("table.cells.too_many");
      break;
    case TableBound::zip_entries:
      limit = limits.max_zip_entries;
      english = "the workbook has too many parts";
      key = message_key("table.file.too_many_entries");
      break;
    case TableBound::inflated_bytes:
      limit = limits.max_inflated_bytes;
      english = "the workbook is too large once uncompressed (bytes)";
      key = message_key("table.file.inflated_too_large");
      break;
    case TableBound::compression_ratio:
      limit = limits.max_compression_ratio;
      english = "a part of the workbook is compressed beyond the ratio allowed";
      key = message_key("table.file.compression_ratio");
      break;
  }
  std::string n = std::to_string(limit);
  key.args.emplace_back("limit", n);
  throw InvalidInput("file", english + "; the limit is " + n, std::move(key));
}

void TableBounds::cell(std::size_t row, std::size_t column, bool counts) {
  if (row >= limits_.max_rows) table_limit_exceeded(TableBound::rows, limits_);
  if (column >= limits_.max_columns) table_limit_exceeded(TableBound::columns, limits_);
  if (counts && ++cells_ > limits_.max_cells) table_limit_exceeded(TableBound::cells, limits_);
}

}  // namespace civic
