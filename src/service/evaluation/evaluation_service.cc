#include "service/evaluation/evaluation_service.h"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <chrono>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/bundle_writer.h"
#include "bundle/framework_document.h"
#include "domain/core/error.h"
#include "service/core/json_text.h"
#include "service/evaluation/computed_statistics.h"
#include "service/evaluation/period_guard.h"
#include "service/evaluation/scoring_cache_metrics.h"
#include "store/evaluation/statistic_report_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string indexed(const char* list, size_t i, const char* field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + field;
}

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

// Unit type by depth below the root, for units a bundle brings that the tree does not have yet.
UnitType type_at_depth(int depth) {
  switch (depth) {
    case 0:
      return UnitType::city;
    case 1:
      return UnitType::district;
    case 2:
      return UnitType::street;
    default:
      return UnitType::community;
  }
}

// Bundle units ordered parents first (the reader guarantees one tree without cycles).
std::vector<size_t> parents_first(const std::vector<bundle::UnitRecord>& units) {
  std::map<std::string, std::vector<size_t>> children;
  std::vector<size_t> order;
  for (size_t i = 0; i < units.size(); ++i) {
    if (units[i].parent)
      children[*units[i].parent].push_back(i);
    else
      order.push_back(i);
  }
  for (size_t k = 0; k < order.size(); ++k) {
    for (size_t c : children[units[order[k]].code]) order.push_back(c);
  }
  return order;
}

// A bundle's statistic value counts as approved (evidence.md "Bundles and these workflows"): its workflow row
// says so, with an event naming the import (the import's audit record covers the whole bundle).
void record_imported_statistic(soci::session& sql, const Principal& who, const StatisticValue& s,
                               long long unit_id, long long period_id, TimeMs now) {
  store::StatisticReportRepository reports(sql);
  store::StatisticReportRow row;
  auto existing = reports.find(period_id, unit_id, s.metric);
  if (existing) row = *existing;
  row.period_id = period_id;
  row.unit_id = unit_id;
  row.metric = s.metric;
  row.value = s.value;
  row.state = "approved";
  row.reported_by = who.username;
  row.submitted_at = now;
  row.decided_by = who.username;
  row.decided_at = now;
  row.return_reason.clear();
  row.updated_at = now;
  if (existing) {
    reports.update(row, row.version);
  } else {
    row.id = reports.insert(row);
  }
  reports.append_event(row.id, {0, "import", who.username, now, s.value, "bundle.import"});
}

// An imported grade as a material submission in state graded (evidence.md "Bundles and these workflows").
void record_imported_grade(soci::session& sql, const MaterialGrade& g, long long unit, long long period,
                           const std::string& actor, TimeMs now) {
  long long t = now;
  std::string state = "graded", description = "bundle import", action = "import";
  sql << "INSERT INTO material_submissions (period_id, item, unit_id, description, state, submitted_by, "
         "submitted_at, created_by, created_at, updated_at) VALUES (:p, :i, :u, :d, :s, :b, :t, :c, :t2, "
         ":t3)",
      soci::use(period), soci::use(g.item), soci::use(unit), soci::use(description), soci::use(state),
      soci::use(actor), soci::use(t), soci::use(actor), soci::use(t), soci::use(t);
  long long id = 0;
  sql << "SELECT id FROM material_submissions WHERE period_id = :p AND item = :i AND unit_id = :u",
      soci::use(period), soci::use(g.item), soci::use(unit), soci::into(id);
  int seq = 1;
  std::string comment = "bundle import";
  sql << "INSERT INTO material_grades_history (submission_id, seq, grade, comment, reviewer, graded_at) "
         "VALUES (:s, :q, :g, :c, :r, :t)",
      soci::use(id), soci::use(seq), soci::use(g.grade), soci::use(comment), soci::use(actor), soci::use(t);
  sql << "INSERT INTO material_submission_events (submission_id, seq, actor, at, action, reason) "
         "VALUES (:s, :q, :a, :t, :x, :r)",
      soci::use(id), soci::use(seq), soci::use(actor), soci::use(t), soci::use(action), soci::use(comment);
}

}  // namespace

