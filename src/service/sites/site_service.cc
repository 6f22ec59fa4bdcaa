#include "service/sites/site_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "bundle/framework_document.h"
#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/text_limit.h"
#include "service/core/json_text.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/sites/site_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string number_text(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *v);
  return ec == std::errc() ? std::string(buf, end) : "";
}

std::string snapshot(const store::SiteRecord& s) {
  return JsonText()
      .add("code", s.code)
      .add("name", s.name)
      .add("type", s.type)
      .add("unit", s.unit)
      .add("lat", number_text(s.lat))
      .add("lon", number_text(s.lon))
      .add("address", s.address)
      .add("grid_cell", s.grid_cell)
      .add("version", s.version)
      .str();
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '/' || c == '?' || c == '#' || c == '%' || c == ',' || c == '"') return false;
  }
  return true;
}

void bump_revisions(soci::session& sql) {
  store::EvaluationRepository repo(sql);
  repo.bump_revision();
  repo.bump_structure_revision();
}

Site view_of(const store::SiteRecord& r) {
  return {r.code, r.name, r.type, r.unit, r.unit_name, r.lat, r.lon, r.address, r.grid_cell, r.version};
}

// The sites `query` asks for within the caller's scope; `under` outside it is NotFound (audited).
store::SiteFilter scope_filter(AuditService& audit, soci::session& sql, const Principal& who,
                               const SiteQuery& query) {
  std::string path = who.is_cli ? "/" : who.unit_path;
  if (!query.under.empty()) {
    auto unit = store::UnitRepository(sql).find_by_code(query.under);
    if (!unit || !who.in_scope(unit->path)) audit.deny_out_of_scope(who, "unit", query.under);
    path = unit->path;
  }
  return {path, store::path_upper_bound(path), query.type, query.text};
}

InvalidInput unit_not_in_scope(const std::string& unit) {
  return InvalidInput("unit", "no unit " + unit + " in your scope",
                      message_key("site.unit.not_in_scope", {{"unit", unit}}));
}

Conflict stale_version() {
  return Conflict("the site was changed by someone else; reload and edit again", "version",
                  message_key("site.version.stale"));
}

}  // namespace

Page<Site> SiteService::search(const Principal& who, const SiteQuery& query, const PageRequest& page) {
  audit_.require(who, Permission::read_sites);
  page.validate();
  auto lease = db_.lease();
  store::SiteFilter filter = scope_filter(audit_, *lease, who, query);
  store::SiteRepository repo(*lease);
  Page<Site> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count(filter);
  for (const auto& r : repo.list(filter, page.page_size, page.offset())) out.items.push_back(view_of(r));
  return out;
}

void SiteService::require_in_scope(const Principal& who, const std::string& code) {
  std::optional<store::SiteRecord> site;
  {
    auto lease = db_.lease();
    site = store::SiteRepository(*lease).find(code);
  }
  // Outside any transaction: the refusal is audited in its own one.
  if (!site || !who.in_scope(site->unit_path)) audit_.deny_out_of_scope(who, "site", code);
}

Site SiteService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_sites);
  auto lease = db_.lease();
  auto site = store::SiteRepository(*lease).find(code);
  if (!site || !who.in_scope(site->unit_path)) audit_.deny_out_of_scope(who, "site", code);
  return view_of(*site);
}

