// read_bundle rejects every broken rule of bundle.md with the JSON path of the problem, accepts
// the optional extensions, and reads the shipped default framework.
#include "bundle/bundle_reader.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <functional>
#include <set>

#include "bundle/framework_document.h"
#include "bundle/test_files.h"
#include "domain/core/error.h"

namespace civic::bundle {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::read_text;

// A small valid bundle in the shape of bundle.md's example.
json::value valid_bundle() {
  return json::parse(R"({
    "format": "civic-bundle/1",
    "framework": {"code": "demo", "name": "示例", "name_en": "Demo", "version": "3",
      "negative_list": [{"code": "N1", "name": "重大安全事故", "name_en": "Major accident", "deduct": 2, "disqualify": true}],
      "questions": [{"code": "Q1", "text": "知道创文吗", "text_en": "Do you know?",
                     "options": [{"value": "know", "label": "知道", "label_en": "Yes"}]}],
      "site_types": [{"code": "主干道", "name_en": "Main road"}],
      "aspects": [{"code": "A4", "name": "人文环境", "name_en": "Culture", "indicators": [
        {"code": "A4.2", "name": "公共文明", "items": [
          {"code": "A4.2.1", "name": "秩序", "max_score": 3, "method": "field", "lead_unit": "城管局",
           "responsible_units": ["交通局"], "description": "说明", "checks": [
             {"code": "A4.2.1-1", "text": "无乱扔垃圾", "text_en": "No litter", "deduct": 0.5, "site_types": ["主干道"]},
             {"code": "A4.2.1-2", "text": "无占道经营", "deduct": 1}]},
          {"code": "A4.2.2", "name": "知晓率", "max_score": 2, "method": "survey", "question": "Q1",
           "positive": ["know"], "curve": [[0.6, 0], [0.95, 1]]},
          {"code": "A4.2.3", "name": "人均GDP", "max_score": 1, "method": "statistic", "metric": "gdp",
           "target": 60000, "direction": "higher", "floor": 20000},
          {"code": "A4.2.4", "name": "制度建设", "max_score": 1, "method": "material"}]}]}]},
    "units": [{"code": "C", "name": "青川市", "parent": null, "population": 1200000},
              {"code": "C-D1", "name": "互贸区", "parent": "C", "population": 300000, "extra": 1}],
    "sites": [{"code": "S1", "name": "华阜大街", "type": "主干道", "unit": "C-D1", "lat": 45.2, "lon": 126.5}],
    "periods": [{"code": "2026H1", "start": "2026-01-01", "end": "2026-06-30"}],
    "inspections": [{"id": "I1", "site": "S1", "date": "2026-03-02", "results": {"A4.2.1-1": 2, "A4.2.1-2": "na"}}],
    "responses": [{"id": "R1", "unit": "C-D1", "date": "2026-03-05", "answers": {"Q1": "know"}}],
    "statistics": [{"metric": "gdp", "unit": "C", "period": "2026H1", "value": 65000}],
    "materials": [{"item": "A4.2.4", "unit": "C", "period": "2026H1", "grade": "B"}],
    "penalties": [{"code": "N1", "unit": "C-D1", "period": "2026H1", "deduct": 1.5, "disqualify": false,
                   "description": "事故"}]})");
}

// Applies `edit` to a valid bundle and returns the error's field, or "" when it was accepted.
std::string rejected_at(const std::function<void(json::object&)>& edit, std::string* message = nullptr) {
  json::value doc = valid_bundle();
  edit(doc.as_object());
  try {
    read_bundle(json::serialize(doc));
  } catch (const InvalidInput& e) {
    if (message) *message = e.what();
    return e.field();
  }
  return "";
}

json::object& item(json::object& doc, size_t i) {
  return doc["framework"]
      .as_object()["aspects"]
      .as_array()[0]
      .as_object()["indicators"]
      .as_array()[0]
      .as_object()["items"]
      .as_array()[i]
      .as_object();
}

TEST(ReadBundle, AcceptsTheExampleWithExtensions) {
  const Bundle b = read_bundle(json::serialize(valid_bundle()));
  EXPECT_EQ(b.framework.code, "demo");
  EXPECT_EQ(*b.framework.name_en, "Demo");
  ASSERT_EQ(b.framework.negative_list.size(), 1u);
  EXPECT_TRUE(b.framework.negative_list[0].disqualify);
  ASSERT_EQ(b.framework.questions.size(), 1u);
  EXPECT_EQ(*b.framework.questions[0].options[0].label_en, "Yes");
  const Item& field = b.framework.aspects[0].indicators[0].items[0];
  EXPECT_EQ(*field.lead_unit, "城管局");
  EXPECT_EQ(field.responsible_units, std::vector<std::string>{"交通局"});
  EXPECT_EQ(*field.checks[0].text_en, "No litter");
  EXPECT_FALSE(b.framework.grades_given);
  EXPECT_EQ(b.framework.grade_fraction("B"), 0.8);
  ASSERT_EQ(b.inspections[0].results.size(), 2u);
  EXPECT_FALSE(b.inspections[0].results[1].failures.has_value());
  EXPECT_EQ(b.periods[0].end, (CivilDate{2026, 6, 30}));
}

