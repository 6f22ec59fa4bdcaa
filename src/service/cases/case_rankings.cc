// CaseService's measures (综合评价) and red/black rankings (cases.md "Measures"): the base set is the cases
// first dispatched in the period whose responsible unit is in the unit's scope; `now` is the query time or
// the period's end, if earlier.
#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "domain/cases/case_measures.h"
#include "domain/core/error.h"
#include "service/cases/case_period.h"
#include "service/cases/case_service.h"
#include "service/cases/case_service_parts.h"
#include "service/core/json_text.h"
#include "store/units/unit_repository.h"

namespace civic::service {

CaseMeasuresReport CaseService::measures(const Principal& who, const std::string& unit_code,
                                         const std::string& period) {
  audit_.require(who, Permission::read_case_measures);
  std::optional<CaseMeasuresReport> report;
  {
    auto lease = db_.lease();
    soci::session& sql = *lease;
    store::UnitRepository units(sql);
    std::optional<Unit> unit = unit_code.empty() ? (who.is_cli ? units.root() : units.find_by_id(who.unit_id))
                                                 : units.find_by_code(unit_code);
    if (unit && who.in_scope(unit->path)) {
      TimeMs query_time = clock_.now_ms();
      CasePeriod bounds = resolve_case_period(sql, period, query_time);
      TimeMs now = std::min(query_time, bounds.end);
      std::vector<DispatchedCase> rows = dispatched_cases(sql, unit->path, bounds.start, bounds.end);
      auto measure = [&](const Unit& u) {
        std::vector<CaseRecord> base;
        for (const DispatchedCase& r : rows) {
          if (path_in_scope(u.path, r.unit_path)) base.push_back(r.record);
        }
        UnitCaseMeasures m;
        m.unit = u.code;
        m.unit_name = u.name;
        m.measures = measure_cases(base, now);
        m.composite = composite_score(m.measures, settings_.weights);
        return m;
      };
      CaseMeasuresReport out;
      out.self = measure(*unit);
      out.period = bounds.code;
      out.now = now;
      for (const Unit& child : units.children(unit->id)) out.children.push_back(measure(child));
      report = std::move(out);
    }
  }
  if (!report) deny_unit_out_of_scope(audit_, who, unit_code);
  return *report;
}

CaseRanking CaseService::rankings(const Principal& who, const CaseRankingQuery& query) {
  audit_.require(who, Permission::read_case_measures);
  UnitType level = parse_unit_type(query.level, "level");
  if (level == UnitType::city)
    throw InvalidInput("level", "level must be district, street, community or department",
                       message_key("case.ranking.level"));
  RedBlackRule rule = settings_.rule;
  if (query.list_size) {
    if (*query.list_size < 1 || *query.list_size > 50)
      throw InvalidInput("list_size", "list_size must be 1..50", message_key("case.ranking.list_size"));
    rule.list_size = *query.list_size;
  }
  if (query.min_cases) {
    if (*query.min_cases < 0)
      throw InvalidInput("min_cases", "min_cases must not be negative",
                         message_key("case.ranking.min_cases"));
    rule.min_cases = *query.min_cases;
  }
  std::optional<CaseRanking> result;
  {
    auto lease = db_.lease();
    soci::session& sql = *lease;
    store::UnitRepository units(sql);
    std::optional<Unit> under = query.under.empty()
                                    ? (who.is_cli ? units.root() : units.find_by_id(who.unit_id))
                                    : units.find_by_code(query.under);
    if (under && who.in_scope(under->path)) {
      TimeMs query_time = clock_.now_ms();
      CasePeriod bounds = resolve_case_period(sql, query.period, query_time);
      TimeMs now = std::min(query_time, bounds.end);
      std::vector<DispatchedCase> rows = dispatched_cases(sql, under->path, bounds.start, bounds.end);
      std::vector<UnitCaseMeasures> measured;
      std::vector<UnitScore> scores;
      for (const Unit& u : units.subtree(under->path, unit_type_name(level))) {
        std::vector<CaseRecord> base;
        for (const DispatchedCase& r : rows) {
          if (path_in_scope(u.path, r.unit_path)) base.push_back(r.record);
        }
        UnitCaseMeasures m{u.code, u.name, measure_cases(base, now), std::nullopt};
        m.composite = composite_score(m.measures, settings_.weights);
        measured.push_back(m);
        scores.push_back({u.code, m.composite, m.measures.base_count});
      }
      std::map<std::string, UnitCaseMeasures> by_code;
      for (const auto& m : measured) by_code[m.unit] = m;
      std::sort(measured.begin(), measured.end(), [](const UnitCaseMeasures& a, const UnitCaseMeasures& b) {
        if (a.composite.has_value() != b.composite.has_value()) return a.composite.has_value();
        if (a.composite && *a.composite != *b.composite) return *a.composite > *b.composite;
        return a.unit < b.unit;
      });
      CaseRanking out;
      out.period = bounds.code;
      out.level = unit_type_name(level);
      out.list_size = rule.list_size;
      out.min_cases = rule.min_cases;
      int rank = 0;
      std::map<std::string, int> rank_of;
      for (std::size_t i = 0; i < measured.size(); ++i) {
        const auto& m = measured[i];
        // Equal composites share a rank (competition ranking); units without a composite are unranked (0).
        if (m.composite &&
            (i == 0 || !measured[i - 1].composite || *measured[i - 1].composite != *m.composite)) {
          rank = static_cast<int>(i) + 1;
        }
        int r = m.composite ? rank : 0;
        if (m.composite) ++out.ranked;
        rank_of[m.unit] = r;
        out.ranking.push_back({r, m});
      }
      RedBlackLists lists = red_black_lists(scores, rule);
      for (const auto& s : lists.red) out.red.push_back({rank_of[s.unit_code], by_code[s.unit_code]});
      for (const auto& s : lists.black) out.black.push_back({rank_of[s.unit_code], by_code[s.unit_code]});
      result = std::move(out);
    }
  }
  if (!result) deny_unit_out_of_scope(audit_, who, query.under);
  return *result;
}

CaseRanking CaseService::export_rankings(const Principal& who, const CaseRankingQuery& query) {
  CaseRanking r = rankings(who, query);
  audit_.record(who, {"case_rankings.export", "case_rankings", r.period, "",
                      JsonText()
                          .add("period", r.period)
                          .add("level", r.level)
                          .add("under", query.under)
                          .add("count", static_cast<long long>(r.ranking.size()))
                          .str()});
  return r;
}

}  // namespace civic::service
