// The role-granting rule (三员分立; docs/security.md "Granting roles") and the sign-in rules of issue 11,
// through the real services on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/core/error.h"
#include "service/core/services.h"
#include "store/core/store_test_backends.h"

namespace civic::service {
namespace {

using store::TestDatabase;

constexpr TimeMs kStart = 1780000000000;  // 2026-05-28
constexpr TimeMs kMinute = 60 * 1000;
const char* kPassword = "Civic@2026x";

// The rule restated independently of permission.cc: who grants and revokes each role on another account.
// An empty set: only the server console.
const std::map<Role, std::set<Role>> kGrantedBy = {
    {Role::office, {Role::system_admin}},
    {Role::unit_officer, {Role::system_admin}},
    {Role::inspector, {Role::system_admin}},
    {Role::leader, {Role::system_admin}},
    {Role::system_admin, {Role::security_admin}},
    {Role::security_admin, {Role::security_admin}},
    {Role::audit_admin, {}},
};

bool expected_grant(std::optional<Role> actor, Role granted, bool own) {
  if (!actor) return true;  // the console has no account of its own
  if (own) return false;
  return kGrantedBy.at(granted).count(*actor) > 0;
}

std::string actor_name(std::optional<Role> actor) {
  return actor ? role_name(*actor) : "console";
}

class AccountRulesTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    t_ = std::make_unique<TestDatabase>(GetParam());
    s_ = std::make_unique<Services>(t_->db(), clock_);
    Principal cli = Principal::cli();
    s_->units.create_root(cli, {"C", "青川市", "Qingchuan", UnitType::city, "", 1000, 0});
    s_->units.create(cli, {"D1", "一区", "District 1", UnitType::district, "C", 100, 1});
  }

  User add_user(const std::string& name, std::vector<Role> roles) {
    return s_->users.add(Principal::cli(), {name, name, "C", std::move(roles), std::string(kPassword)}).user;
  }
  Principal sign_in(const std::string& name, const std::string& ip = "10.0.0.9") {
    return s_->auth.login(name, kPassword, ip).principal;
  }
  // Sets the account's roles back as the console does (no rule but the combination applies to it).
  void set_roles(const std::string& name, std::vector<Role> roles) {
    User u = s_->users.get(Principal::cli(), name);
    s_->users.update(Principal::cli(), name, {.roles = std::move(roles)}, u.version);
  }
  // One signed-in user per role, "actor_<role>", all at the city.
  std::map<Role, Principal> actors() {
    std::map<Role, Principal> out;
    for (Role r : all_roles()) {
      std::string name = std::string("actor_") + role_name(r);
      add_user(name, {r});
      out[r] = sign_in(name);
    }
    return out;
  }
  long long audit_count(const std::string& action, const std::string& object_id = "") {
    return s_->audit.list(Principal::cli(), {"", action, "", object_id, 0, 0}, {1, 1}).total;
  }

  ManualClock clock_{kStart};
  std::unique_ptr<TestDatabase> t_;
  std::unique_ptr<Services> s_;
};
CIVIC_INSTANTIATE_BACKENDS(AccountRulesTest);

TEST(RoleCombination, AdminRolesStandAlone) {
  EXPECT_NO_THROW(check_role_combination({Role::office, Role::leader}));
  EXPECT_NO_THROW(check_role_combination({Role::audit_admin}));
  EXPECT_THROW(check_role_combination({}), InvalidInput);
  for (Role admin : {Role::system_admin, Role::security_admin, Role::audit_admin}) {
    for (Role other : all_roles()) {
      if (other == admin) continue;
      EXPECT_THROW(check_role_combination({admin, other}), InvalidInput)
          << role_name(admin) << "+" << role_name(other);
    }
  }
}

// Every cell of the rule itself: role of the actor (and the console) × role granted × own account or other.
TEST(RoleGrantRule, EveryCell) {
  std::vector<std::optional<Role>> actors{std::nullopt};
  for (Role r : all_roles()) actors.push_back(r);
  int cells = 0;
  for (const auto& actor : actors) {
    Principal who = actor ? Principal{} : Principal::cli();
    if (actor) who.roles = {*actor};
    for (Role granted : all_roles()) {
      for (bool own : {false, true}) {
        EXPECT_EQ(may_grant_role(who, granted, own), expected_grant(actor, granted, own))
            << actor_name(actor) << " grants " << role_name(granted) << (own ? " on own account" : "");
        ++cells;
      }
      EXPECT_EQ(may_administer_account(who, {granted}, false), expected_grant(actor, granted, false))
          << actor_name(actor) << " administers a " << role_name(granted) << " account";
    }
  }
  EXPECT_EQ(cells, 8 * 7 * 2);
}

