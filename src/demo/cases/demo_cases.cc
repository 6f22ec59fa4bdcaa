// Demo step "cases" (after "evaluation" and "rounds"): problem cases opened from the failed checks of the
// demo's 2026H1 inspections (about 2,000, a deterministic sample), plus recent public reports (随手拍) and
// hotline cases, each driven through the lifecycle of cases.md with believable timestamps. Every action goes
// through domain/case_lifecycle's `apply`, so the stored records are states the service could have reached;
// an action whose time is after `now` is not taken, which leaves recent cases open at every stage.
// Districts differ: 高新区 (GX) and 东城区 (DC) fast and on time, 南湖区 (NH) slow with many overdue cases
// and reworks, 互贸区 (HM) middling with some overdue. The cases and their events are written in bulk at the
// end, in one transaction (store/cases/case_bulk_writer.h); one audit record summarizes the step.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>

#include "bundle/default_framework.h"
#include "demo/core/demo_city.h"
#include "domain/cases/case_category.h"
#include "domain/cases/case_lifecycle.h"
#include "domain/core/civil_time.h"
#include "store/cases/case_bulk_writer.h"

namespace civic::demo {

namespace {

constexpr TimeMs kHourMs = 3'600'000;
constexpr TimeMs kDayMs = 24 * kHourMs;
constexpr size_t kTargetInspectionCases = 2000;
constexpr int kRecentCases = 160;  // public, hotline and inspection cases of the last days before `now`

struct DistrictPace {
  const char* code;
  double speed;  // the share of the time limit a fix takes, on average
  double rework, send_back, postpone, not_fixed, reopen;
};

const DistrictPace kPaces[] = {
    {"GX", 0.30, 0.03, 0.02, 0.02, 0.03, 0.01}, {"DC", 0.35, 0.04, 0.03, 0.03, 0.03, 0.01},
    {"XC", 0.55, 0.08, 0.05, 0.05, 0.05, 0.02}, {"HM", 0.70, 0.12, 0.07, 0.08, 0.07, 0.03},
    {"BS", 0.60, 0.09, 0.06, 0.06, 0.06, 0.03}, {"NH", 1.25, 0.30, 0.15, 0.15, 0.15, 0.06},
};

const DistrictPace& pace_of(const std::string& district) {
  for (const auto& p : kPaces) {
    if (district == p.code) return p;
  }
  return kPaces[2];
}

// The business day of `t`, as case codes carry it.
std::string yyyymmdd(TimeMs t) {
  CivilDate d = civil_date_of(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

struct Actor {
  std::optional<long long> id;
  std::string username, name;
};

struct FailedCheck {
  std::string inspection, inspected_on, site_code, site_name, unit_code, unit_name, unit_path, check;
  long long site_id = 0, unit_id = 0;
  int failures = 0;
  std::optional<double> lat, lon;
};

// One case's life: the row and its events, built action by action through the lifecycle.
class CaseStory {
 public:
  CaseStory(store::CaseRow row, TimeMs now, const CasePolicy& policy)
      : row_(std::move(row)), now_(now), policy_(policy) {
    record_.state = CaseState::reported;
    record_.category = row_.category;
    record_.severity = row_.severity;
    record_.reported_at = row_.reported_at;
  }

  // Appends the report event; inspection cases are registered at once by the inspector.
  void report(const Actor& who, TimeMs at) {
    events_.push_back(
        event("report", "", case_state_name(CaseState::reported), who, at, row_.description, ""));
  }

  // Takes `action` at `at` unless that is after now or the lifecycle refuses it; returns whether it happened.
  bool act(CaseAction action, const Actor& who, CaseActor as, TimeMs at, CaseActionInput input = {},
           std::string data = "{}") {
    if (stopped_ || at > now_ || at < last_) {
      stopped_ = stopped_ || at > now_;
      return false;
    }
    try {
      CaseRecord next = apply(record_, action, as, input, at, policy_);
      std::string note = input.note;
      store::CaseEventRow e = event(case_action_name(action), case_state_name(record_.state),
                                    case_state_name(next.state), who, at, note, input.reason);
      e.data = std::move(data);
      events_.push_back(std::move(e));
      record_ = std::move(next);
      last_ = at;
      return true;
    } catch (const Error&) {
      return false;
    }
  }

  const CaseRecord& record() const { return record_; }
  bool stopped() const { return stopped_; }
  TimeMs last() const { return last_; }
  store::CaseRow& row() { return row_; }

  // The row as the lifecycle left it, and its events with the case id.
  store::CaseRow finished_row() {
    row_.state = case_state_name(record_.state);
    row_.category = record_.category;
    row_.severity = record_.severity;
    row_.due_at = record_.due_at;
    row_.first_dispatched_at = record_.first_dispatched_at;
    row_.closed_at = record_.closed_at;
    row_.outcome =
        record_.outcome ? std::optional<std::string>(case_outcome_name(*record_.outcome)) : std::nullopt;
    row_.rework_count = record_.rework_count;
    row_.reopen_count = record_.reopen_count;
    row_.send_back_count = record_.send_back_count;
    row_.escalation_level = record_.escalation_level;
    row_.postponement_pending = record_.postponement_pending;
    row_.postponement_approved = record_.postponement_approved;
    row_.handled_once = record_.handled_at_least_once;
    row_.updated_at = std::max(last_, row_.reported_at);
    row_.version = static_cast<long long>(events_.size());
    return row_;
  }
  std::vector<store::CaseEventRow>& events() { return events_; }

 private:
  store::CaseEventRow event(const std::string& action, const std::string& from, const std::string& to,
                            const Actor& who, TimeMs at, const std::string& note, const std::string& reason) {
    store::CaseEventRow e;
    e.seq = static_cast<int>(events_.size()) + 1;
    e.action = action;
    e.from_state = from;
    e.to_state = to;
    e.actor_user_id = who.id;
    e.actor = who.username;
    e.actor_name = who.name;
    e.at = at;
    e.note = note;
    e.reason = reason;
    return e;
  }

  store::CaseRow row_;
  TimeMs now_;
  const CasePolicy& policy_;
  CaseRecord record_;
  std::vector<store::CaseEventRow> events_;
  TimeMs last_ = 0;
  bool stopped_ = false;
};

class CaseBuilder {
 public:
  CaseBuilder(DemoContext& context, soci::session& sql) : c_(context), sql_(sql) {
    now_ = context.services.clock.now_ms();
    policy_ = context.services.cases.settings().policy;
    if (policy_.time_limit_hours_by_category.empty())
      policy_.time_limit_hours_by_category = case_category_time_limits();
    load_actors();
    load_districts();
    for (const auto& a : bundle::default_framework().aspects) {
      for (const auto& ind : a.indicators) {
        for (const auto& item : ind.items) {
          for (const auto& ch : item.checks) item_of_check_[ch.code] = {item.code, item.name};
        }
      }
    }
  }

  int build() {
    std::vector<FailedCheck> failed = failed_checks();
    size_t step = std::max<size_t>(1, (failed.size() + kTargetInspectionCases - 1) / kTargetInspectionCases);
    int made = 0;
    for (size_t i = 0; i < failed.size(); i += step) {
      const FailedCheck& f = failed[i];
      auto date = parse_iso_date(f.inspected_on);
      if (!date) continue;
      // Office hours of the inspection's day: 09:00 to 17:59 in the business zone.
      TimeMs reported =
          start_of_day(*date) + (9 + c_.random.between(0, 8)) * kHourMs + c_.random.between(0, 59) * 60'000;
      if (reported > now_) continue;
      made += inspection_case(f, reported);
    }
    made += recent_cases(failed);
    return made;
  }

 private:
  void load_actors() {
    long long id = 0;
    std::string username, name;
    soci::statement st = (sql_.prepare << "SELECT id, username, display_name FROM users ORDER BY id",
                          soci::into(id), soci::into(username), soci::into(name));
    st.execute();
    while (st.fetch()) actors_[username] = {id, username, name};
    office_ = actor("office", "市创文办");
    huimao_ = actor("huimao", "互贸区联络员");
    for (int i = 1; i <= 5; ++i) inspectors_.push_back(actor("inspector" + std::to_string(i), "测评员"));
  }

  Actor actor(const std::string& username, const std::string& fallback) {
    auto it = actors_.find(username);
    if (it != actors_.end()) return it->second;
    return {std::nullopt, username, fallback};
  }

  void load_districts() {
    std::string code, path;
    soci::statement st = (sql_.prepare << "SELECT code, path FROM units WHERE type = 'district'",
                          soci::into(code), soci::into(path));
    st.execute();
    while (st.fetch()) districts_.emplace_back(path, code);
  }

  std::string district_of(const std::string& unit_path) const {
    for (const auto& [path, code] : districts_) {
      if (unit_path.compare(0, path.size(), path) == 0) return code;
    }
    return "";
  }

  std::vector<FailedCheck> failed_checks() {
    std::vector<FailedCheck> out;
    FailedCheck f;
    soci::indicator lat_ind = soci::i_ok, lon_ind = soci::i_ok;
    double lat = 0, lon = 0;
    soci::statement st =
        (sql_.prepare
             << "SELECT i.code, i.inspected_on, s.id, s.code, s.name, s.lat, s.lon, u.id, u.code, u.name,"
                " u.path, r.check_code, r.failures FROM inspections i"
                " JOIN inspection_results r ON r.inspection_id = i.id JOIN sites s ON s.id = i.site_id"
                " JOIN units u ON u.id = s.unit_id WHERE r.failures > 0 AND i.inspected_on >= '2026-01-01'"
                " AND i.inspected_on <= '2026-06-30' ORDER BY i.code, r.check_code",
         soci::into(f.inspection), soci::into(f.inspected_on), soci::into(f.site_id), soci::into(f.site_code),
         soci::into(f.site_name), soci::into(lat, lat_ind), soci::into(lon, lon_ind), soci::into(f.unit_id),
         soci::into(f.unit_code), soci::into(f.unit_name), soci::into(f.unit_path), soci::into(f.check),
         soci::into(f.failures));
    st.execute();
    while (st.fetch()) {
      f.lat = lat_ind == soci::i_ok ? std::optional<double>(lat) : std::nullopt;
      f.lon = lon_ind == soci::i_ok ? std::optional<double>(lon) : std::nullopt;
      out.push_back(f);
    }
    return out;
  }

  double chance() { return static_cast<double>(c_.random.between(0, 999'999)) / 1e6; }

  Actor officer_for(const std::string& district, const std::string& unit_name) const {
    if (district == "HM") return huimao_;
    return {std::nullopt, "", unit_name + "联络员"};
  }

  store::CaseRow base_row(const FailedCheck& f, const std::string& source, TimeMs reported) {
    store::CaseRow row;
    auto item = item_of_check_.find(f.check);
    std::string item_code = item != item_of_check_.end() ? item->second.first : "";
    std::string item_name = item != item_of_check_.end() ? item->second.second : "";
    row.category = case_category_for_item(item_code, item_name);
    row.severity = f.failures >= 3 ? "较重" : "一般";
    row.source = source;
    row.site_id = f.site_id;
    row.unit_id = f.unit_id;
    row.reporting_unit_id = f.unit_id;
    row.lat = f.lat;
    row.lon = f.lon;
    row.address = f.site_name;
    row.reported_at = reported;
    if (source == "inspection") {
      row.title = (item_name.empty() ? std::string("实地考察问题") : item_name) + " · " + f.site_name;
      row.description =
          "实地考察发现 " + std::to_string(f.failures) + " 处不达标（测评标准 " + f.check + "）";
      row.item = item_code;
      row.check_code = f.check;
      row.inspection = f.inspection;
      row.failure_count = f.failures;
    } else {
      auto category = find_case_category(row.category);
      row.title = (category ? category->name : std::string("问题")) + " " + f.site_name;
      row.description = source == "public" ? "市民随手拍：" + f.site_name + "附近" +
                                                 (category ? category->name : "") + "问题"
                                           : "12345 热线转办：" + f.site_name + "群众反映问题";
    }
    return row;
  }

  int inspection_case(const FailedCheck& f, TimeMs reported) {
    const Actor& inspector = inspectors_[static_cast<size_t>(f.site_id) % inspectors_.size()];
    CaseStory story(base_row(f, "inspection", reported), now_, policy_);
    story.report(inspector, reported);
    story.act(CaseAction::register_case, inspector, {.office = true}, reported);
    live(story, district_of(f.unit_path), f.unit_code, f.unit_name, reported);
    save(story);
    return 1;
  }

  // Dispatch, handling, verification and afterwards, as far as `now` allows.
  void live(CaseStory& story, const std::string& district, const std::string& unit_code,
            const std::string& unit_name, TimeMs from) {
    const DistrictPace& p = pace_of(district);
    Actor officer = officer_for(district, unit_name);
    CaseActor office{.office = true};
    CaseActor unit{.unit_officer_in_scope = true};
    CaseActor inspector{.inspector = true};
    const Actor& verifier = inspectors_[static_cast<size_t>(from / kHourMs) % inspectors_.size()];
    CaseActionInput dispatch;
    dispatch.category = story.record().category;
    dispatch.severity = story.record().severity;
    std::string dispatch_data = "{\"unit\":\"" + unit_code + "\"}";
    TimeMs t = from + c_.random.between(1, 6) * kHourMs;
    if (!story.act(CaseAction::dispatch, office_, office, t, dispatch, dispatch_data)) return;
    if (chance() < p.send_back) {
      t += c_.random.between(2, 20) * kHourMs;
      CaseActionInput back;
      back.reason = "不属于本单位职责，请重新派遣";
      if (!story.act(CaseAction::send_back, officer, unit, t, back)) return;
      t += c_.random.between(2, 24) * kHourMs;
      if (!story.act(CaseAction::dispatch, office_, office, t, dispatch, dispatch_data)) return;
    }
    t += c_.random.between(1, 8) * kHourMs;
    if (!story.act(CaseAction::accept, officer, unit, t)) return;
    double limit_h = static_cast<double>((*story.record().due_at - t) / kHourMs);
    if (chance() < p.postpone) {
      t += c_.random.between(4, 24) * kHourMs;
      CaseActionInput ask;
      ask.reason = "需协调多个部门，申请延期";
      if (!story.act(CaseAction::ask_postponement, officer, unit, t, ask)) return;
      t += c_.random.between(6, 30) * kHourMs;
      CaseActionInput decide;
      if (chance() < 0.7) {
        decide.new_due_at = *story.record().due_at + 72 * kHourMs;
        if (!story.act(CaseAction::approve_postponement, office_, office, t, decide)) return;
      } else {
        decide.reason = "不符合延期条件，请按期处置";
        if (!story.act(CaseAction::refuse_postponement, office_, office, t, decide)) return;
      }
    }
    int rounds = 1 + (chance() < p.rework ? 1 : 0) + (chance() < p.rework / 3 ? 1 : 0);
    for (int round = 0; round < rounds; ++round) {
      double share = p.speed * (0.4 + 1.2 * chance());
      TimeMs handled = t + static_cast<TimeMs>(std::max(2.0, limit_h * share) * kHourMs);
      // 督办: the office escalates a case still unhandled a few hours past due.
      if (story.record().due_at && handled > *story.record().due_at + 6 * kHourMs) {
        TimeMs s = *story.record().due_at + c_.random.between(4, 6) * kHourMs;
        CaseActionInput sup;
        sup.note = "已超期，请立即处置并反馈";
        if (story.act(CaseAction::supervise, office_, office, s, sup)) t = s;
        if (district == "NH" && handled > *story.record().due_at + 72 * kHourMs) {
          story.act(CaseAction::supervise, office_, office, s + 48 * kHourMs, sup);
        }
      }
      CaseActionInput fix;
      fix.note = round == 0 ? "已组织整改，现场已处置完毕" : "已按要求返工整改";
      fix.photo_ids = {};
      fix.photo_ids.push_back(std::string(64, static_cast<char>('a' + round)));
      if (!story.act(CaseAction::report_handled, officer, unit, handled, fix)) return;
      t = handled + c_.random.between(4, 48) * kHourMs;
      if (round + 1 < rounds) {
        CaseActionInput fail;
        fail.reason = "复查仍不达标，请返工";
        if (!story.act(CaseAction::verify_fail, verifier, inspector, t, fail)) return;
      }
    }
    CaseActionInput ok;
    if (chance() < p.not_fixed) {
      ok.outcome = CaseOutcome::closed_not_fixed;
      ok.reason = "涉及规划调整，短期内无法解决，纳入长效管理";
    }
    if (!story.act(CaseAction::verify_ok, verifier, inspector, t, ok)) return;
    if (chance() < p.reopen) {
      t += c_.random.between(1, 10) * kDayMs;
      CaseActionInput again;
      again.reason = "问题反弹，重新处置";
      if (!story.act(CaseAction::reopen, office_, office, t, again)) return;
      t += static_cast<TimeMs>(limit_h * p.speed * kHourMs);
      CaseActionInput fix;
      fix.note = "已再次整改";
      fix.photo_ids.push_back(std::string(64, 'f'));
      if (!story.act(CaseAction::report_handled, officer, unit, t, fix)) return;
      t += c_.random.between(4, 24) * kHourMs;
      story.act(CaseAction::verify_ok, verifier, inspector, t);
    }
  }

  // Cases of the last days before now, so that every open state is there whenever the demo is built:
  // inspection cases, public reports (some rejected, one as a duplicate of another) and hotline cases.
  int recent_cases(const std::vector<FailedCheck>& failed) {
    if (failed.empty()) return 0;
    int made = 0;
    std::optional<std::string> last_public;
    for (int i = 0; i < kRecentCases; ++i) {
      const FailedCheck& f =
          failed[static_cast<size_t>(c_.random.between(0, static_cast<long long>(failed.size()) - 1))];
      TimeMs reported = now_ - c_.random.between(1, 9 * 24) * kHourMs;
      std::string district = district_of(f.unit_path);
      int kind = i % 4;  // 0, 1 inspection; 2 public; 3 hotline
      if (kind < 2) {
        CaseStory story(base_row(f, "inspection", reported), now_, policy_);
        const Actor& inspector = inspectors_[static_cast<size_t>(i) % inspectors_.size()];
        story.report(inspector, reported);
        story.act(CaseAction::register_case, inspector, {.office = true}, reported);
        live(story, district, f.unit_code, f.unit_name, reported);
        save(story);
      } else {
        store::CaseRow row = base_row(f, kind == 2 ? "public" : "hotline", reported);
        row.unit_id.reset();
        if (kind == 2) row.contact = "1380000" + std::to_string(1000 + i);
        CaseStory story(std::move(row), now_, policy_);
        story.report(kind == 2 ? Actor{std::nullopt, "public", ""} : office_, reported);
        CaseActor office{.office = true};
        TimeMs t = reported + c_.random.between(1, 10) * kHourMs;
        if (kind == 2 && i % 16 == 2 && last_public) {
          // A second report of the same problem: merged into the first one.
          story.row().possible_duplicate_of = last_public;
          story.row().duplicate_of = last_public;
          CaseActionInput reject;
          reject.reason = "duplicate";
          story.act(CaseAction::reject, office_, office, t, reject,
                    "{\"duplicate_of\":\"" + *last_public + "\"}");
        } else if (kind == 2 && i % 16 == 6) {
          CaseActionInput reject;
          reject.reason = "不属于城市管理问题，已告知市民向相关部门反映";
          story.act(CaseAction::reject, office_, office, t, reject);
        } else if (story.act(CaseAction::register_case, office_, office, t)) {
          story.row().unit_id = f.unit_id;
          // A few stay registered, waiting to be dispatched (待派遣), whatever the hour the demo is built at.
          if (kind == 2 || i % 37 != 3) live(story, district, f.unit_code, f.unit_name, t);
        }
        std::string code = save(story);
        if (kind == 2) last_public = code;
      }
      ++made;
    }
    return made;
  }

  // Keeps the case for write(): its code is numbered now (a later case may name it as its duplicate).
  std::string save(CaseStory& story) {
    store::CaseRow row = story.finished_row();
    if (row.state == "reported" || row.state == "rejected") {
      if (row.source != "inspection") row.unit_id.reset();
    }
    row.code = writer_.next_code(yyyymmdd(row.reported_at));
    std::string code = row.code;
    ++count_by_state_[row.state];
    writer_.add(std::move(row), std::move(story.events()));
    return code;
  }

 public:
  // Writes every case built, with its events, in bulk.
  void write() { writer_.write(); }
  const std::map<std::string, int>& count_by_state() const { return count_by_state_; }

 private:
  DemoContext& c_;
  soci::session& sql_;
  TimeMs now_ = 0;
  CasePolicy policy_;
  std::map<std::string, Actor> actors_;
  Actor office_, huimao_;
  std::vector<Actor> inspectors_;
  std::vector<std::pair<std::string, std::string>> districts_;  // path, code
  std::map<std::string, std::pair<std::string, std::string>> item_of_check_;
  std::map<std::string, int> count_by_state_;
  store::CaseBulkWriter writer_{sql_};
};

}  // namespace

void build_demo_cases(DemoContext& context) {
  auto& services = context.services;
  auto started = std::chrono::steady_clock::now();
  int made = services.db.transact([&](soci::session& sql) {
    CaseBuilder builder(context, sql);
    int n = builder.build();
    builder.write();
    std::string after = "{\"cases\":" + std::to_string(n) + "}";
    services.audit.record(sql, context.actor, {"demo.cases", "case", "", "", after});
    std::string summary;
    for (const auto& [state, count] : builder.count_by_state())
      summary += " " + state + "=" + std::to_string(count);
    auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    context.out << "    " << n << " cases in " << ms.count() << " ms:" << summary << "\n";
    return n;
  });
  (void)made;
}

}  // namespace civic::demo
