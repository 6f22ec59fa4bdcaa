#include "service/inspections/inspection_service.h"

#include <soci/soci.h>

#include <boost/json.hpp>
#include <map>
#include <set>

#include "bundle/framework_document.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "platform/secret.h"
#include "service/core/json_text.h"
#include "service/evaluation/period_guard.h"
#include "service/inspections/round_service.h"
#include "store/accounts/user_repository.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/inspections/round_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace json = boost::json;

namespace {

constexpr TimeMs kClockSkewMs = 10LL * 60 * 1000;

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

std::string scope_path(const Principal& who) {
  return who.is_cli ? "/" : who.unit_path;
}

bool office_like(const Principal& who) {
  return who.is_cli || who.has_role(Role::office);
}

// Inspectors (without office or leader roles) see only their own inspections.
bool own_only(const Principal& who) {
  return !who.is_cli && !who.has_role(Role::office) && !who.has_role(Role::leader) &&
         who.has_role(Role::inspector);
}

// The evidence date of a time: its business day (domain/core/civil_time.h).
std::string local_date(TimeMs t) {
  return to_iso(civil_date_of(t));
}

void validate_client_id(const std::string& id) {
  if (id.empty() || id.size() > 100)
    throw InvalidInput("client_id", "client_id has 1 to 100 characters",
                       message_key("inspection.client_id.length"));
  for (char c : id) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok)
      throw InvalidInput("client_id", "client_id holds only letters, digits, '-' and '_' (a UUID)",
                         message_key("inspection.client_id.characters"));
  }
}

InspectionRecord record_of(const store::InspectionRow& row) {
  InspectionRecord r;
  r.code = row.code;
  r.version = row.version;
  r.round = row.round;
  r.site = row.site;
  r.site_name = row.site_name;
  r.site_type = row.site_type;
  r.unit = row.unit;
  r.inspector = row.inspector;
  r.inspector_name = row.inspector_name;
  r.inspected_on = row.inspected_on;
  r.inspected_at = row.inspected_at;
  r.submitted_at = row.submitted_at;
  if (row.lat && row.lon) r.gps = GpsFix{*row.lat, *row.lon, row.accuracy};
  r.note = row.note;
  r.reason = row.version_reason;
  for (const auto& x : row.results) r.results.push_back({x.check, x.failures, x.note, x.photos});
  return r;
}

json::array results_json(const std::vector<ResultInput>& results) {
  json::array a;
  for (const auto& r : results) {
    json::array photos(r.photos.begin(), r.photos.end());
    a.push_back({{"check", r.check},
                 {"failures", r.failures ? json::value(*r.failures) : json::value(nullptr)},
                 {"note", r.note},
                 {"photos", std::move(photos)}});
  }
  return a;
}

// What identifies a request for idempotency: its meaningful content, canonically serialized, and the caller.
std::string request_hash(const Principal& who, const SubmitInspection& in) {
  json::object o{{"kind", "submit"},
                 {"user", who.username},
                 {"round", in.round},
                 {"site", in.site},
                 {"inspected_at", in.inspected_at ? json::value(*in.inspected_at) : json::value(nullptr)},
                 {"note", in.note},
                 {"results", results_json(in.results)}};
  if (in.gps) {
    o["gps"] = {{"lat", in.gps->lat},
                {"lon", in.gps->lon},
                {"accuracy", in.gps->accuracy ? json::value(*in.gps->accuracy) : json::value(nullptr)}};
  }
  return platform::sha256_hex(json::serialize(o));
}

std::string request_hash(const Principal& who, const std::string& code, const CorrectInspection& in) {
  json::object o{{"kind", "correct"},   {"user", who.username}, {"inspection", code},
                 {"reason", in.reason}, {"note", in.note},      {"results", results_json(in.results)}};
  return platform::sha256_hex(json::serialize(o));
}

