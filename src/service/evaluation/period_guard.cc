#include "service/evaluation/period_guard.h"

#include "domain/core/error.h"

namespace civic::service {

long long require_open_period(soci::session& sql, const std::string& period_code) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM periods WHERE code = :code", soci::use(period_code), soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) {
    throw NotFound("no period " + period_code, message_key("period.not_found", {{"period", period_code}}));
  }
  return id;
}

}  // namespace civic::service
