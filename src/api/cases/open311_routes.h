// Open311 GeoReport v2 under /open311/v2/ (cases.md), each resource as .json and .xml:
//   GET  services.{fmt}                  the case categories
//   GET  services/{code}.{fmt}           a service definition (no extra attributes)
//   POST requests.{fmt}                  form-urlencoded (the standard) or JSON; needs api_key = an API token
//                                        (civic token create); makes a public report (source "public")
//   GET  requests.{fmt}                  public reports, filters service_request_id, service_code, status,
//                                        start_date, end_date; default the last 90 days; at most 1000
//   GET  requests/{id}.{fmt}             an array of one
// Errors are the standard array [{"code","description"}] / <errors><error>, with the HTTP status as code.
// Reads are anonymous and rate-limited per client IP. Like the public follow page, nothing shows a user's
// name or the reporter's contact. `auth` checks the api_key; `clock` sets the default window of GET requests.
#pragma once

#include "domain/core/clock.h"
#include "http/router.h"
#include "service/accounts/auth_service.h"
#include "service/cases/case_service.h"

namespace civic::api {

void add_open311_routes(http::Router& router, service::CaseService& cases, service::AuthService& auth,
                        const Clock& clock);

}  // namespace civic::api
