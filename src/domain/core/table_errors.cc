#include "domain/core/table_errors.h"

#include <set>

namespace civic {

namespace {

std::string table_message(const std::vector<TableCellError>& errors) {
  std::set<int> rows;
  for (const auto& e : errors) rows.insert(e.row);
  return rows.size() == 1 ? "1 row has errors" : std::to_string(rows.size()) + " rows have errors";
}

}  // namespace

InvalidTable::InvalidTable(std::vector<TableCellError> list)
    : InvalidInput("file", table_message(list)), errors(std::move(list)) {}

}  // namespace civic
