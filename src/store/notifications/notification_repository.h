// NotificationRepository: rows of `notifications` over one session, the caller's transaction. Every read and
// change is for one user's rows; `active_unit_users` lists the candidates for a unit notice (the role
// filter is the service's). No business rules here.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/core/clock.h"

namespace civic::store {

struct NotificationRow {
  long long id = 0;
  long long user_id = 0;
  std::string kind;
  std::string params_json;  // a JSON object
  std::string object_type;
  std::string object_id;
  TimeMs created_at = 0;
  std::optional<TimeMs> read_at;
};

class NotificationRepository {
 public:
  explicit NotificationRepository(soci::session& sql) : sql_(sql) {}

  // Writes one unread notification from `row` (its id and read_at are ignored).
  void insert(const NotificationRow& row);
  // (id, roles text) of every enabled user whose unit is `unit_id`, by id.
  std::vector<std::pair<long long, std::string>> active_unit_users(long long unit_id);
  // The user's notifications (only unread ones when `unread_only`), newest first.
  long long count(long long user_id, bool unread_only);
  std::vector<NotificationRow> list(long long user_id, bool unread_only, long long limit, long long offset);
  // Whether notification `id` belongs to `user_id`.
  bool owned_by(long long id, long long user_id);
  // Sets read_at = `at` on the user's notification `id` if it is unread.
  void mark_read(long long id, long long user_id, TimeMs at);
  // Sets read_at = `at` on every unread notification of the user; returns how many changed.
  long long mark_all_read(long long user_id, TimeMs at);

 private:
  soci::session& sql_;
};

}  // namespace civic::store
