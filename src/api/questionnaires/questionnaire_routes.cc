#include "api/questionnaires/questionnaire_routes.h"

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>
#include <memory>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "domain/core/error.h"
#include "http/json_body.h"
#include "http/rate_limiter.h"
#include "service/questionnaires/definition_json.h"

namespace civic::api {

namespace json = boost::json;

namespace {

json::value time_or_null(std::optional<TimeMs> t) {
  return t && *t > 0 ? json::value(format_rfc3339(*t)) : json::value(nullptr);
}

json::value number_or_null(std::optional<double> v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.push_back(json::string(s));
  return a;
}

json::object questionnaire_json(const service::Questionnaire& q) {
  json::object o = service::definition_to_json(q.definition);
  o["state"] = q.state;
  o["version"] = q.version;
  o["published_version"] = q.published_version;
  o["has_draft"] = q.has_draft;
  o["revision"] = q.revision;
  o["updated_at"] = time_or_null(q.updated_at);
  o["updated_by"] = q.updated_by;
  return o;
}

json::object summary_json(const service::QuestionnaireSummary& s) {
  return {{"code", s.code},           {"title", service::local_text_json(s.title)},
          {"state", s.state},         {"published_version", s.published_version},
          {"has_draft", s.has_draft}, {"units", strings(s.units)},
          {"responses", s.responses}, {"counted", s.counted},
          {"flagged", s.flagged},     {"updated_at", time_or_null(s.updated_at)}};
}

json::object assignment_json(const service::SurveyAssignment& a) {
  return {{"id", a.id},
          {"questionnaire", a.questionnaire},
          {"title", service::local_text_json(a.title)},
          {"version", a.version},
          {"interviewer", a.interviewer},
          {"unit", a.unit},
          {"unit_name", a.unit_name},
          {"target", a.target},
          {"done", a.done},
          {"mode", a.mode}};
}

json::object response_json(const service::QuestionnaireResponse& r) {
  json::object o{{"id", r.id},
                 {"version", r.version},
                 {"unit", r.unit},
                 {"unit_name", r.unit_name},
                 {"attributes", service::attributes_to_json(r.attributes)},
                 {"answers", service::answers_to_json(r.answers)},
                 {"mode", r.mode},
                 {"interviewer", r.interviewer.empty() ? json::value(nullptr) : json::value(r.interviewer)},
                 {"started_at", time_or_null(r.started_at)},
                 {"submitted_at", time_or_null(r.submitted_at)},
                 {"duration_seconds", number_or_null(r.duration_seconds)},
                 {"flags", strings(r.flags)},
                 {"over_quota", r.over_quota},
                 {"status", r.status},
                 {"lat", number_or_null(r.lat)},
                 {"lon", number_or_null(r.lon)}};
  if (r.review) {
    o["review"] = json::object{{"decision", r.review->decision},
                               {"reason", r.review->reason},
                               {"by", r.review->by},
                               {"at", format_rfc3339(r.review->at)}};
  } else {
    o["review"] = nullptr;
  }
  return o;
}

json::object results_json(const service::SurveyResults& r) {
  json::array rows;
  for (const auto& row : r.rows) {
    json::value wilson = nullptr;
    if (row.wilson) wilson = json::array{row.wilson->first, row.wilson->second};
    rows.push_back(json::object{{"unit", row.unit},
                                {"unit_name", row.unit_name},
                                {"n", row.n},
                                {"k", row.k},
                                {"rate", number_or_null(row.rate)},
                                {"weighted_rate", number_or_null(row.weighted_rate)},
                                {"wilson", std::move(wilson)},
                                {"ranked", row.ranked}});
  }
  return {{"questionnaire", r.questionnaire},
          {"question", r.question},
          {"item", r.item.empty() ? json::value(nullptr) : json::value(r.item)},
          {"positive", strings(r.positive)},
          {"min_n", r.min_n},
          {"rows", std::move(rows)}};
}

json::object crosstab_json(const service::SurveyCrosstab& c) {
  json::array rows;
  for (const auto& row : c.rows) {
    rows.push_back(json::object{{"option", row.option},
                                {"text", service::local_text_json(row.text)},
                                {"n", row.n},
                                {"k", row.k},
                                {"rate", number_or_null(row.rate)}});
  }
  return {{"questionnaire", c.questionnaire}, {"question", c.question}, {"by", c.by}, {"unit", c.unit},
          {"positive", strings(c.positive)},  {"rows", std::move(rows)}};
}

// The JSON body parsed, with the definition members read (code from the path when `code` is given).
QuestionnaireDefinition definition_of(const json::object& body, const std::string& code = {}) {
  auto d = service::definition_from_json(body, code.empty());
  if (!code.empty()) d.code = code;
  return d;
}

long long revision_of(const json::object& body) {
  const json::value* v = body.if_contains("revision");
  if (!v || !v->is_int64())
    throw InvalidInput("revision", "revision (the one read) is required",
                       message_key("questionnaire.field.required", {{"field", "revision"}}));
  return v->as_int64();
}

long long id_param(const http::Request& request, const char* name, const char* key) {
  const std::string& text = request.param(name);
  long long id = 0;
  auto r = std::from_chars(text.data(), text.data() + text.size(), id);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size() || id <= 0)
    throw NotFound("no such id " + text, message_key(key, {{"id", text}}));
  return id;
}

// The response body of POST …/responses; `questionnaire` from the path on the public route.
service::SubmitResponse submit_of(const http::Request& request, const std::string& questionnaire) {
  json::object body = http::parse_json_object(request);
  http::JsonFields f(body);
  service::SubmitResponse s;
  s.questionnaire = questionnaire.empty() ? f.text("questionnaire") : questionnaire;
  const json::value* v = body.if_contains("version");
  if (!v || !v->is_int64())
    throw InvalidInput("version", "version is required", message_key("response.version.unknown"));
  s.version = static_cast<int>(v->as_int64());
  s.client_id = f.text("client_id", TextLimit{100, false});
  s.input.unit = f.optional_text("unit").value_or("");
  s.input.attributes = service::attributes_from_json(body.if_contains("attributes"));
  s.input.answers = service::answers_from_json(body.if_contains("answers"));
  s.started_at = f.optional_time("started_at");
  if (questionnaire.empty()) {
    s.submitted_at = f.optional_time("submitted_at");
    s.lat = f.optional_number("lat");
    s.lon = f.optional_number("lon");
    s.assignment = f.optional_integer("assignment");
  }
  s.device_token = request.header("x-device-token").value_or("");
  return s;
}

service::ResultsQuery results_query(const http::Request& request) {
  service::ResultsQuery q;
  q.unit = request.query_param("unit").value_or("");
  q.question = request.query_param("question").value_or("");
  q.item = request.query_param("item").value_or("");
  q.answer = request.query_param("answer").value_or("");
  q.period = request.query_param("period").value_or("");
  return q;
}

service::ResponseListFilter response_filter(const http::Request& request) {
  return {request.query_param("status").value_or(""), request.query_param("flag").value_or(""),
          request.query_param("unit").value_or("")};
}

std::string number_text(std::optional<double> v, const char* format = "%.6f") {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, format, *v);
  return buf;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

const char* status_text(const std::string& status) {
  if (status == "counted") return "计入";
  if (status == "flagged") return "待复核";
  if (status == "over_quota") return "超配额";
  if (status == "rejected") return "已剔除";
  return "";
}

std::string reason_of(const http::Request& request) {
  json::object body = http::parse_json_object(request);
  return http::JsonFields(body).optional_text("reason", kLongText).value_or("");
}

}  // namespace

