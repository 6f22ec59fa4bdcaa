// SiteRepository: the sites table (migration 2): every column plus the unit's code, name and path,
// optimistic versions, and counts per type. The one place that lists and filters sites (the site editor,
// inspection rounds drawing their samples); the evaluation import's whole-table read and insert stay in
// EvaluationRepository. Over one session, the caller's transaction. No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct SiteRecord {
  long long id = 0;
  std::string code;
  std::string name;
  std::string type;
  long long unit_id = 0;
  std::string unit;  // unit code
  std::string unit_name;
  std::string unit_path;
  std::optional<double> lat, lon;
  std::string address;
  std::string grid_cell;
  long long version = 1;
};

struct SiteFilter {
  std::string path_from, path_to;  // unit paths in [from, to)
  std::string type;                // "" every type
  std::string text;                // part of code or name, "" no filter (LIKE wildcards are literal)
};

class SiteRepository {
 public:
  explicit SiteRepository(soci::session& sql) : sql_(sql) {}

  std::optional<SiteRecord> find(const std::string& code);
  // By code; `limit` rows from `offset` (limit < 0: all).
  std::vector<SiteRecord> list(const SiteFilter& filter, long long limit, long long offset);
  long long count(const SiteFilter& filter);
  // Site counts per type within the unit path range.
  std::vector<std::pair<std::string, long long>> count_by_type(const std::string& path_from,
                                                               const std::string& path_to);

  // Inserts with version 1; returns the id.
  long long insert(const SiteRecord& site, TimeMs now);
  // Bulk forms for table imports (store/core/bulk_insert.h): the stored sites among `codes`, by code (a
  // query per few thousand codes), and many new sites at once (COPY on PostgreSQL).
  std::unordered_map<std::string, SiteRecord> find_many(const std::vector<std::string>& codes);
  void insert_many(const std::vector<SiteRecord>& sites, TimeMs now);
  // Writes every column of `site` (by id) and sets version = `expected_version` + 1 when the stored version
  // is `expected_version`; false when it is not (a stale edit).
  bool update(const SiteRecord& site, long long expected_version, TimeMs now);
  void remove(long long id);
  // Inspections recorded at the site.
  long long inspection_count(long long site_id);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
