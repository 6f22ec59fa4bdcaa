// The JSON shapes of domain objects in API responses (docs/openapi.yaml: Unit, User, AuditRecord, Page),
// and the 400 answer of a rejected table import. Times are RFC 3339 UTC; never a password hash.
#pragma once

#include <boost/json.hpp>

#include "domain/accounts/user.h"
#include "domain/audit/audit.h"
#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "domain/core/table_errors.h"
#include "domain/units/unit.h"
#include "http/response.h"

namespace civic::api {

boost::json::object unit_json(const Unit& unit);
// `now` decides `locked`.
boost::json::object user_json(const User& user, TimeMs now);
boost::json::object audit_json(const AuditRecord& record);

// 400 {"error": {"code", "message", "field"}, "errors": [{"row", "column", "message"}]} for a table import
// rejected as a whole (sites CSV, task breakdown table).
http::Response table_error_response(const InvalidTable& e);

// {"items": [...], "total", "page", "page_size"}.
template <typename T, typename ToJson>
boost::json::object page_json(const Page<T>& page, ToJson to_json) {
  boost::json::array items;
  for (const T& item : page.items) items.push_back(to_json(item));
  return {
      {"items", std::move(items)}, {"total", page.total}, {"page", page.page}, {"page_size", page.page_size}};
}

}  // namespace civic::api