int ScoredPeriod::unit(const Principal& who, const std::string& code) const {
  auto it = unit_index.find(code);
  if (it == unit_index.end() || !who.in_scope(unit_path[it->second])) {
    throw NotFound("unit " + quoted(code) + " not found",
                   message_key("period.unit.not_found", {{"unit", code}}));
  }
  return it->second;
}

ImportSummary EvaluationService::import_bundle(const Principal& who, const bundle::Bundle& b) {
  audit_.require(who, Permission::import_evidence);
  TimeMs now = audit_.clock().now_ms();
  std::string document = bundle::write_framework_document(b.framework);

  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository repo(sql);
    store::UnitRepository unit_repo(sql);
    repo.bump_revision();  // first: the counter row lock orders importers, so row ids grow in commit order
    bool populations_changed = false;
    ImportSummary summary;
    summary.framework_code = b.framework.code;

    // The framework: the same content is reused; changed content is a new version, never an edit.
    long long framework_id = 0;
    auto latest = repo.latest_framework(b.framework.code);
    if (latest && latest->document == document) {
      framework_id = latest->id;
      summary.framework_version = latest->version;
    } else {
      store::FrameworkRow row{
          0, b.framework.code, latest ? latest->version + 1 : 1, b.framework.name, document, now};
      framework_id = repo.insert_framework(row);
      summary.framework_version = row.version;
      summary.framework_created = true;
    }

    // Units: existing ones must sit under the same parent; new ones are added under their parent.
    std::map<std::string, Unit> units;
    for (size_t i : parents_first(b.units)) {
      const auto& u = b.units[i];
      auto existing = unit_repo.find_by_code(u.code);
      if (existing) {
        // Parents come first, so the bundle's parent is already in `units`: compare ids, look up only to
        // explain.
        std::optional<long long> bundle_parent;
        if (u.parent) bundle_parent = units.at(*u.parent).id;
        if (existing->parent_id != bundle_parent) {
          std::optional<std::string> parent_code;
          if (existing->parent_id) parent_code = unit_repo.find_by_id(*existing->parent_id)->code;
          throw InvalidInput(indexed("units", i, "parent"),
                             "unit " + quoted(u.code) + " already exists under " +
                                 (parent_code ? quoted(*parent_code) : std::string("no parent (the root)")),
                             message_key("bundle.unit.other_parent", {{"unit", u.code}}));
        }
        if (u.population && static_cast<long long>(*u.population) != existing->population) {
          Unit changed = *existing;
          changed.population = static_cast<long long>(*u.population);
          unit_repo.update(changed, existing->version, now);
          populations_changed = true;
          existing = unit_repo.find_by_code(u.code);
        }
        units[u.code] = *existing;
        continue;
      }
      Unit fresh;
      fresh.code = u.code;
      fresh.name = u.name.empty() ? u.code : u.name;
      fresh.population = static_cast<long long>(u.population.value_or(0));
      if (u.parent) {
        const Unit& parent = units.at(*u.parent);
        fresh.parent_id = parent.id;
        fresh.type =
            type_at_depth(static_cast<int>(std::count(parent.path.begin(), parent.path.end(), '/')) - 1);
      } else {
        if (auto root = unit_repo.root()) {
          throw InvalidInput(indexed("units", i, "parent"),
                             "the unit tree already has the root " + quoted(root->code) +
                                 "; a bundle can only add units under it",
                             message_key("bundle.unit.second_root", {{"root", root->code}}));
        }
        fresh.type = UnitType::city;
      }
      units[u.code] = unit_repo.insert(fresh, now);
      ++summary.units_created;
    }

    // Periods keep the framework version they were created with.
    std::map<std::string, long long> period_ids;
    for (size_t i = 0; i < b.periods.size(); ++i) {
      const auto& p = b.periods[i];
      store::PeriodRow row;
      row.code = p.code;
      row.start = to_iso(p.start);
      row.end = to_iso(p.end);
      row.framework_id = framework_id;
      if (auto existing = repo.find_period(p.code)) {
        if (existing->start != row.start || existing->end != row.end) {
          throw InvalidInput(
              indexed("periods", i, "start"),
              "period " + quoted(p.code) + " already exists from " + existing->start + " to " + existing->end,
              message_key("period.dates.differ",
                          {{"period", p.code}, {"start", existing->start}, {"end", existing->end}}));
        }
        require_open_period(sql, p.code);  // a closed period takes no evidence, from a bundle neither
        if (existing->framework_id != framework_id) {
          auto fw = repo.framework_by_id(existing->framework_id);
          throw InvalidInput(
              "framework",
              "period " + quoted(p.code) + " is scored with framework " + quoted(fw->code) + " version " +
                  std::to_string(fw->version) + "; this bundle's framework differs from it",
              message_key(
                  "period.framework.frozen",
                  {{"period", p.code}, {"framework", fw->code}, {"version", std::to_string(fw->version)}}));
        }
        period_ids[p.code] = existing->id;
      } else {
        period_ids[p.code] = repo.insert_period(row, now);
        summary.periods.push_back(p.code);
      }
    }

    // Sites, inspections and responses go in bulk (store/core/bulk_insert.h): stored codes are looked up a
    // few thousand at a time and new rows written with COPY on PostgreSQL. Every check runs before the
    // rows it guards are written and reports the first offending record, as one row at a time would.
    std::vector<std::string> site_codes;
    for (const auto& s : b.sites) site_codes.push_back(s.code);
    std::unordered_map<std::string, long long> site_ids = repo.site_ids(site_codes);
    std::vector<store::SiteRow> new_sites;
    std::vector<long long> new_site_units;
    std::vector<std::string> new_site_codes;
    for (const auto& s : b.sites) {
      const Unit& unit = units.at(s.unit);
      if (site_ids.count(s.code)) continue;
      new_sites.push_back(store::SiteRow{0, s.code, s.name, s.type, s.unit, s.lat, s.lon, {}});
      new_site_units.push_back(unit.id);
      new_site_codes.push_back(s.code);
    }
    if (!new_sites.empty()) {
      repo.insert_sites(new_sites, new_site_units, now);
      for (auto& [code, id] : repo.site_ids(new_site_codes)) site_ids[code] = id;
      summary.sites_created = static_cast<int>(new_sites.size());
    }

    {
      std::vector<std::string> codes;
      for (const auto& r : b.inspections) codes.push_back(r.id);
      auto stored = repo.existing_inspections(codes);
      std::unordered_set<std::string> seen;
      std::vector<const Inspection*> rows;
      std::vector<long long> row_sites;
      for (size_t i = 0; i < b.inspections.size(); ++i) {
        const auto& r = b.inspections[i];
        if (stored.count(r.id) || !seen.insert(r.id).second) {
          throw InvalidInput(indexed("inspections", i, "id"),
                             "inspection " + quoted(r.id) + " is already imported",
                             message_key("bundle.inspection.imported", {{"id", r.id}}));
        }
        rows.push_back(&r);
        row_sites.push_back(site_ids.at(r.site));
      }
      repo.insert_inspections(rows, row_sites, now);
      summary.inspections = static_cast<int>(rows.size());
    }
    {
      std::vector<std::string> codes;
      for (const auto& r : b.responses) codes.push_back(r.id);
      auto stored = repo.existing_responses(codes);
      std::unordered_set<std::string> seen;
      std::vector<const Response*> rows;
      std::vector<long long> row_units;
      for (size_t i = 0; i < b.responses.size(); ++i) {
        const auto& r = b.responses[i];
        if (stored.count(r.id) || !seen.insert(r.id).second) {
          throw InvalidInput(indexed("responses", i, "id"),
                             "response " + quoted(r.id) + " is already imported",
                             message_key("bundle.response.imported", {{"id", r.id}}));
        }
        rows.push_back(&r);
        row_units.push_back(units.at(r.unit).id);
      }
      repo.insert_responses(rows, row_units, now);
      summary.responses = static_cast<int>(rows.size());
    }
    for (size_t i = 0; i < b.statistics.size(); ++i) {
      const auto& s = b.statistics[i];
      long long unit = units.at(s.unit).id, period = period_ids.at(s.period);
      if (repo.statistic_exists(s.metric, unit, period)) {
        throw InvalidInput(indexed("statistics", i, "metric"),
                           "a value of " + quoted(s.metric) + " for " + quoted(s.unit) + " in " +
                               quoted(s.period) + " is already imported",
                           message_key("bundle.statistic.imported",
                                       {{"metric", s.metric}, {"unit", s.unit}, {"period", s.period}}));
      }
      repo.insert_statistic(s, unit, period);
      record_imported_statistic(sql, who, s, unit, period, now);
      ++summary.statistics;
    }
    for (size_t i = 0; i < b.materials.size(); ++i) {
      const auto& g = b.materials[i];
      long long unit = units.at(g.unit).id, period = period_ids.at(g.period);
      if (repo.grade_exists(g.item, unit, period)) {
        throw InvalidInput(
            indexed("materials", i, "item"),
            "a grade of " + quoted(g.item) + " for " + quoted(g.unit) + " in " + quoted(g.period) +
                " is already imported",
            message_key("bundle.grade.imported", {{"item", g.item}, {"unit", g.unit}, {"period", g.period}}));
      }
      repo.insert_grade(g, unit, period);
      // The workflow row of a counted grade: a graded submission whose history holds the imported grade.
      record_imported_grade(sql, g, unit, period, who.username, now);
      ++summary.grades;
    }
    for (const auto& e : b.penalties) {
      repo.insert_penalty(e, units.at(e.unit).id, period_ids.at(e.period));
      ++summary.penalties;
    }
    // New inspections and responses alone are applied to cached scores in place; anything else reloads.
    if (summary.framework_created || populations_changed || summary.units_created > 0 ||
        !summary.periods.empty() || summary.sites_created > 0 || summary.statistics > 0 ||
        summary.grades > 0 || summary.penalties > 0) {
      repo.bump_structure_revision();
    }

    boost::json::object after{
        {"framework", summary.framework_code},    {"framework_version", summary.framework_version},
        {"units_created", summary.units_created}, {"sites_created", summary.sites_created},
        {"inspections", summary.inspections},     {"responses", summary.responses},
        {"statistics", summary.statistics},       {"grades", summary.grades},
        {"penalties", summary.penalties}};
    // Computed items are Civic's own: a bundle's values for them give way to what the data says.
    ComputedStatistics::refresh(sql);
    audit_.record(
        sql, who,
        AuditEvent{"bundle.import", "framework", summary.framework_code, "", boost::json::serialize(after)});
    return summary;
  });
}

