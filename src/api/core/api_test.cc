// The /api endpoints through the HTTP server on a real database: health, sign-in with cookie and CSRF,
// API tokens, paging, stale versions, bad input naming its field, and the OpenAPI document covering every
// route.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "api/core/api_test_city.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

class ApiTest : public store::BackendTest {};

// The session cookie's value from a Set-Cookie header, or "".
std::string session_from(const Reply& r) {
  for (const std::string& cookie : r.all("Set-Cookie")) {
    if (cookie.starts_with("civic_session=")) return cookie.substr(14, cookie.find(';') - 14);
  }
  return {};
}

Reply with_cookie(ApiCity& city, const std::string& method, const std::string& target,
                  const std::string& session, const std::string& csrf = {}, const std::string& body = {}) {
  std::vector<std::pair<std::string, std::string>> headers{{"Cookie", "civic_session=" + session}};
  if (!csrf.empty()) headers.emplace_back("X-CSRF-Token", csrf);
  return http::testing::fetch(city.port(), method, target, body, headers);
}

TEST_P(ApiTest, HealthNeedsNoSignIn) {
  ApiCity city(GetParam());
  Reply r = city.as("", "GET", "/api/health");
  ASSERT_EQ(r.status, 200);
  json::value v = ApiCity::parse(r);
  EXPECT_EQ(v.at("status"), "ok");
  EXPECT_EQ(v.at("version"), CIVIC_VERSION);
  EXPECT_EQ(v.at("database"), store::dialect_name(GetParam()));
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
}

TEST_P(ApiTest, ReadyChecksTheDatabaseAndTheFilesDirectory) {
  ApiCity city(GetParam());
  Reply r = city.as("", "GET", "/api/ready");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value v = ApiCity::parse(r);
  EXPECT_EQ(v.at("status"), "ready");
  EXPECT_EQ(v.at("checks").at("database").at("ok"), true);
  EXPECT_EQ(v.at("checks").at("files").at("ok"), true);
}

