#include "service/reports/report_service.h"

#include <boost/json.hpp>

#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "json/json_text.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/reports/report_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace json = boost::json;

namespace {

constexpr const char* kFormats[] = {"pdf", "docx", "xlsx", "html"};
constexpr size_t kMaxParagraphs = 30;

std::string prose_text(const Prose& prose) {
  json::object o;
  for (const auto& [key, paragraphs] : prose) {
    json::array a;
    for (const auto& p : paragraphs) a.push_back(json::string(p));
    o[key] = std::move(a);
  }
  return json::serialize(o);
}

Prose prose_of_text(const std::string& text) {
  Prose out;
  if (text.empty()) return out;
  json::value v = json::parse(text);
  for (const auto& [key, paragraphs] : v.as_object()) {
    auto& list = out[std::string(key)];
    for (const auto& p : paragraphs.as_array()) list.emplace_back(p.as_string());
  }
  return out;
}

void check_prose(const Prose& prose) {
  for (const auto& [key, paragraphs] : prose) {
    bool known = false;
    for (const auto& s : summary_sections()) known = known || s.key == key;
    if (!known)
      throw InvalidInput("prose." + key, "no section " + key,
                         message_key("report.section.unknown", {{"section", key}}));
    if (paragraphs.size() > kMaxParagraphs)
      throw InvalidInput("prose." + key, "too many paragraphs", message_key("report.prose.too_many"));
    for (size_t i = 0; i < paragraphs.size(); ++i)
      if (auto problem = text_problem(paragraphs[i], kLongText))
        throw InvalidInput("prose." + key + "[" + std::to_string(i) + "]",
                           "the paragraph is too long or holds characters it may not",
                           message_key("report.prose.invalid", {{"problem", *problem}}));
  }
}

std::map<std::string, std::string> files_of(const std::string& text) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string part = text.substr(start, comma - start);
    if (auto eq = part.find('='); eq != std::string::npos) out[part.substr(0, eq)] = part.substr(eq + 1);
    start = comma + 1;
  }
  return out;
}

NotFound not_found(long long id) {
  return NotFound("no report " + std::to_string(id),
                  message_key("report.not_found", {{"id", std::to_string(id)}}));
}

store::ReportRow load(store::Session& sql, const Principal& who, long long id) {
  auto row = store::ReportRepository(sql).find(id);
  if (!row || !who.in_scope(row->unit_path)) throw not_found(id);
  return *row;
}

Conflict wrong_state(const store::ReportRow& row, const std::string& action) {
  return Conflict("report " + std::to_string(row.id) + " is " + row.state + ": cannot " + action, "state",
                  message_key("report.state", {{"state", row.state}, {"action", action}}));
}

std::string audit_json(const store::ReportRow& r) {
  json::object o{{"id", r.id},          {"template", r.template_name},
                 {"unit", r.unit_code}, {"period", r.period_code},
                 {"title", r.title},    {"state", r.state},
                 {"version", r.version}};
  if (!r.return_reason.empty()) o["return_reason"] = r.return_reason;
  if (!r.fingerprint_sha256.empty())
    o["fingerprint"] = json::object{{"revision", r.fingerprint_revision}, {"sha256", r.fingerprint_sha256}};
  return json::serialize(o);
}

}  // namespace

std::string fingerprint_footer(long long revision, const std::string& sha256) {
  return "数据指纹 revision " + std::to_string(revision) + " · sha256 " + sha256;
}

ReportService::Built ReportService::build(const Principal& who, const std::string& unit,
                                          const std::string& period, const Prose& prose) {
  Built b;
  b.data = gather_summary(sources_, who, unit, period);
  b.sha256 = summary_sha256(b.data);
  b.document = build_summary(b.data, prose, fingerprint_footer(b.data.revision, b.sha256));
  return b;
}