std::vector<std::string> SiteService::framework_site_types(soci::session& sql,
                                                           const std::string& period_code) {
  store::EvaluationRepository repo(sql);
  std::optional<store::FrameworkRow> framework;
  if (!period_code.empty()) {
    auto period = repo.find_period(period_code);
    if (!period)
      throw NotFound("no period " + period_code,
                     message_key("site.period.not_found", {{"period", period_code}}));
    framework = repo.framework_by_id(period->framework_id);
  } else {
    auto periods = repo.list_periods();
    std::string today = to_iso(civil_date_of(audit_.clock().now_ms()));
    const store::PeriodRow* chosen = nullptr;
    for (const auto& p : periods) {
      if (p.start <= today && today <= p.end) chosen = &p;
    }
    for (const auto& p : periods) {
      if (!chosen || (!(chosen->start <= today && today <= chosen->end) && p.start > chosen->start))
        chosen = &p;
    }
    if (chosen) {
      framework = repo.framework_by_id(chosen->framework_id);
    } else {
      auto latest = repo.list_latest_frameworks();
      if (!latest.empty()) framework = repo.framework_by_id(latest.back().id);
    }
  }
  std::vector<std::string> types;
  if (!framework) return types;
  Framework fw = bundle::read_framework_document(framework->document);
  auto add = [&types](const std::string& t) {
    if (std::find(types.begin(), types.end(), t) == types.end()) types.push_back(t);
  };
  for (const auto& t : fw.site_types) add(t.code);
  for (const Item* item : fw.items()) {
    for (const auto& check : item->checks) {
      for (const auto& t : check.site_types) add(t);
    }
  }
  return types;
}

std::vector<SiteTypeCount> SiteService::site_types(const Principal& who, const std::string& period) {
  audit_.require(who, Permission::read_sites);
  auto lease = db_.lease();
  std::vector<std::string> types = framework_site_types(*lease, period);
  std::string path = who.is_cli ? "/" : who.unit_path;
  auto counts = store::SiteRepository(*lease).count_by_type(path, store::path_upper_bound(path));
  std::map<std::string, long long> by_type(counts.begin(), counts.end());
  std::vector<SiteTypeCount> out;
  for (const auto& t : types) {
    out.push_back({t, by_type.count(t) ? by_type[t] : 0});
    by_type.erase(t);
  }
  for (const auto& [t, n] : by_type) out.push_back({t, n});
  return out;
}

namespace {

// Field checks shared by create and update; `types` empty accepts any type.
void check_draft(const SiteDraft& d, const std::vector<std::string>& types) {
  if (!valid_code(d.code)) {
    throw InvalidInput("code", "a site code has 1–64 characters without spaces, commas, quotes or / ? # %",
                       message_key("site.code.invalid"));
  }
  if (d.name.empty() || char_count(d.name) > 200) {
    throw InvalidInput("name", "a site name has 1–200 bytes", message_key("site.name.length"));
  }
  if (d.type.empty())
    throw InvalidInput("type", "a site type is required", message_key("site.type.required"));
  if (!types.empty() && std::find(types.begin(), types.end(), d.type) == types.end()) {
    throw InvalidInput("type", "not a site type of the current framework: " + d.type,
                       message_key("site.type.unknown", {{"type", d.type}}));
  }
  if (d.unit.empty()) {
    throw InvalidInput("unit", "a responsible unit is required", message_key("site.unit.required"));
  }
  if (d.lat.has_value() != d.lon.has_value()) {
    throw InvalidInput(d.lat ? "lon" : "lat", "latitude and longitude come together",
                       message_key("site.coordinates.together"));
  }
  if (d.lat && !(*d.lat >= -90 && *d.lat <= 90)) {
    throw InvalidInput("lat", "latitude must be from -90 to 90", message_key("site.lat.range"));
  }
  if (d.lon && !(*d.lon >= -180 && *d.lon <= 180)) {
    throw InvalidInput("lon", "longitude must be from -180 to 180", message_key("site.lon.range"));
  }
  if (char_count(d.address) > 500) {
    throw InvalidInput("address", "an address has at most 500 characters",
                       message_key("site.address.too_long"));
  }
  if (char_count(d.grid_cell) > 100) {
    throw InvalidInput("grid_cell", "a grid cell has at most 100 characters",
                       message_key("site.grid_cell.too_long"));
  }
}

store::SiteRecord record_of(const SiteDraft& d, const Unit& unit) {
  store::SiteRecord r;
  r.code = d.code;
  r.name = d.name;
  r.type = d.type;
  r.unit_id = unit.id;
  r.unit = unit.code;
  r.unit_name = unit.name;
  r.unit_path = unit.path;
  r.lat = d.lat;
  r.lon = d.lon;
  r.address = d.address;
  r.grid_cell = d.grid_cell;
  return r;
}

}  // namespace

