#include "service/evaluation/statistic_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "bundle/framework_document.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "domain/core/table_errors.h"
#include "domain/core/text_limit.h"
#include "service/accounts/people_names.h"
#include "service/core/json_text.h"
#include "service/evaluation/computed_statistics.h"
#include "service/evaluation/period_guard.h"
#include "service/evaluation/statistic_table.h"
#include "service/units/unit_place.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/evaluation/statistic_report_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

constexpr int kDefaultDeadlineDaysBeforeEnd = 15;

std::string number_text(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// A statistic item of the period's framework and the department that reports it.
struct MetricPlan {
  const Item* item = nullptr;
  std::optional<Unit> department;
};

// The expected values of one period: every statistic item × every unit it is reported for, with what has
// been reported and last period's approved values.
struct PeriodStatistics {
  store::PeriodRow period;
  Framework framework;
  std::vector<Unit> units;  // reported for: the root and its children that are not departments
  std::vector<MetricPlan> metrics;
  std::map<std::pair<std::string, std::string>, double> previous;  // (metric, unit code) → approved value
  std::map<std::pair<std::string, std::string>, store::StatisticReportRow> reports;
  // Computed items (computed_statistics.h): the inputs as of now and the counted value, by (metric, unit).
  std::map<std::pair<std::string, std::string>, ComputedStatistic> computed;
  std::map<std::pair<std::string, std::string>, double> counted;
  std::string deadline;
  bool deadline_set = false;

  const MetricPlan* metric(const std::string& code) const {
    for (const auto& m : metrics)
      if (m.item->metric == code) return &m;
    return nullptr;
  }
  const Unit* unit(const std::string& code) const {
    for (const auto& u : units)
      if (u.code == code) return &u;
    return nullptr;
  }
};

// The department unit a framework name (code or Chinese name) stands for: the one nearest the root.
std::optional<Unit> department_named(const std::vector<Unit>& departments, const std::string& name) {
  const Unit* best = nullptr;
  for (const auto& d : departments) {
    if (d.code != name && d.name != name) continue;
    if (!best || d.path.size() < best->path.size()) best = &d;
  }
  return best ? std::optional<Unit>(*best) : std::nullopt;
}

std::optional<Unit> reporting_department(const std::vector<Unit>& departments, const Item& item) {
  if (item.lead_unit) {
    if (auto d = department_named(departments, *item.lead_unit)) return d;
  }
  for (const auto& r : item.responsible_units) {
    if (auto d = department_named(departments, r)) return d;
  }
  return std::nullopt;
}

std::string default_deadline(const store::PeriodRow& p) {
  auto end = parse_iso_date(p.end);
  auto start = parse_iso_date(p.start);
  if (!end || !start) return p.end;
  int day = std::max(day_number(*start), day_number(*end) - kDefaultDeadlineDaysBeforeEnd);
  return to_iso(date_from_day_number(day));
}

PeriodStatistics load_statistics(soci::session& sql, const std::string& period_code) {
  store::EvaluationRepository repo(sql);
  auto period = repo.find_period(period_code);
  if (!period)
    throw NotFound("period \"" + period_code + "\" not found",
                   message_key("period.not_found", {{"period", period_code}}));
  PeriodStatistics s;
  s.period = *period;
  s.framework = bundle::read_framework_document(repo.framework_by_id(period->framework_id)->document);
  store::UnitRepository units(sql);
  auto root = units.root();
  std::vector<Unit> departments;
  if (root) {
    s.units.push_back(*root);
    for (const auto& c : units.children(root->id)) {
      if (c.type != UnitType::department) s.units.push_back(c);
    }
    departments = units.subtree(root->path, unit_type_name(UnitType::department));
  }
  for (const Item* item : s.framework.items()) {
    if (item->method == Method::statistic)
      s.metrics.push_back({item, reporting_department(departments, *item)});
  }
  // Last period: the one ending latest before this one starts.
  const store::PeriodRow* last = nullptr;
  auto periods = repo.list_periods();
  for (const auto& p : periods) {
    if (p.end < period->start && (!last || p.end > last->end)) last = &p;
  }
  if (last) {
    for (const auto& v : repo.statistics(last->id)) s.previous[{v.metric, v.unit}] = v.value;
  }
  for (auto& r : store::StatisticReportRepository(sql).of_period(period->id)) {
    s.reports[{r.metric, r.unit_code}] = r;
  }
  store::StatisticReportRepository reports(sql);
  for (const auto& m : s.metrics) {
    if (!m.item->computed) continue;
    for (const auto& u : s.units) {
      s.computed[{m.item->metric, u.code}] = ComputedStatistics::compute(sql, s.period, u, *m.item);
      if (auto v = reports.counted(m.item->metric, u.id, period->id))
        s.counted[{m.item->metric, u.code}] = *v;
    }
  }
  if (auto due = store::StatisticReportRepository(sql).deadline(period->id)) {
    s.deadline = *due;
    s.deadline_set = true;
  } else {
    s.deadline = default_deadline(*period);
  }
  return s;
}

bool may_review(const Principal& who) {
  return can(who, Permission::review_statistics);
}

// Reporting: the office any metric; a department's officer its department's metrics.
bool may_report(const Principal& who, const MetricPlan& m) {
  if (!can(who, Permission::report_statistics)) return false;
  if (may_review(who)) return true;
  return m.department && who.in_scope(m.department->path);
}

bool visible(const Principal& who, const MetricPlan& m, const Unit& unit) {
  return may_review(who) || who.in_scope(unit.path) || (m.department && who.in_scope(m.department->path));
}

StatisticEntry entry_of(const Principal& who, const PeriodStatistics& s, const MetricPlan& m, const Unit& u) {
  StatisticEntry e;
  e.period = s.period.code;
  e.unit = u.code;
  e.unit_name = u.name;
  e.metric = m.item->metric;
  e.item = m.item->code;
  e.item_name = m.item->name;
  e.item_name_en = m.item->name_en;
  e.measure = m.item->measure;
  e.min = m.item->min;
  e.max = m.item->max;
  if (m.department) {
    e.department = m.department->code;
    e.department_name = m.department->name;
  }
  if (auto it = s.previous.find({e.metric, u.code}); it != s.previous.end()) e.previous = it->second;
  e.state = "missing";
  if (m.item->computed) {
    // Nobody reports it: the counted value is Civic's own (refreshed while the period is open).
    e.computed = *m.item->computed;
    if (auto it = s.counted.find({e.metric, u.code}); it != s.counted.end()) {
      e.state = "approved";
      e.value = it->second;
    }
    if (auto it = s.computed.find({e.metric, u.code}); it != s.computed.end()) {
      e.explanation = it->second.explanation;
      if (s.period.state != "open" && it->second.value != e.value)
        e.explanation = "期末计算值；现行数据：" + e.explanation;
    }
    return e;  // may_report and may_review stay false
  }
  if (auto it = s.reports.find({e.metric, u.code}); it != s.reports.end()) {
    const auto& r = it->second;
    e.state = r.state;
    e.value = r.value;
    e.note = r.note;
    e.source_file = r.source_file;
    e.explanation = r.explanation;
    e.version = r.version;
    e.reported_by = r.reported_by;
    e.submitted_at = r.submitted_at;
    e.decided_by = r.decided_by;
    e.decided_at = r.decided_at;
    e.return_reason = r.return_reason;
  }
  e.may_report = may_report(who, m);
  e.may_review = may_review(who);
  return e;
}

std::vector<StatisticEntry> entries(const Principal& who, const PeriodStatistics& s,
                                    const StatisticQuery& q) {
  std::vector<StatisticEntry> out;
  for (const auto& m : s.metrics) {
    if (!q.metric.empty() && m.item->metric != q.metric) continue;
    if (!q.department.empty() && (m.department ? m.department->code : std::string()) != q.department)
      continue;
    for (const auto& u : s.units) {
      if (!q.unit.empty() && u.code != q.unit) continue;
      if (!visible(who, m, u)) continue;
      StatisticEntry e = entry_of(who, s, m, u);
      if (!q.state.empty() && e.state != q.state) continue;
      out.push_back(std::move(e));
    }
  }
  return out;
}

void check_query(const StatisticQuery& q) {
  if (q.period.empty())
    throw InvalidInput("period", "period is required", message_key("statistic.period.required"));
  static const std::set<std::string> states{"", "missing", "draft", "submitted", "approved", "returned"};
  if (!states.count(q.state))
    throw InvalidInput("state", "state is missing, draft, submitted, approved or returned",
                       message_key("statistic.state.unknown", {{"state", q.state}}));
}

// The metric and unit of a period, visible to `who`; NotFound otherwise.
std::pair<const MetricPlan*, const Unit*> require_visible(const Principal& who, const PeriodStatistics& s,
                                                          const std::string& unit,
                                                          const std::string& metric) {
  const MetricPlan* m = s.metric(metric);
  const Unit* u = s.unit(unit);
  if (!m || !u || !visible(who, *m, *u)) {
    throw NotFound(
        "no statistic " + metric + " for " + unit + " in " + s.period.code,
        message_key("statistic.not_found", {{"metric", metric}, {"unit", unit}, {"period", s.period.code}}));
  }
  return {m, u};
}

// A computed item is nobody's to report, submit, approve or return.
void refuse_computed(const MetricPlan& m) {
  if (m.item->computed) {
    throw Conflict(
        "the value of " + m.item->metric + " is computed by Civic (" + *m.item->computed + "), not reported",
        "metric", message_key("statistic.computed", {{"metric", m.item->metric}, {"item", m.item->name}}));
  }
}

void require_reporter(const Principal& who, const MetricPlan& m) {
  refuse_computed(m);
  if (!may_report(who, m)) {
    throw Forbidden(
        "only the reporting department (" + (m.department ? m.department->code : std::string("office")) +
            ") or the office reports " + m.item->metric,
        message_key(
            "statistic.reporter_only",
            {{"metric", m.item->metric}, {"department", m.department ? m.department->name : std::string()}}));
  }
}

void check_version(const StatisticEntry& e, long long version) {
  if (version != e.version) {
    throw Conflict("the value of " + e.metric + " for " + e.unit + " is at version " +
                       std::to_string(e.version) + ", not " + std::to_string(version) + "; reload it",
                   "version",
                   message_key("statistic.version.stale", {{"metric", e.metric}, {"unit", e.unit}}));
  }
}

void require_state(const StatisticEntry& e, std::initializer_list<const char*> states,
                   const std::string& action) {
  for (const char* s : states)
    if (e.state == s) return;
  throw Conflict("a " + e.state + " value cannot be " + action, "state",
                 message_key("statistic.state.refused", {{"state", e.state}, {"action", action}}));
}

// Validation (evidence.md): finite, inside [min, max] (on save and submit), and on submit a large change
// against last period's approved value explained.
void validate_value(const Framework& f, const StatisticEntry& e, bool submitting) {
  double v = e.value.value_or(NAN);
  if (!std::isfinite(v))
    throw InvalidInput("value", "the value must be a finite number",
                       message_key("statistic.value.not_finite"));
  if (e.min && v < *e.min)
    throw InvalidInput(
        "value", "the value " + number_text(v) + " is below the minimum " + number_text(*e.min),
        message_key("statistic.value.below_min", {{"value", number_text(v)}, {"min", number_text(*e.min)}}));
  if (e.max && v > *e.max)
    throw InvalidInput(
        "value", "the value " + number_text(v) + " is above the maximum " + number_text(*e.max),
        message_key("statistic.value.above_max", {{"value", number_text(v)}, {"max", number_text(*e.max)}}));
  if (submitting && e.previous && e.explanation.empty()) {
    double p = *e.previous;
    double limit = f.effective_statistic_change_threshold();
    bool large = p == 0 ? v != 0 : std::abs(v - p) / std::abs(p) > limit;
    if (large) {
      int percent = static_cast<int>(std::lround(limit * 100));
      throw InvalidInput(
          "explanation",
          "the value " + number_text(v) + " differs from last period's " + number_text(p) + " by more than " +
              std::to_string(percent) + "%; explain the change",
          message_key("statistic.explanation.required", {{"value", number_text(v)},
                                                         {"previous", number_text(p)},
                                                         {"percent", std::to_string(percent)}}));
    }
  }
}

std::string audit_json(const StatisticEntry& e) {
  return JsonText()
      .add("period", e.period)
      .add("unit", e.unit)
      .add("metric", e.metric)
      .add("state", e.state)
      .add("value", e.value ? number_text(*e.value) : std::string())
      .add("version", e.version)
      .str();
}

std::string object_id(const StatisticEntry& e) {
  return e.period + "/" + e.unit + "/" + e.metric;
}

// The whole of `text` as a number ("90000", "0.5", "-3", "1e3"), else nullopt.
std::optional<double> number_of(const std::string& text) {
  double v = 0;
  const char* first = text.data();
  if (!text.empty() && text[0] == '+') ++first;
  auto [end, ec] = std::from_chars(first, text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// One row of an import that passed every check: what it writes.
struct ImportedValue {
  const MetricPlan* metric = nullptr;
  const Unit* unit = nullptr;
  StatisticEntry before, after;  // after: the proposed value (state still as before)
};

// The rows of `table` checked against the period as `who` reports it; every problem appended to `errors`.
std::vector<ImportedValue> check_import(const Principal& who, const PeriodStatistics& s,
                                        const StatisticTable& table, std::vector<TableCellError>& errors) {
  std::vector<ImportedValue> out;
  std::map<std::pair<std::string, std::string>, int> first_line;
  for (const auto& r : table.rows) {
    auto refuse = [&](const char* column, std::string message, MessageKey key) {
      errors.push_back({r.line, column, std::move(message), std::move(key)});
    };
    auto refuse_error = [&](const char* column, const Error& e) { refuse(column, e.what(), e.key()); };
    size_t before_count = errors.size();
    if (r.unit.empty())
      refuse("单位编码", "is required", message_key("statistic.import.required", {{"column", "单位编码"}}));
    if (r.metric.empty())
      refuse("指标编码", "is required", message_key("statistic.import.required", {{"column", "指标编码"}}));
    if (errors.size() != before_count) continue;
    const Unit* u = s.unit(r.unit);
    const MetricPlan* m = s.metric(r.metric);
    if (!u)
      refuse("单位编码", "no unit " + r.unit + " reports statistics",
             message_key("statistic.import.unit_unknown", {{"unit", r.unit}}));
    if (!m)
      refuse(
          "指标编码", "no statistic " + r.metric + " in " + s.period.code,
          message_key("statistic.import.metric_unknown", {{"metric", r.metric}, {"period", s.period.code}}));
    if (!u || !m) continue;
    try {
      require_visible(who, s, r.unit, r.metric);
      require_reporter(who, *m);
    } catch (const Error& e) {
      refuse_error("指标编码", e);
      continue;
    }
    auto [seen, fresh] = first_line.try_emplace({r.unit, r.metric}, r.line);
    if (!fresh) {
      refuse("指标编码",
             "the value of " + r.metric + " for " + r.unit + " is on row " + std::to_string(seen->second) +
                 " already",
             message_key("statistic.import.duplicate",
                         {{"unit", r.unit}, {"metric", r.metric}, {"first", std::to_string(seen->second)}}));
      continue;
    }
    for (auto [column, text] : {std::pair<const char*, const std::string*>{"说明", &r.explanation},
                                std::pair<const char*, const std::string*>{"备注", &r.note}}) {
      if (text_problem(*text, kLongText))
        refuse(column, "at most 4000 bytes of text",
               message_key("statistic.import.text_invalid", {{"column", column}, {"max", "4000"}}));
    }
    auto value = number_of(r.value);
    if (!value)
      refuse("本期值", "\"" + r.value + "\" is not a number",
             message_key("statistic.import.not_number", {{"value", r.value}}));
    ImportedValue v{m, u, entry_of(who, s, *m, *u), {}};
    if (v.before.state == "submitted" || v.before.state == "approved") {
      refuse("本期值", "the value is " + v.before.state + " already",
             v.before.state == "approved" ? message_key("statistic.import.approved")
                                          : message_key("statistic.import.submitted"));
    }
    if (errors.size() != before_count) continue;
    v.after = v.before;
    v.after.value = *value;
    v.after.explanation = r.explanation;
    v.after.note = r.note;
    try {
      validate_value(s.framework, v.after, true);
    } catch (const InvalidInput& e) {
      refuse_error(e.field() == "explanation" ? "说明" : "本期值", e);
      continue;
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Page<StatisticEntry> StatisticService::list(const Principal& who, const StatisticQuery& q,
                                            const PageRequest& page) {
  page.validate();
  auto all = list_all(who, q);
  Page<StatisticEntry> out;
  out.total = static_cast<long long>(all.size());
  out.page = page.page;
  out.page_size = page.page_size;
  for (long long i = page.offset(); i < out.total && i < page.offset() + page.page_size; ++i)
    out.items.push_back(std::move(all[i]));
  return out;
}

std::vector<StatisticEntry> StatisticService::list_all(const Principal& who, const StatisticQuery& q) {
  audit_.require(who, Permission::read_statistics);
  check_query(q);
  auto lease = db_.lease();
  return entries(who, load_statistics(*lease, q.period), q);
}

StatisticEntry StatisticService::get(const Principal& who, const std::string& period, const std::string& unit,
                                     const std::string& metric) {
  audit_.require(who, Permission::read_statistics);
  auto lease = db_.lease();
  auto s = load_statistics(*lease, period);
  auto [m, u] = require_visible(who, s, unit, metric);
  StatisticEntry e = entry_of(who, s, *m, *u);
  if (auto it = s.reports.find({metric, unit}); it != s.reports.end()) {
    PeopleNames names(*lease);
    for (const auto& ev : store::StatisticReportRepository(*lease).events(it->second.id))
      e.history.push_back({ev.action, ev.actor, names.of(ev.actor), ev.at, ev.value, ev.reason});
  }
  return e;
}

StatisticEntry StatisticService::save(const Principal& who, const std::string& period,
                                      const std::string& unit, const std::string& metric,
                                      const StatisticDraft& d) {
  audit_.require(who, Permission::report_statistics);
  db_.transact([&](soci::session& sql) { save_in(sql, who, period, unit, metric, d); });
  return get(who, period, unit, metric);
}

StatisticEntry StatisticService::save_and_submit(const Principal& who, const std::string& period,
                                                 const std::string& unit, const std::string& metric,
                                                 const StatisticDraft& d) {
  audit_.require(who, Permission::report_statistics);
  db_.transact([&](soci::session& sql) {
    long long saved = save_in(sql, who, period, unit, metric, d);
    transition_in(sql, who, period, unit, metric, "submit", "", saved);
  });
  return get(who, period, unit, metric);
}

long long StatisticService::save_in(soci::session& sql, const Principal& who, const std::string& period,
                                    const std::string& unit, const std::string& metric,
                                    const StatisticDraft& d) {
  if (!std::isfinite(d.value))
    throw InvalidInput("value", "the value must be a finite number",
                       message_key("statistic.value.not_finite"));
  {
    long long period_id = require_open_period(sql, period);
    auto s = load_statistics(sql, period);
    auto [m, u] = require_visible(who, s, unit, metric);
    require_reporter(who, *m);
    StatisticEntry before = entry_of(who, s, *m, *u);
    check_version(before, d.version);
    require_state(before, {"missing", "draft", "returned"}, "saved");
    StatisticEntry proposed = before;
    proposed.value = d.value;
    validate_value(s.framework, proposed, false);
    if (!d.source_file.empty()) photos_.require_existing(sql, {d.source_file}, "source_file");
    TimeMs now = audit_.clock().now_ms();
    store::StatisticReportRepository repo(sql);
    store::StatisticReportRow row;
    auto it = s.reports.find({metric, unit});
    if (it != s.reports.end()) row = it->second;
    row.period_id = period_id;
    row.unit_id = u->id;
    row.metric = metric;
    row.value = d.value;
    row.note = d.note;
    row.source_file = d.source_file;
    row.explanation = d.explanation;
    row.state = "draft";
    row.reported_by = who.username;
    row.updated_at = now;
    if (it == s.reports.end()) {
      row.version = 1;
      row.id = repo.insert(row);
    } else if (!repo.update(row, row.version)) {
      check_version(before, -1);
    }
    repo.append_event(row.id, {0, "save", who.username, now, d.value, ""});
    StatisticEntry after = before;
    after.state = "draft";
    after.value = d.value;
    after.version = row.version + (it == s.reports.end() ? 0 : 1);
    audit_.record(sql, who,
                  {"statistic.save", "statistic", object_id(after), audit_json(before), audit_json(after)});
    return after.version;
  }
}

StatisticEntry StatisticService::submit(const Principal& who, const std::string& period,
                                        const std::string& unit, const std::string& metric,
                                        long long version) {
  audit_.require(who, Permission::report_statistics);
  return transition(who, period, unit, metric, "submit", "", version);
}

platform::Cells StatisticService::template_table(const Principal& who, const std::string& period) {
  audit_.require(who, Permission::report_statistics);
  auto lease = db_.lease();
  std::vector<StatisticEntry> mine;
  for (auto& e : entries(who, load_statistics(*lease, period), StatisticQuery{period, "", "", "", ""})) {
    if (e.may_report) mine.push_back(std::move(e));
  }
  return statistic_template(mine);
}

StatisticImportSummary StatisticService::import_table(const Principal& who, const std::string& period,
                                                      std::string_view bytes) {
  audit_.require(who, Permission::report_statistics);
  StatisticTable table = read_statistic_table(bytes);
  if (!table.errors.empty()) throw InvalidTable(table.errors);
  return db_.transact([&](soci::session& sql) {
    long long period_id = require_open_period(sql, period);
    auto s = load_statistics(sql, period);
    std::vector<TableCellError> errors;
    auto values = check_import(who, s, table, errors);
    if (!errors.empty()) throw InvalidTable(std::move(errors));
    TimeMs now = audit_.clock().now_ms();
    store::StatisticReportRepository repo(sql);
    for (const auto& v : values) {
      const std::string& metric = v.metric->item->metric;
      store::StatisticReportRow row;
      auto it = s.reports.find({metric, v.unit->code});
      bool fresh = it == s.reports.end();
      if (!fresh) row = it->second;
      row.period_id = period_id;
      row.unit_id = v.unit->id;
      row.metric = metric;
      row.value = *v.after.value;
      row.note = v.after.note;
      row.explanation = v.after.explanation;
      row.state = "submitted";
      row.reported_by = who.username;
      row.submitted_at = now;
      row.return_reason.clear();
      row.updated_at = now;
      if (fresh) {
        row.version = 1;
        row.id = repo.insert(row);
      } else if (!repo.update(row, row.version)) {
        check_version(v.before, -1);
      }
      repo.append_event(row.id, {0, "save", who.username, now, row.value, ""});
      repo.append_event(row.id, {0, "submit", who.username, now, row.value, ""});
      StatisticEntry after = v.after;
      after.state = "submitted";
      after.version = fresh ? 1 : row.version + 1;
      audit_.record(
          sql, who,
          {"statistic.import", "statistic", object_id(after), audit_json(v.before), audit_json(after)});
    }
    return StatisticImportSummary{static_cast<int>(values.size())};
  });
}

StatisticEntry StatisticService::approve(const Principal& who, const std::string& period,
                                         const std::string& unit, const std::string& metric,
                                         long long version) {
  audit_.require(who, Permission::review_statistics);
  return transition(who, period, unit, metric, "approve", "", version);
}

StatisticEntry StatisticService::return_value(const Principal& who, const std::string& period,
                                              const std::string& unit, const std::string& metric,
                                              const std::string& reason, long long version) {
  audit_.require(who, Permission::review_statistics);
  if (reason.empty())
    throw InvalidInput("reason", "returning a value needs a reason",
                       message_key("statistic.reason.required"));
  return transition(who, period, unit, metric, "return", reason, version);
}

StatisticEntry StatisticService::transition(const Principal& who, const std::string& period,
                                            const std::string& unit, const std::string& metric,
                                            const std::string& action, const std::string& reason,
                                            long long version) {
  db_.transact(
      [&](soci::session& sql) { transition_in(sql, who, period, unit, metric, action, reason, version); });
  return get(who, period, unit, metric);
}

void StatisticService::transition_in(soci::session& sql, const Principal& who, const std::string& period,
                                     const std::string& unit, const std::string& metric,
                                     const std::string& action, const std::string& reason,
                                     long long version) {
  {
    store::EvaluationRepository evaluation(sql);
    bool counts = action == "approve";
    // Approving or returning may change what scores count: the revision row lock goes first.
    if (action != "submit") evaluation.bump_revision();
    long long period_id = require_open_period(sql, period);
    auto s = load_statistics(sql, period);
    auto [m, u] = require_visible(who, s, unit, metric);
    refuse_computed(*m);
    if (action == "submit") require_reporter(who, *m);
    StatisticEntry before = entry_of(who, s, *m, *u);
    check_version(before, version);
    if (action == "submit") {
      require_state(before, {"draft", "returned"}, "submitted");
      validate_value(s.framework, before, true);
    } else if (action == "approve") {
      require_state(before, {"submitted"}, "approved");
    } else {
      require_state(before, {"submitted", "approved"}, "returned");
    }
    TimeMs now = audit_.clock().now_ms();
    store::StatisticReportRepository repo(sql);
    store::StatisticReportRow row = s.reports.at({metric, unit});
    if (action == "submit") {
      row.state = "submitted";
      row.submitted_at = now;
      row.reported_by = who.username;
      row.return_reason.clear();
    } else {
      row.state = action == "approve" ? "approved" : "returned";
      row.decided_by = who.username;
      row.decided_at = now;
      row.return_reason = reason;
    }
    row.updated_at = now;
    if (!repo.update(row, row.version)) check_version(before, -1);
    repo.append_event(row.id, {0, action, who.username, now, row.value, reason});
    if (counts) {
      repo.set_counted(metric, u->id, period_id, row.value);
      evaluation.bump_structure_revision();
    } else if (action == "return" && before.state == "approved") {
      repo.remove_counted(metric, u->id, period_id);
      evaluation.bump_structure_revision();
    }
    StatisticEntry after = before;
    after.state = row.state;
    after.version = row.version + 1;
    audit_.record(
        sql, who,
        {"statistic." + action, "statistic", object_id(after), audit_json(before), audit_json(after)});
    if (action == "return" && m->department) {
      notifications_.notify_unit(sql, m->department->id, "statistic_returned",
                                 JsonText()
                                     .add("period", period)
                                     .add("unit", unit)
                                     .add("where", unit_place(sql, row.unit_id))
                                     .add("metric", metric)
                                     .add("item", m->item->code)
                                     .add("item_name", m->item->name)
                                     .add("reason", reason)
                                     .str(),
                                 "statistic", object_id(after));
    }
  }
}

StatisticCompleteness StatisticService::completeness(const Principal& who, const std::string& period) {
  audit_.require(who, Permission::read_statistics);
  auto lease = db_.lease();
  auto s = load_statistics(*lease, period);
  StatisticCompleteness out;
  out.period = period;
  out.deadline = s.deadline;
  out.deadline_set = s.deadline_set;
  bool past_due = to_iso(civil_date_of(audit_.clock().now_ms())) > s.deadline;
  std::map<std::string, DepartmentCompleteness> by_department;
  std::vector<std::string> order;
  for (const auto& e : entries(who, s, StatisticQuery{period, "", "", "", ""})) {
    auto [it, fresh] = by_department.try_emplace(e.department);
    if (fresh) order.push_back(e.department);
    auto& d = it->second;
    d.department = e.department;
    d.department_name = e.department_name;
    ++d.expected;
    if (e.state == "missing") ++d.missing;
    if (e.state == "draft") ++d.draft;
    if (e.state == "submitted") ++d.submitted;
    if (e.state == "approved") ++d.approved;
    if (e.state == "returned") ++d.returned;
  }
  for (const auto& code : order) {
    auto d = by_department[code];
    d.overdue = past_due && (d.missing + d.draft + d.returned) > 0;
    out.departments.push_back(d);
  }
  std::stable_sort(out.departments.begin(), out.departments.end(),
                   [](const auto& a, const auto& b) { return a.department < b.department; });
  return out;
}

StatisticCompleteness StatisticService::set_deadline(const Principal& who, const std::string& period,
                                                     const std::string& due) {
  audit_.require(who, Permission::review_statistics);
  auto date = parse_iso_date(due);
  if (!date || to_iso(*date) != due)
    throw InvalidInput("due", "due is a date YYYY-MM-DD", message_key("statistic.deadline.invalid"));
  db_.transact([&](soci::session& sql) {
    long long period_id = require_open_period(sql, period);
    store::StatisticReportRepository repo(sql);
    auto before = repo.deadline(period_id);
    repo.set_deadline(period_id, due, who.username, audit_.clock().now_ms());
    audit_.record(
        sql, who,
        {"statistic.deadline", "period", period,
         before ? JsonText().add("due", *before).str() : std::string(), JsonText().add("due", due).str()});
  });
  return completeness(who, period);
}

int StatisticService::remind(const Principal& who, const std::string& period, const std::string& department) {
  audit_.require(who, Permission::review_statistics);
  return db_.transact([&](soci::session& sql) {
    auto s = load_statistics(sql, period);
    std::map<std::string, std::pair<long long, int>> pending;  // department → (unit id, values to submit)
    bool known = department.empty();
    for (const auto& m : s.metrics) {
      if (!m.department) continue;
      if (!department.empty() && m.department->code != department) continue;
      known = true;
      for (const auto& u : s.units) {
        auto it = s.reports.find({m.item->metric, u.code});
        std::string state = it == s.reports.end() ? "missing" : it->second.state;
        if (state == "missing" || state == "draft" || state == "returned") {
          auto& p = pending[m.department->code];
          p.first = m.department->id;
          ++p.second;
        }
      }
    }
    if (!known)
      throw NotFound(
          "no department " + department + " reports statistics in " + period,
          message_key("statistic.department.not_found", {{"department", department}, {"period", period}}));
    int notified = 0;
    for (const auto& [code, p] : pending) {
      notified += notifications_.notify_unit(sql, p.first, "statistic_reminder",
                                             JsonText()
                                                 .add("period", period)
                                                 .add("department", code)
                                                 .add("pending", p.second)
                                                 .add("deadline", s.deadline)
                                                 .str(),
                                             "period", period);
    }
    audit_.record(sql, who,
                  {"statistic.remind", "period", period, "",
                   JsonText().add("department", department).add("notified", notified).str()});
    return notified;
  });
}

}  // namespace civic::service
