// Rounds and inspections over HTTP: create and assign a round, the inspector's assignments, form and draft,
// a submission with its retry, conflict and validation answers, and a correction (contract.md).
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "domain/files/test_images.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

namespace json = boost::json;
using testing::ApiCity;
using testing::Reply;

// A field item with two checks (one for roads only) and four roads at D1-S1, one at D2-S1.
std::string field_bundle() {
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"公共场所秩序","max_score":4,
      "method":"field","checks":[{"code":"K1","text":"无乱扔垃圾","deduct":1,"site_types":["主干道"]},
                                 {"code":"K2","text":"无占道经营","deduct":1,"site_types":["农贸市场"]}]}]}]}]},
    "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
             {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
    "sites":[{"code":"S1","type":"主干道","unit":"D1-S1"},{"code":"S2","type":"主干道","unit":"D1-S1"},
             {"code":"S3","type":"主干道","unit":"D1-S1"},{"code":"S4","type":"主干道","unit":"D1-S1"},
             {"code":"S9","type":"主干道","unit":"D2-S1"}],
    "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";
}

class InspectionApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    city_->services().evaluation.import_bundle(service::Principal::cli(),
                                               bundle::read_bundle(field_bundle()));
  }
  std::unique_ptr<ApiCity> city_;
};
CIVIC_INSTANTIATE_BACKENDS(InspectionApi);

std::string submission(const std::string& client_id, const std::string& site, const std::string& failures,
                       const std::string& photo = "") {
  return R"({"client_id":")" + client_id + R"(","round":"R1","site":")" + site +
         R"(","inspected_at":"2026-02-28T09:30:00Z","gps":{"lat":31.2,"lon":121.4,"accuracy":6},"note":"现场",
           "results":[{"check":"K1","failures":)" +
         failures + R"(,"note":"两处","photos":[)" + (photo.empty() ? "" : "\"" + photo + "\"") + "]}]}";
}

