#include "api/cases/open311_routes.h"

#include <algorithm>
#include <memory>

#include "api/cases/open311_format.h"
#include "domain/cases/case_category.h"
#include "domain/core/error.h"
#include "http/error_response.h"
#include "http/rate_limiter.h"

namespace civic::api {

namespace {

using open311::Format;

constexpr size_t kRequestBodyLimit = 16 * 1024;
// Per client IP: readers poll lists; a posting client is usually one integration (a hotline, an app backend).
constexpr http::RateLimit kReadLimit{60, 120, 100000};
constexpr http::RateLimit kPostLimit{30, 60, 100000};
constexpr const char* kPhotoPath = "/api/public/photos/";

http::Response document(int status, Format format, std::string body) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", open311::content_type(format));
  return r;
}

http::Response error_document(Format format, int status, const std::string& description) {
  return document(status, format, open311::errors_document({{status, description}}, format));
}

// Runs `answer` and turns civic errors into the Open311 error array; a bad api_key is 403 as in the
// specification's example. Other exceptions go to the pipeline (500 without details).
template <typename Answer>
http::Response open311_answer(Format format, Answer&& answer) {
  try {
    return answer();
  } catch (const Error& e) {
    int status = e.code() == ErrorCode::unauthenticated ? 403 : http::status_for(e.code());
    std::string description = e.what();
    if (!e.field().empty() && description.find(e.field()) == std::string::npos) {
      description = e.field() + ": " + description;
    }
    return error_document(format, status, description);
  }
}

// "http://host" as the client reached us (X-Forwarded-Proto https behind a TLS proxy), for media_url.
std::string base_url(const http::Request& request) {
  std::string proto = request.header("x-forwarded-proto").value_or("http") == "https" ? "https" : "http";
  std::string host = request.header("host").value_or("localhost");
  host.erase(std::remove_if(host.begin(), host.end(),
                            [](char c) { return c == '/' || c == '"' || c == '<' || c == '>' || c == ' '; }),
             host.end());
  return proto + "://" + host;
}

std::string category_name(const std::string& code) {
  auto c = find_case_category(code);
  return c ? c->name : code;
}

std::string service_notice(const std::string& code) {
  auto c = find_case_category(code);
  if (!c) return {};
  int hours = static_cast<int>(c->time_limit_hours);
  return "立案派遣后 " + std::to_string(hours) + " 小时内处置 (handled within " + std::to_string(hours) +
         " hours of dispatch)";
}

open311::ServiceRequest request_of(const service::PublicCaseView& v, const std::string& base) {
  open311::ServiceRequest r;
  r.id = v.code;
  r.status = v.status;
  r.status_notes = v.status_notes;
  r.service_name = category_name(v.category);
  r.service_code = v.category;
  r.description = v.description;
  r.agency_responsible = v.agency_responsible;
  r.service_notice = service_notice(v.category);
  r.requested = v.reported_at;
  r.updated = v.updated_at;
  r.expected = v.expected_at;
  r.address = v.address;
  r.lat = v.lat;
  r.lon = v.lon;
  if (!v.photos.empty()) r.media_url = base + kPhotoPath + v.photos.front();
  return r;
}

std::vector<open311::ServiceRequest> find_requests(service::CaseService& cases,
                                                   const open311::RequestQuery& q, const std::string& base) {
  std::vector<service::PublicCaseView> found;
  if (!q.ids.empty()) {
    for (const std::string& id : q.ids) {
      try {
        found.push_back(cases.public_status(id));
      } catch (const NotFound&) {
        // unknown ids are left out, as the specification's lists do
      }
    }
  } else {
    std::vector<std::string> codes = q.service_codes.empty() ? std::vector<std::string>{""} : q.service_codes;
    for (const std::string& code : codes) {
      service::PublicCaseQuery query;
      query.category = code;
      if (q.open) query.status = *q.open ? "open" : "closed";
      query.from = q.start;
      if (q.end) query.to = *q.end + 1;  // end_date is inclusive
      PageRequest page{1, 200};
      for (;;) {
        Page<service::PublicCaseView> p = cases.public_list(query, page);
        for (auto& v : p.items) found.push_back(std::move(v));
        if (p.items.size() < static_cast<size_t>(page.page_size) ||
            static_cast<long long>(page.page) * page.page_size >= std::min<long long>(p.total, q.limit)) {
          break;
        }
        ++page.page;
      }
    }
  }
  // Filters apply to listed ids too; newest first; at most `limit`.
  std::erase_if(found, [&](const service::PublicCaseView& v) {
    if (!q.service_codes.empty() &&
        std::find(q.service_codes.begin(), q.service_codes.end(), v.category) == q.service_codes.end()) {
      return true;
    }
    return q.open && (*q.open != (v.status == "open"));
  });
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.reported_at != b.reported_at ? a.reported_at > b.reported_at : a.code > b.code;
  });
  if (found.size() > static_cast<size_t>(q.limit)) found.resize(q.limit);
  std::vector<open311::ServiceRequest> out;
  out.reserve(found.size());
  for (const auto& v : found) out.push_back(request_of(v, base));
  return out;
}

// The POST body as fields: JSON when the Content-Type says so, else form-urlencoded (the standard's).
std::vector<std::pair<std::string, std::string>> post_fields(const http::Request& request) {
  std::string type = request.header("content-type").value_or("");
  if (type.find("json") != std::string::npos) return open311::parse_json_fields(request.body);
  return open311::parse_form(request.body);
}

