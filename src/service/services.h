// Services: every service object over one Database and one Clock, for the HTTP layer and the CLI.
// Construct once per process; the services are safe to call from several threads (state lives in the
// database; each call leases its own connection).
#pragma once

#include <memory>

#include "domain/clock.h"
#include "service/audit_service.h"
#include "service/evaluation_service.h"
#include "service/site_service.h"
#include "service/auth_service.h"
#include "service/unit_service.h"
#include "service/user_service.h"
#include "store/database.h"

namespace civic::service {

struct Services {
  Services(store::Database& database, const Clock& clock_ref, AuthPolicy policy = {})
      : db(database),
        clock(clock_ref),
        audit(database, clock_ref),
        auth(database, clock_ref, audit, policy),
        units(database, audit),
        users(database, clock_ref, audit),
        evaluation(database, audit),
        sites(database, audit) {}

  store::Database& db;
  const Clock& clock;
  AuditService audit;
  AuthService auth;
  UnitService units;
  UserService users;
  EvaluationService evaluation;
  SiteService sites;
};

}  // namespace civic::service