namespace {

Report report_of(const store::ReportRow& r, const Principal& who) {
  Report out;
  out.id = r.id;
  out.template_name = r.template_name;
  out.unit = r.unit_code;
  out.unit_name = r.unit_name;
  out.period = r.period_code;
  out.title = r.title;
  out.state = r.state;
  out.prose = default_summary_prose();
  for (auto& [key, paragraphs] : prose_of_text(r.prose)) out.prose[key] = paragraphs;
  out.version = r.version;
  out.created_by = r.created_by;
  out.updated_by = r.updated_by;
  out.submitted_by = r.submitted_by;
  out.decided_by = r.decided_by;
  out.return_reason = r.return_reason;
  out.created_at = r.created_at;
  out.updated_at = r.updated_at;
  out.published_at = r.published_at;
  out.may_edit = can(who, Permission::write_reports) && (r.state == "draft" || r.state == "returned");
  out.may_approve = can(who, Permission::approve_reports) && r.state == "submitted" &&
                    (who.is_cli || (who.username != r.created_by && who.username != r.updated_by));
  if (r.state == "published") {
    out.figures_json = r.figures;
    out.fingerprint = ReportFingerprint{r.fingerprint_revision, r.fingerprint_sha256};
  }
  return out;
}

}  // namespace

Report ReportService::create(const Principal& who, const std::string& template_name, const std::string& unit,
                             const std::string& period, const std::string& title) {
  audit_.require(who, Permission::write_reports);
  if (template_name != "summary")
    throw InvalidInput("template", "unknown template " + template_name,
                       message_key("report.template.unknown", {{"template", template_name}}));
  if (auto problem = text_problem(title, kShortText))
    throw InvalidInput("title", "the title is too long or holds characters it may not",
                       message_key("report.title.invalid", {{"problem", *problem}}));
  long long id = db_.transact([&](soci::session& sql) {
    auto u = store::UnitRepository(sql).find_by_code(unit);
    if (!u || !who.in_scope(*u))
      throw NotFound("unit " + unit + " not found", message_key("report.unit.not_found", {{"unit", unit}}));
    auto p = store::EvaluationRepository(sql).find_period(period);
    if (!p)
      throw NotFound("period " + period + " not found",
                     message_key("report.period.not_found", {{"period", period}}));
    store::ReportRow row;
    row.template_name = template_name;
    row.unit_id = u->id;
    row.period_id = p->id;
    row.title = title.empty()
                    ? u->name + "创建全国文明城市工作" + (p->name.empty() ? p->code : p->name) + "工作总结"
                    : title;
    row.prose = "{}";
    row.created_by = who.username;
    row.created_at = audit_.clock().now_ms();
    store::ReportRepository repo(sql);
    long long new_id = repo.insert(row);
    audit_.record(sql, who,
                  {"report.create", "report", std::to_string(new_id), "", audit_json(*repo.find(new_id))});
    return new_id;
  });
  return get(who, id);
}

std::vector<Report> ReportService::list(const Principal& who, const ReportQuery& query) {
  audit_.require(who, Permission::read_reports);
  auto lease = db_.lease();
  store::ReportFilter f{query.period, query.unit, query.state};
  std::vector<Report> out;
  for (const auto& r : store::ReportRepository(*lease).list(f))
    if (who.in_scope(r.unit_path)) out.push_back(report_of(r, who));
  return out;
}

Report ReportService::get(const Principal& who, long long id) {
  audit_.require(who, Permission::read_reports);
  store::ReportRow row;
  {
    auto lease = db_.lease();
    row = load(*lease, who, id);
  }
  Report out = report_of(row, who);
  if (row.state != "published") {
    SummaryData data = gather_summary(sources_, who, row.unit_code, row.period_code);
    out.figures_json = figures_json_text(data.figures);
    out.fingerprint = ReportFingerprint{data.revision, summary_sha256(data)};
  }
  return out;
}

std::vector<ReportVersion> ReportService::versions(const Principal& who, long long id) {
  audit_.require(who, Permission::read_reports);
  auto lease = db_.lease();
  load(*lease, who, id);
  std::vector<ReportVersion> out;
  for (const auto& v : store::ReportRepository(*lease).versions(id))
    out.push_back({v.version, v.saved_by, v.saved_at});
  return out;
}

Report ReportService::update(const Principal& who, long long id, const Prose& prose, long long version) {
  audit_.require(who, Permission::write_reports);
  check_prose(prose);
  db_.transact([&](soci::session& sql) {
    store::ReportRow row = load(sql, who, id);
    if (row.state != "draft" && row.state != "returned") throw wrong_state(row, "edit");
    Prose merged = prose_of_text(row.prose);
    for (const auto& [key, paragraphs] : prose) merged[key] = paragraphs;
    store::ReportRepository repo(sql);
    if (!repo.update_prose(id, version, prose_text(merged), who.username, audit_.clock().now_ms()))
      throw Conflict("report " + std::to_string(id) + " changed since version " + std::to_string(version),
                     "version", message_key("report.version.stale"));
    audit_.record(
        sql, who,
        {"report.update", "report", std::to_string(id), audit_json(row), audit_json(*repo.find(id))});
  });
  return get(who, id);
}

