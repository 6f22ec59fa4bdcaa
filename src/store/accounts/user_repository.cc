#include "store/accounts/user_repository.h"

#include <stdexcept>

#include "store/core/row_fetch.h"
#include "store/units/unit_repository.h"

namespace civic::store {

namespace {

const char* kColumns =
    "SELECT u.id, u.username, u.display_name, u.unit_id, n.code, n.name, n.name_en, n.path, u.password_hash,"
    " u.roles,"
    " u.failed_logins, u.locked_until, u.must_change_password, u.disabled, u.created_at, u.version"
    " FROM users u JOIN units n ON n.id = u.unit_id ";

struct UserRow {
  UserRecord rec;
  std::string roles;
  int must_change = 0;
  int disabled = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(rec.user.id));
    st.exchange(soci::into(rec.user.username));
    st.exchange(soci::into(rec.user.display_name));
    st.exchange(soci::into(rec.user.unit_id));
    st.exchange(soci::into(rec.user.unit_code));
    st.exchange(soci::into(rec.user.unit_name));
    st.exchange(soci::into(rec.user.unit_name_en));
    st.exchange(soci::into(rec.unit_path));
    st.exchange(soci::into(rec.password_hash));
    st.exchange(soci::into(roles));
    st.exchange(soci::into(rec.user.failed_logins));
    st.exchange(soci::into(rec.user.locked_until));
    st.exchange(soci::into(must_change));
    st.exchange(soci::into(disabled));
    st.exchange(soci::into(rec.user.created_at));
    st.exchange(soci::into(rec.user.version));
  }
  UserRecord take() const {
    UserRecord r = rec;
    r.user.roles = split_roles(roles);
    r.user.must_change_password = must_change != 0;
    r.user.disabled = disabled != 0;
    return r;
  }
};

// Roles are stored joined by ','; a LIKE on ",roles," finds one. The role names contain no LIKE wildcards
// except '_', which matches itself too.
std::string role_pattern(const std::string& role) {
  return "%," + role + ",%";
}

}  // namespace

UserRecord UserRepository::insert(const UserRecord& record, TimeMs now) {
  const User& u = record.user;
  long long id = 0;
  std::string roles = join_roles(u.roles);
  int must_change = u.must_change_password ? 1 : 0;
  int disabled = u.disabled ? 1 : 0;
  sql_ << "INSERT INTO users (username, display_name, unit_id, password_hash, roles, failed_logins, "
          "locked_until,"
          " must_change_password, disabled, created_at, updated_at, version) VALUES (:username, :display,"
          " :unit, :hash, :roles, 0, 0, :must, :disabled, :now, :now2, 1) RETURNING id",
      soci::use(u.username), soci::use(u.display_name), soci::use(u.unit_id), soci::use(record.password_hash),
      soci::use(roles), soci::use(must_change), soci::use(disabled), soci::use(now), soci::use(now),
      soci::into(id);
  remember_password(id, record.password_hash, now);
  auto stored = find_by_id(id);
  if (!stored) throw std::runtime_error("user insert lost its row");
  return *stored;
}

std::optional<UserRecord> UserRepository::find_by_username(const std::string& username) {
  SqlParams p;
  std::string query = std::string(kColumns) + "WHERE u.username = " + p.text(username);
  return fetch_row<UserRow>(sql_, query, p);
}

std::optional<UserRecord> UserRepository::find_by_id(long long id) {
  SqlParams p;
  std::string query = std::string(kColumns) + "WHERE u.id = " + p.integer(id);
  return fetch_row<UserRow>(sql_, query, p);
}

std::optional<std::string> UserRepository::display_name(long long user_id) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql_ << "SELECT display_name FROM users WHERE id = :id", soci::use(user_id), soci::into(name, ind);
  if (!sql_.got_data() || ind != soci::i_ok) return std::nullopt;
  return name;
}