// The same cells through UserService: granting a role (creating an account with it, and adding it to an
// account), revoking it, each on another account and on one's own. A refusal is Forbidden, audited, and
// changes nothing.
TEST_P(AccountRulesTest, EveryActorEveryRoleOwnAndOther) {
  std::map<Role, Principal> by_role = actors();
  int n = 0, cells = 0;
  for (Role actor_role : all_roles()) {
    const Principal& actor = by_role.at(actor_role);
    for (Role role : all_roles()) {
      bool allowed = expected_grant(actor_role, role, false);
      std::string what = std::string(role_name(actor_role)) + " → " + role_name(role);

      // Grant at creation. An administrator's account created over the API has no password yet.
      std::string fresh = "fresh" + std::to_string(++n);
      if (allowed) {
        CreatedUser c = s_->users.add(actor, {fresh, "", "D1", {role}, std::nullopt});
        EXPECT_EQ(c.user.roles, std::vector<Role>{role}) << what;
        EXPECT_EQ(c.one_time_password.empty(), is_admin_role(role)) << what;
        EXPECT_EQ(audit_count("user.role_grant", fresh), 1) << what;
      } else {
        EXPECT_THROW(s_->users.add(actor, {fresh, "", "D1", {role}, std::nullopt}), Forbidden) << what;
        EXPECT_THROW(s_->users.get(Principal::cli(), fresh), NotFound) << what;
      }
      ++cells;

      // Grant and revoke on another account: a business role joins and leaves another business role; an
      // administrator role replaces another one (which the actor must be allowed to revoke too).
      bool business = !is_admin_role(role);
      Role companion = business ? (role == Role::leader ? Role::office : Role::leader)
                                : (role == Role::security_admin ? Role::system_admin : Role::security_admin);
      std::string other = "other" + std::to_string(n);
      add_user(other, {companion});
      std::vector<Role> granted = business ? std::vector<Role>{companion, role} : std::vector<Role>{role};
      bool swap_allowed = allowed && expected_grant(actor_role, companion, false);
      bool grant_ok = business ? allowed : swap_allowed;
      long long version = s_->users.get(Principal::cli(), other).version;
      if (grant_ok) {
        EXPECT_EQ(s_->users.update(actor, other, {.roles = granted}, version).roles, granted) << what;
        User back = s_->users.get(Principal::cli(), other);
        std::vector<Role> revoked{companion};
        EXPECT_EQ(s_->users.update(actor, other, {.roles = revoked}, back.version).roles, revoked) << what;
        EXPECT_GE(audit_count("user.role_revoke", other), 1) << what;
      } else {
        EXPECT_THROW(s_->users.update(actor, other, {.roles = granted}, version), Forbidden) << what;
        EXPECT_EQ(s_->users.get(Principal::cli(), other).roles, std::vector<Role>{companion}) << what;
        if (business) {
          // Revoking: the account holds the role next to its companion.
          set_roles(other, {companion, role});
          User now = s_->users.get(Principal::cli(), other);
          EXPECT_THROW(s_->users.update(actor, other, {.roles = std::vector<Role>{companion}}, now.version),
                       Forbidden)
              << what;
        }
      }
      cells += 2;

      // Own account: never, whichever role.
      User self = s_->users.get(Principal::cli(), actor.username);
      std::vector<Role> own_roles = self.roles;
      if (!self.has_role(role))
        own_roles.push_back(role);
      else
        own_roles.erase(std::find(own_roles.begin(), own_roles.end(), role));
      EXPECT_THROW(s_->users.update(actor, actor.username, {.roles = own_roles}, self.version), Forbidden)
          << what << " on own account";
      EXPECT_EQ(s_->users.get(Principal::cli(), actor.username).roles, std::vector<Role>{actor_role});
      ++cells;
    }
  }
  EXPECT_EQ(cells, 7 * 7 * 4);
  EXPECT_GT(audit_count("permission.denied"), 7 * 7);
}

