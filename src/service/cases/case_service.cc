#include "service/cases/case_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "domain/cases/case_category.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "service/cases/case_inputs.h"
#include "service/cases/case_period.h"
#include "service/cases/case_service_parts.h"
#include "service/core/json_text.h"
#include "service/files/photo_service.h"
#include "service/units/unit_place.h"
#include "store/cases/case_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace json = boost::json;
using store::CaseEventRow;
using store::CaseFilter;
using store::CaseOrder;
using store::CaseRepository;
using store::CaseRow;
using store::CaseScope;

namespace {

// The lifecycle's view of a stored case (domain/cases/case_lifecycle.h), which `allowed_actions`, `apply` and
// the measures read. An unknown stored state reads as `reported`; an unknown outcome as none.
CaseState case_state_of(const store::CaseRow& row) {
  return parse_case_state(row.state).value_or(CaseState::reported);
}

CaseRecord case_record_of(const store::CaseRow& row) {
  CaseRecord r;
  r.state = case_state_of(row);
  r.category = row.category;
  r.severity = row.severity;
  r.reported_at = row.reported_at;
  r.due_at = row.due_at;
  r.first_dispatched_at = row.first_dispatched_at;
  r.closed_at = row.closed_at;
  if (row.outcome) r.outcome = parse_case_outcome(*row.outcome);
  r.rework_count = row.rework_count;
  r.reopen_count = row.reopen_count;
  r.send_back_count = row.send_back_count;
  r.escalation_level = row.escalation_level;
  r.postponement_pending = row.postponement_pending;
  r.postponement_approved = row.postponement_approved;
  r.handled_at_least_once = row.handled_once;
  r.reporter_user_id = row.reporter_user_id;
  return r;
}

std::string photos_text(const std::vector<std::string>& ids) {
  json::array a;
  for (const auto& id : ids) a.emplace_back(id);
  return json::serialize(a);
}

std::vector<std::string> photos_of(const std::string& text) {
  std::vector<std::string> out;
  try {
    json::value v = json::parse(text);
    if (v.is_array()) {
      for (const auto& e : v.as_array()) {
        if (e.is_string()) out.emplace_back(e.as_string());
      }
    }
  } catch (const std::exception&) {
  }
  return out;
}

void store_record(CaseRow& row, const CaseRecord& r) {
  row.state = case_state_name(r.state);
  row.category = r.category;
  row.severity = r.severity;
  row.due_at = r.due_at;
  row.first_dispatched_at = r.first_dispatched_at;
  row.closed_at = r.closed_at;
  row.outcome = r.outcome ? std::optional<std::string>(case_outcome_name(*r.outcome)) : std::nullopt;
  row.rework_count = r.rework_count;
  row.reopen_count = r.reopen_count;
  row.send_back_count = r.send_back_count;
  row.escalation_level = r.escalation_level;
  row.postponement_pending = r.postponement_pending;
  row.postponement_approved = r.postponement_approved;
  row.handled_once = r.handled_at_least_once;
}

// The unit whose scope decides who sees the case: the responsible unit, else the reporting unit.
const std::string& scope_path(const CaseRow& row) {
  return row.unit_path.empty() ? row.reporting_unit_path : row.unit_path;
}

bool office_like(const Principal& who) {
  return who.has_role(Role::office) || who.has_role(Role::leader);
}

bool visible(const Principal& who, const CaseRow& row) {
  if (who.is_cli) return true;
  if (row.reporter_user_id && who.user_id != 0 && *row.reporter_user_id == who.user_id) return true;
  const std::string& path = scope_path(row);
  if (office_like(who)) {
    if (path.empty()) return who.has_role(Role::office);  // untriaged public reports: the office sees them
    if (who.in_scope(path)) return true;
  }
  if (who.has_role(Role::unit_officer) && !row.unit_path.empty() && who.in_scope(row.unit_path)) return true;
  if (who.has_role(Role::inspector) && case_state_of(row) == CaseState::handled && !path.empty() &&
      who.in_scope(path))
    return true;
  return false;
}

CaseActor actor_of(const Principal& who, const CaseRow& row) {
  CaseActor a;
  const std::string& path = scope_path(row);
  a.office = who.is_cli || (who.has_role(Role::office) && (path.empty() || who.in_scope(path)));
  a.inspector = who.is_cli || (who.has_role(Role::inspector) && !path.empty() && who.in_scope(path));
  a.unit_officer_in_scope = !row.unit_path.empty() &&
                            (who.is_cli || (who.has_role(Role::unit_officer) && who.in_scope(row.unit_path)));
  a.is_reporter = row.reporter_user_id && who.user_id != 0 && *row.reporter_user_id == who.user_id;
  return a;
}

// The business day of `t` (the case code's date).
std::string yyyymmdd(TimeMs t) {
  CivilDate d = civil_date_of(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

double haversine_m(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadiusM = 6371000.0;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(a)));
}

std::optional<store::CaseSiteFacts> find_site(soci::session& sql, const std::string& code) {
  return CaseRepository(sql).find_site(code);
}

std::string display_name(soci::session& sql, long long user_id) {
  return CaseRepository(sql).user_display_name(user_id);
}

std::string case_snapshot(const CaseRow& row) {
  JsonText j;
  j.add("code", row.code).add("state", row.state).add("category", row.category).add("severity", row.severity);
  j.add("unit", row.unit_code).add("version", row.version);
  if (row.due_at) j.add("due_at", format_rfc3339(*row.due_at));
  return j.str();
}

// Thrown inside a transaction when the case is outside the caller's scope; turned into an audited NotFound
// after the rollback (the audit append needs its own transaction).
struct OutOfScope {};

std::string rfc(TimeMs t) {
  return format_rfc3339(t);
}

// The service's view of a stored case; `detail` adds the detail fields, `who` (when given) the actions it may
// take.
CaseView case_view(soci::session& sql, const Principal* who, const CaseRow& row, bool detail, TimeMs now,
                   const CasePolicy& policy) {
  CaseView v;
  v.code = row.code;
  v.title = row.title;
  v.category = row.category;
  v.severity = row.severity;
  v.state = case_state_of(row);
  v.source = row.source;
  if (row.unit_id) {
    v.unit = row.unit_code;
    v.unit_name = row.unit_name;
  }
  if (row.site_id) {
    v.site = row.site_code;
    v.site_name = row.site_name;
  }
  v.item = row.item;
  v.check = row.check_code;
  v.lat = row.lat;
  v.lon = row.lon;
  v.address = row.address;
  v.reported_at = row.reported_at;
  v.first_dispatched_at = row.first_dispatched_at;
  v.due_at = row.due_at;
  v.closed_at = row.closed_at;
  if (row.outcome) v.outcome = parse_case_outcome(*row.outcome);
  v.overdue = is_open(v.state) && row.due_at && now > *row.due_at;
  v.escalation_level = row.escalation_level;
  v.rework_count = row.rework_count;
  v.reopen_count = row.reopen_count;
  v.send_back_count = row.send_back_count;
  v.possible_duplicate_of = row.possible_duplicate_of;
  v.duplicate_of = row.duplicate_of;
  v.version = row.version;
  if (!detail) return v;
  v.description = row.description;
  v.failure_count = row.failure_count;
  v.inspection = row.inspection;
  v.photos = photos_of(row.photos);
  v.postponement_pending = row.postponement_pending;
  v.requested_due_at = row.postponement_pending ? row.requested_due_at : std::nullopt;
  CaseRepository repo(sql);
  for (const CaseEventRow& e : repo.events(row.id)) {
    CaseEventView ev;
    ev.seq = e.seq;
    ev.action = e.action;
    ev.from_state = e.from_state;
    ev.to_state = e.to_state;
    ev.actor = e.actor;
    ev.actor_name = e.actor_name;
    ev.at = e.at;
    ev.note = e.note;
    ev.reason = e.reason;
    ev.photos = photos_of(e.photos);
    ev.data_json = e.data;
    v.events.push_back(std::move(ev));
  }
  if (who != nullptr) {
    for (CaseAction a : allowed_actions(case_record_of(row), actor_of(*who, row), now, policy)) {
      v.allowed_actions.emplace_back(case_action_name(a));
    }
  }
  return v;
}

// Appends the next event of `row` (its current state is to_state); who == nullptr: an anonymous reporter.
void add_event(soci::session& sql, const Principal* who, const CaseRow& row, const std::string& action,
               const std::string& from, const std::string& note, const std::string& reason,
               const std::vector<std::string>& photos, const std::string& data, TimeMs at) {
  CaseRepository repo(sql);
  CaseEventRow e;
  e.case_id = row.id;
  e.seq = repo.next_event_seq(row.id);
  e.action = action;
  e.from_state = from;
  e.to_state = row.state;
  if (who == nullptr) {
    e.actor = "public";
  } else {
    if (who->user_id != 0) {
      e.actor_user_id = who->user_id;
      e.actor_name = display_name(sql, who->user_id);
    }
    e.actor = who->username;
  }
  e.at = at;
  e.note = note;
  e.reason = reason;
  e.photos = photos_text(photos);
  e.data = data.empty() ? "{}" : data;
  repo.insert_event(e);
}

std::optional<long long> last_actor_of(soci::session& sql, const CaseRow& row, const std::string& action) {
  CaseRepository repo(sql);
  std::optional<long long> actor;
  for (const CaseEventRow& e : repo.events(row.id)) {
    if (e.action == action && e.actor_user_id) actor = e.actor_user_id;
  }
  return actor;
}

void notify_after(NotificationService& notifications, soci::session& sql, CaseAction action,
                  const CaseRow& row, std::optional<long long> old_unit) {
  JsonText params;
  params.add("code", row.code).add("title", row.title).add("state", row.state);
  if (row.due_at) params.add("due_at", rfc(*row.due_at));
  if (!row.unit_code.empty()) params.add("unit", row.unit_code).add("unit_name", row.unit_name);
  const std::string where = row.unit_id ? unit_place(sql, *row.unit_id) : std::string();
  params.add("where", where);
  const std::string p = params.str();
  auto to_dispatcher = [&](const char* kind) {
    if (auto id = last_actor_of(sql, row, "dispatch"))
      notifications.notify_users(sql, {*id}, kind, p, "case", row.code);
  };
  switch (action) {
    case CaseAction::dispatch:
      if (row.unit_id) notifications.notify_unit(sql, *row.unit_id, "case_dispatched", p, "case", row.code);
      break;
    case CaseAction::send_back:
      to_dispatcher("case_sent_back");
      (void)old_unit;
      break;
    case CaseAction::report_handled:
      to_dispatcher("case_handled");
      break;
    case CaseAction::ask_postponement:
      to_dispatcher("case_postponement_requested");
      break;
    case CaseAction::approve_postponement:
    case CaseAction::refuse_postponement: {
      JsonText decided;
      decided.add("code", row.code)
          .add("title", row.title)
          .add("approved", action == CaseAction::approve_postponement)
          .add("where", where);
      if (row.due_at) decided.add("due_at", rfc(*row.due_at));
      if (row.unit_id) {
        notifications.notify_unit(sql, *row.unit_id, "case_postponement_decided", decided.str(), "case",
                                  row.code);
      }
      break;
    }
    case CaseAction::supervise:
      if (row.unit_id) {
        JsonText sup;
        sup.add("code", row.code).add("title", row.title).add("escalation_level", row.escalation_level);
        sup.add("unit", row.unit_code).add("unit_name", row.unit_name).add("where", where);
        store::UnitRepository units(sql);
        auto unit = units.find_by_id(*row.unit_id);
        notifications.notify_unit(sql, *row.unit_id, "case_supervised", sup.str(), "case", row.code);
        if (unit && unit->parent_id) {
          notifications.notify_unit(sql, *unit->parent_id, "case_supervised", sup.str(), "case", row.code);
        }
      }
      break;
    case CaseAction::reopen:
      if (row.unit_id) notifications.notify_unit(sql, *row.unit_id, "case_reopened", p, "case", row.code);
      break;
    default:
      break;
  }
}

PublicCaseView public_view(soci::session& sql, const CaseRow& row) {
  PublicCaseView v;
  v.code = row.code;
  v.category = row.category;
  v.state = row.state;
  v.status = is_open(case_state_of(row)) ? "open" : "closed";
  v.description = row.description;
  v.address = row.address;
  v.agency_responsible = row.unit_name;
  v.lat = row.lat;
  v.lon = row.lon;
  v.reported_at = row.reported_at;
  v.updated_at = row.updated_at;
  v.expected_at = row.due_at;
  v.photos = photos_of(row.photos);
  CaseRepository repo(sql);
  for (const CaseEventRow& e : repo.events(row.id)) {
    if (e.action == "overdue") continue;
    v.events.push_back({e.action, e.to_state, e.at});
    if (!e.note.empty() && e.action != "report") v.status_notes = e.note;
    if (!e.reason.empty() && e.action != "report") v.status_notes = e.reason;
  }
  return v;
}

}  // namespace

