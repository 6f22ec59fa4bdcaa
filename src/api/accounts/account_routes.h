// The accounts feature's routes:
// - sign-in and the caller's own account: POST /api/auth/login, POST /api/auth/logout, GET /api/me,
//   POST /api/me/password (auth_routes.cc);
// - accounts: GET /api/users[?unit=CODE&role=R&page&page_size], GET/PUT /api/users/{username},
//   POST /api/users, POST /api/users/{username}/actions/{lock|unlock|reset-password} (user_routes.cc);
// - the security policy in force: GET /api/security/settings (auth_routes.cc).
// The services and the clock must outlive the router.
#pragma once

#include "api/core/api_options.h"
#include "domain/core/clock.h"
#include "http/router.h"
#include "service/accounts/auth_service.h"
#include "service/accounts/user_service.h"
#include "service/units/unit_service.h"

namespace civic::api {

void add_auth_routes(http::Router& router, service::AuthService& auth, service::UserService& users,
                     service::UnitService& units, const Clock& clock, const ApiOptions& options);
void add_user_routes(http::Router& router, service::UserService& users, const Clock& clock);

}  // namespace civic::api
