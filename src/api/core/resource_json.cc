#include "api/core/resource_json.h"

namespace civic::api {

namespace json = boost::json;

json::object unit_json(const Unit& unit) {
  json::object o;
  o["id"] = unit.id;
  o["code"] = unit.code;
  o["name"] = unit.name;
  o["name_en"] = unit.name_en;
  o["type"] = unit_type_name(unit.type);
  o["parent_id"] = unit.parent_id ? json::value(*unit.parent_id) : json::value(nullptr);
  o["path"] = unit.path;
  o["population"] = unit.population;
  o["sort_order"] = unit.sort_order;
  o["version"] = unit.version;
  return o;
}

json::object user_json(const User& user, TimeMs now) {
  json::array roles;
  for (Role r : user.roles) roles.emplace_back(role_name(r));
  json::object o;
  o["id"] = user.id;
  o["username"] = user.username;
  o["display_name"] = user.display_name;
  o["unit_code"] = user.unit_code;
  o["unit_name"] = user.unit_name;
  o["unit_name_en"] = user.unit_name_en;
  o["roles"] = std::move(roles);
  o["locked"] = user.locked_at(now);
  o["locked_until"] =
      user.locked_until > 0 ? json::value(format_rfc3339(user.locked_until)) : json::value(nullptr);
  o["failed_logins"] = user.failed_logins;
  o["must_change_password"] = user.must_change_password;
  o["disabled"] = user.disabled;
  o["created_at"] = format_rfc3339(user.created_at);
  o["version"] = user.version;
  return o;
}

json::object audit_json(const AuditRecord& r) {
  return {{"seq", r.seq},
          {"time", format_rfc3339(r.time)},
          {"actor", r.actor},
          {"role", r.role},
          {"unit", r.unit},
          {"ip", r.ip},
          {"action", r.action},
          {"object_type", r.object_type},
          {"object_id", r.object_id},
          {"before", r.before},
          {"after", r.after},
          {"hash", r.hash}};
}

http::Response table_error_response(const InvalidTable& e) {
  json::array errors;
  for (const TableCellError& t : e.errors) {
    json::object o{{"row", t.row}, {"column", t.column}, {"message", t.message}};
    if (!t.key.key.empty()) {
      json::object args;
      for (const auto& [name, value] : t.key.args) args[name] = value;
      o["key"] = t.key.key;
      o["args"] = std::move(args);
    }
    errors.push_back(std::move(o));
  }
  json::object body{
      {"error",
       json::object{{"code", error_code_name(e.code())}, {"message", e.what()}, {"field", e.field()}}},
      {"errors", std::move(errors)}};
  return http::Response::json(400, body);
}

}  // namespace civic::api
