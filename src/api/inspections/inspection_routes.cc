#include "api/inspections/inspection_routes.h"

#include <boost/json.hpp>
#include <charconv>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;
using service::Permission;

namespace {

constexpr size_t kDraftBodyLimit = 256u << 10;

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value optional_time(const std::optional<TimeMs>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object inspection_json(const service::InspectionView& v, bool with_results) {
  const service::InspectionRecord& r = v.inspection;
  json::object o{
      {"code", r.code},
      {"version", r.version},
      {"round", r.round.empty() ? json::value(nullptr) : json::value(r.round)},
      {"site", r.site},
      {"site_name", r.site_name},
      {"site_type", r.site_type},
      {"unit", r.unit},
      {"period", v.period},
      {"inspector", r.inspector.empty() ? json::value(nullptr) : json::value(r.inspector)},
      {"inspector_name", r.inspector_name.empty() ? json::value(nullptr) : json::value(r.inspector_name)},
      {"inspected_on", r.inspected_on},
      {"inspected_at", optional_time(r.inspected_at)},
      {"submitted_at", optional_time(r.submitted_at)},
      {"note", r.note},
      {"reason", r.reason}};
  o["gps"] =
      r.gps ? json::value(json::object{
                  {"lat", r.gps->lat}, {"lon", r.gps->lon}, {"accuracy", optional_number(r.gps->accuracy)}})
            : json::value(nullptr);
  if (with_results) {
    json::array results, cases(v.cases.begin(), v.cases.end()), versions;
    for (const auto& x : r.results) {
      results.push_back({{"check", x.check},
                         {"failures", x.failures ? json::value(*x.failures) : json::value(nullptr)},
                         {"note", x.note},
                         {"photos", json::array(x.photos.begin(), x.photos.end())}});
    }
    for (const auto& x : v.versions) {
      versions.push_back(
          {{"version", x.version}, {"submitted_at", format_rfc3339(x.submitted_at)}, {"reason", x.reason}});
    }
    o["results"] = std::move(results);
    o["cases"] = std::move(cases);
    o["versions"] = std::move(versions);
  }
  return o;
}

json::object summary_json(const service::InspectionView& v) {
  return inspection_json(v, false);
}

// results: [{check, failures (a whole number, or null for n/a; required), note, photos}].
std::vector<service::ResultInput> read_results(const http::JsonFields& body) {
  if (!body.has("results")) {
    throw InvalidInput("results", "results is required", message_key("input.required"));
  }
  std::vector<service::ResultInput> out;
  for (const http::JsonFields& r : body.object_list("results")) {
    service::ResultInput in;
    in.check = r.text("check");
    if (!r.object().contains("failures")) {
      throw InvalidInput(r.path_of("failures"), "failures is required (a whole number ≥ 0, or null for n/a)",
                         message_key("inspection.failures.required"));
    }
    if (auto n = r.optional_integer("failures")) {
      if (*n < 0 || *n > 1000) {
        throw InvalidInput(r.path_of("failures"), "failures is a whole number from 0 to 1000",
                           message_key("inspection.failures.range"));
      }
      in.failures = static_cast<int>(*n);
    }
    in.note = r.optional_text("note", kLongText).value_or("");
    in.photos = r.text_list("photos");
    out.push_back(std::move(in));
  }
  return out;
}

std::optional<int> version_param(const http::Request& request) {
  auto text = request.query_param("version");
  if (!text || text->empty()) return std::nullopt;
  int v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || v < 1) {
    throw InvalidInput("version", "version is a whole number ≥ 1", message_key("inspection.version.invalid"));
  }
  return v;
}

json::value draft_json(const service::InspectionDraft& d) {
  json::value body = json::parse(d.body);
  json::object o = body.is_object() ? body.as_object() : json::object{};
  o["client_id"] = d.client_id;
  o["updated_at"] = format_rfc3339(d.updated_at);
  return o;
}

}  // namespace

void add_inspection_routes(http::Router& router, service::InspectionService& inspections) {
  router.post(
      "/api/inspections",
      [&inspections](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::SubmitInspection in;
        in.client_id = body.text("client_id");
        in.round = body.text("round");
        in.site = body.text("site");
        in.inspected_at = body.time("inspected_at");
        if (auto gps = body.optional_object("gps")) {
          in.gps = service::GpsFix{gps->number("lat"), gps->number("lon"), gps->optional_number("accuracy")};
        }
        in.note = body.optional_text("note", kLongText).value_or("");
        in.results = read_results(body);
        auto view = inspections.submit(principal_of(request), in);
        return http::Response::json(view.created ? 201 : 200, inspection_json(view, true));
      },
      needs(Permission::submit_inspections));

  router.get(
      "/api/inspections",
      [&inspections](http::Request& request) {
        service::InspectionQuery query;
        query.round = request.query_param("round").value_or("");
        query.site = request.query_param("site").value_or("");
        query.inspector = request.query_param("inspector").value_or("");
        auto page = inspections.list(principal_of(request), query, page_request(request));
        return http::Response::json(200, page_json(page, summary_json));
      },
      needs(Permission::read_inspections));

  router.get(
      "/api/inspections/{code}",
      [&inspections](http::Request& request) {
        auto view = inspections.get(principal_of(request), request.param("code"), version_param(request));
        return http::Response::json(200, inspection_json(view, true));
      },
      needs(Permission::read_inspections));

  router.post(
      "/api/inspections/{code}/versions",
      [&inspections](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::CorrectInspection in;
        in.client_id = body.text("client_id");
        in.reason = body.text("reason", kLongText);
        in.note = body.optional_text("note", kLongText).value_or("");
        in.results = read_results(body);
        auto view = inspections.correct(principal_of(request), request.param("code"), in);
        return http::Response::json(view.created ? 201 : 200, inspection_json(view, true));
      },
      needs(Permission::submit_inspections));

  http::RouteOptions draft_options = needs(Permission::submit_inspections);
  draft_options.body_limit = kDraftBodyLimit;
  router.put(
      "/api/inspection-drafts/{client_id}",
      [&inspections](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        std::string round = body.text("round");
        std::string site = body.text("site");
        const std::string& client_id = request.param("client_id");
        inspections.put_draft(principal_of(request), client_id, round, site, json::serialize(object));
        return http::Response::json(200, draft_json(inspections.get_draft(principal_of(request), client_id)));
      },
      draft_options);

  router.get(
      "/api/inspection-drafts/{client_id}",
      [&inspections](http::Request& request) {
        return http::Response::json(
            200, draft_json(inspections.get_draft(principal_of(request), request.param("client_id"))));
      },
      needs(Permission::submit_inspections));

  router.del(
      "/api/inspection-drafts/{client_id}",
      [&inspections](http::Request& request) {
        inspections.delete_draft(principal_of(request), request.param("client_id"));
        return http::Response::no_content();
      },
      needs(Permission::submit_inspections));
}

}  // namespace civic::api
