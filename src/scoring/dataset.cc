#include "scoring/dataset.h"

#include <algorithm>
#include <cassert>
#include <numeric>

namespace civic::scoring {
namespace {

int find(const std::unordered_map<std::string, int>& map, std::string_view code) {
  auto it = map.find(std::string(code));
  return it == map.end() ? -1 : it->second;
}

int find_in(const std::vector<std::string>& codes, std::string_view code) {
  auto it = std::find(codes.begin(), codes.end(), code);
  return it == codes.end() ? -1 : static_cast<int>(it - codes.begin());
}

template <class T>
std::vector<T> permute(const std::vector<T>& v, const std::vector<uint32_t>& perm) {
  std::vector<T> out;
  out.reserve(v.size());
  for (uint32_t p : perm) out.push_back(v[p]);
  return out;
}

// s(i, r) of one inspection (scoring.md §3.1) from its `count` results at a site of `type`, appended
// to `field`/`score` in field-ordinal order. `deduction`/`assessed` are scratch of one slot per field
// item (left all clear), `touched` scratch.
void assess(const ScoringDataset& d, size_t type, const int32_t* check, const int32_t* failures, size_t count,
            std::vector<double>& deduction, std::vector<uint8_t>& assessed, std::vector<int32_t>& touched,
            std::vector<int32_t>& field, std::vector<double>& score) {
  const size_t types = d.site_types.size();
  touched.clear();
  for (size_t k = 0; k < count; ++k) {
    const int32_t c = check[k];
    if (failures[k] == kNotApplicable || !d.check_applies[static_cast<size_t>(c) * types + type]) continue;
    const int32_t f = d.item_ordinal[d.check_item[c]];
    if (!assessed[f]) {
      assessed[f] = 1;
      deduction[f] = 0;
      touched.push_back(f);
    }
    deduction[f] += d.check_deduct[c] * failures[k];
  }
  std::sort(touched.begin(), touched.end());
  for (int32_t f : touched) {
    field.push_back(f);
    score.push_back(std::max(0.0, d.items[d.field_items[f]].max_score - deduction[f]));
    assessed[f] = 0;
  }
}

// The (survey ordinal, positive) pairs one response counts for (scoring.md §3.2).
void count_answers(const ScoringDataset& d,
                   std::span<const std::pair<std::string_view, std::string_view>> answers,
                   std::vector<int32_t>& survey, std::vector<uint8_t>& positive) {
  for (size_t s = 0; s < d.survey_items.size(); ++s) {
    const Item& item = d.items[d.survey_items[s]];
    for (const auto& [question, answer] : answers) {
      if (question != item.question || answer.empty()) continue;
      bool is_positive = std::find(item.positive.begin(), item.positive.end(), answer) != item.positive.end();
      survey.push_back(static_cast<int32_t>(s));
      positive.push_back(is_positive ? 1 : 0);
      break;
    }
  }
}

// Inserts a CSR row of `added` entries at row `pos` of `begin` (size rows + 1); returns where its entries go.
uint32_t insert_row(std::vector<uint32_t>& begin, size_t pos, uint32_t added) {
  if (begin.empty()) begin.push_back(0);
  const uint32_t at = begin[pos];
  begin.insert(begin.begin() + static_cast<long>(pos) + 1, at);
  for (size_t j = pos + 1; j < begin.size(); ++j) begin[j] += added;
  return at;
}

template <class T>
void insert_at(std::vector<T>& v, size_t pos, T value) {
  v.insert(v.begin() + static_cast<long>(pos), std::move(value));
}

}  // namespace

int ScoringDataset::site_index(std::string_view code) const {
  return find_in(site_code, code);
}
int ScoringDataset::check_index(std::string_view code) const {
  return find_in(check_code, code);
}

size_t ScoringDataset::insert_inspection(std::string id, int site, int day,
                                         std::span<const std::pair<int32_t, int32_t>> results) {
  assert(site >= 0 && site < static_cast<int>(site_code.size()));
  const size_t pos = static_cast<size_t>(std::upper_bound(inspection_day.begin(), inspection_day.end(), day) -
                                         inspection_day.begin());
  insert_at(inspection_id, pos, std::move(id));
  insert_at(inspection_site, pos, site);
  insert_at(inspection_day, pos, day);
  insert_at(inspection_unit, pos, site_unit[site]);
  std::vector<int32_t> checks, failures;
  for (auto [check, f] : results) {
    assert(check >= 0 && check < static_cast<int>(check_code.size()));
    checks.push_back(check);
    failures.push_back(f);
  }
  const uint32_t rb = insert_row(result_begin, pos, static_cast<uint32_t>(checks.size()));
  result_check.insert(result_check.begin() + rb, checks.begin(), checks.end());
  result_failures.insert(result_failures.begin() + rb, failures.begin(), failures.end());

  std::vector<double> deduction(field_items.size(), 0), score;
  std::vector<uint8_t> assessed(field_items.size(), 0);
  std::vector<int32_t> touched, field;
  assess(*this, static_cast<size_t>(site_type[site]), checks.data(), failures.data(), checks.size(),
         deduction, assessed, touched, field, score);
  const uint32_t ab = insert_row(assess_begin, pos, static_cast<uint32_t>(field.size()));
  assess_field.insert(assess_field.begin() + ab, field.begin(), field.end());
  assess_score.insert(assess_score.begin() + ab, score.begin(), score.end());
  return pos;
}

size_t ScoringDataset::insert_response(
    std::string id, int unit, int day,
    std::span<const std::pair<std::string_view, std::string_view>> answers) {
  assert(unit >= 0 && unit < unit_count());
  const size_t pos = static_cast<size_t>(std::upper_bound(response_day.begin(), response_day.end(), day) -
                                         response_day.begin());
  insert_at(response_id, pos, std::move(id));
  insert_at(response_unit, pos, unit);
  insert_at(response_day, pos, day);
  std::vector<int32_t> survey;
  std::vector<uint8_t> positive;
  count_answers(*this, answers, survey, positive);
  const uint32_t cb = insert_row(count_begin, pos, static_cast<uint32_t>(survey.size()));
  count_survey.insert(count_survey.begin() + cb, survey.begin(), survey.end());
  count_positive.insert(count_positive.begin() + cb, positive.begin(), positive.end());
  return pos;
}

int ScoringDataset::unit_index(std::string_view code) const {
  return find_in(unit_code, code);
}
int ScoringDataset::period_index(std::string_view code) const {
  return find_in(period_code, code);
}
int ScoringDataset::item_index(std::string_view code) const {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].code == code) return static_cast<int>(i);
  return -1;
}

