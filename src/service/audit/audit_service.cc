#include "service/audit/audit_service.h"

#include <soci/soci.h>

#include "domain/core/error.h"
#include "platform/secret.h"
#include "store/audit/audit_log_repository.h"

namespace civic::service {

long long AuditService::record(soci::session& sql, const Principal& who, const AuditEvent& event) {
  // Serialize appenders so that two records never claim the same predecessor. SQLite transactions already
  // hold the write lock (BEGIN IMMEDIATE); PostgreSQL needs a lock shared by every server process.
  store::AuditLogRepository log(sql);
  log.lock_appenders(db_.dialect());
  auto last = log.last();
  AuditRecord r;
  r.seq = last ? last->seq + 1 : 1;
  r.prev_hash = last ? last->hash : kAuditGenesisHash;
  r.time = clock_.now_ms();
  r.actor = who.username;
  r.role = who.role_text();
  r.unit = who.unit_code;
  r.ip = who.ip;
  r.action = event.action;
  r.object_type = event.object_type;
  r.object_id = event.object_id;
  r.before = event.before;
  r.after = event.after;
  r.hash = platform::sha256_hex(canonical_audit_text(r));
  log.append(r);
  return r.seq;
}

long long AuditService::record(const Principal& who, const AuditEvent& event) {
  return db_.transact([&](soci::session& sql) { return record(sql, who, event); });
}

long long AuditService::record_anonymous(std::string_view attempted_username, std::string_view ip,
                                         const AuditEvent& event) {
  Principal p;
  p.username = std::string(attempted_username);
  p.ip = std::string(ip);
  return record(p, event);
}

void AuditService::require(const Principal& who, Permission p) {
  if (can(who, p)) return;
  record(who, {"permission.denied", "permission", permission_name(p), "", ""});
  throw Forbidden(std::string("your role does not allow this (needs ") + permission_name(p) + ")",
                  permission_denied_key(p));
}

void AuditService::deny_out_of_scope(const Principal& who, std::string_view object_type,
                                     std::string_view object_id) {
  record(who, {"scope.denied", std::string(object_type), std::string(object_id), "", ""});
  throw NotFound(std::string(object_type) + " '" + std::string(object_id) + "' not found");
}

Page<AuditRecord> AuditService::list(const Principal& who, const AuditFilter& filter,
                                     const PageRequest& page) {
  require(who, Permission::read_audit);
  page.validate();
  store::AuditQuery q{filter.actor,     filter.action, filter.object_type,
                      filter.object_id, filter.from,   filter.to};
  auto lease = db_.lease();
  store::AuditLogRepository log(*lease);
  Page<AuditRecord> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = log.count(q);
  out.items = log.list(q, page.page_size, page.offset());
  return out;
}

AuditVerification AuditService::verify(const Principal& who) {
  require(who, Permission::verify_audit);
  AuditVerification result;
  auto lease = db_.lease();
  store::AuditLogRepository log(*lease);
  long long expected_seq = 1;
  std::string prev = kAuditGenesisHash;
  log.for_each([&](const AuditRecord& r) {
    auto broken = [&](long long seq, std::string reason) {
      result.ok = false;
      result.first_broken_seq = seq;
      result.reason = std::move(reason);
      return false;
    };
    if (r.seq != expected_seq) {
      return broken(expected_seq, "record " + std::to_string(expected_seq) + " is missing (next is " +
                                      std::to_string(r.seq) + ")");
    }
    if (r.prev_hash != prev) return broken(r.seq, "prev_hash does not match the previous record's hash");
    if (platform::sha256_hex(canonical_audit_text(r)) != r.hash) {
      return broken(r.seq, "hash does not match the record's contents");
    }
    prev = r.hash;
    ++expected_seq;
    ++result.count;
    return true;
  });
  return result;
}

}  // namespace civic::service
