#include "store/core/ping.h"

#include <exception>

namespace civic::store {

bool ping(Database& db, std::string* error) {
  try {
    auto lease = db.lease();
    int one = 0;
    *lease << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    if (error) *error = e.what();
    return false;
  }
}

}  // namespace civic::store
