// SecuritySettingsRepository: rows of `security_settings`, the security admin's overrides of the built-in
// sign-in, session and password policy (AuthService). A name without a row keeps the built-in value.
#pragma once

#include <soci/soci.h>

#include <map>
#include <string>

#include "domain/core/clock.h"

namespace civic::store {

class SecuritySettingsRepository {
 public:
  explicit SecuritySettingsRepository(soci::session& sql) : sql_(sql) {}

  // Every stored override, by name.
  std::map<std::string, long long> all();
  // Inserts or replaces one override.
  void put(const std::string& name, long long value, const std::string& by, TimeMs at);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
