// Push channels and their deliveries (docs/bulletins.md "Push channels"): GET|POST /api/channels,
// DELETE /api/channels/{id}, GET /api/deliveries?status=pending|sent|failed (paged). Secrets are write-only:
// a channel answers has_secret. `channels` must outlive the router.
#pragma once

#include "http/router.h"
#include "service/channels/channel_service.h"

namespace civic::api {

void add_channel_routes(http::Router& router, service::ChannelService& channels);

}  // namespace civic::api
