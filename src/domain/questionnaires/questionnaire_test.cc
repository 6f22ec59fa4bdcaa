#include "domain/questionnaires/questionnaire.h"

#include <gtest/gtest.h>

#include <functional>

#include "domain/core/error.h"

namespace civic {
namespace {

// CITY (/1/) ─ D1 (/1/2/) ─ S1 (/1/2/3/); D2 (/1/4/).
DefinitionContext context() {
  DefinitionContext ctx;
  ctx.unit_paths = {{"CITY", "/1/"}, {"D1", "/1/2/"}, {"S1", "/1/2/3/"}, {"D2", "/1/4/"}};
  ctx.survey_items = {{"A7.2.1", "Q_AWARE"}, {"A1.1.2", "Q_SAT_GOV"}};
  return ctx;
}

QuestionnaireDefinition sample() {
  QuestionnaireDefinition d;
  d.code = "CW-ZXL";
  d.title = {"知晓率", "Awareness"};
  d.units = {"D1"};
  d.attributes.push_back({"unit", "unit", {"社区", ""}, true, {}});
  d.attributes.push_back(
      {"type", "choice", {"类型", ""}, true, {{"resident", {"居民", ""}}, {"visitor", {"游客", ""}}}});
  QnQuestion aware{
      "Q_AWARE", "single",     {"您知道吗", ""}, {{"know", {"知道", ""}}, {"unknown", {"不知道", ""}}},
      true,      std::nullopt, {"A7.2.1"}};
  QnQuestion how{"Q_HOW",
                 "multiple",
                 {"从哪里知道", ""},
                 {{"tv", {"电视", ""}}, {"web", {"网络", ""}}},
                 true,
                 QnShowIf{"Q_AWARE", {"know"}},
                 {}};
  QnQuestion note{"Q_NOTE", "text", {"建议", ""}, {}, false, std::nullopt, {}};
  d.questions = {aware, how, note};
  d.quotas.push_back({{{"unit", "S1"}, {"type", "resident"}}, 10});
  return d;
}

std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InvalidInput& e) {
    return e.field();
  }
  return "";
}

TEST(QuestionnaireDefinition, ValidSampleAndEachBrokenRule) {
  DefinitionContext ctx = context();
  EXPECT_EQ(field_of([&] { validate_definition(sample(), ctx); }), "");
  auto broken = [&](auto change) {
    QuestionnaireDefinition d = sample();
    change(d);
    return field_of([&] { validate_definition(d, ctx); });
  };
  EXPECT_EQ(broken([](auto& d) { d.code = "bad code"; }), "code");
  EXPECT_EQ(broken([](auto& d) { d.title.zh = ""; }), "title.zh-CN");
  EXPECT_EQ(broken([](auto& d) { d.units = {"NOPE"}; }), "units[0]");
  EXPECT_EQ(broken([](auto& d) { std::swap(d.attributes[0], d.attributes[1]); }), "attributes");
  EXPECT_EQ(broken([](auto& d) { d.attributes[1].options.pop_back(); }), "attributes[1].options");
  EXPECT_EQ(broken([](auto& d) { d.questions[1].code = "Q_AWARE"; }), "questions[1].code");
  EXPECT_EQ(broken([](auto& d) { d.questions[0].type = "slider"; }), "questions[0].type");
  EXPECT_EQ(broken([](auto& d) { d.questions[1].show_if->question = "Q_NOTE"; }),
            "questions[1].show_if.question");
  EXPECT_EQ(broken([](auto& d) { d.questions[1].show_if->answers = {"maybe"}; }),
            "questions[1].show_if.answers[0]");
  EXPECT_EQ(broken([](auto& d) { d.questions[0].items = {"A9.9.9"}; }), "questions[0].items[0]");
  EXPECT_EQ(broken([](auto& d) { d.questions[0].items = {"A1.1.2"}; }), "questions[0].items[0]");
  EXPECT_EQ(broken([](auto& d) { d.quotas[0].stratum[0].second = "D2"; }), "quotas[0].stratum.unit");
  EXPECT_EQ(broken([](auto& d) { d.quotas[0].stratum[1].second = "alien"; }), "quotas[0].stratum.type");
  EXPECT_EQ(broken([](auto& d) { d.quotas[0].target = 0; }), "quotas[0].target");
  EXPECT_EQ(broken([](auto& d) { d.min_n = 0; }), "min_n");
}

QnResponseInput good_answer() {
  QnResponseInput r;
  r.unit = "S1";
  r.attributes = {{"type", "resident"}};
  r.answers = {{"Q_AWARE", {false, {"know"}}}, {"Q_HOW", {true, {"tv", "web"}}}};
  return r;
}

