// Frameworks, periods, scores and bundle import (api.md, bundle.md):
// GET /api/frameworks, GET /api/frameworks/{code}[?version=N], GET /api/periods,
// GET /api/scores?unit=&period=[&weak_threshold=], GET /api/scores/items/{code}?unit=&period=,
// POST /api/bundles (a civic-bundle/1 document; all or nothing).
#include <boost/json.hpp>
#include <charconv>

#include "api/core/authentication.h"
#include "api/core/resource_routes.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/score_report.h"
#include "domain/core/error.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kBundleBodyLimit = 64u << 20;

std::string required_param(const http::Request& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) throw InvalidInput(name, std::string(name) + " is required");
  return *value;
}

double weak_threshold_param(const http::Request& request) {
  auto text = request.query_param("weak_threshold");
  if (!text || text->empty()) return 0.85;
  double v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || !(v > 0 && v <= 1)) {
    throw InvalidInput("weak_threshold", "weak_threshold must be a number in (0, 1]");
  }
  return v;
}

json::object period_json(const store::PeriodRow& p) {
  return {{"code", p.code},
          {"start", p.start},
          {"end", p.end},
          {"framework", json::object{{"code", p.framework_code}, {"version", p.framework_version}}}};
}

}  // namespace

void add_evaluation_routes(http::Router& router, service::Services& services) {
  router.get("/api/frameworks", [&services](http::Request& request) {
    json::array items;
    for (const auto& f : services.evaluation.frameworks(principal_of(request))) {
      items.push_back(json::object{{"code", f.code}, {"version", f.version}, {"name", f.name}});
    }
    auto total = static_cast<std::int64_t>(items.size());
    return http::Response::json(
        200, json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
  });

  router.get("/api/frameworks/{code}", [&services](http::Request& request) {
    std::optional<int> version;
    if (auto v = request.query_param("version"); v && !v->empty()) {
      int n = 0;
      auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
      if (ec != std::errc() || end != v->data() + v->size() || n < 1) {
        throw InvalidInput("version", "version must be a whole number from 1");
      }
      version = n;
    }
    bundle::Bundle b;
    b.framework = services.evaluation.framework(principal_of(request), request.param("code"), version);
    return http::Response::json(200, bundle::bundle_to_json(b).as_object().at("framework"));
  });

  router.get("/api/periods", [&services](http::Request& request) {
    json::array items;
    for (const auto& p : services.evaluation.periods(principal_of(request))) items.push_back(period_json(p));
    auto total = static_cast<std::int64_t>(items.size());
    return http::Response::json(
        200, json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
  });

  router.get("/api/scores", [&services](http::Request& request) {
    std::string unit = required_param(request, "unit"), period = required_param(request, "period");
    double threshold = weak_threshold_param(request);
    const auto& who = principal_of(request);
    auto scored = services.evaluation.scores(who, period);
    int u = scored->unit(who, unit);
    return http::Response::json(200, bundle::score_report_json(*scored->scores, u, threshold));
  });

  router.get("/api/scores/items/{code}", [&services](http::Request& request) {
    std::string unit = required_param(request, "unit"), period = required_param(request, "period");
    const auto& who = principal_of(request);
    auto scored = services.evaluation.scores(who, period);
    int u = scored->unit(who, unit);
    int item = scored->dataset.item_index(request.param("code"));
    if (item < 0) throw NotFound("item \"" + request.param("code") + "\" not found");
    return http::Response::json(200, bundle::item_explanation_json(*scored->scores, u, item));
  });

  router.post(
      "/api/bundles",
      [&services](http::Request& request) {
        bundle::Bundle b = bundle::read_bundle(request.body);
        auto s = services.evaluation.import_bundle(principal_of(request), b);
        json::array periods;
        for (const auto& p : s.periods) periods.push_back(json::string(p));
        return http::Response::json(201, json::object{{"framework", s.framework_code},
                                                      {"framework_version", s.framework_version},
                                                      {"framework_created", s.framework_created},
                                                      {"periods_created", std::move(periods)},
                                                      {"units_created", s.units_created},
                                                      {"sites_created", s.sites_created},
                                                      {"inspections", s.inspections},
                                                      {"responses", s.responses},
                                                      {"statistics", s.statistics},
                                                      {"grades", s.grades},
                                                      {"penalties", s.penalties}});
      },
      http::RouteOptions{kBundleBodyLimit, false});
}

}  // namespace civic::api
