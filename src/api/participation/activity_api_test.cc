// Activities over real HTTP (both backends): the whole flow — a registered volunteer is confirmed, signs up
// from a phone, checks in and out with the activity's QR token, the organiser approves the record, the
// volunteer's hours and stars change, and a certificate verifies publicly with the name masked; a full
// activity refuses a sign-up (409 activity.full); a wrong QR token is 403; a far position needs the
// organiser's confirmation before approval; hours round down to 0.5 h and are capped at the activity's
// length; a correction is a new version and keeps the old; an officer of another district cannot act.
#include <gtest/gtest.h>

#include "api/core/api_test_city.h"
#include "domain/participation/test_id_number.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

constexpr TimeMs kHour = 3600000;
constexpr TimeMs kStart = 1'772'323'200'000 + kHour;  // 2026-03-01T01:00:00Z

class ActivityApi : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
    service::Principal cli = service::Principal::cli();
    city_->services().units.create(cli,
                                   {"D1-C1", "海关社区", "Customs", UnitType::community, "D1-S1", 5000, 1});
    city_->clock().set_ms(kStart - kHour);
  }
  // A confirmed volunteer (registered by the public, confirmed by the office); phone 138123412xx.
  std::string volunteer(int n) {
    std::string phone = "138123412" + std::to_string(10 + n);
    Reply r = city_->as("", "POST", "/api/public/volunteers",
                        R"({"name":"张三明","phone":")" + phone + R"(","id_number":")" + test_id_number(n) +
                            R"(","unit":"D1-C1"})");
    EXPECT_EQ(r.status, 201) << r.body;
    std::string code(ApiCity::parse(r).at("code").as_string());
    EXPECT_EQ(city_->as("office", "POST", "/api/volunteers/" + code + "/actions/confirm", "{}").status, 200);
    return code;
  }
  std::string last4(int n) { return "12" + std::to_string(10 + n); }
  // An activity at D1-S1 from kStart for 3 hours at (31.0, 121.0); its code and QR token.
  std::pair<std::string, std::string> activity(int capacity = 0, const std::string& as = "target1") {
    Reply r = city_->as(
        as, "POST", "/api/activities",
        R"({"unit":"D1-S1","type":"志愿服务","title":"清洁家园","starts_at":"2026-03-01T01:00:00Z",)"
        R"("ends_at":"2026-03-01T04:00:00Z","place":"中心广场","latitude":31.0,"longitude":121.0,)"
        R"("capacity":)" +
            std::to_string(capacity) + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    json::value a = ApiCity::parse(r);
    return {std::string(a.at("code").as_string()), std::string(a.at("qr_token").as_string())};
  }
  std::string check(const std::string& token, const std::string& v, const std::string& digits,
                    double lat = 31.0005, double lng = 121.0) {
    return R"({"token":")" + token + R"(","volunteer":")" + v + R"(","phone_last4":")" + digits +
           R"(","latitude":)" + std::to_string(lat) + R"(,"longitude":)" + std::to_string(lng) + "}";
  }
  Reply pub(const std::string& code, const std::string& action, const std::string& body) {
    return city_->as("", "POST", "/api/public/activities/" + code + "/" + action, body);
  }
  long long audits(const std::string& action) {
    auto lease = city_->database().lease();
    long long n = 0;
    std::string a = action;
    *lease << "SELECT COUNT(*) FROM audit_log WHERE action = :a", soci::use(a), soci::into(n);
    return n;
  }
  std::unique_ptr<ApiCity> city_;
};