Report ReportService::act(const Principal& who, long long id, const std::string& action,
                          const std::string& reason) {
  if (action == "refresh" || action == "submit")
    audit_.require(who, Permission::write_reports);
  else if (action == "approve" || action == "return" || action == "publish")
    audit_.require(who, Permission::approve_reports);
  else
    throw NotFound("no action " + action, message_key("report.action.unknown", {{"action", action}}));
  if (action == "return") {
    if (reason.empty())
      throw InvalidInput("reason", "a return needs a reason", message_key("report.return.reason_required"));
    if (auto problem = text_problem(reason, kLongText))
      throw InvalidInput("reason", "the reason is too long or holds characters it may not",
                         message_key("report.reason.invalid", {{"problem", *problem}}));
  }
  // Publishing renders the four files before the transaction (from the data now) and keeps them.
  std::map<std::string, std::string> published_files;
  std::string figures;
  ReportFingerprint fp;
  if (action == "publish") {
    store::ReportRow row;
    {
      auto lease = db_.lease();
      row = load(*lease, who, id);
    }
    if (row.state != "approved") throw wrong_state(row, action);
    Prose prose = default_summary_prose();
    for (auto& [key, paragraphs] : prose_of_text(row.prose)) prose[key] = paragraphs;
    Built b = build(who, row.unit_code, row.period_code, prose);
    b.document.title = row.title;
    for (const char* format : kFormats)
      published_files[format] = files_.put(render::render_document(b.document, b.data.figures, format).bytes);
    figures = figures_json_text(b.data.figures);
    fp = {b.data.revision, b.sha256};
  }
  db_.transact([&](soci::session& sql) {
    store::ReportRow row = load(sql, who, id);
    store::ReportRow before = row;
    if (action == "refresh" || action == "submit") {
      if (row.state != "draft" && row.state != "returned") throw wrong_state(row, action);
      if (action == "submit") {
        row.state = "submitted";
        row.submitted_by = who.username;
        row.return_reason.clear();
      }
    } else if (action == "approve") {
      if (row.state != "submitted") throw wrong_state(row, action);
      if (!who.is_cli && (who.username == row.created_by || who.username == row.updated_by))
        throw Forbidden("the author of a report may not approve it", message_key("report.four_eyes"));
      row.state = "approved";
      row.decided_by = who.username;
    } else if (action == "return") {
      if (row.state != "submitted" && row.state != "approved") throw wrong_state(row, action);
      row.state = "returned";
      row.decided_by = who.username;
      row.return_reason = reason;
    } else {
      if (row.state != "approved") throw wrong_state(row, action);
      row.state = "published";
      row.published_at = audit_.clock().now_ms();
      row.fingerprint_revision = fp.revision;
      row.fingerprint_sha256 = fp.sha256;
      row.figures = figures;
      std::string files;
      for (const auto& [format, file_id] : published_files)
        files += (files.empty() ? "" : ",") + format + "=" + file_id;
      row.files = files;
    }
    store::ReportRepository repo(sql);
    repo.update_state(row, who.username, audit_.clock().now_ms());
    audit_.record(
        sql, who,
        {"report." + action, "report", std::to_string(id), audit_json(before), audit_json(*repo.find(id))});
  });
  return get(who, id);
}

render::RenderedFile ReportService::document(const Principal& who, long long id, const std::string& format) {
  audit_.require(who, Permission::read_reports);
  render::require_report_format(format);
  store::ReportRow row;
  {
    auto lease = db_.lease();
    row = load(*lease, who, id);
  }
  if (row.state == "published") {
    auto files = files_of(row.files);
    auto it = files.find(format);
    if (it == files.end() || !files_.exists(it->second))
      throw NotFound("the published file is missing",
                     message_key("report.file.missing", {{"format", format}}));
    return render::kept_file(files_.read(it->second), format);
  }
  Prose prose = default_summary_prose();
  for (auto& [key, paragraphs] : prose_of_text(row.prose)) prose[key] = paragraphs;
  Built b = build(who, row.unit_code, row.period_code, prose);
  b.document.title = row.title;
  return render::render_document(b.document, b.data.figures, format);
}

}  // namespace civic::service
