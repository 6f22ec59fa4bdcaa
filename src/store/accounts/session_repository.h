// SessionRepository: rows of `sessions` (signed-in browsers). Only the SHA-256 of a session token is stored.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>

#include "domain/core/clock.h"

namespace civic::store {

struct SessionRecord {
  long long id = 0;
  std::string token_hash;
  std::string csrf_token;
  long long user_id = 0;
  std::string ip;
  TimeMs created_at = 0;
  TimeMs last_seen_at = 0;
  TimeMs expires_at = 0;  // absolute expiry
};

class SessionRepository {
 public:
  explicit SessionRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const SessionRecord& s);
  std::optional<SessionRecord> find_by_token_hash(const std::string& token_hash);
  void touch(long long id, TimeMs now);
  void remove(long long id);
  void remove_by_token_hash(const std::string& token_hash);
  // Ends every session of the user except `keep_id` (0 keeps none).
  void remove_for_user(long long user_id, long long keep_id = 0);
  // Deletes sessions idle since before `idle_before` or past their absolute expiry at `now`.
  void remove_expired(TimeMs now, TimeMs idle_before);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
