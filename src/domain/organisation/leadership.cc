#include "domain/organisation/leadership.h"

#include "domain/core/error.h"

namespace civic {

namespace {

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

bool valid_leadership_group_kind(std::string_view kind) {
  return kind == "领导小组" || kind == "指导委员会" || kind == "其他";
}

bool valid_leadership_role(std::string_view role) {
  return role == "组长" || role == "副组长" || role == "成员" || role == "办公室主任";
}

bool valid_responsible_kind(std::string_view kind) {
  return kind == "first_responsible" || kind == "liaison";
}

bool span_in_force(const DatedSpan& span, std::string_view date) {
  // ISO dates compare as text.
  return span.valid_from <= date && (span.valid_to.empty() || date < span.valid_to);
}

std::optional<size_t> span_in_force_on(const std::vector<DatedSpan>& spans, std::string_view date) {
  for (size_t i = 0; i < spans.size(); ++i) {
    if (span_in_force(spans[i], date)) return i;
  }
  return std::nullopt;
}

std::optional<size_t> check_new_span(const std::vector<DatedSpan>& spans, std::string_view valid_from,
                                     std::string_view prefix) {
  if (spans.empty()) return std::nullopt;
  size_t latest = 0;
  for (size_t i = 1; i < spans.size(); ++i) {
    if (spans[i].valid_from > spans[latest].valid_from) latest = i;
  }
  const DatedSpan& last = spans[latest];
  std::string p(prefix);
  if (valid_from <= last.valid_from) {
    throw Conflict(
        "a version from " + std::string(valid_from) + " would overlap the version from " + last.valid_from,
        "valid_from",
        message_key(p + ".version.overlap",
                    {{"date", std::string(valid_from)}, {"latest", last.valid_from}}));
  }
  if (!last.valid_to.empty() && valid_from > last.valid_to) {
    throw Conflict(
        "the latest version ended on " + last.valid_to + "; a version from " + std::string(valid_from) +
            " would leave a gap",
        "valid_from",
        message_key(p + ".version.gap", {{"date", std::string(valid_from)}, {"end", last.valid_to}}));
  }
  if (!last.valid_to.empty() && valid_from == last.valid_to) return std::nullopt;  // follows on exactly
  return latest;
}

void check_leadership_members(const std::vector<LeadershipMemberInput>& members) {
  if (members.empty())
    throw InvalidInput("members", "a composition needs at least one member",
                       message_key("leadership_group.members.required"));
  int leaders = 0;
  for (size_t i = 0; i < members.size(); ++i) {
    std::string at = "members[" + std::to_string(i) + "]";
    const LeadershipMemberInput& m = members[i];
    if (blank(m.name))
      throw InvalidInput(at + ".name", "a member needs a name", message_key("leadership_group.member.name"));
    if (!valid_leadership_role(m.role))
      throw InvalidInput(at + ".role", "role is 组长, 副组长, 成员 or 办公室主任",
                         message_key("leadership_group.member.role", {{"role", m.role}}));
    if (m.role == "组长" && ++leaders > 1)
      throw InvalidInput(at + ".role", "a composition has one 组长",
                         message_key("leadership_group.leader.duplicate", {{"name", m.name}}));
  }
  if (leaders == 0)
    throw InvalidInput("members", "a composition needs its 组长",
                       message_key("leadership_group.leader.missing"));
}

}  // namespace civic
