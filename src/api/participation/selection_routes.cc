#include "api/participation/selection_routes.h"

#include <boost/json.hpp>
#include <memory>

#include "api/core/authentication.h"
#include "api/core/route_permission.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "http/json_body.h"
#include "http/rate_limiter.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr TextLimit kCodeText{64, false};
constexpr size_t kSelectionBodyLimit = 64 * 1024;
constexpr size_t kObjectionBodyLimit = 8 * 1024;
// An objection is a considered act: a few in a row from one address, then about one every 30 s.
constexpr http::RateLimit kObjectionLimit{2, 5, 100000};
constexpr http::RateLimit kPublicReadLimit{60, 120, 100000};

json::value time_or_null(TimeMs t) {
  return t > 0 ? json::value(format_rfc3339(t)) : json::value(nullptr);
}

json::value number_or_null(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object criterion_json(const service::SelectionCriterion& c) {
  return {{"code", c.code}, {"text", c.text}, {"max_points", c.max_points}};
}

json::object objection_json(const service::SelectionObjection& o) {
  return {{"id", o.id},
          {"candidate", o.candidate},
          {"text", o.text},
          {"contact_name", o.contact_name},
          {"contact_phone", o.contact_phone},
          {"state", o.state},
          {"resolution_note", o.resolution_note},
          {"resolved_by", o.resolved_by},
          {"resolved_at", time_or_null(o.resolved_at)},
          {"lodged_at", time_or_null(o.lodged_at)}};
}

json::object candidate_json(const service::SelectionCandidate& c) {
  json::object o{{"code", c.code},
                 {"selection", c.selection},
                 {"name", c.name},
                 {"unit", c.unit},
                 {"unit_name", c.unit_name},
                 {"nominated_by", c.nominated_by},
                 {"nominated_by_unit", c.nominated_by_unit},
                 {"materials", c.materials},
                 {"stage", c.stage},
                 {"withdrawn_reason", c.withdrawn_reason},
                 {"scores", c.scores},
                 {"mean_score", number_or_null(c.mean_score)},
                 {"objections", c.objections},
                 {"open_objections", c.open_objections},
                 {"notice_started_at", time_or_null(c.notice_started_at)},
                 {"notice_ends_at", time_or_null(c.notice_ends_at)},
                 {"named_at", time_or_null(c.named_at)},
                 {"title_valid_until", time_or_null(c.title_valid_until)},
                 {"reexamined_at", time_or_null(c.reexamined_at)},
                 {"flagged_for_withdrawal", c.flagged_for_withdrawal},
                 {"created_at", time_or_null(c.created_at)}};
  return o;
}

json::object candidate_detail_json(const service::SelectionCandidate& c) {
  json::object o = candidate_json(c);
  json::array sheets, objections, events;
  for (const auto& s : c.score_sheets) {
    json::object points;
    for (const auto& [code, p] : s.points) points[code] = p;
    sheets.push_back(json::object{{"reviewer", s.reviewer},
                                  {"points", points},
                                  {"total", s.total},
                                  {"scored_at", time_or_null(s.scored_at)}});
  }
  for (const auto& x : c.objection_list) objections.push_back(objection_json(x));
  for (const auto& e : c.events)
    events.push_back(json::object{{"from", e.from.empty() ? json::value(nullptr) : json::value(e.from)},
                                  {"to", e.to},
                                  {"by", e.by},
                                  {"note", e.note},
                                  {"at", time_or_null(e.at)}});
  o["score_sheets"] = std::move(sheets);
  o["objection_list"] = std::move(objections);
  o["events"] = std::move(events);
  return o;
}

json::object selection_json(const service::Selection& s, bool with_candidates) {
  json::array criteria, candidates;
  for (const auto& c : s.criteria) criteria.push_back(criterion_json(c));
  json::object o{{"code", s.code},
                 {"kind", s.kind},
                 {"title", s.title},
                 {"period", s.period},
                 {"quota", s.quota},
                 {"notice_days", s.notice_days},
                 {"term_years", s.term_years},
                 {"nomination_deadline", time_or_null(s.nomination_deadline)},
                 {"review_deadline", time_or_null(s.review_deadline)},
                 {"scoring_deadline", time_or_null(s.scoring_deadline)},
                 {"created_by", s.created_by},
                 {"created_at", time_or_null(s.created_at)},
                 {"candidates_total", s.candidates_total}};
  if (with_candidates) {
    for (const auto& c : s.candidates) candidates.push_back(candidate_json(c));
    o["criteria"] = std::move(criteria);
    o["candidates"] = std::move(candidates);
  }
  return o;
}

json::object public_candidate_json(const service::PublicCandidate& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"unit_name", c.unit_name},
          {"selection", c.selection},
          {"selection_title", c.selection_title},
          {"kind", c.kind},
          {"period", c.period},
          {"mean_score", number_or_null(c.mean_score)},
          {"notice_ends_at", time_or_null(c.notice_ends_at)},
          {"named_at", time_or_null(c.named_at)},
          {"title_valid_until", time_or_null(c.title_valid_until)}};
}

service::SelectionInput selection_input(http::Request& request) {
  json::object object = http::parse_json_object(request);
  http::JsonFields body(object);
  service::SelectionInput in;
  in.code = body.optional_text("code", kCodeText).value_or("");
  in.kind = body.text("kind", kCodeText);
  in.title = body.text("title", TextLimit{200, false});
  in.period = body.text("period", TextLimit{20, false});
  in.quota = body.integer("quota");
  in.notice_days = body.integer("notice_days");
  in.term_years = body.integer("term_years");
  in.nomination_deadline = body.optional_time("nomination_deadline").value_or(0);
  in.review_deadline = body.optional_time("review_deadline").value_or(0);
  in.scoring_deadline = body.optional_time("scoring_deadline").value_or(0);
  for (const auto& c : body.object_list("criteria"))
    in.criteria.push_back(
        {c.text("code", kCodeText), c.text("text", TextLimit{500, false}), c.number("max_points")});
  return in;
}

