#include "service/inspections/round_service.h"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "bundle/framework_document.h"
#include "domain/core/error.h"
#include "domain/inspections/sample_draw.h"
#include "service/core/json_text.h"
#include "service/evaluation/period_guard.h"
#include "store/accounts/user_repository.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/inspections/inspection_repository.h"
#include "store/inspections/round_repository.h"
#include "store/sites/site_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

std::string scope_path(const Principal& who) {
  return who.is_cli ? "/" : who.unit_path;
}

// Inspectors without the office role see only their own assignments.
bool own_assignments_only(const Principal& who) {
  return !who.is_cli && !who.has_role(Role::office) && !who.has_role(Role::leader);
}

void validate_round_code(const std::string& code) {
  if (code.empty() || code.size() > 64)
    throw InvalidInput("code", "a round code has 1 to 64 characters", message_key("round.code.length"));
  for (char c : code) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (!ok)
      throw InvalidInput("code", "a round code holds only letters, digits, '-', '_' and '.'",
                         message_key("round.code.characters"));
  }
}

std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw InvalidInput("seed", "seed must be an unsigned 64-bit integer written in decimal",
                       message_key("round.seed.invalid"));
  }
  return v;
}

RoundSummary summary_of(const store::RoundRow& r) {
  RoundSummary s;
  s.code = r.code;
  s.name = r.name;
  s.period = r.period;
  s.under = r.under;
  s.status = r.status;
  s.seed = r.seed;
  s.items = r.items;
  s.sample_total = r.sample_total;
  s.done = r.done;
  s.created_at = r.created_at;
  s.created_by = r.created_by;
  if (r.completed_at) s.completed_at = r.completed_at;
  s.version = r.version;
  return s;
}

RoundSite site_of(const store::RoundSiteRow& r) {
  return {r.round,
          r.round_name,
          r.period,
          r.site,
          r.site_name,
          r.site_type,
          r.unit,
          r.unit_name,
          r.address,
          r.lat,
          r.lon,
          r.inspector,
          r.status == "to_do" && r.draft ? "draft" : r.status,
          r.inspection,
          r.draft};
}

Page<RoundSite> site_page(std::vector<store::RoundSiteRow> rows, long long total, const PageRequest& page) {
  Page<RoundSite> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = total;
  for (const auto& r : rows) out.items.push_back(site_of(r));
  return out;
}

std::uint64_t random_seed() {
  std::uint64_t v = 0;
  randombytes_buf(&v, sizeof v);
  return v;
}

Framework period_framework(soci::session& sql, long long period_id) {
  store::EvaluationRepository repo(sql);
  auto row = repo.framework_by_id(store::RoundRepository(sql).period_framework_id(period_id));
  if (!row) throw NotFound("the period's framework is missing", message_key("round.framework.missing"));
  return bundle::read_framework_document(row->document);
}

}  // namespace

std::vector<FormCheck> form_checks(soci::session& sql, const store::RoundRow& round,
                                   const std::string& site_type) {
  Framework framework = period_framework(sql, round.period_id);
  std::set<std::string> items(round.items.begin(), round.items.end());
  std::vector<FormCheck> out;
  for (const Item* item : framework.items()) {
    if (item->method != Method::field) continue;
    if (!items.empty() && !items.count(item->code)) continue;
    for (const Check& c : item->checks) {
      if (!c.site_types.empty() &&
          std::find(c.site_types.begin(), c.site_types.end(), site_type) == c.site_types.end()) {
        continue;
      }
      out.push_back({c.code, item->code, item->name, c.text, c.text_en, c.photo_required});
    }
  }
  return out;
}