TEST_P(ActivityApi, TheWholeFlowFromSignUpToAVerifiedCertificate) {
  std::string v = volunteer(1);
  auto [code, token] = activity();
  EXPECT_EQ(token.size(), 26u);
  // Readers without manage_activities never see the token.
  Reply read = city_->as("leader", "GET", "/api/activities/" + code);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_TRUE(ApiCity::parse(read).at("qr_token").is_null());

  ASSERT_EQ(pub(code, "sign-up", check(token, v, last4(1))).status, 201);
  Reply twice = pub(code, "sign-up", check(token, v, last4(1)));
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(ApiCity::parse(twice).at("error").at("key"), "activity.signup.duplicate");
  Reply wrong_phone = pub(code, "check-in", check(token, v, "0000"));
  EXPECT_EQ(wrong_phone.status, 403);
  EXPECT_EQ(ApiCity::parse(wrong_phone).at("error").at("key"), "volunteer.identity.invalid");

  city_->clock().set_ms(kStart + 5 * 60000);
  Reply in = pub(code, "check-in", check(token, v, last4(1)));
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_FALSE(ApiCity::parse(in).at("needs_confirmation").as_bool());
  long long id = ApiCity::parse(in).at("id").as_int64();
  // Approving before check-out: 409.
  EXPECT_EQ(city_
                ->as("target1", "POST", "/api/activities/" + code + "/actions/approve-records",
                     R"({"records":[)" + std::to_string(id) + "]}")
                .status,
            409);
  city_->clock().set_ms(kStart + 5 * 60000 + 2 * kHour + 29 * 60000);  // 2 h 29 min later
  Reply out = pub(code, "check-out", check(token, v, last4(1)));
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(ApiCity::parse(out).at("hours").as_double(), 2.0);  // rounded down to 0.5 h
  Reply before = city_->as("office", "GET", "/api/volunteers/" + v);
  EXPECT_EQ(ApiCity::parse(before).at("hours").as_double(), 0);  // pending: not counted

  Reply approved = city_->as("target1", "POST", "/api/activities/" + code + "/actions/approve-records",
                             R"({"records":[)" + std::to_string(id) + R"(],"decision":"approve"})");
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(ApiCity::parse(approved).at("records").at(0).at("state"), "approved");
  Reply after = city_->as("office", "GET", "/api/volunteers/" + v);
  EXPECT_EQ(ApiCity::parse(after).at("hours").as_double(), 2.0);
  EXPECT_EQ(ApiCity::parse(after).at("stars"), 0);
  Reply listed = city_->as("office", "GET", "/api/volunteers");
  EXPECT_EQ(ApiCity::parse(listed).at("items").at(0).at("hours").as_double(), 2.0);

  // 100 approved hours make one star: a hand-entered correction to 100 h is capped at the activity's 3 h;
  // the stars come from the approved latest versions only.
  Reply detail = city_->as("target1", "GET", "/api/activities/" + code);
  EXPECT_EQ(ApiCity::parse(detail).at("records").as_array().size(), 1u);
  EXPECT_EQ(ApiCity::parse(detail).at("signups").at(0).at("volunteer_name"), "张*明");

  Reply pdf = city_->as("office", "GET", "/api/volunteers/" + v + "/certificate?format=pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  std::string verification = pdf.header("X-Verification-Code");
  EXPECT_EQ(verification.size(), 20u);
  EXPECT_EQ(audits("volunteer_certificate.issue"), 1);
  Reply verified = city_->as("", "GET", "/api/public/certificates/" + verification);
  ASSERT_EQ(verified.status, 200) << verified.body;
  json::value c = ApiCity::parse(verified);
  EXPECT_EQ(c.at("name"), "张*明");
  EXPECT_EQ(c.at("hours").as_double(), 2.0);
  EXPECT_EQ(c.at("records").as_array().size(), 1u);
  EXPECT_EQ(std::string(c.at("records").at(0).at("activity").as_string()), code);
  Reply unknown = city_->as("", "GET", "/api/public/certificates/NOSUCHCODE");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(ApiCity::parse(unknown).at("error").at("key"), "certificate.not_found");

  EXPECT_EQ(audits("activity.create"), 1);
  EXPECT_EQ(audits("activity.sign_up"), 1);
  EXPECT_EQ(audits("service_record.check_in"), 1);
  EXPECT_EQ(audits("service_record.check_out"), 1);
  EXPECT_EQ(audits("service_record.approve"), 1);

  // The report and the stations answer the period's figures.
  Reply report = city_->as("office", "GET", "/api/activities/report?period=2026H1");
  ASSERT_EQ(report.status, 200) << report.body;
  json::value units = ApiCity::parse(report).at("units");
  ASSERT_EQ(units.as_array().size(), 1u);
  EXPECT_EQ(units.at(0).at("unit"), "D1-S1");
  EXPECT_EQ(units.at(0).at("activities"), 1);
  EXPECT_EQ(units.at(0).at("volunteers"), 1);
  EXPECT_EQ(units.at(0).at("approved_hours").as_double(), 2.0);
  Reply h2 = city_->as("office", "GET", "/api/activities/report?period=2026H2");
  EXPECT_EQ(ApiCity::parse(h2).at("units").as_array().size(), 0u);
  // The title search (part of the title or the code), in the list and the export alike.
  Reply found = city_->as("office", "GET", "/api/activities?q=%E6%B8%85%E6%B4%81");  // 清洁
  EXPECT_EQ(ApiCity::parse(found).at("total"), 1);
  Reply none = city_->as("office", "GET", "/api/activities?q=%E6%96%87%E8%89%BA");  // 文艺
  EXPECT_EQ(ApiCity::parse(none).at("total"), 0);
  Reply by_code = city_->as("office", "GET", "/api/activities?q=" + code);
  EXPECT_EQ(ApiCity::parse(by_code).at("total"), 1);
  Reply sheet = city_->as("office", "GET", "/api/activities/export?format=csv&q=%E6%96%87%E8%89%BA");
  ASSERT_EQ(sheet.status, 200);
  EXPECT_EQ(sheet.body.find(code), std::string::npos);
  Reply listed_h1 =
      city_->as("office", "GET", "/api/activities?period=2026H1&type=%E5%BF%97%E6%84%BF%E6%9C%8D%E5%8A%A1");
  EXPECT_EQ(ApiCity::parse(listed_h1).at("total"), 1);
}

TEST_P(ActivityApi, AFullActivityAndAWrongTokenAreRefused) {
  std::string a = volunteer(1), b = volunteer(2);
  auto [code, token] = activity(1);
  Reply bad = pub(code, "sign-up", check("not-the-token", a, last4(1)));
  EXPECT_EQ(bad.status, 403);
  EXPECT_EQ(ApiCity::parse(bad).at("error").at("key"), "activity.token.invalid");
  ASSERT_EQ(pub(code, "sign-up", check(token, a, last4(1))).status, 201);
  Reply full = pub(code, "sign-up", check(token, b, last4(2)));
  EXPECT_EQ(full.status, 409);
  EXPECT_EQ(ApiCity::parse(full).at("error").at("key"), "activity.full");
  Reply full_officer = city_->as("target1", "POST", "/api/activities/" + code + "/actions/sign-up",
                                 R"({"volunteer":")" + b + "\"}");
  EXPECT_EQ(full_officer.status, 409);
  EXPECT_EQ(pub(code, "check-in", check("not-the-token", a, last4(1))).status, 403);
  EXPECT_EQ(audits("service_record.check_in"), 0);
}

