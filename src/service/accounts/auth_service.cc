#include "service/accounts/auth_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include "domain/core/error.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "store/accounts/api_token_repository.h"
#include "store/accounts/security_settings_repository.h"
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

constexpr TimeMs kMinuteMs = 60 * 1000;

}  // namespace

const std::vector<SecuritySettingBound>& security_setting_bounds() {
  static const std::vector<SecuritySettingBound> bounds = {
      {"login_max_failed_per_account", 3, 10}, {"login_lock_minutes", 5, 1440},
      {"session_idle_minutes", 5, 120},        {"session_absolute_hours", 1, 24},
      {"password_min_length", 8, 64},
  };
  return bounds;
}

SecuritySettings AuthService::current(soci::session& sql) const {
  SecuritySettings s{policy_, kPasswordMinLength, kPasswordMinClasses, store::kPasswordHistory};
  for (const auto& [name, value] : store::SecuritySettingsRepository(sql).all()) {
    if (name == "login_max_failed_per_account")
      s.policy.max_failed_logins = static_cast<int>(value);
    else if (name == "login_lock_minutes")
      s.policy.lock_duration_ms = value * kMinuteMs;
    else if (name == "session_idle_minutes")
      s.policy.session_idle_ms = value * kMinuteMs;
    else if (name == "session_absolute_hours")
      s.policy.session_absolute_ms = value * 60 * kMinuteMs;
    else if (name == "password_min_length")
      s.password_min_length = static_cast<int>(value);
  }
  return s;
}

SecuritySettings AuthService::current() {
  auto lease = db_.lease();
  return current(*lease);
}

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

void AuthService::record_refused_request(std::string_view kind, std::string_view ip,
                                         std::string_view detail) {
  std::string action = "security." + std::string(kind);
  EventWindows::Tally tally = security_events_.add(action + " " + std::string(ip), clock_.now_ms());
  if (tally.in_window != 1) return;
  audit_.record_anonymous("anonymous", ip,
                          {action, "request", std::string(detail), "",
                           JsonText().add("events_in_previous_interval", tally.previous_window).str()});
}

void AuthService::refuse_login(const std::string& username, std::string_view ip, std::string_view reason) {
  failed_logins_by_address_.add(std::string(ip), clock_.now_ms());
  audit_.record_anonymous(
      username, ip, {"auth.login_failed", "user", username, "", JsonText().add("reason", reason).str()});
  throw Unauthenticated(kBadCredentials, message_key("auth.login.failed"));
}