bundle::Bundle EvaluationService::load_period(soci::session& sql, const store::PeriodRow& period,
                                              long long* inspection_max, long long* response_max) {
  store::EvaluationRepository repo(sql);
  bundle::Bundle b;
  auto fw = repo.framework_by_id(period.framework_id);
  b.framework = bundle::read_framework_document(fw->document);
  for (auto& u : repo.units()) {
    b.units.push_back(bundle::UnitRecord{
        u.code, u.name, u.parent, u.population > 0 ? std::optional<double>(u.population) : std::nullopt});
  }
  for (auto& s : repo.sites()) {
    b.sites.push_back(bundle::SiteRecord{s.code, s.name, s.type, s.unit, s.lat, s.lon});
  }
  b.periods.push_back(civic::Period{period.code, *parse_iso_date(period.start), *parse_iso_date(period.end)});
  // Results of checks the period's framework does not hold (another version's) are not this period's.
  std::set<std::string> checks;
  for (const Item* item : b.framework.items()) {
    for (const auto& c : item->checks) checks.insert(c.code);
  }
  b.inspections = repo.inspections_between(period.start, period.end, 0, inspection_max);
  for (auto& r : b.inspections) {
    std::erase_if(r.results, [&](const CheckResult& c) { return !checks.count(c.check); });
  }
  b.responses = repo.responses_between(period.start, period.end, 0, response_max);
  b.statistics = repo.statistics(period.id);
  b.materials = repo.grades(period.id);
  b.penalties = repo.penalties(period.id);
  return b;
}