size_t ScoringDataset::first_inspection_on_or_after(int day) const {
  return static_cast<size_t>(std::lower_bound(inspection_day.begin(), inspection_day.end(), day) -
                             inspection_day.begin());
}
size_t ScoringDataset::first_response_on_or_after(int day) const {
  return static_cast<size_t>(std::lower_bound(response_day.begin(), response_day.end(), day) -
                             response_day.begin());
}

DatasetBuilder::DatasetBuilder(Framework framework) {
  d_.framework = std::move(framework);
  int ordinal[4] = {0, 0, 0, 0};
  for (const auto& aspect : d_.framework.aspects) {
    d_.aspect_code.push_back(aspect.code);
    for (const auto& indicator : aspect.indicators) {
      d_.indicator_code.push_back(indicator.code);
      d_.indicator_aspect.push_back(static_cast<int32_t>(d_.aspect_code.size() - 1));
      for (const auto& item : indicator.items) {
        int index = static_cast<int>(d_.items.size());
        d_.items.push_back(item);
        item_by_code_.emplace(item.code, index);
        d_.item_indicator.push_back(static_cast<int32_t>(d_.indicator_code.size() - 1));
        d_.item_ordinal.push_back(ordinal[static_cast<int>(item.method)]++);
        d_.max_total += item.max_score;
        switch (item.method) {
          case Method::field:
            d_.field_items.push_back(index);
            for (const auto& check : item.checks) {
              check_by_code_.emplace(check.code, static_cast<int>(d_.check_code.size()));
              d_.check_code.push_back(check.code);
              d_.check_item.push_back(index);
              d_.check_deduct.push_back(check.deduct);
              check_types_.push_back(check.site_types);
              for (const auto& t : check.site_types) site_type_index(t);
            }
            break;
          case Method::survey:
            d_.survey_items.push_back(index);
            break;
          case Method::statistic: {
            d_.statistic_items.push_back(index);
            auto [it, added] = metric_by_name_.emplace(item.metric, static_cast<int>(d_.metrics.size()));
            if (added) d_.metrics.push_back(item.metric);
            d_.statistic_metric.push_back(it->second);
            break;
          }
          case Method::material:
            d_.material_items.push_back(index);
            break;
        }
      }
    }
  }
}

int DatasetBuilder::site_type_index(std::string_view type) {
  auto [it, added] = type_by_name_.emplace(std::string(type), static_cast<int>(d_.site_types.size()));
  if (added) d_.site_types.emplace_back(type);
  return it->second;
}

int DatasetBuilder::add_unit(std::string code, int parent, double population) {
  int index = static_cast<int>(d_.unit_code.size());
  unit_by_code_.emplace(code, index);
  d_.unit_code.push_back(std::move(code));
  d_.unit_parent.push_back(parent);
  d_.unit_population.push_back(population > 0 ? population : 0);
  return index;
}