std::vector<DispatchedCase> dispatched_cases(store::Session& sql, const std::string& subtree, TimeMs from,
                                             TimeMs to) {
  CaseFilter dispatched;
  dispatched.dispatched_from = from;
  dispatched.dispatched_to = to;
  dispatched.unit_subtree = subtree;
  std::vector<DispatchedCase> out;
  for (const CaseRow& row : CaseRepository(sql).select(dispatched)) {
    out.push_back({row.unit_path, case_record_of(row)});
  }
  return out;
}

void deny_case_out_of_scope(AuditService& audit, const Principal& who, const std::string& code) {
  try {
    audit.deny_out_of_scope(who, "case", code);
  } catch (const NotFound& e) {
    throw NotFound(e.what(), message_key("case.not_found", {{"code", code}}));
  }
}

void deny_unit_out_of_scope(AuditService& audit, const Principal& who, const std::string& unit) {
  try {
    audit.deny_out_of_scope(who, "unit", unit);
  } catch (const NotFound& e) {
    throw NotFound(e.what(), message_key("case.unit.not_found", {{"unit", unit}}));
  }
}

CaseService::CaseService(store::Database& db, AuditService& audit, NotificationService& notifications,
                         const Clock& clock, CaseSettings settings)
    : db_(db), audit_(audit), notifications_(notifications), clock_(clock), settings_(std::move(settings)) {
  if (settings_.policy.time_limit_hours_by_category.empty()) {
    settings_.policy.time_limit_hours_by_category = case_category_time_limits();
  }
}