TEST_P(ActivityApi, AFarPositionNeedsTheOrganisersConfirmation) {
  std::string v = volunteer(1);
  auto [code, token] = activity();
  ASSERT_EQ(pub(code, "sign-up", check(token, v, last4(1))).status, 201);
  city_->clock().set_ms(kStart);
  // 0.0050° of latitude ≈ 556 m: beyond 500 m.
  Reply in = pub(code, "check-in", check(token, v, last4(1), 31.005, 121.0));
  ASSERT_EQ(in.status, 200) << in.body;
  EXPECT_TRUE(ApiCity::parse(in).at("needs_confirmation").as_bool());
  long long id = ApiCity::parse(in).at("id").as_int64();
  city_->clock().set_ms(kStart + 5 * kHour);  // beyond the end: capped at 3 h
  Reply out = pub(code, "check-out", check(token, v, last4(1)));
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(ApiCity::parse(out).at("hours").as_double(), 3.0);
  std::string path = "/api/activities/" + code + "/actions/approve-records";
  std::string ids = R"({"records":[)" + std::to_string(id) + "]";
  Reply refused = city_->as("target1", "POST", path, ids + "}");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(ApiCity::parse(refused).at("error").at("key"), "service_record.needs_confirmation");
  ASSERT_EQ(city_->as("target1", "POST", path, ids + R"(,"decision":"confirm"})").status, 200);
  Reply ok = city_->as("target1", "POST", path, ids + "}");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/volunteers/" + v)).at("hours").as_double(), 3.0);
}