int DatasetBuilder::add_site(std::string code, int unit, std::string_view type) {
  assert(unit >= 0 && unit < d_.unit_count());
  int index = static_cast<int>(d_.site_code.size());
  site_by_code_.emplace(code, index);
  d_.site_code.push_back(std::move(code));
  d_.site_unit.push_back(unit);
  d_.site_type.push_back(site_type_index(type));
  return index;
}

int DatasetBuilder::add_period(std::string code, int start_day, int end_day) {
  int index = static_cast<int>(d_.period_code.size());
  period_by_code_.emplace(code, index);
  d_.period_code.push_back(std::move(code));
  d_.period_start.push_back(start_day);
  d_.period_end.push_back(end_day);
  return index;
}

void DatasetBuilder::add_inspection(std::string id, int site, int day,
                                    std::span<const std::pair<int32_t, int32_t>> results) {
  assert(site >= 0 && site < static_cast<int>(d_.site_code.size()));
  if (d_.result_begin.empty()) d_.result_begin.push_back(0);
  d_.inspection_id.push_back(std::move(id));
  d_.inspection_site.push_back(site);
  d_.inspection_day.push_back(day);
  d_.inspection_unit.push_back(d_.site_unit[site]);
  for (auto [check, failures] : results) {
    assert(check >= 0 && check < static_cast<int>(d_.check_code.size()));
    d_.result_check.push_back(check);
    d_.result_failures.push_back(failures);
  }
  d_.result_begin.push_back(static_cast<uint32_t>(d_.result_check.size()));
}

void DatasetBuilder::add_response(std::string id, int unit, int day,
                                  std::span<const std::pair<std::string_view, std::string_view>> answers) {
  assert(unit >= 0 && unit < d_.unit_count());
  if (d_.count_begin.empty()) d_.count_begin.push_back(0);
  d_.response_id.push_back(std::move(id));
  d_.response_unit.push_back(unit);
  d_.response_day.push_back(day);
  count_answers(d_, answers, d_.count_survey, d_.count_positive);
  d_.count_begin.push_back(static_cast<uint32_t>(d_.count_survey.size()));
}

void DatasetBuilder::add_statistic(std::string_view metric, int unit, int period, double value) {
  int m = find(metric_by_name_, metric);
  if (m < 0) return;  // no item reads this metric
  d_.statistics.push_back({m, unit, period, value});
}

void DatasetBuilder::add_grade(int item, int unit, int period, std::string grade, double fraction) {
  assert(d_.items[item].method == Method::material);
  d_.grades.push_back({item, unit, period, fraction, std::move(grade)});
}

void DatasetBuilder::add_penalty(std::string code, int unit, int period, double deduct, bool disqualify) {
  d_.penalties.push_back({unit, period, deduct, disqualify, std::move(code)});
}

int DatasetBuilder::unit_index(std::string_view code) const {
  return find(unit_by_code_, code);
}
int DatasetBuilder::site_index(std::string_view code) const {
  return find(site_by_code_, code);
}
int DatasetBuilder::check_index(std::string_view code) const {
  return find(check_by_code_, code);
}
int DatasetBuilder::item_index(std::string_view code) const {
  return find(item_by_code_, code);
}
int DatasetBuilder::period_index(std::string_view code) const {
  return find(period_by_code_, code);
}