std::vector<UserRecord> UserRepository::list_under(const std::string& path_prefix, const std::string& role,
                                                   long long limit, long long offset) {
  SqlParams p;
  std::string query = std::string(kColumns) + "WHERE n.path >= " + p.text(path_prefix) + " AND n.path < " +
                      p.text(path_upper_bound(path_prefix));
  if (!role.empty()) query += " AND (',' || u.roles || ',') LIKE " + p.text(role_pattern(role));
  query += " ORDER BY u.username LIMIT " + p.integer(limit) + " OFFSET " + p.integer(offset);
  return fetch_rows<UserRow>(sql_, query, p);
}

long long UserRepository::count_under(const std::string& path_prefix, const std::string& role) {
  std::string hi = path_upper_bound(path_prefix);
  long long n = 0;
  if (role.empty()) {
    sql_ << "SELECT COUNT(*) FROM users u JOIN units n ON n.id = u.unit_id WHERE n.path >= :lo AND n.path < "
            ":hi",
        soci::use(path_prefix), soci::use(hi), soci::into(n);
  } else {
    std::string pattern = role_pattern(role);
    sql_ << "SELECT COUNT(*) FROM users u JOIN units n ON n.id = u.unit_id WHERE n.path >= :lo AND n.path < "
            ":hi"
            " AND (',' || u.roles || ',') LIKE :role",
        soci::use(path_prefix), soci::use(hi), soci::use(pattern), soci::into(n);
  }
  return n;
}

bool UserRepository::update_profile(const User& user, long long expected_version, TimeMs now) {
  std::string roles = join_roles(user.roles);
  int disabled = user.disabled ? 1 : 0;
  soci::statement st = (sql_.prepare << "UPDATE users SET display_name = :d, unit_id = :unit, roles = :roles,"
                                        " disabled = :disabled, version = version + 1, updated_at = :now"
                                        " WHERE id = :id AND version = :version",
                        soci::use(user.display_name), soci::use(user.unit_id), soci::use(roles),
                        soci::use(disabled), soci::use(now), soci::use(user.id), soci::use(expected_version));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void UserRepository::set_login_state(long long user_id, int failed_logins, TimeMs locked_until, TimeMs now) {
  sql_ << "UPDATE users SET failed_logins = :f, locked_until = :l, updated_at = :now WHERE id = :id",
      soci::use(failed_logins), soci::use(locked_until), soci::use(now), soci::use(user_id);
}

void UserRepository::set_password(long long user_id, const std::string& hash, bool must_change, TimeMs now) {
  int must = must_change ? 1 : 0;
  sql_ << "UPDATE users SET password_hash = :h, must_change_password = :m, updated_at = :now WHERE id = :id",
      soci::use(hash), soci::use(must), soci::use(now), soci::use(user_id);
  remember_password(user_id, hash, now);
}

void UserRepository::remember_password(long long user_id, const std::string& hash, TimeMs now) {
  if (hash.empty()) return;
  sql_ << "INSERT INTO password_history (user_id, password_hash, set_at) VALUES (:u, :h, :t)",
      soci::use(user_id), soci::use(hash), soci::use(now);
  // Keep the newest kPasswordHistory rows of the account.
  long long keep = kPasswordHistory;
  sql_ << "DELETE FROM password_history WHERE user_id = :u AND id NOT IN (SELECT id FROM password_history"
          " WHERE user_id = :u2 ORDER BY id DESC LIMIT :keep)",
      soci::use(user_id), soci::use(user_id), soci::use(keep);
}

namespace {

struct HashRow {
  std::string hash;
  void bind(soci::statement& st) { st.exchange(soci::into(hash)); }
  std::string take() const { return hash; }
};

}  // namespace

std::vector<std::string> UserRepository::recent_password_hashes(long long user_id) {
  SqlParams p;
  std::string query = "SELECT password_hash FROM password_history WHERE user_id = " + p.integer(user_id) +
                      " ORDER BY id DESC LIMIT " + p.integer(kPasswordHistory);
  return fetch_rows<HashRow>(sql_, query, p);
}

long long UserRepository::count() {
  long long n = 0;
  sql_ << "SELECT COUNT(*) FROM users", soci::into(n);
  return n;
}

}  // namespace civic::store