std::string snapshot_json(const store::InspectionRow& row) {
  json::array results;
  for (const auto& r : row.results) {
    results.push_back({{"check", r.check},
                       {"failures", r.failures ? json::value(*r.failures) : json::value(nullptr)},
                       {"note", r.note},
                       {"photos", json::array(r.photos.begin(), r.photos.end())}});
  }
  auto opt = [](const auto& v) { return v ? json::value(*v) : json::value(nullptr); };
  return json::serialize(json::object{{"version", row.version},
                                      {"note", row.note},
                                      {"reason", row.version_reason},
                                      {"inspected_at", opt(row.inspected_at)},
                                      {"submitted_at", opt(row.submitted_at)},
                                      {"lat", opt(row.lat)},
                                      {"lon", opt(row.lon)},
                                      {"accuracy", opt(row.accuracy)},
                                      {"results", std::move(results)}});
}

// `row` as the snapshot says (the version's own fields and results; identity fields stay).
void apply_snapshot(store::InspectionRow& row, const std::string& snapshot) {
  json::object o = json::parse(snapshot).as_object();
  auto opt_int = [&](const char* k) {
    return o.at(k).is_null() ? std::optional<TimeMs>() : std::optional<TimeMs>(o.at(k).to_number<TimeMs>());
  };
  auto opt_double = [&](const char* k) {
    return o.at(k).is_null() ? std::optional<double>() : std::optional<double>(o.at(k).to_number<double>());
  };
  row.version = static_cast<int>(o.at("version").to_number<long long>());
  row.note = std::string(o.at("note").as_string());
  row.version_reason = std::string(o.at("reason").as_string());
  row.inspected_at = opt_int("inspected_at");
  row.submitted_at = opt_int("submitted_at");
  row.lat = opt_double("lat");
  row.lon = opt_double("lon");
  row.accuracy = opt_double("accuracy");
  row.results.clear();
  for (const auto& v : o.at("results").as_array()) {
    const auto& r = v.as_object();
    store::InspectionResultRow result;
    result.check = std::string(r.at("check").as_string());
    if (!r.at("failures").is_null())
      result.failures = static_cast<int>(r.at("failures").to_number<long long>());
    result.note = std::string(r.at("note").as_string());
    for (const auto& p : r.at("photos").as_array()) result.photos.emplace_back(p.as_string());
    row.results.push_back(std::move(result));
  }
}

// Checks every result against the form: known check, no duplicate, failures ≥ 0, every form check present,
// photos stored, a failure of a photo_required check with a photo. A correction passes the failures of the
// version it corrects: a check that failed there already keeps the evidence it had (inspections from before
// the photo rule have none). Returns the form checks by code.
std::map<std::string, FormCheck> validate_results(soci::session& sql, PhotoService& photos,
                                                  const std::vector<FormCheck>& form,
                                                  const std::vector<ResultInput>& results,
                                                  const std::map<std::string, int>& failed_before = {}) {
  std::map<std::string, FormCheck> by_code;
  for (const auto& c : form) by_code[c.check] = c;
  std::set<std::string> seen;
  for (size_t i = 0; i < results.size(); ++i) {
    std::string at = "results[" + std::to_string(i) + "]";
    const auto& r = results[i];
    if (!by_code.count(r.check))
      throw InvalidInput(at + ".check", "not a check of this form: " + quoted(r.check),
                         message_key("inspection.check.unknown", {{"check", r.check}}));
    if (!seen.insert(r.check).second)
      throw InvalidInput(at + ".check", "check " + quoted(r.check) + " is given twice",
                         message_key("inspection.check.duplicate", {{"check", r.check}}));
    if (r.failures && (*r.failures < 0 || *r.failures > 1000)) {
      throw InvalidInput(at + ".failures", "failures is a whole number from 0 to 1000, or null for n/a",
                         message_key("inspection.failures.range"));
    }
    if (char_count(r.note) > 2000)
      throw InvalidInput(at + ".note", "note is at most 2000 characters",
                         message_key("inspection.result_note.too_long"));
    if (r.photos.size() > 20)
      throw InvalidInput(at + ".photos", "at most 20 photos per check",
                         message_key("inspection.photos.too_many"));
    if (!r.photos.empty()) photos.require_existing(sql, r.photos, at + ".photos");
    auto before = failed_before.find(r.check);
    bool failed_already = before != failed_before.end() && before->second > 0;
    if (r.failures && *r.failures > 0 && r.photos.empty() && by_code.at(r.check).photo_required &&
        !failed_already)
      throw InvalidInput("results." + r.check + ".photos",
                         "check " + quoted(r.check) + " has failures and needs at least one photo",
                         message_key("inspection.photos.required", {{"check", r.check}}));
  }
  for (const auto& c : form) {
    if (!seen.count(c.check)) {
      throw InvalidInput(
          "results", "every check of the form needs a result (failures or null): missing " + quoted(c.check),
          message_key("inspection.result.missing", {{"check", c.check}}));
    }
  }
  return by_code;
}

