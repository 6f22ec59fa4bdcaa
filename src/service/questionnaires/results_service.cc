#include "service/questionnaires/results_service.h"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>

#include "domain/core/civil_time.h"
#include "domain/core/error.h"
#include "scoring/dataset.h"
#include "scoring/period_scores.h"
#include "service/core/permission.h"
#include "service/questionnaires/definition_json.h"
#include "service/questionnaires/questionnaire_common.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/units/unit_repository.h"

namespace civic::service {

using namespace questionnaire_detail;
namespace json = boost::json;

namespace {

// What results and crosstabs read: the definition, the question, its positive set and the counted
// responses (unit path, attributes, the answer to the question) in the period.
struct Loaded {
  QuestionnaireDefinition d;
  const QnQuestion* question = nullptr;
  std::string item;
  std::vector<std::string> positive;
  Unit unit;
  struct Answer {
    std::string unit_code, unit_path;
    std::map<std::string, std::string> attributes;
    QnAnswer answer;
  };
  std::vector<Answer> answers;
};

Loaded load_results(soci::session& sql, const Principal& who, const std::string& code,
                    const ResultsQuery& query, TimeMs now) {
  Loaded l;
  auto q = load(sql, &who, code);
  l.d = current_definition(sql, q);
  if (q.published_version > 0) l.d = *version_definition(sql, q.id, q.published_version);
  // The question.
  if (!query.question.empty()) {
    l.question = l.d.question(query.question);
    if (!l.question || l.question->type == "text")
      throw InvalidInput("question", "no choice question " + query.question,
                         message_key("response.answer.unknown", {{"question", query.question}}));
  } else {
    for (const auto& qq : l.d.questions)
      if (!qq.items.empty()) {
        l.question = &qq;
        break;
      }
    if (!l.question)
      for (const auto& qq : l.d.questions)
        if (qq.type != "text") {
          l.question = &qq;
          break;
        }
    if (!l.question)
      throw InvalidInput("question", "the questionnaire has no choice question",
                         message_key("questionnaire.results.question"));
  }
  // The positive set.
  auto options = option_codes(*l.question);
  if (!query.answer.empty()) {
    if (std::find(options.begin(), options.end(), query.answer) == options.end())
      throw InvalidInput("answer", "not an option of " + l.question->code,
                         message_key("response.answer.option", {{"question", l.question->code}}));
    l.positive = {query.answer};
  } else {
    std::string item = query.item;
    if (!item.empty() &&
        std::find(l.question->items.begin(), l.question->items.end(), item) == l.question->items.end())
      throw InvalidInput("item", "question " + l.question->code + " does not feed item " + item,
                         message_key("questionnaire.results.item", {{"item", item}}));
    if (item.empty() && !l.question->items.empty()) item = l.question->items[0];
    if (!item.empty()) {
      auto positives = survey_positives(sql, now);
      auto p = positives.find(item);
      if (p != positives.end()) {
        l.item = item;
        l.positive = p->second;
      }
    }
    if (l.positive.empty()) {
      if (l.question->type == "scale5")
        l.positive = {"4", "5"};
      else if (l.question->type == "yesno")
        l.positive = {"yes"};
      else
        throw InvalidInput("answer", "name the answer to count", message_key("questionnaire.results.answer"));
    }
  }
  // The unit: given, else the questionnaire's first unit when in scope, else the caller's.
  store::UnitRepository units(sql);
  std::string unit_code = query.unit;
  if (unit_code.empty()) {
    auto first = l.d.units.empty() ? std::nullopt : units.find_by_code(l.d.units[0]);
    unit_code = first && who.in_scope(*first) ? first->code : who.is_cli ? l.d.units.at(0) : who.unit_code;
  }
  auto unit = units.find_by_code(unit_code);
  if (!unit || !who.in_scope(*unit))
    throw InvalidInput("unit", "no unit " + unit_code,
                       message_key("questionnaire.unit.unknown", {{"unit", unit_code}}));
  l.unit = *unit;
  // The period.
  std::string start, end;
  if (!query.period.empty()) {
    auto p = store::EvaluationRepository(sql).find_period(query.period);
    if (!p)
      throw InvalidInput("period", "no period " + query.period,
                         message_key("period.not_found", {{"period", query.period}}));
    start = p->start;
    end = p->end;
  }
  store::QuestionnaireRepository repo(sql);
  store::ResponseFilter f;
  f.status = "counted";
  for (const auto& row : repo.responses(q.id, f)) {
    if (!path_in_scope(l.unit.path, row.unit_path)) continue;
    if (!start.empty()) {
      std::string day = to_iso(civil_date_of(row.submitted_at));
      if (day < start || day > end) continue;
    }
    json::value answers = json::parse(row.answers);
    auto all = answers_from_json(&answers);
    auto a = all.find(l.question->code);
    if (a == all.end() || a->second.values.empty() || a->second.values[0].empty()) continue;
    json::value attributes = json::parse(row.attributes);
    l.answers.push_back({row.unit_code, row.unit_path, attributes_from_json(&attributes), a->second});
  }
  return l;
}

}  // namespace

SurveyResults ResultsService::results(const Principal& who, const std::string& code,
                                      const ResultsQuery& query) {
  audit_.require(who, Permission::read_questionnaires);
  Loaded l;
  std::vector<store::EvaluationUnit> tree;
  {
    auto lease = db_.lease();
    l = load_results(*lease, who, code, query, audit_.clock().now_ms());
    tree = store::EvaluationRepository(*lease).units();
  }
  // The responses as one survey item over the unit tree, scored by the engine (scoring.md §3.2).
  Framework fw;
  fw.code = "QN";
  fw.name = "questionnaire";
  Item item;
  item.code = "I";
  item.name = "question";
  item.method = Method::survey;
  item.max_score = 1;
  item.question = "Q";
  item.positive = {"1"};
  fw.aspects.push_back({"A", "A", std::nullopt, {{"A.1", "A.1", std::nullopt, {item}}}});
  scoring::DatasetBuilder b(fw);
  std::map<std::string, int> index;
  for (const auto& u : tree) {
    int parent = u.parent ? index.at(*u.parent) : -1;
    index[u.code] = b.add_unit(u.code, parent, static_cast<double>(u.population));
  }
  b.add_period("ALL", -10'000'000, 10'000'000);
  long long seq = 0;
  for (const auto& a : l.answers) {
    std::string v = answer_positive(a.answer, l.positive) ? "1" : "0";
    std::pair<std::string_view, std::string_view> answer{"Q", v};
    b.add_response(std::to_string(++seq), index.at(a.unit_code), 0, std::span(&answer, 1));
  }
  scoring::ScoringDataset data = b.finish();
  scoring::PeriodScores scores(data, 0);
  int item_index = data.item_index("I");

  SurveyResults out;
  out.questionnaire = code;
  out.question = l.question->code;
  out.item = l.item;
  out.positive = l.positive;
  out.min_n = l.d.min_n;
  std::map<std::string, std::string> names;
  for (const auto& u : tree) names[u.code] = u.name;
  auto row_of = [&](int u) {
    ResultRow r;
    r.unit = data.unit_code[u];
    r.unit_name = names[r.unit];
    const auto& is = scores.item(u, item_index);
    r.n = is.n;
    if (is.n > 0) {
      const auto& sv = scores.survey(u, item_index);
      r.k = sv.k;
      r.rate = sv.rate_unweighted;
      r.weighted_rate = sv.rate;
      r.wilson = std::make_pair(sv.ci_low, sv.ci_high);
    }
    r.ranked = r.n >= l.d.min_n;
    return r;
  };
  int u = data.unit_index(l.unit.code);
  out.rows.push_back(row_of(u));
  for (int32_t c = data.child_begin[u]; c < data.child_begin[u + 1]; ++c)
    out.rows.push_back(row_of(data.children[c]));
  return out;
}

SurveyCrosstab ResultsService::crosstab(const Principal& who, const std::string& code,
                                        const ResultsQuery& query, const std::string& by) {
  audit_.require(who, Permission::read_questionnaires);
  Loaded l;
  {
    auto lease = db_.lease();
    l = load_results(*lease, who, code, query, audit_.clock().now_ms());
  }
  const QnAttribute* attribute = l.d.attribute(by);
  if (!attribute || attribute->kind != "choice")
    throw InvalidInput("by", "no choice attribute " + by,
                       message_key("response.attribute.unknown", {{"attribute", by}}));
  SurveyCrosstab out;
  out.questionnaire = code;
  out.question = l.question->code;
  out.by = by;
  out.unit = l.unit.code;
  out.positive = l.positive;
  for (const auto& o : attribute->options) {
    CrosstabRow r;
    r.option = o.code;
    r.text = o.text;
    for (const auto& a : l.answers) {
      auto v = a.attributes.find(by);
      if (v == a.attributes.end() || v->second != o.code) continue;
      ++r.n;
      if (answer_positive(a.answer, l.positive)) ++r.k;
    }
    if (r.n > 0) r.rate = static_cast<double>(r.k) / static_cast<double>(r.n);
    out.rows.push_back(std::move(r));
  }
  return out;
}

}  // namespace civic::service
