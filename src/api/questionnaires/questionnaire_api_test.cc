// Questionnaires over real HTTP (both backends): the office builds and publishes a questionnaire whose
// question feeds a framework survey item; answers through the public path move the item's score (GET
// /api/scores before and after); an over-quota answer is kept but not counted until accepted; straight-lined
// and duplicate-device answers are flagged and excluded until accepted; every bad input of issue 14's "Bad
// input and abuse" list is 400 naming the field (409 closed, 413 too large) with nothing stored; resubmitting
// is idempotent; a burst from one address is limited while another address still answers; results match a
// hand-computed stratified example.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <set>
#include <thread>
#include <vector>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;
namespace json = boost::json;

// One survey item A1.1.1 reading Q_AWARE (positive: know), period 2026H1 over the test city.
const char* kBundle =
    R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1",
  "name":"方面","indicators":[{"code":"A1.1","name":"指标","items":[
    {"code":"A1.1.1","name":"知晓率","max_score":4,"method":"survey","question":"Q_AWARE","positive":["know"]}]}]}]},
  "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
           {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
  "periods":[{"code":"2026H1","start":"2026-01-01","end":"2026-06-30"}]})";

std::string definition(const std::string& code) {
  std::string scales;
  for (int i = 1; i <= 8; ++i)
    scales += R"({"code":"S)" + std::to_string(i) +
              R"(","type":"scale5","text":{"zh-CN":"满意度"},"required":false},)";
  return R"({"code":")" + code + R"(","title":{"zh-CN":"创文知晓率调查","en":"Awareness"},"units":["D1"],
    "attributes":[{"code":"unit","kind":"unit","text":{"zh-CN":"您居住的社区"}},
      {"code":"type","kind":"choice","text":{"zh-CN":"身份"},"required":true,
       "options":[{"code":"resident","text":{"zh-CN":"居民"}},{"code":"visitor","text":{"zh-CN":"游客"}}]}],
    "questions":[
      {"code":"Q_AWARE","type":"single","text":{"zh-CN":"您知道创文吗"},"required":true,"items":["A1.1.1"],
       "options":[{"code":"know","text":{"zh-CN":"知道"}},{"code":"unknown","text":{"zh-CN":"不知道"}}]},
      {"code":"Q_HOW","type":"multiple","text":{"zh-CN":"从哪里知道"},"required":false,
       "show_if":{"question":"Q_AWARE","answers":["know"]},
       "options":[{"code":"tv","text":{"zh-CN":"电视"}},{"code":"web","text":{"zh-CN":"网络"}}]},)" +
         scales + R"(
      {"code":"Q_NOTE","type":"text","text":{"zh-CN":"建议"},"required":false}],
    "quotas":[{"stratum":{"unit":"D1-S1","type":"visitor"},"target":1}],"min_n":3})";
}

// A public answer body; `answers` and `attributes` as JSON members.
std::string answer(const std::string& client_id, const std::string& unit, const std::string& answers,
                   const std::string& attributes = R"({"type":"resident"})", int version = 1) {
  return R"({"version":)" + std::to_string(version) + R"(,"client_id":")" + client_id + R"(","unit":")" +
         unit + R"(","attributes":)" + attributes + R"(,"answers":)" + answers +
         R"(,"started_at":"2026-02-28T23:55:00Z"})";
}

// A request from `local_ip` (a 127.x address bound before connecting), so that the server sees that client.
Reply fetch_from(unsigned short port, const std::string& local_ip, const std::string& method,
                 const std::string& target, const std::string& body,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  namespace asio = boost::asio;
  namespace bhttp = boost::beast::http;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  socket.open(asio::ip::tcp::v4());
  socket.bind(asio::ip::tcp::endpoint(asio::ip::make_address(local_ip), 0));
  socket.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  bhttp::request<bhttp::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(bhttp::field::host, "127.0.0.1");
  req.set(bhttp::field::content_type, "application/json");
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(socket, req);
  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(socket, buffer, res);
  Reply reply;
  reply.status = static_cast<int>(res.result_int());
  reply.body = res.body();
  return reply;
}

