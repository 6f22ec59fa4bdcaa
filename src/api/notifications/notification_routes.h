// The caller's notifications (contract.md "Notifications"): GET
// /api/notifications[?unread=true&page&page_size], POST /api/notifications/{id}/actions/read, POST
// /api/notifications/actions/read-all. `notifications` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/notifications/notification_service.h"

namespace civic::api {

void add_notification_routes(http::Router& router, service::NotificationService& notifications);

}  // namespace civic::api
