// RoundRepository: rows of inspection rounds (migration 6) over one session, the caller's transaction: the
// round, its strata (unit × site type with population and sample size) and its sampled sites with their
// assignment (inspector, status to_do|submitted, the inspection that answered it). Lists of round sites
// are filtered by the site's unit path range (scope), status and inspector. No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct RoundRow {
  long long id = 0;
  std::string code, name;
  long long period_id = 0;
  std::string period;  // code (reads)
  long long under_unit_id = 0;
  std::string under;  // unit code (reads)
  std::string status = "open";
  std::string seed;                // decimal uint64
  std::vector<std::string> items;  // item codes; empty = every field item
  long long default_sample_size = 0;
  TimeMs created_at = 0;
  std::string created_by;
  TimeMs completed_at = 0;
  long long version = 1;
  // reads
  long long sample_total = 0, done = 0;
};

struct RoundStratumRow {
  int seq = 0;
  long long unit_id = 0;
  std::string unit, unit_name;  // reads
  std::string site_type;
  long long population = 0, sample_size = 0;
};

struct RoundSiteRow {
  long long round_id = 0;
  std::string round, round_name, period;
  long long site_id = 0;
  std::string site, site_name, site_type, unit, unit_name, address;
  std::optional<double> lat, lon;
  std::optional<long long> inspector_id;
  std::string inspector;  // username, "" when unassigned
  std::string status = "to_do";
  std::optional<std::string> inspection;  // code once submitted
  std::optional<std::string> draft;       // the inspector's server draft client_id, if any
};

struct RoundSiteFilter {
  long long round_id = 0;              // 0: every round
  std::string path_from, path_to;      // the site's unit path in [from, to)
  std::string status;                  // "to_do" | "submitted" | "" any ("draft" is to_do with a draft)
  std::optional<long long> inspector;  // assigned to this user id
  bool open_rounds_only = false;
};

struct InspectorProgress {
  long long user_id = 0;
  std::string username, display_name;
  long long done = 0, to_do = 0;
};

class RoundRepository {
 public:
  explicit RoundRepository(soci::session& sql) : sql_(sql) {}

  std::optional<RoundRow> find(const std::string& code);
  // The framework id of period `period_id`; 0 when there is no such period.
  long long period_framework_id(long long period_id);
  long long insert(const RoundRow& row);
  // Rounds of `period_id` (0: any) whose `under` unit path is in [path_from, path_to) or is a prefix of
  // `caller_path` (the round covers the caller's area), by code.
  std::vector<RoundRow> list(long long period_id, const std::string& path_from, const std::string& path_to,
                             const std::string& caller_path, long long limit, long long offset);
  long long count(long long period_id, const std::string& path_from, const std::string& path_to,
                  const std::string& caller_path);
  void set_status(long long round_id, const std::string& status, TimeMs at);

  void insert_stratum(long long round_id, const RoundStratumRow& row);
  std::vector<RoundStratumRow> strata(long long round_id);

  void insert_site(long long round_id, long long site_id);
  std::optional<RoundSiteRow> find_site(long long round_id, long long site_id);
  // Filtered round sites by round code then site code, `limit` rows from `offset` (limit < 0: all).
  std::vector<RoundSiteRow> sites(const RoundSiteFilter& filter, long long limit, long long offset);
  long long count_sites(const RoundSiteFilter& filter);
  void assign(long long round_id, long long site_id, long long inspector_id, TimeMs now);
  // Links an inspection (submitted); `inspector_id` is recorded when the site was unassigned.
  void mark_submitted(long long round_id, long long site_id, long long inspection_id);
  std::vector<InspectorProgress> progress(long long round_id);

 private:
  soci::session& sql_;
};

// "a,b" ⇄ {"a","b"} (codes never hold commas).
std::string comma_joined(const std::vector<std::string>& codes);
std::vector<std::string> comma_split(const std::string& joined);

}  // namespace civic::store
