// CaseService::export_list: the filtered case list whole, page by page through `list` (so scope and filters
// are exactly the list's), bounded, with one audit record naming the filter and the number of rows.
#include "domain/core/error.h"
#include "service/cases/case_service.h"
#include "service/core/json_text.h"

namespace civic::service {

std::vector<CaseView> CaseService::export_list(const Principal& who, const CaseQuery& query) {
  constexpr int kPage = 200;
  std::vector<CaseView> out;
  for (int page = 1;; ++page) {
    Page<CaseView> p = list(who, query, {page, kPage});
    if (p.total > kMaxCaseExport) {
      throw InvalidInput("q", "more than " + std::to_string(kMaxCaseExport) + " cases; narrow the filter",
                         message_key("table.export.too_many", {{"limit", std::to_string(kMaxCaseExport)}}));
    }
    for (auto& c : p.items) out.push_back(std::move(c));
    if (p.items.empty() || static_cast<long long>(out.size()) >= p.total) break;
  }
  audit_.record(who, {"case.export", "case", "", "",
                      JsonText()
                          .add("state", query.state)
                          .add("category", query.category)
                          .add("unit", query.unit)
                          .add("source", query.source)
                          .add("period", query.period)
                          .add("q", query.text)
                          .add("overdue", query.overdue_only)
                          .add("rows", static_cast<long long>(out.size()))
                          .str()});
  return out;
}

}  // namespace civic::service
