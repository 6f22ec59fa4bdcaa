// Test fixture for the API suites (header-only, not part of the library): a real migrated database (SQLite,
// or PostgreSQL when CIVIC_TEST_PG_URL is set), the services, the /api routes on an in-process server on an
// ephemeral port, and a small city built through the services:
//   CITY ─┬─ D1 ── D1-S1        one user per role at D1 (username = role name, e.g. "office"),
//         └─ D2 ── D2-S1        plus "target1" at D1-S1 and "target2" at D2-S1 (both unit officers);
// every user gets an API token (`token[username]`) and the password kPassword.
#pragma once

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>

#include "api/core/routes.h"
#include "http/server.h"
#include "http/test_client.h"
#include "service/core/services.h"
#include "store/core/test_database.h"

namespace civic::api::testing {

using http::testing::Reply;

inline constexpr const char* kPassword = "Civic-test-2026";

// A file of the checkout (CIVIC_SOURCE_DIR), whole; empty when it is missing.
inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CIVIC_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The database's pool and timeouts, and the server's worker threads (a concurrency test wants more of both).
struct ApiCityOptions {
  store::DatabaseOptions database;
  int worker_threads = 2;
};

class ApiCity {
 public:
  explicit ApiCity(store::Dialect dialect, ApiCityOptions city_options = {})
      : database_(dialect, true, city_options.database),
        clock_(1'772'323'200'000 /* 2026-03-01T00:00:00Z */),
        services_(database_.db(), clock_) {
    spdlog::set_level(spdlog::level::warn);  // no access log lines in test output
    build_city();
    ApiOptions options;
    // The real document, as `civic serve` serves it (OpenApiDocument.CoversEveryRoute compares them).
    options.openapi_json = read_source_file("docs/openapi.yaml");
    register_routes(router_, services_, options);
    http::ServerOptions server_options;
    server_options.port = 0;
    server_options.worker_threads = city_options.worker_threads;
    server_ = std::make_unique<http::Server>(server_options, router_);
    server_->start();
  }

  service::Services& services() { return services_; }
  store::Database& database() { return database_.db(); }
  ManualClock& clock() { return clock_; }
  // Adds a user (API token in token(username)) after the city is built.
  void add_person(const std::string& username, const std::string& unit, Role role) {
    add_user(username, unit, role);
  }
  const http::Router& router() const { return router_; }
  unsigned short port() const { return server_->port(); }
  const std::string& token(const std::string& username) const { return tokens_.at(username); }

  // A request as `username` (API token), or anonymous when username is empty.
  Reply as(const std::string& username, const std::string& method, const std::string& target,
           const std::string& body = {}) const {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!username.empty()) headers.emplace_back("Authorization", "Bearer " + token(username));
    return http::testing::fetch(port(), method, target, body, headers);
  }

  static boost::json::value parse(const Reply& r) { return boost::json::parse(r.body); }
  static std::string error_field(const Reply& r) {
    auto v = parse(r);
    return std::string(v.at("error").at("field").as_string());
  }

  // Another user with an API token (username = the token's key for as()).
  void add_user(const std::string& username, const std::string& unit, Role role) {
    service::Principal cli = service::Principal::cli();
    services_.users.add(cli, {username, username + " 测试", unit, {role}, std::string(kPassword)});
    tokens_[username] = services_.auth.create_api_token(cli, username, "tests").token;
  }

 private:
  void build_city() {
    service::Principal cli = service::Principal::cli();
    service::UnitDraft city{"CITY", "互贸市", "Hum City", UnitType::city, "", 500000, 0};
    services_.units.create_root(cli, city);
    services_.units.create(cli, {"D1", "一区", "District 1", UnitType::district, "CITY", 100000, 1});
    services_.units.create(cli, {"D2", "二区", "District 2", UnitType::district, "CITY", 100000, 2});
    services_.units.create(cli, {"D1-S1", "一街道", "Street 1", UnitType::street, "D1", 20000, 1});
    services_.units.create(cli, {"D2-S1", "二街道", "Street 2", UnitType::street, "D2", 20000, 1});
    for (Role role : all_roles()) add_user(role_name(role), "D1", role);
    add_user("target1", "D1-S1", Role::unit_officer);
    add_user("target2", "D2-S1", Role::unit_officer);
  }

  store::TestDatabase database_;
  ManualClock clock_;
  service::Services services_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::map<std::string, std::string> tokens_;
};

}  // namespace civic::api::testing
