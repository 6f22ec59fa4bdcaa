// The case routes against a hostile caller (issue 11), on both backends: texts past their limit or holding
// control characters or bidirectional overrides answer 400 naming the field (and the limit); a duplicate_of
// outside the caller's scope answers exactly as an unknown code; a role that may never call a route gets 403
// before its body is read; `q=%` and `q=_` match literally. Public reports and Open311 requests too.
#include <gtest/gtest.h>

#include <string>

#include "api/core/api_test_city.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

class CaseInputApiTest : public store::BackendTest {
 protected:
  void SetUp() override {
    store::BackendTest::SetUp();
    if (IsSkipped()) return;
    city_ = std::make_unique<ApiCity>(GetParam());
  }

  // A `reported` case opened by the CLI for `unit`.
  std::string case_at(const std::string& unit, const std::string& title = "占道经营") {
    service::NewCase input;
    input.title = title;
    input.category = "order";
    input.unit = unit;
    return city_->services().cases.create(service::Principal::cli(), input).code;
  }

  Reply post_case(const std::string& body, const std::string& user = "office") {
    return city_->as(user, "POST", "/api/cases", body);
  }

  static json::value error_of(const Reply& r) { return ApiCity::parse(r).at("error"); }

  std::unique_ptr<ApiCity> city_;
};
CIVIC_INSTANTIATE_BACKENDS(CaseInputApiTest);

TEST_P(CaseInputApiTest, ALongTitleIsRefusedNamingTheFieldAndTheLimit) {
  Reply r =
      post_case(R"({"title":")" + std::string(60 * 1024, 'a') + R"(","category":"order","unit":"D1-S1"})");
  ASSERT_EQ(r.status, 400) << r.body.substr(0, 300);
  json::value e = error_of(r);
  EXPECT_EQ(e.at("field"), "title");
  EXPECT_EQ(e.at("key"), "input.text.too_long");
  EXPECT_EQ(e.at("args").at("field"), "title");
  EXPECT_EQ(e.at("args").at("max"), "200");

  // 200 bytes is the limit itself.
  EXPECT_EQ(
      post_case(R"({"title":")" + std::string(200, 'a') + R"(","category":"order","unit":"D1-S1"})").status,
      201);
  EXPECT_EQ(city_->services().cases.list(service::Principal::cli(), {}, {}).total, 1);
}

TEST_P(CaseInputApiTest, TextsRefuseControlCharactersAndBidiOverrides) {
  auto refused = [&](const std::string& body) {
    Reply r = post_case(body);
    EXPECT_EQ(r.status, 400) << body << " → " << r.body;
    if (r.status != 400) return std::string("<") + std::to_string(r.status) + ">";
    json::value e = error_of(r);
    return std::string(e.at("field").as_string()) + " " + std::string(e.at("key").as_string());
  };
  EXPECT_EQ(refused(R"({"title":"a\u202Eb","category":"order"})"), "title input.text.bidi_control");
  EXPECT_EQ(refused(R"({"title":"a\u2066b","category":"order"})"), "title input.text.bidi_control");
  EXPECT_EQ(refused(R"({"title":"two\nlines","category":"order"})"), "title input.text.control_character");
  EXPECT_EQ(refused(R"({"title":"t","category":"order","description":"a\u0007b"})"),
            "description input.text.control_character");
  EXPECT_EQ(refused(R"({"title":"t","category":"order","description":")" + std::string(4001, 'd') + "\"}"),
            "description input.text.too_long");
  EXPECT_EQ(refused(R"({"title":"t","category":"order","address":"x\u202Ay"})"),
            "address input.text.bidi_control");
  EXPECT_EQ(refused(R"({"title":"t","category":"order","photos":["a\u0000"]})"),
            "photos[0] input.text.control_character");
  // Line breaks are fine in a description.
  EXPECT_EQ(post_case(R"({"title":"t","category":"order","unit":"D1-S1","description":"一\n二"})").status,
            201);

  // An action's comments too.
  std::string code = case_at("D1-S1");
  Reply note = city_->as("office", "POST", "/api/cases/" + code + "/actions/reject",
                         R"({"reason":"不属实\u202E","note":"x"})");
  ASSERT_EQ(note.status, 400) << note.body;
  EXPECT_EQ(error_of(note).at("field"), "reason");
  EXPECT_EQ(error_of(note).at("key"), "input.text.bidi_control");
  Reply long_note = city_->as("office", "POST", "/api/cases/" + code + "/actions/register",
                              R"({"note":")" + std::string(4001, 'n') + "\"}");
  ASSERT_EQ(long_note.status, 400);
  EXPECT_EQ(error_of(long_note).at("field"), "note");
  EXPECT_EQ(error_of(long_note).at("args").at("max"), "4000");
}

