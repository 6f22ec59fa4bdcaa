#include "api/channels/channel_routes.h"

#include <boost/json.hpp>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::object channel_json(const service::Channel& c) {
  return {{"id", c.id},
          {"unit", c.unit},
          {"unit_name", c.unit_name},
          {"kind", c.kind},
          {"target", c.target},
          {"has_secret", c.has_secret},
          {"created_by", c.created_by},
          {"created_at", format_rfc3339(c.created_at)}};
}

json::object delivery_json(const service::Delivery& d) {
  return {{"id", d.id},
          {"channel", d.channel},
          {"unit", d.unit},
          {"channel_kind", d.channel_kind},
          {"target", d.target},
          {"event", d.event},
          {"object_type", d.object_type},
          {"object_id", d.object_id},
          {"title", d.title},
          {"status", d.status},
          {"attempts", d.attempts},
          {"next_attempt_at",
           d.next_attempt_at ? json::value(format_rfc3339(*d.next_attempt_at)) : json::value(nullptr)},
          {"last_error", d.last_error},
          {"created_at", format_rfc3339(d.created_at)},
          {"sent_at", d.sent_at ? json::value(format_rfc3339(*d.sent_at)) : json::value(nullptr)}};
}

}  // namespace

void add_channel_routes(http::Router& router, service::ChannelService& channels) {
  using service::Permission;
  router.get(
      "/api/channels",
      [&channels](http::Request& request) {
        json::array items;
        for (const auto& c : channels.list(principal_of(request))) items.push_back(channel_json(c));
        auto total = static_cast<std::int64_t>(items.size());
        return http::Response::json(
            200,
            json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
      },
      needs(Permission::manage_channels));

  router.post(
      "/api/channels",
      [&channels](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::NewChannel in;
        in.unit = body.text("unit");
        in.kind = body.text("kind");
        in.target = body.text("target", {1000, false});
        in.secret = body.optional_text("secret", {500, false}).value_or("");
        return http::Response::json(201, channel_json(channels.add(principal_of(request), in)));
      },
      needs(Permission::manage_channels));

  router.del(
      "/api/channels/{id}",
      [&channels](http::Request& request) {
        const std::string& text = request.param("id");
        long long id = 0;
        try {
          std::size_t used = 0;
          id = std::stoll(text, &used);
          if (used != text.size()) id = 0;
        } catch (const std::exception&) {
        }
        if (id <= 0) throw NotFound("no channel " + text, message_key("channel.not_found"));
        channels.remove(principal_of(request), id);
        return http::Response::no_content();
      },
      needs(Permission::manage_channels));

  router.get(
      "/api/deliveries",
      [&channels](http::Request& request) {
        auto page = channels.deliveries(principal_of(request), request.query_param("status").value_or(""),
                                        page_request(request));
        return http::Response::json(200, page_json(page, delivery_json));
      },
      needs(Permission::manage_channels));
}

}  // namespace civic::api