LoginResult AuthService::login(std::string_view username_in, std::string_view password, std::string_view ip) {
  std::string username(username_in);
  TimeMs now = clock_.now_ms();
  const AuthPolicy policy = current().policy;
  if (failed_logins_by_address_.count(std::string(ip), now) >= policy.max_failed_logins_per_address) {
    record_refused_request("login_throttled", ip, username);
    throw RateLimited("too many failed sign-ins from this address; try again in 15 minutes",
                      message_key("auth.login.throttled"));
  }
  auto rec = find_user(db_, username);
  if (!rec || rec->user.disabled || rec->password_hash.empty()) {
    verify_password(dummy_hash(), password);
    refuse_login(username, ip, rec ? "account disabled or without password" : "unknown user");
  }
  Principal who = principal_of(*rec, ip);
  if (rec->user.locked_at(now)) {
    // Answered like an unknown account (no enumeration), in about the same time.
    verify_password(dummy_hash(), password);
    failed_logins_by_address_.add(std::string(ip), now);
    audit_.record(who, {"auth.login_refused_locked", "user", username, "",
                        JsonText().add("locked_until", format_rfc3339(rec->user.locked_until)).str()});
    throw Unauthenticated(kBadCredentials, message_key("auth.login.failed"));
  }
  if (!verify_password(rec->password_hash, password)) {
    failed_logins_by_address_.add(std::string(ip), now);
    db_.transact([&](soci::session& sql) {
      store::UserRepository users(sql);
      auto fresh = users.find_by_id(rec->user.id);
      int failed = (fresh ? fresh->user.failed_logins : rec->user.failed_logins) + 1;
      bool lock = failed >= policy.max_failed_logins;
      // A lock starts a fresh count: after it expires the user has the full number of attempts again.
      users.set_login_state(rec->user.id, lock ? 0 : failed, lock ? now + policy.lock_duration_ms : 0, now);
      audit_.record(sql, who,
                    {"auth.login_failed", "user", username, "",
                     JsonText().add("reason", "wrong password").add("failed_logins", failed).str()});
      if (lock) {
        audit_.record(sql, who,
                      {"auth.locked", "user", username, "",
                       JsonText()
                           .add("locked_until", format_rfc3339(now + policy.lock_duration_ms))
                           .add("failed_logins", failed)
                           .str()});
      }
    });
    throw Unauthenticated(kBadCredentials, message_key("auth.login.failed"));
  }

  LoginResult result;
  result.session_token = platform::random_token();
  result.csrf_token = platform::random_token();
  result.expires_at = now + policy.session_absolute_ms;
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
    sessions.remove_expired(now, now - policy.session_idle_ms);
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
  if (session_token.empty()) throw Unauthenticated("sign in first", message_key("auth.sign_in_required"));
  std::string hash = platform::sha256_hex(session_token);
  TimeMs now = clock_.now_ms();
  std::optional<store::SessionRecord> s;
  std::optional<store::UserRecord> rec;
  {
    auto lease = db_.lease();
    store::SessionRepository sessions(*lease);
    s = sessions.find_by_token_hash(hash);
    if (!s) throw Unauthenticated("the session has ended; sign in again", message_key("auth.session.ended"));
    // The settings in force now: a shortened lifetime ends sessions begun under the longer one.
    const AuthPolicy policy = current(*lease).policy;
    if (now >= s->expires_at || now - s->created_at >= policy.session_absolute_ms ||
        now - s->last_seen_at >= policy.session_idle_ms) {
      sessions.remove(s->id);
      throw Unauthenticated("the session has expired; sign in again", message_key("auth.session.expired"));
    }
    rec = store::UserRepository(*lease).find_by_id(s->user_id);
    if (!rec || rec->user.disabled || rec->user.locked_at(now)) {
      sessions.remove(s->id);
      throw Unauthenticated("the account is locked or disabled", message_key("auth.account.unavailable"));
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
  if (bearer.empty()) throw Unauthenticated("missing API token", message_key("auth.token.invalid"));
  std::string hash = platform::sha256_hex(bearer);
  TimeMs now = clock_.now_ms();
  auto lease = db_.lease();
  store::ApiTokenRepository tokens(*lease);
  auto t = tokens.find_by_token_hash(hash);
  if (!t || t->revoked_at != 0) {
    record_refused_request("bad_bearer_token", ip, t ? "revoked token " + std::to_string(t->id) : "unknown");
    throw Unauthenticated("unknown or revoked API token", message_key("auth.token.invalid"));
  }
  auto rec = store::UserRepository(*lease).find_by_id(t->user_id);
  if (!rec || rec->user.disabled || rec->user.locked_at(now)) {
    throw Unauthenticated("the token's account is locked or disabled",
                          message_key("auth.account.unavailable"));
  }
  if (now - t->last_used_at >= kTouchEveryMs) tokens.mark_used(t->id, now);
  return principal_of(*rec, ip);
}

SecuritySettings AuthService::settings(const Principal& who) {
  audit_.require(who, Permission::read_security_settings);
  return current();
}

SecuritySettings AuthService::update_settings(const Principal& who,
                                              const std::map<std::string, long long>& changes) {
  audit_.require(who, Permission::manage_security_settings);
  for (const auto& [name, value] : changes) {
    const SecuritySettingBound* bound = nullptr;
    for (const auto& b : security_setting_bounds())
      if (name == b.name) bound = &b;
    if (!bound)
      throw InvalidInput(name, "not a setting the security admin changes: " + name,
                         message_key("security.settings.unknown", {{"name", name}}));
    if (value < bound->min || value > bound->max)
      throw InvalidInput(
          name, name + " is from " + std::to_string(bound->min) + " to " + std::to_string(bound->max),
          message_key(
              "security.settings.range",
              {{"name", name}, {"min", std::to_string(bound->min)}, {"max", std::to_string(bound->max)}}));
  }
  TimeMs now = clock_.now_ms();
  return db_.transact([&](soci::session& sql) {
    SecuritySettings before = current(sql);
    auto values = [](const SecuritySettings& s) {
      return JsonText()
          .add("login_max_failed_per_account", s.policy.max_failed_logins)
          .add("login_lock_minutes", static_cast<long long>(s.policy.lock_duration_ms / kMinuteMs))
          .add("session_idle_minutes", static_cast<long long>(s.policy.session_idle_ms / kMinuteMs))
          .add("session_absolute_hours",
               static_cast<long long>(s.policy.session_absolute_ms / (60 * kMinuteMs)))
          .add("password_min_length", s.password_min_length)
          .str();
    };
    store::SecuritySettingsRepository repo(sql);
    for (const auto& [name, value] : changes) repo.put(name, value, who.username, now);
    SecuritySettings after = current(sql);
    audit_.record(sql, who,
                  {"security.settings_update", "security_settings", "policy", values(before), values(after)});
    return after;
  });
}

void AuthService::change_password(const Principal& who, std::string_view old_password,
                                  std::string_view new_password) {
  if (who.user_id == 0)
    throw InvalidInput("username", "only a signed-in user changes their own password",
                       message_key("auth.password.own_only"));
  std::optional<store::UserRecord> rec;
  {
    auto lease = db_.lease();
    rec = store::UserRepository(*lease).find_by_id(who.user_id);
  }
  if (!rec) throw Unauthenticated("the account no longer exists", message_key("auth.account.unavailable"));
  if (!verify_password(rec->password_hash, old_password)) {
    audit_.record(who, {"auth.password_change_failed", "user", who.username, "", ""});
    throw Unauthenticated("the current password is wrong", message_key("auth.password.wrong_current"));
  }
  check_password_rules(new_password, "new_password", current().password_min_length);
  std::vector<std::string> recent;
  {
    auto lease = db_.lease();
    recent = store::UserRepository(*lease).recent_password_hashes(who.user_id);
  }
  recent.push_back(rec->password_hash);  // accounts from before the history have only their current one
  for (const std::string& old_hash : recent) {
    if (verify_password(old_hash, new_password)) {
      throw InvalidInput(
          "new_password",
          "the new password must differ from the last " + std::to_string(store::kPasswordHistory) +
              " passwords",
          message_key("auth.password.reused", {{"count", std::to_string(store::kPasswordHistory)}}));
    }
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
  if (name.empty() || name.size() > 100)
    throw InvalidInput("name", "token name must be 1-100 characters", message_key("auth.token.name"));
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
  if (!t || !owner)
    throw NotFound("API token " + std::to_string(token_id) + " not found",
                   message_key("auth.token.not_found", {{"id", std::to_string(token_id)}}));
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
