#include "bundle/score_report.h"

#include <boost/json.hpp>
#include <cstdio>
#include <sstream>

#include "domain/core/civil_date.h"
#include "json/json_text.h"
#include "scoring/item_explanation.h"
#include "scoring/unit_report.h"

namespace civic::bundle {
namespace json = boost::json;
using scoring::GroupScore;

namespace {

json::value opt(const std::optional<double>& v) {
  return v ? json_number(*v) : json::value(nullptr);
}

void put_group(json::object& o, const GroupScore& g) {
  o["score"] = g.score;
  o["assessed_max"] = g.assessed_max;
  o["rate"] = opt(g.rate());
}

const char* method_zh(Method m) {
  switch (m) {
    case Method::field:
      return "实地考察";
    case Method::survey:
      return "问卷调查";
    case Method::statistic:
      return "数据指标";
    case Method::material:
      return "材料审核";
  }
  return "";
}

// Terminal columns of UTF-8 text: CJK and full-width characters take two.
size_t display_width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    unsigned cp = c;
    int len = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      len = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      len = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      len = 2;
    }
    for (int k = 1; k < len && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<size_t>(len);
    w += (cp >= 0x1100 && (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
                           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000))
             ? 2
             : 1;
  }
  return w;
}

std::string pad(const std::string& s, size_t width) {
  size_t w = display_width(s);
  return w >= width ? s + " " : s + std::string(width - w, ' ');
}

std::string points(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string percent(const std::optional<double>& v) {
  if (!v) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", *v * 100);
  return buf;
}

}  // namespace

json::value score_report_json(const scoring::PeriodScores& s, int unit, double weak_threshold) {
  const scoring::ScoringDataset& d = s.data();
  const scoring::TotalScore& t = s.total(unit);
  json::object out;
  out["unit"] = d.unit_code[unit];
  out["period"] = d.period_code[s.period()];
  put_group(out, t);
  out["coverage"] = t.coverage();
  out["penalty"] = t.penalty;
  out["total"] = t.total();
  out["total_rate"] = opt(t.total_rate());
  out["disqualified"] = t.disqualified;
  json::array aspects;
  int indicator = 0, item = 0;
  for (size_t a = 0; a < d.framework.aspects.size(); ++a) {
    const Aspect& aspect = d.framework.aspects[a];
    json::object ao;
    ao["code"] = aspect.code;
    put_group(ao, s.aspect(unit, static_cast<int>(a)));
    json::array indicators;
    for (const auto& ind : aspect.indicators) {
      json::object io;
      io["code"] = ind.code;
      put_group(io, s.indicator(unit, indicator++));
      json::array items;
      for (const auto& it : ind.items) {
        const scoring::ItemScore& is = s.item(unit, item);
        json::object o;
        o["code"] = it.code;
        o["method"] = method_name(it.method);
        o["max_score"] = it.max_score;
        o["assessed"] = is.assessed;
        o["score"] = is.assessed ? json_number(is.score) : json::value(nullptr);
        o["rate"] = is.assessed ? json_number(is.score / it.max_score) : json::value(nullptr);
        o["n"] = is.n;
        if (it.method == Method::survey && is.assessed) {
          const scoring::SurveyScore& sv = s.survey(unit, item);
          o["k"] = sv.k;
          o["response_rate"] = sv.rate;
          o["response_rate_unweighted"] = sv.rate_unweighted;
          o["ci_low"] = sv.ci_low;
          o["ci_high"] = sv.ci_high;
        }
        items.push_back(std::move(o));
        ++item;
      }
      io["items"] = std::move(items);
      indicators.push_back(std::move(io));
    }
    ao["indicators"] = std::move(indicators);
    aspects.push_back(std::move(ao));
  }
  out["aspects"] = std::move(aspects);
  json::array weak;
  for (const auto& w : scoring::weak_items(s, unit, weak_threshold))
    weak.push_back(json::object{{"code", d.items[w.item].code},
                                {"score", w.score},
                                {"max_score", w.max_score},
                                {"rate", w.rate},
                                {"lost", w.lost}});
  out["weak_items"] = std::move(weak);
  json::array ranking;
  for (const auto& r : scoring::rank_children(s, unit))
    ranking.push_back(json::object{{"rank", r.rank},
                                   {"unit", d.unit_code[r.unit]},
                                   {"total", r.total},
                                   {"total_rate", opt(r.total_rate)},
                                   {"coverage", r.coverage},
                                   {"disqualified", r.disqualified}});
  out["ranking"] = std::move(ranking);
  return out;
}

