#include "store/audit/audit_log_repository.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT seq, time, actor, role, unit, ip, action, object_type, object_id, before_json, after_json,"
    " prev_hash, hash, mac FROM audit_log ";

template <typename BindUses>
std::vector<AuditRecord> select_records(soci::session& sql, const std::string& tail, BindUses bind_uses) {
  AuditRecord r;
  soci::statement st(sql);
  st.exchange(soci::into(r.seq));
  st.exchange(soci::into(r.time));
  st.exchange(soci::into(r.actor));
  st.exchange(soci::into(r.role));
  st.exchange(soci::into(r.unit));
  st.exchange(soci::into(r.ip));
  st.exchange(soci::into(r.action));
  st.exchange(soci::into(r.object_type));
  st.exchange(soci::into(r.object_id));
  st.exchange(soci::into(r.before));
  st.exchange(soci::into(r.after));
  st.exchange(soci::into(r.prev_hash));
  st.exchange(soci::into(r.hash));
  st.exchange(soci::into(r.mac));
  bind_uses(st);
  st.alloc();
  st.prepare(kColumns + tail);
  st.define_and_bind();
  std::vector<AuditRecord> out;
  if (st.execute(true)) {
    do {
      out.push_back(r);
    } while (st.fetch());
  }
  return out;
}

// The WHERE clause for `q`; `bind` binds its parameters in the same order.
std::string where_clause(const AuditQuery& q) {
  std::string w = "WHERE 1 = 1";
  if (!q.actor.empty()) w += " AND actor = :actor";
  if (!q.action.empty()) w += " AND action = :action";
  if (!q.object_type.empty()) w += " AND object_type = :otype";
  if (!q.object_id.empty()) w += " AND object_id = :oid";
  if (q.from != 0) w += " AND time >= :from";
  if (q.to != 0) w += " AND time < :to";
  return w;
}

void bind(soci::statement& st, const AuditQuery& q) {
  if (!q.actor.empty()) st.exchange(soci::use(q.actor));
  if (!q.action.empty()) st.exchange(soci::use(q.action));
  if (!q.object_type.empty()) st.exchange(soci::use(q.object_type));
  if (!q.object_id.empty()) st.exchange(soci::use(q.object_id));
  if (q.from != 0) st.exchange(soci::use(q.from));
  if (q.to != 0) st.exchange(soci::use(q.to));
}

}  // namespace

void AuditLogRepository::lock_appenders(Dialect dialect) {
  if (dialect == Dialect::postgresql) sql_ << "SELECT pg_advisory_xact_lock(7201002)";
}

void AuditLogRepository::append(const AuditRecord& r) {
  sql_ << "INSERT INTO audit_log (seq, time, actor, role, unit, ip, action, object_type, object_id,"
          " before_json, after_json, prev_hash, hash, mac) VALUES (:seq, :time, :actor, :role, :unit, :ip,"
          " :action, :otype, :oid, :before, :after, :prev, :hash, :mac)",
      soci::use(r.seq), soci::use(r.time), soci::use(r.actor), soci::use(r.role), soci::use(r.unit),
      soci::use(r.ip), soci::use(r.action), soci::use(r.object_type), soci::use(r.object_id),
      soci::use(r.before), soci::use(r.after), soci::use(r.prev_hash), soci::use(r.hash), soci::use(r.mac);
}

std::optional<AuditRecord> AuditLogRepository::last() {
  auto v = select_records(sql_, "ORDER BY seq DESC LIMIT 1", [](soci::statement&) {});
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<AuditRecord> AuditLogRepository::list(const AuditQuery& q, long long limit, long long offset) {
  return select_records(sql_, where_clause(q) + " ORDER BY seq DESC LIMIT :limit OFFSET :offset",
                        [&](soci::statement& st) {
                          bind(st, q);
                          st.exchange(soci::use(limit));
                          st.exchange(soci::use(offset));
                        });
}

long long AuditLogRepository::count(const AuditQuery& q) {
  long long n = 0;
  soci::statement st(sql_);
  st.exchange(soci::into(n));
  bind(st, q);
  st.alloc();
  st.prepare("SELECT COUNT(*) FROM audit_log " + where_clause(q));
  st.define_and_bind();
  st.execute(true);
  return n;
}

long long AuditLogRepository::count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM audit_log", soci::into(n);
  return n;
}

void AuditLogRepository::for_each(const std::function<bool(const AuditRecord&)>& fn, long long batch) {
  long long after = -1;
  for (;;) {
    auto rows = select_records(sql_, "WHERE seq > :after ORDER BY seq LIMIT :n", [&](soci::statement& st) {
      st.exchange(soci::use(after));
      st.exchange(soci::use(batch));
    });
    for (const AuditRecord& r : rows) {
      if (!fn(r)) return;
      after = r.seq;
    }
    if (static_cast<long long>(rows.size()) < batch) return;
  }
}

}  // namespace civic::store
