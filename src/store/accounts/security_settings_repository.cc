#include "store/accounts/security_settings_repository.h"

namespace civic::store {

std::map<std::string, long long> SecuritySettingsRepository::all() {
  std::map<std::string, long long> out;
  std::string name;
  long long value = 0;
  soci::statement st =
      (sql_.prepare << "SELECT name, value FROM security_settings", soci::into(name), soci::into(value));
  if (st.execute(true)) {
    do {
      out[name] = value;
    } while (st.fetch());
  }
  return out;
}

void SecuritySettingsRepository::put(const std::string& name, long long value, const std::string& by,
                                     TimeMs at) {
  std::string n = name, b = by;
  long long v = value, t = at;
  int found = 0;
  sql_ << "SELECT COUNT(*) FROM security_settings WHERE name = :n", soci::use(n), soci::into(found);
  if (found) {
    sql_ << "UPDATE security_settings SET value = :v, updated_by = :b, updated_at = :t WHERE name = :n",
        soci::use(v), soci::use(b), soci::use(t), soci::use(n);
  } else {
    sql_ << "INSERT INTO security_settings (name, value, updated_by, updated_at) VALUES (:n, :v, :b, :t)",
        soci::use(n), soci::use(v), soci::use(b), soci::use(t);
  }
}

}  // namespace civic::store