class QuestionnaireApi : public store::BackendTest {
 protected:
  // Publishes questionnaire `code` (created by the office); its published JSON.
  static json::value create_and_publish(ApiCity& city, const std::string& code) {
    Reply created = city.as("office", "POST", "/api/questionnaires", definition(code));
    EXPECT_EQ(created.status, 201) << created.body;
    json::value q = ApiCity::parse(created);
    std::string revision = std::to_string(q.at("revision").as_int64());
    Reply published = city.as("office", "POST", "/api/questionnaires/" + code + "/actions/publish",
                              R"({"revision":)" + revision + "}");
    EXPECT_EQ(published.status, 200) << published.body;
    return ApiCity::parse(published);
  }
  static Reply submit(ApiCity& city, const std::string& code, const std::string& body,
                      const std::string& device = {}) {
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!device.empty()) headers.emplace_back("X-Device-Token", device);
    return http::testing::fetch(city.port(), "POST", "/api/public/questionnaires/" + code + "/responses",
                                body, headers);
  }
  // The A1.1.1 entry of D1's score report for 2026H1.
  static json::object item_score(ApiCity& city) {
    Reply r = city.as("office", "GET", "/api/scores?unit=D1&period=2026H1");
    EXPECT_EQ(r.status, 200) << r.body;
    return ApiCity::parse(r).at("aspects").at(0).at("indicators").at(0).at("items").at(0).as_object();
  }
  static long long stored(ApiCity& city, const std::string& code) {
    Reply r = city.as("office", "GET", "/api/questionnaires/" + code + "/responses?page_size=200");
    EXPECT_EQ(r.status, 200) << r.body;
    return ApiCity::parse(r).at("total").as_int64();
  }
  static json::value response(ApiCity& city, const std::string& code, long long id) {
    Reply r = city.as("office", "GET", "/api/questionnaires/" + code + "/responses?page_size=200");
    json::value all = ApiCity::parse(r);  // kept alive while its items are read
    for (const auto& item : all.at("items").as_array())
      if (item.at("id").as_int64() == id) return item;
    return nullptr;
  }
};

