// LeadershipService: leadership groups (领导小组, 指导委员会) per unit in dated versions, and each unit's
// dated responsible persons (第一责任人, 联络员) — issue 19's first slice (docs/organisation-over-time.md).
// A group is formed with its first version (valid_from, the notice that formed it, the members); a re-form
// is a new version from a date that closes the one in force on that date (a version starting on or before
// the latest one's start: 409 leadership_group.version.overlap). A composition has exactly one 组长. A
// responsible person is set from a date the same way (409 responsible_person.version.overlap), so the past
// holders are kept. Phones are personal data: sealed in the database under the volunteers key
// (platform/sealed_box.h) and masked in answers (138****1234) unless `reveal=phone`, which needs
// reveal_personal_data and is audited (unit_responsible.reveal, naming the unit).
// Permissions: reading needs read_units and the unit in scope (else 404 as missing); writing needs
// manage_leadership (office, unit officers) and the unit in scope. Every change is audited
// (leadership_group.create|reform, unit_responsible.set); audit records hold only masked phones.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/organisation/leadership.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct LeadershipNotice {
  std::string number;  // 〔2026〕12号
  std::string title;
  std::string file;  // a stored file's id (sha256) or ""
};

struct LeadershipMember {
  std::string name, position, role, duties;
};

struct LeadershipVersion {
  std::string valid_from, valid_to;  // valid_to "" open
  LeadershipNotice notice;
  std::vector<LeadershipMember> members;
  std::string created_by;
  TimeMs created_at = 0;
};

struct LeadershipGroup {
  std::string code, unit, unit_name, kind, name, created_by;
  TimeMs created_at = 0;
  std::string date;                          // the day `composition` is for
  std::optional<LeadershipVersion> version;  // the version in force on `date`, if any
};

struct LeadershipVersionInput {
  std::string valid_from;  // YYYY-MM-DD
  LeadershipNotice notice;
  std::vector<LeadershipMemberInput> members;
};

struct LeadershipGroupInput {
  std::string code;  // "" generates one
  std::string kind;  // 领导小组 | 指导委员会 | 其他
  std::string name;
  LeadershipVersionInput first;
};

struct ResponsiblePerson {
  std::string kind;  // first_responsible | liaison
  std::string name, position;
  std::string phone;  // masked unless revealed; "" when none was given
  bool revealed = false;
  std::string valid_from, valid_to;  // valid_to "" open
  std::string created_by;
  TimeMs created_at = 0;
};

struct UnitResponsible {
  std::string unit, unit_name, date;  // `date`: today, what first_responsible and liaison are for
  std::optional<ResponsiblePerson> first_responsible, liaison;
  std::vector<ResponsiblePerson> history;  // every holder, newest first per kind (first_responsible first)
};

struct ResponsiblePersonInput {
  std::string kind, name, position, phone, valid_from;
};

class LeadershipService {
 public:
  LeadershipService(store::Database& db, AuditService& audit);

  // The 32-byte key phones are sealed under (Services: <data dir>/volunteers.key; else a per-process one).
  void set_key(std::string key);

  // read_units; the unit's groups with the version in force on `date` ("" today).
  std::vector<LeadershipGroup> groups(const Principal& who, const std::string& unit, const std::string& date);
  // manage_leadership: a group of a unit in scope with its first version (409 leadership_group.exists).
  LeadershipGroup create_group(const Principal& who, const std::string& unit, const LeadershipGroupInput& in);
  // read_units: the group with the version in force on `date` ("" today; no version then: none).
  LeadershipGroup group(const Principal& who, const std::string& code, const std::string& date);
  // read_units: every version, newest first.
  std::vector<LeadershipVersion> versions(const Principal& who, const std::string& code);
  // manage_leadership: re-form the group from in.valid_from.
  LeadershipVersion reform(const Principal& who, const std::string& code, const LeadershipVersionInput& in);

  // read_units; `reveal`: "" or "phone" (reveal_personal_data, audited).
  UnitResponsible responsible(const Principal& who, const std::string& unit, const std::string& reveal = "");
  // manage_leadership: a new holder of in.kind from in.valid_from; answers the unit's persons (masked).
  UnitResponsible set_responsible(const Principal& who, const std::string& unit,
                                  const ResponsiblePersonInput& in);

  // Today's date in the business time zone (YYYY-MM-DD).
  std::string today() const;

 private:
  UnitResponsible responsible_in(store::Session& sql, const Unit& unit, bool reveal) const;

  store::Database& db_;
  AuditService& audit_;
  std::string key_;
};

}  // namespace civic::service