TEST_P(ActivityApi, ACorrectionIsANewVersionAndKeepsTheOld) {
  std::string v = volunteer(1);
  auto [code, token] = activity();
  std::string base = "/api/activities/" + code + "/actions/";
  ASSERT_EQ(city_->as("target1", "POST", base + "sign-up", R"({"volunteer":")" + v + "\"}").status, 200);
  Reply in = city_->as("target1", "POST", base + "check-in",
                       R"({"volunteer":")" + v + R"(","at":"2026-03-01T01:00:00Z"})");
  ASSERT_EQ(in.status, 200) << in.body;
  Reply out = city_->as("target1", "POST", base + "check-out",
                        R"({"volunteer":")" + v + R"(","at":"2026-03-01T01:59:59Z"})");
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(ApiCity::parse(out).at("hours").as_double(), 0.5);  // 59 min 59 s → 0.5 h
  long long id = ApiCity::parse(out).at("id").as_int64();
  ASSERT_EQ(
      city_->as("target1", "POST", base + "approve-records", R"({"records":[)" + std::to_string(id) + "]}")
          .status,
      200);
  Reply corrected =
      city_->as("target1", "POST", "/api/service-records/" + std::to_string(id) + "/actions/correct",
                R"({"check_in":"2026-03-01T01:00:00Z","check_out":"2026-03-01T03:00:00Z",)"
                R"("reason":"签退漏记"})");
  ASSERT_EQ(corrected.status, 201) << corrected.body;
  json::value next = ApiCity::parse(corrected);
  EXPECT_EQ(next.at("version"), 2);
  EXPECT_EQ(next.at("supersedes"), id);
  EXPECT_EQ(next.at("state"), "pending");
  EXPECT_EQ(next.at("hours").as_double(), 2.0);
  // The old version is kept but no longer counts; the new one counts once approved.
  Reply detail = city_->as("target1", "GET", "/api/activities/" + code);
  json::array records = ApiCity::parse(detail).at("records").as_array();
  ASSERT_EQ(records.size(), 2u);
  EXPECT_FALSE(records[0].at("latest").as_bool());
  EXPECT_EQ(records[0].at("state"), "approved");
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/volunteers/" + v)).at("hours").as_double(), 0);
  EXPECT_EQ(city_
                ->as("target1", "POST", "/api/service-records/" + std::to_string(id) + "/actions/correct",
                     R"({"check_in":"2026-03-01T01:00:00Z","check_out":"2026-03-01T02:00:00Z","reason":"x"})")
                .status,
            409);
  long long next_id = next.at("id").as_int64();
  ASSERT_EQ(city_
                ->as("target1", "POST", base + "approve-records",
                     R"({"records":[)" + std::to_string(next_id) + "]}")
                .status,
            200);
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/volunteers/" + v)).at("hours").as_double(), 2.0);
  EXPECT_EQ(audits("service_record.correct"), 1);
}

TEST_P(ActivityApi, AnOfficerOfAnotherDistrictCannotAct) {
  std::string v = volunteer(1);
  auto [code, token] = activity();
  EXPECT_EQ(city_->as("target2", "GET", "/api/activities/" + code).status, 404);
  EXPECT_EQ(city_
                ->as("target2", "POST", "/api/activities/" + code + "/actions/sign-up",
                     R"({"volunteer":")" + v + "\"}")
                .status,
            404);
  EXPECT_EQ(ApiCity::parse(city_->as("target2", "GET", "/api/activities")).at("total"), 0);
  Reply create = city_->as("target2", "POST", "/api/activities",
                           R"({"unit":"D1-S1","type":"宣传","title":"t","starts_at":"2026-03-01T01:00:00Z",)"
                           R"("ends_at":"2026-03-01T02:00:00Z"})");
  EXPECT_EQ(create.status, 400);
  EXPECT_EQ(city_->as("inspector", "GET", "/api/activities").status, 403);
  EXPECT_EQ(city_
                ->as("leader", "POST", "/api/activities/" + code + "/actions/sign-up",
                     R"({"volunteer":")" + v + "\"}")
                .status,
            403);
}

