#include "api/audit/audit_routes.h"

#include <cstdio>

#include "api/core/authentication.h"
#include "api/core/query_params.h"
#include "api/core/resource_json.h"
#include "api/core/table_download.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"

namespace civic::api {

namespace {

service::AuditFilter audit_filter_of(const http::Request& request) {
  service::AuditFilter filter;
  filter.actor = request.query_param("actor").value_or("");
  filter.action = request.query_param("action").value_or("");
  filter.object_type = request.query_param("object_type").value_or("");
  filter.object_id = request.query_param("object_id").value_or("");
  filter.from = time_param(request, "from").value_or(0);
  filter.to = time_param(request, "to").value_or(0);
  if (filter.from && filter.to && filter.to <= filter.from) throw InvalidInput("to", "to must be after from");
  return filter;
}

// Local (business time zone) date and time to the second, as an auditor reads them in a sheet.
std::string local_second(TimeMs t) {
  const TimeZone& zone = business_time_zone();
  TimeMs local = t + static_cast<TimeMs>(zone.offset_minutes) * 60'000;
  CivilDate day = civil_date_of(t, zone);
  long long second_of_day = ((local % 86'400'000 + 86'400'000) % 86'400'000) / 1000;
  char hms[16];
  std::snprintf(hms, sizeof hms, "%02lld:%02lld:%02lld", second_of_day / 3600, second_of_day / 60 % 60,
                second_of_day % 60);
  return to_iso(day) + " " + hms;
}

// The roles joined by ',' in the record, in Chinese ("创文办,领导"); an unknown code stays as it is.
std::string role_labels(const std::string& roles) {
  static const std::pair<const char*, const char*> kLabels[] = {
      {"office", "创文办"},           {"unit_officer", "责任单位联络员"},
      {"inspector", "测评员"},        {"leader", "领导"},
      {"system_admin", "系统管理员"}, {"security_admin", "安全管理员"},
      {"audit_admin", "审计管理员"},
  };
  std::string out;
  std::size_t start = 0;
  while (start <= roles.size() && !roles.empty()) {
    std::size_t end = roles.find(',', start);
    std::string code = roles.substr(start, end == std::string::npos ? std::string::npos : end - start);
    std::string label = code;
    for (const auto& [c, l] : kLabels)
      if (code == c) label = l;
    if (!out.empty()) out += ",";
    out += label;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

platform::Cells audit_table(const std::vector<AuditRecord>& all) {
  platform::Cells cells{{"序号", "时间", "操作人", "角色", "所属单位", "来源地址", "操作", "对象类型",
                         "对象编号", "变更前", "变更后"}};
  for (const auto& r : all) {
    cells.push_back({std::to_string(r.seq), local_second(r.time), r.actor, role_labels(r.role), r.unit, r.ip,
                     r.action, r.object_type, r.object_id, r.before, r.after});
  }
  return cells;
}

}  // namespace

// No needs(read_audit) here: AuditService::list refuses in the handler so that the refusal is itself audited
// ("permission.denied"), which the authentication middleware does not do.
void add_audit_routes(http::Router& router, service::AuditService& audit) {
  router.get("/api/audit", [&audit](http::Request& request) {
    service::AuditFilter filter = audit_filter_of(request);
    auto page = audit.list(principal_of(request), filter, page_request(request));
    return http::Response::json(200, page_json(page, audit_json));
  });
  // The filtered trail as a file (?format=xlsx|csv and the list's filters); refused in the handler like the
  // list, so that a refusal is audited.
  router.get("/api/audit/export", [&audit](http::Request& request) {
    std::string format = request.query_param("format").value_or("xlsx");
    require_table_format(format);
    auto all = audit.export_list(principal_of(request), audit_filter_of(request));
    return table_download(audit_table(all), format, "audit", "审计日志");
  });
}

}  // namespace civic::api
