#include "domain/cases/case_measures.h"

#include <algorithm>

namespace civic {

namespace {

std::optional<double> ratio(long long numerator, long long denominator) {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

constexpr double kMsPerHour = 3600.0 * 1000.0;

}  // namespace

CaseMeasures measure_cases(std::span<const CaseRecord> base, TimeMs now) {
  long long closed = 0, closed_on_time = 0, handled = 0, reworked = 0, postponed = 0, sent_back = 0,
            fixed = 0;
  long long timed_closures = 0;
  double hours_to_close = 0;
  CaseMeasures m;
  m.base_count = static_cast<long long>(base.size());
  for (const CaseRecord& c : base) {
    if (c.state == CaseState::closed) {
      ++closed;
      if (c.closed_at && c.due_at && *c.closed_at <= *c.due_at) ++closed_on_time;
      if (c.outcome == CaseOutcome::fixed) ++fixed;
      if (c.closed_at && c.first_dispatched_at) {
        ++timed_closures;
        hours_to_close += static_cast<double>(*c.closed_at - *c.first_dispatched_at) / kMsPerHour;
      }
    }
    if (c.handled_at_least_once) {
      ++handled;
      if (c.rework_count >= 1) ++reworked;
    }
    if (c.postponement_approved) ++postponed;
    if (c.send_back_count >= 1) ++sent_back;
    if (is_open(c.state) && c.due_at && *c.due_at < now) ++m.overdue_open;
  }
  const long long n = m.base_count;
  m.closure_rate = ratio(closed, n);
  m.on_time_closure_rate = ratio(closed_on_time, n);
  m.rework_rate = ratio(reworked, handled);
  m.postponement_rate = ratio(postponed, n);
  m.accurate_dispatch_rate = ratio(n - sent_back, n);
  if (timed_closures > 0) m.mean_hours_to_close = hours_to_close / static_cast<double>(timed_closures);
  m.fixed_share = ratio(fixed, closed);
  return m;
}

std::optional<double> composite_score(const CaseMeasures& m, const CompositeWeights& w) {
  if (m.base_count == 0) return std::nullopt;
  struct Term {
    double weight;
    std::optional<double> value;
  };
  auto complement = [](std::optional<double> rate) -> std::optional<double> {
    if (!rate) return std::nullopt;
    return 1.0 - *rate;
  };
  const Term terms[] = {
      {w.closure, m.closure_rate},
      {w.on_time_closure, m.on_time_closure_rate},
      {w.rework, complement(m.rework_rate)},
      {w.postponement, complement(m.postponement_rate)},
      {w.accurate_dispatch, m.accurate_dispatch_rate},
  };
  double total_weight = 0, present_weight = 0, score = 0;
  for (const Term& t : terms) {
    total_weight += t.weight;
    if (t.value) {
      present_weight += t.weight;
      score += t.weight * *t.value;
    }
  }
  if (present_weight == 0) return std::nullopt;
  return score * total_weight / present_weight;
}

RedBlackLists red_black_lists(std::span<const UnitScore> units, const RedBlackRule& rule) {
  std::vector<UnitScore> eligible;
  for (const UnitScore& u : units) {
    if (u.composite && u.case_count >= rule.min_cases) eligible.push_back(u);
  }
  const std::size_t list_size =
      std::min(static_cast<std::size_t>(std::max(rule.list_size, 0)), eligible.size() / 2);

  RedBlackLists lists;
  std::sort(eligible.begin(), eligible.end(), [](const UnitScore& a, const UnitScore& b) {
    if (*a.composite != *b.composite) return *a.composite > *b.composite;
    return a.unit_code < b.unit_code;
  });
  lists.red.assign(eligible.begin(), eligible.begin() + static_cast<std::ptrdiff_t>(list_size));
  // The black list is the tail of the same ranking, so ties never put a unit on both lists.
  lists.black.assign(eligible.end() - static_cast<std::ptrdiff_t>(list_size), eligible.end());
  std::sort(lists.black.begin(), lists.black.end(), [](const UnitScore& a, const UnitScore& b) {
    if (*a.composite != *b.composite) return *a.composite < *b.composite;
    return a.unit_code < b.unit_code;
  });
  return lists;
}

}  // namespace civic
