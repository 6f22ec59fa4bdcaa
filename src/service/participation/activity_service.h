// ActivityService: activities (志愿服务活动, participation.md "Activities"), their sign-ups and service
// records, 新时代文明实践 stations, the per-unit activity report and the volunteer's service certificate.
//   An activity belongs to its organiser unit; the office and the unit officers whose scope holds that unit
//   manage it (manage_activities), read_activities reads it; outside scope it is NotFound. Volunteers sign
//   up, check in and check out from a phone without an account (the *_public calls): the activity's QR token
//   (else 403 activity.token.invalid) plus the volunteer's code and the last 4 digits of the phone (else 403
//   volunteer.identity.invalid). A check-in or check-out farther than 500 m from the activity's place marks
//   the record needs_confirmation; it is not approvable (409 service_record.needs_confirmation) until the
//   organiser confirms it. Hours = domain service_hours; they count (volunteer hours and stars) only when the
//   record is approved, the latest version only. A correction is a new pending version; the old one is kept
//   (latest = false). Every change is audited (activity.create|update|cancel|sign_up,
//   service_record.check_in| check_out|enter|confirm|approve|reject|correct, practice_station.create,
//   volunteer_certificate.issue; the bulk activity.create_many and service_record.enter_many).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "service/participation/volunteer_service.h"
#include "store/core/database.h"

namespace civic::service {

struct ServiceRecord {
  long long id = 0;
  std::string volunteer, volunteer_name;  // the name masked
  std::string activity;
  TimeMs check_in = 0, check_out = 0;  // 0: not yet
  double hours = 0;
  std::string state;  // pending | approved | rejected
  bool needs_confirmation = false;
  std::optional<double> latitude, longitude;
  long long version = 1;
  std::optional<long long> supersedes;
  bool latest = true;
  std::string entered_by, decided_by;
  TimeMs decided_at = 0, created_at = 0;
  std::string reason;  // why it was rejected
};

struct ActivitySignup {
  std::string volunteer, volunteer_name;  // masked
  TimeMs signed_up_at = 0;
};

struct Activity {
  std::string code, unit, unit_name, type, title;
  TimeMs starts_at = 0, ends_at = 0;
  std::string place;
  std::optional<double> latitude, longitude;
  std::string site, station;
  long long capacity = 0;  // 0: no limit
  std::string description, news_link;
  long long participants_count = 0;
  long long signup_count = 0;
  std::string qr_token;       // to manage_activities holders only; "" otherwise
  std::string state;          // planned | finished | cancelled
  std::string cancel_reason;  // when cancelled
  long long version = 1;      // for update() and cancel()
  std::string created_by;
  TimeMs created_at = 0;
  // get() only
  std::vector<ActivitySignup> signups;
  std::vector<ServiceRecord> records;  // every version
};

struct ActivityInput {
  std::string code;  // "" generates one
  std::string unit, type, title;
  TimeMs starts_at = 0, ends_at = 0;
  std::string place;
  std::optional<double> latitude, longitude;
  std::string site, station;
  long long capacity = 0;
  std::string description, news_link;
  long long participants_count = 0;
};

struct ActivityFilter {
  std::string unit, type, station, state;
  std::string q;                   // part of the title or the code
  std::string period;              // a stored period code, or 2026 / 2026H1 / 2026Q2
  std::optional<TimeMs> from, to;  // starts_at in [from, to)
};

// One line of an organiser's attendance sheet (签到表): who came, when they checked in and out.
struct AttendanceEntry {
  std::string activity, volunteer;
  TimeMs check_in = 0, check_out = 0;
  TimeMs signed_up_at = 0;  // when the sheet says they signed up; 0: now (a sign-up entered with the line)
};

// What a phone sends: the QR token, the volunteer's code and phone's last 4 digits, and its position.
struct PublicCheck {
  std::string token, volunteer, phone_last4;
  std::optional<double> latitude, longitude;
};

struct PracticeStation {
  std::string code, name, level, unit, unit_name, address;
  std::optional<double> latitude, longitude;
  long long activities = 0;  // in the period asked for (every time without one)
  double approved_hours = 0;
  std::string created_by;
  TimeMs created_at = 0;
};

struct PracticeStationInput {
  std::string code, name, level, unit, address;
  std::optional<double> latitude, longitude;
};

struct ActivityReportRow {
  std::string unit, unit_name;
  long long activities = 0, participants = 0, volunteers = 0;
  double approved_hours = 0;
};

struct CertifiedRecord {
  long long id = 0;
  std::string activity, title;
  TimeMs check_in = 0, check_out = 0;
  double hours = 0;
};

struct Certificate {
  std::string verification_code;
  std::string volunteer, name;  // name: in full on the PDF, masked publicly
  double hours = 0;
  int stars = 0;
  std::vector<CertifiedRecord> records;
  std::string issued_by;
  TimeMs issued_at = 0;
  std::string pdf;  // issue() only
};

class ActivityService {
 public:
  ActivityService(store::Database& db, AuditService& audit, VolunteerService& volunteers);

