#include "store/accounts/session_repository.h"

namespace civic::store {

long long SessionRepository::insert(const SessionRecord& s) {
  long long id = 0;
  sql_ << "INSERT INTO sessions (token_hash, csrf_token, user_id, ip, created_at, last_seen_at, expires_at)"
          " VALUES (:h, :c, :u, :ip, :created, :seen, :expires) RETURNING id",
      soci::use(s.token_hash), soci::use(s.csrf_token), soci::use(s.user_id), soci::use(s.ip),
      soci::use(s.created_at), soci::use(s.last_seen_at), soci::use(s.expires_at), soci::into(id);
  return id;
}

std::optional<SessionRecord> SessionRepository::find_by_token_hash(const std::string& token_hash) {
  SessionRecord s;
  sql_ << "SELECT id, token_hash, csrf_token, user_id, ip, created_at, last_seen_at, expires_at FROM sessions"
          " WHERE token_hash = :h",
      soci::use(token_hash), soci::into(s.id), soci::into(s.token_hash), soci::into(s.csrf_token),
      soci::into(s.user_id), soci::into(s.ip), soci::into(s.created_at), soci::into(s.last_seen_at),
      soci::into(s.expires_at);
  if (!sql_.got_data()) return std::nullopt;
  return s;
}

void SessionRepository::touch(long long id, TimeMs now) {
  sql_ << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now), soci::use(id);
}

void SessionRepository::remove(long long id) {
  sql_ << "DELETE FROM sessions WHERE id = :id", soci::use(id);
}

void SessionRepository::remove_by_token_hash(const std::string& token_hash) {
  sql_ << "DELETE FROM sessions WHERE token_hash = :h", soci::use(token_hash);
}

void SessionRepository::remove_for_user(long long user_id, long long keep_id) {
  sql_ << "DELETE FROM sessions WHERE user_id = :u AND id <> :keep", soci::use(user_id), soci::use(keep_id);
}

void SessionRepository::remove_expired(TimeMs now, TimeMs idle_before) {
  sql_ << "DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at < :idle", soci::use(now),
      soci::use(idle_before);
}

}  // namespace civic::store
