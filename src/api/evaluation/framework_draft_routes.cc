#include "api/evaluation/framework_draft_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "api/core/authentication.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "service/evaluation/framework_table_import.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kDraftBodyLimit = 8u << 20;

long long draft_id(const http::Request& request) {
  const std::string& text = request.param("id");
  long long id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
    throw NotFound("framework draft " + text + " not found",
                   message_key("framework_draft.not_found", {{"id", text}}));
  }
  return id;
}

json::object draft_json(const service::FrameworkDraft& d, bool full) {
  json::object o{
      {"id", d.id},
      {"code", d.code},
      {"base_version", d.base_version},
      {"version", d.version},
      {"state", d.state},
      {"published_version", d.published_version ? json::value(*d.published_version) : json::value(nullptr)},
      {"created_by", d.created_by},
      {"created_at", format_rfc3339(d.created_at)},
      {"updated_at", format_rfc3339(d.updated_at)}};
  if (full) {
    json::error_code ec;
    json::value doc = json::parse(d.document, ec);
    o["document"] = ec ? json::value(d.document) : doc;
    json::array problems;
    for (const auto& p : d.problems)
      problems.push_back(json::object{{"path", p.path}, {"message", p.message}, {"key", p.key}});
    o["problems"] = std::move(problems);
  }
  return o;
}

json::array entries_json(const std::vector<service::DiffEntry>& entries) {
  json::array out;
  for (const auto& e : entries)
    out.push_back(json::object{{"code", e.code}, {"kind", e.kind}, {"name", e.name}});
  return out;
}

}  // namespace

void add_framework_draft_routes(http::Router& router, service::FrameworkDraftService& drafts) {
  using service::Permission;
  router.post(
      "/api/frameworks/{code}/drafts",
      [&drafts](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::optional<int> from;
        if (auto v = body.optional_integer("from_version")) {
          if (*v < 0)
            throw InvalidInput("from_version", "from_version must be a whole number from 0",
                               message_key("framework.version.invalid"));
          from = static_cast<int>(*v);
        }
        return http::Response::json(
            201, draft_json(drafts.create(principal_of(request), request.param("code"), from), true));
      },
      needs(Permission::manage_framework));

  // A framework spreadsheet (as /api/frameworks/{code}/export writes it) becomes a new draft of `code` from
  // its newest version: all or nothing, every cell problem named by row and column.
  router.post(
      "/api/frameworks/import",
      [&drafts](http::Request& request) {
        auto code = request.query_param("code");
        if (!code || code->empty())
          throw InvalidInput("code", "code is required", message_key("input.required", {{"field", "code"}}));
        const auto& who = principal_of(request);
        Framework table;
        try {
          table = service::read_framework_table(request.body);
        } catch (const InvalidTable& e) {
          return table_error_response(e);
        }
        service::FrameworkDraft draft = drafts.create(who, *code, {});
        std::string document = service::merge_framework_table(draft.document, table);
        return http::Response::json(201,
                                    draft_json(drafts.update(who, draft.id, document, draft.version), true));
      },
      needs(Permission::manage_framework, {.body_limit = kDraftBodyLimit}));

  router.get(
      "/api/framework-drafts",
      [&drafts](http::Request& request) {
        json::array items;
        for (const auto& d : drafts.list(principal_of(request))) items.push_back(draft_json(d, false));
        auto total = static_cast<std::int64_t>(items.size());
        return http::Response::json(
            200,
            json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
      },
      needs(Permission::manage_framework));

  router.get(
      "/api/framework-drafts/{id}",
      [&drafts](http::Request& request) {
        return http::Response::json(200,
                                    draft_json(drafts.get(principal_of(request), draft_id(request)), true));
      },
      needs(Permission::manage_framework));

  router.put(
      "/api/framework-drafts/{id}",
      [&drafts](http::Request& request) {
        long long id = draft_id(request);
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        long long version = body.integer("version");
        auto it = object.find("document");
        if (it == object.end() || it->value().is_null())
          throw InvalidInput("document", "document is required",
                             message_key("input.required", {{"field", "document"}}));
        std::string document = json::serialize(it->value());
        return http::Response::json(
            200, draft_json(drafts.update(principal_of(request), id, document, version), true));
      },
      needs(Permission::manage_framework, {.body_limit = kDraftBodyLimit}));

  router.get(
      "/api/framework-drafts/{id}/diff",
      [&drafts](http::Request& request) {
        auto diff = drafts.diff(principal_of(request), draft_id(request));
        json::array changed;
        for (const auto& c : diff.changed) {
          json::object fields;
          for (const auto& [name, values] : c.fields) fields[name] = json::array{values.first, values.second};
          changed.push_back(json::object{{"code", c.code}, {"kind", c.kind}, {"fields", std::move(fields)}});
        }
        return http::Response::json(200, json::object{{"added", entries_json(diff.added)},
                                                      {"removed", entries_json(diff.removed)},
                                                      {"changed", std::move(changed)}});
      },
      needs(Permission::manage_framework));

  router.post(
      "/api/framework-drafts/{id}/actions/publish",
      [&drafts](http::Request& request) {
        auto published = drafts.publish(principal_of(request), draft_id(request));
        return http::Response::json(200,
                                    json::object{{"code", published.code}, {"version", published.version}});
      },
      needs(Permission::manage_framework));
}

}  // namespace civic::api
