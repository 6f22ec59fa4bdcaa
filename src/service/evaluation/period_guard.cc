#include "service/evaluation/period_guard.h"

#include "domain/core/error.h"

namespace civic::service {

long long require_open_period(soci::session& sql, const std::string& period_code) {
  long long id = 0;
  std::string state;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id, state FROM periods WHERE code = :code", soci::use(period_code), soci::into(id, ind),
      soci::into(state);
  if (!sql.got_data() || ind != soci::i_ok) {
    throw NotFound("no period " + period_code, message_key("period.not_found", {{"period", period_code}}));
  }
  if (state == "closed") {
    throw Conflict("period " + period_code + " is closed; evidence can no longer be added or changed",
                   "period", message_key("period.closed", {{"period", period_code}}));
  }
  return id;
}

}  // namespace civic::service