RoundView RoundService::create(const Principal& who, const NewRound& input) {
  audit_.require(who, Permission::manage_rounds);
  validate_round_code(input.code);
  if (input.name.empty()) throw InvalidInput("name", "name is required", message_key("input.required"));
  if (input.under.empty())
    throw InvalidInput("under", "under (the unit whose sites are sampled) is required",
                       message_key("round.under.required"));
  std::uint64_t seed = input.seed ? parse_seed(*input.seed) : random_seed();
  if (input.strata.empty() && (!input.default_sample_size || *input.default_sample_size < 1)) {
    throw InvalidInput("default_sample_size",
                       "default_sample_size (≥ 1) is required when strata are not given",
                       message_key("round.sample_size.default_required"));
  }
  if (input.default_sample_size && *input.default_sample_size < 0) {
    throw InvalidInput("default_sample_size", "default_sample_size must not be negative",
                       message_key("round.sample_size.negative"));
  }
  return db_.transact([&](soci::session& sql) {
    store::EvaluationRepository evaluation(sql);
    store::UnitRepository units(sql);
    store::RoundRepository rounds(sql);
    auto period = evaluation.find_period(input.period);
    if (!period)
      throw InvalidInput("period", "unknown period " + quoted(input.period),
                         message_key("round.period.unknown", {{"period", input.period}}));
    require_open_period(sql, input.period);
    auto under = units.find_by_code(input.under);
    if (!under || !who.in_scope(under->path))
      throw InvalidInput("under", "unknown unit " + quoted(input.under),
                         message_key("round.unit.unknown", {{"unit", input.under}}));
    if (rounds.find(input.code))
      throw Conflict("a round " + quoted(input.code) + " exists already", "code",
                     message_key("round.code.exists", {{"round", input.code}}));

    Framework framework =
        bundle::read_framework_document(evaluation.framework_by_id(period->framework_id)->document);
    std::set<std::string> field_items;
    for (const Item* item : framework.items()) {
      if (item->method == Method::field) field_items.insert(item->code);
    }
    for (size_t i = 0; i < input.items.size(); ++i) {
      if (!field_items.count(input.items[i])) {
        throw InvalidInput("items[" + std::to_string(i) + "]",
                           "not a field item of the period's framework: " + quoted(input.items[i]),
                           message_key("round.item.not_field_item", {{"item", input.items[i]}}));
      }
    }

    // Every site under `under`, with its unit's path.
    std::map<std::string, std::string> unit_path;
    std::map<std::string, Unit> unit_by_code;
    for (const auto& u : units.subtree(under->path)) {
      unit_path[u.code] = u.path;
      unit_by_code[u.code] = u;
    }
    std::string upper = store::path_upper_bound(under->path);
    auto sites = store::SiteRepository(sql).list({under->path, upper, "", ""}, -1, 0);
    std::map<std::string, long long> site_ids;
    for (const auto& s : sites) site_ids[s.code] = s.id;

    std::vector<StratumPopulation> populations;
    auto population_of = [&](const Unit& u, const std::string& type, long long size) {
      StratumPopulation p{u.code, type, {}, size};
      for (const auto& s : sites) {
        if (s.type == type && unit_path[s.unit].compare(0, u.path.size(), u.path) == 0)
          p.sites.push_back(s.code);
      }
      return p;
    };
    if (!input.strata.empty()) {
      std::set<std::pair<std::string, std::string>> seen;
      for (size_t i = 0; i < input.strata.size(); ++i) {
        const auto& s = input.strata[i];
        std::string at = "strata[" + std::to_string(i) + "]";
        auto it = unit_by_code.find(s.unit);
        if (it == unit_by_code.end())
          throw InvalidInput(at + ".unit", "not a unit under " + quoted(input.under),
                             message_key("round.stratum.unit_outside", {{"under", input.under}}));
        if (s.site_type.empty())
          throw InvalidInput(at + ".site_type", "site_type is required", message_key("input.required"));
        if (s.sample_size < 0)
          throw InvalidInput(at + ".sample_size", "sample_size must not be negative",
                             message_key("round.sample_size.negative"));
        if (!seen.insert({s.unit, s.site_type}).second)
          throw InvalidInput(at, "the same stratum is given twice", message_key("round.stratum.duplicate"));
        populations.push_back(population_of(it->second, s.site_type, s.sample_size));
      }
    } else {
      auto children = units.children(under->id);
      if (children.empty()) children.push_back(*under);
      for (const auto& child : children) {
        std::set<std::string> types;
        for (const auto& s : sites) {
          if (unit_path[s.unit].compare(0, child.path.size(), child.path) == 0) types.insert(s.type);
        }
        for (const auto& type : types)
          populations.push_back(population_of(child, type, *input.default_sample_size));
      }
    }
    auto sample = draw_sample(populations, seed);

    store::RoundRow row;
    row.code = input.code;
    row.name = input.name;
    row.period_id = period->id;
    row.under_unit_id = under->id;
    row.seed = std::to_string(seed);
    row.items = input.items;
    row.default_sample_size = input.default_sample_size.value_or(0);
    row.created_at = clock_.now_ms();
    row.created_by = who.username;
    long long round_id = rounds.insert(row);
    int seq = 0;
    long long total = 0;
    for (const auto& s : sample) {
      store::RoundStratumRow stratum;
      stratum.seq = ++seq;
      stratum.unit_id = unit_by_code.at(s.unit).id;
      stratum.site_type = s.site_type;
      stratum.population = s.population;
      stratum.sample_size = s.sample_size;
      rounds.insert_stratum(round_id, stratum);
      for (const auto& site : s.sites) rounds.insert_site(round_id, site_ids.at(site));
      total += s.sample_size;
    }
    audit_.record(sql, who,
                  {"round.create", "round", input.code, "",
                   JsonText()
                       .add("name", input.name)
                       .add("period", input.period)
                       .add("under", input.under)
                       .add("seed", row.seed)
                       .add("items", input.items)
                       .add("strata", static_cast<long long>(sample.size()))
                       .add("sample_total", total)
                       .str()});
    return view(sql, input.code);
  });
}