TEST_P(QuestionnaireApi, PublicAnswersMoveTheSurveyItemAndFlaggedOnesWaitForReview) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));

  Reply created = city.as("office", "POST", "/api/questionnaires", definition("QN1"));
  ASSERT_EQ(created.status, 201) << created.body;
  json::value draft = ApiCity::parse(created);
  EXPECT_EQ(draft.at("state"), "draft");
  EXPECT_EQ(draft.at("version").as_int64(), 1);
  EXPECT_EQ(draft.at("published_version").as_int64(), 0);
  EXPECT_EQ(city.as("office", "POST", "/api/questionnaires", definition("QN1")).status, 409);
  EXPECT_EQ(http::testing::fetch(city.port(), "GET", "/api/public/questionnaires/QN1").status, 404);
  EXPECT_EQ(city.as("office", "POST", "/api/questionnaires/QN1/actions/publish", R"({"revision":99})").status,
            409);
  Reply published = city.as("office", "POST", "/api/questionnaires/QN1/actions/publish",
                            R"({"revision":)" + std::to_string(draft.at("revision").as_int64()) + "}");
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(ApiCity::parse(published).at("state"), "published");
  EXPECT_EQ(ApiCity::parse(published).at("published_version").as_int64(), 1);

  Reply page = http::testing::fetch(city.port(), "GET", "/api/public/questionnaires/QN1?unit=D1-S1");
  ASSERT_EQ(page.status, 200) << page.body;
  json::value p = ApiCity::parse(page);
  EXPECT_EQ(p.at("preset_unit"), "D1-S1");
  EXPECT_EQ(p.at("units").as_array().size(), 2u);  // D1 and D1-S1
  EXPECT_FALSE(p.at("questions").at(0).as_object().contains("items"));

  // Before any answer the survey item is not assessed.
  EXPECT_EQ(item_score(city).at("assessed"), false);
  Reply first = submit(city, "QN1", answer("c-1", "D1-S1", R"({"Q_AWARE":"know","Q_HOW":["tv"]})"));
  ASSERT_EQ(first.status, 201) << first.body;
  long long first_id = ApiCity::parse(first).at("id").as_int64();
  EXPECT_EQ(ApiCity::parse(first).at("received"), true);
  json::object s = item_score(city);
  EXPECT_EQ(s.at("assessed"), true);
  EXPECT_EQ(s.at("n").as_int64(), 1);
  EXPECT_EQ(s.at("k").as_int64(), 1);
  EXPECT_DOUBLE_EQ(s.at("score").to_number<double>(), 4.0);

  // Idempotent: the same body again answers the same response; another body under the id is 409.
  Reply again = submit(city, "QN1", answer("c-1", "D1-S1", R"({"Q_AWARE":"know","Q_HOW":["tv"]})"));
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(ApiCity::parse(again).at("id").as_int64(), first_id);
  Reply reused = submit(city, "QN1", answer("c-1", "D1-S1", R"({"Q_AWARE":"unknown"})"));
  EXPECT_EQ(reused.status, 409) << reused.body;
  EXPECT_EQ(ApiCity::parse(reused).at("error").at("key"), "response.client_id_reused");
  EXPECT_EQ(stored(city, "QN1"), 1);

  // Quota: D1-S1 visitors, target 1. The second visitor is kept, over quota, not counted.
  const std::string visitor = R"({"type":"visitor"})";
  ASSERT_EQ(submit(city, "QN1", answer("v-1", "D1-S1", R"({"Q_AWARE":"unknown"})", visitor)).status, 201);
  Reply over = submit(city, "QN1", answer("v-2", "D1-S1", R"({"Q_AWARE":"know"})", visitor));
  ASSERT_EQ(over.status, 201) << over.body;
  long long over_id = ApiCity::parse(over).at("id").as_int64();
  EXPECT_EQ(response(city, "QN1", over_id).at("status"), "over_quota");
  EXPECT_EQ(item_score(city).at("n").as_int64(), 2);
  Reply quotas = city.as("office", "GET", "/api/questionnaires/QN1/quotas");
  ASSERT_EQ(quotas.status, 200) << quotas.body;
  EXPECT_EQ(ApiCity::parse(quotas).at(0).at("counted").as_int64(), 1);
  EXPECT_EQ(ApiCity::parse(quotas).at(0).at("over_quota").as_int64(), 1);
  EXPECT_EQ(
      city.as("office", "POST", "/api/responses/" + std::to_string(over_id) + "/actions/accept", "{}").status,
      400);  // a reason is required
  Reply accepted = city.as("office", "POST", "/api/responses/" + std::to_string(over_id) + "/actions/accept",
                           R"({"reason":"补足样本"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(ApiCity::parse(accepted).at("status"), "counted");
  EXPECT_EQ(item_score(city).at("n").as_int64(), 3);
  EXPECT_EQ(item_score(city).at("k").as_int64(), 2);

  // Straight-lining: eight scale answers all "3" → flagged, not counted until accepted.
  std::string lined = R"({"Q_AWARE":"know")";
  for (int i = 1; i <= 8; ++i) lined += R"(,"S)" + std::to_string(i) + R"(":"3")";
  lined += "}";
  Reply straight = submit(city, "QN1", answer("s-1", "D1", lined));
  ASSERT_EQ(straight.status, 201) << straight.body;
  long long straight_id = ApiCity::parse(straight).at("id").as_int64();
  json::value sr = response(city, "QN1", straight_id);
  EXPECT_EQ(sr.at("status"), "flagged");
  EXPECT_EQ(sr.at("flags").at(0), "straight_lining");
  EXPECT_EQ(item_score(city).at("n").as_int64(), 3);

  // Duplicate device: a second answer from a device with a counted answer is flagged.
  ASSERT_EQ(submit(city, "QN1", answer("d-1", "D1", R"({"Q_AWARE":"unknown"})"), "device-A").status, 201);
  EXPECT_EQ(item_score(city).at("n").as_int64(), 4);
  Reply dup = submit(city, "QN1", answer("d-2", "D1", R"({"Q_AWARE":"know"})"), "device-A");
  ASSERT_EQ(dup.status, 201) << dup.body;
  long long dup_id = ApiCity::parse(dup).at("id").as_int64();
  json::value dr = response(city, "QN1", dup_id);
  EXPECT_EQ(dr.at("status"), "flagged");
  EXPECT_EQ(dr.at("flags").at(0), "duplicate_device");
  EXPECT_EQ(item_score(city).at("n").as_int64(), 4);
  Reply flagged_list = city.as("office", "GET", "/api/questionnaires/QN1/responses?status=flagged");
  EXPECT_EQ(ApiCity::parse(flagged_list).at("total").as_int64(), 2);
  EXPECT_EQ(flagged_list.body.find("device-A"), std::string::npos);  // the token is never shown

  // Accepting both counts them; rejecting a counted one takes it out again.
  for (long long id : {straight_id, dup_id}) {
    Reply a = city.as("office", "POST", "/api/responses/" + std::to_string(id) + "/actions/accept",
                      R"({"reason":"人工核实"})");
    ASSERT_EQ(a.status, 200) << a.body;
  }
  EXPECT_EQ(item_score(city).at("n").as_int64(), 6);
  EXPECT_EQ(item_score(city).at("k").as_int64(), 4);
  Reply rejected = city.as("office", "POST", "/api/responses/" + std::to_string(dup_id) + "/actions/reject",
                           R"({"reason":"重复作答"})");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(ApiCity::parse(rejected).at("review").at("reason"), "重复作答");
  EXPECT_EQ(item_score(city).at("n").as_int64(), 5);
  EXPECT_EQ(item_score(city).at("k").as_int64(), 3);
  EXPECT_EQ(city.as("target2", "POST", "/api/responses/" + std::to_string(dup_id) + "/actions/reject",
                    R"({"reason":"x"})")
                .status,
            403);

  // An interviewer's answer (signed in) counts the same way.
  Reply interview = city.as("inspector", "POST", "/api/responses",
                            R"({"questionnaire":"QN1","version":1,"client_id":"i-1","unit":"D1-S1",
                                "attributes":{"type":"resident"},"answers":{"Q_AWARE":"know"},
                                "started_at":"2026-02-28T23:50:00Z","submitted_at":"2026-02-28T23:58:00Z",
                                "lat":24.4,"lon":118.1})");
  ASSERT_EQ(interview.status, 201) << interview.body;
  EXPECT_EQ(ApiCity::parse(interview).at("status"), "counted");
  EXPECT_EQ(item_score(city).at("n").as_int64(), 6);
  EXPECT_EQ(city.as("leader", "POST", "/api/responses", R"({"questionnaire":"QN1"})").status, 403);

  // The raw export has one row per response.
  Reply csv = city.as("office", "GET", "/api/questionnaires/QN1/responses/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("Q_AWARE"), std::string::npos);
  EXPECT_NE(csv.body.find("重复作答"), std::string::npos);
}