std::vector<store::InspectionResultRow> result_rows(const std::vector<ResultInput>& results) {
  std::vector<store::InspectionResultRow> out;
  for (const auto& r : results) out.push_back({r.check, r.failures, r.note, r.photos});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.check < b.check; });
  return out;
}

// A failed soci write of a unique key (a concurrent duplicate) and any other database error look alike to
// the caller; both are answered by re-reading the client id.
bool is_database_error(const std::exception& e) {
  return dynamic_cast<const civic::Error*>(&e) == nullptr;
}

// The form of an inspection without a round: every field check of the framework of the period holding
// its date that applies to the site's type.
std::vector<FormCheck> form_for(soci::session& sql, const store::InspectionRow& row,
                                std::string* period_code) {
  store::EvaluationRepository evaluation(sql);
  if (row.round_id) {
    auto round = store::RoundRepository(sql).find(row.round);
    *period_code = round->period;
    return form_checks(sql, *round, row.site_type);
  }
  for (const auto& p : evaluation.list_periods()) {
    if (p.start <= row.inspected_on && row.inspected_on <= p.end) {
      store::RoundRow pseudo;
      pseudo.period_id = p.id;
      *period_code = p.code;
      return form_checks(sql, pseudo, row.site_type);
    }
  }
  throw Conflict("inspection " + quoted(row.code) + " belongs to no period", {},
                 message_key("inspection.period.none", {{"inspection", row.code}}));
}

}  // namespace

InspectionView InspectionService::build_view(soci::session& sql, const store::InspectionRow& row) {
  InspectionView v;
  v.inspection = record_of(row);
  store::InspectionRepository repo(sql);
  if (row.round_id) {
    v.period = store::RoundRepository(sql).find(row.round)->period;
  } else {
    for (const auto& p : store::EvaluationRepository(sql).list_periods()) {
      if (p.start <= row.inspected_on && row.inspected_on <= p.end) v.period = p.code;
    }
  }
  for (const auto& old : repo.versions(row.id))
    v.versions.push_back({old.version, old.submitted_at, old.reason});
  return v;
}

std::optional<InspectionView> InspectionService::earlier_answer(const std::string& client_id,
                                                                const std::string& hash) {
  auto lease = db_.lease();
  auto row = store::InspectionRepository(*lease).find_client_id(client_id);
  if (!row) return std::nullopt;
  if (row->request_hash != hash) {
    throw Conflict("client_id " + quoted(client_id) + " was used for a different submission", "client_id",
                   message_key("inspection.client_id.reused", {{"client_id", client_id}}));
  }
  return retry_answer(*lease, *row);
}

InspectionView InspectionService::retry_answer(soci::session& sql, const store::ClientIdRow& row) {
  store::InspectionRepository repo(sql);
  auto current = repo.find_by_id(row.inspection_id);
  store::InspectionRow at_version = *current;
  if (row.version != current->version)
    apply_snapshot(at_version, repo.version(row.inspection_id, row.version)->snapshot);
  InspectionView v = build_view(sql, *current);
  v.inspection = record_of(at_version);
  v.versions.push_back({current->version, current->submitted_at.value_or(0), current->version_reason});
  v.cases = row.cases;
  v.created = false;
  return v;
}

