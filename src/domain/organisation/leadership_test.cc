#include "domain/organisation/leadership.h"

#include <gtest/gtest.h>

#include "domain/core/error.h"

namespace civic {
namespace {

std::vector<DatedSpan> two_versions() {
  return {{"2026-01-10", "2026-07-01"}, {"2026-07-01", ""}};
}

TEST(LeadershipSpans, TheVersionInForceOnADay) {
  auto spans = two_versions();
  EXPECT_FALSE(span_in_force_on(spans, "2026-01-09"));
  EXPECT_EQ(span_in_force_on(spans, "2026-01-10"), 0u);
  EXPECT_EQ(span_in_force_on(spans, "2026-06-30"), 0u);
  EXPECT_EQ(span_in_force_on(spans, "2026-07-01"), 1u);  // valid_to is exclusive
  EXPECT_EQ(span_in_force_on(spans, "2030-12-31"), 1u);  // open
}

TEST(LeadershipSpans, ANewVersionClosesTheOpenOneOnItsStart) {
  std::vector<DatedSpan> one{{"2026-01-10", ""}};
  EXPECT_EQ(check_new_span(one, "2026-07-01", "leadership_group"), 0u);
  EXPECT_FALSE(check_new_span({}, "2026-07-01", "leadership_group"));
}

TEST(LeadershipSpans, AnOverlapOrAGapIsRefusedWithItsKey) {
  auto spans = two_versions();
  try {
    check_new_span(spans, "2026-07-01", "leadership_group");
    FAIL() << "the same start overlaps";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "leadership_group.version.overlap");
  }
  EXPECT_THROW(check_new_span(spans, "2026-03-01", "leadership_group"), Conflict);  // before the latest
  std::vector<DatedSpan> closed{{"2026-01-01", "2026-03-01"}};
  try {
    check_new_span(closed, "2026-04-01", "responsible_person");
    FAIL() << "a gap";
  } catch (const Conflict& e) {
    EXPECT_EQ(e.key().key, "responsible_person.version.gap");
  }
  EXPECT_FALSE(check_new_span(closed, "2026-03-01", "responsible_person"));   // follows on exactly
  EXPECT_EQ(check_new_span(closed, "2026-02-01", "responsible_person"), 0u);  // shortens the closed one
}

TEST(LeadershipMembers, ExactlyOneLeaderAndKnownRoles) {
  std::vector<LeadershipMemberInput> ok{{"王建国", "区委书记", "组长", ""}, {"李明", "区长", "副组长", ""}};
  EXPECT_NO_THROW(check_leadership_members(ok));
  auto two = ok;
  two[1].role = "组长";
  try {
    check_leadership_members(two);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.key().key, "leadership_group.leader.duplicate");
    EXPECT_EQ(e.field(), "members[1].role");
  }
  auto none = ok;
  none[0].role = "成员";
  EXPECT_THROW(check_leadership_members(none), InvalidInput);
  auto bad = ok;
  bad[1].role = "秘书长";
  try {
    check_leadership_members(bad);
    FAIL();
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.key().key, "leadership_group.member.role");
  }
  EXPECT_THROW(check_leadership_members({}), InvalidInput);
  EXPECT_TRUE(valid_leadership_group_kind("指导委员会"));
  EXPECT_FALSE(valid_leadership_group_kind("委员会"));
  EXPECT_TRUE(valid_responsible_kind("liaison"));
}

}  // namespace
}  // namespace civic
