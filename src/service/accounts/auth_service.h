// AuthService: sign-in, sessions, API tokens and passwords.
// - Passwords: Argon2id (libsodium crypto_pwhash_str, interactive limits); rules in domain/user.h.
// - login: a bad username or password, a disabled account and a locked one all answer the same
//   Unauthenticated("invalid username or password") (key auth.login.failed), so usernames cannot be
//   enumerated. 5 consecutive failures lock the account for 15 minutes (even the right password is then
//   refused). Besides, one client address gets at most 10 failed sign-ins per 15 minutes, whatever the
//   accounts; beyond that login → RateLimited (auth.login.throttled) before any password is checked.
//   Success resets the account's failure count. Every success, failure, lock and throttling is audited.
// - Passwords: a change refuses the account's last 5 passwords (store password history).
// - Refused credentials are security events: a wrong or missing CSRF token (record_refused_request, from the
//   HTTP layer) and an unknown or revoked bearer token are audited as "security.<kind>", at most once per
//   client address and kind per minute, each record counting the events of the minute before.
// - Sessions: an opaque random token (only its SHA-256 is stored) plus a CSRF token; idle timeout 30 minutes,
//   absolute lifetime 12 hours; authenticate_session touches last-seen. The HTTP layer sends the session
//   token as an HttpOnly cookie and checks X-CSRF-Token on unsafe requests with csrf_matches().
// - API tokens (for scripts, "Authorization: Bearer <token>"): shown once at creation, stored hashed,
//   revocable. A disabled or locked user's sessions and tokens stop working.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"
#include "service/accounts/event_windows.h"
#include "service/audit/audit_service.h"
#include "service/core/principal.h"
#include "store/core/database.h"

namespace civic::service {

struct AuthPolicy {
  int max_failed_logins = 5;
  TimeMs lock_duration_ms = 15 * 60 * 1000;
  int max_failed_logins_per_address = 10;  // per address_window_ms, over all accounts
  TimeMs address_window_ms = 15 * 60 * 1000;
  TimeMs security_event_interval_ms = 60 * 1000;  // one audit record per address and kind per interval
  TimeMs session_idle_ms = 30 * 60 * 1000;
  TimeMs session_absolute_ms = 12 * 60 * 60 * 1000;
};

// The security policy in force, as the security admin reads it (GET /api/security/settings): the built-in
// AuthPolicy with the security admin's stored overrides (table security_settings) applied.
struct SecuritySettings {
  AuthPolicy policy;
  int password_min_length = 0;   // check_password_rules (domain/accounts/user.h)
  int password_min_classes = 0;  // of lower, upper, digit, symbol
  int password_history = 0;      // a change refuses the last N passwords
};

// A setting the security admin may change, by its API name, in the unit its name ends with, within [min, max]
// (docs/security.md "Security settings").
struct SecuritySettingBound {
  const char* name;
  long long min, max;
};
// login_max_failed_per_account 3–10, login_lock_minutes 5–1440, session_idle_minutes 5–120,
// session_absolute_hours 1–24, password_min_length 8–64.
const std::vector<SecuritySettingBound>& security_setting_bounds();

struct LoginResult {
  std::string session_token;  // secret; give to the client once (cookie)
  std::string csrf_token;     // not secret from the client; required on unsafe requests
  Principal principal;
  User user;
  TimeMs expires_at = 0;  // absolute expiry
};

struct AuthenticatedSession {
  Principal principal;
  std::string csrf_token;
  long long session_id = 0;
};

struct CreatedApiToken {
  long long id = 0;
  std::string name;
  std::string username;
  std::string token;  // the secret, shown once; only its hash is stored
};

class AuthService {
 public:
  AuthService(store::Database& db, const Clock& clock, AuditService& audit, AuthPolicy policy = {})
      : db_(db),
        clock_(clock),
        audit_(audit),
        policy_(policy),
        failed_logins_by_address_(policy.address_window_ms),
        security_events_(policy.security_event_interval_ms) {}

  // Throws Unauthenticated (bad credentials, disabled or locked user), RateLimited (this address failed too
  // often).
  LoginResult login(std::string_view username, std::string_view password, std::string_view ip);
  // Ends the session; a missing or expired token is not an error.
  void logout(std::string_view session_token, std::string_view ip);
  // Throws Unauthenticated when the token is unknown, idle too long, past its absolute lifetime, or the user
  // is disabled or locked. Touches last-seen. `ip` is put into the returned principal.
  AuthenticatedSession authenticate_session(std::string_view session_token, std::string_view ip);
  // `bearer` is the token alone (without "Bearer "). Throws Unauthenticated when unknown or revoked.
  Principal authenticate_api_token(std::string_view bearer, std::string_view ip);

  // Constant-time comparison of the session's CSRF token with the request header's.
  static bool csrf_matches(std::string_view expected, std::string_view presented);
  // Audits a refused request as "security.<kind>" (e.g. "csrf_refused"), rate-limited per address and kind;
  // `detail` says where (e.g. "POST /api/cases").
  void record_refused_request(std::string_view kind, std::string_view ip, std::string_view detail);

  // The caller changes their own password: Unauthenticated if `old_password` is wrong, InvalidInput
  // {"new_password"} if the rules fail or it is one of the last 5. Clears must_change_password; ends the
  // caller's other sessions.
  void change_password(const Principal& who, std::string_view old_password, std::string_view new_password);

  // Creates a token for `username` (their own: anyone; another user's: manage_api_tokens).
  CreatedApiToken create_api_token(const Principal& who, std::string_view username, std::string_view name);
  // Revokes a token by id (own token, or manage_api_tokens). NotFound if there is none.
  void revoke_api_token(const Principal& who, long long token_id);

  // The policy in force; needs read_security_settings.
  SecuritySettings settings(const Principal& who);
  // Changes some of the settings (names of security_setting_bounds, values in their units); needs
  // manage_security_settings. InvalidInput naming the setting when one is unknown or out of bounds (nothing
  // is stored then). Audited as "security.settings_update" with before and after. Takes effect at once:
  // sign-in, session checks and password changes read the stored settings each time. Returns the policy in
  // force.
  SecuritySettings update_settings(const Principal& who, const std::map<std::string, long long>& changes);

  // Argon2id hash in crypto_pwhash_str form, and its check (for UserService and the demo).
  static std::string hash_password(std::string_view password);
  static bool verify_password(const std::string& hash, std::string_view password);

 private:
  // The failed sign-in: counts it against the address and audits it.
  [[noreturn]] void refuse_login(const std::string& username, std::string_view ip, std::string_view reason);
  // The built-in policy with the stored overrides applied.
  SecuritySettings current(soci::session& sql) const;
  SecuritySettings current();

  store::Database& db_;
  const Clock& clock_;
  AuditService& audit_;
  AuthPolicy policy_;
  EventWindows failed_logins_by_address_;
  EventWindows security_events_;
};

}  // namespace civic::service
