// Inspections (contract.md "Rounds, assignments, inspections"): POST /api/inspections (201, or 200 for a
// retry with the same client_id), GET /api/inspections[?round=&site=&inspector=], GET /api/inspections/{code}
// [?version=N], POST /api/inspections/{code}/versions (a correction), and the server copy of drafts:
// PUT/GET/DELETE /api/inspection-drafts/{client_id}.
#include <boost/json.hpp>
#include <charconv>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/resource_routes.h"
#include "domain/core/error.h"
#include "http/json_body.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kDraftBodyLimit = 256u << 10;

json::value optional_number(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value optional_time(const std::optional<TimeMs>& t) {
  return t ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::object inspection_json(const service::InspectionView& v, bool with_results) {
  const auto& r = v.row;
  json::object o{{"code", r.code},
                 {"version", r.version},
                 {"round", r.round.empty() ? json::value(nullptr) : json::value(r.round)},
                 {"site", r.site},
                 {"site_name", r.site_name},
                 {"site_type", r.site_type},
                 {"unit", r.unit},
                 {"period", v.period},
                 {"inspector", r.inspector.empty() ? json::value(nullptr) : json::value(r.inspector)},
                 {"inspected_on", r.inspected_on},
                 {"inspected_at", optional_time(r.inspected_at)},
                 {"submitted_at", optional_time(r.submitted_at)},
                 {"note", r.note},
                 {"reason", r.version_reason}};
  o["gps"] = r.lat && r.lon
                 ? json::value(json::object{
                       {"lat", *r.lat}, {"lon", *r.lon}, {"accuracy", optional_number(r.accuracy)}})
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

std::string string_member(const json::object& o, const char* key, const std::string& field, bool required) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) {
    if (required) throw InvalidInput(field, field + " is required");
    return "";
  }
  if (!it->value().is_string()) throw InvalidInput(field, field + " must be a string");
  return std::string(it->value().as_string());
}

double number_member(const json::object& o, const char* key, const std::string& field) {
  auto it = o.find(key);
  if (it == o.end() || !it->value().is_number()) throw InvalidInput(field, field + " must be a number");
  return it->value().to_number<double>();
}

std::vector<service::ResultInput> parse_results(const json::object& body) {
  auto it = body.find("results");
  if (it == body.end() || !it->value().is_array()) throw InvalidInput("results", "results must be an array");
  std::vector<service::ResultInput> out;
  const auto& list = it->value().as_array();
  for (size_t i = 0; i < list.size(); ++i) {
    std::string at = "results[" + std::to_string(i) + "]";
    if (!list[i].is_object()) throw InvalidInput(at, at + " must be an object");
    const auto& r = list[i].as_object();
    service::ResultInput in;
    in.check = string_member(r, "check", at + ".check", true);
    auto f = r.find("failures");
    if (f == r.end())
      throw InvalidInput(at + ".failures", "failures is required (a whole number ≥ 0, or null for n/a)");
    if (!f->value().is_null()) {
      if (!f->value().is_int64() && !f->value().is_uint64()) {
        throw InvalidInput(at + ".failures", "failures is a whole number ≥ 0, or null for n/a");
      }
      long long n = f->value().to_number<long long>();
      if (n < 0 || n > 1000)
        throw InvalidInput(at + ".failures", "failures is a whole number from 0 to 1000");
      in.failures = static_cast<int>(n);
    }
    in.note = string_member(r, "note", at + ".note", false);
    if (auto p = r.find("photos"); p != r.end() && !p->value().is_null()) {
      if (!p->value().is_array()) throw InvalidInput(at + ".photos", "photos must be an array of photo ids");
      const auto& photos = p->value().as_array();
      for (size_t j = 0; j < photos.size(); ++j) {
        if (!photos[j].is_string())
          throw InvalidInput(at + ".photos[" + std::to_string(j) + "]", "a photo id is a string");
        in.photos.emplace_back(photos[j].as_string());
      }
    }
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
    throw InvalidInput("version", "version is a whole number ≥ 1");
  }
  return v;
}

json::value draft_json(const store::DraftRow& d) {
  json::value body = json::parse(d.body);
  json::object o = body.is_object() ? body.as_object() : json::object{};
  o["client_id"] = d.client_id;
  o["updated_at"] = format_rfc3339(d.updated_at);
  return o;
}

}  // namespace

