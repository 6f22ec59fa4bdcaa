// The authorization matrix: every role × every endpoint × an object in the caller's scope and one outside it,
// against a real migrated database through the HTTP server. The expected statuses restate the policy
// (design.md §1, service/permission.h) independently of the permission table: 2xx when the role may and the
// object is in scope, 403 when the role may never, 404 (or the endpoint's own "unknown reference" 400) when
// the object lies outside the caller's scope; 401 for every non-public endpoint without credentials.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;

struct Endpoint {
  std::string name;
  // Calls the endpoint as `user` on an object in scope (true) or out of scope (false); `n` makes names
  // unique.
  std::function<Reply(ApiCity&, const std::string& user, bool in_scope, int n)> call;
  std::set<Role> allowed;
  int ok;            // status when allowed and in scope
  int out_of_scope;  // status when allowed and out of scope; 0 when the endpoint has no object to scope
};

const std::set<Role> kReadUnits{Role::office, Role::unit_officer, Role::inspector,
                                Role::leader, Role::system_admin, Role::security_admin};
const std::set<Role> kReadUsers{Role::office, Role::system_admin, Role::security_admin};
const std::set<Role> kEveryone{Role::office,       Role::unit_officer,   Role::inspector,  Role::leader,
                               Role::system_admin, Role::security_admin, Role::audit_admin};

std::string unit(bool in) {
  return in ? "D1-S1" : "D2-S1";
}
std::string district(bool in) {
  return in ? "D1" : "D2";
}
std::string target(bool in) {
  return in ? "target1" : "target2";
}

const std::set<Role> kReadFramework{Role::office, Role::unit_officer, Role::inspector, Role::leader};
const std::set<Role> kReadScores{Role::office, Role::unit_officer, Role::leader};

// A one-item framework and period 2026H1 over the test city, so that the evaluation endpoints have data.
std::string evaluation_bundle(const std::string& period) {
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"制度","max_score":1,"method":"material"}]}]}]},
    "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
             {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
    "periods":[{"code":")" + period + R"(","start":"2026-01-01","end":"2026-06-30"}],
    "materials":[{"item":"A1.1.1","unit":"D1-S1","period":")" + period + R"(","grade":"B"},
                 {"item":"A1.1.1","unit":"D2-S1","period":")" + period + R"(","grade":"A"}]})";
}

long long unit_version(ApiCity& city, const std::string& code) {
  return city.services().units.get(service::Principal::cli(), code).version;
}
long long user_version(ApiCity& city, const std::string& username) {
  return city.services().users.get(service::Principal::cli(), username).version;
}

