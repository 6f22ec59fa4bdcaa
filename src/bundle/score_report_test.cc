// The two renderings of a unit's score: JSON null for what is not assessed, and the table's
// bilingual headings with two decimals for points and one for percentages.
#include "bundle/score_report.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "bundle/bundle_dataset.h"
#include "bundle/bundle_reader.h"
#include "bundle/test_files.h"
#include "json/json_text.h"

namespace civic::bundle {
namespace {

// The worked example of scoring.md, kept in the repository (testdata/README.md).
Bundle worked() {
  auto text = testing::read_text(std::string(CIVIC_SOURCE_DIR) + "/src/bundle/testdata/worked_bundle.json");
  if (!text) throw std::runtime_error("src/bundle/testdata/worked_bundle.json is missing");
  return read_bundle(*text);
}

TEST(ScoreReport, NotAssessedIsNullNeverZero) {
  const Bundle b = worked();
  const scoring::ScoringDataset d = build_dataset(b);
  const scoring::PeriodScores s(d, 0);
  const boost::json::value v =
      boost::json::parse(to_json_text(score_report_json(s, d.unit_index("D1"), 0.85)));
  const auto& items = v.at("aspects").at(0).at("indicators").at(0).at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  const auto& stat = items[2].as_object();
  EXPECT_EQ(stat.at("assessed"), false);
  EXPECT_TRUE(stat.at("score").is_null());
  EXPECT_TRUE(stat.at("rate").is_null());
  EXPECT_EQ(stat.at("n").to_number<int>(), 0);
  EXPECT_FALSE(stat.contains("k"));
  const auto& survey = items[1].as_object();
  EXPECT_EQ(survey.at("k").to_number<int>(), 1);
  EXPECT_TRUE(survey.contains("ci_low"));
  EXPECT_TRUE(v.at("ranking").as_array().empty());
}

TEST(ScoreReport, TableIsBilingualAndRounded) {
  const Bundle b = worked();
  const scoring::ScoringDataset d = build_dataset(b);
  const scoring::PeriodScores s(d, 0);
  const std::string table = score_report_table(s, d.unit_index("C"), 0.85);
  for (const char* text : {"得分 Score", "总分 Total: 5.85", "总得分率 Total rate: 58.5%",
                           "薄弱环节 Weak items", "下级排名 Ranking", "41.7%", "市容秩序"})
    EXPECT_NE(table.find(text), std::string::npos) << text << "\n" << table;
  const std::string d1 = score_report_table(s, d.unit_index("D1"), 0.85);
  EXPECT_NE(d1.find("未测 n/a"), std::string::npos) << d1;
}

TEST(ScoreReport, ExplanationNamesTheEvidence) {
  const Bundle b = worked();
  const scoring::ScoringDataset d = build_dataset(b);
  const scoring::PeriodScores s(d, 0);
  const int c = d.unit_index("C");
  const boost::json::value field = item_explanation_json(s, c, d.item_index("A1.1.1"));
  const auto& inspections = field.at("inspections").as_array();
  ASSERT_EQ(inspections.size(), 2u);  // I3 is outside the period, I4 does not assess the item
  EXPECT_EQ(inspections[0].at("id").as_string(), "I1");
  EXPECT_EQ(inspections[0].at("date").as_string(), "2026-02-01");
  EXPECT_EQ(inspections[0].at("failed").at(0).at("check").as_string(), "c1");
  EXPECT_EQ(inspections[1].at("failed").at(0).at("check").as_string(), "c2");
  const boost::json::value survey = item_explanation_json(s, c, d.item_index("A1.1.2"));
  EXPECT_EQ(survey.at("post_stratified"), true);
  EXPECT_EQ(survey.at("strata").as_array().size(), 2u);
  EXPECT_EQ(item_explanation_json(s, c, d.item_index("A1.1.4")).at("grade").as_string(), "B");
  EXPECT_TRUE(item_explanation_json(s, d.unit_index("D1"), d.item_index("A1.1.3")).at("value").is_null());
}

TEST(JsonText, ShortestRoundTripNumbers) {
  boost::json::object o{{"a", 2.5}, {"b", 3.0}, {"c", 0.1 + 0.2}, {"d", 7}, {"e", nullptr}};
  const std::string text = to_json_text(o, 0);
  EXPECT_EQ(text, R"({"a":2.5,"b":3.0,"c":0.30000000000000004,"d":7,"e":null})");
}

}  // namespace
}  // namespace civic::bundle