TEST_P(QuestionnaireApi, BadInputIsRefusedNamingTheFieldAndNothingIsStored) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  create_and_publish(city, "QN2");
  struct Case {
    std::string body, field;
  };
  const std::string ok_answers = R"({"Q_AWARE":"know"})";
  std::vector<Case> cases{
      {answer("b-1", "D1", R"({"Q_AWARE":"know","Q9":"x"})"), "answers.Q9"},              // no such question
      {answer("b-2", "D1", R"({"Q_AWARE":["know"]})"), "answers.Q_AWARE"},                // list for single
      {answer("b-3", "D1", R"({"Q_AWARE":{"a":1}})"), "answers.Q_AWARE"},                 // object
      {answer("b-4", "D1", R"({"Q_AWARE":"know","Q_HOW":"tv"})"), "answers.Q_HOW"},       // text for multiple
      {answer("b-5", "D1", R"({"Q_HOW":["tv"]})"), "answers.Q_AWARE"},                    // missing required
      {answer("b-6", "D1", R"({"Q_AWARE":"unknown","Q_HOW":["tv"]})"), "answers.Q_HOW"},  // skipped, answered
      {answer("b-7", "D1", R"({"Q_AWARE":"maybe"})"), "answers.Q_AWARE"},                 // outside options
      {answer("b-8", "D1", R"({"Q_AWARE":"know","S1":"7"})"), "answers.S1"},              // outside the scale
      {answer("b-9", "D2-S1", ok_answers), "unit"},                                       // outside the units
      {answer("b-10", "NOWHERE", ok_answers), "unit"},                                    // unknown unit
      {answer("b-11", "D1", ok_answers, R"({"type":"alien"})"), "attributes.type"},       // outside options
      {answer("b-12", "D1", ok_answers, R"({})"), "attributes.type"},                     // missing required
      {answer("b-13", "D1", ok_answers, R"({"type":"resident","pet":"cat"})"), "attributes.pet"},
      {answer("b-14", "D1", ok_answers, R"({"type":"resident"})", 9), "version"},  // unknown version
      {answer("bad id!", "D1", ok_answers), "client_id"},
  };
  for (const Case& c : cases) {
    Reply r = submit(city, "QN2", c.body);
    EXPECT_EQ(r.status, 400) << c.body << ": " << r.body;
    if (r.status == 400) {
      EXPECT_EQ(ApiCity::error_field(r), c.field) << c.body;
    }
  }
  // Over the body limit: 413 before the handler.
  std::string huge =
      answer("b-15", "D1", R"({"Q_AWARE":"know","Q_NOTE":")" + std::string(70 * 1024, 'x') + "\"}");
  EXPECT_EQ(submit(city, "QN2", huge).status, 413);
  EXPECT_EQ(stored(city, "QN2"), 0);

  // Closed: 409, nothing stored; reopened: answers again.
  ASSERT_EQ(city.as("office", "POST", "/api/questionnaires/QN2/actions/close", "{}").status, 200);
  Reply closed = submit(city, "QN2", answer("b-16", "D1", ok_answers));
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(ApiCity::parse(closed).at("error").at("key"), "questionnaire.closed");
  EXPECT_EQ(http::testing::fetch(city.port(), "GET", "/api/public/questionnaires/QN2").status, 409);
  EXPECT_EQ(stored(city, "QN2"), 0);
  ASSERT_EQ(city.as("office", "POST", "/api/questionnaires/QN2/actions/reopen", "{}").status, 200);
  EXPECT_EQ(submit(city, "QN2", answer("b-16", "D1", ok_answers)).status, 201);
  EXPECT_EQ(stored(city, "QN2"), 1);

  // Definitions are checked too: a question feeding an unknown item, a show_if on a later question.
  std::string bad = definition("QN3");
  bad.replace(bad.find("A1.1.1"), 6, "A9.9.9");
  Reply refused = city.as("office", "POST", "/api/questionnaires", bad);
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(ApiCity::error_field(refused), "questions[0].items[0]");
  std::string outside = definition("QN3");
  outside.replace(outside.find(R"("units":["D1"])"), 14, R"("units":["D2"])");
  Reply scoped = city.as("office", "POST", "/api/questionnaires", outside);
  EXPECT_EQ(scoped.status, 400) << scoped.body;
  EXPECT_EQ(ApiCity::error_field(scoped), "units[0]");
}