Site SiteService::create(const Principal& who, const SiteDraft& draft) {
  audit_.require(who, Permission::manage_sites);
  return db_.transact([&](soci::session& sql) {
    check_draft(draft, framework_site_types(sql, ""));
    auto unit = store::UnitRepository(sql).find_by_code(draft.unit);
    if (!unit || !who.in_scope(unit->path)) throw unit_not_in_scope(draft.unit);
    store::SiteRepository repo(sql);
    if (repo.find(draft.code)) {
      throw Conflict("a site with code " + draft.code + " exists", "code",
                     message_key("site.code.exists", {{"code", draft.code}}));
    }
    bump_revisions(sql);
    store::SiteRecord site = record_of(draft, *unit);
    site.id = repo.insert(site, audit_.clock().now_ms());
    site.version = 1;
    audit_.record(sql, who, {"site.create", "site", site.code, "", snapshot(site)});
    return view_of(site);
  });
}

Site SiteService::update(const Principal& who, const SiteDraft& draft, long long version) {
  audit_.require(who, Permission::manage_sites);
  require_in_scope(who, draft.code);
  return db_.transact([&](soci::session& sql) {
    store::SiteRepository repo(sql);
    auto before = repo.find(draft.code);
    if (!before || !who.in_scope(before->unit_path)) {
      throw NotFound("no site " + draft.code, message_key("site.not_found", {{"code", draft.code}}));
    }
    check_draft(draft, framework_site_types(sql, ""));
    auto unit = store::UnitRepository(sql).find_by_code(draft.unit);
    if (!unit || !who.in_scope(unit->path)) throw unit_not_in_scope(draft.unit);
    if (before->version != version) {
      throw Conflict("the site was changed by someone else (version " + std::to_string(before->version) +
                         "); reload and edit again",
                     "version", message_key("site.version.stale"));
    }
    bump_revisions(sql);
    store::SiteRecord site = record_of(draft, *unit);
    site.id = before->id;
    if (!repo.update(site, version, audit_.clock().now_ms())) throw stale_version();
    site.version = version + 1;
    audit_.record(sql, who, {"site.update", "site", site.code, snapshot(*before), snapshot(site)});
    return view_of(site);
  });
}

void SiteService::remove(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::manage_sites);
  require_in_scope(who, code);
  db_.transact([&](soci::session& sql) {
    store::SiteRepository repo(sql);
    auto before = repo.find(code);
    if (!before || !who.in_scope(before->unit_path)) {
      throw NotFound("no site " + code, message_key("site.not_found", {{"code", code}}));
    }
    long long inspections = repo.inspection_count(before->id);
    if (inspections > 0) {
      throw Conflict("the site has " + std::to_string(inspections) + " inspections and cannot be deleted", "",
                     message_key("site.delete.inspected", {{"count", std::to_string(inspections)}}));
    }
    bump_revisions(sql);
    try {
      repo.remove(before->id);
    } catch (const soci::soci_error&) {
      // Another record (a case, a round) refers to the site; the transaction rolls back.
      throw Conflict("other records (cases, inspection rounds) refer to the site; it cannot be deleted", "",
                     message_key("site.delete.referenced"));
    }
    audit_.record(sql, who, {"site.delete", "site", code, snapshot(*before), ""});
  });
}

