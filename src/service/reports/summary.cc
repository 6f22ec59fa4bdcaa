#include "service/reports/summary.h"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>

#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "json/json_text.h"
#include "platform/secret.h"
#include "scoring/unit_report.h"

namespace civic::service {

using reports::Chart;
using reports::Figure;
using reports::Table;

namespace {

constexpr double kWeakThreshold = 0.85;

Figure rate(std::optional<double> v) {
  return {Figure::Kind::rate, v, ""};
}
Figure points(std::optional<double> v) {
  return {Figure::Kind::points, v, ""};
}
Figure count(std::optional<double> v) {
  return {Figure::Kind::count, v, ""};
}
Figure text(std::string t) {
  return {Figure::Kind::text, std::nullopt, std::move(t)};
}

std::string show(const Figure& f) {
  return reports::format_figure(f);
}
std::string show_rate(std::optional<double> v) {
  return show(rate(v));
}

const char* status_zh(std::optional<ProgressStatus> s) {
  if (!s) return "—";
  return *s == ProgressStatus::behind ? "滞后" : "正常";
}

void gather_scores(ReportSources& src, const Principal& who, SummaryData& out) {
  auto scored = src.evaluation.scores(who, out.period);
  int u = scored->unit(who, out.unit);
  const auto& scores = *scored->scores;
  const auto& d = scores.data();
  out.revision = scored->revision;
  out.period_start = scored->period.start;
  out.period_end = scored->period.end;
  out.period_name = scored->period.name.empty() ? scored->period.code : scored->period.name;
  out.date = scored->period.end;
  auto& f = out.figures;
  const auto& total = scores.total(u);
  f["score.total"] = points(total.assessed_max > 0 ? std::optional<double>(total.total()) : std::nullopt);
  f["score.total_rate"] = rate(total.total_rate());
  f["score.coverage"] = rate(total.coverage());

  // The unit's place among its siblings, as GET /api/scores gives it (sibling_rank).
  std::optional<double> rank, of;
  if (int parent = d.unit_parent[u]; parent >= 0) {
    auto ranking = scoring::rank_children(scores, parent);
    long long ranked = 0;
    for (const auto& r : ranking) ranked += r.total_rate ? 1 : 0;
    for (const auto& r : ranking)
      if (r.unit == u && r.total_rate) rank = r.rank, of = static_cast<double>(ranked);
  }
  f["score.rank"] = count(rank);
  f["score.rank_of"] = count(of);

  Framework fw =
      src.evaluation.framework(who, scored->period.framework_code, scored->period.framework_version);
  std::map<std::string, std::string> item_names;
  int indicator_count = 0, item_count = 0;
  for (const auto& a : fw.aspects)
    for (const auto& i : a.indicators) {
      ++indicator_count;
      for (const auto& it : i.items) ++item_count, item_names[it.code] = it.name;
    }
  f["framework.aspect_count"] = count(static_cast<double>(fw.aspects.size()));
  f["framework.indicator_count"] = count(indicator_count);
  f["framework.item_count"] = count(item_count);

  Table aspects{"表2 测评体系各方面得分情况", "测评方面", {"测评方面", "得分", "满分（已测）", "得分率"}, {}};
  Chart radar{Chart::Kind::radar, "图1 各测评方面得分率", {}, {}};
  for (size_t a = 0; a < d.aspect_code.size(); ++a) {
    const auto& g = scores.aspect(u, static_cast<int>(a));
    std::string name = a < fw.aspects.size() ? fw.aspects[a].name : d.aspect_code[a];
    f["score.aspects[" + d.aspect_code[a] + "].rate"] = rate(g.rate());
    aspects.rows.push_back({name, show(points(g.score)), show(points(g.assessed_max)), show_rate(g.rate())});
    radar.labels.push_back(name);
    radar.values.push_back(g.rate().value_or(0));
  }
  out.tables["aspects"] = std::move(aspects);
  out.charts["radar"] = std::move(radar);

  auto weak = scoring::weak_items(scores, u, kWeakThreshold);
  f["score.weak_count"] = count(static_cast<double>(weak.size()));
  Table weak_table{"表3 薄弱环节（得分率低于85%的测评项目）",
                   "薄弱环节",
                   {"测评项目", "得分", "满分", "得分率", "失分"},
                   {}};
  for (size_t i = 0; i < weak.size(); ++i) {
    const auto& w = weak[i];
    const std::string& code = d.items[w.item].code;
    std::string name = item_names.count(code) ? item_names[code] : code;
    if (i < 10)
      weak_table.rows.push_back({code + " " + name, show(points(w.score)), show(points(w.max_score)),
                                 show_rate(w.rate), show(points(w.lost))});
    if (i < 3)
      out.weakest.push_back(name + "（得分率" + show_rate(w.rate) + "，失分" + show(points(w.lost)) + "）");
  }
  out.tables["weak_items"] = std::move(weak_table);

  // Children ranked by their own scores.
  std::map<std::string, std::string> child_names;
  for (const auto& c : src.units.children(who, out.unit)) child_names[c.code] = c.name;
  Table ranking{"表1 下辖单位测评排名", "下辖单位排名", {"名次", "单位", "总得分率", "覆盖率"}, {}};
  for (const auto& r : scoring::rank_children(scores, u)) {
    const std::string& code = d.unit_code[r.unit];
    ranking.rows.push_back({std::to_string(r.rank), child_names.count(code) ? child_names[code] : code,
                            show_rate(r.total_rate), show_rate(r.coverage)});
  }
  out.tables["ranking"] = std::move(ranking);

  // Field results by site type: inspections of the period at sites in the unit's scope; an inspection
  // passes when none of its applicable checks failed.
  const int period = scores.period();
  std::map<int, std::pair<long long, long long>> by_type;  // type → (inspections, passed)
  for (size_t r = 0; r < d.inspection_id.size(); ++r) {
    int day = d.inspection_day[r];
    if (day < d.period_start[period] || day > d.period_end[period]) continue;
    int site_unit = d.site_unit[d.inspection_site[r]];
    if (d.pre[site_unit] < d.pre[u] || d.pre[site_unit] >= d.post[u]) continue;
    bool passed = true;
    for (uint32_t k = d.result_begin[r]; k < d.result_begin[r + 1]; ++k)
      if (d.result_failures[k] > 0) passed = false;
    auto& t = by_type[d.site_type[d.inspection_site[r]]];
    ++t.first;
    t.second += passed ? 1 : 0;
  }
  Table types{
      "表4 实地检查结果（按点位类型）", "点位类型", {"点位类型", "检查次数", "合格次数", "合格率"}, {}};
  long long all = 0, all_passed = 0;
  for (const auto& [type, t] : by_type) {
    std::optional<double> r =
        t.first ? std::optional<double>(static_cast<double>(t.second) / t.first) : std::nullopt;
    const std::string& name = d.site_types[type];
    f["site_types[" + name + "].pass_rate"] = rate(r);
    types.rows.push_back({name, std::to_string(t.first), std::to_string(t.second), show_rate(r)});
    all += t.first;
    all_passed += t.second;
  }
  f["inspections.count"] = count(static_cast<double>(all));
  f["inspections.pass_rate"] =
      rate(all ? std::optional<double>(static_cast<double>(all_passed) / all) : std::nullopt);
  out.tables["site_types"] = std::move(types);

  // Public participation: the framework's survey items (awareness, support …) as scored.
  Table surveys{
      "表6 群众知晓率、支持率等问卷测评", "群众参与", {"测评项目", "样本数", "比率", "95%置信区间"}, {}};
  for (int item : d.survey_items) {
    if (!scores.item(u, item).assessed) continue;
    const auto& s = scores.survey(u, item);
    const std::string& code = d.items[item].code;
    f["survey[" + code + "].rate"] = rate(s.rate);
    surveys.rows.push_back({code + " " + (item_names.count(code) ? item_names[code] : code),
                            std::to_string(scores.item(u, item).n), show_rate(s.rate),
                            show_rate(s.ci_low) + " ~ " + show_rate(s.ci_high)});
  }
  f["survey.count"] = count(static_cast<double>(surveys.rows.size()));
  out.tables["surveys"] = std::move(surveys);

  // Statistics against their targets.
  Table stats{"表5 经济社会发展统计指标完成情况", "统计指标", {"指标", "数值", "目标", "是否达标"}, {}};
  long long stat_count = 0, met = 0;
  StatisticQuery q;
  q.period = out.period;
  q.unit = out.unit;
  for (const auto& e : src.statistics.list_all(who, q)) {
    if (e.unit != out.unit) continue;
    int item = d.item_index(e.item);
    if (item < 0) continue;
    const auto& it = d.items[item];
    std::optional<bool> ok;
    if (e.value && e.state == "approved")
      ok = it.direction == Direction::higher ? *e.value >= it.target - 1e-9 : *e.value <= it.target + 1e-9;
    ++stat_count;
    met += ok.value_or(false) ? 1 : 0;
    std::string measure = e.measure.value_or("");
    stats.rows.push_back(
        {e.item_name.empty() ? e.metric : e.item_name, e.value ? show(points(*e.value)) + measure : "—",
         std::string(it.direction == Direction::higher ? "≥" : "≤") + show(points(it.target)) + measure,
         ok ? (*ok ? "达标" : "未达标") : (e.value ? "待审核" : "未填报")});
  }
  f["statistics.count"] = count(static_cast<double>(stat_count));
  f["statistics.met"] = count(static_cast<double>(met));
  out.tables["statistics"] = std::move(stats);

  // The score trend over this period and those that began before it.
  Chart trend{Chart::Kind::trend, "图2 总得分率走势", {}, {}};
  auto periods = src.evaluation.periods(who);
  std::sort(periods.begin(), periods.end(),
            [](const Period& a, const Period& b) { return a.start < b.start; });
  for (const auto& p : periods) {
    if (p.start > out.period_start) continue;
    auto other = p.code == out.period ? scored : src.evaluation.scores(who, p.code);
    int ou = other->dataset.unit_index(out.unit);
    if (ou < 0) continue;
    auto r = other->scores->total(ou).total_rate();
    if (!r) continue;
    trend.labels.push_back(p.name.empty() ? p.code : p.name);
    trend.values.push_back(*r);
  }
  out.charts["trend"] = std::move(trend);
}

void gather_plan(ReportSources& src, const Principal& who, SummaryData& out) {
  auto& f = out.figures;
  std::optional<Plan> plan;
  for (const auto& p : src.plans.list(who, out.period)) {
    plan = p;
    break;
  }
  Table children{"表7 下辖单位工作计划进度",
                 "计划进度",
                 {"单位", "完成进度", "应完成进度", "任务数", "逾期", "状态"},
                 {}};
  Table phases{"表8 工作计划阶段安排", "计划阶段", {"阶段", "开始", "结束"}, {}};
  f["plan.progress"] = rate(std::nullopt);
  f["plan.expected"] = rate(std::nullopt);
  f["plan.task_count"] = count(std::nullopt);
  f["plan.overdue_count"] = count(std::nullopt);
  f["plan.phase_count"] = count(plan ? std::optional<double>(plan->phases.size()) : std::nullopt);
  f["plan.action_count"] = count(plan ? std::optional<double>(plan->actions.size()) : std::nullopt);
  f["plan.name"] = text(plan ? plan->name : "");
  f["plan.status"] = text("");
  if (plan) {
    for (const auto& ph : plan->phases)
      phases.rows.push_back({ph.name, reports::chinese_date(ph.start), reports::chinese_date(ph.end)});
    std::optional<int> day;
    if (auto end = parse_iso_date(out.period_end)) day = day_number(*end);
    ProgressBoard board = src.plans.progress(who, out.unit, day, plan->code);
    const auto& p = board.unit.progress;
    f["plan.progress"] = rate(p.progress);
    f["plan.expected"] = rate(p.expected);
    f["plan.task_count"] = count(p.task_count);
    f["plan.overdue_count"] = count(p.overdue_count);
    f["plan.status"] =
        text(p.status ? (*p.status == ProgressStatus::behind ? "进度滞后" : "时间过半、任务过半") : "");
    for (const auto& c : board.children) {
      const auto& cp = c.progress;
      children.rows.push_back({c.unit_name, show_rate(cp.progress), show_rate(cp.expected),
                               std::to_string(cp.task_count), std::to_string(cp.overdue_count),
                               status_zh(cp.status)});
      if (cp.status == ProgressStatus::behind) {
        out.behind.push_back(c.unit_name + "（完成" + show_rate(cp.progress) + "，应完成" +
                             show_rate(cp.expected) + "）");
      }
    }
    for (const auto& l : src.plans.lagging_items(who, plan->code, out.unit))
      out.lagging.push_back(l.item + " " + l.item_name + "（任务已完成，得分率" + show_rate(l.score_rate) +
                            "）");
  }
  out.tables["plan_children"] = std::move(children);
  out.tables["plan_phases"] = std::move(phases);
}

void gather_cases(ReportSources& src, const Principal& who, SummaryData& out) {
  auto& f = out.figures;
  CaseMeasuresReport report = src.cases.measures(who, out.unit, out.period);
  const auto& m = report.self.measures;
  double n = static_cast<double>(m.base_count);
  std::optional<double> closed =
      m.closure_rate ? std::optional<double>(std::round(*m.closure_rate * n)) : std::nullopt;
  f["cases.count"] = count(n);
  f["cases.closed"] = count(closed.value_or(0));
  f["cases.closure_rate"] = rate(m.closure_rate);
  f["cases.on_time_rate"] = rate(m.on_time_closure_rate);
  f["cases.overdue_open"] = count(static_cast<double>(m.overdue_open));
  std::optional<double> on_time =
      m.on_time_closure_rate ? std::optional<double>(std::round(*m.on_time_closure_rate * n)) : std::nullopt;
  out.charts["case_flow"] =
      Chart{Chart::Kind::bars,
            "图3 问题发现与整改情况（件）",
            {"发现", "已结案", "按期结案", "超期未结"},
            {n, closed.value_or(0), on_time.value_or(0), static_cast<double>(m.overdue_open)}};
  Table t{"表9 下辖单位问题整改情况", "问题整改", {"单位", "问题数", "结案率", "按期结案率", "超期未结"}, {}};
  for (const auto& c : report.children)
    t.rows.push_back({c.unit_name, std::to_string(c.measures.base_count), show_rate(c.measures.closure_rate),
                      show_rate(c.measures.on_time_closure_rate), std::to_string(c.measures.overdue_open)});
  out.tables["cases_children"] = std::move(t);
}

void gather_self_inspection(ReportSources& src, const Principal& who, SummaryData& out) {
  SelfInspectionFilter filter;
  filter.period = out.period;
  filter.unit = out.unit;
  filter.state = "finished";
  std::optional<SelfInspection> last;
  for (const auto& s : src.self_inspections.list_all(who, filter))
    if (s.unit == out.unit && (!last || s.finished_at > last->finished_at)) last = s;
  out.figures["self_inspection.mean_gap"] = rate(last ? last->mean_gap : std::nullopt);
  out.figures["self_inspection.over_optimistic"] =
      count(last ? std::optional<double>(last->over_optimistic_count) : std::nullopt);
}

// Paragraphs of a section: the office's, else the template's.
const std::vector<std::string>& prose_of(const Prose& prose, const Prose& defaults, const std::string& key) {
  auto it = prose.find(key);
  if (it != prose.end()) return it->second;
  static const std::vector<std::string> none;
  auto d = defaults.find(key);
  return d == defaults.end() ? none : d->second;
}

}  // namespace

SummaryData gather_summary(ReportSources& sources, const Principal& who, const std::string& unit,
                           const std::string& period) {
  SummaryData out;
  out.unit = unit;
  out.period = period;
  Unit u = sources.units.get(who, unit);
  out.unit_name = u.name;
  gather_scores(sources, who, out);
  out.figures["unit.name"] = text(out.unit_name);
  out.figures["period.name"] = text(out.period_name);
  out.figures["report.date"] = text(reports::chinese_date(out.date));
  try {
    gather_plan(sources, who, out);
  } catch (const NotFound&) {
  } catch (const Forbidden&) {
  }
  gather_cases(sources, who, out);
  try {
    gather_self_inspection(sources, who, out);
  } catch (const Forbidden&) {
    out.figures["self_inspection.mean_gap"] = rate(std::nullopt);
  }
  return out;
}

const std::vector<SectionSpec>& summary_sections() {
  static const std::vector<SectionSpec> sections{
      {"opening", 0, ""},
      {"organisation", 1, "振奋精神，完善体制机制"},
      {"framework", 1, "对标测评体系，巩固创建成果"},
      {"environment", 2, "城市环境与秩序"},
      {"economy", 2, "经济与社会发展"},
      {"participation", 2, "群众参与和宣传教育"},
      {"problems", 1, "存在的问题和下一步打算"},
  };
  return sections;
}

Prose default_summary_prose() {
  return {
      {"opening",
       {"今年上半年，{{unit.name}}"
        "创建全国文明城市工作在市委宣传部、市文明办的指导下，紧紧围绕创建工作计划开展工作，"
        "截至{{report.date}}，工作计划完成进度{{plan.progress}}，按时序应完成{{plan.expected}}，{{plan."
        "status}}，"
        "创建成果得以巩固，各项创建工作得到不断深化。"}},
      {"organisation",
       {"加强领导力度。推动形成一级抓一级、一级对一级负责的工作机制，进一步明确工作任务和具体要求，保证各项创"
        "建任务落到实处。",
        "加快制度完善。制定《{{plan.name}}》，分{{plan.phase_count}}个阶段逐步推进实施，部署{{plan.action_"
        "count}}项行动，"
        "详细划分全区各单位、部门的具体工作任务，共{{plan.task_count}}项，其中逾期{{plan.overdue_count}}"
        "项。"}},
      {"framework",
       {"根据全国文明城市测评体系，共{{framework.aspect_count}}个方面、{{framework.indicator_count}}项指标、"
        "{{framework.item_count}}个测评项目。本期测评{{unit.name}}总得分{{score.total}}分，得分率{{score."
        "total_rate}}，"
        "在{{score.rank_of}}个区中排名第{{score.rank}}，测评覆盖率{{score.coverage}}。"
        "得分率低于85%的薄弱环节{{score.weak_count}}项，已逐项明确责任单位限期整改。"}},
      {"environment",
       {"本期实地检查{{inspections.count}}次，合格率{{inspections.pass_rate}}。发现并交办问题{{cases.count}}"
        "件，"
        "已结案{{cases.closed}}件，结案率{{cases.closure_rate}}，按期结案率{{cases.on_time_rate}}，"
        "超期未结{{cases.overdue_open}}件。"}},
      {"economy",
       {"纳入测评的{{statistics.count}}项经济社会发展统计指标中，{{statistics.met}}项达到目标值。"}},
      {"participation",
       {"广泛开展宣传教育和志愿服务活动，营造浓厚的创建氛围，使广大市民对创建工作的知晓率、支持率不断提高。"
        "纳入测评的问卷调查项目{{survey.count}}项。"}},
      {"problems",
       {"上半年的创建工作虽然取得了一定成效，但对照测评体系仍有差距。下一步，我们将针对薄弱环节和滞后任务，"
        "明确责任、细化措施、限期整改，确保全年创建任务圆满完成。"}},
  };
}

reports::Document build_summary(const SummaryData& data, const Prose& prose, const std::string& footer) {
  using reports::Block;
  reports::Document doc;
  doc.title = data.unit_name + "创建全国文明城市工作" + data.period_name + "工作总结";
  doc.issuer = data.unit_name + "创建全国文明城市工作领导小组办公室";
  doc.date = data.date;
  doc.footer = footer;
  const Prose defaults = default_summary_prose();
  auto paragraph = [](std::string t) {
    Block b;
    b.text = std::move(t);
    return b;
  };
  auto table = [&](const char* key) {
    Block b;
    b.kind = Block::Kind::table;
    b.table = data.tables.at(key);
    return b;
  };
  auto chart = [&](const char* key) {
    Block b;
    b.kind = Block::Kind::chart;
    b.chart = data.charts.at(key);
    return b;
  };
  for (const auto& spec : summary_sections()) {
    reports::Section s{spec.key, spec.level, spec.title, {}};
    for (const auto& p : prose_of(prose, defaults, spec.key))
      s.blocks.push_back(paragraph(reports::fill_placeholders(p, data.figures)));
    if (spec.key == "organisation") {
      if (!data.tables.at("plan_phases").rows.empty()) s.blocks.push_back(table("plan_phases"));
      if (!data.tables.at("plan_children").rows.empty()) s.blocks.push_back(table("plan_children"));
    } else if (spec.key == "framework") {
      s.blocks.push_back(table("aspects"));
      s.blocks.push_back(chart("radar"));
      if (data.charts.at("trend").values.size() > 1) s.blocks.push_back(chart("trend"));
      if (!data.tables.at("ranking").rows.empty()) s.blocks.push_back(table("ranking"));
      if (!data.tables.at("weak_items").rows.empty()) s.blocks.push_back(table("weak_items"));
      if (data.figures.at("self_inspection.mean_gap").value)
        s.blocks.push_back(paragraph(reports::fill_placeholders(
            "对照自查自评，自评得分率与实测得分率平均相差{{self_inspection.mean_gap}}，"
            "{{self_inspection.over_optimistic}}个测评项目自评偏高，已要求相关单位对照整改。",
            data.figures)));
    } else if (spec.key == "environment") {
      if (!data.tables.at("site_types").rows.empty()) s.blocks.push_back(table("site_types"));
      s.blocks.push_back(chart("case_flow"));
      if (!data.tables.at("cases_children").rows.empty()) s.blocks.push_back(table("cases_children"));
    } else if (spec.key == "economy") {
      if (!data.tables.at("statistics").rows.empty()) s.blocks.push_back(table("statistics"));
    } else if (spec.key == "participation") {
      if (!data.tables.at("surveys").rows.empty()) s.blocks.push_back(table("surveys"));
    } else if (spec.key == "problems") {
      auto list = [&](const char* lead, const std::vector<std::string>& lines) {
        if (lines.empty()) return;
        std::string t = lead;
        for (size_t i = 0; i < lines.size(); ++i) t += (i ? "；" : "") + lines[i];
        s.blocks.push_back(paragraph(t + "。"));
      };
      list("得分最低的测评项目：", data.weakest);
      list("任务已完成但得分仍滞后的项目：", data.lagging);
      list("工作计划进度滞后的单位：", data.behind);
    }
    doc.sections.push_back(std::move(s));
  }
  return doc;
}

std::string summary_sha256(const SummaryData& data) {
  std::string canon = data.unit + "\n" + data.period + "\n";
  for (const auto& [name, f] : data.figures) canon += name + "=" + reports::format_figure(f) + "\n";
  for (const auto& [key, t] : data.tables) {
    canon += "#" + key + "\n";
    for (const auto& r : t.rows) {
      for (const auto& c : r) canon += c + "\t";
      canon += "\n";
    }
  }
  platform::ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(canon.data()), canon.size());
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : digest) out += hex[c >> 4], out += hex[c & 15];
  return out;
}

std::string figures_json_text(const reports::Figures& figures) {
  boost::json::object o;
  for (const auto& [name, f] : figures) {
    if (f.kind == Figure::Kind::text)
      o[name] = f.text;
    else if (f.value)
      o[name] = json_number(*f.value);
    else
      o[name] = nullptr;
  }
  return to_json_text(o);
}

}  // namespace civic::service