bundle::Bundle EvaluationService::export_period(const Principal& who, const std::string& period_code) {
  audit_.require(who, Permission::import_evidence);
  auto lease = db_.lease();
  store::EvaluationRepository repo(*lease);
  auto period = repo.find_period(period_code);
  if (!period)
    throw NotFound("period " + quoted(period_code) + " not found",
                   message_key("period.not_found", {{"period", period_code}}));
  return load_period(*lease, *period);
}

std::shared_ptr<const ScoredPeriod> EvaluationService::scores(const Principal& who,
                                                              const std::string& period_code) {
  audit_.require(who, Permission::read_scores);
  store::PeriodRow period;
  store::EvaluationRepository::Revision revision;
  {
    auto lease = db_.lease();
    store::EvaluationRepository repo(*lease);
    auto found = repo.find_period(period_code);
    if (!found)
      throw NotFound("period " + quoted(period_code) + " not found",
                     message_key("period.not_found", {{"period", period_code}}));
    period = *found;
    revision = repo.revisions();
  }
  const bool closed = period.state == "closed";
  std::shared_ptr<const ScoredPeriod> cached;
  {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(period_code);
    if (it != cache_.end()) {
      // A closed period is scored from its snapshot: only a structure change (reopening) makes it stale.
      bool same_structure = it->second->structure_revision == revision.structure;
      if (same_structure && (closed || it->second->revision == revision.revision)) {
        scoring_cache_metrics().hits.fetch_add(1, std::memory_order_relaxed);
        return it->second;
      }
      cached = it->second;
    }
  }
  std::shared_ptr<const ScoredPeriod> scored;
  if (!closed && cached && cached->structure_revision == revision.structure &&
      cached->period.id == period.id && cached->period.state != "closed") {
    scored = add_new_evidence(*cached, revision);
    if (scored) scoring_cache_metrics().incremental.fetch_add(1, std::memory_order_relaxed);
  }
  if (!scored) {
    auto started = std::chrono::steady_clock::now();
    scored = load_and_score(period, revision);
    auto took =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    scoring_cache_metrics().reloads.fetch_add(1, std::memory_order_relaxed);
    scoring_cache_metrics().reload_microseconds.fetch_add(took.count(), std::memory_order_relaxed);
  }
  std::lock_guard lock(cache_mutex_);
  auto& slot = cache_[period_code];
  if (!slot || slot->revision <= scored->revision)
    slot = scored;  // another reader may have stored a newer one
  return scored;
}

