// ActivityRepository: the tables of migration 19 — activities, activity_signups, service_records (a
// correction is a new version; `latest` marks the current one), practice_stations and
// volunteer_certificates. Over the caller's session and transaction; the service applies scope and rules.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct ActivityRow {
  long long id = 0;
  std::string code;
  long long unit_id = 0;
  std::string type, title;
  TimeMs starts_at = 0, ends_at = 0;
  std::string place;
  std::optional<double> latitude, longitude;
  std::string site_code;
  std::optional<long long> station_id;
  long long capacity = 0;  // 0: no limit
  std::string description, news_link;
  long long participants_count = 0;
  std::string qr_token;
  std::string state;  // planned | finished | cancelled
  std::string created_by;
  TimeMs created_at = 0, updated_at = 0;
  long long version = 1;      // +1 on every change (optimistic concurrency)
  std::string cancel_reason;  // when cancelled
  // filled by reads
  std::string unit_code, unit_name, unit_path, station_code;
  long long signups = 0;
};

struct SignupRow {
  long long volunteer_id = 0;
  std::string volunteer_code;
  TimeMs signed_up_at = 0;
};

// A sign-up to write (add_signups).
struct NewSignupRow {
  long long activity_id = 0, volunteer_id = 0;
  TimeMs signed_up_at = 0;
};

struct ServiceRecordRow {
  long long id = 0;
  long long volunteer_id = 0, activity_id = 0;
  TimeMs check_in = 0, check_out = 0;
  double hours = 0;
  std::string state;  // pending | approved | rejected
  bool needs_confirmation = false;
  std::optional<double> latitude, longitude;  // the check-in position
  long long version = 1;
  std::optional<long long> supersedes;
  bool latest = true;
  std::string entered_by;  // "" for the volunteer's own check-in; else the officer; a correction: its author
  std::string decided_by;
  TimeMs decided_at = 0;
  std::string decision_reason;  // why it was rejected
  TimeMs created_at = 0;
  // filled by reads
  std::string volunteer_code, activity_code, activity_title, activity_unit_path;
  TimeMs activity_starts_at = 0, activity_ends_at = 0;
};

struct StationRow {
  long long id = 0;
  std::string code, name, level;
  long long unit_id = 0;
  std::string address;
  std::optional<double> latitude, longitude;
  std::string created_by;
  TimeMs created_at = 0;
  // filled by reads
  std::string unit_code, unit_name, unit_path;
};

struct CertificateRow {
  long long id = 0;
  std::string verification_code;
  long long volunteer_id = 0;
  double hours = 0;
  long long stars = 0;
  std::string record_ids;  // JSON array of service record ids
  std::string issued_by;
  TimeMs issued_at = 0;
};

// Per organiser unit over a time range: activities, declared participants, distinct volunteers with an
// approved record and approved hours.
struct ActivityTotalsRow {
  long long unit_id = 0;
  long long activities = 0, participants = 0, volunteers = 0;
  double hours = 0;
};

class ActivityRepository {
 public:
  explicit ActivityRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const ActivityRow& row);
  std::optional<ActivityRow> find(const std::string& code);
  // The editable fields, state, cancel_reason, version and updated_at of activity `row.id`, if its stored
  // version is still `expected_version`; false (nothing written) otherwise.
  bool update(const ActivityRow& row, long long expected_version);
  // Every activity, latest start first (the service filters by scope).
  std::vector<ActivityRow> list();

  bool signed_up(long long activity_id, long long volunteer_id);
  void add_signup(long long activity_id, long long volunteer_id, TimeMs at);
  std::vector<SignupRow> signups(long long activity_id);
  // Many sign-ups at once (store/core/bulk_insert.h).
  void add_signups(const std::vector<NewSignupRow>& rows);

  long long insert_record(const ServiceRecordRow& row);
  // Many records at once (store/core/bulk_insert.h); their ids are not returned.
  void insert_records(const std::vector<ServiceRecordRow>& rows);
  std::optional<ServiceRecordRow> find_record(long long id);
  // An activity's records, every version (oldest first).
  std::vector<ServiceRecordRow> records_of_activity(long long activity_id);
  // The latest record of a volunteer at an activity, if any.
  std::optional<ServiceRecordRow> latest_record(long long activity_id, long long volunteer_id);
  // check_out, hours, state, needs_confirmation, decided_by/at, latest.
  void update_record(const ServiceRecordRow& row);
  // A volunteer's latest approved records, by check-in.
  std::vector<ServiceRecordRow> approved_records(long long volunteer_id);
  // The latest approved records of activities (not cancelled) starting in [from, to), by activity start,
  // activity and check-in (the national volunteer sheet; the service filters by scope).
  std::vector<ServiceRecordRow> approved_records_between(TimeMs from, TimeMs to);

  long long insert_station(const StationRow& row);
  std::optional<StationRow> find_station(const std::string& code);
  std::vector<StationRow> stations();
  // Per station id over activities starting in [from, to): the number of activities and approved hours.
  std::vector<std::pair<long long, std::pair<long long, double>>> station_totals(TimeMs from, TimeMs to);
  std::vector<ActivityTotalsRow> unit_totals(TimeMs from, TimeMs to);

  void insert_certificate(const CertificateRow& row);
  std::optional<CertificateRow> find_certificate(const std::string& verification_code);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
