#include "service/audit/audit_service.h"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "domain/core/error.h"
#include "platform/append_only_file.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "store/audit/audit_log_repository.h"

namespace civic::service {

namespace {

struct Head {
  long long seq = 0;
  std::string hash;
};

bool is_hex_hash(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// The head file's lines "SEQ HASH [TIME_MS]", sorted by seq (concurrent committers may append out of order).
// A line of another form (one torn by a crash and continued by the next append) is skipped and counted: a
// lost head only weakens the anchor, like a head that was never written.
std::vector<Head> read_heads(const platform::AppendOnlyFile& file, long long& skipped) {
  std::vector<Head> heads;
  for (const std::string& line : file.read_lines()) {
    std::istringstream in(line);
    Head h;
    if (!(in >> h.seq >> h.hash) || h.seq < 1 || !is_hex_hash(h.hash)) {
      ++skipped;
      continue;
    }
    heads.push_back(std::move(h));
  }
  std::stable_sort(heads.begin(), heads.end(), [](const Head& a, const Head& b) { return a.seq < b.seq; });
  return heads;
}

}  // namespace

const char* audit_finding_name(AuditFinding f) {
  switch (f) {
    case AuditFinding::intact:
      return "intact";
    case AuditFinding::tampered:
      return "tampered";
    case AuditFinding::truncated:
      return "truncated";
    case AuditFinding::unverifiable:
      return "unverifiable";
  }
  return "unknown";
}

AuditService::AuditService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

AuditService::~AuditService() = default;

void AuditService::set_anchor(AuditAnchor anchor) {
  anchor_ = std::move(anchor);
  head_file_.reset();
  if (!anchor_.head_file.empty()) head_file_ = std::make_unique<platform::AppendOnlyFile>(anchor_.head_file);
}

void AuditService::publish_head(long long seq, const std::string& hash, TimeMs time) noexcept {
  try {
    if (head_file_) head_file_->append_line(std::to_string(seq) + " " + hash + " " + std::to_string(time));
  } catch (const std::exception& e) {
    // The records are committed; the head only lags (verify still checks every head it has).
    spdlog::error("audit head {} not written: {}", seq, e.what());
  }
  try {
    if (anchor_.system_log)
      anchor_.system_log->notice("audit head seq=" + std::to_string(seq) + " hash=" + hash);
  } catch (const std::exception& e) {
    spdlog::error("audit head {} not sent to syslog: {}", seq, e.what());
  }
}

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
  std::string text = canonical_audit_text(r);
  r.hash = platform::sha256_hex(text);
  if (!anchor_.key.empty()) r.mac = platform::hmac_sha256_hex(anchor_.key, text);
  log.append(r);
  if (head_file_ || anchor_.system_log) {
    // One head per transaction (the newest record it appended), written once the records are durable, so the
    // head file never names a record that was rolled back.
    db_.after_commit(
        sql, [this, seq = r.seq, hash = r.hash, time = r.time] { publish_head(seq, hash, time); }, this);
  }
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

std::vector<AuditRecord> AuditService::export_list(const Principal& who, const AuditFilter& filter) {
  require(who, Permission::read_audit);
  store::AuditQuery q{filter.actor,     filter.action, filter.object_type,
                      filter.object_id, filter.from,   filter.to};
  std::vector<AuditRecord> out;
  {
    auto lease = db_.lease();
    store::AuditLogRepository log(*lease);
    if (log.count(q) > kMaxAuditExport) {
      throw InvalidInput("from",
                         "more than " + std::to_string(kMaxAuditExport) + " records; narrow the filter",
                         message_key("table.export.too_many", {{"limit", std::to_string(kMaxAuditExport)}}));
    }
    out = log.list(q, kMaxAuditExport, 0);
  }
  record(who, {"audit.export", "audit", "", "",
               JsonText()
                   .add("actor", filter.actor)
                   .add("action", filter.action)
                   .add("object_type", filter.object_type)
                   .add("object_id", filter.object_id)
                   .add("from", static_cast<long long>(filter.from))
                   .add("to", static_cast<long long>(filter.to))
                   .add("count", static_cast<long long>(out.size()))
                   .str()});
  return out;
}

AuditVerification AuditService::verify(const Principal& who) {
  require(who, Permission::verify_audit);
  AuditVerification result;
  auto stop = [&](AuditFinding finding, std::optional<long long> seq, std::string reason) {
    result.ok = false;
    result.finding = finding;
    result.first_broken_seq = seq;
    result.reason = std::move(reason);
    return false;
  };
  std::vector<Head> heads;
  if (head_file_) {
    std::error_code ec;
    result.head_file_present = std::filesystem::exists(head_file_->path(), ec);
    try {
      heads = read_heads(*head_file_, result.head_lines_skipped);
    } catch (const std::exception& e) {
      stop(AuditFinding::unverifiable, std::nullopt, e.what());
      return result;
    }
    if (!heads.empty()) result.head_seq = heads.back().seq;
  }
  auto lease = db_.lease();
  store::AuditLogRepository log(*lease);
  long long expected_seq = 1;
  std::string prev = kAuditGenesisHash;
  bool seen_keyed = false;
  size_t next_head = 0;
  log.for_each([&](const AuditRecord& r) {
    std::string seq = std::to_string(r.seq);
    if (r.seq != expected_seq) {
      return stop(AuditFinding::tampered, expected_seq,
                  "record " + std::to_string(expected_seq) + " is missing (next is " + seq + ")");
    }
    if (r.prev_hash != prev) {
      return stop(AuditFinding::tampered, r.seq,
                  "record " + seq + ": prev_hash does not match the previous record's hash");
    }
    std::string text = canonical_audit_text(r);
    if (platform::sha256_hex(text) != r.hash) {
      return stop(AuditFinding::tampered, r.seq,
                  "record " + seq + ": hash does not match the record's contents");
    }
    if (r.mac.empty()) {
      if (seen_keyed) {
        return stop(AuditFinding::tampered, r.seq,
                    "record " + seq + " carries no MAC although earlier records do (its MAC was removed)");
      }
      ++result.unkeyed;
    } else {
      seen_keyed = true;
      if (anchor_.key.empty()) {
        return stop(AuditFinding::unverifiable, r.seq,
                    "record " + seq + " carries a MAC but there is no audit key file to check it with");
      }
      if (!platform::equal_in_constant_time(platform::hmac_sha256_hex(anchor_.key, text), r.mac)) {
        return stop(AuditFinding::tampered, r.seq,
                    "record " + seq +
                        ": MAC does not match (rewritten or re-chained by someone without the audit key)");
      }
      ++result.keyed;
    }
    for (; next_head < heads.size() && heads[next_head].seq <= r.seq; ++next_head) {
      if (heads[next_head].hash != r.hash) {
        return stop(AuditFinding::tampered, r.seq,
                    "record " + seq + " differs from the head file, which anchored it with hash " +
                        heads[next_head].hash.substr(0, 16) + "… (the log was rewritten from here on)");
      }
      if (r.mac.empty()) {
        return stop(AuditFinding::tampered, r.seq,
                    "record " + seq + " is named by the head file but carries no MAC (its MAC was removed)");
      }
    }
    prev = r.hash;
    ++expected_seq;
    ++result.count;
    result.newest_seq = r.seq;
    return true;
  });
  if (!result.ok) return result;
  if (next_head < heads.size()) {
    long long newest = result.newest_seq;
    long long named = heads.back().seq;
    stop(AuditFinding::truncated, newest + 1,
         "the head file names record " + std::to_string(named) + " but the newest record is " +
             std::to_string(newest) + ": records " + std::to_string(newest + 1) + " to " +
             std::to_string(named) + " were deleted");
  }
  return result;
}

}  // namespace civic::service
