#include "domain/participation/selection.h"

#include <array>
#include <numeric>

#include "domain/core/civil_date.h"
#include "domain/units/unit.h"

namespace civic {

namespace {

constexpr std::array<std::string_view, 6> kStages = {"nominated", "reviewed", "scored",
                                                     "in_notice", "approved", "named"};
constexpr std::array<std::string_view, 5> kKinds = {
    "civilized_unit", "civilized_family", "civilized_community", "civilized_campus", "civilized_trade"};
constexpr long long kDayMs = 24LL * 60 * 60 * 1000;

int stage_index(std::string_view stage) {
  for (size_t i = 0; i < kStages.size(); ++i) {
    if (kStages[i] == stage) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

bool valid_selection_kind(std::string_view kind) {
  for (std::string_view k : kKinds) {
    if (k == kind) return true;
  }
  return false;
}

bool valid_selection_stage(std::string_view stage) {
  return stage == "withdrawn" || stage_index(stage) >= 0;
}

bool selection_transition_allowed(std::string_view from, std::string_view to) {
  int f = stage_index(from);
  if (f < 0) return false;  // withdrawn, or not a stage
  if (to == "withdrawn") return true;
  int t = stage_index(to);
  return t >= 0 && t == f + 1;
}

std::optional<double> panel_mean(const std::vector<double>& totals) {
  if (totals.empty()) return std::nullopt;
  return std::accumulate(totals.begin(), totals.end(), 0.0) / static_cast<double>(totals.size());
}

long long notice_ends_at(long long notice_started_at_ms, int notice_days) {
  return notice_started_at_ms + static_cast<long long>(notice_days) * kDayMs;
}

bool notice_ended(long long notice_started_at_ms, int notice_days, long long now_ms) {
  return notice_started_at_ms > 0 && now_ms >= notice_ends_at(notice_started_at_ms, notice_days);
}

bool reviewer_may_score(std::string_view reviewer_unit_path, std::string_view candidate_unit_path) {
  if (reviewer_unit_path.empty()) return true;
  return !path_in_scope(reviewer_unit_path, candidate_unit_path);
}

long long title_term_end(long long from_ms, int years) {
  long long day = from_ms >= 0 ? from_ms / kDayMs : -((-from_ms + kDayMs - 1) / kDayMs);
  long long time_of_day = from_ms - day * kDayMs;
  CivilDate date = date_from_day_number(static_cast<int>(day));
  date.year += years;
  if (date.month == 2 && date.day == 29 && !parse_iso_date(to_iso(date))) date.day = 28;
  return static_cast<long long>(day_number(date)) * kDayMs + time_of_day;
}

}  // namespace civic
