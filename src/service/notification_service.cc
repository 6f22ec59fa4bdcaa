#include "service/notification_service.h"

#include <algorithm>

#include "domain/error.h"
#include "domain/user.h"

namespace civic::service {

int NotificationService::notify_users(soci::session& sql, const std::vector<long long>& user_ids,
                                      std::string_view kind, std::string_view params_json,
                                      std::string_view object_type, std::string_view object_id) {
  std::vector<long long> ids = user_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string k(kind), params(params_json.empty() ? "{}" : params_json), type(object_type), object(object_id);
  long long now = clock_.now_ms();
  int written = 0;
  for (long long id : ids) {
    if (id <= 0) continue;
    sql << "INSERT INTO notifications (user_id, kind, params, object_type, object_id, created_at)"
           " VALUES (:u, :k, :p, :t, :o, :c)",
        soci::use(id), soci::use(k), soci::use(params), soci::use(type), soci::use(object), soci::use(now);
    ++written;
  }
  return written;
}

int NotificationService::notify_users(const std::vector<long long>& user_ids, std::string_view kind,
                                      std::string_view params_json, std::string_view object_type,
                                      std::string_view object_id) {
  return db_.transact([&](soci::session& sql) {
    return notify_users(sql, user_ids, kind, params_json, object_type, object_id);
  });
}

std::vector<long long> NotificationService::unit_recipients(soci::session& sql, long long unit_id) {
  std::vector<long long> out;
  long long id = 0;
  std::string roles;
  soci::statement st =
      (sql.prepare << "SELECT id, roles FROM users WHERE unit_id = :u AND disabled = 0 ORDER BY id",
       soci::into(id), soci::into(roles), soci::use(unit_id));
  st.execute();
  while (st.fetch()) {
    for (Role r : split_roles(roles)) {
      if (r == Role::unit_officer || r == Role::office) {
        out.push_back(id);
        break;
      }
    }
  }
  return out;
}

int NotificationService::notify_unit(soci::session& sql, long long unit_id, std::string_view kind,
                                     std::string_view params_json, std::string_view object_type,
                                     std::string_view object_id) {
  return notify_users(sql, unit_recipients(sql, unit_id), kind, params_json, object_type, object_id);
}

int NotificationService::notify_unit(long long unit_id, std::string_view kind, std::string_view params_json,
                                     std::string_view object_type, std::string_view object_id) {
  return db_.transact([&](soci::session& sql) {
    return notify_unit(sql, unit_id, kind, params_json, object_type, object_id);
  });
}

NotificationPage NotificationService::list(const Principal& who, bool unread_only, const PageRequest& page) {
  page.validate();
  NotificationPage out;
  out.page.page = page.page;
  out.page.page_size = page.page_size;
  if (who.user_id <= 0) return out;
  auto lease = db_.lease();
  soci::session& sql = *lease;
  long long user = who.user_id;
  int unread = unread_only ? 1 : 0;
  const std::string where = " WHERE user_id = :u AND (:r = 0 OR read_at IS NULL)";
  sql << "SELECT COUNT(*) FROM notifications" + where, soci::into(out.page.total), soci::use(user, "u"),
      soci::use(unread, "r");
  sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL",
      soci::into(out.unread_count), soci::use(user);
  Notification n;
  long long read_at = 0;
  soci::indicator read_ind = soci::i_null;
  long long limit = page.page_size, offset = page.offset();
  soci::statement st =
      (sql.prepare << "SELECT id, user_id, kind, params, object_type, object_id, created_at, read_at"
                      " FROM notifications" +
                          where + " ORDER BY id DESC LIMIT :lim OFFSET :off",
       soci::into(n.id), soci::into(n.user_id), soci::into(n.kind), soci::into(n.params_json),
       soci::into(n.object_type), soci::into(n.object_id), soci::into(n.created_at),
       soci::into(read_at, read_ind), soci::use(user, "u"), soci::use(unread, "r"), soci::use(limit, "lim"),
       soci::use(offset, "off"));
  st.execute();
  while (st.fetch()) {
    Notification copy = n;
    copy.read_at = read_ind == soci::i_ok ? std::optional<TimeMs>(read_at) : std::nullopt;
    out.page.items.push_back(std::move(copy));
  }
  return out;
}

void NotificationService::mark_read(const Principal& who, long long id) {
  db_.transact([&](soci::session& sql) {
    long long user = who.user_id, count = 0;
    sql << "SELECT COUNT(*) FROM notifications WHERE id = :i AND user_id = :u", soci::into(count),
        soci::use(id), soci::use(user);
    if (count == 0) throw NotFound("no notification " + std::to_string(id));
    long long now = clock_.now_ms();
    sql << "UPDATE notifications SET read_at = :t WHERE id = :i AND user_id = :u AND read_at IS NULL",
        soci::use(now), soci::use(id), soci::use(user);
  });
}

int NotificationService::mark_all_read(const Principal& who) {
  return db_.transact([&](soci::session& sql) {
    long long user = who.user_id, now = clock_.now_ms();
    soci::statement st =
        (sql.prepare << "UPDATE notifications SET read_at = :t WHERE user_id = :u AND read_at IS NULL",
         soci::use(now), soci::use(user));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  });
}

}  // namespace civic::service