std::shared_ptr<const ScoredPeriod> EvaluationService::load_and_score(
    const store::PeriodRow& period, const store::EvaluationRepository::Revision& revision) {
  auto scored = std::make_shared<ScoredPeriod>();
  bundle::Bundle b;
  std::map<std::string, std::string> paths;
  {
    auto lease = db_.lease();
    std::optional<std::string> snapshot;
    if (period.state == "closed") snapshot = store::EvaluationRepository(*lease).period_snapshot(period.id);
    if (snapshot)
      b = bundle::read_bundle(*snapshot);  // as at closing
    else
      b = load_period(*lease, period, &scored->inspection_watermark, &scored->response_watermark);
    store::UnitRepository units(*lease);
    if (auto root = units.root()) {
      for (const auto& u : units.subtree(root->path)) paths[u.code] = u.path;
    }
    scored->framework = *store::EvaluationRepository(*lease).framework_by_id(period.framework_id);
  }
  scored->dataset = bundle::build_dataset(b);
  scored->scores =
      std::make_unique<scoring::PeriodScores>(scored->dataset, scored->dataset.period_index(period.code));
  scored->unit_path.resize(scored->dataset.unit_count());
  for (int u = 0; u < scored->dataset.unit_count(); ++u) {
    scored->unit_index[scored->dataset.unit_code[u]] = u;
    scored->unit_path[u] = paths[scored->dataset.unit_code[u]];
  }
  scored->period = period;
  scored->revision = revision.revision;
  scored->structure_revision = revision.structure;
  return scored;
}