RoundView RoundService::view(soci::session& sql, const std::string& code) {
  store::RoundRepository rounds(sql);
  store::RoundRow round = *rounds.find(code);
  RoundView v;
  v.round = summary_of(round);
  for (const auto& s : rounds.strata(round.id))
    v.strata.push_back({s.unit, s.unit_name, s.site_type, s.population, s.sample_size});
  for (const auto& p : rounds.progress(round.id))
    v.inspectors.push_back({p.username, p.display_name, p.done, p.to_do});
  return v;
}

store::RoundRow RoundService::visible_round(soci::session& sql, const Principal& who,
                                            const std::string& code) {
  store::RoundRepository rounds(sql);
  auto round = rounds.find(code);
  if (round) {
    store::UnitRepository units(sql);
    auto under = units.find_by_id(round->under_unit_id);
    std::string mine = scope_path(who);
    if (under && (who.in_scope(under->path) || mine.compare(0, under->path.size(), under->path) == 0)) {
      return *round;
    }
  }
  throw ScopeRefusal{"round", code};
}

Page<RoundSummary> RoundService::list(const Principal& who, const std::string& period,
                                      const PageRequest& page) {
  audit_.require(who, Permission::read_rounds);
  page.validate();
  auto lease = db_.lease();
  long long period_id = 0;
  if (!period.empty()) {
    auto p = store::EvaluationRepository(*lease).find_period(period);
    if (!p)
      throw InvalidInput("period", "unknown period " + quoted(period),
                         message_key("round.period.unknown", {{"period", period}}));
    period_id = p->id;
  }
  std::string path = scope_path(who);
  store::RoundRepository rounds(*lease);
  Page<RoundSummary> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = rounds.count(period_id, path, store::path_upper_bound(path), path);
  for (const auto& r :
       rounds.list(period_id, path, store::path_upper_bound(path), path, page.page_size, page.offset()))
    out.items.push_back(summary_of(r));
  return out;
}