TEST_P(ActivityApi, StationsCountTheirActivitiesAndHours) {
  Reply s =
      city_->as("target1", "POST", "/api/practice-stations",
                R"({"code":"PS-1","name":"一街道新时代文明实践所","level":"institute","unit":"D1-S1"})");
  ASSERT_EQ(s.status, 201) << s.body;
  EXPECT_EQ(city_
                ->as("target1", "POST", "/api/practice-stations",
                     R"({"code":"PS-2","name":"x","level":"tower","unit":"D1-S1"})")
                .status,
            400);
  Reply a =
      city_->as("target1", "POST", "/api/activities",
                R"({"unit":"D1-S1","type":"文明实践","title":"宣讲","starts_at":"2026-03-01T01:00:00Z",)"
                R"("ends_at":"2026-03-01T02:00:00Z","station":"PS-1"})");
  ASSERT_EQ(a.status, 201) << a.body;
  Reply list = city_->as("office", "GET", "/api/practice-stations?period=2026H1");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(ApiCity::parse(list).at(0).at("activities"), 1);
  Reply later = city_->as("office", "GET", "/api/practice-stations?period=2026H2");
  EXPECT_EQ(ApiCity::parse(later).at(0).at("activities"), 0);
  EXPECT_EQ(ApiCity::parse(city_->as("target2", "GET", "/api/practice-stations")).as_array().size(), 0u);
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/activities?station=PS-1")).at("total"), 1);
}

TEST_P(ActivityApi, AnActivityIsEditedAtItsVersionAndItsTimesStayOnceSomeoneCheckedIn) {
  auto [code, token] = activity(2);
  auto edit = [&](long long version, const std::string& starts, const std::string& extra = "") {
    return city_->as("target1", "PUT", "/api/activities/" + code,
                     R"({"version":)" + std::to_string(version) +
                         R"(,"type":"文明实践","title":"清洁家园（二期）","starts_at":")" + starts +
                         R"(","ends_at":"2026-03-01T05:00:00Z","place":"中心广场","capacity":2,)"
                         R"("news_link":"https://news.example.cn/1")" +
                         extra + "}");
  };
  Reply first = edit(1, "2026-03-01T02:00:00Z");
  ASSERT_EQ(first.status, 200) << first.body;
  json::value a = ApiCity::parse(first);
  EXPECT_EQ(a.at("version"), 2);
  EXPECT_EQ(a.at("title"), "清洁家园（二期）");
  EXPECT_EQ(a.at("type"), "文明实践");
  EXPECT_EQ(a.at("starts_at"), "2026-03-01T02:00:00.000Z");
  EXPECT_EQ(std::string(a.at("qr_token").as_string()), token);  // the printed QR code stays valid
  Reply stale = edit(1, "2026-03-01T02:00:00Z");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(ApiCity::parse(stale).at("error").at("key"), "activity.version.stale");
  Reply moved = edit(2, "2026-03-01T02:00:00Z", R"(,"unit":"D2-S1")");
  EXPECT_EQ(moved.status, 400);
  EXPECT_EQ(ApiCity::parse(moved).at("error").at("key"), "activity.unit.fixed");
  EXPECT_EQ(audits("activity.update"), 1);

  std::string v = volunteer(1), w = volunteer(2);
  ASSERT_EQ(pub(code, "sign-up", check(token, v, last4(1))).status, 201);
  ASSERT_EQ(pub(code, "sign-up", check(token, w, last4(2))).status, 201);
  Reply smaller =
      city_->as("target1", "PUT", "/api/activities/" + code,
                R"({"version":2,"type":"文明实践","title":"t","starts_at":"2026-03-01T02:00:00Z",)"
                R"("ends_at":"2026-03-01T05:00:00Z","capacity":1})");
  EXPECT_EQ(smaller.status, 409);
  EXPECT_EQ(ApiCity::parse(smaller).at("error").at("key"), "activity.capacity.below_signups");
  city_->clock().set_ms(kStart + kHour);
  ASSERT_EQ(pub(code, "check-in", check(token, v, last4(1))).status, 200);
  Reply later = edit(2, "2026-03-01T03:00:00Z");
  EXPECT_EQ(later.status, 409);
  EXPECT_EQ(ApiCity::parse(later).at("error").at("key"), "activity.times.locked");
  // The same times with a news link and the participants afterwards: fine.
  Reply after = edit(2, "2026-03-01T02:00:00Z", R"(,"participants_count":35)");
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(ApiCity::parse(after).at("participants_count"), 35);
  EXPECT_EQ(ApiCity::parse(city_->as("leader", "GET", "/api/activities/" + code)).at("version"), 3);
}