std::shared_ptr<const ScoredPeriod> EvaluationService::add_new_evidence(
    const ScoredPeriod& cached, const store::EvaluationRepository::Revision& revision) {
  // Each row is moved into place (linear in the rows after it): beyond this many a reload is cheaper.
  constexpr size_t kMaxRows = 2000;
  auto next = std::make_shared<ScoredPeriod>();
  next->inspection_watermark = cached.inspection_watermark;
  next->response_watermark = cached.response_watermark;
  std::vector<Inspection> inspections;
  std::vector<Response> responses;
  {
    auto lease = db_.lease();
    store::EvaluationRepository repo(*lease);
    inspections = repo.inspections_between(cached.period.start, cached.period.end,
                                           cached.inspection_watermark, &next->inspection_watermark);
    responses = repo.responses_between(cached.period.start, cached.period.end, cached.response_watermark,
                                       &next->response_watermark);
  }
  if (inspections.size() + responses.size() > kMaxRows) return nullptr;
  // Copy on write: readers may still hold `cached`.
  next->dataset = cached.dataset;
  next->scores = std::make_unique<scoring::PeriodScores>(*cached.scores, next->dataset);
  for (const auto& r : inspections) {
    auto row = bundle::insert_inspection(next->dataset, r);
    if (!row) return nullptr;
    next->scores->add_inspection(*row);
  }
  for (const auto& r : responses) {
    auto row = bundle::insert_response(next->dataset, r);
    if (!row) return nullptr;
    next->scores->add_response(*row);
  }
  next->unit_index = cached.unit_index;
  next->unit_path = cached.unit_path;
  next->period = cached.period;
  next->framework = cached.framework;
  next->revision = revision.revision;
  next->structure_revision = revision.structure;
  next->loaded_incrementally = true;
  next->rows_added = cached.rows_added + static_cast<long long>(inspections.size() + responses.size());
  return next;
}

std::vector<FrameworkVersion> EvaluationService::frameworks(const Principal& who) {
  audit_.require(who, Permission::read_framework);
  auto lease = db_.lease();
  std::vector<FrameworkVersion> out;
  for (const auto& f : store::EvaluationRepository(*lease).list_latest_frameworks())
    out.push_back({f.code, f.version, f.name});
  return out;
}

Framework EvaluationService::framework(const Principal& who, const std::string& code,
                                       std::optional<int> version) {
  audit_.require(who, Permission::read_framework);
  auto lease = db_.lease();
  store::EvaluationRepository repo(*lease);
  auto row = version ? repo.framework_version(code, *version) : repo.latest_framework(code);
  if (!row) {
    throw NotFound("framework " + quoted(code) + " not found",
                   version ? message_key("framework.version.not_found",
                                         {{"framework", code}, {"version", std::to_string(*version)}})
                           : message_key("framework.not_found", {{"framework", code}}));
  }
  return bundle::read_framework_document(row->document);
}

Period period_of(const store::PeriodRow& p) {
  return Period{p.code, p.start, p.end,       p.framework_code, p.framework_version,
                p.name, p.state, p.closed_at, p.closed_by};
}

std::vector<Period> EvaluationService::periods(const Principal& who) {
  audit_.require(who, Permission::read_framework);
  auto lease = db_.lease();
  std::vector<Period> out;
  for (const auto& p : store::EvaluationRepository(*lease).list_periods()) out.push_back(period_of(p));
  return out;
}

std::string EvaluationService::counted_evidence_document(store::Session& sql,
                                                         const store::PeriodRow& period) {
  return bundle::write_bundle(load_period(sql, period));
}

void EvaluationService::record_score_export(const Principal& who, const std::string& unit,
                                            const std::string& period, long long rows) {
  audit_.record(who, {"score.export", "unit", unit, "",
                      JsonText().add("unit", unit).add("period", period).add("rows", rows).str()});
}

}  // namespace civic::service
