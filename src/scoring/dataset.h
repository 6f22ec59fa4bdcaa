// ScoringDataset: the compact, index-based form of one framework and its evidence that the engine
// scores (scoring.md). Everything is referred to by dense index; inspections and responses are
// columnar, sorted by day so that a period is one contiguous range, and carry their per-item
// outcomes precomputed (check → item), so scoring a period never looks at a check again.
// Build it once with DatasetBuilder; it is immutable afterwards and safe to share across threads, except
// through insert_inspection/insert_response, which a copy-on-write owner uses on its private copy.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/evaluation/framework.h"

namespace civic::scoring {

// A check result that is n/a (or not observed).
inline constexpr int32_t kNotApplicable = -1;

struct ScoringDataset {
  Framework framework;

  // Framework, flattened in framework order.
  std::vector<Item> items;
  std::vector<int32_t> item_indicator;  // item → indicator index
  std::vector<std::string> indicator_code;
  std::vector<int32_t> indicator_aspect;  // indicator → aspect index
  std::vector<std::string> aspect_code;
  std::vector<int32_t> item_ordinal;  // index among the items of the same method
  std::vector<int32_t> field_items, survey_items, statistic_items, material_items;  // ordinal → item
  std::vector<int32_t> statistic_metric;  // statistic ordinal → metric index
  std::vector<std::string> metrics;
  double max_total = 0;

  // Checks, in framework order.
  std::vector<std::string> check_code;
  std::vector<int32_t> check_item;
  std::vector<double> check_deduct;
  std::vector<std::string> site_types;
  std::vector<uint8_t> check_applies;  // [check * site_types.size() + type]

  // Units: one tree. `order` lists parents before children; [pre, post) is a unit's scope in preorder.
  std::vector<std::string> unit_code;
  std::vector<int32_t> unit_parent;     // -1 for the root
  std::vector<double> unit_population;  // 0 when unknown
  std::vector<int32_t> order;
  std::vector<int32_t> child_begin;  // CSR over `children`, size units + 1
  std::vector<int32_t> children;
  std::vector<int32_t> pre, post;

  // Sites.
  std::vector<std::string> site_code;
  std::vector<int32_t> site_unit, site_type;

  // Periods (inclusive day numbers).
  std::vector<std::string> period_code;
  std::vector<int32_t> period_start, period_end;

  // Inspections, sorted by (day, unit): results in [result_begin[r], result_begin[r+1]).
  std::vector<std::string> inspection_id;
  std::vector<int32_t> inspection_site, inspection_day, inspection_unit;
  std::vector<uint32_t> result_begin;
  std::vector<int32_t> result_check, result_failures;  // failures or kNotApplicable
  // The items each inspection assesses and s(i, r) (scoring.md §3.1), in [assess_begin[r],
  // assess_begin[r+1]).
  std::vector<uint32_t> assess_begin;
  std::vector<int32_t> assess_field;  // field ordinal
  std::vector<double> assess_score;

  // Responses, sorted by (day, unit): each counted (survey ordinal, positive) pair.
  std::vector<std::string> response_id;
  std::vector<int32_t> response_unit, response_day;
  std::vector<uint32_t> count_begin;
  std::vector<int32_t> count_survey;
  std::vector<uint8_t> count_positive;

  // Statistic values, material grades and negative-list events.
  struct Statistic {
    int32_t metric, unit, period;
    double value;
  };
  struct Grade {
    int32_t item, unit, period;
    double fraction;
    std::string grade;
  };
  struct Penalty {
    int32_t unit, period;
    double deduct;
    bool disqualify;
    std::string code;
  };
  std::vector<Statistic> statistics;
  std::vector<Grade> grades;
  std::vector<Penalty> penalties;

  int unit_count() const { return static_cast<int>(unit_code.size()); }
  int item_count() const { return static_cast<int>(items.size()); }
  int period_count() const { return static_cast<int>(period_code.size()); }
  // Index or -1.
  int unit_index(std::string_view code) const;
  int period_index(std::string_view code) const;
  int item_index(std::string_view code) const;
  // True when `unit` is `scope` or one of its descendants.
  bool in_scope(int unit, int scope) const { return pre[unit] >= pre[scope] && pre[unit] < post[scope]; }
  // First index r with inspection_day[r] >= day (same for responses).
  size_t first_inspection_on_or_after(int day) const;
  size_t first_response_on_or_after(int day) const;
  // Index or -1 (linear: for a few look-ups, not per row).
  int site_index(std::string_view code) const;
  int check_index(std::string_view code) const;

  // Adds evidence to a finished dataset, keeping the (day) order: the new row goes after every row of
  // its day, so indices of later rows shift by one. Arguments as DatasetBuilder::add_inspection and
  // add_response (site, checks and unit must exist); the per-item outcomes are derived as finish() does.
  // Returns the new row's index. Cost: linear in the rows after it (a move), so for a few rows at a time.
  size_t insert_inspection(std::string id, int site, int day,
                           std::span<const std::pair<int32_t, int32_t>> results);
  size_t insert_response(std::string id, int unit, int day,
                         std::span<const std::pair<std::string_view, std::string_view>> answers);
};

// Collects units, sites and evidence by index (codes are looked up once through the *_index
// methods) and produces the dataset. References must already be valid: the bundle parser and the
// store validate; here they are asserted.
class DatasetBuilder {
 public:
  explicit DatasetBuilder(Framework framework);

  // `parent` -1 for the root; `population` 0 when unknown. Returns the unit's index.
  int add_unit(std::string code, int parent, double population);
  int add_site(std::string code, int unit, std::string_view type);
  int add_period(std::string code, int start_day, int end_day);
  // `results`: (check index, failures or kNotApplicable).
  void add_inspection(std::string id, int site, int day,
                      std::span<const std::pair<int32_t, int32_t>> results);
  // `answers`: (question code, answer); empty answers do not count.
  void add_response(std::string id, int unit, int day,
                    std::span<const std::pair<std::string_view, std::string_view>> answers);
  void add_statistic(std::string_view metric, int unit, int period, double value);
  // `item` must be a material item; `fraction` from the framework's grade map.
  void add_grade(int item, int unit, int period, std::string grade, double fraction);
  void add_penalty(std::string code, int unit, int period, double deduct, bool disqualify);

  int unit_index(std::string_view code) const;
  int site_index(std::string_view code) const;
  int check_index(std::string_view code) const;
  int item_index(std::string_view code) const;
  int period_index(std::string_view code) const;

  // Sorts, derives the tree and precomputes per-inspection item scores. Call once.
  ScoringDataset finish();

 private:
  int site_type_index(std::string_view type);

  ScoringDataset d_;
  std::unordered_map<std::string, int> unit_by_code_, site_by_code_, check_by_code_, item_by_code_,
      period_by_code_, type_by_name_, metric_by_name_;
  // Site types of each check before the type list is final (empty: every type).
  std::vector<std::vector<std::string>> check_types_;
};

}  // namespace civic::scoring