std::vector<Endpoint> endpoints() {
  return {
      {"GET /api/me", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/me"); }, kEveryone,
       200, 0},
      {"GET /api/units", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/units"); },
       kReadUnits, 200, 0},
      {"GET /api/units/{code}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/units/" + unit(in)); }, kReadUnits,
       200, 404},
      {"GET /api/units?parent=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/units?parent=" + district(in)); },
       kReadUnits, 200, 404},
      {"GET /api/units?under=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/units?under=" + district(in)); },
       kReadUnits, 200, 404},
      // An out-of-scope parent is refused exactly like an unknown one: 400 naming parent_code.
      {"POST /api/units",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/units",
                     R"({"code":"NEW-)" + std::to_string(n) +
                         R"(","name":"新社区","type":"community","parent_code":")" + district(in) + R"("})");
       },
       {Role::system_admin},
       201,
       400},
      {"PUT /api/units/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", "/api/units/" + unit(in),
                     R"({"name":"改名)" + std::to_string(n) + R"(","version":)" +
                         std::to_string(unit_version(c, unit(in))) + "}");
       },
       {Role::system_admin},
       200,
       404},
      {"GET /api/users", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/users"); },
       kReadUsers, 200, 0},
      {"GET /api/users?unit=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/users?unit=" + unit(in)); },
       kReadUsers, 200, 404},
      {"GET /api/users/{username}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/users/" + target(in)); },
       kReadUsers, 200, 404},
      // An out-of-scope unit is refused exactly like an unknown one: 400 naming unit_code.
      {"POST /api/users",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/users",
                     R"({"username":"new)" + std::to_string(n) +
                         R"(","display_name":"新用户","unit_code":")" + unit(in) +
                         R"(","roles":["inspector"]})");
       },
       {Role::system_admin},
       201,
       400},
      {"PUT /api/users/{username}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", "/api/users/" + target(in),
                     R"({"display_name":"改)" + std::to_string(n) + R"(","version":)" +
                         std::to_string(user_version(c, target(in))) + "}");
       },
       {Role::system_admin},
       200,
       404},
      {"POST /api/users/{username}/actions/lock",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/users/" + target(in) + "/actions/lock");
       },
       {Role::security_admin},
       200,
       404},
      {"POST /api/users/{username}/actions/unlock",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/users/" + target(in) + "/actions/unlock");
       },
       {Role::security_admin},
       200,
       404},
      {"POST /api/users/{username}/actions/reset-password",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/users/" + target(in) + "/actions/reset-password");
       },
       {Role::system_admin, Role::security_admin},
       200,
       404},
      {"GET /api/audit",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/audit"); },
       {Role::audit_admin},
       200,
       0},
      {"GET /api/frameworks", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/frameworks"); },
       kReadFramework, 200, 0},
      {"GET /api/frameworks/{code}",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/frameworks/FW"); }, kReadFramework, 200, 0},
      {"GET /api/periods", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/periods"); },
       kReadFramework, 200, 0},
      {"GET /api/scores",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/scores?period=2026H1&unit=" + unit(in));
       },
       kReadScores, 200, 404},
      {"GET /api/scores/items/{code}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/scores/items/A1.1.1?period=2026H1&unit=" + unit(in));
       },
       kReadScores, 200, 404},
      {"GET /api/sites?under=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/sites?under=" + unit(in)); },
       kReadFramework, 200, 404},
      {"POST /api/bundles",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/bundles", evaluation_bundle("P" + std::to_string(n)));
       },
       {Role::office}, 201, 0},
  };
}

class AuthorizationMatrix : public store::BackendTest {};

TEST_P(AuthorizationMatrix, EveryRoleEveryEndpointInAndOutOfScope) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(evaluation_bundle("2026H1")));
  int n = 0, cells = 0;
  for (const Endpoint& e : endpoints()) {
    for (Role role : all_roles()) {
      const std::string user = role_name(role);
      bool allowed = e.allowed.count(role) > 0;
      for (bool in_scope : {true, false}) {
        if (!in_scope && e.out_of_scope == 0) continue;
        int expected = !allowed ? 403 : in_scope ? e.ok : e.out_of_scope;
        Reply r = e.call(city, user, in_scope, ++n);
        ++cells;
        EXPECT_EQ(r.status, expected)
            << e.name << " as " << user << (in_scope ? " in scope" : " out of scope") << ": " << r.body;
        if (r.status >= 400) {
          EXPECT_TRUE(ApiCity::parse(r).as_object().contains("error")) << e.name << ": " << r.body;
        }
      }
    }
    // Without credentials: 401.
    Reply anonymous = e.call(city, "", true, ++n);
    EXPECT_EQ(anonymous.status, 401) << e.name << " anonymous: " << anonymous.body;
  }
  EXPECT_GE(cells, 150);
}

// Scope leaks nothing: an out-of-scope object answers exactly like a missing one.
TEST_P(AuthorizationMatrix, OutOfScopeLooksLikeMissing) {
  ApiCity city(GetParam());
  Reply out = city.as("office", "GET", "/api/units/D2-S1");
  Reply missing = city.as("office", "GET", "/api/units/NO-SUCH");
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ApiCity::parse(out).at("error").at("code"), ApiCity::parse(missing).at("error").at("code"));
  // Lists only hold what is in scope.
  Reply list = city.as("unit_officer", "GET", "/api/units?page_size=200");
  ASSERT_EQ(list.status, 200);
  boost::json::value body = ApiCity::parse(list);
  for (const auto& item : body.at("items").as_array()) {
    std::string code(item.at("code").as_string());
    EXPECT_TRUE(code == "D1" || code == "D1-S1") << code;
  }
  EXPECT_EQ(body.at("total").as_int64(), 2);
}

CIVIC_INSTANTIATE_BACKENDS(AuthorizationMatrix);

}  // namespace
}  // namespace civic::api
