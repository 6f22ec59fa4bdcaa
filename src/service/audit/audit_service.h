// AuditService: the append-only, hash-chained audit log (design.md §2). Every change, sign-in, sign-in
// failure, lock and permission refusal is recorded through it. Records carry actor, roles, unit and ip from
// the Principal, the time from the Clock, and before/after JSON text.
// `record(session, …)` appends inside the caller's transaction, so a change and its record commit together;
// `record(…)` without a session appends in its own transaction (for events whose surrounding work fails,
// e.g. a refused sign-in). Appends are serialized (SQLite: the write lock; PostgreSQL: an advisory lock), so
// the chain never forks, even with several servers on one PostgreSQL.
// Only the audit admin (Permission::read_audit) lists records; `verify` walks the whole chain.
// Anchoring outside the database (docs/security.md, "The audit log and its anchor"): with an AuditAnchor each
// record also carries an HMAC-SHA256 under a key that lives in the data directory, never in the database, and
// after every transaction that appended records commits, the newest record's seq and hash are appended to the
// head file (and, when configured, sent to syslog). `verify` then tells a log rewritten by someone without
// the key (tampered) and a log whose newest records were deleted (truncated) from an intact one.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "domain/audit/audit.h"
#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "platform/system_log.h"
#include "service/core/permission.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::platform {
class AppendOnlyFile;
}

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

// Where the log is anchored outside the database. Every process that appends records to one database must use
// the same key (copy audit.key to each server's data directory before it first starts).
struct AuditAnchor {
  std::string key;                                  // the MAC key's bytes; "": records get no MAC
  std::string head_file;                            // <data dir>/audit.head; empty: no head written or read
  std::shared_ptr<platform::SystemLog> system_log;  // also receives every head; null: not sent
};

enum class AuditFinding {
  intact,        // every link, hash and MAC holds, and every head the head file names is in the log
  tampered,      // a record is missing, edited, re-chained (MAC mismatch) or differs from the head file
  truncated,     // the head file names a seq newer than the newest record: the newest records were deleted
  unverifiable,  // a record carries a MAC but there is no key to check it with, or the head file is
                 // unreadable
};

// "intact", "tampered", "truncated", "unverifiable".
const char* audit_finding_name(AuditFinding f);

struct AuditVerification {
  bool ok = true;  // finding == intact
  AuditFinding finding = AuditFinding::intact;
  long long count = 0;                        // records checked and found sound before the first bad one
  long long keyed = 0;                        // of those, records whose MAC the key confirms
  long long unkeyed = 0;                      // of those, records from before MACs (schema 9): chain only
  long long newest_seq = 0;                   // the newest seq checked
  bool head_file_present = false;             // the anchor names a head file and it exists
  long long head_seq = 0;                     // the newest seq the head file names; 0 when none
  long long head_lines_skipped = 0;           // head file lines that are not "SEQ HASH …" (torn by a crash)
  std::optional<long long> first_broken_seq;  // the first record that does not hold (or was deleted)
  std::string reason;                         // why, in a sentence naming that seq
};

class AuditService {
 public:
  AuditService(store::Database& db, const Clock& clock);
  ~AuditService();
  AuditService(const AuditService&) = delete;
  AuditService& operator=(const AuditService&) = delete;

  // The clock records are stamped with (services that hold no clock of their own use it).
  const Clock& clock() const { return clock_; }

  // Anchors the log from now on (set once, before any record is appended or verified; not thread-safe).
  // Without an anchor records carry no MAC and no head is written (tests, tools that only read).
  void set_anchor(AuditAnchor anchor);

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
  // Every record `filter` selects, newest first, for a download (GET /api/audit/export): Forbidden unless
  // read_audit (as the list); InvalidInput (key table.export.too_many) past kMaxAuditExport records. The
  // export is itself recorded ("audit.export" with the filter and the count).
  static constexpr long long kMaxAuditExport = 50000;
  std::vector<AuditRecord> export_list(const Principal& who, const AuditFilter& filter);

  // Walks the chain from seq 1: seq contiguous, prev_hash equal to the previous hash, hash recomputed, the
  // MAC recomputed with the anchor's key (a record without a MAC is "unkeyed" before the first keyed record
  // and tampering after it), every head in the head file equal to the record it names, and no head newer than
  // the newest record. Stops at the first problem. The CLI calls it with Principal::cli(); others need
  // verify_audit.
  AuditVerification verify(const Principal& who);

 private:
  // After the appending transaction commits: the newest head to the head file and syslog. Never throws.
  void publish_head(long long seq, const std::string& hash, TimeMs time) noexcept;

  store::Database& db_;
  const Clock& clock_;
  AuditAnchor anchor_;
  std::unique_ptr<platform::AppendOnlyFile> head_file_;
};

}  // namespace civic::service