// photo_required: absent is true; false is read, kept by the framework document and written back; not a bool
// is rejected at its path.
TEST(ReadBundle, PhotoRequiredIsTrueUnlessACheckSaysFalse) {
  json::value value = valid_bundle();
  json::object& doc = value.as_object();
  item(doc, 0)["checks"].as_array()[1].as_object()["photo_required"] = false;
  const Bundle b = read_bundle(json::serialize(value));
  const Item& field = b.framework.aspects[0].indicators[0].items[0];
  EXPECT_TRUE(field.checks[0].photo_required);
  EXPECT_FALSE(field.checks[1].photo_required);
  const Framework again = read_framework_document(write_framework_document(b.framework));
  EXPECT_TRUE(again.aspects[0].indicators[0].items[0].checks[0].photo_required);
  EXPECT_FALSE(again.aspects[0].indicators[0].items[0].checks[1].photo_required);
  EXPECT_EQ(write_framework_document(b.framework).find("\"photo_required\":true"), std::string::npos);
  EXPECT_EQ(
      rejected_at([](auto& d) { item(d, 0)["checks"].as_array()[0].as_object()["photo_required"] = "yes"; }),
      "framework.aspects[0].indicators[0].items[0].checks[0].photo_required");
}

TEST(ReadBundle, RejectsEachBrokenRuleWithItsPath) {
  std::string msg;
  EXPECT_EQ(rejected_at([](auto& d) { d["format"] = "civic-bundle/2"; }), "format");
  EXPECT_EQ(rejected_at([](auto& d) { d["inspections"].as_array()[0].as_object()["site"] = "S99"; }, &msg),
            "inspections[0].site");
  EXPECT_EQ(msg, "unknown site \"S99\"");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 0)["max_score"] = 0; }),
            "framework.aspects[0].indicators[0].items[0].max_score");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 0)["checks"].as_array()[1].as_object()["deduct"] = -1; }),
            "framework.aspects[0].indicators[0].items[0].checks[1].deduct");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 1)["code"] = "A4.2.1"; }, &msg),
            "framework.aspects[0].indicators[0].items[1].code");
  EXPECT_EQ(msg, "duplicate code \"A4.2.1\"");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 1)["code"] = "A4.2.1-1"; }),  // checks share the namespace
            "framework.aspects[0].indicators[0].items[1].code");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 1)["method"] = "guess"; }),
            "framework.aspects[0].indicators[0].items[1].method");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 1)["curve"] = json::parse("[[0.9, 0], [0.5, 1]]"); }),
            "framework.aspects[0].indicators[0].items[1].curve[1]");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 1)["curve"] = json::parse("[[0.5, 0], [0.9, 1.5]]"); }),
            "framework.aspects[0].indicators[0].items[1].curve[1]");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 2)["floor"] = 70000; }),
            "framework.aspects[0].indicators[0].items[2].floor");
  EXPECT_EQ(rejected_at([](auto& d) { item(d, 2)["direction"] = "sideways"; }),
            "framework.aspects[0].indicators[0].items[2].direction");
  EXPECT_EQ(rejected_at([](auto& d) { d["units"].as_array()[1].as_object()["parent"] = "X"; }),
            "units[1].parent");
  EXPECT_EQ(rejected_at([](auto& d) { d["units"].as_array()[1].as_object()["parent"] = nullptr; }),
            "units[1].parent");
  EXPECT_EQ(rejected_at([](auto& d) { d["units"].as_array()[1].as_object()["code"] = "C"; }),
            "units[1].code");
  EXPECT_EQ(rejected_at([](auto& d) {
              auto& units = d["units"].as_array();
              units.push_back(json::parse(R"({"code": "X", "parent": "Y"})"));
              units.push_back(json::parse(R"({"code": "Y", "parent": "X"})"));
            }).rfind("units[", 0),
            0u);
  EXPECT_EQ(rejected_at([](auto& d) { d["sites"].as_array()[0].as_object()["unit"] = "Z"; }),
            "sites[0].unit");
  EXPECT_EQ(rejected_at([](auto& d) { d["periods"].as_array()[0].as_object()["start"] = "2026-07-01"; }),
            "periods[0].start");
  EXPECT_EQ(rejected_at([](auto& d) { d["periods"].as_array()[0].as_object()["end"] = "2026-06-31"; }),
            "periods[0].end");
  EXPECT_EQ(rejected_at([](auto& d) { d["responses"].as_array()[0].as_object()["date"] = "2026-02-30"; }),
            "responses[0].date");
  auto results = [](json::object& d) -> json::object& {
    return d["inspections"].as_array()[0].as_object()["results"].as_object();
  };
  EXPECT_EQ(rejected_at([&](auto& d) { results(d)["A4.2.1-1"] = 1.5; }), "inspections[0].results.A4.2.1-1");
  EXPECT_EQ(rejected_at([&](auto& d) { results(d)["A4.2.1-1"] = -1; }), "inspections[0].results.A4.2.1-1");
  EXPECT_EQ(rejected_at([&](auto& d) { results(d)["A4.2.1-1"] = "n/a"; }), "inspections[0].results.A4.2.1-1");
  EXPECT_EQ(rejected_at([&](auto& d) { results(d)["nope"] = 0; }), "inspections[0].results.nope");
  EXPECT_EQ(rejected_at([](auto& d) { d["statistics"].as_array().push_back(d["statistics"].as_array()[0]); }),
            "statistics[1]");
  EXPECT_EQ(rejected_at([](auto& d) { d["statistics"].as_array()[0].as_object()["period"] = "2025H9"; }),
            "statistics[0].period");
  EXPECT_EQ(rejected_at([](auto& d) { d["materials"].as_array()[0].as_object()["grade"] = "E"; }, &msg),
            "materials[0].grade");
  EXPECT_EQ(msg, "unknown grade \"E\"");
  EXPECT_EQ(rejected_at([](auto& d) { d["materials"].as_array().push_back(d["materials"].as_array()[0]); }),
            "materials[1]");
  EXPECT_EQ(rejected_at([](auto& d) { d["materials"].as_array()[0].as_object()["item"] = "A4.2.1"; }),
            "materials[0].item");
  EXPECT_EQ(rejected_at([](auto& d) { d["penalties"].as_array()[0].as_object()["deduct"] = -0.5; }),
            "penalties[0].deduct");
}