// The attack: the system admin gives itself the audit role (or security_admin, or office).
TEST_P(AccountRulesTest, NobodyChangesTheirOwnRolesNorCombinesAdminRoles) {
  add_user("admin", {Role::system_admin});
  add_user("sec", {Role::security_admin});
  Principal admin = sign_in("admin"), sec = sign_in("sec");
  for (auto roles : std::vector<std::vector<Role>>{{Role::system_admin, Role::audit_admin},
                                                   {Role::system_admin, Role::security_admin},
                                                   {Role::system_admin, Role::office},
                                                   {Role::office}}) {
    EXPECT_THROW(s_->users.update(admin, "admin", {.roles = roles}, 1), Forbidden) << join_roles(roles);
  }
  EXPECT_THROW(s_->audit.list(sign_in("admin"), {}, {1, 1}), Forbidden);
  // Combinations are refused at creation, for the console too.
  EXPECT_THROW(s_->users.add(admin, {"x1", "", "C", {Role::system_admin, Role::audit_admin}, std::nullopt}),
               Forbidden);
  EXPECT_THROW(s_->users.add(sec, {"x2", "", "C", {Role::system_admin, Role::security_admin}, std::nullopt}),
               InvalidInput);
  EXPECT_THROW(
      s_->users.add(Principal::cli(), {"x3", "", "C", {Role::system_admin, Role::office}, std::nullopt}),
      InvalidInput);
  // An account does not turn from business into administrator (a password someone reset stays business).
  add_user("worker", {Role::office});
  EXPECT_THROW(s_->users.update(sec, "worker", {.roles = std::vector<Role>{Role::system_admin}}, 1),
               Forbidden);
  // The security admin may not set the password of an administrator's account it creates.
  EXPECT_THROW(s_->users.add(sec, {"newadmin", "", "C", {Role::system_admin}, std::string("Chosen@2026x")}),
               InvalidInput);
}

// Every pair of administrators: no reset of an administrator's password over the API (the one-time password
// would be shown to someone who could then sign in as that administrator); the console does it.
TEST_P(AccountRulesTest, AdministratorsPasswordsAreResetOnlyAtTheConsole) {
  const std::vector<Role> admins{Role::system_admin, Role::security_admin, Role::audit_admin};
  std::map<Role, Principal> actors;
  for (Role r : admins) {
    add_user(std::string("a_") + role_name(r), {r});
    add_user(std::string("t_") + role_name(r), {r});
    actors[r] = sign_in(std::string("a_") + role_name(r));
  }
  for (Role actor : admins) {
    for (Role target : admins) {
      for (std::string name :
           {std::string("t_") + role_name(target), std::string("a_") + role_name(target)}) {
        EXPECT_THROW(s_->users.reset_password(actors.at(actor), name), Forbidden)
            << role_name(actor) << " resets " << name;
        EXPECT_NO_THROW(s_->auth.login(name, kPassword, "10.0.0.2")) << name << " keeps its password";
      }
    }
  }
  std::string once = s_->users.reset_password(Principal::cli(), "t_audit_admin");
  LoginResult r = s_->auth.login("t_audit_admin", once, "10.0.0.3");
  EXPECT_TRUE(r.principal.must_change_password);
  EXPECT_EQ(audit_count("user.reset_password", "t_audit_admin"), 1);
  // Business accounts: the system and the security admin reset them (the owner must change it).
  add_user("worker", {Role::inspector});
  EXPECT_FALSE(s_->users.reset_password(actors.at(Role::security_admin), "worker").empty());
  EXPECT_FALSE(s_->users.reset_password(actors.at(Role::system_admin), "worker").empty());
  EXPECT_THROW(s_->users.reset_password(actors.at(Role::audit_admin), "worker"), Forbidden);
}

// The audit admin's account is managed by the console alone: not locked, edited or disabled by another admin.
TEST_P(AccountRulesTest, TheAuditAdminsAccountIsTheConsoles) {
  add_user("sys", {Role::system_admin});
  add_user("sec", {Role::security_admin});
  add_user("aud", {Role::audit_admin});
  Principal sys = sign_in("sys"), sec = sign_in("sec");
  EXPECT_THROW(s_->users.lock(sec, "aud"), Forbidden);
  EXPECT_THROW(s_->users.update(sec, "aud", {.disabled = true}, 1), Forbidden);
  EXPECT_THROW(s_->users.update(sys, "aud", {.disabled = true}, 1), Forbidden);
  EXPECT_THROW(s_->users.update(sys, "sec", {.display_name = std::string("x")}, 1), Forbidden);
  EXPECT_THROW(s_->users.lock(sec, "sec"), Forbidden);
  // The security admin administers the system admin's account (locks it, renames it).
  EXPECT_TRUE(s_->users.lock(sec, "sys").locked_at(clock_.now_ms()));
  s_->users.unlock(sec, "sys");
  EXPECT_EQ(s_->users.update(sec, "sys", {.display_name = std::string("系统管理员")}, 1).display_name,
            "系统管理员");
  EXPECT_TRUE(s_->users.update(Principal::cli(), "aud", {.disabled = true}, 1).disabled);
}

