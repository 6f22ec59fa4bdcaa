// InspectionRepository: submitted inspections (实地考察记录) over one session, the caller's transaction.
// An inspection is a row of `inspections` (migration 2, the evidence the scores read) with the columns
// migration 6 added (round, inspector, time, GPS, note, version) and its per-check results (failures, note,
// photos). A correction replaces the current results in place; earlier versions live in
// `inspection_versions` as JSON snapshots written by the service. Every device submission (first version or
// correction) has one `submission_client_ids` row keyed by the device's client_id, which makes retries
// idempotent. Server-side drafts are opaque JSON bodies keyed by client_id. No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct InspectionResultRow {
  std::string check;
  std::optional<int> failures;  // nullopt: n/a
  std::string note;
  std::vector<std::string> photos;
};

struct InspectionRow {
  long long id = 0;
  std::string code;
  long long site_id = 0;
  std::string site, site_name, site_type, unit, unit_path;  // reads
  std::string inspected_on;                                 // YYYY-MM-DD, the evidence date
  std::optional<long long> round_id;
  std::string round;  // code (reads), "" when none
  std::optional<long long> inspector_id;
  std::string inspector;       // username (reads), "" when none
  std::string inspector_name;  // display name (reads), "" when none
  std::optional<TimeMs> inspected_at, submitted_at;
  std::optional<double> lat, lon, accuracy;
  std::string note;
  int version = 1;
  std::string version_reason;
  std::vector<InspectionResultRow> results;  // by check code
};

struct InspectionVersionRow {
  int version = 0;
  TimeMs submitted_at = 0;
  std::string submitted_by;
  std::string reason;
  std::string snapshot;  // JSON
};

struct ClientIdRow {
  std::string client_id;
  long long inspection_id = 0;
  int version = 0;
  std::string request_hash;
  long long user_id = 0;
  std::vector<std::string> cases;  // case codes opened by this submission
};

struct InspectionFilter {
  std::string path_from, path_to;  // the site's unit path in [from, to)
  std::optional<long long> round_id, site_id, inspector_id;
};

struct DraftRow {
  std::string client_id;
  long long user_id = 0;
  long long round_id = 0, site_id = 0;
  std::string body;  // JSON object as the client sent it
  TimeMs updated_at = 0;
};

class InspectionRepository {
 public:
  explicit InspectionRepository(soci::session& sql) : sql_(sql) {}

  std::optional<ClientIdRow> find_client_id(const std::string& client_id);
  // Throws (a soci error) when the client_id exists: the caller treats that as a concurrent retry.
  void insert_client_id(const ClientIdRow& row, TimeMs now);
  // Every client id row of an inspection, by version.
  std::vector<ClientIdRow> client_ids_of(long long inspection_id);

  // The next free code "<prefix>NNNNN" (prefix e.g. "I20260301-"); call after taking the write lock.
  std::string next_code(const std::string& prefix);
  // Inserts the row and its results; returns the id.
  long long insert(const InspectionRow& row, TimeMs now);
  // Replaces the current version's fields and results (a correction).
  void update_current(const InspectionRow& row);
  // Sets round and inspector of an existing inspection (linking imported evidence to a round).
  void link(long long inspection_id, long long round_id, std::optional<long long> inspector_id);

  std::optional<InspectionRow> find(const std::string& code);
  std::optional<InspectionRow> find_by_id(long long id);
  // By code; results not loaded.
  std::vector<InspectionRow> list(const InspectionFilter& filter, long long limit, long long offset);
  long long count(const InspectionFilter& filter);
  // Inspection ids of a site dated within [start, end], by date (for linking evidence to rounds).
  std::vector<std::pair<long long, std::string>> of_site(long long site_id, const std::string& start,
                                                         const std::string& end);

  void insert_version(long long inspection_id, const InspectionVersionRow& row);
  std::vector<InspectionVersionRow> versions(long long inspection_id);  // without snapshots, by version

  std::optional<InspectionVersionRow> version(long long inspection_id, int version);

  void put_draft(const DraftRow& row);
  std::optional<DraftRow> find_draft(const std::string& client_id);
  void delete_draft(const std::string& client_id);
  // Drafts of `user_id` for that round site (deleted when it is submitted).
  void delete_drafts_of(long long user_id, long long round_id, long long site_id);

 private:
  void insert_results(long long inspection_id, const std::vector<InspectionResultRow>& results);
  soci::session& sql_;
};

}  // namespace civic::store