void CaseService::set_photo_service(PhotoService* photos) {
  photos_ = photos;
}

void CaseService::check_photos(soci::session& sql, const std::vector<std::string>& ids) {
  if (ids.empty() || photos_ == nullptr) return;
  photos_->require_existing(sql, ids, "photos");
}

// ---- reads
// -------------------------------------------------------------------------------------------------

Page<CaseView> CaseService::list(const Principal& who, const CaseQuery& query, const PageRequest& page) {
  audit_.require(who, Permission::read_cases);
  page.validate();
  try {
    return list_in_scope(who, query, page);
  } catch (const OutOfScope&) {
    deny_unit_out_of_scope(audit_, who, query.unit);
  }
}

Page<CaseView> CaseService::list_in_scope(const Principal& who, const CaseQuery& query,
                                          const PageRequest& page) {
  auto lease = db_.lease();
  soci::session& sql = *lease;
  CaseFilter filter;
  TimeMs now = clock_.now_ms();
  if (!who.is_cli) {
    // Mirrors visible(): the cases each of the caller's roles may see.
    CaseScope scope;
    if (who.user_id != 0) scope.reporter_user_id = who.user_id;
    if (office_like(who)) scope.scope_subtree = who.unit_path;
    scope.unassigned = who.has_role(Role::office);
    if (who.has_role(Role::unit_officer)) scope.unit_subtree = who.unit_path;
    if (who.has_role(Role::inspector)) scope.handled_subtree = who.unit_path;
    filter.scope = scope;
  }
  if (!query.state.empty()) {
    if (!parse_case_state(query.state))
      throw InvalidInput("state", "unknown state: " + query.state,
                         message_key("case.state.unknown", {{"state", query.state}}));
    filter.state = query.state;
  }
  filter.category = query.category;
  filter.source = query.source;
  if (!query.unit.empty()) {
    store::UnitRepository units(sql);
    auto unit = units.find_by_code(query.unit);
    if (!unit || !who.in_scope(unit->path)) throw OutOfScope{};
    filter.unit_subtree = unit->path;
  }
  if (query.overdue_only) filter.overdue_before = now;
  if (!query.period.empty()) {
    CasePeriod b = resolve_case_period(sql, query.period, now);
    filter.reported_from = b.start;
    filter.reported_to = b.end;
  }
  filter.text = query.text;
  CaseRepository repo(sql);
  Page<CaseView> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count(filter);
  for (const CaseRow& row : repo.select(filter, CaseOrder::newest_first, page.page_size, page.offset())) {
    out.items.push_back(case_view(sql, &who, row, false, clock_.now_ms(), settings_.policy));
  }
  return out;
}