// Issue 11, low: a password chosen by someone else is changed at first sign-in.
TEST_P(AccountRulesTest, AnAdminSetPasswordMustBeChanged) {
  add_user("sys", {Role::system_admin});
  Principal sys = sign_in("sys");
  User given = s_->users.add(sys, {"given", "", "C", {Role::office}, std::string("Chosen@2026x")}).user;
  EXPECT_TRUE(given.must_change_password);
  EXPECT_TRUE(s_->auth.login("given", "Chosen@2026x", "10.0.0.4").principal.must_change_password);
}

TEST_P(AccountRulesTest, TheLastFivePasswordsAreRefused) {
  add_user("ana", {Role::office});
  Principal ana = sign_in("ana");
  std::vector<std::string> used{kPassword};
  for (int i = 1; i <= 5; ++i) {
    std::string next = "Fresh@2026-" + std::to_string(i);
    s_->auth.change_password(ana, used.back(), next);
    used.push_back(next);
  }
  // used: the first and five changes; the last five (2..6) are refused, the first is allowed again.
  for (size_t i = 1; i < used.size(); ++i) {
    EXPECT_THROW(s_->auth.change_password(ana, used.back(), used[i]), InvalidInput) << used[i];
  }
  EXPECT_NO_THROW(s_->auth.change_password(ana, used.back(), used[0]));
  auto l = t_->db().lease();
  long long kept = 0;
  *l << "SELECT COUNT(*) FROM password_history", soci::into(kept);
  EXPECT_EQ(kept, 5);  // only the newest five are kept
}

// A locked and an unknown account answer alike; one address cannot try account after account.
TEST_P(AccountRulesTest, SignInFailuresAreThrottledPerAddressAndLookAlike) {
  add_user("alice", {Role::office});
  add_user("bob", {Role::office});
  for (int i = 0; i < 5; ++i)
    EXPECT_THROW(s_->auth.login("alice", "Wrong@passw0rd", "10.9.9.1"), Unauthenticated);
  std::string locked, unknown;
  try {
    s_->auth.login("alice", kPassword, "10.9.9.2");
  } catch (const Unauthenticated& e) {
    locked = std::string(e.what()) + "|" + e.key().key;
  }
  try {
    s_->auth.login("nobody", kPassword, "10.9.9.2");
  } catch (const Unauthenticated& e) {
    unknown = std::string(e.what()) + "|" + e.key().key;
  }
  EXPECT_FALSE(locked.empty());
  EXPECT_EQ(locked, unknown);

  // 10.9.9.1 failed 5 times; 5 more (on other accounts) and it is throttled, even with a right password.
  for (int i = 0; i < 5; ++i)
    EXPECT_THROW(s_->auth.login("u" + std::to_string(i), "x", "10.9.9.1"), Unauthenticated);
  EXPECT_THROW(s_->auth.login("bob", kPassword, "10.9.9.1"), RateLimited);
  EXPECT_NO_THROW(s_->auth.login("bob", kPassword, "10.9.9.3"));  // another address is not affected
  EXPECT_EQ(audit_count("security.login_throttled"), 1);
  clock_.advance_ms(15 * kMinute);
  EXPECT_NO_THROW(s_->auth.login("bob", kPassword, "10.9.9.1"));
}

// Bad bearer tokens are security events, recorded at most once a minute per address with a count.
TEST_P(AccountRulesTest, BadBearerTokensAreAuditedRateLimited) {
  for (int i = 0; i < 50; ++i)
    EXPECT_THROW(s_->auth.authenticate_api_token("forged", "10.7.7.7"), Unauthenticated);
  EXPECT_EQ(audit_count("security.bad_bearer_token"), 1);
  clock_.advance_ms(kMinute);
  EXPECT_THROW(s_->auth.authenticate_api_token("forged", "10.7.7.7"), Unauthenticated);
  auto log = s_->audit.list(Principal::cli(), {"", "security.bad_bearer_token", "", "", 0, 0}, {1, 5});
  ASSERT_EQ(log.total, 2);
  EXPECT_NE(log.items.at(0).after.find("\"events_in_previous_interval\":50"), std::string::npos)
      << log.items.at(0).after;
  EXPECT_EQ(log.items.at(0).ip, "10.7.7.7");
}

}  // namespace
}  // namespace civic::service