TEST(ReadBundle, GradeMapReplacesTheDefault) {
  std::string msg;
  auto with_grades = [](json::object& d) {
    d["framework"].as_object()["grades"] = json::parse(R"({"优": 1.0, "良": 0.85})");
  };
  EXPECT_EQ(rejected_at(with_grades), "materials[0].grade");  // "B" is no longer a grade
  EXPECT_EQ(rejected_at([&](auto& d) {
              with_grades(d);
              d["materials"].as_array()[0].as_object()["grade"] = "良";
            }),
            "");
}

TEST(ReadBundle, NotJsonIsAnInputError) {
  EXPECT_THROW(read_bundle("{\"format\": "), InvalidInput);
}

TEST(ReadBundle, SharedInvalidBundlesNameTheManifestPath) {
  const fs::path dir = fs::path(CIVIC_SHARED_DIR) / "testdata" / "invalid";
  auto manifest = read_text((dir / "manifest.json").string());
  if (!manifest) GTEST_SKIP() << "no shared invalid bundles";
  int checked = 0;
  const json::value entries = json::parse(*manifest);
  for (const auto& kv : entries.as_object()) {
    const std::string path(kv.value().as_string());
    auto text = read_text((dir / (std::string(kv.key()) + ".json")).string());
    ASSERT_TRUE(text) << kv.key();
    try {
      read_bundle(*text);
      ADD_FAILURE() << kv.key() << " was accepted";
    } catch (const InvalidInput& e) {
      EXPECT_NE(e.field().find(path), std::string::npos) << kv.key() << ": " << e.field() << ": " << e.what();
    }
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

TEST(DefaultFramework, SevenAspectsThirtyThreeIndicatorsHundredElevenItemsHundredPoints) {
  auto text = read_text(std::string(CIVIC_SOURCE_DIR) + "/data/framework/default.json");
  if (!text) GTEST_SKIP() << "data/framework/default.json not written yet";
  // The file may be a bare framework or a whole bundle; scoring needs it as a bundle's framework.
  json::value v = json::parse(*text);
  if (!v.as_object().contains("format")) {
    json::object doc{{"format", "civic-bundle/1"},
                     {"framework", v},
                     {"units", json::parse(R"([{"code": "C", "parent": null}])")}};
    v = doc;
  }
  const Framework f = read_bundle(json::serialize(v)).framework;
  EXPECT_EQ(f.aspects.size(), 7u);
  size_t indicators = 0;
  for (const auto& a : f.aspects) indicators += a.indicators.size();
  EXPECT_EQ(indicators, 33u);
  const auto items = f.items();
  EXPECT_EQ(items.size(), 111u);
  EXPECT_NEAR(f.max_total(), 100.0, 1e-9);
  std::set<Method> methods;
  for (const Item* it : items) methods.insert(it->method);
  EXPECT_EQ(methods.size(), 4u) << "every method is used";
}

}  // namespace
}  // namespace civic::bundle
