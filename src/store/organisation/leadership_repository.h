// LeadershipRepository: the tables of migration 21 — leadership_groups, leadership_group_versions (dated,
// valid_to '' = open, with their notice), leadership_group_members, unit_responsible_persons (dated, the
// phone sealed: opaque text here; service/organisation seals and opens it). Over the caller's session and
// transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct LeadershipGroupRow {
  long long id = 0;
  std::string code;
  long long unit_id = 0;
  std::string kind, name, created_by;
  TimeMs created_at = 0;
  // filled by reads
  std::string unit_code, unit_name, unit_path;
};

struct LeadershipMemberRow {
  std::string name, position, role, duties;
  int sort_order = 0;
};

struct LeadershipVersionRow {
  long long id = 0;
  long long group_id = 0;
  std::string valid_from, valid_to;  // valid_to "" open
  std::string notice_number, notice_title, notice_file;
  std::string created_by;
  TimeMs created_at = 0;
  std::vector<LeadershipMemberRow> members;  // filled by reads, in sort order
};

struct ResponsiblePersonRow {
  long long id = 0;
  long long unit_id = 0;
  std::string kind, name, position, phone_sealed, valid_from, valid_to, created_by;
  TimeMs created_at = 0;
};

class LeadershipRepository {
 public:
  explicit LeadershipRepository(soci::session& sql) : sql_(sql) {}

  long long insert_group(const LeadershipGroupRow& row);
  std::optional<LeadershipGroupRow> find_group(const std::string& code);
  std::vector<LeadershipGroupRow> groups_of_unit(long long unit_id);

  // The version and its members.
  long long insert_version(const LeadershipVersionRow& row);
  void close_version(long long version_id, const std::string& valid_to);
  // Every version of a group with its members, newest (latest valid_from) first.
  std::vector<LeadershipVersionRow> versions(long long group_id);

  bool stored_file_exists(const std::string& sha256);

  long long insert_responsible(const ResponsiblePersonRow& row);
  void close_responsible(long long id, const std::string& valid_to);
  // Every holder of a unit, newest first (by kind, then valid_from descending).
  std::vector<ResponsiblePersonRow> responsible_of_unit(long long unit_id);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
