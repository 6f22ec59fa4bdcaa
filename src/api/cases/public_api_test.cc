// Public reports (随手拍) over real HTTP without signing in: a report becomes a `reported` case, the follow
// page shows its progress without any name or the reporter's contact, every bad field is named, a second
// report at the same place is flagged, attached photos become public, and each client IP is rate-limited.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "domain/files/test_images.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

std::string report_body(double lat = 30.5, double lon = 114.25, const std::string& extra = "") {
  return R"({"category":"environment","description":"垃圾桶满溢，气味很大","lat":)" + std::to_string(lat) +
         R"(,"lon":)" + std::to_string(lon) + R"(,"address":"互贸路 1 号","contact":"13800138000 李先生")" +
         extra + "}";
}

service::Principal office_of(ApiCity& city) {
  return city.services().auth.authenticate_api_token(city.token("office"), "127.0.0.1");
}

class PublicApiTest : public store::BackendTest {};
CIVIC_INSTANTIATE_BACKENDS(PublicApiTest);

TEST_P(PublicApiTest, ReportThenFollowWithoutNamesOrContact) {
  ApiCity city(GetParam());
  Reply created = city.as("", "POST", "/api/public/reports", report_body());
  ASSERT_EQ(created.status, 201) << created.body;
  json::value c = ApiCity::parse(created);
  std::string code(c.at("code").as_string());
  EXPECT_TRUE(code.starts_with("C20260301-")) << code;
  EXPECT_EQ(c.at("state"), "reported");
  EXPECT_EQ(c.at("possible_duplicate"), json::value(false));

  // The office registers and dispatches it; the follow page shows the steps, not who took them.
  service::Principal office = office_of(city);
  service::CaseActionRequest reg;
  reg.category = "environment";
  reg.severity = "一般";
  city.services().cases.act(office, code, "register", reg);
  service::CaseActionRequest dispatch;
  dispatch.unit = "D1-S1";
  dispatch.category = "environment";
  dispatch.severity = "一般";
  dispatch.note = "请街道尽快清运";
  city.services().cases.act(office, code, "dispatch", dispatch);

  Reply follow = city.as("", "GET", "/api/public/reports/" + code);
  ASSERT_EQ(follow.status, 200) << follow.body;
  json::object f = ApiCity::parse(follow).as_object();
  std::vector<std::string> keys;
  for (const auto& kv : f) keys.emplace_back(kv.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"code", "category", "state", "status", "reported_at",
                                            "updated_at", "status_notes", "events"}));
  EXPECT_EQ(f.at("state"), "dispatched");
  EXPECT_EQ(f.at("status"), "open");
  EXPECT_EQ(f.at("reported_at"), "2026-03-01T00:00:00.000Z");
  EXPECT_EQ(f.at("status_notes"), "请街道尽快清运");
  std::vector<std::string> actions;
  for (const auto& e : f.at("events").as_array()) {
    actions.emplace_back(e.at("action").as_string());
    EXPECT_EQ(e.as_object().size(), 3u) << json::serialize(e);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"report", "register", "dispatch"}));
  for (const char* secret : {"13800138000", "李先生", "office", "测试"}) {
    EXPECT_EQ(follow.body.find(secret), std::string::npos) << secret << " leaks: " << follow.body;
  }
}

// A reporter whose phone gives no location types an address; the office places the case when registering it.
TEST_P(PublicApiTest, AnAddressWithoutCoordinatesIsPlacedByTheOffice) {
  ApiCity city(GetParam());
  Reply created =
      city.as("", "POST", "/api/public/reports",
              R"({"category":"order","description":"路口占道经营","address":"互贸路与海关街交叉口"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string code(ApiCity::parse(created).at("code").as_string());
  Reply detail = city.as("office", "GET", "/api/cases/" + code);
  ASSERT_EQ(detail.status, 200) << detail.body;
  json::value before = ApiCity::parse(detail);
  EXPECT_TRUE(before.at("lat").is_null()) << detail.body;
  EXPECT_EQ(before.at("address"), "互贸路与海关街交叉口");

  // Half a point is refused, naming the missing half; a whole point places the case.
  Reply half = city.as("office", "POST", "/api/cases/" + code + "/actions/register",
                       R"({"category":"order","severity":"一般","lat":30.51})");
  EXPECT_EQ(half.status, 400) << half.body;
  EXPECT_EQ(ApiCity::error_field(half), "lon");
  Reply reg = city.as("office", "POST", "/api/cases/" + code + "/actions/register",
                      R"({"category":"order","severity":"一般","lat":30.51,"lon":114.26})");
  ASSERT_EQ(reg.status, 200) << reg.body;
  json::value after = ApiCity::parse(city.as("office", "GET", "/api/cases/" + code));
  EXPECT_DOUBLE_EQ(after.at("lat").to_number<double>(), 30.51);
  EXPECT_DOUBLE_EQ(after.at("lon").to_number<double>(), 114.26);
  EXPECT_EQ(after.at("state"), "registered");
}

TEST_P(PublicApiTest, OnlyPublicReportsCanBeFollowed) {
  ApiCity city(GetParam());
  EXPECT_EQ(city.as("", "GET", "/api/public/reports/C20260301-99999").status, 404);
  service::NewCase internal;
  internal.title = "内部问题";
  internal.category = "order";
  internal.lat = 30.5;
  internal.lon = 114.25;
  std::string code = city.services().cases.create(office_of(city), internal).code;
  Reply r = city.as("", "GET", "/api/public/reports/" + code);
  EXPECT_EQ(r.status, 404) << r.body;
  EXPECT_EQ(ApiCity::parse(r).at("error").at("code"), "not_found");
}

TEST_P(PublicApiTest, EveryBadFieldIsNamed) {
  ApiCity city(GetParam());
  auto field_of = [&](const std::string& body) {
    Reply r = city.as("", "POST", "/api/public/reports", body);
    EXPECT_EQ(r.status, 400) << body << " → " << r.body;
    return r.status == 400 ? ApiCity::error_field(r)
                           : std::string("<status ") + std::to_string(r.status) + ">";
  };
  EXPECT_EQ(field_of(R"({"description":"x","lat":30,"lon":114})"), "category");
  EXPECT_EQ(field_of(R"({"category":"potholes","description":"x","lat":30,"lon":114})"), "category");
  EXPECT_EQ(field_of(R"({"category":"order","description":"  ","lat":30,"lon":114})"), "description");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lon":114})"), "lat");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x"})"), "address");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","address":" "})"), "address");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":90.5,"lon":114})"), "lat");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":"114"})"), "lon");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":-180.1})"), "lon");
}