TEST_P(ApiTest, SessionCookieAndCsrf) {
  ApiCity city(GetParam());
  Reply bad =
      city.as("", "POST", "/api/auth/login", R"({"username":"office","password":"wrong-Password-1"})");
  EXPECT_EQ(bad.status, 401);
  EXPECT_TRUE(session_from(bad).empty());

  Reply login = city.as("", "POST", "/api/auth/login",
                        std::string(R"({"username":"office","password":")") + testing::kPassword + "\"}");
  ASSERT_EQ(login.status, 200) << login.body;
  std::string session = session_from(login);
  ASSERT_FALSE(session.empty());
  std::string cookie = login.header("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);
  json::value body = ApiCity::parse(login);
  std::string csrf(body.at("csrf_token").as_string());
  EXPECT_FALSE(csrf.empty());
  const json::value& user = body.at("user");
  EXPECT_EQ(user.at("username"), "office");
  EXPECT_EQ(user.at("unit").at("code"), "D1");
  EXPECT_EQ(user.at("unit").at("name"), "一区");
  EXPECT_EQ(user.at("roles").as_array().size(), 1u);
  EXPECT_NE(json::serialize(user.at("permissions")).find("read_units"), std::string::npos);
  EXPECT_EQ(json::serialize(user.at("permissions")).find("manage_units"), std::string::npos);

  Reply me = with_cookie(city, "GET", "/api/me", session);
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(ApiCity::parse(me).at("csrf_token"), csrf.c_str());

  // An unsafe request with the cookie needs the CSRF token before anything else is decided.
  std::string change = R"({"name":"x","version":1})";
  Reply no_csrf = with_cookie(city, "PUT", "/api/units/D1-S1", session, "", change);
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(ApiCity::error_field(no_csrf), "X-CSRF-Token");
  Reply wrong_csrf = with_cookie(city, "PUT", "/api/units/D1-S1", session, csrf + "x", change);
  EXPECT_EQ(wrong_csrf.status, 403);
  EXPECT_EQ(ApiCity::error_field(wrong_csrf), "X-CSRF-Token");
  Reply with_csrf = with_cookie(city, "PUT", "/api/units/D1-S1", session, csrf, change);
  EXPECT_EQ(with_csrf.status, 403);  // the office may not edit units: a permission refusal, not a CSRF one
  EXPECT_EQ(ApiCity::error_field(with_csrf), "");

  Reply logout_without = with_cookie(city, "POST", "/api/auth/logout", session);
  EXPECT_EQ(logout_without.status, 403);
  Reply logout = with_cookie(city, "POST", "/api/auth/logout", session, csrf);
  EXPECT_EQ(logout.status, 204);
  EXPECT_NE(logout.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(with_cookie(city, "GET", "/api/me", session).status, 401);
  // A stale cookie can always be cleared.
  EXPECT_EQ(with_cookie(city, "POST", "/api/auth/logout", session).status, 204);
}

TEST_P(ApiTest, BearerTokensNeedNoCsrf) {
  ApiCity city(GetParam());
  long long version = city.services().units.get(service::Principal::cli(), "D1-S1").version;
  Reply r =
      city.as("system_admin", "PUT", "/api/units/D1-S1",
              R"({"name":"一街道（新）","population":21000,"version":)" + std::to_string(version) + "}");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(ApiCity::parse(r).at("name"), "一街道（新）");
  EXPECT_EQ(ApiCity::parse(r).at("version").as_int64(), version + 1);
  // The same version again is stale.
  Reply stale = city.as("system_admin", "PUT", "/api/units/D1-S1",
                        R"({"name":"x","version":)" + std::to_string(version) + "}");
  EXPECT_EQ(stale.status, 409);
  auto bad =
      http::testing::fetch(city.port(), "GET", "/api/me", {}, {{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(city.as("", "GET", "/api/me").status, 401);
}

TEST_P(ApiTest, ListsArePaged) {
  ApiCity city(GetParam());
  Reply r = city.as("office", "GET", "/api/units?page=1&page_size=1");
  ASSERT_EQ(r.status, 200);
  json::value v = ApiCity::parse(r);
  EXPECT_EQ(v.at("items").as_array().size(), 1u);
  EXPECT_EQ(v.at("total").as_int64(), 2);  // D1 and D1-S1
  EXPECT_EQ(v.at("page").as_int64(), 1);
  EXPECT_EQ(v.at("page_size").as_int64(), 1);
  Reply second = city.as("office", "GET", "/api/units?page=2&page_size=1");
  EXPECT_NE(ApiCity::parse(second).at("items").at(0).at("code"), v.at("items").at(0).at("code"));
  Reply children = city.as("system_admin", "GET", "/api/units?parent=D1");
  ASSERT_EQ(children.status, 200);
  EXPECT_EQ(ApiCity::parse(children).at("items").at(0).at("code"), "D1-S1");
  Reply users = city.as("office", "GET", "/api/users?unit=D1-S1");
  ASSERT_EQ(users.status, 200);
  EXPECT_EQ(ApiCity::parse(users).at("total").as_int64(), 1);
  EXPECT_EQ(ApiCity::parse(users).at("items").at(0).at("username"), "target1");
  EXPECT_EQ(users.body.find("hash"), std::string::npos);
}

// The unit picker's search: code, name or English name containing the text, literally, within the caller's
// scope only (the office here is at D1: 二街道 under D2 is not found).
TEST_P(ApiTest, UnitsAreFoundByNameOrCodeWithinScope) {
  ApiCity city(GetParam());
  auto codes = [&](const std::string& target) {
    Reply r = city.as("office", "GET", target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    std::vector<std::string> out;
    json::value page = ApiCity::parse(r);
    for (const auto& u : page.at("items").as_array()) out.emplace_back(u.at("code").as_string());
    return out;
  };
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes("/api/units?q=%E8%A1%97%E9%81%93"), Codes{"D1-S1"});  // 街道
  EXPECT_EQ(codes("/api/units?q=Street"), Codes{"D1-S1"});
  EXPECT_EQ(codes("/api/units?q=D1-S"), Codes{"D1-S1"});
  EXPECT_EQ(codes("/api/units?q=D"), (Codes{"D1", "D1-S1"}));
  EXPECT_TRUE(codes("/api/units?q=%25").empty());  // "%" is matched literally
  EXPECT_TRUE(codes("/api/units?q=D2").empty());   // out of scope
  EXPECT_EQ(ApiCity::parse(city.as("office", "GET", "/api/units?q=D&page_size=1")).at("total").as_int64(), 2);
  EXPECT_EQ(city.as("office", "GET", "/api/units?q=" + std::string(201, 'x')).status, 400);
}

struct BadInput {
  const char* user;
  const char* method;
  const char* target;
  const char* body;
  int status;
  const char* field;
};

TEST_P(ApiTest, BadInputNamesTheField) {
  ApiCity city(GetParam());
  const BadInput cases[] = {
      {"", "POST", "/api/auth/login", "{", 400, "body"},
      {"", "POST", "/api/auth/login", "[1]", 400, "body"},
      {"", "POST", "/api/auth/login", "{}", 400, "username"},
      {"", "POST", "/api/auth/login", R"({"username":5,"password":"x"})", 400, "username"},
      {"", "POST", "/api/auth/login", R"({"username":"office"})", 400, "password"},
      {"office", "GET", "/api/units?page=0", "", 400, "page"},
      {"office", "GET", "/api/units?page=abc", "", 400, "page"},
      {"office", "GET", "/api/units?page_size=201", "", 400, "page_size"},
      {"office", "GET", "/api/units?type=planet", "", 400, "type"},
      {"office", "GET", "/api/units?parent=", "", 400, "parent"},
      {"system_admin", "POST", "/api/units", "{", 400, "body"},
      {"system_admin", "POST", "/api/units", R"({"name":"n","type":"street","parent_code":"D1"})", 400,
       "code"},
      {"system_admin", "POST", "/api/units",
       R"({"code":"bad code!","name":"n","type":"street","parent_code":"D1"})", 400, "code"},
      {"system_admin", "POST", "/api/units", R"({"code":"N1","type":"street","parent_code":"D1"})", 400,
       "name"},
      {"system_admin", "POST", "/api/units", R"({"code":"N1","name":"n","type":"moon","parent_code":"D1"})",
       400, "type"},
      {"system_admin", "POST", "/api/units", R"({"code":"N1","name":"n","type":"street"})", 400,
       "parent_code"},
      {"system_admin", "POST", "/api/units",
       R"({"code":"N1","name":"n","type":"street","parent_code":"D1","population":-1})", 400, "population"},
      {"system_admin", "POST", "/api/units",
       R"({"code":"N1","name":"n","type":"street","parent_code":"D1","population":"many"})", 400,
       "population"},
      {"system_admin", "POST", "/api/units", R"({"code":"D1","name":"n","type":"street","parent_code":"D1"})",
       409, "code"},
      {"system_admin", "PUT", "/api/units/D1-S1", R"({"name":"n"})", 400, "version"},
      {"system_admin", "PUT", "/api/units/D1-S1", R"({"name":"n","version":"1"})", 400, "version"},
      {"system_admin", "PUT", "/api/units/D1-S1", R"({"name":"","version":1})", 400, "name"},
      {"office", "GET", "/api/users?role=king", "", 400, "role"},
      {"office", "GET", "/api/users?page_size=0", "", 400, "page_size"},
      {"system_admin", "POST", "/api/users", R"({"display_name":"d","unit_code":"D1","roles":["office"]})",
       400, "username"},
      {"system_admin", "POST", "/api/users",
       R"({"username":"Bad Name","display_name":"d","unit_code":"D1","roles":["office"]})", 400, "username"},
      {"system_admin", "POST", "/api/users",
       R"({"username":"u1","display_name":"d","unit_code":"D1","roles":"office"})", 400, "roles"},
      {"system_admin", "POST", "/api/users",
       R"({"username":"u1","display_name":"d","unit_code":"D1","roles":[]})", 400, "roles"},
      {"system_admin", "POST", "/api/users",
       R"({"username":"u1","display_name":"d","unit_code":"D1","roles":["king"]})", 400, "roles[0]"},
      {"system_admin", "POST", "/api/users",
       R"({"username":"u1","display_name":"d","unit_code":"D1","roles":["office"],"password":"short"})", 400,
       "password"},
      {"system_admin", "POST", "/api/users", R"({"username":"u1","display_name":"d","roles":["office"]})",
       400, "unit_code"},
      {"system_admin", "PUT", "/api/users/target1", R"({"display_name":"d"})", 400, "version"},
      {"system_admin", "PUT", "/api/users/target1", R"({"disabled":"yes","version":1})", 400, "disabled"},
      {"security_admin", "POST", "/api/users/target1/actions/explode", "", 404, "action"},
      {"audit_admin", "GET", "/api/audit?from=yesterday", "", 400, "from"},
      {"audit_admin", "GET", "/api/audit?from=2026-03-02&to=2026-03-01T00:00:00Z", "", 400, "to"},
      {"audit_admin", "GET", "/api/audit?page=-1", "", 400, "page"},
      {"office", "POST", "/api/me/password", "{}", 400, "old_password"},
      {"office", "POST", "/api/me/password", R"({"old_password":"x"})", 400, "new_password"},
  };
  for (const BadInput& c : cases) {
    Reply r = city.as(c.user, c.method, c.target, c.body);
    EXPECT_EQ(r.status, c.status) << c.method << " " << c.target << " " << c.body << " → " << r.body;
    if (r.status >= 400) {
      EXPECT_EQ(ApiCity::error_field(r), c.field) << c.method << " " << c.target << " " << c.body;
    }
  }
}

TEST_P(ApiTest, RepeatedBadPasswordsLockTheAccount) {
  ApiCity city(GetParam());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(
        city.as("", "POST", "/api/auth/login", R"({"username":"leader","password":"Wrong-pass-123"})").status,
        401);
  }
  // Locked: even the right password is refused, in the same words as for an unknown account.
  Reply locked = city.as("", "POST", "/api/auth/login",
                         std::string(R"({"username":"leader","password":")") + testing::kPassword + "\"}");
  Reply unknown = city.as("", "POST", "/api/auth/login",
                          std::string(R"({"username":"nobody","password":")") + testing::kPassword + "\"}");
  EXPECT_EQ(locked.status, 401);
  EXPECT_EQ(ApiCity::parse(locked).at("error"), ApiCity::parse(unknown).at("error"));
}

TEST_P(ApiTest, AOneTimePasswordMustBeChangedBeforeAnythingElse) {
  ApiCity city(GetParam());
  std::string once = city.services().users.reset_password(service::Principal::cli(), "leader");
  Reply refused = city.as("leader", "GET", "/api/units");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(ApiCity::error_field(refused), "password");
  EXPECT_EQ(city.as("leader", "GET", "/api/me").status, 200);
  Reply changed = city.as("leader", "POST", "/api/me/password",
                          R"({"old_password":")" + once + R"(","new_password":"Brand-new-2026"})");
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(city.as("leader", "GET", "/api/units").status, 200);
}

TEST_P(ApiTest, EveryRoleSeesItsOwnUnitInMe) {
  ApiCity city(GetParam());
  for (Role role : all_roles()) {
    Reply me = city.as(role_name(role), "GET", "/api/me");
    ASSERT_EQ(me.status, 200) << role_name(role);
    EXPECT_EQ(ApiCity::parse(me).at("user").at("unit").at("name"), "一区") << role_name(role);
  }
}

TEST_P(ApiTest, AuditAdminFiltersTheLog) {
  ApiCity city(GetParam());
  Reply r = city.as("audit_admin", "GET", "/api/audit?action=unit.create&page_size=200");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value v = ApiCity::parse(r);
  EXPECT_EQ(v.at("total").as_int64(), 5);
  for (const auto& item : v.at("items").as_array()) EXPECT_EQ(item.at("action"), "unit.create");
  Reply none = city.as("audit_admin", "GET", "/api/audit?from=2030-01-01");
  EXPECT_EQ(ApiCity::parse(none).at("total").as_int64(), 0);
}

CIVIC_INSTANTIATE_BACKENDS(ApiTest);

// docs/openapi.yaml (JSON subset of YAML) documents every /api route the router serves.
TEST(OpenApiDocument, CoversEveryRoute) {
  std::ifstream in(std::string(CIVIC_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_TRUE(in) << "docs/openapi.yaml is missing";
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value doc = json::parse(text.str(), ec);
  ASSERT_FALSE(ec) << "docs/openapi.yaml must stay in the JSON subset of YAML: " << ec.message();
  EXPECT_TRUE(doc.at("openapi").as_string().starts_with("3.0"));
  for (const char* schema : {"Error", "User", "Unit", "Me", "AuditRecord"}) {
    EXPECT_TRUE(doc.at("components").at("schemas").as_object().contains(schema)) << schema;
  }
  ApiCity city(store::Dialect::sqlite);
  const json::object& paths = doc.at("paths").as_object();
  for (const http::Route& route : city.router().routes()) {
    const json::value* path = paths.if_contains(route.pattern);
    ASSERT_TRUE(path) << route.pattern << " is not in docs/openapi.yaml";
    std::string method = route.method;
    for (char& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_TRUE(path->as_object().contains(method)) << route.method << " " << route.pattern;
  }
  // What is served is the document itself, not a stub.
  Reply served = city.as("", "GET", "/api/openapi.json");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(json::parse(served.body), doc);
}

}  // namespace
}  // namespace civic::api
