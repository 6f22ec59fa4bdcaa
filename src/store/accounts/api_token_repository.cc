#include "store/accounts/api_token_repository.h"

namespace civic::store {

namespace {
const char* kColumns =
    "SELECT id, token_hash, name, user_id, created_at, last_used_at, revoked_at FROM api_tokens ";

template <typename BindUses>
std::vector<ApiTokenRecord> select_tokens(soci::session& sql, const std::string& tail, BindUses bind_uses) {
  ApiTokenRecord row;
  soci::statement st(sql);
  st.exchange(soci::into(row.id));
  st.exchange(soci::into(row.token_hash));
  st.exchange(soci::into(row.name));
  st.exchange(soci::into(row.user_id));
  st.exchange(soci::into(row.created_at));
  st.exchange(soci::into(row.last_used_at));
  st.exchange(soci::into(row.revoked_at));
  bind_uses(st);
  st.alloc();
  st.prepare(kColumns + tail);
  st.define_and_bind();
  std::vector<ApiTokenRecord> out;
  if (st.execute(true)) {
    do {
      out.push_back(row);
    } while (st.fetch());
  }
  return out;
}
}  // namespace

long long ApiTokenRepository::insert(const ApiTokenRecord& t) {
  long long id = 0;
  sql_ << "INSERT INTO api_tokens (token_hash, name, user_id, created_at, last_used_at, revoked_at)"
          " VALUES (:h, :n, :u, :c, 0, 0) RETURNING id",
      soci::use(t.token_hash), soci::use(t.name), soci::use(t.user_id), soci::use(t.created_at),
      soci::into(id);
  return id;
}

std::optional<ApiTokenRecord> ApiTokenRepository::find_by_token_hash(const std::string& token_hash) {
  auto v = select_tokens(sql_, "WHERE token_hash = :h",
                         [&](soci::statement& st) { st.exchange(soci::use(token_hash)); });
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::optional<ApiTokenRecord> ApiTokenRepository::find_by_id(long long id) {
  auto v = select_tokens(sql_, "WHERE id = :id", [&](soci::statement& st) { st.exchange(soci::use(id)); });
  if (v.empty()) return std::nullopt;
  return v.front();
}

std::vector<ApiTokenRecord> ApiTokenRepository::list_for_user(long long user_id) {
  return select_tokens(sql_, "WHERE user_id = :u ORDER BY id",
                       [&](soci::statement& st) { st.exchange(soci::use(user_id)); });
}

void ApiTokenRepository::mark_used(long long id, TimeMs now) {
  sql_ << "UPDATE api_tokens SET last_used_at = :now WHERE id = :id", soci::use(now), soci::use(id);
}

void ApiTokenRepository::revoke(long long id, TimeMs now) {
  sql_ << "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at = 0", soci::use(now),
      soci::use(id);
}

}  // namespace civic::store
