#include <gtest/gtest.h>
#include <soci/soci.h>

#include <thread>

#include "domain/core/error.h"
#include "service/core/json_text.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::Dialect;
using store::TestDatabase;

constexpr TimeMs kStart = 1780000000000;  // 2026-05-28
constexpr TimeMs kMinute = 60 * 1000;
const char* kPassword = "Civic@2026x";

// A small city: C → D1 → S1 → S1C1, C → D2, and users of several roles.
class ServiceTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    Principal cli = Principal::cli();
    s_->units.create_root(cli, {"C", "青川市", "Qingchuan", UnitType::city, "", 1000, 0});
    s_->units.create(cli, {"D1", "一区", "District 1", UnitType::district, "C", 100, 1});
    s_->units.create(cli, {"D2", "二区", "District 2", UnitType::district, "C", 100, 2});
    s_->units.create(cli, {"S1", "一街道", "Street 1", UnitType::street, "D1", 50, 1});
    s_->units.create(cli, {"S1C1", "一社区", "Community 1", UnitType::community, "S1", 10, 1});
  }

  void add_user(const std::string& name, const std::string& unit, std::vector<Role> roles) {
    s_->users.add(Principal::cli(), {name, name, unit, std::move(roles), std::string(kPassword)});
  }
  Principal sign_in(const std::string& name) { return s_->auth.login(name, kPassword, "10.0.0.9").principal; }

  ManualClock clock_{kStart};
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
};
CIVIC_INSTANTIATE_BACKENDS(ServiceTest);

TEST(PasswordRules, LengthAndThreeClasses) {
  EXPECT_NO_THROW(check_password_rules("Civic@2026"));
  EXPECT_NO_THROW(check_password_rules("abcdefgh12X"));
  EXPECT_THROW(check_password_rules("Ci@2026"), InvalidInput);       // too short
  EXPECT_THROW(check_password_rules("abcdefghij12"), InvalidInput);  // two classes
  EXPECT_THROW(check_password_rules("ABCDEFGH!!!!"), InvalidInput);  // two classes
  try {
    check_password_rules("short", "new_password");
    FAIL() << "a five-character password was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "new_password");
  }
  for (int i = 0; i < 20; ++i) EXPECT_NO_THROW(check_password_rules(UserService::generate_password()));
}

TEST(Permissions, MatrixSeparatesTheThreeAdmins) {
  Principal sys, sec, aud;
  sys.roles = {Role::system_admin};
  sec.roles = {Role::security_admin};
  aud.roles = {Role::audit_admin};
  EXPECT_TRUE(can(sys, Permission::manage_users));
  EXPECT_FALSE(can(sys, Permission::read_audit));
  EXPECT_FALSE(can(sys, Permission::lock_users));
  EXPECT_TRUE(can(sec, Permission::lock_users));
  // The security admin manages accounts too, but only administrators' (may_grant_role).
  EXPECT_TRUE(can(sec, Permission::manage_users));
  EXPECT_FALSE(may_grant_role(sec, Role::office, false));
  EXPECT_TRUE(can(aud, Permission::read_audit));
  for (Permission p : {Permission::manage_units, Permission::manage_users, Permission::reset_passwords,
                       Permission::lock_users, Permission::manage_api_tokens}) {
    EXPECT_FALSE(can(aud, p)) << permission_name(p);
  }
  EXPECT_TRUE(can(Principal::cli(), Permission::read_audit));
}

TEST(JsonTextTest, EscapesStrings) {
  EXPECT_EQ(JsonText().add("a", "x\"y\n").add("n", 3).add("b", true).str(),
            "{\"a\":\"x\\\"y\\n\",\"n\":3,\"b\":true}");
}

TEST_P(ServiceTest, LoginLocksAfterFiveFailuresAndUnlocksAfterFifteenMinutes) {
  add_user("huimao", "D1", {Role::unit_officer});
  EXPECT_THROW(s_->auth.login("nobody", kPassword, "1.2.3.4"), Unauthenticated);
  for (int i = 0; i < 5; ++i) {
    EXPECT_THROW(s_->auth.login("huimao", "Wrong@passw0rd", "1.2.3.4"), Unauthenticated) << i;
  }
  // A locked account answers like an unknown one (no username enumeration).
  EXPECT_THROW(s_->auth.login("huimao", kPassword, "1.2.3.4"), Unauthenticated);
  clock_.advance_ms(14 * kMinute);
  EXPECT_THROW(s_->auth.login("huimao", kPassword, "1.2.3.5"), Unauthenticated);
  clock_.advance_ms(1 * kMinute + 1);
  LoginResult r = s_->auth.login("huimao", kPassword, "1.2.3.4");
  EXPECT_EQ(r.principal.username, "huimao");
  EXPECT_EQ(r.principal.unit_code, "D1");
  EXPECT_FALSE(r.session_token.empty());
  EXPECT_NE(r.session_token, r.csrf_token);

  // The failures, the lock and the refusals are all in the audit log.
  auto log = s_->audit.list(Principal::cli(), {"huimao", "auth.login_failed", "", "", 0, 0}, {1, 50});
  EXPECT_EQ(log.total, 5);
  EXPECT_EQ(s_->audit.list(Principal::cli(), {"", "auth.locked", "", "", 0, 0}, {1, 50}).total, 1);
  EXPECT_EQ(s_->audit.list(Principal::cli(), {"", "auth.login_refused_locked", "", "", 0, 0}, {1, 50}).total,
            2);
  EXPECT_EQ(s_->audit.list(Principal::cli(), {"nobody", "", "", "", 0, 0}, {1, 50}).items.at(0).ip,
            "1.2.3.4");
}