CaseView CaseService::get(const Principal& who, const std::string& code) {
  audit_.require(who, Permission::read_cases);
  std::optional<CaseView> view;
  {
    auto lease = db_.lease();
    CaseRepository repo(*lease);
    auto row = repo.find(code);
    if (row && visible(who, *row))
      view = case_view(*lease, &who, *row, true, clock_.now_ms(), settings_.policy);
  }
  if (!view) deny_case_out_of_scope(audit_, who, code);
  return *view;
}

// ---- writes
// ------------------------------------------------------------------------------------------------

CaseView CaseService::create(const Principal& who, const NewCase& input) {
  audit_.require(who, Permission::report_cases);
  check_texts(input);
  require_category(input.category);
  if (input.source != "office" && input.source != "hotline") {
    throw InvalidInput("source", "source must be office or hotline",
                       message_key("case.source.unknown", {{"source", input.source}}));
  }
  if (input.title.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidInput("title", "a title is required", message_key("case.title.required"));
  }
  require_coordinates(input.lat, input.lon);
  return db_.transact([&](soci::session& sql) {
    check_photos(sql, input.photos);
    TimeMs now = clock_.now_ms();
    CaseRow row;
    row.title = input.title;
    row.description = input.description;
    row.category = input.category;
    row.severity = "一般";
    row.state = case_state_name(CaseState::reported);
    row.source = input.source;
    row.lat = input.lat;
    row.lon = input.lon;
    row.address = input.address;
    row.photos = photos_text(input.photos);
    if (who.user_id != 0) row.reporter_user_id = who.user_id;
    if (who.unit_id != 0) row.reporting_unit_id = who.unit_id;
    store::UnitRepository units(sql);
    if (!input.site.empty()) {
      auto site = find_site(sql, input.site);
      if (!site)
        throw InvalidInput("site", "unknown site: " + input.site,
                           message_key("case.site.unknown", {{"site", input.site}}));
      auto unit = units.find_by_id(site->unit_id);
      if (!unit || !who.in_scope(unit->path))
        throw InvalidInput("site", "unknown site: " + input.site,
                           message_key("case.site.unknown", {{"site", input.site}}));
      row.site_id = site->id;
      row.unit_id = site->unit_id;
      if (!row.lat) row.lat = site->lat;
      if (!row.lon) row.lon = site->lon;
    }
    if (!input.unit.empty()) {
      auto unit = units.find_by_code(input.unit);
      if (!unit || !who.in_scope(unit->path))
        throw InvalidInput("unit", "unknown unit: " + input.unit,
                           message_key("case.unit.unknown", {{"unit", input.unit}}));
      row.unit_id = unit->id;
    }
    row.reported_at = now;
    row.updated_at = now;
    CaseRepository repo(sql);
    row.code = repo.next_code(yyyymmdd(now));
    row.id = repo.insert(row);
    auto stored = repo.find(row.code);
    add_event(sql, &who, *stored, "report", "", input.description, "", input.photos, "{}", clock_.now_ms());
    audit_.record(sql, who, {"case.report", "case", row.code, "", case_snapshot(*stored)});
    return case_view(sql, &who, *stored, true, clock_.now_ms(), settings_.policy);
  });
}