InspectionView InspectionService::submit(const Principal& who, const SubmitInspection& input) try {
  audit_.require(who, Permission::submit_inspections);
  validate_client_id(input.client_id);
  if (input.round.empty()) throw InvalidInput("round", "round is required", message_key("input.required"));
  if (input.site.empty()) throw InvalidInput("site", "site is required", message_key("input.required"));
  if (!input.inspected_at)
    throw InvalidInput("inspected_at", "inspected_at is required", message_key("input.required"));
  if (input.gps) {
    if (!(input.gps->lat >= -90 && input.gps->lat <= 90))
      throw InvalidInput("gps.lat", "lat is from -90 to 90", message_key("inspection.gps.lat_range"));
    if (!(input.gps->lon >= -180 && input.gps->lon <= 180))
      throw InvalidInput("gps.lon", "lon is from -180 to 180", message_key("inspection.gps.lon_range"));
    if (input.gps->accuracy && !(*input.gps->accuracy >= 0 && *input.gps->accuracy <= 100000)) {
      throw InvalidInput("gps.accuracy", "accuracy is metres from 0 to 100000",
                         message_key("inspection.gps.accuracy_range"));
    }
  }
  if (char_count(input.note) > 4000)
    throw InvalidInput("note", "note is at most 4000 characters", message_key("inspection.note.too_long"));
  std::string hash = request_hash(who, input);
  if (auto earlier = earlier_answer(input.client_id, hash)) return *earlier;
  try {
    return db_.transact([&](soci::session& sql) -> InspectionView {
      store::EvaluationRepository evaluation(sql);
      evaluation.bump_revision();  // first: orders writers, so evidence ids grow in commit order
      store::InspectionRepository repo(sql);
      if (auto row = repo.find_client_id(input.client_id)) {
        if (row->request_hash != hash) {
          throw Conflict("client_id " + quoted(input.client_id) + " was used for a different submission",
                         "client_id",
                         message_key("inspection.client_id.reused", {{"client_id", input.client_id}}));
        }
        return retry_answer(sql, *row);
      }
      store::RoundRepository rounds(sql);
      auto round = rounds.find(input.round);
      if (!round) throw ScopeRefusal{"round", input.round};
      auto site_id = evaluation.site_id(input.site);
      auto site = site_id ? rounds.find_site(round->id, *site_id) : std::nullopt;
      if (!site)
        throw InvalidInput(
            "site", "not a site of round " + quoted(input.round) + ": " + quoted(input.site),
            message_key("inspection.site.not_in_round", {{"round", input.round}, {"site", input.site}}));
      store::UnitRepository units(sql);
      auto unit = units.find_by_code(site->unit);
      bool allowed = who.in_scope(unit->path) && (office_like(who) || site->inspector_id == who.user_id);
      if (!allowed) throw ScopeRefusal{"round_site", input.round + "/" + input.site};
      if (round->status != "open")
        throw Conflict("round " + quoted(input.round) + " is completed", "round",
                       message_key("inspection.round.completed", {{"round", input.round}}));
      if (site->status == "submitted") {
        throw Conflict("site " + quoted(input.site) + " is already inspected in round " +
                           quoted(input.round) + " (" + site->inspection.value_or("") +
                           "); submit a correction instead",
                       "site",
                       message_key("inspection.site.already_inspected",
                                   {{"site", input.site},
                                    {"round", input.round},
                                    {"inspection", site->inspection.value_or("")}}));
      }
      require_open_period(sql, round->period);
      auto period = evaluation.find_period(round->period);
      std::string date = local_date(*input.inspected_at);
      if (date < period->start || date > period->end) {
        throw InvalidInput(
            "inspected_at", "the inspection date " + date + " lies outside period " + period->code,
            message_key("inspection.date.outside_period", {{"date", date}, {"period", period->code}}));
      }
      TimeMs now = clock_.now_ms();
      if (*input.inspected_at > now + kClockSkewMs)
        throw InvalidInput("inspected_at", "inspected_at is in the future",
                           message_key("inspection.time.future"));
      auto form = form_checks(sql, *round, site->site_type);
      auto by_code = validate_results(sql, photos_, form, input.results);

      store::InspectionRow row;
      row.code = repo.next_code("I" + [&] {
        std::string d = local_date(now);
        return d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
      }() + "-");
      row.site_id = *site_id;
      row.inspected_on = date;
      row.round_id = round->id;
      row.inspector_id = who.user_id != 0 ? std::optional<long long>(who.user_id) : std::nullopt;
      row.inspected_at = input.inspected_at;
      row.submitted_at = now;
      if (input.gps) {
        row.lat = input.gps->lat;
        row.lon = input.gps->lon;
        row.accuracy = input.gps->accuracy;
      }
      row.note = input.note;
      row.results = result_rows(input.results);
      row.id = repo.insert(row, now);
      rounds.mark_submitted(round->id, *site_id, row.id);
      if (who.user_id != 0) repo.delete_drafts_of(who.user_id, round->id, *site_id);

      store::ClientIdRow client{input.client_id, row.id, 1, hash, who.user_id, {}};
      for (const auto& r : input.results) {
        if (!r.failures || *r.failures == 0) continue;
        const FormCheck& check = by_code.at(r.check);
        InspectionFacts facts{row.code,
                              input.site,
                              check.item,
                              check.item_name,
                              *input.inspected_at,
                              row.lat,
                              row.lon,
                              r.note.empty() ? input.note : r.note};
        client.cases.push_back(cases_.open_from_inspection(sql, who, facts, r.check, *r.failures, r.photos));
      }
      repo.insert_client_id(client, now);
      audit_.record(sql, who,
                    {"inspection.submit", "inspection", row.code, "",
                     JsonText()
                         .add("round", input.round)
                         .add("site", input.site)
                         .add("client_id", input.client_id)
                         .add("inspected_on", date)
                         .add("results", static_cast<long long>(input.results.size()))
                         .add("cases", client.cases)
                         .str()});
      InspectionView v = build_view(sql, *repo.find_by_id(row.id));
      v.versions.push_back({1, now, ""});
      v.cases = client.cases;
      v.created = true;
      return v;
    });
  } catch (const std::exception& e) {
    if (!is_database_error(e)) throw;
    // A concurrent retry committed the same client_id first: answer like a retry.
    if (auto earlier = earlier_answer(input.client_id, hash)) return *earlier;
    throw;
  }
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

InspectionView InspectionService::correct(const Principal& who, const std::string& code,
                                          const CorrectInspection& input) try {
  audit_.require(who, Permission::submit_inspections);
  validate_client_id(input.client_id);
  if (input.reason.empty())
    throw InvalidInput("reason", "a correction needs a reason", message_key("inspection.reason.required"));
  if (char_count(input.note) > 4000)
    throw InvalidInput("note", "note is at most 4000 characters", message_key("inspection.note.too_long"));
  std::string hash = request_hash(who, code, input);
  if (auto earlier = earlier_answer(input.client_id, hash)) return *earlier;
  try {
    return db_.transact([&](soci::session& sql) -> InspectionView {
      store::EvaluationRepository evaluation(sql);
      evaluation.bump_revision();
      // The results change in place, which the incremental score path cannot see: reload the period.
      evaluation.bump_structure_revision();
      store::InspectionRepository repo(sql);
      if (auto row = repo.find_client_id(input.client_id)) {
        if (row->request_hash != hash) {
          throw Conflict("client_id " + quoted(input.client_id) + " was used for a different submission",
                         "client_id",
                         message_key("inspection.client_id.reused", {{"client_id", input.client_id}}));
        }
        return retry_answer(sql, *row);
      }
      auto current = repo.find(code);
      bool visible = current && who.in_scope(current->unit_path) &&
                     (office_like(who) || (current->inspector_id && *current->inspector_id == who.user_id));
      if (!visible) throw ScopeRefusal{"inspection", code};
      std::string period;
      auto form = form_for(sql, *current, &period);
      require_open_period(sql, period);
      std::map<std::string, int> failed_before;
      for (const auto& r : current->results) failed_before[r.check] = r.failures.value_or(0);
      auto by_code = validate_results(sql, photos_, form, input.results, failed_before);
      TimeMs now = clock_.now_ms();

      store::InspectionVersionRow old;
      old.version = current->version;
      old.submitted_at = current->submitted_at.value_or(0);
      old.submitted_by = current->inspector;
      old.reason = current->version_reason;
      old.snapshot = snapshot_json(*current);
      repo.insert_version(current->id, old);

      store::InspectionRow next = *current;
      next.version = current->version + 1;
      next.version_reason = input.reason;
      next.note = input.note;
      next.submitted_at = now;
      next.results = result_rows(input.results);
      repo.update_current(next);

      store::ClientIdRow client{input.client_id, current->id, next.version, hash, who.user_id, {}};
      for (const auto& r : input.results) {
        if (!r.failures || *r.failures == 0 || failed_before[r.check] > 0) continue;  // newly failed only
        const FormCheck& check = by_code.at(r.check);
        InspectionFacts facts{code,
                              current->site,
                              check.item,
                              check.item_name,
                              current->inspected_at.value_or(now),
                              current->lat,
                              current->lon,
                              r.note.empty() ? input.note : r.note};
        client.cases.push_back(cases_.open_from_inspection(sql, who, facts, r.check, *r.failures, r.photos));
      }
      repo.insert_client_id(client, now);
      audit_.record(sql, who,
                    {"inspection.correct", "inspection", code, JsonText().add("version", old.version).str(),
                     JsonText()
                         .add("version", next.version)
                         .add("reason", input.reason)
                         .add("client_id", input.client_id)
                         .add("cases", client.cases)
                         .str()});
      auto stored = *repo.find(code);
      InspectionView v = build_view(sql, stored);
      v.versions.push_back({stored.version, now, input.reason});
      v.cases = client.cases;
      v.created = true;
      return v;
    });
  } catch (const std::exception& e) {
    if (!is_database_error(e)) throw;
    // A concurrent retry committed the same client_id first: answer like a retry.
    if (auto earlier = earlier_answer(input.client_id, hash)) return *earlier;
    throw;
  }
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

InspectionView InspectionService::get(const Principal& who, const std::string& code,
                                      std::optional<int> version) try {
  audit_.require(who, Permission::read_inspections);
  auto lease = db_.lease();
  store::InspectionRepository repo(*lease);
  auto row = repo.find(code);
  bool visible = row && who.in_scope(row->unit_path) && (!own_only(who) || row->inspector_id == who.user_id);
  if (!visible) throw ScopeRefusal{"inspection", code};
  InspectionView v = build_view(*lease, *row);
  v.versions.push_back({row->version, row->submitted_at.value_or(0), row->version_reason});
  for (const auto& c : repo.client_ids_of(row->id))
    v.cases.insert(v.cases.end(), c.cases.begin(), c.cases.end());
  if (version && *version != row->version) {
    auto old = repo.version(row->id, *version);
    if (!old)
      throw NotFound("inspection " + quoted(code) + " has no version " + std::to_string(*version),
                     message_key("inspection.version.not_found",
                                 {{"inspection", code}, {"version", std::to_string(*version)}}));
    store::InspectionRow earlier = *row;
    apply_snapshot(earlier, old->snapshot);
    v.inspection = record_of(earlier);
  }
  return v;
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

Page<InspectionView> InspectionService::list(const Principal& who, const InspectionQuery& query,
                                             const PageRequest& page) {
  audit_.require(who, Permission::read_inspections);
  page.validate();
  auto lease = db_.lease();
  store::InspectionFilter filter;
  filter.path_from = scope_path(who);
  filter.path_to = store::path_upper_bound(filter.path_from);
  if (!query.round.empty()) {
    auto round = store::RoundRepository(*lease).find(query.round);
    if (!round)
      throw InvalidInput("round", "unknown round " + quoted(query.round),
                         message_key("inspection.round.unknown", {{"round", query.round}}));
    filter.round_id = round->id;
  }
  if (!query.site.empty()) {
    auto id = store::EvaluationRepository(*lease).site_id(query.site);
    if (!id)
      throw InvalidInput("site", "unknown site " + quoted(query.site),
                         message_key("inspection.site.unknown", {{"site", query.site}}));
    filter.site_id = *id;
  }
  if (!query.inspector.empty()) {
    auto user = store::UserRepository(*lease).find_by_username(query.inspector);
    if (!user)
      throw InvalidInput("inspector", "unknown user " + quoted(query.inspector),
                         message_key("inspection.inspector.unknown", {{"user", query.inspector}}));
    filter.inspector_id = user->user.id;
  }
  if (own_only(who)) {
    filter.inspector_id = filter.inspector_id && *filter.inspector_id != who.user_id ? -1 : who.user_id;
  }
  store::InspectionRepository repo(*lease);
  Page<InspectionView> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count(filter);
  for (auto& row : repo.list(filter, page.page_size, page.offset())) {
    InspectionView v;
    v.inspection = record_of(row);
    out.items.push_back(std::move(v));
  }
  return out;
}

void InspectionService::put_draft(const Principal& who, const std::string& client_id,
                                  const std::string& round, const std::string& site,
                                  const std::string& body) try {
  audit_.require(who, Permission::submit_inspections);
  validate_client_id(client_id);
  if (body.size() > 256 * 1024)
    throw TooLarge("a draft is at most 256 KiB", message_key("inspection.draft.too_large"));
  if (who.user_id == 0)
    throw InvalidInput("client_id", "drafts belong to a signed-in user",
                       message_key("inspection.draft.signed_in_only"));
  db_.transact([&](soci::session& sql) {
    store::InspectionRepository repo(sql);
    auto existing = repo.find_draft(client_id);
    if (existing && existing->user_id != who.user_id) throw ScopeRefusal{"inspection_draft", client_id};
    store::RoundRepository rounds(sql);
    auto r = rounds.find(round);
    if (!r)
      throw InvalidInput("round", "unknown round " + quoted(round),
                         message_key("inspection.round.unknown", {{"round", round}}));
    auto site_id = store::EvaluationRepository(sql).site_id(site);
    auto rs = site_id ? rounds.find_site(r->id, *site_id) : std::nullopt;
    if (!rs)
      throw InvalidInput("site", "not a site of round " + quoted(round) + ": " + quoted(site),
                         message_key("inspection.site.not_in_round", {{"round", round}, {"site", site}}));
    auto unit = store::UnitRepository(sql).find_by_code(rs->unit);
    if (!unit || !who.in_scope(unit->path) || (!office_like(who) && rs->inspector_id != who.user_id)) {
      throw ScopeRefusal{"round_site", round + "/" + site};
    }
    repo.put_draft({client_id, who.user_id, r->id, *site_id, body, clock_.now_ms()});
  });
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

InspectionDraft InspectionService::get_draft(const Principal& who, const std::string& client_id) try {
  audit_.require(who, Permission::submit_inspections);
  auto lease = db_.lease();
  auto draft = store::InspectionRepository(*lease).find_draft(client_id);
  if (!draft || draft->user_id != who.user_id) throw ScopeRefusal{"inspection_draft", client_id};
  return {draft->client_id, draft->body, draft->updated_at};
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

void InspectionService::delete_draft(const Principal& who, const std::string& client_id) try {
  audit_.require(who, Permission::submit_inspections);
  db_.transact([&](soci::session& sql) {
    store::InspectionRepository repo(sql);
    auto draft = repo.find_draft(client_id);
    if (!draft || draft->user_id != who.user_id) throw ScopeRefusal{"inspection_draft", client_id};
    repo.delete_draft(client_id);
  });
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

}  // namespace civic::service
