// CaseBulkWriter: writes many cases and their events in a few statements, for a generator that owns the
// database while it runs (the demo's cases step; CaseService writes one case at a time through
// CaseRepository). Codes are numbered here — per reporting day, continuing after case_code_sequences —
// instead of one upsert per case, and the rows go in with store::BulkInserter (COPY on PostgreSQL, a prepared
// insert on SQLite) when write() is called, inside the caller's transaction: all or nothing with it.
#pragma once

#include <soci/soci.h>

#include <map>
#include <string>
#include <vector>

#include "store/cases/case_repository.h"

namespace civic::store {

class CaseBulkWriter {
 public:
  explicit CaseBulkWriter(soci::session& sql) : sql_(sql) {}

  // The next code for reporting day `yyyymmdd` ("C20260315-00012"), as CaseRepository::next_code numbers
  // them.
  std::string next_code(const std::string& yyyymmdd);
  // Keeps a case (its code from next_code) and its events (seq set; case_id is filled in by write()).
  void add(CaseRow row, std::vector<CaseEventRow> events);
  // Inserts every kept case (version 1) and event, and stores the day counters; returns the cases written.
  std::size_t write();

 private:
  soci::session& sql_;
  std::map<std::string, long long> last_by_day_;
  std::vector<CaseRow> rows_;
  std::vector<std::vector<CaseEventRow>> events_;
};

}  // namespace civic::store
