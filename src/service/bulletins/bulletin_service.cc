#include "service/bulletins/bulletin_service.h"

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "scoring/unit_report.h"
#include "service/core/json_text.h"
#include "service/core/permission.h"
#include "service/units/unit_place.h"
#include "store/bulletins/bulletin_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace json = boost::json;

namespace {

constexpr int kRecurringFailures = 3;
constexpr int kMaxRows = 100;
constexpr size_t kMaxProse = 20000;

json::value opt(const std::optional<double>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

const char* child_level(UnitType t) {
  switch (t) {
    case UnitType::city:
      return "district";
    case UnitType::district:
      return "street";
    default:
      return "community";
  }
}

BulletinProse prose_of(const std::string& text) {
  BulletinProse p;
  try {
    json::value v = json::parse(text);
    if (!v.is_object()) return p;
    const auto& o = v.as_object();
    if (auto* s = o.if_contains("opening"); s && s->is_string()) p.opening = std::string(s->as_string());
    if (auto* s = o.if_contains("closing"); s && s->is_string()) p.closing = std::string(s->as_string());
    if (auto* r = o.if_contains("remarks"); r && r->is_object()) {
      for (const auto& kv : r->as_object())
        if (kv.value().is_string()) p.remarks[std::string(kv.key())] = std::string(kv.value().as_string());
    }
  } catch (const std::exception&) {
  }
  return p;
}

std::string prose_text(const BulletinProse& p) {
  json::object remarks;
  for (const auto& [k, v] : p.remarks) remarks[k] = v;
  return json::serialize(json::object{{"opening", p.opening}, {"closing", p.closing}, {"remarks", remarks}});
}

bool is_writer(const Principal& who) {
  return can(who, Permission::write_bulletins);
}

Bulletin bulletin_of(store::Session& sql, const store::BulletinRow& r, const Principal& who) {
  Bulletin b;
  b.id = r.id;
  b.kind = r.kind;
  auto unit = store::UnitRepository(sql).find_by_id(r.unit_id);
  b.unit = unit ? unit->code : "";
  b.unit_name = unit ? unit->name : "";
  b.period = r.period;
  b.round = r.round;
  b.title = r.title;
  b.state = r.state;
  b.content_json = r.content;
  b.prose = prose_of(r.prose);
  b.version = r.version;
  b.drafted_by = r.drafted_by;
  b.drafted_at = r.drafted_at;
  if (r.approved_at) b.approved_by = r.approved_by, b.approved_at = r.approved_at;
  if (r.published_at) b.published_by = r.published_by, b.published_at = r.published_at;
  if (r.withdrawn_at) {
    b.withdrawn_by = r.withdrawn_by;
    b.withdrawn_at = r.withdrawn_at;
    b.withdrawn_reason = r.withdrawn_reason;
  }
  if (is_writer(who)) {
    if (r.state == "draft" || r.state == "approved") b.allowed_actions.push_back("edit");
    if (r.state == "draft" && can(who, Permission::approve_bulletins) && r.drafted_by != who.username)
      b.allowed_actions.push_back("approve");
    if (r.state == "approved") b.allowed_actions.push_back("publish");
    if (r.state != "withdrawn") b.allowed_actions.push_back("withdraw");
  }
  return b;
}

std::string snapshot(const store::BulletinRow& r) {
  return JsonText().add("state", r.state).add("title", r.title).add("version", r.version).str();
}

}  // namespace

std::string BulletinService::build_content(const Principal& who, const std::string& unit_code,
                                           const std::string& period, const std::optional<RoundView>& round,
                                           std::vector<std::string>& named) {
  std::set<std::string> named_set;
  json::array sections;
  UnitType type = UnitType::district;
  {
    auto lease = db_.lease();
    auto unit = store::UnitRepository(*lease).find_by_code(unit_code);
    if (unit) type = unit->type;
  }
  auto section = [&](const std::string& key, auto&& fill) {
    json::object s{{"key", key}};
    json::array rows;
    try {
      fill(rows);
    } catch (const Error& e) {
      s["unavailable"] = e.key().key.empty() ? std::string(e.what()) : e.key().key;
    }
    s["rows"] = std::move(rows);
    sections.push_back(std::move(s));
  };

  // Red and black lists of the unit's children (cases.md).
  std::optional<CaseRanking> ranking;
  auto unit_json = [](const UnitCaseMeasures& u, int rank) {
    return json::object{{"rank", rank},
                        {"unit", u.unit},
                        {"unit_name", u.unit_name},
                        {"composite", opt(u.composite)},
                        {"base_count", u.measures.base_count},
                        {"closure_rate", opt(u.measures.closure_rate)},
                        {"on_time_closure_rate", opt(u.measures.on_time_closure_rate)},
                        {"overdue_open", u.measures.overdue_open}};
  };
  auto rank_of = [&](const std::string& code) {
    for (const auto& e : ranking->ranking)
      if (e.unit.unit == code) return e.rank;
    return 0;
  };
  section("red_list", [&](json::array& rows) {
    ranking = cases_.rankings(who, {period, child_level(type), unit_code, {}, {}});
    for (const auto& e : ranking->red) {
      rows.push_back(unit_json(e.unit, e.rank ? e.rank : rank_of(e.unit.unit)));
      named_set.insert(e.unit.unit);
    }
  });
  section("black_list", [&](json::array& rows) {
    if (!ranking) ranking = cases_.rankings(who, {period, child_level(type), unit_code, {}, {}});
    for (const auto& e : ranking->black) {
      rows.push_back(unit_json(e.unit, e.rank ? e.rank : rank_of(e.unit.unit)));
      named_set.insert(e.unit.unit);
    }
  });
  section("overdue_cases", [&](json::array& rows) {
    CaseQuery q;
    q.unit = unit_code;
    q.overdue_only = true;
    auto page = cases_.list(who, q, {1, kMaxRows});
    for (const auto& c : page.items) {
      rows.push_back(
          json::object{{"case", c.code},
                       {"title", c.title},
                       {"unit", c.unit.value_or("")},
                       {"unit_name", c.unit_name.value_or("")},
                       {"state", case_state_name(c.state)},
                       {"due_at", c.due_at ? json::value(format_rfc3339(*c.due_at)) : json::value(nullptr)},
                       {"escalation_level", c.escalation_level}});
      if (c.unit) named_set.insert(*c.unit);
    }
  });

  std::shared_ptr<const ScoredPeriod> scored;
  section("recurring_problems", [&](json::array& rows) {
    scored = evaluation_.scores(who, period);
    const scoring::ScoringDataset& d = scored->dataset;
    int u = scored->unit(who, unit_code);
    int p = d.period_index(period);
    std::map<std::pair<int, int>, int> failures;  // (site, check) → failing inspections
    for (size_t r = 0; r < d.inspection_id.size(); ++r) {
      int site = d.inspection_site[r];
      if (!d.in_scope(d.site_unit[site], u)) continue;
      if (p >= 0 && (d.inspection_day[r] < d.period_start[p] || d.inspection_day[r] > d.period_end[p]))
        continue;
      for (uint32_t k = d.result_begin[r]; k < d.result_begin[r + 1]; ++k) {
        if (d.result_failures[k] > 0) ++failures[{site, d.result_check[k]}];
      }
    }
    std::vector<std::pair<std::pair<int, int>, int>> recurring;
    for (const auto& f : failures)
      if (f.second >= kRecurringFailures) recurring.push_back(f);
    std::sort(recurring.begin(), recurring.end(), [&](const auto& a, const auto& b) {
      if (a.second != b.second) return a.second > b.second;
      return std::tie(d.site_code[a.first.first], d.check_code[a.first.second]) <
             std::tie(d.site_code[b.first.first], d.check_code[b.first.second]);
    });
    for (const auto& [key, n] : recurring) {
      if (rows.size() >= kMaxRows) break;
      auto [site, check] = key;
      int item = d.check_item[check];
      std::string text;
      for (const auto& c : d.items[item].checks)
        if (c.code == d.check_code[check]) text = c.text;
      std::string site_unit = d.unit_code[d.site_unit[site]];
      rows.push_back(json::object{{"site", d.site_code[site]},
                                  {"unit", site_unit},
                                  {"check", d.check_code[check]},
                                  {"check_text", text},
                                  {"item", d.items[item].code},
                                  {"item_name", d.items[item].name},
                                  {"failures", n}});
      named_set.insert(site_unit);
    }
  });
  section("units_behind", [&](json::array& rows) {
    std::vector<Plan> plans = plans_.list(who, period);
    if (plans.empty()) return;
    ProgressBoard board = plans_.progress(who, unit_code, std::nullopt, plans.front().code);
    for (const auto& c : board.children) {
      if (c.progress.status != ProgressStatus::behind) continue;
      rows.push_back(json::object{{"unit", c.unit},
                                  {"unit_name", c.unit_name},
                                  {"plan", board.plan},
                                  {"date", board.date},
                                  {"progress", opt(c.progress.progress)},
                                  {"expected", opt(c.progress.expected)},
                                  {"overdue_tasks", c.progress.overdue_count}});
      named_set.insert(c.unit);
    }
  });
  section("weakest_items", [&](json::array& rows) {
    if (!scored) scored = evaluation_.scores(who, period);
    int u = scored->unit(who, unit_code);
    std::set<std::string> round_items;
    if (round) round_items.insert(round->round.items.begin(), round->round.items.end());
    for (const auto& w : scoring::weak_items(*scored->scores, u)) {
      const auto& item = scored->dataset.items[w.item];
      if (!round_items.empty() && !round_items.count(item.code)) continue;
      if (rows.size() >= 10) break;
      rows.push_back(json::object{{"item", item.code},
                                  {"item_name", item.name},
                                  {"score", w.score},
                                  {"max_score", w.max_score},
                                  {"rate", w.rate},
                                  {"lost", w.lost}});
    }
  });
  named.assign(named_set.begin(), named_set.end());
  json::array units;
  for (const auto& n : named) units.push_back(json::value(n));
  return json::serialize(
      json::object{{"generated_at", format_rfc3339(clock_.now_ms())},
                   {"unit", unit_code},
                   {"period", period},
                   {"round", round ? json::value(round->round.code) : json::value(nullptr)},
                   {"sections", std::move(sections)},
                   {"units", std::move(units)}});
}

Bulletin BulletinService::draft(const Principal& who, const NewBulletin& in) {
  audit_.require(who, Permission::write_bulletins);
  if (in.kind != "round" && in.kind != "weekly")
    throw InvalidInput("kind", "kind is round or weekly", message_key("bulletin.kind.invalid"));
  std::optional<RoundView> round;
  std::string unit_code = in.unit, period = in.period;
  if (in.kind == "round") {
    if (in.round.empty())
      throw InvalidInput("round", "round is required", message_key("bulletin.round.required"));
    round = rounds_.get(who, in.round);
    unit_code = round->round.under;
    period = round->round.period;
  } else {
    if (unit_code.empty())
      throw InvalidInput("unit", "unit is required", message_key("bulletin.unit.required"));
    if (period.empty())
      throw InvalidInput("period", "period is required", message_key("bulletin.period.required"));
  }
  std::string unit_name;
  long long unit_id = 0;
  {
    auto lease = db_.lease();
    auto unit = store::UnitRepository(*lease).find_by_code(unit_code);
    if (!unit || !who.in_scope(*unit))
      throw InvalidInput("unit", "no unit " + unit_code,
                         message_key("unit.not_found", {{"unit", unit_code}}));
    unit_name = unit->name;
    unit_id = unit->id;
  }
  bool known_period = false;
  for (const auto& p : evaluation_.periods(Principal::cli())) known_period = known_period || p.code == period;
  if (!known_period)
    throw InvalidInput("period", "no period " + period,
                       message_key("period.not_found", {{"period", period}}));

  std::vector<std::string> named;
  std::string content = build_content(who, unit_code, period, round, named);
  TimeMs now = clock_.now_ms();
  store::BulletinRow row;
  row.kind = in.kind;
  row.unit_id = unit_id;
  row.period = period;
  row.round = round ? round->round.code : "";
  row.title = round ? unit_name + "“" + round->round.name + "”测评情况通报"
                    : unit_name + "创建工作通报（" + to_iso(civil_date_of(now)) + "）";
  row.state = "draft";
  row.content = content;
  row.drafted_by = who.username;
  row.drafted_at = now;
  row.updated_at = now;
  return db_.transact([&](soci::session& sql) {
    store::BulletinRepository repo(sql);
    row.id = repo.insert(row);
    std::vector<long long> ids;
    store::UnitRepository units(sql);
    for (const auto& code : named)
      if (auto u = units.find_by_code(code)) ids.push_back(u->id);
    repo.set_units(row.id, ids);
    audit_.record(sql, who,
                  {"bulletin.draft", "bulletin", std::to_string(row.id), "",
                   JsonText()
                       .add("kind", row.kind)
                       .add("unit", unit_code)
                       .add("period", period)
                       .add("round", row.round)
                       .add("title", row.title)
                       .add("units", named)
                       .str()});
    return bulletin_of(sql, row, who);
  });
}

namespace {

// The bulletin if `who` may see it; nullopt otherwise (the caller answers NotFound).
std::optional<store::BulletinRow> visible(store::Session& sql, const Principal& who, long long id) {
  store::BulletinRepository repo(sql);
  auto row = repo.find(id);
  if (!row) return std::nullopt;
  if (who.is_cli) return row;
  store::UnitRepository units(sql);
  auto unit = units.find_by_id(row->unit_id);
  bool own = unit && who.in_scope(*unit);
  if (is_writer(who)) return own ? row : std::nullopt;
  if (row->state != "published") return std::nullopt;
  if (own) return row;
  for (long long u : repo.units(id)) {
    auto named = units.find_by_id(u);
    if (named && who.in_scope(*named)) return row;
  }
  return std::nullopt;
}

[[noreturn]] void not_found(long long id) {
  throw NotFound("no bulletin " + std::to_string(id), message_key("bulletin.not_found"));
}

}  // namespace

Page<Bulletin> BulletinService::list(const Principal& who, const BulletinQuery& query,
                                     const PageRequest& page) {
  audit_.require(who, Permission::read_bulletins);
  page.validate();
  store::BulletinFilter f;
  f.state = query.state;
  f.kind = query.kind;
  f.scope_path = who.is_cli ? "" : who.unit_path;
  if (!is_writer(who)) {
    // Readers: published bulletins of their units or naming one of them.
    f.state = f.state.empty() || f.state == "published" ? "published" : "__none__";
    f.named = f.scope_path;
  }
  auto lease = db_.lease();
  store::BulletinRepository repo(*lease);
  Page<Bulletin> out;
  out.page = page.page;
  out.page_size = page.page_size;
  out.total = repo.count(f);
  for (const auto& r : repo.list(f, page.page_size, page.offset())) {
    Bulletin b = bulletin_of(*lease, r, who);
    b.content_json.clear();  // the list shows no sections
    out.items.push_back(std::move(b));
  }
  return out;
}

Bulletin BulletinService::get(const Principal& who, long long id) {
  audit_.require(who, Permission::read_bulletins);
  auto lease = db_.lease();
  auto row = visible(*lease, who, id);
  if (!row) not_found(id);
  return bulletin_of(*lease, *row, who);
}

Bulletin BulletinService::update(const Principal& who, long long id, const BulletinUpdate& u) {
  audit_.require(who, Permission::write_bulletins);
  size_t total = u.prose.opening.size() + u.prose.closing.size() + (u.title ? u.title->size() : 0);
  for (const auto& [k, v] : u.prose.remarks) {
    if (std::find(bulletin_section_keys().begin(), bulletin_section_keys().end(), k) ==
        bulletin_section_keys().end())
      throw InvalidInput("prose.remarks." + k, "no section " + k, message_key("bulletin.section.unknown"));
    total += v.size();
  }
  if (total > kMaxProse)
    throw InvalidInput("prose", "the prose is at most 20000 bytes", message_key("bulletin.prose.too_long"));
  if (u.title && (u.title->empty() || u.title->size() > 300))
    throw InvalidInput("title", "the title is 1..300 bytes", message_key("bulletin.title.invalid"));
  return db_.transact([&](soci::session& sql) {
    auto row = visible(sql, who, id);
    if (!row) not_found(id);
    if (u.version && *u.version != row->version)
      throw Conflict("bulletin " + std::to_string(id) + " changed", "version",
                     message_key("bulletin.version.stale"));
    if (row->state != "draft" && row->state != "approved")
      throw Conflict("a " + row->state + " bulletin cannot be edited", {},
                     message_key("bulletin.state", {{"state", row->state}}));
    store::BulletinRow before = *row;
    row->prose = prose_text(u.prose);
    if (u.title) row->title = *u.title;
    if (row->state == "approved") {  // an edit needs a new approval
      row->state = "draft";
      row->approved_by.clear();
      row->approved_at = 0;
    }
    row->version += 1;
    row->updated_at = clock_.now_ms();
    if (!store::BulletinRepository(sql).update(*row, before.version))
      throw Conflict("bulletin " + std::to_string(id) + " changed", "version",
                     message_key("bulletin.version.stale"));
    audit_.record(sql, who,
                  {"bulletin.edit", "bulletin", std::to_string(id), snapshot(before),
                   JsonText()
                       .add("state", row->state)
                       .add("title", row->title)
                       .add("version", row->version)
                       .add("prose", row->prose)
                       .str()});
    return bulletin_of(sql, *row, who);
  });
}

Bulletin BulletinService::act(const Principal& who, long long id, const std::string& action,
                              std::optional<long long> version, const std::string& reason) {
  if (action == "approve") {
    audit_.require(who, Permission::approve_bulletins);
  } else if (action == "publish" || action == "withdraw") {
    audit_.require(who, Permission::write_bulletins);
  } else {
    throw NotFound("no action " + action, message_key("bulletin.action.unknown"));
  }
  if (action == "withdraw" && (reason.empty() || reason.size() > 2000))
    throw InvalidInput("reason", "a withdrawal needs a reason (at most 2000 bytes)",
                       message_key("bulletin.reason.required"));
  return db_.transact([&](soci::session& sql) {
    auto row = visible(sql, who, id);
    if (!row) not_found(id);
    if (version && *version != row->version)
      throw Conflict("bulletin " + std::to_string(id) + " changed", "version",
                     message_key("bulletin.version.stale"));
    store::BulletinRow before = *row;
    TimeMs now = clock_.now_ms();
    auto refuse = [&] {
      throw Conflict("cannot " + action + " a " + row->state + " bulletin", {},
                     message_key("bulletin.state", {{"state", row->state}}));
    };
    store::BulletinRepository repo(sql);
    if (action == "approve") {
      if (row->state != "draft") refuse();
      if (row->drafted_by == who.username)
        throw Conflict("the drafter cannot approve their own bulletin", {},
                       message_key("bulletin.four_eyes"));
      row->state = "approved";
      row->approved_by = who.username;
      row->approved_at = now;
    } else if (action == "publish") {
      if (row->state != "approved") refuse();
      row->state = "published";
      row->published_by = who.username;
      row->published_at = now;
    } else {
      if (row->state == "withdrawn") refuse();
      row->state = "withdrawn";
      row->withdrawn_by = who.username;
      row->withdrawn_at = now;
      row->withdrawn_reason = reason;
    }
    row->version += 1;
    row->updated_at = now;
    if (!repo.update(*row, before.version))
      throw Conflict("bulletin " + std::to_string(id) + " changed", "version",
                     message_key("bulletin.version.stale"));
    if (action == "publish") {
      // Every unit named in it, and the unit it is about, hears of it (and their push channels).
      std::vector<long long> units = repo.units(id);
      if (std::find(units.begin(), units.end(), row->unit_id) == units.end()) units.push_back(row->unit_id);
      for (long long u : units) {
        std::string params = JsonText()
                                 .add("title", row->title)
                                 .add("where", unit_place(sql, u))
                                 .add("period", row->period)
                                 .add("summary", row->title)
                                 .str();
        notifications_.notify_unit(sql, u, "bulletin_published", params, "bulletin", std::to_string(id));
      }
    }
    audit_.record(sql, who,
                  {"bulletin." + action, "bulletin", std::to_string(id), snapshot(before),
                   action == "withdraw" ? JsonText().add("state", row->state).add("reason", reason).str()
                                        : snapshot(*row)});
    return bulletin_of(sql, *row, who);
  });
}

void BulletinService::on_round_completed(const Principal& who, const std::string& round) {
  // Rounds completed at the command line (the demo, bulk imports) get no automatic draft.
  if (who.is_cli || !can(who, Permission::write_bulletins)) return;
  try {
    draft(who, {"round", "", "", round});
  } catch (const std::exception& e) {
    spdlog::warn("no bulletin drafted for round {}: {}", round, e.what());
  }
}

int BulletinService::run_schedule() {
  Principal system = Principal::cli();
  system.username = "system";
  TimeMs now = clock_.now_ms();
  std::string today = to_iso(civil_date_of(now));
  std::string period;
  for (const auto& p : evaluation_.periods(system))
    if (p.start <= today && today <= p.end && p.state == "open") period = p.code;
  if (period.empty()) return 0;
  std::vector<std::string> due;
  {
    auto lease = db_.lease();
    store::UnitRepository units(*lease);
    store::BulletinRepository repo(*lease);
    auto root = units.root();
    if (!root) return 0;
    for (const Unit& u : units.subtree(root->path, "district")) {
      int days = repo.schedule(u.id).value_or(7);
      if (days <= 0) continue;
      TimeMs last = repo.last_drafted(u.id, "weekly");
      if (last == 0 || now - last >= static_cast<TimeMs>(days) * 86'400'000) due.push_back(u.code);
    }
  }
  int drafted = 0;
  for (const auto& code : due) {
    try {
      draft(system, {"weekly", code, period, ""});
      ++drafted;
    } catch (const std::exception& e) {
      spdlog::warn("no weekly bulletin for {}: {}", code, e.what());
    }
  }
  return drafted;
}

int BulletinService::schedule_days(const Principal& who, const std::string& unit) {
  audit_.require(who, Permission::read_bulletins);
  auto lease = db_.lease();
  auto u = store::UnitRepository(*lease).find_by_code(unit);
  if (!u || !who.in_scope(*u))
    throw NotFound("no unit " + unit, message_key("unit.not_found", {{"unit", unit}}));
  return store::BulletinRepository(*lease).schedule(u->id).value_or(7);
}

void BulletinService::set_schedule_days(const Principal& who, const std::string& unit, int every_days) {
  audit_.require(who, Permission::write_bulletins);
  if (every_days < 0 || every_days > 366)
    throw InvalidInput("every_days", "every_days is 0..366", message_key("bulletin.schedule.invalid"));
  db_.transact([&](soci::session& sql) {
    auto u = store::UnitRepository(sql).find_by_code(unit);
    if (!u || !who.in_scope(*u))
      throw NotFound("no unit " + unit, message_key("unit.not_found", {{"unit", unit}}));
    store::BulletinRepository repo(sql);
    int before = repo.schedule(u->id).value_or(7);
    repo.set_schedule(u->id, every_days);
    audit_.record(sql, who,
                  {"bulletin.schedule", "unit", unit, JsonText().add("every_days", before).str(),
                   JsonText().add("every_days", every_days).str()});
  });
}

}  // namespace civic::service
