#include "service/big_screen/big_screen_service.h"

#include <spdlog/spdlog.h>

#include <map>

#include "domain/core/civil_date.h"
#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "scoring/unit_report.h"
#include "service/core/permission.h"
#include "store/units/unit_repository.h"

namespace civic::service {

namespace {

// Runs `part`; a refusal or missing data leaves that part empty (logged at debug).
template <class F>
void part(const char* name, F&& f) {
  try {
    f();
  } catch (const Error& e) {
    spdlog::debug("big screen: no {}: {}", name, e.what());
  }
}

}  // namespace

BigScreen BigScreenService::get(const Principal& who, const std::string& period_code) {
  audit_.require(who, Permission::view_big_screen);
  TimeMs now = clock_.now_ms();
  std::string today = to_iso(civil_date_of(now));
  std::vector<Period> periods = evaluation_.periods(who);
  std::optional<Period> period;
  for (const auto& p : periods) {
    if (!period_code.empty() ? p.code == period_code : (p.start <= today && today <= p.end)) period = p;
  }
  if (!period && period_code.empty()) {
    for (const auto& p : periods)
      if (p.start <= today && (!period || p.start > period->start)) period = p;
  }
  if (!period)
    throw NotFound("no period " + period_code, message_key("period.not_found", {{"period", period_code}}));
  std::map<std::string, std::string> names;
  auto unit_name = [&](const std::string& code) {
    auto it = names.find(code);
    if (it != names.end()) return it->second;
    auto lease = db_.lease();
    auto u = store::UnitRepository(*lease).find_by_code(code);
    return names[code] = u ? u->name : code;
  };
  BigScreen out;
  out.period = period->code;
  out.period_name = period->name;
  out.generated_at = now;

  part("scores", [&] {
    auto scored = evaluation_.scores(who, period->code);
    const auto& d = scored->dataset;
    int top = -1;
    for (int u : d.order) {
      if (top >= 0) break;
      try {
        scored->unit(who, d.unit_code[u]);
        top = u;
      } catch (const Error&) {
      }
    }
    if (top < 0) return;
    if (!who.is_cli) {
      // The caller's own unit when it is in the dataset.
      int own = d.unit_index(who.unit_code);
      if (own >= 0) top = own;
    }
    out.unit = d.unit_code[top];
    out.unit_name = unit_name(out.unit);
    out.total_rate = scored->scores->total(top).total_rate();
    int day = day_number(*parse_iso_date(today));
    std::map<int, std::pair<std::string, std::string>> last;  // site → (date, result)
    std::map<std::string, int> site_index;
    for (size_t r = 0; r < d.inspection_id.size(); ++r) {
      int site = d.inspection_site[r];
      if (!d.in_scope(d.site_unit[site], top) || d.inspection_day[r] > day) continue;
      bool failed = false;
      for (uint32_t k = d.result_begin[r]; k < d.result_begin[r + 1]; ++k)
        failed = failed || d.result_failures[k] > 0;
      std::string date = to_iso(date_from_day_number(d.inspection_day[r]));
      auto& l = last[site];
      if (date >= l.first) l = {date, failed ? "fail" : "pass"};
    }
    for (const auto& [site, l] : last) site_index[d.site_code[site]] = site;
    part("sites", [&] {
      for (int page = 1; page <= 100; ++page) {
        auto p = sites_.search(who, {out.unit, "", ""}, {page, 200});
        for (const auto& s : p.items) {
          ScreenSite v{s.code, s.name, s.type, s.unit, s.lat, s.lon, "none", ""};
          if (auto it = site_index.find(s.code); it != site_index.end()) {
            v.last_result = last[it->second].second;
            v.last_inspected = last[it->second].first;
          }
          out.sites.push_back(std::move(v));
        }
        if (static_cast<long long>(page) * 200 >= p.total) break;
      }
    });
  });

  // Names of the top unit's children come with the ranking of each period.
  for (const auto& p : periods) {
    part("trend", [&] {
      auto scored = evaluation_.scores(who, p.code);
      int top = scored->unit(who, out.unit.empty() ? who.unit_code : out.unit);
      ScreenPeriod sp{p.code, p.name, scored->scores->total(top).total_rate(), {}};
      for (const auto& r : scoring::rank_children(*scored->scores, top)) {
        const std::string& code = scored->dataset.unit_code[r.unit];
        sp.children.push_back({code, unit_name(code), r.total_rate, r.coverage, r.rank});
      }
      if (p.code == period->code) out.ranking = sp.children;
      out.trend.push_back(std::move(sp));
    });
  }

  part("cases", [&] {
    CaseQuery q;
    q.period = period->code;
    TimeMs day_start = start_of_day(civil_date_of(now));
    auto count = [](CaseFlow& f, const CaseView& c, std::optional<TimeMs> from) {
      auto in = [&](std::optional<TimeMs> t) { return t && (!from || *t >= *from); };
      if (!from || c.reported_at >= *from) ++f.reported;
      if (in(c.first_dispatched_at)) ++f.dispatched;
      if (c.outcome == CaseOutcome::fixed && in(c.closed_at)) ++f.fixed;
      if (c.overdue && !c.closed_at) ++f.overdue;
    };
    for (int page = 1; page <= 500; ++page) {
      auto p = cases_.list(who, q, {page, 200});
      for (const auto& c : p.items) {
        count(out.in_period, c, std::nullopt);
        count(out.today, c, day_start);
      }
      if (static_cast<long long>(page) * 200 >= p.total) break;
    }
    // Overdue is a state of now, the same for today and the period.
    out.today.overdue = out.in_period.overdue;
  });

  part("plans", [&] {
    std::vector<Plan> plans = plans_.list(who, period->code);
    if (plans.empty()) return;
    ProgressBoard board = plans_.progress(who, out.unit, std::nullopt, plans.front().code);
    out.plan = board.plan;
    for (const auto& c : board.children) {
      out.progress.push_back({c.unit, c.unit_name, c.progress.progress, c.progress.expected,
                              c.progress.status ? progress_status_name(*c.progress.status) : ""});
    }
  });
  return out;
}

}  // namespace civic::service