CaseView CaseService::act(const Principal& who, const std::string& code, const std::string& action_text,
                          const CaseActionRequest& request) {
  audit_.require(who, Permission::act_on_cases);
  auto action = parse_case_action(action_text);
  if (!action)
    throw NotFound("unknown case action: " + action_text,
                   message_key("case.action.unknown", {{"action", action_text}}));
  try {
    return db_.transact([&](soci::session& sql) {
      CaseRepository repo(sql);
      auto found = repo.find(code);
      if (!found || !visible(who, *found)) throw OutOfScope{};
      CaseRow row = *found;
      if (request.version && *request.version != row.version) {
        throw Conflict("the case was changed by someone else (version " + std::to_string(row.version) +
                           "); reload and try again",
                       "version", message_key("case.version.stale", {{"code", code}}));
      }
      TimeMs now = clock_.now_ms();
      CaseActor actor = actor_of(who, row);
      CaseActionInput input;
      input.reason = request.reason;
      input.note = request.note;
      input.photo_ids = request.photos;
      input.category = request.category.empty() ? row.category : request.category;
      input.severity =
          request.severity.empty() ? (row.severity.empty() ? "一般" : row.severity) : request.severity;
      input.new_due_at = request.new_due_at;
      if (!request.outcome.empty()) {
        input.outcome = parse_case_outcome(request.outcome);
        if (!input.outcome)
          throw InvalidInput("outcome", "outcome must be fixed or closed_not_fixed",
                             message_key("case.outcome.unknown", {{"outcome", request.outcome}}));
      }
      // Refuse what the actor may not do before validating inputs, so the answer is the 409 with the list.
      CaseRecord before = case_record_of(row);
      std::vector<CaseAction> allowed = allowed_actions(before, actor, now, settings_.policy);
      if (std::find(allowed.begin(), allowed.end(), *action) == allowed.end()) {
        apply(before, *action, actor, input, now, settings_.policy);  // throws the Conflict listing them
      }
      check_texts(request);
      std::string from = row.state;
      std::string data = "{}";
      std::optional<long long> old_unit = row.unit_id;
      switch (*action) {
        case CaseAction::register_case:
          if (!request.category.empty()) require_category(request.category);
          if (request.lat.has_value() != request.lon.has_value()) {
            throw InvalidInput(request.lat ? "lon" : "lat", "lat and lon must be given together",
                               message_key("case.location.together"));
          }
          require_coordinates(request.lat, request.lon);
          if (request.lat) {
            row.lat = request.lat;
            row.lon = request.lon;
            data = JsonText().add("lat", *request.lat).add("lon", *request.lon).str();
          }
          break;
        case CaseAction::reject:
          if (request.reason == "duplicate" || !request.duplicate_of.empty()) {
            if (request.duplicate_of.empty())
              throw InvalidInput("duplicate_of", "name the original case",
                                 message_key("case.duplicate_of.required"));
            // A case outside the caller's scope answers as an unknown code does: scope does not leak
            // existence (design.md §1).
            auto original = repo.find(request.duplicate_of);
            if (!original || original->id == row.id || !visible(who, *original)) {
              throw InvalidInput("duplicate_of", "unknown case: " + request.duplicate_of,
                                 message_key("case.duplicate_of.unknown", {{"code", request.duplicate_of}}));
            }
            row.duplicate_of = original->code;
            data = JsonText().add("duplicate_of", original->code).str();
          }
          break;
        case CaseAction::dispatch: {
          require_category(input.category);
          if (request.unit.empty() && !row.unit_id)
            throw InvalidInput("unit", "a responsible unit is required", message_key("case.unit.required"));
          if (!request.unit.empty()) {
            store::UnitRepository units(sql);
            auto unit = units.find_by_code(request.unit);
            if (!unit || !who.in_scope(unit->path))
              throw InvalidInput("unit", "unknown unit: " + request.unit,
                                 message_key("case.unit.unknown", {{"unit", request.unit}}));
            row.unit_id = unit->id;
          }
          break;
        }
        case CaseAction::ask_postponement:
          if (!request.requested_due_at)
            throw InvalidInput("requested_due_at", "a requested due time is required",
                               message_key("case.requested_due_at.required"));
          if (row.due_at && *request.requested_due_at <= *row.due_at) {
            throw InvalidInput("requested_due_at", "the requested due time must be after the current one",
                               message_key("case.requested_due_at.not_later"));
          }
          row.requested_due_at = request.requested_due_at;
          data = JsonText().add("requested_due_at", rfc(*request.requested_due_at)).str();
          break;
        case CaseAction::approve_postponement:
          if (!input.new_due_at) input.new_due_at = row.requested_due_at;
          break;
        default:
          break;
      }
      if (*action == CaseAction::report_handled || !request.photos.empty()) check_photos(sql, request.photos);
      CaseRecord after = apply(before, *action, actor, input, now, settings_.policy);
      store_record(row, after);
      if (*action == CaseAction::approve_postponement) {
        data = JsonText().add("new_due_at", rfc(*after.due_at)).str();
        row.requested_due_at.reset();
      }
      if (*action == CaseAction::refuse_postponement || !after.postponement_pending)
        row.requested_due_at.reset();
      if (*action == CaseAction::dispatch) {
        data = JsonText()
                   .add("unit", request.unit.empty() ? std::string() : request.unit)
                   .add("due_at", rfc(*after.due_at))
                   .str();
      }
      if (*action == CaseAction::verify_ok) data = JsonText().add("outcome", *row.outcome).str();
      if (*action == CaseAction::supervise)
        data = JsonText().add("escalation_level", row.escalation_level).str();
      row.updated_at = now;
      std::string before_json = case_snapshot(*found);
      if (!repo.update(row)) {
        throw Conflict("the case was changed by someone else; reload and try again", "version",
                       message_key("case.version.stale", {{"code", code}}));
      }
      CaseRow stored = *repo.find(code);
      add_event(sql, &who, stored, case_action_name(*action), from, request.note, request.reason,
                request.photos, data, clock_.now_ms());
      audit_.record(sql, who,
                    {std::string("case.") + case_action_name(*action), "case", code, before_json,
                     case_snapshot(stored)});
      notify_after(notifications_, sql, *action, stored, old_unit);
      return case_view(sql, &who, stored, true, clock_.now_ms(), settings_.policy);
    });
  } catch (const OutOfScope&) {
    deny_case_out_of_scope(audit_, who, code);
  }
}