void add_inspection_routes(http::Router& router, service::Services& services) {
  router.post("/api/inspections", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::SubmitInspection in;
    in.client_id = string_member(body, "client_id", "client_id", true);
    in.round = string_member(body, "round", "round", true);
    in.site = string_member(body, "site", "site", true);
    std::string at = string_member(body, "inspected_at", "inspected_at", true);
    in.inspected_at = parse_time(at);
    if (!in.inspected_at) throw InvalidInput("inspected_at", "inspected_at is an RFC 3339 time");
    if (auto g = body.find("gps"); g != body.end() && !g->value().is_null()) {
      if (!g->value().is_object()) throw InvalidInput("gps", "gps is an object {lat, lon, accuracy}");
      const auto& gps = g->value().as_object();
      service::GpsFix fix;
      fix.lat = number_member(gps, "lat", "gps.lat");
      fix.lon = number_member(gps, "lon", "gps.lon");
      if (auto a = gps.find("accuracy"); a != gps.end() && !a->value().is_null()) {
        fix.accuracy = number_member(gps, "accuracy", "gps.accuracy");
      }
      in.gps = fix;
    }
    in.note = string_member(body, "note", "note", false);
    in.results = parse_results(body);
    auto view = services.inspections.submit(principal_of(request), in);
    return http::Response::json(view.created ? 201 : 200, inspection_json(view, true));
  });

  router.get("/api/inspections", [&services](http::Request& request) {
    service::InspectionQuery query;
    query.round = request.query_param("round").value_or("");
    query.site = request.query_param("site").value_or("");
    query.inspector = request.query_param("inspector").value_or("");
    auto page = services.inspections.list(principal_of(request), query, page_request(request));
    return http::Response::json(200, page_json(page, summary_json));
  });

  router.get("/api/inspections/{code}", [&services](http::Request& request) {
    auto view =
        services.inspections.get(principal_of(request), request.param("code"), version_param(request));
    return http::Response::json(200, inspection_json(view, true));
  });

  router.post("/api/inspections/{code}/versions", [&services](http::Request& request) {
    json::object body = http::parse_json_object(request);
    service::CorrectInspection in;
    in.client_id = string_member(body, "client_id", "client_id", true);
    in.reason = string_member(body, "reason", "reason", true);
    in.note = string_member(body, "note", "note", false);
    in.results = parse_results(body);
    auto view = services.inspections.correct(principal_of(request), request.param("code"), in);
    return http::Response::json(view.created ? 201 : 200, inspection_json(view, true));
  });

  http::RouteOptions draft_options;
  draft_options.body_limit = kDraftBodyLimit;
  router.put(
      "/api/inspection-drafts/{client_id}",
      [&services](http::Request& request) {
        json::object body = http::parse_json_object(request);
        std::string round = string_member(body, "round", "round", true);
        std::string site = string_member(body, "site", "site", true);
        const std::string& client_id = request.param("client_id");
        services.inspections.put_draft(principal_of(request), client_id, round, site, json::serialize(body));
        return http::Response::json(
            200, draft_json(services.inspections.get_draft(principal_of(request), client_id)));
      },
      draft_options);

  router.get("/api/inspection-drafts/{client_id}", [&services](http::Request& request) {
    return http::Response::json(
        200, draft_json(services.inspections.get_draft(principal_of(request), request.param("client_id"))));
  });

  router.del("/api/inspection-drafts/{client_id}", [&services](http::Request& request) {
    services.inspections.delete_draft(principal_of(request), request.param("client_id"));
    return http::Response::no_content();
  });
}

}  // namespace civic::api
