// AuditLogRepository: rows of `audit_log`. Append and read only (the table refuses UPDATE and DELETE by
// trigger). The hash chain itself is computed by service/audit_service.
#pragma once

#include <soci/soci.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit/audit.h"
#include "store/core/database.h"

namespace civic::store {

struct AuditQuery {
  std::string actor, action, object_type, object_id;  // exact; "" any
  TimeMs from = 0, to = 0;                            // [from, to); 0 open
};

class AuditLogRepository {
 public:
  explicit AuditLogRepository(soci::session& sql) : sql_(sql) {}

  // Serializes appenders until the transaction ends, so two records never claim the same predecessor:
  // a transaction-scoped advisory lock on PostgreSQL; nothing on SQLite, whose transactions already hold
  // the write lock (BEGIN IMMEDIATE).
  void lock_appenders(Dialect dialect);
  void append(const AuditRecord& r);
  // The record with the highest seq, if any.
  std::optional<AuditRecord> last();
  // Newest first.
  std::vector<AuditRecord> list(const AuditQuery& q, long long limit, long long offset);
  long long count(const AuditQuery& q);
  long long count();
  // Calls fn for every record in seq order, reading in batches; stops early when fn returns false.
  void for_each(const std::function<bool(const AuditRecord&)>& fn, long long batch = 1000);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