std::string CaseService::open_from_inspection(soci::session& sql, const Principal& who,
                                              const InspectionFacts& facts, const std::string& check,
                                              int failures, const std::vector<std::string>& photos) {
  auto site = find_site(sql, facts.site_code);
  if (!site)
    throw InvalidInput("site", "unknown site: " + facts.site_code,
                       message_key("case.site.unknown", {{"site", facts.site_code}}));
  TimeMs now = clock_.now_ms();
  CaseRow row;
  row.category = case_category_for_item(facts.item_code, facts.item_name);
  row.title = site->name + " " + (facts.item_name.empty() ? facts.item_code : facts.item_name);
  row.description = "检查项 " + check + " 不合格 " + std::to_string(failures) + " 处" +
                    (facts.note.empty() ? std::string() : "；" + facts.note);
  row.severity = "一般";
  row.state = case_state_name(CaseState::reported);
  row.source = "inspection";
  row.unit_id = site->unit_id;
  if (who.unit_id != 0) row.reporting_unit_id = who.unit_id;
  row.site_id = site->id;
  row.item = facts.item_code;
  row.check_code = check;
  if (!facts.inspection_code.empty()) row.inspection = facts.inspection_code;
  row.failure_count = failures;
  row.lat = facts.lat ? facts.lat : site->lat;
  row.lon = facts.lon ? facts.lon : site->lon;
  row.photos = photos_text(photos);
  if (who.user_id != 0) row.reporter_user_id = who.user_id;
  row.reported_at = facts.inspected_at != 0 ? facts.inspected_at : now;
  row.updated_at = now;
  CaseRepository repo(sql);
  row.code = repo.next_code(yyyymmdd(row.reported_at));
  row.id = repo.insert(row);
  CaseRow stored = *repo.find(row.code);
  add_event(sql, &who, stored, "report", "", row.description, "", photos, "{}", clock_.now_ms());
  stored.state = case_state_name(CaseState::registered);
  if (!repo.update(stored))
    throw Conflict("the case changed while it was opened", {}, message_key("case.changed_while_opened"));
  stored = *repo.find(row.code);
  add_event(sql, &who, stored, "register", "reported", "", "", {},
            JsonText().add("inspection", facts.inspection_code).add("check", check).str(), clock_.now_ms());
  audit_.record(sql, who, {"case.open_from_inspection", "case", stored.code, "", case_snapshot(stored)});
  return stored.code;
}

