// CaseRepository: rows of cases, case_events, case_code_sequences and case_overdue_notices (migration v4).
// No rules here: CaseService decides what is allowed and passes plain values (CaseFilter, CaseScope); this
// stores and reads, and is the only place that writes the SQL. Every value is a bound parameter (SqlParams).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"
#include "store/core/sql_params.h"

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

// Which cases a caller may see, as plain paths and ids (the service decides them from the roles). A case
// matches when any given term holds; a scope with no term matches nothing.
struct CaseScope {
  std::optional<long long> reporter_user_id;   // cases this user reported
  std::optional<std::string> scope_subtree;    // responsible unit (else the reporting unit) in this subtree
  bool unassigned = false;                     // cases with neither a responsible nor a reporting unit
  std::optional<std::string> unit_subtree;     // responsible unit in this subtree
  std::optional<std::string> handled_subtree;  // state "handled", scope unit as above in this subtree
};

// A conjunction of conditions on cases; an unset member does not filter. "Open" = not rejected or closed.
struct CaseFilter {
  enum class Status { any, open, closed };
  std::optional<CaseScope> scope;  // nullopt: every case
  std::string state, category, source;
  Status status = Status::any;
  bool has_unit = false;                                 // a responsible unit is set
  std::optional<std::string> unit_subtree;               // responsible unit in this subtree (a unit path)
  std::optional<TimeMs> overdue_before;                  // open, with due_at < this
  std::optional<TimeMs> reported_from, reported_to;      // reported_at in [from, to)
  std::optional<TimeMs> dispatched_from, dispatched_to;  // first_dispatched_at in [from, to)
  std::string text;                                      // substring of code, title, address or description
  // Near a point: lat/lon inside a bounding box that holds every point within radius_m of (lat, lon)
  // (a coarse pre-filter; the caller measures the exact distance).
  struct Near {
    double lat = 0, lon = 0, radius_m = 0;
  };
  std::optional<Near> near;
};

enum class CaseOrder { id, newest_first };  // c.id; reported_at DESC, id DESC

// The facts of a site a case refers to (sites table).
struct CaseSiteFacts {
  long long id = 0;
  long long unit_id = 0;
  std::optional<double> lat, lon;
  std::string name;
};

// An active (not disabled) user with a unit: id, roles text (as stored) and unit path.
struct CaseUserFacts {
  long long id = 0;
  std::string roles, unit_path;
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
  // Rows matching `filter` in `order`; limit < 0 = all.
  std::vector<CaseRow> select(const CaseFilter& filter, CaseOrder order = CaseOrder::id, long long limit = -1,
                              long long offset = 0);
  long long count(const CaseFilter& filter);

  void insert_event(const CaseEventRow& event);
  // Next seq for a case's events (1 for the first).
  int next_event_seq(long long case_id);
  std::vector<CaseEventRow> events(long long case_id);

  // Records the overdue notice for (case, due_at); false when one already exists (another scan did it).
  bool claim_overdue_notice(long long case_id, TimeMs due_at, TimeMs now);

  std::optional<CaseSiteFacts> find_site(const std::string& code);
  // The user's display name; "" when the user or the name is missing.
  std::string user_display_name(long long user_id);
  // Every active user with a unit, by id.
  std::vector<CaseUserFacts> active_users();

 private:
  std::vector<CaseRow> select_where(const std::string& where, const SqlParams& params,
                                    const std::string& order, long long limit, long long offset);
  long long count_where(const std::string& where, const SqlParams& params);

  soci::session& sql_;
};

}  // namespace civic::store