TEST_P(ServiceTest, SessionIdleAndAbsoluteExpiry) {
  add_user("office", "C", {Role::office});
  LoginResult r = s_->auth.login("office", kPassword, "10.0.0.1");
  AuthenticatedSession a = s_->auth.authenticate_session(r.session_token, "10.0.0.2");
  EXPECT_EQ(a.principal.username, "office");
  EXPECT_EQ(a.principal.ip, "10.0.0.2");
  EXPECT_TRUE(AuthService::csrf_matches(a.csrf_token, r.csrf_token));
  EXPECT_FALSE(AuthService::csrf_matches(a.csrf_token, "forged"));
  EXPECT_FALSE(AuthService::csrf_matches("", ""));
  EXPECT_THROW(s_->auth.authenticate_session("not-a-token", ""), Unauthenticated);

  // Activity every 29 minutes keeps it alive, up to the 12-hour absolute limit.
  for (int i = 0; i < 24; ++i) {
    clock_.advance_ms(29 * kMinute);
    ASSERT_NO_THROW(s_->auth.authenticate_session(r.session_token, "")) << i;
  }
  clock_.advance_ms(29 * kMinute);  // 25 × 29 min > 12 h
  EXPECT_THROW(s_->auth.authenticate_session(r.session_token, ""), Unauthenticated);

  LoginResult idle = s_->auth.login("office", kPassword, "10.0.0.1");
  clock_.advance_ms(30 * kMinute);
  EXPECT_THROW(s_->auth.authenticate_session(idle.session_token, ""), Unauthenticated);

  LoginResult out = s_->auth.login("office", kPassword, "10.0.0.1");
  s_->auth.logout(out.session_token, "10.0.0.1");
  EXPECT_THROW(s_->auth.authenticate_session(out.session_token, ""), Unauthenticated);
}

TEST_P(ServiceTest, ApiTokensAreShownOnceAndRevocable) {
  add_user("script", "D1", {Role::office});
  add_user("other", "D1", {Role::office});
  Principal me = sign_in("script");
  CreatedApiToken tok = s_->auth.create_api_token(me, "script", "nightly");
  Principal via_token = s_->auth.authenticate_api_token(tok.token, "10.1.1.1");
  EXPECT_EQ(via_token.username, "script");
  EXPECT_EQ(via_token.unit_path, me.unit_path);
  EXPECT_THROW(s_->auth.authenticate_api_token(tok.token + "x", ""), Unauthenticated);
  EXPECT_THROW(s_->auth.create_api_token(me, "other", "sneaky"), Forbidden);
  {
    auto l = t_->db().lease();
    long long plaintext = 0;
    *l << "SELECT COUNT(*) FROM api_tokens WHERE token_hash = :t", soci::use(tok.token),
        soci::into(plaintext);
    EXPECT_EQ(plaintext, 0);  // only the hash is stored
  }
  s_->auth.revoke_api_token(me, tok.id);
  EXPECT_THROW(s_->auth.authenticate_api_token(tok.token, ""), Unauthenticated);
  CreatedApiToken cli_made = s_->auth.create_api_token(Principal::cli(), "other", "ops");
  EXPECT_EQ(s_->auth.authenticate_api_token(cli_made.token, "").username, "other");
  // A locked user's token stops working.
  s_->users.lock(Principal::cli(), "other");
  EXPECT_THROW(s_->auth.authenticate_api_token(cli_made.token, ""), Unauthenticated);
}