std::string score_report_table(const scoring::PeriodScores& s, int unit, double weak_threshold) {
  const scoring::ScoringDataset& d = s.data();
  const scoring::TotalScore& t = s.total(unit);
  std::ostringstream out;
  out << "单位 Unit: " << d.unit_code[unit] << "    周期 Period: " << d.period_code[s.period()] << "\n";
  out << "得分 Score: " << points(t.score) << " / " << points(t.assessed_max)
      << "    得分率 Rate: " << percent(t.rate()) << "    覆盖率 Coverage: " << percent(t.coverage()) << "\n";
  out << "负面清单扣分 Penalty: " << points(t.penalty) << "    总分 Total: " << points(t.total())
      << "    总得分率 Total rate: " << percent(t.total_rate())
      << "    一票否决 Disqualified: " << (t.disqualified ? "是 yes" : "否 no") << "\n\n";
  out << pad("编码 Code", 14) << pad("名称 Name", 28) << pad("方法 Method", 14) << pad("满分 Max", 10)
      << pad("得分 Score", 12) << pad("得分率 Rate", 12) << "n\n";
  int indicator = 0, item = 0;
  for (size_t a = 0; a < d.framework.aspects.size(); ++a) {
    const Aspect& aspect = d.framework.aspects[a];
    const GroupScore& ag = s.aspect(unit, static_cast<int>(a));
    out << pad(aspect.code, 14) << pad(aspect.name, 28) << pad("", 14) << pad(points(ag.assessed_max), 10)
        << pad(points(ag.score), 12) << pad(percent(ag.rate()), 12) << "\n";
    for (const auto& ind : aspect.indicators) {
      const GroupScore& ig = s.indicator(unit, indicator++);
      out << pad("  " + ind.code, 14) << pad("  " + ind.name, 28) << pad("", 14)
          << pad(points(ig.assessed_max), 10) << pad(points(ig.score), 12) << pad(percent(ig.rate()), 12)
          << "\n";
      for (const auto& it : ind.items) {
        const scoring::ItemScore& is = s.item(unit, item++);
        out << pad("    " + it.code, 14) << pad("    " + it.name, 28) << pad(method_zh(it.method), 14)
            << pad(points(it.max_score), 10) << pad(is.assessed ? points(is.score) : "未测 n/a", 12)
            << pad(is.assessed ? percent(is.score / it.max_score) : "-", 12) << is.n << "\n";
      }
    }
  }
  auto weak = scoring::weak_items(s, unit, weak_threshold);
  out << "\n薄弱环节 Weak items (得分率 < " << percent(weak_threshold) << "):\n";
  if (weak.empty()) out << "  无 none\n";
  for (const auto& w : weak)
    out << "  " << pad(d.items[w.item].code, 12) << pad(d.items[w.item].name, 28) << "失分 lost "
        << points(w.lost) << "    得分率 rate " << percent(w.rate) << "\n";
  auto ranking = scoring::rank_children(s, unit);
  if (!ranking.empty()) {
    out << "\n下级排名 Ranking of sub-units:\n";
    out << "  " << pad("名次 Rank", 12) << pad("单位 Unit", 16) << pad("总分 Total", 12)
        << pad("总得分率 Rate", 16) << pad("覆盖率 Coverage", 18) << "一票否决 Disq.\n";
    for (const auto& r : ranking)
      out << "  " << pad(std::to_string(r.rank), 12) << pad(d.unit_code[r.unit], 16)
          << pad(points(r.total), 12) << pad(percent(r.total_rate), 16) << pad(percent(r.coverage), 18)
          << (r.disqualified ? "是 yes" : "否 no") << "\n";
  }
  return out.str();
}