RoundView RoundService::get(const Principal& who, const std::string& code) try {
  audit_.require(who, Permission::read_rounds);
  auto lease = db_.lease();
  visible_round(*lease, who, code);
  return view(*lease, code);
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

Page<RoundSite> RoundService::sites(const Principal& who, const std::string& code,
                                    const RoundSiteQuery& query, const PageRequest& page) try {
  audit_.require(who, Permission::read_rounds);
  page.validate();
  if (!query.status.empty() && query.status != "to_do" && query.status != "draft" &&
      query.status != "submitted") {
    throw InvalidInput("status", "status is one of to_do, draft, submitted",
                       message_key("round.site_status.invalid"));
  }
  auto lease = db_.lease();
  auto round = visible_round(*lease, who, code);
  store::RoundSiteFilter filter;
  filter.round_id = round.id;
  filter.path_from = scope_path(who);
  filter.path_to = store::path_upper_bound(filter.path_from);
  filter.status = query.status;
  if (!query.inspector.empty()) {
    auto user = store::UserRepository(*lease).find_by_username(query.inspector);
    if (!user)
      throw InvalidInput("inspector", "unknown user " + quoted(query.inspector),
                         message_key("round.inspector.unknown", {{"user", query.inspector}}));
    filter.inspector = user->user.id;
  }
  if (own_assignments_only(who)) {
    if (filter.inspector && *filter.inspector != who.user_id)
      filter.inspector = -1;  // nobody
    else
      filter.inspector = who.user_id;
  }
  store::RoundRepository rounds(*lease);
  return site_page(rounds.sites(filter, page.page_size, page.offset()), rounds.count_sites(filter), page);
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

RoundView RoundService::assign(const Principal& who, const std::string& code,
                               const std::vector<Assignment>& assignments,
                               const std::vector<std::string>& spread_over) try {
  audit_.require(who, Permission::manage_rounds);
  if (assignments.empty() && spread_over.empty()) {
    throw InvalidInput("assignments", "give assignments or inspectors to spread the unassigned sites over",
                       message_key("round.assign.nothing"));
  }
  return db_.transact([&](soci::session& sql) {
    auto round = visible_round(sql, who, code);
    if (round.status != "open")
      throw Conflict("round " + quoted(code) + " is completed", {},
                     message_key("round.completed", {{"round", code}}));
    store::RoundRepository rounds(sql);
    store::UserRepository users(sql);
    store::EvaluationRepository evaluation(sql);
    TimeMs now = clock_.now_ms();
    store::UnitRepository units(sql);
    std::map<long long, std::string> user_path;
    auto inspector_id = [&](const std::string& username, const std::string& field) {
      auto user = users.find_by_username(username);
      if (!user || user->user.disabled || !who.in_scope(user->unit_path) ||
          !(user->user.has_role(Role::inspector) || user->user.has_role(Role::office))) {
        throw InvalidInput(field, "not an active inspector in scope: " + quoted(username),
                           message_key("round.inspector.not_eligible", {{"user", username}}));
      }
      user_path[user->user.id] = user->unit_path;
      return user->user.id;
    };
    // An inspector works only within their own scope.
    std::map<std::string, std::string> unit_path;
    auto covers = [&](long long user, const std::string& unit_code) {
      auto it = unit_path.find(unit_code);
      if (it == unit_path.end()) it = unit_path.emplace(unit_code, units.find_by_code(unit_code)->path).first;
      return path_in_scope(user_path.at(user), it->second);
    };
    std::map<long long, int> assigned_count;  // user id → sites newly assigned
    for (size_t i = 0; i < assignments.size(); ++i) {
      std::string at = "assignments[" + std::to_string(i) + "]";
      auto site_id = evaluation.site_id(assignments[i].site);
      auto site = site_id ? rounds.find_site(round.id, *site_id) : std::nullopt;
      if (!site)
        throw InvalidInput(
            at + ".site", "not a site of round " + quoted(code) + ": " + quoted(assignments[i].site),
            message_key("round.site.not_in_round", {{"round", code}, {"site", assignments[i].site}}));
      if (site->status == "submitted")
        throw Conflict("site " + quoted(site->site) + " is already inspected", at + ".site",
                       message_key("round.site.already_inspected", {{"site", site->site}}));
      long long user = inspector_id(assignments[i].inspector, at + ".inspector");
      if (!covers(user, site->unit)) {
        throw InvalidInput(at + ".inspector",
                           quoted(assignments[i].inspector) + " does not cover site " + quoted(site->site),
                           message_key("round.inspector.not_covering",
                                       {{"user", assignments[i].inspector}, {"site", site->site}}));
      }
      rounds.assign(round.id, *site_id, user, now);
      ++assigned_count[user];
    }
    if (!spread_over.empty()) {
      std::vector<long long> ids;
      for (size_t i = 0; i < spread_over.size(); ++i) {
        ids.push_back(inspector_id(spread_over[i], "inspectors[" + std::to_string(i) + "]"));
      }
      store::RoundSiteFilter unassigned;
      unassigned.round_id = round.id;
      unassigned.path_from = "/";
      unassigned.path_to = store::path_upper_bound("/");
      size_t next = 0;
      for (const auto& site : rounds.sites(unassigned, -1, 0)) {
        if (site.inspector_id || site.status == "submitted") continue;
        for (size_t tried = 0; tried < ids.size(); ++tried) {
          long long user = ids[next++ % ids.size()];
          if (!covers(user, site.unit)) continue;
          rounds.assign(round.id, site.site_id, user, now);
          ++assigned_count[user];
          break;
        }
      }
    }
    std::vector<std::string> names;
    for (const auto& [user, n] : assigned_count) {
      notifications_.notify_users(
          sql, {user}, "round_assigned",
          JsonText().add("round", code).add("round_name", round.name).add("count", n).str(), "round", code);
      names.push_back(users.find_by_id(user)->user.username + ":" + std::to_string(n));
    }
    audit_.record(sql, who, {"round.assign", "round", code, "", JsonText().add("assigned", names).str()});
    return view(sql, code);
  });
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

RoundView RoundService::complete(const Principal& who, const std::string& code) try {
  audit_.require(who, Permission::manage_rounds);
  RoundView done = db_.transact([&](soci::session& sql) {
    auto round = visible_round(sql, who, code);
    if (round.status != "open")
      throw Conflict("round " + quoted(code) + " is already completed", {},
                     message_key("round.completed", {{"round", code}}));
    store::RoundRepository(sql).set_status(round.id, "completed", clock_.now_ms());
    audit_.record(sql, who,
                  {"round.complete", "round", code, JsonText().add("status", "open").str(),
                   JsonText().add("status", "completed").add("done", round.done).str()});
    return view(sql, code);
  });
  if (completion_hook_) completion_hook_(who, code);
  return done;
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

RoundView RoundService::link_inspections(const Principal& who, const std::string& code,
                                         const std::vector<ExistingAnswer>& answers) try {
  audit_.require(who, Permission::manage_rounds);
  return db_.transact([&](soci::session& sql) {
    auto round = visible_round(sql, who, code);
    store::RoundRepository rounds(sql);
    store::InspectionRepository inspections(sql);
    store::EvaluationRepository evaluation(sql);
    store::UserRepository users(sql);
    auto period = evaluation.find_period(round.period);
    TimeMs now = clock_.now_ms();
    for (size_t i = 0; i < answers.size(); ++i) {
      std::string at = "answers[" + std::to_string(i) + "]";
      const auto& a = answers[i];
      auto site_id = evaluation.site_id(a.site);
      auto site = site_id ? rounds.find_site(round.id, *site_id) : std::nullopt;
      if (!site)
        throw InvalidInput(at + ".site", "not a site of round " + quoted(code) + ": " + quoted(a.site),
                           message_key("round.site.not_in_round", {{"round", code}, {"site", a.site}}));
      if (site->status == "submitted")
        throw Conflict("site " + quoted(a.site) + " is already inspected", at + ".site",
                       message_key("round.site.already_inspected", {{"site", a.site}}));
      auto inspection = inspections.find(a.inspection);
      if (!inspection || inspection->site_id != *site_id || inspection->inspected_on < period->start ||
          inspection->inspected_on > period->end || inspection->round_id) {
        throw InvalidInput(at + ".inspection",
                           "not an unlinked inspection of this site in the round's period",
                           message_key("round.inspection.not_linkable"));
      }
      auto user = users.find_by_username(a.inspector);
      if (!user)
        throw InvalidInput(at + ".inspector", "unknown user " + quoted(a.inspector),
                           message_key("round.inspector.unknown", {{"user", a.inspector}}));
      rounds.assign(round.id, *site_id, user->user.id, now);
      rounds.mark_submitted(round.id, *site_id, inspection->id);
      inspections.link(inspection->id, round.id, user->user.id);
    }
    audit_.record(sql, who,
                  {"round.link_inspections", "round", code, "",
                   JsonText().add("linked", static_cast<long long>(answers.size())).str()});
    return view(sql, code);
  });
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

Page<RoundSite> RoundService::my_assignments(const Principal& who, const std::string& status,
                                             const PageRequest& page) {
  audit_.require(who, Permission::submit_inspections);
  page.validate();
  if (!status.empty() && status != "to_do" && status != "draft" && status != "submitted") {
    throw InvalidInput("status", "status is one of to_do, draft, submitted",
                       message_key("round.site_status.invalid"));
  }
  auto lease = db_.lease();
  store::RoundSiteFilter filter;
  filter.path_from = "/";
  filter.path_to = store::path_upper_bound("/");
  filter.inspector = who.user_id;
  filter.status = status;
  filter.open_rounds_only = true;
  store::RoundRepository rounds(*lease);
  return site_page(rounds.sites(filter, page.page_size, page.offset()), rounds.count_sites(filter), page);
}

InspectionForm RoundService::form(const Principal& who, const std::string& round_code,
                                  const std::string& site) try {
  audit_.require(who, Permission::read_rounds);
  auto lease = db_.lease();
  auto round = visible_round(*lease, who, round_code);
  auto site_id = store::EvaluationRepository(*lease).site_id(site);
  auto row = site_id ? store::RoundRepository(*lease).find_site(round.id, *site_id) : std::nullopt;
  bool visible = row && store::UnitRepository(*lease).find_by_code(row->unit) &&
                 who.in_scope(store::UnitRepository(*lease).find_by_code(row->unit)->path);
  if (row && own_assignments_only(who) && row->inspector_id != who.user_id) visible = false;
  if (!visible) throw ScopeRefusal{"round_site", round_code + "/" + site};
  InspectionForm form;
  form.round = round.code;
  form.period = round.period;
  form.site = site_of(*row);
  form.checks = form_checks(*lease, round, row->site_type);
  return form;
} catch (const ScopeRefusal& r) {
  audit_.deny_out_of_scope(who, r.object_type, r.object_id);
}

}  // namespace civic::service