// A second city: refused requests count against the address's budget too.
TEST_P(PublicApiTest, EveryBadFieldIsNamedMore) {
  ApiCity city(GetParam());
  auto field_of = [&](const std::string& body) {
    Reply r = city.as("", "POST", "/api/public/reports", body);
    EXPECT_EQ(r.status, 400) << body << " → " << r.body;
    return r.status == 400 ? ApiCity::error_field(r)
                           : std::string("<status ") + std::to_string(r.status) + ">";
  };
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":114,"photos":"a"})"), "photos");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":114,"photos":[7]})"),
            "photos[0]");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":114,"photos":[")" +
                     std::string(64, 'a') + R"("]})"),
            "photos[0]");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":114,"contact":")" +
                     std::string(101, '1') + R"("})"),
            "contact");
  EXPECT_EQ(field_of(R"({"category":"order","description":"x","lat":30,"lon":114,"address":7})"), "address");
  EXPECT_EQ(field_of("[1,2]"), "body");
  Reply huge = city.as("", "POST", "/api/public/reports",
                       report_body(30, 114, R"(,"x":")" + std::string(20000, 'a') + "\""));
  EXPECT_EQ(huge.status, 413);
  // Nothing was stored by the refused reports.
  service::PublicCaseQuery all;
  EXPECT_EQ(city.services().cases.public_list(all, {}).total, 0);
}

TEST_P(PublicApiTest, SecondReportAtTheSamePlaceIsFlagged) {
  ApiCity city(GetParam());
  ASSERT_EQ(city.as("", "POST", "/api/public/reports", report_body(30.5, 114.25)).status, 201);
  Reply near = city.as("", "POST", "/api/public/reports", report_body(30.50005, 114.25));
  ASSERT_EQ(near.status, 201) << near.body;
  EXPECT_EQ(ApiCity::parse(near).at("possible_duplicate"), json::value(true));
  Reply far = city.as("", "POST", "/api/public/reports", report_body(30.6, 114.25));
  EXPECT_EQ(ApiCity::parse(far).at("possible_duplicate"), json::value(false));
}

TEST_P(PublicApiTest, AttachedPhotosBecomePublic) {
  ApiCity city(GetParam());
  Reply photo = http::testing::fetch(city.port(), "POST", "/api/public/photos",
                                     civic::testing::tiny_png(4, 3), {{"Content-Type", "image/png"}});
  ASSERT_EQ(photo.status, 201) << photo.body;
  std::string id(ApiCity::parse(photo).at("id").as_string());
  EXPECT_EQ(city.as("", "GET", "/api/public/photos/" + id).status, 404);  // not yet attached to a report
  Reply created =
      city.as("", "POST", "/api/public/reports", report_body(30.5, 114.25, R"(,"photos":[")" + id + "\"]"));
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(city.as("", "GET", "/api/public/photos/" + id).status, 200);
}

TEST_P(PublicApiTest, EachAddressIsRateLimited) {
  ApiCity city(GetParam());
  int created = 0;
  Reply last;
  for (int i = 0; i < 30; ++i) {
    last = city.as("", "POST", "/api/public/reports", report_body(20 + i, 100));
    if (last.status != 201) break;
    ++created;
  }
  EXPECT_GE(created, 5);
  EXPECT_LT(created, 30);
  EXPECT_EQ(last.status, 429) << last.body;
  EXPECT_EQ(ApiCity::parse(last).at("error").at("code"), "rate_limited");
}

}  // namespace
}  // namespace civic::api
