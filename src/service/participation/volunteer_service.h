// VolunteerService: the volunteer registry (participation.md "Volunteers", issue 16's first slice).
// The public registers without signing in (pending); an officer whose scope holds the volunteer's community
// confirms or rejects it (a reason), or enters one by hand (confirmed at once). Name, phone and ID number
// are sealed in the database (platform/sealed_box.h, key <data dir>/volunteers.key); the ID number's keyed
// hash refuses a second registration (409 volunteer.id_number.duplicate). Answers show the phone and ID
// number masked (138****1234, 110***********1234) and the name in full to officers; `reveal` shows one of
// them in full to a caller with reveal_personal_data and is audited (volunteer.reveal, naming the
// volunteer). Teams belong to a unit; a confirmed volunteer within the team's unit may be in several.
// Scope: a volunteer or team outside the caller's scope is NotFound. Every change is audited
// (volunteer.register|enter|confirm|reject|reveal|export, volunteer_team.create|add_member|remove_member);
// audit records hold only masked personal data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/participation/volunteer_repository.h"

namespace civic::service {

struct Volunteer {
  std::string code;
  std::string name;  // in full (officers); public answers carry masked_name only
  std::string masked_name;
  std::string phone;      // masked unless revealed
  std::string id_number;  // masked unless revealed
  std::string revealed;   // "" | "phone" | "id_number": which one is in full
  std::string unit, unit_name;
  std::vector<std::string> skills;
  std::string availability;
  std::string state;   // pending | confirmed | rejected
  std::string source;  // public | office
  TimeMs registered_at = 0;
  std::string registered_by;
  std::string confirmed_by;  // who confirmed or rejected
  TimeMs confirmed_at = 0;
  std::string rejected_reason;
  std::vector<std::string> teams;  // team codes
  double hours = 0;                // approved service hours: the latest version of each approved record
  int stars = 0;                   // domain volunteer_stars(hours)
};

struct VolunteerInput {
  std::string name, phone, id_number, unit;
  std::vector<std::string> skills;
  std::string availability;
};

struct VolunteerFilter {
  std::string state;  // "" every state
  std::string unit;   // "" every unit in scope; else that unit's subtree
  std::string team;   // "" any; else members of that team
  std::string q;      // part of the code or the name
};

struct VolunteerTeam {
  std::string code, name, unit, unit_name;
  long long members = 0;
  std::string created_by;
  TimeMs created_at = 0;
};

struct VolunteerTeamInput {
  std::string code;  // "" generates one
  std::string name, unit;
};

// What activities need of a volunteer (service/participation/activity_service.h): no scope applied.
struct VolunteerIdentity {
  long long id = 0;
  std::string code, name, masked_name, phone, state, unit, unit_path;
  std::string id_number;  // identify(..., with_id_number = true) only
};

class VolunteerService {
 public:
  VolunteerService(store::Database& db, AuditService& audit);

  // The 32-byte key name, phone and ID number are sealed under (Services: <data dir>/volunteers.key; else a
  // per-process one). The ID number hash key is derived from it.
  void set_key(std::string key);

  // No sign-in: a pending volunteer in a community (400 volunteer.unit.unknown|not_community).
  Volunteer register_public(const VolunteerInput& input);
  // manage_volunteers: entered by an officer for a community in scope; confirmed at once.
  Volunteer enter(const Principal& who, const VolunteerInput& input);
  // manage_volunteers: a roster entered at once (the demo; a city's existing register), each input checked as
  // enter() checks it (the first bad one throws, naming "volunteers[i].field"; an ID number twice in the
  // roster or already registered is 409), all confirmed, in one transaction, written in bulk; one audit
  // record (volunteer.enter_many: the count and the number of communities). Returns the new codes in input
  // order.
  std::vector<std::string> enter_many(const Principal& who, const std::vector<VolunteerInput>& inputs);

  // read_volunteers
  Page<Volunteer> list(const Principal& who, const VolunteerFilter& filter, const PageRequest& page);
  // Every match (no paging), for the export; audited volunteer.export (filter and count).
  std::vector<Volunteer> export_list(const Principal& who, const VolunteerFilter& filter);
  // `reveal`: "" (masked), "phone" or "id_number" (reveal_personal_data, audited).
  Volunteer get(const Principal& who, const std::string& code, const std::string& reveal = "");

  // manage_volunteers; a volunteer that is not pending: 409 volunteer.state.
  Volunteer confirm(const Principal& who, const std::string& code);
  Volunteer reject(const Principal& who, const std::string& code, const std::string& reason);

  // Teams: list (read_volunteers), create and change members (manage_volunteers).
  std::vector<VolunteerTeam> teams(const Principal& who);
  VolunteerTeam create_team(const Principal& who, const VolunteerTeamInput& input);
  VolunteerTeam add_member(const Principal& who, const std::string& team, const std::string& volunteer);
  VolunteerTeam remove_member(const Principal& who, const std::string& team, const std::string& volunteer);

  // The volunteer `code` with its name and phone opened (and the ID number when asked), inside the caller's
  // transaction; nullopt when none. No permission or audit here: the caller checks and records.
  std::optional<VolunteerIdentity> identify(store::Session& sql, const std::string& code,
                                            bool with_id_number = false) const;

 private:
  Volunteer insert(store::Session& sql, const Principal* who, const VolunteerInput& input, TimeMs now);
  // `teams`: the volunteer's team codes when the caller has them (a list); else asked.
  // `hours`: the volunteer's approved hours when the caller has them (a list); else asked.
  Volunteer get_row(store::Session& sql, const store::VolunteerRow& row, const std::string& reveal,
                    const std::vector<std::string>* teams = nullptr, const double* hours = nullptr) const;
  store::VolunteerRow load(store::Session& sql, const Principal& who, const std::string& code);
  std::vector<Volunteer> matching(const Principal& who, const VolunteerFilter& filter);
  Volunteer decide(const Principal& who, const std::string& code, bool confirm, const std::string& reason);
  VolunteerTeam change_member(const Principal& who, const std::string& team, const std::string& volunteer,
                              bool add);

  store::Database& db_;
  AuditService& audit_;
  std::string key_, hash_key_;
};

}  // namespace civic::service
