// CaseRepository: rows of cases, case_events, case_code_sequences and case_overdue_notices (migration v4).
// No rules here: CaseService decides what is allowed; this stores and reads. Filters are SQL fragments built
// with CaseSqlParams so that every value is bound, never spliced into the text.
#pragma once

#include <soci/soci.h>

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.h"

namespace civic::store {

struct CaseRow {
  long long id = 0;
  std::string code, title, description, category, severity, state, source;
  std::optional<long long> unit_id;  // responsible unit
  std::string unit_code, unit_name, unit_path;
  std::optional<long long> reporting_unit_id;
  std::string reporting_unit_path;
  std::optional<long long> site_id;
  std::string site_code, site_name;
  std::optional<std::string> item, check_code, inspection;
  int failure_count = 0;
  std::optional<double> lat, lon;
  std::string address;
  std::string photos = "[]";  // JSON array of ids
  std::string contact;
  std::optional<long long> reporter_user_id;
  TimeMs reported_at = 0;
  std::optional<TimeMs> first_dispatched_at, due_at, closed_at;
  std::optional<std::string> outcome;
  int escalation_level = 0, rework_count = 0, reopen_count = 0, send_back_count = 0;
  bool postponement_pending = false, postponement_approved = false, handled_once = false;
  std::optional<TimeMs> requested_due_at;
  std::optional<std::string> possible_duplicate_of, duplicate_of;
  long long version = 1;
  TimeMs updated_at = 0;
};

struct CaseEventRow {
  long long case_id = 0;
  int seq = 0;
  std::string action, from_state, to_state;
  std::optional<long long> actor_user_id;
  std::string actor, actor_name;
  TimeMs at = 0;
  std::string note, reason;
  std::string photos = "[]";
  std::string data = "{}";
};

// Bound values for a WHERE fragment: each call stores the value and returns its placeholder (":p3").
class CaseSqlParams {
 public:
  std::string text(std::string value);
  std::string integer(long long value);
  std::string real(double value);
  void bind(soci::statement& st) const;

 private:
  std::deque<std::string> texts_;
  std::deque<long long> ints_;
  std::deque<double> reals_;
  std::vector<std::function<void(soci::statement&)>> binders_;
};

class CaseRepository {
 public:
  explicit CaseRepository(soci::session& sql) : sql_(sql) {}

  // The next code for reporting day `yyyymmdd`: "C20260315-00012" (a per-day counter row, upserted).
  std::string next_code(const std::string& yyyymmdd);
  // Inserts the row (id and version 1 assigned); returns the id.
  long long insert(const CaseRow& row);
  // Writes every mutable column when the stored version equals row.version, and sets version + 1.
  // Returns false when the version was stale.
  bool update(const CaseRow& row);
  std::optional<CaseRow> find(const std::string& code);
  // `where` uses the aliases c (cases), u (responsible unit), ru (reporting unit), s (site); "" = all rows.
  std::vector<CaseRow> select(const std::string& where, const CaseSqlParams& params,
                              const std::string& order = "c.id", long long limit = -1, long long offset = 0);
  long long count(const std::string& where, const CaseSqlParams& params);

  void insert_event(const CaseEventRow& event);
  // Next seq for a case's events (1 for the first).
  int next_event_seq(long long case_id);
  std::vector<CaseEventRow> events(long long case_id);

  // Records the overdue notice for (case, due_at); false when one already exists (another scan did it).
  bool claim_overdue_notice(long long case_id, TimeMs due_at, TimeMs now);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