ScoringDataset DatasetBuilder::finish() {
  ScoringDataset& d = d_;
  const int units = d.unit_count();

  // Tree: children (CSR, in insertion order), parents-first order, preorder intervals.
  d.child_begin.assign(units + 1, 0);
  for (int u = 0; u < units; ++u)
    if (d.unit_parent[u] >= 0) ++d.child_begin[d.unit_parent[u] + 1];
  for (int u = 0; u < units; ++u) d.child_begin[u + 1] += d.child_begin[u];
  d.children.assign(d.child_begin[units], 0);
  {
    std::vector<int32_t> fill(d.child_begin.begin(), d.child_begin.end() - 1);
    for (int u = 0; u < units; ++u)
      if (d.unit_parent[u] >= 0) d.children[fill[d.unit_parent[u]]++] = u;
  }
  d.pre.assign(units, 0);
  d.post.assign(units, 0);
  d.order.clear();
  int counter = 0;
  std::vector<std::pair<int32_t, int32_t>> stack;  // (unit, next child slot)
  for (int root = 0; root < units; ++root) {
    if (d.unit_parent[root] >= 0) continue;
    stack.push_back({root, d.child_begin[root]});
    d.pre[root] = counter++;
    d.order.push_back(root);
    while (!stack.empty()) {
      auto& [u, next] = stack.back();
      if (next < d.child_begin[u + 1]) {
        int c = d.children[next++];
        d.pre[c] = counter++;
        d.order.push_back(c);
        stack.push_back({c, d.child_begin[c]});
      } else {
        d.post[u] = counter;
        stack.pop_back();
      }
    }
  }
  assert(static_cast<int>(d.order.size()) == units);  // one tree, no cycles

  // Check applicability by site type.
  const size_t types = d.site_types.size();
  d.check_applies.assign(d.check_code.size() * types, 0);
  for (size_t c = 0; c < d.check_code.size(); ++c) {
    if (check_types_[c].empty()) {
      std::fill_n(d.check_applies.begin() + static_cast<long>(c * types), types, 1);
    } else {
      for (const auto& t : check_types_[c]) d.check_applies[c * types + type_by_name_.at(t)] = 1;
    }
  }

  // Inspections sorted by (day, unit) for one contiguous, cache-friendly range per period.
  const size_t n_insp = d.inspection_id.size();
  if (d.result_begin.empty()) d.result_begin.push_back(0);
  {
    std::vector<uint32_t> perm(n_insp);
    std::iota(perm.begin(), perm.end(), 0u);
    std::stable_sort(perm.begin(), perm.end(), [&](uint32_t a, uint32_t b) {
      if (d.inspection_day[a] != d.inspection_day[b]) return d.inspection_day[a] < d.inspection_day[b];
      return d.pre[d.inspection_unit[a]] < d.pre[d.inspection_unit[b]];
    });
    std::vector<uint32_t> begin{0};
    std::vector<int32_t> check, failures;
    check.reserve(d.result_check.size());
    failures.reserve(d.result_check.size());
    for (uint32_t p : perm) {
      for (uint32_t k = d.result_begin[p]; k < d.result_begin[p + 1]; ++k) {
        check.push_back(d.result_check[k]);
        failures.push_back(d.result_failures[k]);
      }
      begin.push_back(static_cast<uint32_t>(check.size()));
    }
    d.inspection_id = permute(d.inspection_id, perm);
    d.inspection_site = permute(d.inspection_site, perm);
    d.inspection_day = permute(d.inspection_day, perm);
    d.inspection_unit = permute(d.inspection_unit, perm);
    d.result_begin = std::move(begin);
    d.result_check = std::move(check);
    d.result_failures = std::move(failures);
  }

  // s(i, r) per inspection and assessed field item.
  {
    const size_t n_field = d.field_items.size();
    std::vector<double> deduction(n_field, 0);
    std::vector<uint8_t> assessed(n_field, 0);
    std::vector<int32_t> touched;
    d.assess_begin.assign(1, 0);
    d.assess_field.clear();
    d.assess_score.clear();
    for (size_t r = 0; r < n_insp; ++r) {
      const uint32_t rb = d.result_begin[r];
      assess(d, static_cast<size_t>(d.site_type[d.inspection_site[r]]), d.result_check.data() + rb,
             d.result_failures.data() + rb, d.result_begin[r + 1] - rb, deduction, assessed, touched,
             d.assess_field, d.assess_score);
      d.assess_begin.push_back(static_cast<uint32_t>(d.assess_field.size()));
    }
  }

  // Responses sorted by (day, unit).
  {
    if (d.count_begin.empty()) d.count_begin.push_back(0);
    const size_t n_resp = d.response_id.size();
    std::vector<uint32_t> perm(n_resp);
    std::iota(perm.begin(), perm.end(), 0u);
    std::stable_sort(perm.begin(), perm.end(), [&](uint32_t a, uint32_t b) {
      if (d.response_day[a] != d.response_day[b]) return d.response_day[a] < d.response_day[b];
      return d.pre[d.response_unit[a]] < d.pre[d.response_unit[b]];
    });
    std::vector<uint32_t> begin{0};
    std::vector<int32_t> survey;
    std::vector<uint8_t> positive;
    for (uint32_t p : perm) {
      for (uint32_t k = d.count_begin[p]; k < d.count_begin[p + 1]; ++k) {
        survey.push_back(d.count_survey[k]);
        positive.push_back(d.count_positive[k]);
      }
      begin.push_back(static_cast<uint32_t>(survey.size()));
    }
    d.response_id = permute(d.response_id, perm);
    d.response_unit = permute(d.response_unit, perm);
    d.response_day = permute(d.response_day, perm);
    d.count_begin = std::move(begin);
    d.count_survey = std::move(survey);
    d.count_positive = std::move(positive);
  }
  return std::move(d_);
}

}  // namespace civic::scoring