  Activity create(const Principal& who, const ActivityInput& input);
  // manage_activities: many activities at once (the demo; a unit's programme for a half-year), each checked
  // as create() checks it (the first bad one throws naming "activities[i].field"; a code stored already or
  // given twice is 409 activity.exists), in one transaction; one audit record (activity.create_many: the
  // count and the number of organiser units); computed statistics refreshed once. The codes in input order;
  // none asked for: nothing written.
  std::vector<std::string> create_many(const Principal& who, const std::vector<ActivityInput>& inputs);
  Page<Activity> list(const Principal& who, const ActivityFilter& filter, const PageRequest& page);
  std::vector<Activity> export_list(const Principal& who, const ActivityFilter& filter);
  Activity get(const Principal& who, const std::string& code);
  // manage_activities, in scope: the activity as `input` says, if it is still at `version` (else 409
  // activity.version.stale). The organiser unit and the code stay (400 activity.unit.fixed); once anybody has
  // checked in, the times stay too (409 activity.times.locked: they are what the hours were counted from);
  // the capacity is not below the sign-ups (409 activity.capacity.below_signups). A cancelled activity is 409
  // activity.state. Audited activity.update (before and after).
  Activity update(const Principal& who, const std::string& code, const ActivityInput& input,
                  long long version);
  // manage_activities, in scope: cancelled with a reason (400 activity.reason.required), if it is still at
  // `version`; an activity with approved service hours is not cancelled (409 activity.cancel.approved_hours:
  // the hours would vanish from the volunteers). Sign-ups and check-ins end; audited activity.cancel.
  Activity cancel(const Principal& who, const std::string& code, const std::string& reason,
                  long long version);

  // The organiser: signs a confirmed volunteer up; checks one in or out by hand at `at` (no position rule).
  Activity sign_up(const Principal& who, const std::string& code, const std::string& volunteer);
  ServiceRecord check_in(const Principal& who, const std::string& code, const std::string& volunteer,
                         std::optional<TimeMs> at);
  ServiceRecord check_out(const Principal& who, const std::string& code, const std::string& volunteer,
                          std::optional<TimeMs> at);
  // The volunteer's phone (no account).
  ActivitySignup sign_up_public(const std::string& code, const PublicCheck& check);
  ServiceRecord check_in_public(const std::string& code, const PublicCheck& check);
  ServiceRecord check_out_public(const std::string& code, const PublicCheck& check);

  // manage_activities: attendance sheets entered at once (the demo; a unit's paper sheets from before it used
  // Civic). Each line signs the volunteer up unless signed up already and writes their record with the hours
  // computed, entered by the caller: pending, or approved by the caller when `approve`. A line is checked as
  // sign_up, check_in and check_out by hand check it — the activity in scope and not cancelled, the volunteer
  // confirmed, the capacity, one record per volunteer and activity (in the database or twice in the sheets),
  // check_out after check_in; the first bad line throws naming "entries[i].field". One transaction, written
  // in bulk, one audit record (service_record.enter_many: the count, activities, new sign-ups, hours,
  // approved); computed statistics refreshed once. Returns the number of records written.
  long long enter_attendance(const Principal& who, const std::vector<AttendanceEntry>& entries, bool approve);

  // decision: approve | reject | confirm (clears needs_confirmation). Every listed record must be the
  // activity's latest version; approve and reject need a pending, checked-out record; a rejection needs a
  // reason (400 service_record.reason.required), kept with the record and shown to the organiser.
  std::vector<ServiceRecord> decide_records(const Principal& who, const std::string& code,
                                            const std::vector<long long>& ids, const std::string& decision,
                                            const std::string& reason = "");
  // A new pending version of record `id` with these times (hours recomputed); the old one kept.
  ServiceRecord correct_record(const Principal& who, long long id, TimeMs check_in, TimeMs check_out,
                               const std::string& reason);

  PracticeStation create_station(const Principal& who, const PracticeStationInput& input);
  std::vector<PracticeStation> stations(const Principal& who, const std::string& unit,
                                        const std::string& period);
  std::vector<ActivityReportRow> report(const Principal& who, const std::string& unit,
                                        const std::string& period);

  // read_volunteers: a PDF of the volunteer's approved records, total hours and stars with a new
  // verification code (stored with what it certified; audited volunteer_certificate.issue).
  Certificate issue_certificate(const Principal& who, const std::string& volunteer);
  // No sign-in: what a verification code certified (the name masked); 404 certificate.not_found.
  Certificate verify_certificate(const std::string& verification_code);

 private:
  store::Database& db_;
  AuditService& audit_;
  VolunteerService& volunteers_;
};

}  // namespace civic::service