std::string field_value(const std::vector<std::pair<std::string, std::string>>& fields,
                        const std::string& name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return {};
}

// media_url pointing at one of our public photos → that photo id; "" otherwise.
std::string own_photo_id(const std::string& media_url) {
  auto at = media_url.find(kPhotoPath);
  if (at == std::string::npos) return {};
  std::string id = media_url.substr(at + std::string(kPhotoPath).size());
  bool hex = id.size() == 64 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
             });
  return hex ? id : std::string();
}

}  // namespace

void add_open311_routes(http::Router& router, service::CaseService& cases, service::AuthService& auth,
                        const Clock& clock) {
  auto reads = std::make_shared<http::RateLimiter>(kReadLimit);
  auto posts = std::make_shared<http::RateLimiter>(kPostLimit);
  http::RouteOptions read_options;
  read_options.is_public = true;
  http::RouteOptions post_options = read_options;
  post_options.body_limit = kRequestBodyLimit;
  router.set_error_format("/open311", open311::error_answer);

  for (Format format : {Format::json, Format::xml}) {
    const std::string ext = format == Format::json ? ".json" : ".xml";
    router.get(
        "/open311/v2/services" + ext,
        [reads, format](http::Request& request) {
          return open311_answer(format, [&] {
            reads->require(request.client_ip);
            std::vector<open311::Service> list;
            for (const CaseCategory& c : case_categories()) {
              int hours = static_cast<int>(c.time_limit_hours);
              list.push_back({c.code, c.name,
                              c.name_en + "; handled within " + std::to_string(hours) + " hours",
                              c.name + ", " + c.name_en, "文明城市"});
            }
            return document(200, format, open311::services_document(list, format));
          });
        },
        read_options);
    router.get(
        "/open311/v2/requests" + ext,
        [&cases, &clock, reads, format](http::Request& request) {
          return open311_answer(format, [&] {
            reads->require(request.client_ip);
            open311::RequestQuery q = open311::parse_request_query(request.query, clock.now_ms());
            for (const std::string& code : q.service_codes) {
              if (!find_case_category(code)) {
                throw InvalidInput("service_code", "unknown service_code: " + code,
                                   message_key("open311.service_code.unknown", {{"code", code}}));
              }
            }
            return document(200, format,
                            open311::requests_document(find_requests(cases, q, base_url(request)), format));
          });
        },
        read_options);
    router.post(
        "/open311/v2/requests" + ext,
        [&cases, &auth, posts, format](http::Request& request) {
          return open311_answer(format, [&] {
            posts->require(request.client_ip);
            auto fields = post_fields(request);
            std::string key = field_value(fields, "api_key");
            if (key.empty()) key = request.query_param("api_key").value_or("");
            if (key.empty())
              throw Unauthenticated("api_key is required", message_key("open311.api_key.required"));
            auth.authenticate_api_token(key, request.client_ip);
            open311::NewRequest input = open311::parse_new_request(fields);
            auto category = find_case_category(input.service_code);
            if (!category) {
              throw InvalidInput("service_code", "unknown service_code: " + input.service_code,
                                 message_key("open311.service_code.unknown", {{"code", input.service_code}}));
            }
            service::PublicReport report;
            report.category = input.service_code;
            report.description = input.description;
            report.address = input.address_string;
            report.lat = input.lat;
            report.lon = input.lon;
            report.source = "public";
            std::string contact = input.first_name;
            if (!input.last_name.empty()) contact += (contact.empty() ? "" : " ") + input.last_name;
            for (const std::string* part : {&input.email, &input.phone}) {
              if (!part->empty()) contact += (contact.empty() ? "" : " ") + *part;
            }
            report.contact = contact;
            if (std::string id = own_photo_id(input.media_url); !id.empty()) {
              report.photos.push_back(id);
            } else if (!input.media_url.empty()) {
              report.description += (report.description.empty() ? "" : "\n") + input.media_url;
            }
            if (report.description.empty()) report.description = category->name;
            service::PublicReportResult result = cases.report_public(report, "media_url");
            return document(
                201, format,
                open311::created_document({result.code, service_notice(report.category)}, format));
          });
        },
        post_options);
  }
  router.get(
      "/open311/v2/services/{file}",
      [](http::Request& request) {
        auto split = open311::split_format(request.param("file"));
        Format format = split ? split->second : Format::json;
        return open311_answer(format, [&] {
          if (!split) throw NotFound("use services/{code}.json or .xml", message_key("open311.service.path"));
          if (!find_case_category(split->first)) {
            throw NotFound("no service " + split->first,
                           message_key("open311.service.unknown", {{"code", split->first}}));
          }
          return document(200, format, open311::service_definition_document(split->first, format));
        });
      },
      read_options);
  router.get(
      "/open311/v2/requests/{file}",
      [&cases, reads](http::Request& request) {
        auto split = open311::split_format(request.param("file"));
        Format format = split ? split->second : Format::json;
        return open311_answer(format, [&] {
          reads->require(request.client_ip);
          if (!split) throw NotFound("use requests/{id}.json or .xml", message_key("open311.request.path"));
          service::PublicCaseView v = cases.public_status(split->first);
          return document(200, format,
                          open311::requests_document({request_of(v, base_url(request))}, format));
        });
      },
      read_options);
}

}  // namespace civic::api