SiteImportSummary SiteService::import_csv(const Principal& who, std::string_view csv) {
  audit_.require(who, Permission::manage_sites);
  SiteTable table = parse_site_table(csv);
  return db_.transact([&](soci::session& sql) {
    std::vector<TableCellError> errors = table.errors;
    std::vector<std::string> types = framework_site_types(sql, "");
    store::UnitRepository units(sql);
    store::SiteRepository repo(sql);
    std::map<std::string, std::optional<Unit>> unit_cache;
    struct Planned {
      store::SiteRecord site;
      std::optional<store::SiteRecord> before;
    };
    std::vector<Planned> plan;
    std::vector<std::string> codes;
    for (const SiteTableRow& row : table.rows) codes.push_back(row.code);
    const auto stored = repo.find_many(codes);  // a query per few thousand codes, not one per row
    for (const SiteTableRow& row : table.rows) {
      size_t errors_before = errors.size();
      if (!types.empty() && std::find(types.begin(), types.end(), row.type) == types.end()) {
        errors.push_back(
            {row.row, table.column_name("type"), "not a site type of the current framework: " + row.type});
      }
      auto cached = unit_cache.find(row.unit);
      if (cached == unit_cache.end())
        cached = unit_cache.emplace(row.unit, units.find_by_code(row.unit)).first;
      const std::optional<Unit>& unit = cached->second;
      if (!unit || !who.in_scope(unit->path)) {
        errors.push_back({row.row, table.column_name("unit"), "no unit " + row.unit + " in your scope"});
      }
      auto found = stored.find(row.code);
      std::optional<store::SiteRecord> before;
      if (found != stored.end()) before = found->second;
      if (before && !who.in_scope(before->unit_path)) {
        // The code belongs to a site outside the caller's scope; say so without revealing it.
        errors.push_back({row.row, table.column_name("code"), "the code " + row.code + " is not available"});
      }
      if (errors.size() != errors_before) continue;
      SiteDraft d{row.code, row.name, row.type, row.unit, row.lat, row.lon, row.address, row.grid_cell};
      plan.push_back({record_of(d, *unit), before});
    }
    if (!errors.empty()) {
      std::stable_sort(errors.begin(), errors.end(),
                       [](const TableCellError& a, const TableCellError& b) { return a.row < b.row; });
      throw InvalidTable(std::move(errors));
    }
    bump_revisions(sql);
    TimeMs now = audit_.clock().now_ms();
    SiteImportSummary summary;
    std::vector<std::string> created_codes, updated_codes;
    std::vector<store::SiteRecord> created;
    for (Planned& p : plan) {
      if (p.before) {
        p.site.id = p.before->id;
        if (!repo.update(p.site, p.before->version, now)) {
          throw Conflict("site " + p.site.code + " changed during the import; import again", "",
                         message_key("site.import.changed", {{"code", p.site.code}}));
        }
        ++summary.updated;
        updated_codes.push_back(p.site.code);
      } else {
        created.push_back(p.site);
        ++summary.created;
        created_codes.push_back(p.site.code);
      }
    }
    repo.insert_many(created, now);  // COPY on PostgreSQL
    audit_.record(sql, who,
                  {"site.import", "site", "", "",
                   JsonText()
                       .add("created", summary.created)
                       .add("updated", summary.updated)
                       .add("created_codes", created_codes)
                       .add("updated_codes", updated_codes)
                       .str()});
    return summary;
  });
}

std::vector<SiteTableRow> SiteService::export_rows(const Principal& who, const SiteQuery& query) {
  audit_.require(who, Permission::read_sites);
  std::vector<SiteTableRow> rows;
  {
    auto lease = db_.lease();
    store::SiteFilter filter = scope_filter(audit_, *lease, who, query);
    for (const auto& s : store::SiteRepository(*lease).list(filter, -1, 0)) {
      SiteTableRow r;
      r.code = s.code;
      r.name = s.name;
      r.type = s.type;
      r.unit = s.unit;
      r.lat = s.lat;
      r.lon = s.lon;
      r.address = s.address;
      r.grid_cell = s.grid_cell;
      rows.push_back(std::move(r));
    }
  }
  audit_.record(who, {"site.export", "site", "", "",
                      JsonText()
                          .add("under", query.under)
                          .add("type", query.type)
                          .add("q", query.text)
                          .add("count", static_cast<long long>(rows.size()))
                          .str()});
  return rows;
}

std::string SiteService::export_csv(const Principal& who, const SiteQuery& query, bool chinese_header) {
  return write_site_table(export_rows(who, query), chinese_header);
}

}  // namespace civic::service