TEST_P(ServiceTest, ScopeHidesOtherDistricts) {
  add_user("officer1", "D1", {Role::unit_officer});
  Principal p = sign_in("officer1");
  EXPECT_EQ(s_->units.get(p, "S1C1").code, "S1C1");
  EXPECT_THROW(s_->units.get(p, "D2"), NotFound);
  EXPECT_THROW(s_->units.get(p, "C"), NotFound);
  EXPECT_THROW(s_->units.get(p, "NO-SUCH"), NotFound);
  auto page = s_->units.list(p, {}, {1, 50});
  EXPECT_EQ(page.total, 3);  // D1, S1, S1C1
  for (const Unit& u : page.items) EXPECT_TRUE(p.in_scope(u)) << u.code;
  EXPECT_THROW(s_->units.list(p, {"D2", std::nullopt, ""}, {1, 50}), NotFound);
  EXPECT_EQ(s_->units.list(p, {"S1", UnitType::community, ""}, {1, 50}).total, 1);
  EXPECT_EQ(s_->units.children(p, "D1").size(), 1u);
  // Scope refusals are audited.
  EXPECT_GE(s_->audit.list(Principal::cli(), {"officer1", "scope.denied", "", "", 0, 0}, {1, 10}).total, 3);
  EXPECT_THROW(s_->units.list(p, {}, {0, 20}), InvalidInput);
  EXPECT_THROW(s_->units.list(p, {}, {1, 201}), InvalidInput);
}

TEST_P(ServiceTest, ThreeAdminsAreSeparate) {
  add_user("sys", "C", {Role::system_admin});
  add_user("sec", "C", {Role::security_admin});
  add_user("aud", "C", {Role::audit_admin});
  add_user("worker", "D2", {Role::inspector});
  Principal sys = sign_in("sys"), sec = sign_in("sec"), aud = sign_in("aud");

  EXPECT_THROW(s_->audit.list(sys, {}, {1, 20}), Forbidden);
  EXPECT_THROW(s_->audit.list(sec, {}, {1, 20}), Forbidden);
  EXPECT_GT(s_->audit.list(aud, {}, {1, 20}).total, 0);

  EXPECT_THROW(s_->users.add(aud, {"newbie", "", "D1", {Role::inspector}, std::nullopt}), Forbidden);
  EXPECT_THROW(s_->users.lock(aud, "worker"), Forbidden);
  EXPECT_THROW(s_->users.reset_password(aud, "worker"), Forbidden);
  EXPECT_THROW(s_->units.create(aud, {"D3", "三区", "", UnitType::district, "C", 0, 3}), Forbidden);
  EXPECT_THROW(s_->units.update(aud, "D1", {.population = 5}, 1), Forbidden);

  EXPECT_THROW(s_->users.lock(sys, "worker"), Forbidden);
  User locked = s_->users.lock(sec, "worker");
  EXPECT_TRUE(locked.locked_at(clock_.now_ms()));
  EXPECT_THROW(s_->auth.login("worker", kPassword, ""), Unauthenticated);
  s_->users.unlock(sec, "worker");
  EXPECT_NO_THROW(s_->auth.login("worker", kPassword, ""));

  CreatedUser created = s_->users.add(sys, {"newbie", "新人", "D1", {Role::inspector}, std::nullopt});
  EXPECT_FALSE(created.one_time_password.empty());
  EXPECT_TRUE(created.user.must_change_password);
  EXPECT_THROW(s_->users.add(sys, {"newbie", "", "D1", {Role::inspector}, std::nullopt}), Conflict);
  EXPECT_THROW(s_->users.add(sys, {"x1", "", "D1", {Role::inspector}, std::string("weak")}), InvalidInput);

  // Refusals are in the log; the audit admin reads them.
  auto denied = s_->audit.list(aud, {"", "permission.denied", "", "", 0, 0}, {1, 50});
  EXPECT_GE(denied.total, 8);
}

TEST_P(ServiceTest, UserLifecycleIsAuditedWithoutSecrets) {
  add_user("sys", "C", {Role::system_admin});
  Principal sys = sign_in("sys");
  CreatedUser u = s_->users.add(sys, {"ana", "Ana", "S1", {Role::inspector}, std::nullopt});
  LoginResult first = s_->auth.login("ana", u.one_time_password, "");
  EXPECT_TRUE(first.user.must_change_password);
  EXPECT_TRUE(first.principal.must_change_password);
  EXPECT_THROW(s_->auth.change_password(first.principal, u.one_time_password, "tooweak"), InvalidInput);
  EXPECT_THROW(s_->auth.change_password(first.principal, "Wrong@pass123", "New@Password1"), Unauthenticated);
  s_->auth.change_password(first.principal, u.one_time_password, "New@Password1");
  EXPECT_FALSE(s_->users.get(sys, "ana").must_change_password);
  // The caller's own session stays, and no longer asks for a password change.
  EXPECT_FALSE(s_->auth.authenticate_session(first.session_token, "").principal.must_change_password);

  std::string reset = s_->users.reset_password(sys, "ana");
  EXPECT_THROW(s_->auth.authenticate_session(first.session_token, ""), Unauthenticated);
  EXPECT_NO_THROW(s_->auth.login("ana", reset, ""));

  User ana = s_->users.get(sys, "ana");
  User moved = s_->users.update(sys, "ana", {.unit_code = std::string("D2")}, ana.version);
  EXPECT_EQ(moved.unit_code, "D2");
  EXPECT_THROW(s_->users.update(sys, "ana", {.display_name = std::string("x")}, ana.version), Conflict);
  EXPECT_EQ(s_->users.list(sys, {"D2", std::nullopt}, {1, 20}).total, 1);
  EXPECT_EQ(s_->users.list(sys, {"", Role::inspector}, {1, 20}).total, 1);

  auto log = s_->audit.list(Principal::cli(), {"", "", "user", "ana", 0, 0}, {1, 50});
  ASSERT_GE(log.total, 3);
  for (const AuditRecord& r : log.items) {
    EXPECT_EQ(r.before.find(reset), std::string::npos);
    EXPECT_EQ(r.after.find(reset), std::string::npos);
    EXPECT_EQ(r.after.find("argon2"), std::string::npos);
  }
  auto update = s_->audit.list(Principal::cli(), {"", "user.update", "", "ana", 0, 0}, {1, 5}).items.at(0);
  EXPECT_NE(update.before.find("\"unit\":\"S1\""), std::string::npos) << update.before;
  EXPECT_NE(update.after.find("\"unit\":\"D2\""), std::string::npos) << update.after;
  EXPECT_EQ(update.actor, "sys");
}

