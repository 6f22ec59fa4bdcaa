// Accounts (account_routes.h). Which accounts and roles a caller may handle is the service's rule
// (service/accounts/user_service.h); the routes need the permission of the action at all.
#include <boost/json.hpp>

#include "api/accounts/account_routes.h"
#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

using service::Permission;

// The member "roles": a list of role names, each checked at its own path ("roles[1]").
std::vector<Role> roles_of(const http::JsonFields& fields) {
  std::vector<Role> roles;
  std::vector<std::string> names = fields.text_list("roles");
  for (size_t i = 0; i < names.size(); ++i) {
    roles.push_back(parse_role(names[i], fields.path_of("roles") + "[" + std::to_string(i) + "]"));
  }
  return roles;
}

constexpr TextLimit kPasswordText{1024, false};

service::UserQuery user_query(http::Request& request) {
  service::UserQuery query;
  query.unit_code = request.query_param("unit").value_or("");
  if (auto role = request.query_param("role"); role && !role->empty()) query.role = parse_role(*role, "role");
  return query;
}

// The users list as the office reads it in Excel: Chinese headings, names beside codes, dates in the business
// time zone.
platform::Cells user_table(const std::vector<User>& users, TimeMs now) {
  platform::Cells cells{
      {"用户名", "姓名", "所属单位", "单位编码", "角色", "状态", "锁定至", "须修改密码", "创建日期"}};
  for (const User& u : users) {
    std::string roles;
    for (Role r : u.roles) roles += (roles.empty() ? "" : "、") + std::string(role_title(r));
    std::string state = u.disabled ? "已停用" : u.locked_at(now) ? "已锁定" : "正常";
    std::string locked = !u.locked_at(now)                       ? ""
                         : u.locked_until >= kLockedIndefinitely ? "解锁前"
                                                                 : format_rfc3339(u.locked_until);
    cells.push_back({u.username, u.display_name, u.unit_name, u.unit_code, roles, state, locked,
                     u.must_change_password ? "是" : "否", to_iso(civil_date_of(u.created_at))});
  }
  return cells;
}

}  // namespace

void add_user_routes(http::Router& router, service::UserService& users, const Clock& clock) {
  router.get(
      "/api/users",
      [&users, &clock](http::Request& request) {
        TimeMs now = clock.now_ms();
        auto page = users.list(principal_of(request), user_query(request), page_request(request));
        return http::Response::json(200, page_json(page, [now](const User& u) { return user_json(u, now); }));
      },
      needs(Permission::read_users));

  // The filtered list as a file (?format=xlsx|csv, the list's unit and role filters); before
  // /api/users/{username}, which would take "export" for a username.
  router.get(
      "/api/users/export",
      [&users, &clock](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto all = users.export_list(principal_of(request), user_query(request));
        return table_download(user_table(all, clock.now_ms()), format, "users", "用户");
      },
      needs(Permission::read_users));

  // Everyone reads their own account; others' need read_users (the service decides).
  router.get("/api/users/{username}", [&users, &clock](http::Request& request) {
    User user = users.get(principal_of(request), request.param("username"));
    return http::Response::json(200, user_json(user, clock.now_ms()));
  });

  router.post(
      "/api/users",
      [&users, &clock](http::Request& request) {
        json::object body = http::parse_json_object(request);
        http::JsonFields fields(body);
        service::NewUser user;
        user.username = fields.text("username");
        user.display_name = fields.text("display_name");
        user.unit_code = fields.text("unit_code");
        if (!fields.has("roles")) {
          throw InvalidInput("roles", "roles is required", message_key("account.role.none"));
        }
        user.roles = roles_of(fields);
        if (auto password = fields.optional_text("password", kPasswordText); password && !password->empty()) {
          user.password = std::move(password);
        }
        service::CreatedUser created = users.add(principal_of(request), user);
        json::object out{{"user", user_json(created.user, clock.now_ms())}};
        if (!created.one_time_password.empty()) out["one_time_password"] = created.one_time_password;
        return http::Response::json(201, out);
      },
      needs(Permission::manage_users));

  router.put(
      "/api/users/{username}",
      [&users, &clock](http::Request& request) {
        json::object body = http::parse_json_object(request);
        http::JsonFields fields(body);
        long long version = fields.integer("version");
        service::UserChanges changes;
        if (fields.has("display_name")) changes.display_name = fields.text("display_name");
        changes.unit_code = fields.optional_text("unit_code");
        if (fields.has("roles")) changes.roles = roles_of(fields);
        changes.disabled = fields.optional_boolean("disabled");
        User user = users.update(principal_of(request), request.param("username"), changes, version);
        return http::Response::json(200, user_json(user, clock.now_ms()));
      },
      needs(Permission::manage_users));

  // lock and unlock need lock_users, reset-password reset_passwords (the service checks which applies).
  router.post("/api/users/{username}/actions/{action}", [&users, &clock](http::Request& request) {
    const service::Principal& who = principal_of(request);
    const std::string& username = request.param("username");
    const std::string& action = request.param("action");
    TimeMs now = clock.now_ms();
    if (action == "lock") return http::Response::json(200, user_json(users.lock(who, username), now));
    if (action == "unlock") return http::Response::json(200, user_json(users.unlock(who, username), now));
    if (action == "reset-password") {
      std::string password = users.reset_password(who, username);
      return http::Response::json(200, {{"username", username}, {"one_time_password", password}});
    }
    throw Error(ErrorCode::not_found, "no such action: " + action + " (lock, unlock, reset-password)",
                "action", message_key("account.action.unknown", {{"action", action}}));
  });
}

}  // namespace civic::api
