// NotificationService: in-app notifications (contract.md "Notifications"). Other services notify users or a
// unit (every active user of the unit whose roles include unit_officer or office) with a `kind` the UI
// translates and a JSON object of params, about one object ("case" C…, "task", "round"). The session
// overloads write inside the caller's transaction, so a change and its notices commit together; the others
// use their own. A user lists and marks only their own notifications; someone else's id is NotFound.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/clock.h"
#include "domain/core/page.h"
#include "service/core/principal.h"
#include "store/core/database.h"
#include "store/core/session.h"

namespace civic::service {

struct Notification {
  long long id = 0;
  long long user_id = 0;
  std::string kind;         // e.g. "case_dispatched"
  std::string params_json;  // a JSON object, "{}" when none
  std::string object_type;  // "case", "task", "round", …
  std::string object_id;    // e.g. "C20260315-00012"
  TimeMs created_at = 0;
  std::optional<TimeMs> read_at;
};

struct NotificationPage {
  Page<Notification> page;
  long long unread_count = 0;  // all of the caller's unread notifications, whatever the filter
};

// Called for every unit notice inside its transaction (ChannelService pushes some kinds to the unit's
// channels).
using UnitNoticeHook = std::function<void(store::Session& sql, long long unit_id, std::string_view kind,
                                          std::string_view params_json, std::string_view object_type,
                                          std::string_view object_id)>;

class NotificationService {
 public:
  NotificationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // One notification per distinct user id; returns how many were written.
  int notify_users(store::Session& sql, const std::vector<long long>& user_ids, std::string_view kind,
                   std::string_view params_json, std::string_view object_type, std::string_view object_id);
  int notify_users(const std::vector<long long>& user_ids, std::string_view kind,
                   std::string_view params_json, std::string_view object_type, std::string_view object_id);
  // Every active user of unit `unit_id` (that unit only, not its subtree) with role unit_officer or office.
  int notify_unit(store::Session& sql, long long unit_id, std::string_view kind, std::string_view params_json,
                  std::string_view object_type, std::string_view object_id);
  int notify_unit(long long unit_id, std::string_view kind, std::string_view params_json,
                  std::string_view object_type, std::string_view object_id);
  // Many unit notices at once (an import's task_assigned notices): as notify_unit for each, the recipients
  // asked once per distinct unit. Returns the notifications written.
  struct UnitNotice {
    long long unit_id = 0;
    std::string kind, params_json, object_type, object_id;
  };
  int notify_units(store::Session& sql, const std::vector<UnitNotice>& notices);
  // Set once while wiring the services (Services), before any notice.
  void set_unit_notice_hook(UnitNoticeHook hook) { unit_hook_ = std::move(hook); }
  // The active users `notify_unit` would reach.
  std::vector<long long> unit_recipients(store::Session& sql, long long unit_id);

  // The caller's notifications, newest first.
  NotificationPage list(const Principal& who, bool unread_only, const PageRequest& page);
  // Marks one of the caller's notifications read (again is fine); NotFound for an unknown or foreign id.
  void mark_read(const Principal& who, long long id);
  // Marks every unread notification of the caller read; returns how many changed.
  int mark_all_read(const Principal& who);

 private:
  store::Database& db_;
  const Clock& clock_;
  UnitNoticeHook unit_hook_;
};

}  // namespace civic::service
