// BulkInserter: appends many rows to one table inside the caller's transaction, the way each database is
// fast at. PostgreSQL: the rows are buffered and sent with `COPY table (columns) FROM STDIN` through libpq on
// SOCI's own connection (one stream per flush, no round trip per row). SQLite: one prepared INSERT executed
// once per row (SOCI's bulk binding), which inside one transaction is already fast. Values travel as data
// (COPY's text format, or bound parameters), never as SQL text; the table and column names are the
// caller's constants. Rows are flushed every `batch` rows and by flush(); a row that violates a constraint
// makes the flush throw and leaves the transaction to be rolled back. Destroying an inserter drops rows
// not yet flushed (a failed import must not write more).
//
// Batched lookups go with it: `existing_codes` and `ids_by_code` ask for many codes at once
// (`code IN (:p0, …)`, bound, `kLookupBatch` codes a query) instead of one query per row.
#pragma once

#include <soci/soci.h>

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace civic::store {

class BulkInserter {
 public:
  enum class Type { text, integer, real };
  struct Column {
    std::string name;
    Type type;
  };

  BulkInserter(soci::session& sql, std::string table, std::vector<Column> columns, std::size_t batch = 20000);
  BulkInserter(const BulkInserter&) = delete;
  BulkInserter& operator=(const BulkInserter&) = delete;

  // One row: its values in column order, each by the column's type (null for any type), then end_row().
  BulkInserter& text(const std::string& value);
  BulkInserter& integer(long long value);
  BulkInserter& real(double value);
  BulkInserter& null();
  // The value, or null when there is none.
  BulkInserter& text_or_null(const std::optional<std::string>& value) {
    return value ? text(*value) : null();
  }
  BulkInserter& integer_or_null(const std::optional<long long>& value) {
    return value ? integer(*value) : null();
  }
  BulkInserter& real_or_null(const std::optional<double>& value) { return value ? real(*value) : null(); }
  void end_row();

  // Writes the buffered rows. Throws (std::runtime_error or soci::soci_error) when the database refuses them.
  void flush();
  std::size_t rows_written() const { return written_; }

 private:
  void next_column(Type type);
  void flush_copy();
  void flush_prepared();

  soci::session& sql_;
  bool postgresql_;
  std::string table_;
  std::vector<Column> columns_;
  std::size_t batch_;
  std::size_t column_ = 0;  // the column the next value is for
  std::size_t rows_ = 0;    // buffered rows
  std::size_t written_ = 0;
  // One buffer per column (only the one of its type is used) and its indicators.
  std::vector<std::vector<std::string>> texts_;
  std::vector<std::vector<long long>> ints_;
  std::vector<std::vector<double>> reals_;
  std::vector<std::vector<soci::indicator>> inds_;
};

inline constexpr std::size_t kLookupBatch = 1000;

// Which of `codes` are in `table`.`column` (a text column; the names are the caller's constants).
std::unordered_set<std::string> existing_codes(soci::session& sql, const std::string& table,
                                               const std::string& column,
                                               const std::vector<std::string>& codes);
// The `id` of each of `codes` found in `table`.`code`.
std::unordered_map<std::string, long long> ids_by_code(soci::session& sql, const std::string& table,
                                                       const std::vector<std::string>& codes);

}  // namespace civic::store
