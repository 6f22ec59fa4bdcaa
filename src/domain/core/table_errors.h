// Errors of an all-or-nothing table import (sites CSV, task breakdown table). Every problem is a
// TableCellError naming the spreadsheet row (header = 1) and the column as the file's header spells it
// ("" for a whole-row or whole-file problem), and optionally the message key the console shows instead of the
// English message (sent as "key" and "args" beside it). InvalidTable is the 400 for a rejected table:
// InvalidInput on field "file" with message "N rows have errors" (N = distinct rows), carrying every error.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/core/error.h"

namespace civic {

struct TableCellError {
  TableCellError() = default;
  TableCellError(int row_, std::string column_, std::string message_, MessageKey key_ = {})
      : row(row_), column(std::move(column_)), message(std::move(message_)), key(std::move(key_)) {}

  int row = 0;         // spreadsheet row, header = 1
  std::string column;  // the header text of the column ("" when the problem is the whole row or file)
  std::string message;
  MessageKey key;  // empty key: the console shows `message`
};

struct InvalidTable : InvalidInput {
  explicit InvalidTable(std::vector<TableCellError> list);
  std::vector<TableCellError> errors;
};

}  // namespace civic
