// Audit record (审计日志): who did what, when, from where, to which object, before and after. Append-only and
// hash-chained: hash = SHA-256(prev_hash ‖ canonical fields), so changing, dropping or reordering any row
// breaks the chain at that row; and keyed: mac = HMAC-SHA256(key, the same text) with a key kept outside the
// database, so a chain recomputed by someone without the key does not verify (service/audit/audit_service.h
// computes and verifies both).
#pragma once

#include <string>

#include "domain/core/clock.h"

namespace civic {

struct AuditRecord {
  long long seq = 0;   // 1, 2, 3 … without gaps
  TimeMs time = 0;     // UTC ms
  std::string actor;   // username, or "cli" / "system"
  std::string role;    // the actor's roles joined by ',' ("" for anonymous failures)
  std::string unit;    // the actor's unit code
  std::string ip;      // source address ("" for the CLI)
  std::string action;  // dotted verb, e.g. "auth.login", "auth.login_failed", "user.create", "unit.update"
  std::string object_type;  // e.g. "user", "unit", "session"
  std::string object_id;    // the object's code or id as text
  std::string before;       // JSON text of the object before ("" when created)
  std::string after;        // JSON text after ("" when deleted)
  std::string prev_hash;    // hex of the previous record's hash; 64 zeros for seq 1
  std::string hash;         // hex SHA-256 of canonical_audit_text(*this)
  std::string mac;          // hex HMAC-SHA256 of canonical_audit_text(*this) under the data directory's audit
                            // key (service/audit/audit_service.h); "" for records written before schema 9
};

// The bytes that are hashed and MACed: prev_hash then every field above except `hash` and `mac`, each
// length-prefixed so that no two different records have the same text.
std::string canonical_audit_text(const AuditRecord& r);

inline const std::string kAuditGenesisHash(64, '0');

}  // namespace civic