json::value item_explanation_json(const scoring::PeriodScores& s, int unit, int item) {
  const scoring::ScoringDataset& d = s.data();
  const scoring::ItemExplanation e = scoring::explain_item(s, unit, item);
  const Item& it = d.items[item];
  json::object out;
  out["unit"] = d.unit_code[unit];
  out["period"] = s.period() >= 0 && s.period() < d.period_count() ? json::value(d.period_code[s.period()])
                                                                   : json::value(nullptr);
  out["item"] = it.code;
  out["name"] = it.name;
  out["name_en"] = it.name_en ? json::value(*it.name_en) : json::value(nullptr);
  out["method"] = method_name(it.method);
  out["max_score"] = it.max_score;
  out["assessed"] = e.score.assessed;
  out["score"] = e.score.assessed ? json_number(e.score.score) : json::value(nullptr);
  out["rate"] = e.score.assessed ? json_number(e.score.score / it.max_score) : json::value(nullptr);
  out["n"] = e.score.n;
  switch (it.method) {
    case Method::field: {
      json::array inspections;
      for (const auto& ev : e.inspections) {
        json::array failed;
        for (const auto& f : ev.failed)
          failed.push_back(json::object{{"check", d.check_code[f.check]},
                                        {"failures", f.failures},
                                        {"deduct", d.check_deduct[f.check]},
                                        {"deduction", f.deduction}});
        inspections.push_back(json::object{{"id", d.inspection_id[ev.inspection]},
                                           {"site", d.site_code[ev.site]},
                                           {"site_type", d.site_types[d.site_type[ev.site]]},
                                           {"date", to_iso(date_from_day_number(ev.day))},
                                           {"score", ev.item_score},
                                           {"failed", std::move(failed)}});
      }
      out["inspections"] = std::move(inspections);
      break;
    }
    case Method::survey: {
      if (e.survey && e.score.assessed) {
        out["k"] = e.survey->k;
        out["response_rate"] = e.survey->rate;
        out["response_rate_unweighted"] = e.survey->rate_unweighted;
        out["ci_low"] = e.survey->ci_low;
        out["ci_high"] = e.survey->ci_high;
        out["post_stratified"] = e.survey->post_stratified;
      }
      json::array strata;
      for (const auto& st : e.strata)
        strata.push_back(
            json::object{{"unit", d.unit_code[st.unit]},
                         {"n", st.n},
                         {"k", st.k},
                         {"rate", st.n > 0 ? json_number(double(st.k) / st.n) : json::value(nullptr)},
                         {"population", st.population},
                         {"weight", st.weight}});
      out["strata"] = std::move(strata);
      out["question"] = it.question;
      out["positive"] = json::value_from(it.positive);
      break;
    }
    case Method::statistic:
      out["metric"] = it.metric;
      if (it.computed) out["computed"] = *it.computed;
      out["value"] = e.statistic_value ? json_number(*e.statistic_value) : json::value(nullptr);
      out["target"] = it.target;
      out["direction"] = direction_name(it.direction);
      if (it.direction == Direction::higher)
        out["floor"] = it.effective_floor();
      else
        out["ceiling"] = it.effective_ceiling();
      break;
    case Method::material:
      out["grade"] = e.grade ? json::value(*e.grade) : json::value(nullptr);
      out["fraction"] = e.grade_fraction ? json_number(*e.grade_fraction) : json::value(nullptr);
      break;
  }
  return out;
}

}  // namespace civic::bundle