PublicReportResult CaseService::report_public(soci::session& sql, const PublicReport& report) {
  check_texts(report);
  require_category(report.category);
  if (report.description.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw InvalidInput("description", "a description is required",
                       message_key("public_report.description.required"));
  }
  require_report_location(report);
  TimeMs now = clock_.now_ms();
  CaseRepository repo(sql);
  // The nearest open case of the same category within the radius (a bounding box first, then haversine);
  // a report with an address only is compared by the office when it places the case.
  std::optional<std::string> nearest;
  if (report.lat && report.lon) {
    CaseFilter nearby;
    nearby.status = CaseFilter::Status::open;
    nearby.category = report.category;
    nearby.near = CaseFilter::Near{*report.lat, *report.lon, settings_.duplicate_radius_m};
    double best = settings_.duplicate_radius_m;
    for (const CaseRow& other : repo.select(nearby)) {
      if (!other.lat || !other.lon) continue;
      double d = haversine_m(*report.lat, *report.lon, *other.lat, *other.lon);
      if (d <= best) {
        best = d;
        nearest = other.code;
      }
    }
  }
  CaseRow row;
  auto category = find_case_category(report.category);
  row.title = category->name + (report.address.empty() ? std::string() : " " + report.address);
  row.description = report.description;
  row.category = report.category;
  row.severity = "一般";
  row.state = case_state_name(CaseState::reported);
  row.source = report.source.empty() ? "public" : report.source;
  row.lat = report.lat;
  row.lon = report.lon;
  row.address = report.address;
  row.photos = photos_text(report.photos);
  row.contact = report.contact;
  row.reporter_user_id = report.reporter_user_id;
  row.possible_duplicate_of = nearest;
  row.reported_at = now;
  row.updated_at = now;
  row.code = repo.next_code(yyyymmdd(now));
  row.id = repo.insert(row);
  CaseRow stored = *repo.find(row.code);
  add_event(sql, nullptr, stored, "report", "", "", "", report.photos,
            nearest ? JsonText().add("possible_duplicate_of", *nearest).str() : "{}", clock_.now_ms());
  Principal anonymous;
  anonymous.username = "public";
  audit_.record(sql, anonymous, {"case.report_public", "case", stored.code, "", case_snapshot(stored)});
  if (nearest) {
    // Every active office user whose scope holds the original case (all office users when it has no unit).
    auto original = repo.find(*nearest);
    std::string path = original ? scope_path(*original) : std::string();
    std::vector<long long> users;
    for (const store::CaseUserFacts& u : repo.active_users()) {
      bool office = false;
      for (Role r : split_roles(u.roles)) office = office || r == Role::office;
      if (office && (path.empty() || path_in_scope(u.unit_path, path))) users.push_back(u.id);
    }
    notifications_.notify_users(sql, users, "case_possible_duplicate",
                                JsonText()
                                    .add("code", stored.code)
                                    .add("title", stored.title)
                                    .add("possible_duplicate_of", *nearest)
                                    .str(),
                                "case", stored.code);
  }
  return {stored.code, CaseState::reported, nearest};
}