TEST_P(ServiceTest, UnitUpdateUsesOptimisticLocking) {
  Principal cli = Principal::cli();
  Unit d1 = s_->units.get(cli, "D1");
  Unit updated = s_->units.update(cli, "D1", {.population = 123456}, d1.version);
  EXPECT_EQ(updated.population, 123456);
  EXPECT_EQ(updated.version, d1.version + 1);
  EXPECT_THROW(s_->units.update(cli, "D1", {.population = 1}, d1.version), Conflict);
  EXPECT_THROW(s_->units.create(cli, {"D1", "重复", "", UnitType::district, "C", 0, 0}), Conflict);
  EXPECT_THROW(s_->units.create(cli, {"bad code!", "x", "", UnitType::district, "C", 0, 0}), InvalidInput);
  EXPECT_THROW(s_->units.create(cli, {"D9", "x", "", UnitType::district, "NOPE", 0, 0}), InvalidInput);
  EXPECT_EQ(s_->units.root().code, "C");
}

TEST_P(ServiceTest, AuditChainVerifiesAndCatchesTampering) {
  add_user("aud", "C", {Role::audit_admin});
  add_user("sys", "C", {Role::system_admin});
  Principal aud = sign_in("aud");
  EXPECT_THROW(s_->audit.verify(sign_in("sys")), Forbidden);
  AuditVerification ok = s_->audit.verify(aud);
  EXPECT_TRUE(ok.ok) << ok.reason;
  long long total = ok.count;
  ASSERT_GE(total, 6);

  // An attacker with database access edits record 3 (past the append-only trigger).
  {
    auto l = t_->db().lease();
    if (GetParam() == Dialect::sqlite) {
      *l << "DROP TRIGGER audit_log_no_update";
      *l << "DROP TRIGGER audit_log_no_delete";
    } else {
      *l << "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change";
    }
    *l << "UPDATE audit_log SET actor = 'mallory' WHERE seq = 3";
  }
  AuditVerification bad = s_->audit.verify(Principal::cli());
  EXPECT_FALSE(bad.ok);
  ASSERT_TRUE(bad.first_broken_seq);
  EXPECT_EQ(*bad.first_broken_seq, 3);
  EXPECT_EQ(bad.count, 2);

  // Re-hashing the edited row moves the break to the next link.
  {
    auto l = t_->db().lease();
    *l << "UPDATE audit_log SET hash = 'forged' WHERE seq = 3";
  }
  bad = s_->audit.verify(Principal::cli());
  EXPECT_EQ(bad.first_broken_seq.value_or(0), 3);  // the stored hash no longer matches its contents
  {
    auto l = t_->db().lease();
    *l << "DELETE FROM audit_log WHERE seq = 3";
  }
  bad = s_->audit.verify(Principal::cli());
  EXPECT_EQ(bad.first_broken_seq.value_or(0), 3);  // a gap
}

TEST_P(ServiceTest, ConcurrentAppendsKeepOneChain) {
  long long before = s_->audit.verify(Principal::cli()).count;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Principal p = Principal::cli();
      p.ip = "10.0.0." + std::to_string(t);
      for (int i = 0; i < 10; ++i) s_->audit.record(p, {"test.append", "thread", std::to_string(t), "", ""});
    });
  }
  for (auto& th : threads) th.join();
  AuditVerification v = s_->audit.verify(Principal::cli());
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.count, before + 40);
}

}  // namespace
}  // namespace civic::service