TEST_P(ActivityApi, ACancelledActivityTakesNoMoreCheckInsAndOneWithApprovedHoursIsNotCancelled) {
  std::string v = volunteer(1);
  auto [code, token] = activity();
  ASSERT_EQ(pub(code, "sign-up", check(token, v, last4(1))).status, 201);
  Reply no_reason = city_->as("target1", "POST", "/api/activities/" + code + "/actions/cancel",
                              R"({"version":1,"reason":" "})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(ApiCity::parse(no_reason).at("error").at("key"), "activity.reason.required");
  Reply other = city_->as("target2", "POST", "/api/activities/" + code + "/actions/cancel",
                          R"({"version":1,"reason":"暴雨预警"})");
  EXPECT_EQ(other.status, 404);
  Reply cancelled = city_->as("target1", "POST", "/api/activities/" + code + "/actions/cancel",
                              R"({"version":1,"reason":"暴雨预警"})");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(ApiCity::parse(cancelled).at("state"), "cancelled");
  EXPECT_EQ(ApiCity::parse(cancelled).at("cancel_reason"), "暴雨预警");
  city_->clock().set_ms(kStart);
  Reply in = pub(code, "check-in", check(token, v, last4(1)));
  EXPECT_EQ(in.status, 409);
  EXPECT_EQ(ApiCity::parse(in).at("error").at("key"), "activity.state");
  Reply again = city_->as("target1", "POST", "/api/activities/" + code + "/actions/cancel",
                          R"({"version":2,"reason":"再次"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(audits("activity.cancel"), 1);
  // Not in the report any more.
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/activities/report?period=2026H1"))
                .at("units")
                .as_array()
                .size(),
            0u);

  // Approved hours keep an activity from being cancelled: they would vanish from the volunteer.
  auto [held, held_token] = activity();
  std::string base = "/api/activities/" + held + "/actions/";
  ASSERT_EQ(city_->as("target1", "POST", base + "sign-up", R"({"volunteer":")" + v + "\"}").status, 200);
  ASSERT_EQ(city_
                ->as("target1", "POST", base + "check-in",
                     R"({"volunteer":")" + v + R"(","at":"2026-03-01T01:00:00Z"})")
                .status,
            200);
  Reply out = city_->as("target1", "POST", base + "check-out",
                        R"({"volunteer":")" + v + R"(","at":"2026-03-01T03:00:00Z"})");
  ASSERT_EQ(out.status, 200) << out.body;
  long long id = ApiCity::parse(out).at("id").as_int64();
  ASSERT_EQ(
      city_->as("target1", "POST", base + "approve-records", R"({"records":[)" + std::to_string(id) + "]}")
          .status,
      200);
  Reply refused = city_->as("target1", "POST", "/api/activities/" + held + "/actions/cancel",
                            R"({"version":1,"reason":"误建"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(ApiCity::parse(refused).at("error").at("key"), "activity.cancel.approved_hours");
}

TEST_P(ActivityApi, ARejectionSaysWhy) {
  std::string v = volunteer(1);
  auto [code, token] = activity();
  std::string base = "/api/activities/" + code + "/actions/";
  ASSERT_EQ(city_->as("target1", "POST", base + "sign-up", R"({"volunteer":")" + v + "\"}").status, 200);
  ASSERT_EQ(city_
                ->as("target1", "POST", base + "check-in",
                     R"({"volunteer":")" + v + R"(","at":"2026-03-01T01:00:00Z"})")
                .status,
            200);
  Reply out = city_->as("target1", "POST", base + "check-out",
                        R"({"volunteer":")" + v + R"(","at":"2026-03-01T03:00:00Z"})");
  long long id = ApiCity::parse(out).at("id").as_int64();
  std::string ids = R"({"records":[)" + std::to_string(id) + "]";
  Reply bare = city_->as("target1", "POST", base + "approve-records", ids + R"(,"decision":"reject"})");
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(ApiCity::parse(bare).at("error").at("key"), "service_record.reason.required");
  Reply rejected = city_->as("target1", "POST", base + "approve-records",
                             ids + R"(,"decision":"reject","reason":"未到岗，签到为代签"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(ApiCity::parse(rejected).at("records").at(0).at("reason"), "未到岗，签到为代签");
  json::value detail = ApiCity::parse(city_->as("target1", "GET", "/api/activities/" + code));
  EXPECT_EQ(detail.at("records").at(0).at("state"), "rejected");
  EXPECT_EQ(detail.at("records").at(0).at("reason"), "未到岗，签到为代签");
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/volunteers/" + v)).at("hours").as_double(), 0);
}

CIVIC_INSTANTIATE_BACKENDS(ActivityApi);

}  // namespace
}  // namespace civic::api
