#include "service/cases/case_period.h"

#include <soci/soci.h>

#include <optional>

#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "store/evaluation/evaluation_repository.h"

namespace civic::service {

namespace {

TimeMs day_start(int year, int month, int day) {
  return start_of_day(CivilDate{year, month, day});
}

std::optional<CasePeriod> parse_period_code(const std::string& code) {
  if (code.size() < 4) return std::nullopt;
  for (int i = 0; i < 4; ++i) {
    if (code[i] < '0' || code[i] > '9') return std::nullopt;
  }
  int year = std::stoi(code.substr(0, 4));
  std::string rest = code.substr(4);
  int first_month = 1, months = 12;
  if (rest.empty()) {
  } else if (rest == "H1" || rest == "H2") {
    first_month = rest == "H1" ? 1 : 7;
    months = 6;
  } else if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
    first_month = 1 + 3 * (rest[1] - '1');
    months = 3;
  } else {
    return std::nullopt;
  }
  int end_month = first_month + months;
  CasePeriod b{code, day_start(year, first_month, 1),
               end_month > 12 ? day_start(year + 1, end_month - 12, 1) : day_start(year, end_month, 1)};
  return b;
}

}  // namespace

CasePeriod resolve_case_period(soci::session& sql, const std::string& code, TimeMs now) {
  store::EvaluationRepository repo(sql);
  if (code.empty()) {
    for (const auto& p : repo.list_periods()) {
      auto s = parse_iso_date(p.start);
      auto e = parse_iso_date(p.end);
      if (!s || !e) continue;
      TimeWindow w = days_window(*s, *e);
      if (w.contains(now)) return {p.code, w.start, w.end};
    }
    CivilDate today = civil_date_of(now);
    return *parse_period_code(std::to_string(today.year) + (today.month <= 6 ? "H1" : "H2"));
  }
  if (auto p = repo.find_period(code)) {
    auto s = parse_iso_date(p->start);
    auto e = parse_iso_date(p->end);
    if (s && e) {
      TimeWindow w = days_window(*s, *e);
      return {p->code, w.start, w.end};
    }
  }
  if (auto b = parse_period_code(code)) return *b;
  throw InvalidInput("period", "unknown period: " + code,
                     message_key("case.period.unknown", {{"period", code}}));
}

}  // namespace civic::service