PublicReportResult CaseService::report_public(const PublicReport& report, const std::string& photo_field) {
  return db_.transact([&](soci::session& sql) {
    PublicReportResult result = report_public(sql, report);
    if (photos_ != nullptr) photos_->mark_public(sql, report.photos, photo_field);
    return result;
  });
}

// ---- public reads
// ------------------------------------------------------------------------------------------

PublicCaseView CaseService::public_status(const std::string& code, bool public_only) {
  auto lease = db_.lease();
  CaseRepository repo(*lease);
  auto row = repo.find(code);
  if (!row || (public_only && row->source != "public"))
    throw NotFound("no report " + code, message_key("public_report.not_found", {{"code", code}}));
  return public_view(*lease, *row);
}

Page<PublicCaseView> CaseService::public_list(const PublicCaseQuery& query, const PageRequest& page) {
  page.validate();
  auto lease = db_.lease();
  CaseFilter filter;
  if (query.public_only) filter.source = "public";
  filter.category = query.category;
  if (query.status == "open") filter.status = CaseFilter::Status::open;
  if (query.status == "closed") filter.status = CaseFilter::Status::closed;
  filter.reported_from = query.from;
  filter.reported_to = query.to;
  CaseRepository repo(*lease);
  Page<PublicCaseView> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count(filter);
  for (const CaseRow& row : repo.select(filter, CaseOrder::newest_first, page.page_size, page.offset())) {
    out.items.push_back(public_view(*lease, row));
  }
  return out;
}

// ---- measures
// ----------------------------------------------------------------------------------------------

// ---- overdue scan
// ------------------------------------------------------------------------------------------

int CaseService::scan_overdue() {
  TimeMs now = clock_.now_ms();
  return db_.transact([&](soci::session& sql) {
    CaseRepository repo(sql);
    CaseFilter overdue;
    overdue.has_unit = true;
    overdue.overdue_before = now;
    Principal system;
    system.username = "system";
    int notices = 0;
    for (const CaseRow& row : repo.select(overdue)) {
      if (!repo.claim_overdue_notice(row.id, *row.due_at, now)) continue;
      ++notices;
      JsonText p;
      p.add("code", row.code).add("title", row.title).add("due_at", rfc(*row.due_at));
      p.add("unit", row.unit_code)
          .add("unit_name", row.unit_name)
          .add("where", unit_place(sql, *row.unit_id));
      notifications_.notify_unit(sql, *row.unit_id, "case_overdue", p.str(), "case", row.code);
      add_event(sql, &system, row, "overdue", row.state, "", "", {},
                JsonText().add("due_at", rfc(*row.due_at)).str(), clock_.now_ms());
      audit_.record(sql, system, {"case.overdue", "case", row.code, "", case_snapshot(row)});
    }
    return notices;
  });
}

}  // namespace civic::service
