// A framework spreadsheet (the shape GET /api/frameworks/{code}/export writes: one row per check, an item
// without checks on a row of its own, Chinese headers 方面编码 … 责任单位) read back as a framework tree,
// all or nothing: every cell problem is collected (row and column named) and thrown as one InvalidTable.
// The sheet holds the tree, the points and the checks; what it does not hold (survey questions, statistic
// targets, grades, the negative list …) comes from the base framework by item code (merge_framework_table),
// and the bundle rules then judge the result as a draft (framework_draft_service.h).
#pragma once

#include <string>
#include <string_view>

#include "domain/core/table_errors.h"
#include "domain/evaluation/framework.h"

namespace civic::service {

// The aspects, indicators, items and checks of the XLSX workbook `bytes`. Throws InvalidTable (or
// InvalidInput "file" when the bytes are not a workbook).
Framework read_framework_table(std::string_view bytes);

// `base_document` (a stored framework document) with its tree replaced by `table`'s; an item the base also
// has keeps the base's survey and statistic settings and English names when the sheet's method is the same.
// The document text (it may break a framework rule: the draft then shows the problem).
std::string merge_framework_table(const std::string& base_document, const Framework& table);

}  // namespace civic::service
