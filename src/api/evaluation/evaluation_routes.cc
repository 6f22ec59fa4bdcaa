#include "api/evaluation/evaluation_routes.h"

#include <boost/json.hpp>
#include <charconv>
#include <cstdio>

#include "api/core/authentication.h"
#include "api/core/route_permission.h"
#include "api/core/table_download.h"
#include "api/evaluation/framework_table.h"
#include "api/evaluation/period_routes.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/score_report.h"
#include "domain/core/error.h"
#include "scoring/unit_report.h"

namespace civic::api {

namespace json = boost::json;

namespace {

constexpr size_t kBundleBodyLimit = 64u << 20;

std::string required_param(const http::Request& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty())
    throw InvalidInput(name, std::string(name) + " is required",
                       message_key("input.required", {{"field", name}}));
  return *value;
}

double weak_threshold_param(const http::Request& request) {
  auto text = request.query_param("weak_threshold");
  if (!text || text->empty()) return 0.85;
  double v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || !(v > 0 && v <= 1)) {
    throw InvalidInput("weak_threshold", "weak_threshold must be a number in (0, 1]",
                       message_key("period.weak_threshold.range"));
  }
  return v;
}

}  // namespace

void add_evaluation_routes(http::Router& router, service::EvaluationService& evaluation) {
  using service::Permission;
  router.get(
      "/api/frameworks",
      [&evaluation](http::Request& request) {
        json::array items;
        for (const auto& f : evaluation.frameworks(principal_of(request))) {
          items.push_back(json::object{{"code", f.code}, {"version", f.version}, {"name", f.name}});
        }
        auto total = static_cast<std::int64_t>(items.size());
        return http::Response::json(
            200,
            json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
      },
      needs(Permission::read_framework));

  router.get(
      "/api/frameworks/{code}",
      [&evaluation](http::Request& request) {
        std::optional<int> version;
        if (auto v = request.query_param("version"); v && !v->empty()) {
          int n = 0;
          auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
          if (ec != std::errc() || end != v->data() + v->size() || n < 1) {
            throw InvalidInput("version", "version must be a whole number from 1",
                               message_key("framework.version.invalid"));
          }
          version = n;
        }
        bundle::Bundle b;
        b.framework = evaluation.framework(principal_of(request), request.param("code"), version);
        return http::Response::json(200, bundle::bundle_to_json(b).as_object().at("framework"));
      },
      needs(Permission::read_framework));

  // The framework as the spreadsheet offices receive it (?version=N, default the newest; ?format=xlsx|csv).
  router.get(
      "/api/frameworks/{code}/export",
      [&evaluation](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        std::optional<int> version;
        if (auto v = request.query_param("version"); v && !v->empty()) {
          int n = 0;
          auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
          if (ec != std::errc() || end != v->data() + v->size() || n < 1) {
            throw InvalidInput("version", "version must be a whole number from 1",
                               message_key("framework.version.invalid"));
          }
          version = n;
        }
        Framework f = evaluation.framework(principal_of(request), request.param("code"), version);
        return table_download(framework_table(f), format, "framework", "测评体系");
      },
      needs(Permission::read_framework));

  router.get(
      "/api/periods",
      [&evaluation](http::Request& request) {
        json::array items;
        for (const auto& p : evaluation.periods(principal_of(request))) items.push_back(period_json(p));
        auto total = static_cast<std::int64_t>(items.size());
        return http::Response::json(
            200,
            json::object{{"items", std::move(items)}, {"total", total}, {"page", 1}, {"page_size", total}});
      },
      needs(Permission::read_framework));

  // The periods as a file (?format=xlsx|csv); registered before /api/periods/{code} (period_routes.h).
  router.get(
      "/api/periods/export",
      [&evaluation](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        platform::Cells cells{{"周期编码", "周期名称", "开始日期", "结束日期", "测评体系", "版本", "状态",
                               "关闭时间", "关闭人"}};
        for (const auto& p : evaluation.periods(principal_of(request))) {
          cells.push_back({p.code, p.name, p.start, p.end, p.framework_code,
                           std::to_string(p.framework_version), p.state == "closed" ? "已关闭" : "进行中",
                           p.closed_at ? format_rfc3339(*p.closed_at) : "", p.closed_by.value_or("")});
        }
        return table_download(cells, format, "periods", "测评周期");
      },
      needs(Permission::read_framework));

  router.get(
      "/api/scores",
      [&evaluation](http::Request& request) {
        std::string unit = required_param(request, "unit"), period = required_param(request, "period");
        double threshold = weak_threshold_param(request);
        const auto& who = principal_of(request);
        auto scored = evaluation.scores(who, period);
        int u = scored->unit(who, unit);
        json::value report = bundle::score_report_json(*scored->scores, u, threshold);
        // The unit's place among its siblings (scoring.md §5 ranking of its parent), even where the parent is
        // out of the caller's scope: its rank and the number ranked, no sibling's figures.
        const scoring::ScoringDataset& d = scored->scores->data();
        json::value sibling_rank = nullptr;
        if (int parent = d.unit_parent[u]; parent >= 0) {
          auto ranking = scoring::rank_children(*scored->scores, parent);
          long long ranked = 0;
          for (const auto& r : ranking) ranked += r.total_rate ? 1 : 0;
          for (const auto& r : ranking) {
            if (r.unit == u && r.total_rate)
              sibling_rank = json::object{{"rank", r.rank}, {"of", ranked}, {"parent", d.unit_code[parent]}};
          }
        }
        report.as_object()["sibling_rank"] = std::move(sibling_rank);
        return http::Response::json(200, report);
      },
      needs(Permission::read_scores));

  // The unit's score table for the period as a file (?unit&period&format=xlsx|csv): the totals, then every
  // aspect, indicator and item with score, maximum, rate and sample size, then the weak items.
  router.get(
      "/api/scores/export",
      [&evaluation](http::Request& request) {
        std::string format = request.query_param("format").value_or("xlsx");
        require_table_format(format);
        std::string unit = required_param(request, "unit"), period = required_param(request, "period");
        double threshold = weak_threshold_param(request);
        const auto& who = principal_of(request);
        auto scored = evaluation.scores(who, period);
        int u = scored->unit(who, unit);
        json::value report = bundle::score_report_json(*scored->scores, u, threshold);
        auto num = [](const json::value* v, int decimals) -> std::string {
          if (!v || v->is_null()) return "";
          if (!v->is_number()) return "";
          double d = v->to_number<double>();
          char buf[32];
          std::snprintf(buf, sizeof buf, "%.*f", decimals, d);
          return buf;
        };
        auto pct = [&num](const json::value* v) {
          if (!v || !v->is_number()) return std::string();
          json::value hundredfold = v->to_number<double>() * 100;
          return num(&hundredfold, 1) + "%";
        };
        platform::Cells cells{{"层级", "编码", "得分", "满分", "得分率", "样本数"}};
        const json::object& r = report.as_object();
        cells.push_back({"单位合计", unit, num(r.if_contains("score"), 2),
                         num(r.if_contains("assessed_max"), 2), pct(r.if_contains("rate")), ""});
        cells.push_back({"扣分", "", num(r.if_contains("penalty"), 2), "", "", ""});
        cells.push_back(
            {"总分", "", num(r.if_contains("total"), 2), "", pct(r.if_contains("total_rate")), ""});
        if (const json::value* aspects = r.if_contains("aspects"); aspects && aspects->is_array()) {
          for (const json::value& a : aspects->as_array()) {
            const json::object& ao = a.as_object();
            cells.push_back({"测评项目", std::string(ao.at("code").as_string()),
                             num(ao.if_contains("score"), 2), num(ao.if_contains("assessed_max"), 2),
                             pct(ao.if_contains("rate")), ""});
            const json::value* indicators = ao.if_contains("indicators");
            if (!indicators || !indicators->is_array()) continue;
            for (const json::value& i : indicators->as_array()) {
              const json::object& io = i.as_object();
              cells.push_back({"测评指标", std::string(io.at("code").as_string()),
                               num(io.if_contains("score"), 2), num(io.if_contains("assessed_max"), 2),
                               pct(io.if_contains("rate")), ""});
              const json::value* items = io.if_contains("items");
              if (!items || !items->is_array()) continue;
              for (const json::value& it : items->as_array()) {
                const json::object& o = it.as_object();
                cells.push_back({"测评内容", std::string(o.at("code").as_string()),
                                 num(o.if_contains("score"), 2), num(o.if_contains("max_score"), 2),
                                 pct(o.if_contains("rate")), num(o.if_contains("n"), 0)});
              }
            }
          }
        }
        if (const json::value* weak = r.if_contains("weak_items"); weak && weak->is_array()) {
          for (const json::value& w : weak->as_array()) {
            const json::object& o = w.as_object();
            cells.push_back({"薄弱项", std::string(o.at("code").as_string()), num(o.if_contains("score"), 2),
                             num(o.if_contains("max_score"), 2), pct(o.if_contains("rate")), ""});
          }
        }
        evaluation.record_score_export(who, unit, period, static_cast<long long>(cells.size() - 1));
        return table_download(cells, format, "scores", "得分");
      },
      needs(Permission::read_scores));

  router.get(
      "/api/scores/items/{code}",
      [&evaluation](http::Request& request) {
        std::string unit = required_param(request, "unit"), period = required_param(request, "period");
        const auto& who = principal_of(request);
        auto scored = evaluation.scores(who, period);
        int u = scored->unit(who, unit);
        int item = scored->dataset.item_index(request.param("code"));
        if (item < 0)
          throw NotFound("item \"" + request.param("code") + "\" not found",
                         message_key("period.item.not_found", {{"item", request.param("code")}}));
        return http::Response::json(200, bundle::item_explanation_json(*scored->scores, u, item));
      },
      needs(Permission::read_scores));

  router.post(
      "/api/bundles",
      [&evaluation](http::Request& request) {
        bundle::Bundle b = bundle::read_bundle(request.body);
        auto s = evaluation.import_bundle(principal_of(request), b);
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
      needs(Permission::import_evidence, {.body_limit = kBundleBodyLimit}));
}

}  // namespace civic::api
