// VolunteerRepository: the tables of migration 18 — volunteers (name, phone and ID number sealed, the ID
// number's keyed hash unique), volunteer_teams and volunteer_team_members. Over the caller's session and
// transaction; the sealed columns are opaque text here (service/participation seals and opens them).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct VolunteerRow {
  long long id = 0;
  std::string code;
  std::string name_sealed, phone_sealed, id_number_sealed, id_number_hash;
  long long unit_id = 0;
  std::string skills, availability;  // skills: a comma list
  std::string state;                 // pending | confirmed | rejected
  std::string source;                // public | office
  TimeMs registered_at = 0;
  std::string registered_by;  // "" for the public
  std::string confirmed_by;
  TimeMs confirmed_at = 0;
  std::string rejected_reason;
  TimeMs updated_at = 0;
  // filled by reads
  std::string unit_code, unit_name, unit_path;
};

struct VolunteerTeamRow {
  long long id = 0;
  std::string code, name;
  long long unit_id = 0;
  std::string created_by;
  TimeMs created_at = 0;
  // filled by reads
  std::string unit_code, unit_name, unit_path;
  long long members = 0;
};

class VolunteerRepository {
 public:
  explicit VolunteerRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const VolunteerRow& row);
  // Many rows in bulk (store::BulkInserter), inside the caller's transaction.
  void insert_many(const std::vector<VolunteerRow>& rows);
  // Of `values`, those stored already as a code / as an ID number hash (a thousand a query).
  std::unordered_set<std::string> existing_codes(const std::vector<std::string>& codes);
  std::unordered_set<std::string> existing_hashes(const std::vector<std::string>& hashes);
  std::optional<VolunteerRow> find(const std::string& code);
  bool hash_exists(const std::string& id_number_hash);
  // Every volunteer, by code (the service filters by scope and search after opening the sealed columns).
  std::vector<VolunteerRow> list();
  // state, confirmed_by/at, rejected_reason, updated_at.
  void update_state(const VolunteerRow& row);

  long long insert_team(const VolunteerTeamRow& row);
  std::optional<VolunteerTeamRow> find_team(const std::string& code);
  std::vector<VolunteerTeamRow> teams();
  // Whether the membership was new / existed.
  bool add_member(long long team_id, long long volunteer_id, const std::string& by, TimeMs at);
  bool remove_member(long long team_id, long long volunteer_id);
  // Volunteer ids of a team; team codes of a volunteer.
  std::vector<long long> members(long long team_id);
  std::vector<std::string> team_codes_of(long long volunteer_id);
  // Every membership at once: volunteer id → its team codes (for lists).
  std::unordered_map<long long, std::vector<std::string>> team_codes_by_volunteer();

  // Approved service hours (the latest version of each record, migration 19): of one volunteer; of every
  // volunteer that has some (for lists).
  double approved_hours(long long volunteer_id);
  std::unordered_map<long long, double> approved_hours_by_volunteer();

 private:
  soci::session& sql_;
};

}  // namespace civic::store
