// Work summaries over real HTTP (both backends): the office drafts D1's 2026H1 summary, whose figures
// are the scores API's (total_rate, rank among its siblings); edits the prose (a stale version is 409), its
// placeholders filled in the HTML preview; submits; the author may not approve (four eyes, 403), a second
// office user returns it with a reason, it is edited and submitted again, approved and published: the
// published PDF is kept (the same bytes after the data change) with the fingerprint, while a new draft's
// figures follow the data (the scores API moves). A unit officer of another district gets 404, a leader may
// read but not write.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

// Two field-free items scored from materials on the districts (D1 and D2 are siblings under the city): D1
// graded C on the first item only, D2 graded A and A. The later evidence grades D1's second item (a grade
// once imported may not be imported again, so the new evidence is a new grade, not a changed one).
const char* kHead =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"制度","max_score":4,"method":"material"},
    {"code":"A1.1.2","name":"台账","max_score":6,"method":"material"}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}],
  "materials":)";
const std::string kBundle = std::string(kHead) +
                            R"([{"item":"A1.1.1","unit":"D1","period":"2026H1","grade":"C"},
               {"item":"A1.1.1","unit":"D2","period":"2026H1","grade":"A"},
               {"item":"A1.1.2","unit":"D2","period":"2026H1","grade":"A"}]})";
const std::string kLaterEvidence =
    std::string(kHead) + R"([{"item":"A1.1.2","unit":"D1","period":"2026H1","grade":"A"}]})";

class ReportApi : public store::BackendTest {};

TEST_P(ReportApi, DraftEditSubmitFourEyesReturnApprovePublish) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  city.add_user("office2", "D1", Role::office);

  Reply created =
      city.as("office", "POST", "/api/reports", R"({"template":"summary","unit":"D1","period":"2026H1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  json::value r = ApiCity::parse(created);
  std::string path = "/api/reports/" + std::to_string(r.at("id").as_int64());
  EXPECT_EQ(r.at("state"), "draft");
  EXPECT_EQ(r.at("version").as_int64(), 1);

  // The figures equal the scores API's for the same unit and period.
  json::value scores = ApiCity::parse(city.as("office", "GET", "/api/scores?unit=D1&period=2026H1"));
  const auto& figures = r.at("figures").as_object();
  EXPECT_DOUBLE_EQ(figures.at("score.total_rate").to_number<double>(),
                   scores.at("total_rate").to_number<double>());
  EXPECT_EQ(figures.at("score.rank").to_number<double>(),
            scores.at("sibling_rank").at("rank").to_number<double>());
  EXPECT_EQ(figures.at("score.rank_of").to_number<double>(), 2);
  EXPECT_EQ(figures.at("unit.name"), r.at("unit_name"));
  ASSERT_TRUE(r.at("fingerprint").is_object());
  EXPECT_EQ(r.at("fingerprint").at("sha256").as_string().size(), 64u);

  EXPECT_EQ(city.as("office", "POST", "/api/reports", R"({"template":"nope","unit":"D1","period":"2026H1"})")
                .status,
            400);
  EXPECT_EQ(city.as("office", "POST", "/api/reports", R"({"unit":"D1","period":"2099H1"})").status, 404);
  EXPECT_EQ(city.as("target2", "GET", path).status, 404);
  EXPECT_EQ(city.as("leader", "GET", path).status, 200);
  EXPECT_EQ(city.as("leader", "PUT", path, R"({"prose":{},"version":1})").status, 403);

  // Prose with a placeholder, shown filled in the preview.
  Reply edited = city.as(
      "office", "PUT", path,
      R"({"prose":{"opening":["本期得分率{{score.total_rate}}，名列第{{score.rank}}。"]},"version":1})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(ApiCity::parse(edited).at("version").as_int64(), 2);
  EXPECT_EQ(city.as("office", "PUT", path, R"({"prose":{"opening":["x"]},"version":1})").status, 409);
  EXPECT_EQ(city.as("office", "PUT", path, R"({"prose":{"nope":["x"]},"version":2})").status, 400);
  Reply html = city.as("office", "GET", path + "/document?format=html");
  ASSERT_EQ(html.status, 200);
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f%%", scores.at("total_rate").to_number<double>() * 100);
  EXPECT_NE(html.body.find(std::string("本期得分率") + rate + "，名列第"), std::string::npos)
      << html.body.substr(0, 400);

  // Submit; the author may not approve; another office user returns it with a reason.
  EXPECT_EQ(ApiCity::parse(city.as("office", "POST", path + "/actions/submit", "{}")).at("state"),
            "submitted");
  EXPECT_EQ(city.as("office", "PUT", path, R"({"prose":{},"version":3})").status, 409);
  Reply own = city.as("office", "POST", path + "/actions/approve", "{}");
  EXPECT_EQ(own.status, 403);
  EXPECT_NE(own.body.find("report.four_eyes"), std::string::npos) << own.body;
  EXPECT_EQ(city.as("office2", "POST", path + "/actions/return", "{}").status, 400);  // no reason
  Reply returned = city.as("office2", "POST", path + "/actions/return", R"({"reason":"补充下一步打算"})");
  ASSERT_EQ(returned.status, 200) << returned.body;
  EXPECT_EQ(ApiCity::parse(returned).at("state"), "returned");
  EXPECT_EQ(ApiCity::parse(returned).at("return_reason"), "补充下一步打算");
  EXPECT_EQ(city.as("office2", "POST", path + "/actions/publish", "{}").status, 409);  // not approved

  long long v = ApiCity::parse(returned).at("version").as_int64();
  ASSERT_EQ(city.as("office", "PUT", path,
                    R"({"prose":{"problems":["下一步，对照薄弱环节限期整改。"]},"version":)" +
                        std::to_string(v) + "}")
                .status,
            200);
  EXPECT_EQ(city.as("office", "POST", path + "/actions/submit", "{}").status, 200);
  EXPECT_EQ(city.as("office2", "POST", path + "/actions/approve", "{}").status, 200);
  Reply published = city.as("office2", "POST", path + "/actions/publish", "{}");
  ASSERT_EQ(published.status, 200) << published.body;
  json::value p = ApiCity::parse(published);
  EXPECT_EQ(p.at("state"), "published");
  Reply pdf = city.as("leader", "GET", path + "/document?format=pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  Reply docx = city.as("leader", "GET", path + "/document?format=docx");
  EXPECT_EQ(docx.body.substr(0, 2), "PK");
  EXPECT_EQ(city.as("leader", "GET", path + "/document?format=odt").status, 400);

  // New evidence: a fresh draft follows the data, the published report keeps its figures and files.
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kLaterEvidence));
  json::value fresh = ApiCity::parse(city.as("office", "GET", "/api/scores?unit=D1&period=2026H1"));
  EXPECT_GT(fresh.at("total_rate").to_number<double>(), scores.at("total_rate").to_number<double>());
  json::value again = ApiCity::parse(city.as("office", "GET", path));
  EXPECT_EQ(again.at("figures"), p.at("figures"));
  EXPECT_EQ(again.at("fingerprint"), p.at("fingerprint"));
  EXPECT_EQ(city.as("leader", "GET", path + "/document?format=pdf").body, pdf.body);
  Reply list = city.as("office", "GET", "/api/reports?state=published");
  EXPECT_EQ(ApiCity::parse(list).at("total").as_int64(), 1);
  EXPECT_EQ(ApiCity::parse(city.as("office", "GET", path + "/versions")).at("items").as_array().size(), 3u);
}

CIVIC_INSTANTIATE_BACKENDS(ReportApi);

}  // namespace
}  // namespace civic::api
