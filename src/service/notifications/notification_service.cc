#include "service/notifications/notification_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <unordered_map>

#include "domain/accounts/user.h"
#include "domain/core/error.h"
#include "store/notifications/notification_repository.h"

namespace civic::service {

int NotificationService::notify_users(soci::session& sql, const std::vector<long long>& user_ids,
                                      std::string_view kind, std::string_view params_json,
                                      std::string_view object_type, std::string_view object_id) {
  std::vector<long long> ids = user_ids;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  store::NotificationRow row;
  row.kind = std::string(kind);
  row.params_json = std::string(params_json.empty() ? "{}" : params_json);
  row.object_type = std::string(object_type);
  row.object_id = std::string(object_id);
  row.created_at = clock_.now_ms();
  store::NotificationRepository repo(sql);
  int written = 0;
  for (long long id : ids) {
    if (id <= 0) continue;
    row.user_id = id;
    repo.insert(row);
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
  for (const auto& [id, roles] : store::NotificationRepository(sql).active_unit_users(unit_id)) {
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
  if (unit_hook_) unit_hook_(sql, unit_id, kind, params_json, object_type, object_id);
  return notify_users(sql, unit_recipients(sql, unit_id), kind, params_json, object_type, object_id);
}

int NotificationService::notify_units(soci::session& sql, const std::vector<UnitNotice>& notices) {
  std::unordered_map<long long, std::vector<long long>> recipients;
  int written = 0;
  for (const UnitNotice& n : notices) {
    if (unit_hook_) unit_hook_(sql, n.unit_id, n.kind, n.params_json, n.object_type, n.object_id);
    auto users = recipients.find(n.unit_id);
    if (users == recipients.end())
      users = recipients.emplace(n.unit_id, unit_recipients(sql, n.unit_id)).first;
    written += notify_users(sql, users->second, n.kind, n.params_json, n.object_type, n.object_id);
  }
  return written;
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
  store::NotificationRepository repo(*lease);
  out.page.total = repo.count(who.user_id, unread_only);
  out.unread_count = repo.count(who.user_id, true);
  for (store::NotificationRow& row : repo.list(who.user_id, unread_only, page.page_size, page.offset())) {
    Notification n;
    n.id = row.id;
    n.user_id = row.user_id;
    n.kind = std::move(row.kind);
    n.params_json = std::move(row.params_json);
    n.object_type = std::move(row.object_type);
    n.object_id = std::move(row.object_id);
    n.created_at = row.created_at;
    n.read_at = row.read_at;
    out.page.items.push_back(std::move(n));
  }
  return out;
}

void NotificationService::mark_read(const Principal& who, long long id) {
  db_.transact([&](soci::session& sql) {
    store::NotificationRepository repo(sql);
    if (!repo.owned_by(id, who.user_id)) throw NotFound("no notification " + std::to_string(id));
    repo.mark_read(id, who.user_id, clock_.now_ms());
  });
}

int NotificationService::mark_all_read(const Principal& who) {
  return db_.transact([&](soci::session& sql) {
    return static_cast<int>(store::NotificationRepository(sql).mark_all_read(who.user_id, clock_.now_ms()));
  });
}

}  // namespace civic::service