TEST_P(QuestionnaireApi, ABurstFromOneAddressIsLimitedWhileAnotherStillAnswers) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  create_and_publish(city, "QN4");
  // The default bucket holds 60 answers (api_options.h): the 61st in a burst from 127.0.0.2 is refused.
  const std::string path = "/api/public/questionnaires/QN4/responses";
  int accepted = 0, limited = 0;
  for (int i = 0; i < 61; ++i) {
    Reply r = fetch_from(city.port(), "127.0.0.2", "POST", path,
                         answer("burst-" + std::to_string(i), "D1", R"({"Q_AWARE":"know"})"));
    if (r.status == 201) ++accepted;
    if (r.status == 429) ++limited;
  }
  EXPECT_EQ(accepted, 60);
  EXPECT_EQ(limited, 1);
  Reply other =
      fetch_from(city.port(), "127.0.0.3", "POST", path, answer("other-1", "D1", R"({"Q_AWARE":"know"})"));
  EXPECT_EQ(other.status, 201) << other.body;
  EXPECT_EQ(stored(city, "QN4"), 61);
}

// Results against scoring.md §3.2 by hand. D1 has two streets: D1-S1 (population 20000) and D1-S2 (60000).
// D1-S1: 1 of 2 know (0.5); D1-S2: 3 of 4 know (0.75). For D1: n = 6, k = 4, unweighted 4/6 = 0.6666…;
// post-stratified (20000 × 0.5 + 60000 × 0.75) / 80000 = 55000 / 80000 = 0.6875.
// Wilson 95% (z = 1.959963984540054, z² = 3.841458820694124) for k = 4, n = 6, p = 2/3:
//   denominator 1 + z²/n = 1.640243136782354; centre (p + z²/2n) / den = 0.986788235057843
//   / 1.640243136782354 = 0.601611951…; half-width z·√(p(1−p)/n + z²/4n²) / den = 0.301617636…; interval
//   [0.299993315138392, 0.9032285888942195].
// D1-S1 alone (no children): 0.5 both ways; min_n 3 → D1-S1 (n 2) is not ranked, D1-S2 (n 4) is.
TEST_P(QuestionnaireApi, ResultsMatchAHandComputedStratifiedExample) {
  ApiCity city(GetParam());
  service::Principal cli = service::Principal::cli();
  city.services().units.create(cli, {"D1-S2", "三街道", "Street 3", UnitType::street, "D1", 60000, 2});
  city.services().evaluation.import_bundle(cli, bundle::read_bundle(kBundle));
  create_and_publish(city, "QN5");
  int n = 0;
  auto give = [&](const std::string& unit, const std::string& aware) {
    Reply r =
        submit(city, "QN5", answer("r-" + std::to_string(++n), unit, R"({"Q_AWARE":")" + aware + "\"}"));
    ASSERT_EQ(r.status, 201) << r.body;
  };
  give("D1-S1", "know");
  give("D1-S1", "unknown");
  for (const char* a : {"know", "know", "know", "unknown"}) give("D1-S2", a);

  Reply r = city.as("leader", "GET", "/api/questionnaires/QN5/results?unit=D1&question=Q_AWARE");
  ASSERT_EQ(r.status, 200) << r.body;
  json::value res = ApiCity::parse(r);
  EXPECT_EQ(res.at("item"), "A1.1.1");
  EXPECT_EQ(res.at("positive").at(0), "know");
  const auto& rows = res.at("rows").as_array();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].at("unit"), "D1");
  EXPECT_EQ(rows[0].at("n").as_int64(), 6);
  EXPECT_EQ(rows[0].at("k").as_int64(), 4);
  EXPECT_NEAR(rows[0].at("rate").to_number<double>(), 4.0 / 6.0, 1e-9);
  EXPECT_NEAR(rows[0].at("weighted_rate").to_number<double>(), 0.6875, 1e-9);
  EXPECT_NEAR(rows[0].at("wilson").at(0).to_number<double>(), 0.299993315138392, 1e-9);
  EXPECT_NEAR(rows[0].at("wilson").at(1).to_number<double>(), 0.9032285888942195, 1e-9);
  EXPECT_EQ(rows[0].at("ranked"), true);
  EXPECT_EQ(rows[1].at("unit"), "D1-S1");
  EXPECT_NEAR(rows[1].at("weighted_rate").to_number<double>(), 0.5, 1e-9);
  EXPECT_EQ(rows[1].at("ranked"), false);
  EXPECT_EQ(rows[2].at("unit"), "D1-S2");
  EXPECT_NEAR(rows[2].at("weighted_rate").to_number<double>(), 0.75, 1e-9);
  EXPECT_EQ(rows[2].at("ranked"), true);

  // The same numbers drive the item's score: scoring.md's engine and the results agree.
  Reply scores = city.as("office", "GET", "/api/scores?unit=D1&period=2026H1");
  json::value item = ApiCity::parse(scores).at("aspects").at(0).at("indicators").at(0).at("items").at(0);
  EXPECT_NEAR(item.at("response_rate").to_number<double>(), 0.6875, 1e-9);

  Reply cross = city.as("office", "GET", "/api/questionnaires/QN5/crosstab?question=Q_AWARE&by=type&unit=D1");
  ASSERT_EQ(cross.status, 200) << cross.body;
  EXPECT_EQ(ApiCity::parse(cross).at("rows").at(0).at("option"), "resident");
  EXPECT_EQ(ApiCity::parse(cross).at("rows").at(0).at("n").as_int64(), 6);
  // A unit officer of D1-S1 sees only its scope: D1 is outside it.
  EXPECT_EQ(city.as("target1", "GET", "/api/questionnaires/QN5/results?unit=D1").status, 400);
  Reply own = city.as("target1", "GET", "/api/questionnaires/QN5/results?unit=D1-S1");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(ApiCity::parse(own).at("rows").at(0).at("n").as_int64(), 2);
  Reply xlsx = city.as("office", "GET", "/api/questionnaires/QN5/results/export?format=xlsx&unit=D1");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