void add_questionnaire_routes(http::Router& router, service::QuestionnaireService& questionnaires,
                              service::ResponseService& responses, service::ResultsService& results,
                              const ApiOptions& options) {
  using service::Permission;
  auto answers_limit = std::make_shared<http::RateLimiter>(
      http::RateLimit{options.survey_answers_per_minute, options.survey_answer_burst, 100000});
  auto reads_limit = std::make_shared<http::RateLimiter>(http::RateLimit{120, 240, 100000});

  router.get(
      "/api/questionnaires",
      [&questionnaires](http::Request& request) {
        service::QuestionnaireFilter f{request.query_param("state").value_or(""),
                                       request.query_param("q").value_or("")};
        auto page = questionnaires.list(principal_of(request), f, page_request(request));
        return http::Response::json(200, page_json(page, summary_json));
      },
      needs(Permission::read_questionnaires));

  router.post(
      "/api/questionnaires",
      [&questionnaires](http::Request& request) {
        json::object body = http::parse_json_object(request);
        auto q = questionnaires.create(principal_of(request), definition_of(body));
        return http::Response::json(201, questionnaire_json(q));
      },
      needs(Permission::manage_questionnaires, {.body_limit = 512 * 1024}));

  router.get(
      "/api/questionnaires/{code}",
      [&questionnaires](http::Request& request) {
        return http::Response::json(
            200, questionnaire_json(questionnaires.get(principal_of(request), request.param("code"))));
      },
      needs(Permission::read_questionnaires));

  router.put(
      "/api/questionnaires/{code}",
      [&questionnaires](http::Request& request) {
        json::object body = http::parse_json_object(request);
        const std::string& code = request.param("code");
        auto q =
            questionnaires.save(principal_of(request), code, definition_of(body, code), revision_of(body));
        return http::Response::json(200, questionnaire_json(q));
      },
      needs(Permission::manage_questionnaires, {.body_limit = 512 * 1024}));

  router.get(
      "/api/questionnaires/{code}/versions",
      [&questionnaires](http::Request& request) {
        json::array a;
        for (const auto& v : questionnaires.versions(principal_of(request), request.param("code"))) {
          a.push_back(json::object{{"version", v.version},
                                   {"published_at", time_or_null(v.published_at)},
                                   {"published_by", v.published_by},
                                   {"responses", v.responses}});
        }
        return http::Response::json(200, a);
      },
      needs(Permission::read_questionnaires));

  router.get(
      "/api/questionnaires/{code}/versions/{n}",
      [&questionnaires](http::Request& request) {
        long long n = id_param(request, "n", "questionnaire.version.not_found");
        auto d = questionnaires.version(principal_of(request), request.param("code"), static_cast<int>(n));
        json::object o = service::definition_to_json(d);
        o["version"] = n;
        return http::Response::json(200, o);
      },
      needs(Permission::read_questionnaires));

  router.post(
      "/api/questionnaires/{code}/actions/publish",
      [&questionnaires](http::Request& request) {
        json::object body = http::parse_json_object(request);
        auto q = questionnaires.publish(principal_of(request), request.param("code"), revision_of(body));
        return http::Response::json(200, questionnaire_json(q));
      },
      needs(Permission::manage_questionnaires));
  router.post(
      "/api/questionnaires/{code}/actions/close",
      [&questionnaires](http::Request& request) {
        return http::Response::json(
            200, questionnaire_json(questionnaires.close(principal_of(request), request.param("code"))));
      },
      needs(Permission::manage_questionnaires));
  router.post(
      "/api/questionnaires/{code}/actions/reopen",
      [&questionnaires](http::Request& request) {
        return http::Response::json(
            200, questionnaire_json(questionnaires.reopen(principal_of(request), request.param("code"))));
      },
      needs(Permission::manage_questionnaires));

  router.get(
      "/api/questionnaires/{code}/assignments",
      [&questionnaires](http::Request& request) {
        json::array a;
        for (const auto& s : questionnaires.assignments(principal_of(request), request.param("code")))
          a.push_back(assignment_json(s));
        return http::Response::json(200, a);
      },
      needs(Permission::read_questionnaires));
  router.post(
      "/api/questionnaires/{code}/assignments",
      [&questionnaires](http::Request& request) {
        json::object body = http::parse_json_object(request);
        http::JsonFields f(body);
        service::NewAssignment in{f.text("interviewer"), f.text("unit"), f.integer("target"),
                                  f.optional_text("mode").value_or("street")};
        auto s = questionnaires.assign(principal_of(request), request.param("code"), in);
        return http::Response::json(201, assignment_json(s));
      },
      needs(Permission::manage_questionnaires));
  router.put(
      "/api/questionnaires/{code}/assignments/{id}",
      [&questionnaires](http::Request& request) {
        json::object body = http::parse_json_object(request);
        http::JsonFields f(body);
        long long target = f.integer("target");
        std::string mode = f.optional_text("mode").value_or("street");
        auto s = questionnaires.update_assignment(
            principal_of(request), request.param("code"),
            id_param(request, "id", "questionnaire.assignment.not_found"), target, mode);
        return http::Response::json(200, assignment_json(s));
      },
      needs(Permission::manage_questionnaires));
  router.del(
      "/api/questionnaires/{code}/assignments/{id}",
      [&questionnaires](http::Request& request) {
        questionnaires.unassign(principal_of(request), request.param("code"),
                                id_param(request, "id", "questionnaire.assignment.not_found"));
        return http::Response::no_content();
      },
      needs(Permission::manage_questionnaires));
  router.get(
      "/api/my/survey-assignments",
      [&questionnaires](http::Request& request) {
        json::array a;
        for (const auto& s : questionnaires.my_assignments(principal_of(request)))
          a.push_back(assignment_json(s));
        return http::Response::json(200, a);
      },
      needs(Permission::submit_interviews));

  router.get(
      "/api/questionnaires/{code}/quotas",
      [&responses](http::Request& request) {
        json::array a;
        for (const auto& f : responses.quotas(principal_of(request), request.param("code"))) {
          json::object stratum;
          for (const auto& [k, v] : f.stratum) stratum[k] = v;
          stratum["unit_name"] = f.unit_name;
          a.push_back(json::object{{"stratum", std::move(stratum)},
                                   {"target", f.target},
                                   {"counted", f.counted},
                                   {"over_quota", f.over_quota},
                                   {"flagged", f.flagged},
                                   {"fill", f.fill}});
        }
        return http::Response::json(200, a);
      },
      needs(Permission::read_questionnaires));

  router.get(
      "/api/questionnaires/{code}/responses",
      [&responses](http::Request& request) {
        auto page = responses.list(principal_of(request), request.param("code"), response_filter(request),
                                   page_request(request));
        return http::Response::json(200, page_json(page, response_json));
      },
      needs(Permission::review_responses));

  // Before …/responses/{…} would take "export" (there is none, but keep the literal route explicit).
  router.get(
      "/api/questionnaires/{code}/responses/export",
      [&responses](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto t = responses.table(principal_of(request), request.param("code"), response_filter(request));
        std::vector<std::string> header{"编号", "版本", "单位代码", "单位名称"};
        for (const auto& a : t.definition.attributes)
          if (a.kind == "choice") header.push_back(a.code);
        for (const auto& q : t.definition.questions) header.push_back(q.code);
        for (const char* h :
             {"方式", "调查员", "开始时间", "提交时间", "用时(秒)", "标记", "状态", "复核", "复核理由"})
          header.push_back(h);
        platform::Cells cells{header};
        for (const auto& r : t.responses) {
          std::vector<std::string> row{std::to_string(r.id), std::to_string(r.version), r.unit, r.unit_name};
          for (const auto& a : t.definition.attributes) {
            if (a.kind != "choice") continue;
            auto v = r.attributes.find(a.code);
            row.push_back(v == r.attributes.end() ? "" : v->second);
          }
          for (const auto& q : t.definition.questions) {
            auto v = r.answers.find(q.code);
            row.push_back(v == r.answers.end() ? "" : join(v->second.values, ";"));
          }
          row.push_back(r.mode == "public" ? "公众" : "调查员");
          row.push_back(r.interviewer);
          row.push_back(r.started_at ? format_rfc3339(*r.started_at) : "");
          row.push_back(format_rfc3339(r.submitted_at));
          row.push_back(number_text(r.duration_seconds, "%.0f"));
          row.push_back(join(r.flags, ","));
          row.push_back(status_text(r.status));
          row.push_back(r.review ? (r.review->decision == "accept" ? "采纳" : "剔除") : "");
          row.push_back(r.review ? r.review->reason : "");
          cells.push_back(std::move(row));
        }
        std::vector<CsvCell> kinds(header.size(), CsvCell::text);
        kinds[0] = kinds[1] = CsvCell::number;
        kinds[header.size() - 5] = CsvCell::number;
        return table_download(cells, format, "responses-" + request.param("code"), "答卷", kinds);
      },
      needs(Permission::review_responses));

  router.post(
      "/api/responses/{id}/actions/accept",
      [&responses](http::Request& request) {
        auto r = responses.accept(principal_of(request), id_param(request, "id", "response.not_found"),
                                  reason_of(request));
        return http::Response::json(200, response_json(r));
      },
      needs(Permission::review_responses));
  router.post(
      "/api/responses/{id}/actions/reject",
      [&responses](http::Request& request) {
        auto r = responses.reject(principal_of(request), id_param(request, "id", "response.not_found"),
                                  reason_of(request));
        return http::Response::json(200, response_json(r));
      },
      needs(Permission::review_responses));

  router.get(
      "/api/questionnaires/{code}/results",
      [&results](http::Request& request) {
        return http::Response::json(
            200, results_json(
                     results.results(principal_of(request), request.param("code"), results_query(request))));
      },
      needs(Permission::read_questionnaires));
  router.get(
      "/api/questionnaires/{code}/results/export",
      [&results](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        auto r = results.results(principal_of(request), request.param("code"), results_query(request));
        platform::Cells cells{{"单位代码", "单位名称", "样本量n", "肯定回答k", "比率", "加权比率", "置信下限",
                               "置信上限", "参与排名"}};
        for (const auto& row : r.rows) {
          cells.push_back({row.unit, row.unit_name, std::to_string(row.n), std::to_string(row.k),
                           number_text(row.rate), number_text(row.weighted_rate),
                           number_text(row.wilson ? std::optional(row.wilson->first) : std::nullopt),
                           number_text(row.wilson ? std::optional(row.wilson->second) : std::nullopt),
                           row.ranked ? "是" : "样本不足"});
        }
        std::vector<CsvCell> kinds(9, CsvCell::number);
        kinds[0] = kinds[1] = kinds[8] = CsvCell::text;
        return table_download(cells, format, "results-" + request.param("code"), "结果", kinds);
      },
      needs(Permission::read_questionnaires));
  router.get(
      "/api/questionnaires/{code}/crosstab",
      [&results](http::Request& request) {
        auto c = results.crosstab(principal_of(request), request.param("code"), results_query(request),
                                  request.query_param("by").value_or(""));
        return http::Response::json(200, crosstab_json(c));
      },
      needs(Permission::read_questionnaires));

  // Interviewers.
  router.post(
      "/api/responses",
      [&responses](http::Request& request) {
        service::Principal who = principal_of(request);
        auto r = responses.submit(&who, submit_of(request, ""));
        return http::Response::json(r.created ? 201 : 200, json::object{{"id", r.id}, {"status", r.status}});
      },
      needs(Permission::submit_interviews, {.body_limit = kSurveyBodyLimit}));

  // The public: no sign-in, no CSRF, a token bucket per address.
  http::RouteOptions read_options;
  read_options.is_public = true;
  router.get(
      "/api/public/questionnaires/{code}",
      [&questionnaires, reads_limit](http::Request& request) {
        reads_limit->require(request.client_ip);
        auto p = questionnaires.public_view(request.param("code"), request.query_param("unit").value_or(""));
        json::object o = service::definition_to_json(p.definition, false);
        o.erase("quotas");
        o.erase("min_n");
        o["version"] = p.version;
        o["preset_unit"] = p.preset_unit ? json::value(*p.preset_unit) : json::value(nullptr);
        json::array units;
        for (const auto& u : p.units) {
          units.push_back(json::object{{"code", u.code},
                                       {"name", u.name},
                                       {"name_en", u.name_en},
                                       {"parent", u.parent ? json::value(*u.parent) : json::value(nullptr)},
                                       {"level", u.level}});
        }
        o["units"] = std::move(units);
        return http::Response::json(200, o);
      },
      read_options);
  http::RouteOptions answer_options;
  answer_options.is_public = true;
  answer_options.body_limit = kSurveyBodyLimit;
  router.post(
      "/api/public/questionnaires/{code}/responses",
      [&responses, answers_limit](http::Request& request) {
        answers_limit->require(request.client_ip);
        auto r = responses.submit(nullptr, submit_of(request, request.param("code")));
        return http::Response::json(r.created ? 201 : 200, json::object{{"id", r.id}, {"received", true}});
      },
      answer_options);
}

}  // namespace civic::api
