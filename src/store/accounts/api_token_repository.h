// ApiTokenRepository: rows of `api_tokens` (bearer tokens for scripts). Only the SHA-256 of a token is
// stored.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct ApiTokenRecord {
  long long id = 0;
  std::string token_hash;
  std::string name;
  long long user_id = 0;
  TimeMs created_at = 0;
  TimeMs last_used_at = 0;  // 0: never used
  TimeMs revoked_at = 0;    // 0: not revoked
};

class ApiTokenRepository {
 public:
  explicit ApiTokenRepository(soci::session& sql) : sql_(sql) {}

  long long insert(const ApiTokenRecord& t);
  std::optional<ApiTokenRecord> find_by_token_hash(const std::string& token_hash);
  std::optional<ApiTokenRecord> find_by_id(long long id);
  std::vector<ApiTokenRecord> list_for_user(long long user_id);
  void mark_used(long long id, TimeMs now);
  void revoke(long long id, TimeMs now);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
