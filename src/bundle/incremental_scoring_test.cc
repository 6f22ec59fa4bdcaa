// Evidence added to an already scored period (ScoringDataset::insert_*, PeriodScores::add_*) gives the
// same numbers as scoring everything from scratch: every shared vector with all of its inspections and
// responses added one by one, and the small synthetic city with every seventh one held back.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/synthetic_city.h"
#include "bundle/test_files.h"
#include "scoring/item_explanation.h"
#include "scoring/period_scores.h"

namespace civic::bundle {
namespace {

namespace fs = std::filesystem;
constexpr double kTol = 1e-9;

void expect_same(const scoring::PeriodScores& want, const scoring::PeriodScores& got,
                 const std::string& name) {
  const scoring::ScoringDataset& d = want.data();
  int differences = 0;
  auto check = [&](bool same, int u, const std::string& what) {
    if (same || ++differences > 10) return;
    ADD_FAILURE() << name << " unit " << d.unit_code[u] << ": " << what;
  };
  for (int u = 0; u < d.unit_count(); ++u) {
    for (int i = 0; i < d.item_count(); ++i) {
      const auto &a = want.item(u, i), &b = got.item(u, i);
      check(a.assessed == b.assessed && a.n == b.n && std::abs(a.score - b.score) < kTol, u, d.items[i].code);
      if (d.items[i].method != Method::survey) continue;
      const auto &sa = want.survey(u, i), &sb = got.survey(u, i);
      check(sa.k == sb.k && sa.post_stratified == sb.post_stratified && std::abs(sa.rate - sb.rate) < kTol &&
                std::abs(sa.rate_unweighted - sb.rate_unweighted) < kTol &&
                std::abs(sa.ci_low - sb.ci_low) < kTol && std::abs(sa.ci_high - sb.ci_high) < kTol,
            u, d.items[i].code + " survey");
    }
    for (size_t g = 0; g < d.indicator_code.size(); ++g) {
      const auto &a = want.indicator(u, static_cast<int>(g)), &b = got.indicator(u, static_cast<int>(g));
      check(std::abs(a.score - b.score) < kTol && a.assessed_max == b.assessed_max, u, d.indicator_code[g]);
    }
    for (size_t g = 0; g < d.aspect_code.size(); ++g) {
      const auto &a = want.aspect(u, static_cast<int>(g)), &b = got.aspect(u, static_cast<int>(g));
      check(std::abs(a.score - b.score) < kTol && a.assessed_max == b.assessed_max, u, d.aspect_code[g]);
    }
    const auto &a = want.total(u), &b = got.total(u);
    check(std::abs(a.score - b.score) < kTol && a.assessed_max == b.assessed_max && a.penalty == b.penalty &&
              a.disqualified == b.disqualified && a.max_total == b.max_total,
          u, "total");
  }
  EXPECT_EQ(differences, 0) << name;
}

// Codes of the rows a period scan reads, sorted.
std::vector<std::string> period_rows(const scoring::ScoringDataset& d, int p, bool inspections) {
  std::vector<std::string> out;
  if (inspections) {
    for (size_t r = d.first_inspection_on_or_after(d.period_start[p]);
         r < d.first_inspection_on_or_after(d.period_end[p] + 1); ++r)
      out.push_back(d.inspection_id[r]);
  } else {
    for (size_t r = d.first_response_on_or_after(d.period_start[p]);
         r < d.first_response_on_or_after(d.period_end[p] + 1); ++r)
      out.push_back(d.response_id[r]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Scores `b` from scratch and from `b` without every `every`-th inspection and response plus those added
// one at a time; every number of every unit and period must agree. Returns the rows added.
int check_incremental(const Bundle& b, size_t every, const std::string& name) {
  const scoring::ScoringDataset full = build_dataset(b);
  Bundle partial = b;
  std::vector<Inspection> held_inspections;
  std::vector<Response> held_responses;
  partial.inspections.clear();
  partial.responses.clear();
  for (size_t i = 0; i < b.inspections.size(); ++i)
    (i % every == 0 ? held_inspections : partial.inspections).push_back(b.inspections[i]);
  for (size_t i = 0; i < b.responses.size(); ++i)
    (i % every == 0 ? held_responses : partial.responses).push_back(b.responses[i]);

  scoring::ScoringDataset data = build_dataset(partial);
  std::vector<std::unique_ptr<scoring::PeriodScores>> scores;
  for (int p = 0; p < data.period_count(); ++p)
    scores.push_back(std::make_unique<scoring::PeriodScores>(data, p));
  // Interleaved, as they might arrive.
  for (size_t i = 0; i < std::max(held_inspections.size(), held_responses.size()); ++i) {
    if (i < held_inspections.size()) {
      auto r = insert_inspection(data, held_inspections[i]);
      EXPECT_TRUE(r.has_value());
      for (auto& s : scores) s->add_inspection(*r);
    }
    if (i < held_responses.size()) {
      auto r = insert_response(data, held_responses[i]);
      EXPECT_TRUE(r.has_value());
      for (auto& s : scores) s->add_response(*r);
    }
  }
  for (int p = 0; p < data.period_count(); ++p) {
    const scoring::PeriodScores want(full, p);
    expect_same(want, *scores[static_cast<size_t>(p)], name + " " + data.period_code[p]);
    EXPECT_EQ(period_rows(full, p, true), period_rows(data, p, true)) << name;
    EXPECT_EQ(period_rows(full, p, false), period_rows(data, p, false)) << name;
    // The explanation reads the added rows too.
    const int root = 0;
    for (int i = 0; i < data.item_count(); ++i) {
      const auto a = scoring::explain_item(want, root, i);
      const auto c = scoring::explain_item(*scores[static_cast<size_t>(p)], root, i);
      EXPECT_EQ(a.inspections.size(), c.inspections.size()) << name << " " << data.items[i].code;
      EXPECT_EQ(a.strata.size(), c.strata.size()) << name << " " << data.items[i].code;
    }
  }
  return static_cast<int>(held_inspections.size() + held_responses.size());
}

TEST(IncrementalScoring, EverySharedVectorRebuiltRowByRow) {
  const fs::path root = fs::path(CIVIC_SHARED_DIR) / "testdata" / "scoring";
  if (!fs::is_directory(root)) GTEST_SKIP() << "no shared test vectors under " << CIVIC_SHARED_DIR;
  int vectors = 0, added = 0;
  for (const auto& e : fs::directory_iterator(root)) {
    if (!fs::exists(e.path() / "bundle.json")) continue;
    const Bundle b = read_bundle(*testing::read_text((e.path() / "bundle.json").string()));
    added += check_incremental(b, 1, e.path().filename().string());
    ++vectors;
  }
  EXPECT_GT(vectors, 0);
  EXPECT_GT(added, 0);
}

TEST(IncrementalScoring, SyntheticCityWithEverySeventhRowAddedLater) {
  const Bundle b = synthetic_city(synthetic_framework(), small_scale());
  EXPECT_GT(check_incremental(b, 7, "synthetic"), 50);
}

TEST(IncrementalScoring, EvidenceOfAnUnknownSiteOrUnitIsRefused) {
  const Bundle b = synthetic_city(synthetic_framework(), small_scale());
  scoring::ScoringDataset data = build_dataset(b);
  const size_t before = data.inspection_id.size();
  Inspection r = b.inspections.front();
  r.id = "new";
  r.site = "no-such-site";
  EXPECT_FALSE(insert_inspection(data, r).has_value());
  Response q = b.responses.front();
  q.unit = "no-such-unit";
  EXPECT_FALSE(insert_response(data, q).has_value());
  EXPECT_EQ(data.inspection_id.size(), before);
}

}  // namespace
}  // namespace civic::bundle