TEST(QuestionnaireResponse, ValidAndEachBadInputNamesItsField) {
  DefinitionContext ctx = context();
  QuestionnaireDefinition d = sample();
  EXPECT_EQ(field_of([&] { validate_response(d, good_answer(), ctx.unit_paths); }), "");
  auto broken = [&](auto change) {
    QnResponseInput r = good_answer();
    change(r);
    return field_of([&] { validate_response(d, r, ctx.unit_paths); });
  };
  EXPECT_EQ(broken([](auto& r) { r.unit = "D2"; }), "unit");
  EXPECT_EQ(broken([](auto& r) { r.unit = ""; }), "unit");
  EXPECT_EQ(broken([](auto& r) { r.attributes.clear(); }), "attributes.type");
  EXPECT_EQ(broken([](auto& r) { r.attributes["type"] = "alien"; }), "attributes.type");
  EXPECT_EQ(broken([](auto& r) { r.attributes["age"] = "1"; }), "attributes.age");
  EXPECT_EQ(broken([](auto& r) { r.answers["Q9"] = {false, {"x"}}; }), "answers.Q9");
  EXPECT_EQ(broken([](auto& r) { r.answers.erase("Q_AWARE"); }), "answers.Q_AWARE");
  EXPECT_EQ(broken([](auto& r) { r.answers["Q_AWARE"] = {false, {"maybe"}}; }), "answers.Q_AWARE");
  EXPECT_EQ(broken([](auto& r) { r.answers["Q_AWARE"] = {true, {"know"}}; }), "answers.Q_AWARE");
  EXPECT_EQ(broken([](auto& r) { r.answers["Q_HOW"] = {false, {"tv"}}; }), "answers.Q_HOW");
  // Hidden by show_if (not known) but answered.
  EXPECT_EQ(broken([](auto& r) { r.answers["Q_AWARE"] = {false, {"unknown"}}; }), "answers.Q_HOW");
  // Hidden and not answered: fine; the optional text may be left out.
  QnResponseInput hidden = good_answer();
  hidden.answers = {{"Q_AWARE", {false, {"unknown"}}}};
  EXPECT_EQ(field_of([&] { validate_response(d, hidden, ctx.unit_paths); }), "");
  EXPECT_EQ(broken([](auto& r) {
              r.answers["Q_NOTE"] = {false, {std::string(3000, 'x')}};
            }),
            "answers.Q_NOTE");
}

TEST(QuestionnaireQuality, StraightLiningNeedsEightEqualScaleAnswers) {
  QuestionnaireDefinition d;
  std::map<std::string, QnAnswer> answers;
  for (int i = 0; i < 8; ++i) {
    d.questions.push_back({"S" + std::to_string(i), "scale5", {"x", ""}, {}, true, std::nullopt, {}});
    answers["S" + std::to_string(i)] = {false, {"3"}};
  }
  EXPECT_TRUE(straight_lining(d, answers));
  answers["S7"] = {false, {"4"}};
  EXPECT_FALSE(straight_lining(d, answers));
  answers.erase("S7");  // seven answered: too few to tell
  EXPECT_FALSE(straight_lining(d, answers));
}

TEST(QuestionnaireQuality, SpeedingIsUnderAThirdOfTheMedianOnceTwentyExist) {
  std::vector<double> durations(19, 300.0);
  EXPECT_FALSE(median_seconds(durations).has_value());
  durations.push_back(90);
  auto median = median_seconds(durations);
  ASSERT_TRUE(median);
  EXPECT_DOUBLE_EQ(*median, 300.0);
  EXPECT_TRUE(speeding(99, median));
  EXPECT_FALSE(speeding(100, median));
  EXPECT_FALSE(speeding(1, std::nullopt));
}

TEST(QuestionnaireQuota, StratumMatchesUnitScopeAndAttributes) {
  QnQuota q{{{"unit", "D1"}, {"type", "resident"}}, 5};
  EXPECT_TRUE(quota_matches(q, "/1/2/", "/1/2/3/", {{"type", "resident"}}));
  EXPECT_FALSE(quota_matches(q, "/1/2/", "/1/4/", {{"type", "resident"}}));
  EXPECT_FALSE(quota_matches(q, "/1/2/", "/1/2/3/", {{"type", "visitor"}}));
  EXPECT_FALSE(quota_matches(q, "/1/2/", "/1/2/3/", {}));
}

}  // namespace
}  // namespace civic
