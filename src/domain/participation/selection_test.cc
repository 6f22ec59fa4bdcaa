#include "domain/participation/selection.h"

#include <gtest/gtest.h>

#include "domain/core/civil_date.h"

namespace civic {
namespace {

TEST(SelectionStages, OnlyTheNextStageOrWithdrawn) {
  EXPECT_TRUE(selection_transition_allowed("nominated", "reviewed"));
  EXPECT_TRUE(selection_transition_allowed("reviewed", "scored"));
  EXPECT_TRUE(selection_transition_allowed("scored", "in_notice"));
  EXPECT_TRUE(selection_transition_allowed("in_notice", "approved"));
  EXPECT_TRUE(selection_transition_allowed("approved", "named"));
  EXPECT_FALSE(selection_transition_allowed("nominated", "scored"));  // skips reviewed
  EXPECT_FALSE(selection_transition_allowed("scored", "approved"));   // skips the notice
  EXPECT_FALSE(selection_transition_allowed("nominated", "named"));
  EXPECT_FALSE(selection_transition_allowed("reviewed", "nominated"));  // back
  EXPECT_FALSE(selection_transition_allowed("scored", "scored"));
  EXPECT_FALSE(selection_transition_allowed("named", "named"));
  EXPECT_FALSE(selection_transition_allowed("named", "bogus"));
  for (const char* s : {"nominated", "reviewed", "scored", "in_notice", "approved", "named"}) {
    EXPECT_TRUE(selection_transition_allowed(s, "withdrawn")) << s;
  }
  EXPECT_FALSE(selection_transition_allowed("withdrawn", "withdrawn"));
  EXPECT_FALSE(selection_transition_allowed("withdrawn", "nominated"));
  EXPECT_FALSE(selection_transition_allowed("bogus", "reviewed"));
  EXPECT_TRUE(valid_selection_stage("in_notice"));
  EXPECT_TRUE(valid_selection_stage("withdrawn"));
  EXPECT_FALSE(valid_selection_stage("notice"));
  EXPECT_TRUE(valid_selection_kind("civilized_family"));
  EXPECT_FALSE(valid_selection_kind("family"));
}

TEST(SelectionPanel, MeanOfReviewersTotals) {
  EXPECT_FALSE(panel_mean({}).has_value());
  EXPECT_DOUBLE_EQ(*panel_mean({80}), 80);
  EXPECT_DOUBLE_EQ(*panel_mean({80, 90, 95}), 265.0 / 3);
  EXPECT_DOUBLE_EQ(*panel_mean({70.5, 89.5}), 80);
}

TEST(SelectionNotice, EndsNoticeDaysAfterItStarted) {
  const long long day = 24LL * 60 * 60 * 1000;
  const long long start = 1'780'000'000'000LL;
  EXPECT_EQ(notice_ends_at(start, 5), start + 5 * day);
  EXPECT_FALSE(notice_ended(start, 5, start));
  EXPECT_FALSE(notice_ended(start, 5, start + 5 * day - 1));
  EXPECT_TRUE(notice_ended(start, 5, start + 5 * day));
  EXPECT_FALSE(notice_ended(0, 5, start));  // never started
}

TEST(SelectionReviewer, OwnUnitOrAncestorRefused) {
  EXPECT_FALSE(reviewer_may_score("/1/5/", "/1/5/"));  // own unit
  EXPECT_FALSE(reviewer_may_score("/1/", "/1/5/9/"));  // ancestor
  EXPECT_FALSE(reviewer_may_score("/1/5/", "/1/5/9/"));
  EXPECT_TRUE(reviewer_may_score("/1/5/9/", "/1/5/"));  // below the candidate
  EXPECT_TRUE(reviewer_may_score("/1/6/", "/1/5/"));    // a sibling
  EXPECT_TRUE(reviewer_may_score("/1/5/", "/1/55/"));   // a prefix of digits is not an ancestor
  EXPECT_TRUE(reviewer_may_score("", "/1/5/"));
}

TEST(SelectionTitleTerm, CalendarYearsKeepingTheTimeOfDay) {
  // 2026-03-01T08:00:00Z plus 3 years: 2029-03-01T08:00:00Z.
  EXPECT_EQ(title_term_end(1'772'352'000'000, 3), 1'772'352'000'000 + (365LL * 3 + 1) * 86'400'000);
  // 2028-02-29 plus one year: 2029-02-28.
  long long leap = static_cast<long long>(day_number({2028, 2, 29})) * 86'400'000;
  EXPECT_EQ(title_term_end(leap, 1), static_cast<long long>(day_number({2029, 2, 28})) * 86'400'000);
  EXPECT_EQ(title_term_end(leap, 4), static_cast<long long>(day_number({2032, 2, 29})) * 86'400'000);
}

}  // namespace
}  // namespace civic
