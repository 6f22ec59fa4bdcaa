// Selections (评选, participation.md "Selection"): the rules that need no database — the candidate stage
// machine, the panel mean, the end of the public notice and the reviewer rule.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace civic {

// Selection kinds: "civilized_unit" (文明单位), "civilized_family" (文明家庭), "civilized_community"
// (文明社区/村镇), "civilized_campus" (文明校园), "civilized_trade" (文明行业).
bool valid_selection_kind(std::string_view kind);

// Candidate stages in order: nominated → reviewed → scored → in_notice → approved → named; any stage but
// withdrawn → withdrawn.
bool valid_selection_stage(std::string_view stage);
// Whether a candidate may move from `from` to `to`: only to the next stage in order, or to withdrawn from
// any stage that is not withdrawn already. Skipping a stage, going back and staying put are refused.
bool selection_transition_allowed(std::string_view from, std::string_view to);

// The panel score: the mean of the reviewers' totals; empty when no reviewer has scored.
std::optional<double> panel_mean(const std::vector<double>& totals);

// When the public notice ends (milliseconds since the epoch): notice_started_at + notice_days days.
long long notice_ends_at(long long notice_started_at_ms, int notice_days);
// Whether the notice has ended at `now_ms` (started and at least notice_days days passed).
bool notice_ended(long long notice_started_at_ms, int notice_days, long long now_ms);

// Whether a reviewer from the unit at `reviewer_unit_path` may score a candidate of the unit at
// `candidate_unit_path`: refused when the reviewer's unit is the candidate's unit or an ancestor of it
// (paths are materialized, "/1/5/"). An empty reviewer path (no unit) may score.
bool reviewer_may_score(std::string_view reviewer_unit_path, std::string_view candidate_unit_path);

// The end of a title's term: `from_ms` plus `years` calendar years (UTC; 29 February → 28 February), the
// time of day kept.
long long title_term_end(long long from_ms, int years);

}  // namespace civic