TEST_P(InspectionApi, RoundToSubmissionToCorrection) {
  ApiCity& c = *city_;
  Reply created = c.as(
      "office", "POST", "/api/rounds",
      R"({"code":"R1","name":"三月督查","period":"2026H1","under":"D1","default_sample_size":3,"seed":"42"})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value round = ApiCity::parse(created);
  EXPECT_EQ(round.at("seed"), "42");
  EXPECT_EQ(round.at("sample_total").as_int64(), 3);
  EXPECT_EQ(round.at("strata").at(0).at("population").as_int64(), 4);
  Reply again = c.as(
      "office", "POST", "/api/rounds",
      R"({"code":"R2","name":"同种子","period":"2026H1","under":"D1","default_sample_size":3,"seed":"42"})");
  ASSERT_EQ(again.status, 201);
  auto sample = [&](const std::string& code) {
    std::vector<std::string> out;
    json::value page = ApiCity::parse(c.as("office", "GET", "/api/rounds/" + code + "/sites"));
    for (const auto& s : page.at("items").as_array()) {
      out.emplace_back(s.at("site").as_string());
    }
    return out;
  };
  EXPECT_EQ(sample("R1"), sample("R2"));
  ASSERT_EQ(sample("R1").size(), 3u);

  Reply assigned = c.as("office", "POST", "/api/rounds/R1/actions/assign", R"({"inspectors":["inspector"]})");
  ASSERT_EQ(assigned.status, 200) << assigned.body;
  EXPECT_EQ(ApiCity::parse(assigned).at("inspectors").at(0).at("to_do").as_int64(), 3);

  Reply mine = c.as("inspector", "GET", "/api/my/assignments?status=to_do");
  ASSERT_EQ(mine.status, 200);
  json::value first = ApiCity::parse(mine).at("items").at(0);
  std::string site(first.at("site").as_string());
  EXPECT_EQ(first.at("round"), "R1");
  EXPECT_TRUE(first.at("draft").is_null());

  Reply form = c.as("inspector", "GET", "/api/inspection-form?round=R1&site=" + site);
  ASSERT_EQ(form.status, 200) << form.body;
  ASSERT_EQ(ApiCity::parse(form).at("checks").as_array().size(), 1u);  // K2 is for markets
  EXPECT_EQ(ApiCity::parse(form).at("checks").at(0).at("check"), "K1");

  Reply draft = c.as("inspector", "PUT", "/api/inspection-drafts/d1",
                     R"({"round":"R1","site":")" + site + R"(","note":"一半"})");
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(ApiCity::parse(c.as("inspector", "GET", "/api/inspection-drafts/d1")).at("note"), "一半");
  EXPECT_EQ(
      ApiCity::parse(c.as("inspector", "GET", "/api/my/assignments?status=draft")).at("total").as_int64(), 1);

  Reply missing = c.as("inspector", "POST", "/api/inspections",
                       R"({"client_id":"x1","round":"R1","site":")" + site +
                           R"(","inspected_at":"2026-02-28T09:30:00Z","results":[]})");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(ApiCity::error_field(missing), "results");
  Reply bad = c.as("inspector", "POST", "/api/inspections", submission("x2", site, "-1"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(ApiCity::error_field(bad), "results[0].failures");

  // A failure of K1 needs a photo (photo_required is true when the framework does not say).
  Reply no_photo = c.as("inspector", "POST", "/api/inspections", submission("u-1", site, "2"));
  EXPECT_EQ(no_photo.status, 400) << no_photo.body;
  EXPECT_EQ(ApiCity::error_field(no_photo), "results.K1.photos");
  EXPECT_EQ(ApiCity::parse(no_photo).at("error").at("key"), "inspection.photos.required");
  EXPECT_TRUE(ApiCity::parse(form).at("checks").at(0).at("photo_required").as_bool());
  Reply uploaded = http::testing::fetch(
      c.port(), "POST", "/api/photos", civic::testing::tiny_jpeg(),
      {{"Content-Type", "image/jpeg"}, {"Authorization", "Bearer " + c.token("inspector")}});
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const std::string photo(ApiCity::parse(uploaded).at("id").as_string());

  Reply submitted = c.as("inspector", "POST", "/api/inspections", submission("u-1", site, "2", photo));
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  json::value inspection = ApiCity::parse(submitted);
  std::string code(inspection.at("code").as_string());
  EXPECT_EQ(inspection.at("version").as_int64(), 1);
  EXPECT_EQ(inspection.at("inspector"), "inspector");
  EXPECT_EQ(inspection.at("gps").at("accuracy").to_number<double>(), 6.0);
  ASSERT_EQ(inspection.at("cases").as_array().size(), 1u);
  // the draft is gone once submitted
  EXPECT_EQ(c.as("inspector", "GET", "/api/inspection-drafts/d1").status, 404);
  EXPECT_EQ(
      ApiCity::parse(c.as("inspector", "GET", "/api/my/assignments?status=draft")).at("total").as_int64(), 0);

  Reply retry = c.as("inspector", "POST", "/api/inspections", submission("u-1", site, "2", photo));
  EXPECT_EQ(retry.status, 200);
  EXPECT_EQ(ApiCity::parse(retry).at("code").as_string(), code);
  EXPECT_EQ(ApiCity::parse(retry).at("cases"), inspection.at("cases"));
  Reply conflict = c.as("inspector", "POST", "/api/inspections", submission("u-1", site, "3", photo));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(ApiCity::parse(c.as("office", "GET", "/api/inspections?round=R1")).at("total").as_int64(), 1);

  Reply corrected = c.as("inspector", "POST", "/api/inspections/" + code + "/versions",
                         R"({"client_id":"u-2","reason":"看错了","results":[{"check":"K1","failures":0}]})");
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  EXPECT_EQ(ApiCity::parse(corrected).at("version").as_int64(), 2);
  json::value v1 = ApiCity::parse(c.as("office", "GET", "/api/inspections/" + code + "?version=1"));
  EXPECT_EQ(v1.at("results").at(0).at("failures").as_int64(), 2);
  json::value v2 = ApiCity::parse(c.as("office", "GET", "/api/inspections/" + code));
  EXPECT_EQ(v2.at("results").at(0).at("failures").as_int64(), 0);
  EXPECT_EQ(v2.at("versions").as_array().size(), 2u);
  EXPECT_EQ(v2.at("versions").at(1).at("reason"), "看错了");

  json::value progress = ApiCity::parse(c.as("office", "GET", "/api/rounds/R1"));
  EXPECT_EQ(progress.at("done").as_int64(), 1);
  EXPECT_EQ(progress.at("to_do").as_int64(), 2);
  EXPECT_EQ(c.as("office", "POST", "/api/rounds/R1/actions/complete").status, 200);
  EXPECT_EQ(c.as("office", "POST", "/api/rounds/R1/actions/complete").status, 409);
}

TEST_P(InspectionApi, BadRoundRequestsNameTheField) {
  ApiCity& c = *city_;
  auto field = [&](const std::string& body) {
    Reply r = c.as("office", "POST", "/api/rounds", body);
    EXPECT_EQ(r.status, 400) << body << r.body;
    return ApiCity::error_field(r);
  };
  EXPECT_EQ(
      field(R"({"code":"R","name":"n","period":"2026H1","under":"D1","default_sample_size":1,"seed":"x"})"),
      "seed");
  EXPECT_EQ(
      field(
          R"({"code":"R","name":"n","period":"2026H1","under":"D1","items":["A9"],"default_sample_size":1})"),
      "items[0]");
  EXPECT_EQ(
      field(
          R"({"code":"R","name":"n","period":"2026H1","under":"D1","strata":[{"unit":"D1-S1","site_type":"主干道"}]})"),
      "strata[0].sample_size");
  EXPECT_EQ(field(R"({"code":"R","name":"n","period":"2026H1","under":"D2","default_sample_size":1})"),
            "under");
}

TEST_P(InspectionApi, BadValuesNameTheirFullPathAndKey) {
  ApiCity& c = *city_;
  auto refusal = [&](const std::string& target, const std::string& body) {
    Reply r = c.as(target.rfind("/api/rounds", 0) == 0 ? "office" : "inspector", "POST", target, body);
    EXPECT_EQ(r.status, 400) << target << " " << body << " " << r.body;
    json::object error = ApiCity::parse(r).at("error").as_object();
    return std::string(error.at("field").as_string()) + " " + std::string(error.at("key").as_string());
  };
  const std::string head =
      R"({"client_id":"b1","round":"R1","site":"S1","inspected_at":"2026-02-28T09:30:00Z",)";
  EXPECT_EQ(refusal("/api/inspections",
                    head + R"("results":[{"check":"K1","failures":0},{"check":"K2","failures":0},
                                       {"check":"K3","failures":null},{"check":"K4","failures":"two"}]})"),
            "results[3].failures input.not_integer");
  EXPECT_EQ(refusal("/api/inspections", head + R"("results":[{"check":"K1"}]})"),
            "results[0].failures inspection.failures.required");
  EXPECT_EQ(refusal("/api/inspections", head + R"("results":[{"check":"K1","failures":1001}]})"),
            "results[0].failures inspection.failures.range");
  EXPECT_EQ(refusal("/api/inspections", head + R"("gps":{"lat":"north","lon":121.4},"results":[]})"),
            "gps.lat input.not_number");
  EXPECT_EQ(refusal("/api/inspections", head + R"("results":[{"check":"K1","failures":0,"photos":[7]}]})"),
            "results[0].photos[0] input.not_text");
  EXPECT_EQ(refusal("/api/rounds",
                    R"({"code":"R","name":"n","period":"2026H1","under":"D1",
                        "strata":[{"unit":"D1-S1","site_type":"主干道","sample_size":1},
                                  {"unit":"D1-S1","site_type":"农贸市场","sample_size":"all"}]})"),
            "strata[1].sample_size input.not_integer");
  EXPECT_EQ(refusal("/api/rounds/R1/actions/assign", R"({"assignments":[{"site":"S1"}]})"),
            "assignments[0].inspector input.required");
  EXPECT_EQ(refusal("/api/rounds", R"({"code":"R","name":"n","period":"2026H1","under":"D1","seed":-1})"),
            "seed round.seed.invalid");
}

TEST_P(InspectionApi, ARoleWithoutThePermissionIsRefusedBeforeItsBodyIsRead) {
  ApiCity& c = *city_;
  Reply round = c.as("leader", "POST", "/api/rounds", R"({"code":7})");
  EXPECT_EQ(round.status, 403) << round.body;
  EXPECT_EQ(ApiCity::parse(round).at("error").at("key"), "auth.permission");
  Reply inspection = c.as("unit_officer", "POST", "/api/inspections", R"({"results":"none"})");
  EXPECT_EQ(inspection.status, 403) << inspection.body;
  Reply draft = c.as("leader", "PUT", "/api/inspection-drafts/d1", R"({"round":1})");
  EXPECT_EQ(draft.status, 403) << draft.body;
  EXPECT_EQ(c.as("unit_officer", "GET", "/api/rounds").status, 403);
  EXPECT_EQ(c.as("leader", "GET", "/api/inspections").status, 200);
}

}  // namespace
}  // namespace civic::api