TEST_P(CaseInputApiTest, TheServiceChecksTextsForEveryCaller) {
  service::NewCase input;
  input.title = std::string(60 * 1024, 't');
  input.category = "order";
  try {
    city_->services().cases.create(service::Principal::cli(), input);
    ADD_FAILURE() << "a 60 KB title was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "title");
    EXPECT_EQ(e.key().key, "case.text.too_long");
    EXPECT_EQ(e.key().args,
              (std::vector<std::pair<std::string, std::string>>{{"field", "title"}, {"max", "200"}}));
  }
  service::PublicReport report;
  report.category = "order";
  report.description =
      "a\xe2\x80\xae"
      "b";  // U+202E
  report.lat = 30;
  report.lon = 114;
  try {
    city_->services().cases.report_public(report);
    ADD_FAILURE() << "a bidi override was accepted";
  } catch (const InvalidInput& e) {
    EXPECT_EQ(e.field(), "description");
    EXPECT_EQ(e.key().key, "case.text.bidi_control");
  }
}

TEST_P(CaseInputApiTest, PublicReportsAndOpen311RequestsRefuseBadTexts) {
  auto report = [&](const std::string& extra) {
    return city_->as("", "POST", "/api/public/reports",
                     R"({"category":"environment","lat":30.5,"lon":114.25,)" + extra + "}");
  };
  Reply bidi = report(R"("description":"垃圾\u202E桶")");
  ASSERT_EQ(bidi.status, 400) << bidi.body;
  EXPECT_EQ(error_of(bidi).at("field"), "description");
  EXPECT_EQ(error_of(bidi).at("key"), "input.text.bidi_control");
  Reply address = report(R"("description":"满溢","address":"一\n二")");
  ASSERT_EQ(address.status, 400) << address.body;
  EXPECT_EQ(error_of(address).at("field"), "address");
  Reply contact = report(R"("description":"满溢","contact":"\u0008")");
  ASSERT_EQ(contact.status, 400) << contact.body;
  EXPECT_EQ(error_of(contact).at("field"), "contact");
  EXPECT_EQ(city_->services().cases.public_list({}, {}).total, 0);

  auto open311 = [&](const std::string& form) {
    return http::testing::fetch(
        city_->port(), "POST", "/open311/v2/requests.json",
        "api_key=" + city_->token("office") + "&service_code=environment&lat=30.5&long=114.25&" + form,
        {{"Content-Type", "application/x-www-form-urlencoded"}});
  };
  Reply ok = open311("description=%E6%BB%A1%E6%BA%A2");
  ASSERT_EQ(ok.status, 201) << ok.body;
  for (const std::string& form :
       {std::string("description=a%E2%80%AEb"), std::string("address_string=a%0Ab"),
        std::string("first_name=%1B%5B31m"), "description=" + std::string(4001, 'd')}) {
    Reply r = open311(form);
    EXPECT_EQ(r.status, 400) << form.substr(0, 40) << " → " << r.body;
    std::string field = form.substr(0, form.find('='));
    EXPECT_NE(r.body.find(field), std::string::npos) << r.body;
  }
  EXPECT_EQ(city_->services().cases.public_list({}, {}).total, 1);
}

