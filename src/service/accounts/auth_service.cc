#include "service/accounts/auth_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include "domain/core/error.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "store/accounts/api_token_repository.h"
#include "store/accounts/session_repository.h"
#include "store/accounts/user_repository.h"

namespace civic::service {

namespace {

constexpr TimeMs kTouchEveryMs =
    30 * 1000;  // last-seen writes are coalesced; idle expiry is still exact enough
const char* kBadCredentials = "invalid username or password";

Principal principal_of(const store::UserRecord& rec, std::string_view ip) {
  Principal p;
  p.user_id = rec.user.id;
  p.username = rec.user.username;
  p.unit_id = rec.user.unit_id;
  p.unit_code = rec.user.unit_code;
  p.unit_path = rec.unit_path;
  p.roles = rec.user.roles;
  p.ip = std::string(ip);
  p.must_change_password = rec.user.must_change_password;
  return p;
}

std::optional<store::UserRecord> find_user(store::Database& db, const std::string& username) {
  auto lease = db.lease();
  return store::UserRepository(*lease).find_by_username(username);
}

// A hash that no password matches in practice, verified when the user is unknown so that the answer takes
// as long as for a known user.
const std::string& dummy_hash() {
  static const std::string hash =
      AuthService::hash_password("civic-timing-equaliser-" + platform::random_token());
  return hash;
}

}  // namespace

std::string AuthService::hash_password(std::string_view password) {
  platform::ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool AuthService::verify_password(const std::string& hash, std::string_view password) {
  platform::ensure_sodium();
  if (hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool AuthService::csrf_matches(std::string_view expected, std::string_view presented) {
  if (expected.empty() || expected.size() != presented.size()) return false;
  return sodium_memcmp(expected.data(), presented.data(), expected.size()) == 0;
}

LoginResult AuthService::login(std::string_view username_in, std::string_view password, std::string_view ip) {
  std::string username(username_in);
  TimeMs now = clock_.now_ms();
  auto rec = find_user(db_, username);
  if (!rec || rec->user.disabled || rec->password_hash.empty()) {
    verify_password(dummy_hash(), password);
    audit_.record_anonymous(
        username, ip,
        {"auth.login_failed", "user", username, "",
         JsonText().add("reason", rec ? "account disabled or without password" : "unknown user").str()});
    throw Unauthenticated(kBadCredentials);
  }
  Principal who = principal_of(*rec, ip);
  if (rec->user.locked_at(now)) {
    audit_.record(who, {"auth.login_refused_locked", "user", username, "",
                        JsonText().add("locked_until", format_rfc3339(rec->user.locked_until)).str()});
    if (rec->user.locked_until >= kLockedIndefinitely) {
      throw RateLimited("the account is locked; ask the security administrator to unlock it");
    }
    throw RateLimited("the account is locked after repeated failed sign-ins; try again after " +
                      format_rfc3339(rec->user.locked_until));
  }
  if (!verify_password(rec->password_hash, password)) {
    db_.transact([&](soci::session& sql) {
      store::UserRepository users(sql);
      auto fresh = users.find_by_id(rec->user.id);
      int failed = (fresh ? fresh->user.failed_logins : rec->user.failed_logins) + 1;
      bool lock = failed >= policy_.max_failed_logins;
      // A lock starts a fresh count: after it expires the user has the full number of attempts again.
      users.set_login_state(rec->user.id, lock ? 0 : failed, lock ? now + policy_.lock_duration_ms : 0, now);
      audit_.record(sql, who,
                    {"auth.login_failed", "user", username, "",
                     JsonText().add("reason", "wrong password").add("failed_logins", failed).str()});
      if (lock) {
        audit_.record(sql, who,
                      {"auth.locked", "user", username, "",
                       JsonText()
                           .add("locked_until", format_rfc3339(now + policy_.lock_duration_ms))
                           .add("failed_logins", failed)
                           .str()});
      }
    });
    throw Unauthenticated(kBadCredentials);
  }

  LoginResult result;
  result.session_token = platform::random_token();
  result.csrf_token = platform::random_token();
  result.expires_at = now + policy_.session_absolute_ms;
  db_.transact([&](soci::session& sql) {
    store::UserRepository(sql).set_login_state(rec->user.id, 0, 0, now);
    store::SessionRecord s;
    s.token_hash = platform::sha256_hex(result.session_token);
    s.csrf_token = result.csrf_token;
    s.user_id = rec->user.id;
    s.ip = std::string(ip);
    s.created_at = now;
    s.last_seen_at = now;
    s.expires_at = result.expires_at;
    store::SessionRepository sessions(sql);
    sessions.remove_expired(now, now - policy_.session_idle_ms);
    who.session_id = sessions.insert(s);
    audit_.record(sql, who, {"auth.login", "session", std::to_string(who.session_id), "", ""});
  });
  result.principal = who;
  result.user = rec->user;
  result.user.failed_logins = 0;
  result.user.locked_until = 0;
  return result;
}

void AuthService::logout(std::string_view session_token, std::string_view ip) {
  std::string hash = platform::sha256_hex(session_token);
  db_.transact([&](soci::session& sql) {
    store::SessionRepository sessions(sql);
    auto s = sessions.find_by_token_hash(hash);
    if (!s) return;
    sessions.remove(s->id);
    auto rec = store::UserRepository(sql).find_by_id(s->user_id);
    if (rec) {
      Principal who = principal_of(*rec, ip);
      who.session_id = s->id;
      audit_.record(sql, who, {"auth.logout", "session", std::to_string(s->id), "", ""});
    }
  });
}

AuthenticatedSession AuthService::authenticate_session(std::string_view session_token, std::string_view ip) {
  if (session_token.empty()) throw Unauthenticated("sign in first");
  std::string hash = platform::sha256_hex(session_token);
  TimeMs now = clock_.now_ms();
  std::optional<store::SessionRecord> s;
  std::optional<store::UserRecord> rec;
  {
    auto lease = db_.lease();
    store::SessionRepository sessions(*lease);
    s = sessions.find_by_token_hash(hash);
    if (!s) throw Unauthenticated("the session has ended; sign in again");
    if (now >= s->expires_at || now - s->last_seen_at >= policy_.session_idle_ms) {
      sessions.remove(s->id);
      throw Unauthenticated("the session has expired; sign in again");
    }
    rec = store::UserRepository(*lease).find_by_id(s->user_id);
    if (!rec || rec->user.disabled || rec->user.locked_at(now)) {
      sessions.remove(s->id);
      throw Unauthenticated("the account is locked or disabled");
    }
    if (now - s->last_seen_at >= kTouchEveryMs) sessions.touch(s->id, now);
  }
  AuthenticatedSession out;
  out.principal = principal_of(*rec, ip);
  out.principal.session_id = s->id;
  out.csrf_token = s->csrf_token;
  out.session_id = s->id;
  return out;
}

Principal AuthService::authenticate_api_token(std::string_view bearer, std::string_view ip) {
  if (bearer.empty()) throw Unauthenticated("missing API token");
  std::string hash = platform::sha256_hex(bearer);
  TimeMs now = clock_.now_ms();
  auto lease = db_.lease();
  store::ApiTokenRepository tokens(*lease);
  auto t = tokens.find_by_token_hash(hash);
  if (!t || t->revoked_at != 0) throw Unauthenticated("unknown or revoked API token");
  auto rec = store::UserRepository(*lease).find_by_id(t->user_id);
  if (!rec || rec->user.disabled || rec->user.locked_at(now)) {
    throw Unauthenticated("the token's account is locked or disabled");
  }
  if (now - t->last_used_at >= kTouchEveryMs) tokens.mark_used(t->id, now);
  return principal_of(*rec, ip);
}

void AuthService::change_password(const Principal& who, std::string_view old_password,
                                  std::string_view new_password) {
  if (who.user_id == 0) throw InvalidInput("username", "only a signed-in user changes their own password");
  std::optional<store::UserRecord> rec;
  {
    auto lease = db_.lease();
    rec = store::UserRepository(*lease).find_by_id(who.user_id);
  }
  if (!rec) throw Unauthenticated("the account no longer exists");
  if (!verify_password(rec->password_hash, old_password)) {
    audit_.record(who, {"auth.password_change_failed", "user", who.username, "", ""});
    throw Unauthenticated("the current password is wrong");
  }
  check_password_rules(new_password, "new_password");
  if (new_password == old_password) {
    throw InvalidInput("new_password", "the new password must differ from the current one");
  }
  std::string hash = hash_password(new_password);
  TimeMs now = clock_.now_ms();
  db_.transact([&](soci::session& sql) {
    store::UserRepository(sql).set_password(who.user_id, hash, false, now);
    store::SessionRepository(sql).remove_for_user(who.user_id, who.session_id);
    audit_.record(sql, who, {"auth.password_change", "user", who.username, "", ""});
  });
}

CreatedApiToken AuthService::create_api_token(const Principal& who, std::string_view username_in,
                                              std::string_view name) {
  std::string username(username_in);
  if (name.empty() || name.size() > 100) throw InvalidInput("name", "token name must be 1-100 characters");
  if (username != who.username || who.is_cli) {
    audit_.require(who, Permission::manage_api_tokens);
  }
  auto rec = find_user(db_, username);
  if (!rec || !who.in_scope(rec->unit_path)) audit_.deny_out_of_scope(who, "user", username);
  CreatedApiToken out;
  out.token = "civic_" + platform::random_token();
  out.name = std::string(name);
  out.username = username;
  TimeMs now = clock_.now_ms();
  db_.transact([&](soci::session& sql) {
    store::ApiTokenRecord t;
    t.token_hash = platform::sha256_hex(out.token);
    t.name = out.name;
    t.user_id = rec->user.id;
    t.created_at = now;
    out.id = store::ApiTokenRepository(sql).insert(t);
    audit_.record(sql, who,
                  {"api_token.create", "api_token", std::to_string(out.id), "",
                   JsonText().add("name", out.name).add("user", username).str()});
  });
  return out;
}

void AuthService::revoke_api_token(const Principal& who, long long token_id) {
  std::optional<store::ApiTokenRecord> t;
  std::optional<store::UserRecord> owner;
  {
    auto lease = db_.lease();
    t = store::ApiTokenRepository(*lease).find_by_id(token_id);
    if (t) owner = store::UserRepository(*lease).find_by_id(t->user_id);
  }
  if (!t || !owner) throw NotFound("API token " + std::to_string(token_id) + " not found");
  if (t->user_id != who.user_id || who.is_cli) audit_.require(who, Permission::manage_api_tokens);
  if (!who.in_scope(owner->unit_path)) audit_.deny_out_of_scope(who, "api_token", std::to_string(token_id));
  TimeMs now = clock_.now_ms();
  db_.transact([&](soci::session& sql) {
    store::ApiTokenRepository(sql).revoke(token_id, now);
    audit_.record(sql, who,
                  {"api_token.revoke", "api_token", std::to_string(token_id),
                   JsonText().add("name", t->name).add("user", owner->user.username).str(), ""});
  });
}

}  // namespace civic::service