std::string note_of(http::Request& request) {
  if (request.body.empty()) return "";
  json::object object = http::parse_json_object(request);
  return http::JsonFields(object).optional_text("note", kLongText).value_or("");
}

}  // namespace

void add_selection_routes(http::Router& router, service::SelectionService& selections) {
  using service::Permission;

  router.get(
      "/api/selections",
      [&selections](http::Request& request) {
        json::array a;
        for (const auto& s : selections.list(principal_of(request))) a.push_back(selection_json(s, false));
        return http::Response::json(200, a);
      },
      needs(Permission::read_selections));
  router.post(
      "/api/selections",
      [&selections](http::Request& request) {
        return http::Response::json(
            201, selection_json(selections.create(principal_of(request), selection_input(request)), true));
      },
      needs(Permission::manage_selections, {.body_limit = kSelectionBodyLimit}));
  router.get(
      "/api/selections/{code}",
      [&selections](http::Request& request) {
        return http::Response::json(
            200, selection_json(selections.get(principal_of(request), request.param("code")), true));
      },
      needs(Permission::read_selections));
  router.post(
      "/api/selections/{code}/candidates",
      [&selections](http::Request& request) {
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::NominationInput in{body.optional_text("name", TextLimit{100, false}).value_or(""),
                                    body.text("unit", kCodeText),
                                    body.optional_text("materials", TextLimit{20000, true}).value_or("")};
        return http::Response::json(
            201, candidate_json(selections.nominate(principal_of(request), request.param("code"), in)));
      },
      needs(Permission::nominate_selections, {.body_limit = kSelectionBodyLimit}));

  router.get(
      "/api/selection-candidates/{code}",
      [&selections](http::Request& request) {
        return http::Response::json(
            200, candidate_detail_json(selections.candidate(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_selections));
  // The action's own permission is checked by the service (review: nominate_selections, score:
  // review_selections, the others manage_selections); signing in is enough to reach it.
  router.post(
      "/api/selection-candidates/{code}/actions/{action}",
      [&selections](http::Request& request) {
        std::string action = request.param("action");
        std::map<std::string, double> points;
        std::string note;
        if (!request.body.empty()) {
          json::object object = http::parse_json_object(request);
          http::JsonFields body(object);
          note = body.optional_text("note", kLongText).value_or("");
          if (auto p = body.optional_object("points")) {
            for (const auto& [code, v] : p->object()) points[std::string(code)] = p->number(code);
          }
        }
        return http::Response::json(
            200, candidate_json(
                     selections.act(principal_of(request), request.param("code"), action, points, note)));
      },
      needs(Permission::read_selections));

  router.post(
      "/api/selection-objections/{id}/actions/{action}",
      [&selections](http::Request& request) {
        std::string action = request.param("action");
        if (action != "uphold" && action != "dismiss")
          throw InvalidInput("action", "action is uphold or dismiss",
                             message_key("selection.action.unknown", {{"action", action}}));
        long long id = 0;
        try {
          id = std::stoll(request.param("id"));
        } catch (const std::exception&) {
          throw NotFound("no objection " + request.param("id"),
                         message_key("selection_objection.not_found", {{"id", request.param("id")}}));
        }
        return http::Response::json(
            200, objection_json(selections.resolve_objection(principal_of(request), id, action == "uphold",
                                                             note_of(request))));
      },
      needs(Permission::manage_selections));

  auto objections = std::make_shared<http::RateLimiter>(kObjectionLimit);
  auto reads = std::make_shared<http::RateLimiter>(kPublicReadLimit);
  http::RouteOptions public_options;
  public_options.is_public = true;
  public_options.body_limit = kObjectionBodyLimit;
  router.get(
      "/api/public/selections/{code}/notice",
      [&selections, reads](http::Request& request) {
        reads->require(request.client_ip);
        service::PublicNotice n = selections.public_notice(request.param("code"));
        json::array candidates;
        for (const auto& c : n.candidates) candidates.push_back(public_candidate_json(c));
        return http::Response::json(200, json::object{{"code", n.code},
                                                      {"kind", n.kind},
                                                      {"title", n.title},
                                                      {"period", n.period},
                                                      {"notice_days", n.notice_days},
                                                      {"candidates", candidates}});
      },
      public_options);
  router.post(
      "/api/public/selections/{code}/objections",
      [&selections, objections](http::Request& request) {
        objections->require(request.client_ip);
        json::object object = http::parse_json_object(request);
        http::JsonFields body(object);
        service::ObjectionInput in{body.text("candidate", kCodeText),
                                   body.text("text", TextLimit{2000, true}),
                                   body.text("contact_name", TextLimit{50, false}),
                                   body.text("contact_phone", TextLimit{20, false})};
        service::SelectionObjection o = selections.lodge_objection(request.param("code"), in);
        // The public gets back only that it was received.
        return http::Response::json(
            201, json::object{{"id", o.id}, {"candidate", o.candidate}, {"state", o.state}});
      },
      public_options);
  router.get(
      "/api/public/honour-roll",
      [&selections, reads](http::Request& request) {
        reads->require(request.client_ip);
        json::array a;
        for (const auto& c : selections.honour_roll(request.query_param("kind").value_or("")))
          a.push_back(public_candidate_json(c));
        return http::Response::json(200, a);
      },
      public_options);
}

}  // namespace civic::api