TEST_P(CaseInputApiTest, ADuplicateOutsideScopeAnswersAsAnUnknownCode) {
  // The office user sits at D1; D2's case exists but is not theirs to see.
  std::string theirs = case_at("D2-S1");
  std::string mine = case_at("D1-S1");
  Reply hidden = city_->as("office", "GET", "/api/cases/" + theirs);
  ASSERT_EQ(hidden.status, 404);
  EXPECT_EQ(error_of(hidden).at("key"), "case.not_found");
  EXPECT_EQ(error_of(city_->as("office", "GET", "/api/cases?unit=D2")).at("key"), "case.unit.not_found");
  auto reject_as_duplicate_of = [&](const std::string& original) {
    return city_->as("office", "POST", "/api/cases/" + mine + "/actions/reject",
                     R"({"reason":"duplicate","duplicate_of":")" + original + R"("})");
  };
  const std::string unknown = "C20260301-9999";
  Reply outside = reject_as_duplicate_of(theirs);
  Reply missing = reject_as_duplicate_of(unknown);
  ASSERT_EQ(missing.status, 400) << missing.body;
  EXPECT_EQ(outside.status, missing.status) << outside.body;
  json::value a = error_of(outside), b = error_of(missing);
  EXPECT_EQ(a.at("code"), b.at("code"));
  EXPECT_EQ(a.at("key"), b.at("key"));
  EXPECT_EQ(a.at("key"), "case.duplicate_of.unknown");
  EXPECT_EQ(a.at("field"), b.at("field"));
  EXPECT_EQ(a.at("args").at("code").as_string(), theirs);
  std::string message(a.at("message").as_string()), expected(b.at("message").as_string());
  expected.replace(expected.find(unknown), unknown.size(), theirs);
  EXPECT_EQ(message, expected);
  EXPECT_EQ(ApiCity::parse(city_->as("office", "GET", "/api/cases/" + mine)).at("state"), "reported");

  // A case in scope is a duplicate as before.
  std::string original = case_at("D1-S1");
  Reply ok = reject_as_duplicate_of(original);
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ApiCity::parse(ok).at("duplicate_of").as_string(), original);
}

TEST_P(CaseInputApiTest, ARoleThatMayNeverCallARouteGets403BeforeItsBody) {
  std::string code = case_at("D1-S1");
  const std::string bad = R"({"title":5,"version":"x","photos":"none"})";
  // audit_admin has no case permission at all; the leader reads but never reports or acts.
  for (const char* user : {"audit_admin", "leader"}) {
    Reply created = post_case(bad, user);
    EXPECT_EQ(created.status, 403) << user << ": " << created.body;
    EXPECT_EQ(error_of(created).at("key"), "auth.permission") << created.body;
    Reply acted = city_->as(user, "POST", "/api/cases/" + code + "/actions/register", bad);
    EXPECT_EQ(acted.status, 403) << user << ": " << acted.body;
    EXPECT_EQ(city_->as(user, "POST", "/api/cases/" + code + "/actions/register", "{not json").status, 403);
  }
  EXPECT_EQ(city_->as("audit_admin", "GET", "/api/cases?overdue=maybe").status, 403);
  EXPECT_EQ(city_->as("audit_admin", "GET", "/api/case-rankings?list_size=many").status, 403);
  EXPECT_EQ(city_->as("inspector", "GET", "/api/case-measures?period=nope").status, 403);
  // Roles that may call them still get the 400 about the body.
  EXPECT_EQ(post_case(bad, "office").status, 400);
  EXPECT_EQ(city_->as("office", "GET", "/api/cases?overdue=maybe").status, 400);
}

TEST_P(CaseInputApiTest, SearchMatchesPercentAndUnderscoreLiterally) {
  case_at("D1-S1", "完成率 100% 的路段");
  case_at("D1-S1", "a_b 路口");
  case_at("D1-S1", "普通问题");
  auto total = [&](const std::string& q) {
    Reply r = city_->as("office", "GET", "/api/cases?q=" + q);
    EXPECT_EQ(r.status, 200) << r.body;
    return ApiCity::parse(r).at("total").as_int64();
  };
  EXPECT_EQ(total(""), 3);
  EXPECT_EQ(total("%25"), 1);  // "%"
  EXPECT_EQ(total("_"), 1);
  EXPECT_EQ(total("a%25b"), 0);
  EXPECT_EQ(total("%5C"), 0);  // "\", the escape character itself
}

}  // namespace
}  // namespace civic::api
