// AuditService: the append-only, hash-chained audit log (design.md §2). Every change, sign-in, sign-in
// failure, lock and permission refusal is recorded through it. Records carry actor, roles, unit and ip from
// the Principal, the time from the Clock, and before/after JSON text.
// `record(session, …)` appends inside the caller's transaction, so a change and its record commit together;
// `record(…)` without a session appends in its own transaction (for events whose surrounding work fails,
// e.g. a refused sign-in). Appends are serialized (SQLite: the write lock; PostgreSQL: an advisory lock), so
// the chain never forks, even with several servers on one PostgreSQL.
// Only the audit admin (Permission::read_audit) lists records; `verify` walks the whole chain.
#pragma once

#include <optional>
#include <string>

#include "domain/audit/audit.h"
#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/core/permission.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

// What happened; the who/when/where come from the Principal and the Clock.
struct AuditEvent {
  std::string action;       // e.g. "user.create"
  std::string object_type;  // e.g. "user"
  std::string object_id;    // e.g. the username or unit code
  std::string before;       // JSON text, "" if none
  std::string after;        // JSON text, "" if none
};

struct AuditFilter {
  std::string actor;        // exact match; "" any
  std::string action;       // exact match; "" any
  std::string object_type;  // exact match; "" any
  std::string object_id;    // exact match; "" any
  TimeMs from = 0;          // inclusive; 0 open
  TimeMs to = 0;            // exclusive; 0 open
};

struct AuditVerification {
  bool ok = true;
  long long count = 0;                        // records checked
  std::optional<long long> first_broken_seq;  // the first record whose link or hash does not hold
  std::string reason;                         // why it is broken, e.g. "hash mismatch", "prev_hash mismatch"
};

class AuditService {
 public:
  AuditService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // The clock records are stamped with (services that hold no clock of their own use it).
  const Clock& clock() const { return clock_; }

  // Appends one record inside the caller's transaction on `sql`; returns its seq.
  long long record(store::Session& sql, const Principal& who, const AuditEvent& event);
  // Appends one record in its own transaction; returns its seq.
  long long record(const Principal& who, const AuditEvent& event);
  // Anonymous events (a sign-in attempt for an unknown user): actor is the attempted username, no roles.
  long long record_anonymous(std::string_view attempted_username, std::string_view ip,
                             const AuditEvent& event);

  // Throws Forbidden (and records "permission.denied") unless `who` has `p`. Services call it first thing.
  void require(const Principal& who, Permission p);
  // Records "scope.denied" for `object_type`/`object_id` and throws NotFound (scope must not leak existence).
  [[noreturn]] void deny_out_of_scope(const Principal& who, std::string_view object_type,
                                      std::string_view object_id);

  // Records newest first. Forbidden unless read_audit.
  Page<AuditRecord> list(const Principal& who, const AuditFilter& filter, const PageRequest& page);

  // Walks the chain from seq 1: seq contiguous, prev_hash equal to the previous hash, hash recomputed.
  // The CLI calls it with Principal::cli(); others need verify_audit.
  AuditVerification verify(const Principal& who);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace civic::service