// Many public answers at once through the real server (issue 14's benchmark failed 9 of them with HTTP 500
// "database is locked"): 16 clients, each from its own address, send 20 answers each at the same time; the
// clients pair up, both members of a pair sending the same 20 answers (the same client ids and bodies, as a
// phone retrying while its first attempt is still in flight). Every request is acknowledged with 2xx, each
// pair's two replies name the same response, and the database holds each answer exactly once with one
// evidence row. SQLite's busy timeout is 1 ms here: the server's connections must take turns in the process,
// not by polling SQLite's lock (which, under load, left waiters failing once their busy timeout ran out).
TEST_P(QuestionnaireApi, ConcurrentPublicAnswersAreAllAcknowledgedAndStoredOnce) {
  testing::ApiCityOptions options;
  options.database.pool_size = 8;
  options.database.busy_timeout = std::chrono::milliseconds(1);
  options.worker_threads = 8;
  ApiCity city(GetParam(), options);
  city.services().evaluation.import_bundle(service::Principal::cli(), bundle::read_bundle(kBundle));
  create_and_publish(city, "QNC");
  constexpr int kClients = 16, kPairs = kClients / 2, kEach = 20;
  const std::string path = "/api/public/questionnaires/QNC/responses";
  struct Outcome {
    int status = 0;
    long long id = 0;
    std::string body;
  };
  std::vector<std::vector<Outcome>> outcomes(kClients, std::vector<Outcome>(kEach));
  std::atomic<int> ready{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      const std::string ip = "127.0.3." + std::to_string(c + 1);
      ready.fetch_add(1);
      while (ready.load() < kClients) std::this_thread::yield();  // start together
      for (int n = 0; n < kEach; ++n) {
        const std::string id = "conc-" + std::to_string(c % kPairs) + "-" + std::to_string(n);
        Outcome& out = outcomes[c][n];
        try {
          Reply r =
              fetch_from(city.port(), ip, "POST", path,
                         answer(id, "D1-S1", n % 2 ? R"({"Q_AWARE":"know"})" : R"({"Q_AWARE":"unknown"})"),
                         {{"X-Device-Token", "device-" + id}});
          out.status = r.status;
          out.body = r.body;
          if (r.status / 100 == 2) out.id = ApiCity::parse(r).at("id").as_int64();
        } catch (const std::exception& e) {
          out.body = e.what();
        }
      }
    });
  }
  for (auto& t : clients) t.join();

  int created = 0, repeated = 0;
  std::set<long long> ids;
  for (int c = 0; c < kClients; ++c) {
    for (int n = 0; n < kEach; ++n) {
      const Outcome& out = outcomes[c][n];
      EXPECT_TRUE(out.status == 201 || out.status == 200)
          << "client " << c << " answer " << n << ": " << out.status << " " << out.body;
      if (out.status == 201) ++created;
      if (out.status == 200) ++repeated;
      if (c < kPairs) {
        EXPECT_EQ(out.id, outcomes[c + kPairs][n].id) << "pair " << c << " answer " << n;
      }
      ids.insert(out.id);
    }
  }
  EXPECT_EQ(created, kPairs * kEach);   // one of each pair's two sends stored it …
  EXPECT_EQ(repeated, kPairs * kEach);  // … the other was answered as a retry
  EXPECT_EQ(ids.size(), static_cast<size_t>(kPairs * kEach));

  long long rows = 0, distinct_clients = 0, evidence = 0;
  {
    auto sql = city.database().lease();
    *sql << "SELECT COUNT(*), COUNT(DISTINCT client_id) FROM questionnaire_responses"
            " WHERE client_id LIKE 'conc-%' AND status = 'counted'",
        soci::into(rows), soci::into(distinct_clients);
    *sql << "SELECT COUNT(*) FROM responses r JOIN questionnaire_responses q ON r.code = 'Q' || q.id"
            " WHERE q.client_id LIKE 'conc-%'",
        soci::into(evidence);
  }
  EXPECT_EQ(rows, kPairs * kEach);
  EXPECT_EQ(distinct_clients, kPairs * kEach);
  EXPECT_EQ(evidence, kPairs * kEach);
  EXPECT_EQ(stored(city, "QNC"), kPairs * kEach);
}

CIVIC_INSTANTIATE_BACKENDS(QuestionnaireApi);

}  // namespace
}  // namespace civic::api
