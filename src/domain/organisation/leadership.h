// Organisation over time (issue 19, first slice): leadership groups (领导小组, 指导委员会) whose composition
// changes by dated versions, and each unit's dated responsible persons (第一责任人, 联络员). The rules that
// need no database: which dated span is in force on a day, where a new span may start, and what a
// composition must hold. Dates are ISO `YYYY-MM-DD`; a span holds valid_from ≤ d < valid_to, valid_to ""
// meaning open (still in force).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace civic {

// Group kinds: "领导小组", "指导委员会", "其他".
bool valid_leadership_group_kind(std::string_view kind);
// Roles in a group: "组长", "副组长", "成员", "办公室主任".
bool valid_leadership_role(std::string_view role);
// Responsible person kinds: "first_responsible" (第一责任人), "liaison" (联络员).
bool valid_responsible_kind(std::string_view kind);

struct DatedSpan {
  std::string valid_from;  // YYYY-MM-DD
  std::string valid_to;    // YYYY-MM-DD, exclusive; "" open
};

// Whether `span` is in force on `date` (valid_from ≤ date < valid_to).
bool span_in_force(const DatedSpan& span, std::string_view date);

// The index of the span in force on `date` among `spans` (any order; they do not overlap), or nullopt.
std::optional<size_t> span_in_force_on(const std::vector<DatedSpan>& spans, std::string_view date);

// Checks that a new span from `valid_from` (open) may follow `spans`: it must start after the latest
// span's start (else 409 `<prefix>.version.overlap`), and when the latest span is closed, not after its
// end (else 409 `<prefix>.version.gap`: the dates between would have nobody). Returns the index of the
// span the new one closes on its valid_from (the latest, when open or ending after valid_from), or nullopt.
// `prefix`: the message key prefix, e.g. "leadership_group" or "responsible_person".
std::optional<size_t> check_new_span(const std::vector<DatedSpan>& spans, std::string_view valid_from,
                                     std::string_view prefix);

struct LeadershipMemberInput {
  std::string name, position, role, duties;
};

// A composition: at least one member, each with a name and a valid role, and exactly one 组长
// (400 leadership_group.members.required, members[i].name|role, leadership_group.leader.missing|
// leadership_group.leader.duplicate naming the second 组长).
void check_leadership_members(const std::vector<LeadershipMemberInput>& members);

}  // namespace civic
