#include "store/notifications/notification_repository.h"

namespace civic::store {

namespace {

const char* kWhere = " WHERE user_id = :u AND (:r = 0 OR read_at IS NULL)";

}  // namespace

void NotificationRepository::insert(const NotificationRow& row) {
  sql_ << "INSERT INTO notifications (user_id, kind, params, object_type, object_id, created_at)"
          " VALUES (:u, :k, :p, :t, :o, :c)",
      soci::use(row.user_id), soci::use(row.kind), soci::use(row.params_json), soci::use(row.object_type),
      soci::use(row.object_id), soci::use(row.created_at);
}

std::vector<std::pair<long long, std::string>> NotificationRepository::active_unit_users(long long unit_id) {
  std::vector<std::pair<long long, std::string>> out;
  long long id = 0;
  std::string roles;
  soci::statement st =
      (sql_.prepare << "SELECT id, roles FROM users WHERE unit_id = :u AND disabled = 0 ORDER BY id",
       soci::into(id), soci::into(roles), soci::use(unit_id));
  st.execute();
  while (st.fetch()) out.emplace_back(id, roles);
  return out;
}

long long NotificationRepository::count(long long user_id, bool unread_only) {
  long long n = 0;
  int unread = unread_only ? 1 : 0;
  sql_ << std::string("SELECT COUNT(*) FROM notifications") + kWhere, soci::into(n), soci::use(user_id, "u"),
      soci::use(unread, "r");
  return n;
}

std::vector<NotificationRow> NotificationRepository::list(long long user_id, bool unread_only,
                                                          long long limit, long long offset) {
  std::vector<NotificationRow> out;
  int unread = unread_only ? 1 : 0;
  NotificationRow n;
  long long read_at = 0;
  soci::indicator read_ind = soci::i_null;
  soci::statement st =
      (sql_.prepare << std::string("SELECT id, user_id, kind, params, object_type, object_id, created_at,"
                                   " read_at FROM notifications") +
                           kWhere + " ORDER BY id DESC LIMIT :lim OFFSET :off",
       soci::into(n.id), soci::into(n.user_id), soci::into(n.kind), soci::into(n.params_json),
       soci::into(n.object_type), soci::into(n.object_id), soci::into(n.created_at),
       soci::into(read_at, read_ind), soci::use(user_id, "u"), soci::use(unread, "r"),
       soci::use(limit, "lim"), soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) {
    NotificationRow copy = n;
    copy.read_at = read_ind == soci::i_ok ? std::optional<TimeMs>(read_at) : std::nullopt;
    out.push_back(std::move(copy));
  }
  return out;
}

bool NotificationRepository::owned_by(long long id, long long user_id) {
  long long count = 0;
  sql_ << "SELECT COUNT(*) FROM notifications WHERE id = :i AND user_id = :u", soci::into(count),
      soci::use(id), soci::use(user_id);
  return count != 0;
}

void NotificationRepository::mark_read(long long id, long long user_id, TimeMs at) {
  sql_ << "UPDATE notifications SET read_at = :t WHERE id = :i AND user_id = :u AND read_at IS NULL",
      soci::use(at), soci::use(id), soci::use(user_id);
}

long long NotificationRepository::mark_all_read(long long user_id, TimeMs at) {
  soci::statement st =
      (sql_.prepare << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL",
       soci::use(at), soci::use(user_id));
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace civic::store
