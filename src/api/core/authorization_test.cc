// The authorization matrix: every role × every endpoint × an object in the caller's scope and one outside it,
// against a real migrated database through the HTTP server. The expected statuses restate the policy
// (design.md §1, service/permission.h) independently of the permission table: 2xx when the role may and the
// object is in scope, 403 when the role may never, 404 (or the endpoint's own "unknown reference" 400) when
// the object lies outside the caller's scope; 401 for every non-public endpoint without credentials.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <functional>
#include <set>

#include "api/core/api_test_city.h"
#include "bundle/bundle_reader.h"
#include "domain/core/civil_date.h"
#include "domain/core/error.h"
#include "domain/files/test_images.h"
#include "platform/spreadsheet.h"
#include "service/questionnaires/definition_json.h"
#include "store/core/store_test_backends.h"

namespace civic::api {
namespace {

using testing::ApiCity;
using testing::Reply;

struct Endpoint {
  std::string name;
  // Calls the endpoint as `user` on an object in scope (true) or out of scope (false); `n` makes names
  // unique.
  std::function<Reply(ApiCity&, const std::string& user, bool in_scope, int n)> call;
  std::set<Role> allowed;
  int ok;            // status when allowed and in scope
  int out_of_scope;  // status when allowed and out of scope; 0 when the endpoint has no object to scope
  // Roles the endpoint's permission lets in but the object itself refuses (an account only its steward
  // administers, service/core/permission.h): 403 in scope, and out of scope what a missing object answers.
  std::set<Role> refused_by_object = {};
};

const std::set<Role> kReadUnits{Role::office, Role::unit_officer, Role::inspector,
                                Role::leader, Role::system_admin, Role::security_admin};
const std::set<Role> kReadUsers{Role::office, Role::system_admin, Role::security_admin};
const std::set<Role> kEveryone{Role::office,       Role::unit_officer,   Role::inspector,  Role::leader,
                               Role::system_admin, Role::security_admin, Role::audit_admin};

std::string unit(bool in) {
  return in ? "D1-S1" : "D2-S1";
}
std::string district(bool in) {
  return in ? "D1" : "D2";
}
std::string target(bool in) {
  return in ? "target1" : "target2";
}

const std::set<Role> kReadFramework{Role::office, Role::unit_officer, Role::inspector, Role::leader};
const std::set<Role> kReadScores{Role::office, Role::unit_officer, Role::leader};

// A one-item framework and period 2026H1 over the test city, so that the evaluation endpoints have data.
std::string evaluation_bundle(const std::string& period) {
  return R"({"format":"civic-bundle/1","framework":{"code":"FW","name":"体系","aspects":[{"code":"A1","name":"方面",
    "indicators":[{"code":"A1.1","name":"指标","items":[{"code":"A1.1.1","name":"制度","max_score":1,"method":"material"}]}]}],
    "negative_list":[{"code":"N1","name":"事故","deduct":1,"disqualify":false}]},
    "units":[{"code":"CITY","parent":null},{"code":"D1","parent":"CITY"},{"code":"D2","parent":"CITY"},
             {"code":"D1-S1","parent":"D1"},{"code":"D2-S1","parent":"D2"}],
    "periods":[{"code":")" +
         period + R"(","start":"2026-01-01","end":"2026-06-30"}],
    "materials":[{"item":"A1.1.1","unit":"D1-S1","period":")" +
         period + R"(","grade":"B"},
                 {"item":"A1.1.1","unit":"D2-S1","period":")" +
         period + R"(","grade":"A"}]})";
}

// A new recorded negative-list event at D1-S1 (in) or D2-S1 (out), as the CLI; its id.
std::string penalty_at(ApiCity& city, bool in) {
  auto p = city.services().penalties.record(
      service::Principal::cli(), {"2026H1", in ? "D1-S1" : "D2-S1", "N1", "2026-03-01", "事故", {}});
  return std::to_string(p.id);
}

const std::set<Role> kUploadPhotos{Role::office, Role::unit_officer, Role::inspector};

// A site with `code` at `unit_code` (created once, through the service as the CLI); returns the code.
std::string site_at(ApiCity& city, const std::string& code, const std::string& unit_code) {
  service::Principal cli = service::Principal::cli();
  try {
    city.services().sites.get(cli, code);
  } catch (const NotFound&) {
    city.services().sites.create(cli, {code, code, "主干道", unit_code, 31.0, 121.0, "", ""});
  }
  return code;
}
// A stored photo's id.
std::string stored_photo(ApiCity& city) {
  return city.services().photos.add_photo(service::Principal::cli(), civic::testing::tiny_jpeg()).id;
}

// A case at `unit_code`, taken by the CLI to `state` ("dispatched" or "handled"); returns its code.
std::string case_at(ApiCity& city, const std::string& unit_code, const std::string& state) {
  service::Principal cli = service::Principal::cli();
  service::CaseService& cases = city.services().cases;
  service::NewCase input;
  input.title = "case";
  input.category = "environment";
  input.unit = unit_code;
  std::string code = cases.create(cli, input).code;
  cases.act(cli, code, "register", {});
  service::CaseActionRequest dispatch;
  dispatch.unit = unit_code;
  cases.act(cli, code, "dispatch", dispatch);
  if (state == "dispatched") return code;
  cases.act(cli, code, "accept", {});
  service::CaseActionRequest handled;
  handled.note = "done";
  handled.photos = {stored_photo(city)};
  cases.act(cli, code, "report-handled", handled);
  return code;
}
// A notification for `username` (the office's when anonymous); returns its id.
std::string notification_for(ApiCity& city, const std::string& username) {
  const std::string user = username.empty() ? "office" : username;
  long long id = city.services().users.get(service::Principal::cli(), user).id;
  city.services().notifications.notify_users({id}, "task_assigned", "{}", "task", "T1");
  service::Principal who = city.services().auth.authenticate_api_token(city.token(user), "");
  return std::to_string(city.services().notifications.list(who, false, {1, 1}).page.items.at(0).id);
}
// A framework spreadsheet of FW's one item (as the export writes it).
std::string framework_sheet() {
  return platform::write_xlsx(
      {{"方面编码", "方面", "指标编码", "指标", "项目编码", "项目名称", "测评方法", "分值"},
       {"A1", "方面", "A1.1", "指标", "A1.1.1", "制度", "材料审核", "1"}},
      "测评体系");
}
// A period of its own for call `n` (a year of its own), created as the CLI; closed when `closed`.
std::string period_for(ApiCity& city, int n, bool closed) {
  service::Principal cli = service::Principal::cli();
  std::string code = "LP" + std::to_string(n), year = std::to_string(2100 + n);
  city.services().periods.create(cli, {code, "周期", year + "-01-01", year + "-12-31", "FW", 0});
  if (closed) city.services().periods.close(cli, code);
  return code;
}
// A fresh draft of FW's newest version, opened as the CLI.
service::FrameworkDraft draft_for(ApiCity& city) {
  return city.services().framework_drafts.create(service::Principal::cli(), "FW", {});
}
// A draft of FW whose framework name differs from its base (so that it may be published); returns its id.
long long changed_draft_for(ApiCity& city, int n) {
  service::Principal cli = service::Principal::cli();
  service::FrameworkDraft d = draft_for(city);
  boost::json::value doc = boost::json::parse(d.document);
  doc.as_object()["name"] = "体系 " + std::to_string(n);
  city.services().framework_drafts.update(cli, d.id, boost::json::serialize(doc), d.version);
  return d.id;
}
const std::set<Role> kReadCases{Role::office, Role::unit_officer, Role::inspector, Role::leader};
const std::set<Role> kActOnCases{Role::office, Role::unit_officer, Role::inspector};
const std::set<Role> kReadCaseMeasures{Role::office, Role::unit_officer, Role::leader};

// Rounds and inspections: a round under `unit_code` (created once) sampling its one road RSITE-<unit>,
// assigned to the user "inspector" (at D1) when in scope; an inspection of such a round, submitted by
// "inspector" in scope and by the CLI out of scope (then nobody at D1 may see it).
const std::set<Role> kReadRounds{Role::office, Role::inspector, Role::leader};
const std::set<Role> kSubmitInspections{Role::office, Role::inspector};
const std::set<Role> kReadInspections{Role::office, Role::unit_officer, Role::inspector, Role::leader};
constexpr TimeMs kInspectedAt = 1'772'240'400'000;  // 2026-02-28T01:00:00Z

std::string round_at(ApiCity& city, const std::string& code, const std::string& unit_code) {
  service::Principal cli = service::Principal::cli();
  try {
    city.services().rounds.get(cli, code);
    return code;
  } catch (const NotFound&) {
  }
  site_at(city, "RSITE-" + unit_code, unit_code);
  service::NewRound round;
  round.code = code;
  round.name = "轮次";
  round.period = "2026H1";
  round.under = unit_code;
  round.default_sample_size = 100000;  // every site there, however many other endpoints added
  round.seed = "1";
  city.services().rounds.create(cli, round);
  if (unit_code == unit(true))
    city.services().rounds.assign(cli, code, {{"RSITE-" + unit_code, "inspector"}}, {});
  return code;
}
std::string inspection_at(ApiCity& city, bool in) {
  service::Principal cli = service::Principal::cli();
  std::string round = round_at(city, in ? "RI-IN" : "RI-OUT", unit(in));
  auto sites = city.services().rounds.sites(cli, round, {}, {1, 10});
  if (sites.items.at(0).inspection) return *sites.items.at(0).inspection;
  service::SubmitInspection s;
  s.client_id = round;
  s.round = round;
  s.site = "RSITE-" + unit(in);
  s.inspected_at = kInspectedAt;
  service::Principal who =
      in ? city.services().auth.authenticate_api_token(city.token("inspector"), "") : cli;
  return city.services().inspections.submit(who, s).inspection.code;
}
std::string submission_body(const std::string& client_id, const std::string& round, const std::string& site) {
  return R"({"client_id":")" + client_id + R"(","round":")" + round + R"(","site":")" + site +
         R"(","inspected_at":"2026-02-28T01:00:00Z","gps":{"lat":31,"lon":121,"accuracy":5},"results":[]})";
}
// A draft of `owner` at the in-scope round site, made through the API as the owner; returns its client id.
std::string draft_of(ApiCity& city, const std::string& owner, int n) {
  std::string id = "d-" + owner + "-" + std::to_string(n);
  city.as(
      owner, "PUT", "/api/inspection-drafts/" + id,
      R"({"round":")" + round_at(city, "RD-IN", unit(true)) + R"(","site":"RSITE-)" + unit(true) + R"("})");
  return id;
}
std::string other_than(const std::string& user) {
  return user == "inspector" ? "office" : "inspector";
}

long long unit_version(ApiCity& city, const std::string& code) {
  return city.services().units.get(service::Principal::cli(), code).version;
}
long long user_version(ApiCity& city, const std::string& username) {
  return city.services().users.get(service::Principal::cli(), username).version;
}

// Work plans: PLAN-IN made by the city (visible to every unit below it) with T-IN (owner D1, from the city)
// split into T-IN-1 (owner D1-S1, assigned by D1); PLAN-OUT made by an office at D2 with T-OUT (owner D2-S1),
// which nobody at D1 may see. Created once, on first use.
const std::set<Role> kReadPlans{Role::office, Role::unit_officer, Role::leader};
const std::set<Role> kWorkTasks{Role::office, Role::unit_officer};
std::string plan_at(ApiCity& city, bool in) {
  service::Principal cli = service::Principal::cli();
  std::string code = in ? "PLAN-IN" : "PLAN-OUT";
  try {
    city.services().plans.get(cli, code);
    return code;
  } catch (const NotFound&) {
  }
  service::Principal maker = cli;
  if (!in) {
    Unit d2 = city.services().units.get(cli, "D2");
    maker = service::Principal{};
    maker.username = "office-d2";
    maker.unit_id = d2.id;
    maker.unit_code = d2.code;
    maker.unit_path = d2.path;
    maker.roles = {Role::office};
  }
  service::PlanDraft d;
  d.code = code;
  d.name = "方案";
  d.period = "2026H1";
  d.actions = {{"YMHJ", "优美环境", "", {}}};
  city.services().plans.create(maker, d);
  service::TaskDraft t;
  t.title = "任务";
  t.action = "YMHJ";
  t.start = "2026-03-01";
  t.due = "2026-03-31";
  t.code = in ? "T-IN" : "T-OUT";
  t.owner = in ? "D1" : "D2-S1";
  city.services().tasks.create(maker, code, t);
  if (in) {
    t.code = "T-IN-1";
    t.owner = "D1-S1";
    city.services().tasks.split(cli, "T-IN", {t}, std::nullopt);
  }
  return code;
}
std::string task_at(ApiCity& city, bool in) {
  plan_at(city, in);
  return in ? "T-IN-1" : "T-OUT";
}
// A pending report on the task (made by the CLI); its id, for approve and reject.
std::string pending_report(ApiCity& city, bool in) {
  service::Principal cli = service::Principal::cli();
  std::string code = task_at(city, in);
  return std::to_string(
      city.services().tasks.report(cli, code, {0.5, "", {}, {}}, std::nullopt).reports.back().id);
}

// Material submissions: a community MU-<n> created by the CLI under D1-S1 (in scope) or D2-S1 (out of scope)
// and, when `state` is not empty, a submission of A1.1.1 for it taken to "draft" or "submitted".
const std::set<Role> kReadMaterials{Role::office, Role::unit_officer, Role::leader};
const std::set<Role> kSubmitMaterials{Role::office, Role::unit_officer};
std::string material_unit(ApiCity& city, bool in, int n) {
  std::string code = "MU-" + std::to_string(n);
  city.services().units.create(service::Principal::cli(), {code, "社区" + code, "", UnitType::community,
                                                           in ? "D1-S1" : "D2-S1", 100, 1});
  return code;
}
service::MaterialSubmission material_at(ApiCity& city, bool in, int n, const std::string& state) {
  service::Principal cli = service::Principal::cli();
  auto m = city.services().materials.create(cli, {"2026H1", "A1.1.1", material_unit(city, in, n), "", {}});
  if (state == "submitted") m = city.services().materials.submit(cli, m.id);
  return m;
}
std::string material_path(ApiCity& city, bool in, int n, const std::string& state) {
  return "/api/materials/" + std::to_string(material_at(city, in, n, state).id);
}

// Self-inspections: one started by the CLI for a new community under D1-S1 (in scope) or D2-S1 (out of
// scope); `filled` rates A1.1.1 so that it can be finished.
const std::set<Role> kReadSelfInspections{Role::office, Role::unit_officer, Role::leader};
const std::set<Role> kManageSelfInspections{Role::office, Role::unit_officer};
std::string self_inspection_path(ApiCity& city, bool in, int n, bool filled = false) {
  service::Principal cli = service::Principal::cli();
  auto s = city.services().self_inspections.start(cli, "2026H1", material_unit(city, in, n));
  if (filled) city.services().self_inspections.set_item(cli, s.id, "A1.1.1", {0.9, "", "", {}});
  return "/api/self-inspections/" + std::to_string(s.id);
}

// Questionnaires: one created (and by default published) by the CLI over D1 (in scope) or D2 (out of scope),
// code "QN-<n>", one choice question Q1 (a|b) and a choice attribute type; `responses` public answers.
const std::set<Role> kReadQuestionnaires{Role::office, Role::unit_officer, Role::inspector, Role::leader};
const std::set<Role> kSubmitInterviews{Role::office, Role::inspector};
std::string questionnaire_body(const std::string& code, const std::string& unit) {
  return R"({"code":")" + code + R"(","title":{"zh-CN":"问卷"},"units":[")" + unit + R"("],
    "attributes":[{"code":"unit","kind":"unit","text":{"zh-CN":"社区"}},
      {"code":"type","kind":"choice","text":{"zh-CN":"身份"},
       "options":[{"code":"resident","text":{"zh-CN":"居民"}},{"code":"visitor","text":{"zh-CN":"游客"}}]}],
    "questions":[{"code":"Q1","type":"single","text":{"zh-CN":"题"},
       "options":[{"code":"a","text":{"zh-CN":"甲"}},{"code":"b","text":{"zh-CN":"乙"}}]}]})";
}
std::string questionnaire_at(ApiCity& city, bool in, int n, const std::string& state = "published",
                             int responses = 0) {
  service::Principal cli = service::Principal::cli();
  std::string code = "QN-" + std::to_string(n);
  auto& qs = city.services().questionnaires;
  auto q = qs.create(cli, service::definition_from_json(
                              boost::json::parse(questionnaire_body(code, district(in))).as_object()));
  if (state == "draft") return code;
  qs.publish(cli, code, q.revision);
  for (int i = 0; i < responses; ++i) {
    service::SubmitResponse r;
    r.questionnaire = code;
    r.version = 1;
    r.client_id = code + "-" + std::to_string(i);
    r.input.unit = district(in);
    r.input.attributes = {{"type", "resident"}};
    r.input.answers = {{"Q1", {false, {"a"}}}};
    city.services().survey_responses.submit(nullptr, r);
  }
  if (state == "closed") qs.close(cli, code);
  return code;
}
std::string questionnaire_path(ApiCity& city, bool in, int n, const std::string& state = "published") {
  return "/api/questionnaires/" + questionnaire_at(city, in, n, state);
}
// A public response to a new questionnaire, counted, or rejected by the CLI; its id.
std::string survey_response(ApiCity& city, bool in, int n, bool rejected) {
  std::string code = questionnaire_at(city, in, n, "published", 1);
  service::Principal cli = service::Principal::cli();
  auto page = city.services().survey_responses.list(cli, code, {}, {});
  long long id = page.items.at(0).id;
  if (rejected) city.services().survey_responses.reject(cli, id, "测试");
  return std::to_string(id);
}
std::string assignment_path(ApiCity& city, bool in, int n) {
  std::string code = questionnaire_at(city, in, n);
  auto a = city.services().questionnaires.assign(service::Principal::cli(), code,
                                                 {"inspector", district(in), 5, "street"});
  return "/api/questionnaires/" + code + "/assignments/" + std::to_string(a.id);
}

// Reports: a draft work summary made by the CLI for D1-S1 (in scope) or D2-S1 (out of scope); `state`
// "submitted" submits it.
const std::set<Role> kReadReports{Role::office, Role::unit_officer, Role::leader};
const std::set<Role> kWriteReports{Role::office};
std::string report_path(ApiCity& city, bool in, const std::string& state = "draft") {
  service::Principal cli = service::Principal::cli();
  auto r = city.services().reports.create(cli, "summary", in ? "D1-S1" : "D2-S1", "2026H1", "");
  if (state == "submitted") r = city.services().reports.act(cli, r.id, "submit", "");
  return "/api/reports/" + std::to_string(r.id);
}

// Bulletins: a weekly one of D1 (in scope) or D2 (out of scope) drafted by the CLI, then (by `state`)
// approved by another console operator and published; channels of D1 or D2 added by the CLI.
const std::set<Role> kReadBulletins{Role::office, Role::unit_officer, Role::leader};
std::string bulletin_path(ApiCity& city, bool in, const std::string& state) {
  service::Principal cli = service::Principal::cli();
  service::Principal other = cli;
  other.username = "cli-2";
  auto& b = city.services().bulletins;
  long long id = b.draft(cli, {"weekly", district(in), "2026H1", ""}).id;
  if (state != "draft") b.act(other, id, "approve", std::nullopt, "");
  if (state == "published") b.act(cli, id, "publish", std::nullopt, "");
  return "/api/bulletins/" + std::to_string(id);
}
std::string channel_path(ApiCity& city, bool in) {
  auto c = city.services().channels.add(
      service::Principal::cli(),
      {district(in), "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x", ""});
  return "/api/channels/" + std::to_string(c.id);
}

// Volunteers: a community under D1-S1 (in) or D2-S1 (out), made once; a volunteer there with a unique ID
// number (`n`), registered by the public (pending) or confirmed; a team at that community.
const std::set<Role> kVolunteers{Role::office, Role::unit_officer};

std::string community(ApiCity& city, bool in) {
  std::string code = in ? "D1-S1-C" : "D2-S1-C";
  try {
    city.services().units.get(service::Principal::cli(), code);
  } catch (const NotFound&) {
    city.services().units.create(service::Principal::cli(), {code, in ? "一社区" : "二社区", "C",
                                                             UnitType::community, unit(in), 3000, 1});
  }
  return code;
}

std::string volunteer_id_number(int n) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "11%04d19900101%03d", (n / 1000) % 10000, n % 1000);
  static const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (int i = 0; i < 17; ++i) sum += (digits[i] - '0') * w[i];
  return std::string(digits) + "10X98765432"[sum % 11];
}

std::string volunteer_body(ApiCity& city, bool in, int n) {
  return R"({"name":"张三","phone":"13812341234","id_number":")" + volunteer_id_number(n) + R"(","unit":")" +
         community(city, in) + R"("})";
}

std::string volunteer_at(ApiCity& city, bool in, int n, bool confirmed = false) {
  service::VolunteerInput v{"张三", "13812341234", volunteer_id_number(n), community(city, in), {}, ""};
  auto& vs = city.services().volunteers;
  return confirmed ? vs.enter(service::Principal::cli(), v).code : vs.register_public(v).code;
}

std::string team_at(ApiCity& city, bool in, int n) {
  return city.services()
      .volunteers
      .create_team(service::Principal::cli(), {"VT-" + std::to_string(n), "志愿服务队", community(city, in)})
      .code;
}

// Activities (appended with the activities slice): an activity at D1-S1 (in) or D2-S1 (out) made by the CLI,
// from the clock's now for two hours; a confirmed volunteer signed up, checked in and out (a record's id).
const std::set<Role> kReadActivities{Role::office, Role::unit_officer, Role::leader};
const std::set<Role> kManageActivities{Role::office, Role::unit_officer};

std::string activity_at(ApiCity& city, bool in, int n) {
  service::ActivityInput a;
  a.code = "ACT-" + std::to_string(n);
  a.unit = unit(in);
  a.type = "志愿服务";
  a.title = "活动";
  a.starts_at = city.clock().now_ms();
  a.ends_at = a.starts_at + 7200000;
  return city.services().activities.create(service::Principal::cli(), a).code;
}
// The activity and a confirmed volunteer signed up there; `stage`: "signed_up", "checked_in", "checked_out".
std::pair<std::string, std::string> activity_with(ApiCity& city, bool in, int n, const std::string& stage) {
  std::string code = activity_at(city, in, n);
  std::string v = volunteer_at(city, in, n, true);
  auto& acts = city.services().activities;
  service::Principal cli = service::Principal::cli();
  acts.sign_up(cli, code, v);
  TimeMs now = city.clock().now_ms();
  if (stage != "signed_up") acts.check_in(cli, code, v, now);
  if (stage == "checked_out") acts.check_out(cli, code, v, now + 3600000);
  return {code, v};
}
long long record_at(ApiCity& city, bool in, int n) {
  auto [code, v] = activity_with(city, in, n, "checked_out");
  return city.services().activities.get(service::Principal::cli(), code).records.at(0).id;
}

// Selections: one 文明家庭 selection (made once) and a family candidate at D1-S1 (in) or D2-S1 (out), taken
// as the console to `stage`; an open public objection to a candidate in notice.
const std::set<Role> kReadSelections{Role::office, Role::unit_officer, Role::inspector, Role::leader};
const std::set<Role> kNominateSelections{Role::office, Role::unit_officer};
const std::set<Role> kReviewSelections{Role::office, Role::inspector};

std::string selection_of(ApiCity& city) {
  auto& s = city.services().selections;
  try {
    s.get(service::Principal::cli(), "SEL-AUTH");
  } catch (const NotFound&) {
    service::SelectionInput in;
    in.code = "SEL-AUTH";
    in.kind = "civilized_family";
    in.title = "文明家庭";
    in.period = "2026";
    in.quota = 1000;
    in.notice_days = 7;
    in.term_years = 3;
    in.criteria = {{"c1", "家风", 10}};
    s.create(service::Principal::cli(), in);
  }
  return "SEL-AUTH";
}

std::string candidate_at(ApiCity& city, bool in, const std::string& stage, int n) {
  service::Principal cli = service::Principal::cli();
  auto& s = city.services().selections;
  std::string code = s.nominate(cli, selection_of(city), {"家庭" + std::to_string(n), unit(in), ""}).code;
  const char* steps[] = {"reviewed", "scored", "in_notice", "approved", "named"};
  const char* actions[] = {"review", "score", "start-notice", "approve", "name"};
  for (int i = 0; i < 5 && stage != "nominated"; ++i) {
    if (std::string(actions[i]) == "approve") {
      // The notice ended a week ago.
      auto lease = city.database().lease();
      long long started = city.clock().now_ms() - 8LL * 24 * 60 * 60 * 1000;
      *lease << "UPDATE selection_candidates SET notice_started_at = :t WHERE code = :c", soci::use(started),
          soci::use(code);
    }
    s.act(cli, code, actions[i], {{"c1", 8}}, "");
    if (stage == steps[i]) break;
  }
  return code;
}

std::string objection_at(ApiCity& city, bool in, int n) {
  std::string candidate = candidate_at(city, in, "in_notice", n);
  return std::to_string(
      city.services()
          .selections.lodge_objection(selection_of(city), {candidate, "异议", "李四", "13912345678"})
          .id);
}

// Leadership groups (organisation): a group formed anew at D1-S1 (in) or D2-S1 (out) for each call; a
// responsible person's start that grows with `n`, so that each PUT follows the one before.
const std::set<Role> kLeadership{Role::office, Role::unit_officer};  // manage_leadership
const std::string kLeadershipMembers = R"("members":[{"name":"王建国","position":"书记","role":"组长"}])";

std::string leadership_version_body(const std::string& from) {
  return R"({"valid_from":")" + from + R"(","notice":{"number":"〔2026〕3号","title":"通知"},)" +
         kLeadershipMembers + "}";
}

std::string leadership_group_at(ApiCity& city, bool in, int n) {
  service::LeadershipGroupInput g{
      "LG-" + std::to_string(n),
      "领导小组",
      "领导小组",
      {"2026-01-01", {"〔2026〕3号", "通知", ""}, {{"王建国", "书记", "组长", ""}}}};
  return city.services().leadership.create_group(service::Principal::cli(), unit(in), g).code;
}

std::string responsible_body(int n) {
  return R"({"kind":"liaison","name":"周强","valid_from":")" +
         to_iso(date_from_day_number(day_number({2026, 1, 1}) + n)) + R"("})";
}

std::vector<Endpoint> endpoints() {
  return {
      {"GET /api/me", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/me"); }, kEveryone,
       200, 0},
      {"GET /api/units", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/units"); },
       kReadUnits, 200, 0},
      {"GET /api/units/{code}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/units/" + unit(in)); }, kReadUnits,
       200, 404},
      {"GET /api/units?parent=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/units?parent=" + district(in)); },
       kReadUnits, 200, 404},
      {"GET /api/units?under=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/units?under=" + district(in)); },
       kReadUnits, 200, 404},
      // An out-of-scope parent is refused exactly like an unknown one: 400 naming parent_code.
      {"POST /api/units",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/units",
                     R"({"code":"NEW-)" + std::to_string(n) +
                         R"(","name":"新社区","type":"community","parent_code":")" + district(in) + R"("})");
       },
       {Role::system_admin},
       201,
       400},
      {"PUT /api/units/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", "/api/units/" + unit(in),
                     R"({"name":"改名)" + std::to_string(n) + R"(","version":)" +
                         std::to_string(unit_version(c, unit(in))) + "}");
       },
       {Role::system_admin},
       200,
       404},
      {"GET /api/users", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/users"); },
       kReadUsers, 200, 0},
      {"GET /api/users?unit=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/users?unit=" + unit(in)); },
       kReadUsers, 200, 404},
      {"GET /api/users/{username}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/users/" + target(in)); },
       kReadUsers, 200, 404},
      // An out-of-scope unit is refused exactly like an unknown one: 400 naming unit_code.
      {"POST /api/users",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/users",
                     R"({"username":"new)" + std::to_string(n) +
                         R"(","display_name":"新用户","unit_code":")" + unit(in) +
                         R"(","roles":["inspector"]})");
       },
       {Role::system_admin},
       201,
       400},
      {"PUT /api/users/{username}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", "/api/users/" + target(in),
                     R"({"display_name":"改)" + std::to_string(n) + R"(","version":)" +
                         std::to_string(user_version(c, target(in))) + "}");
       },
       {Role::system_admin},
       200,
       404,
       {Role::security_admin}},
      {"POST /api/users/{username}/actions/lock",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/users/" + target(in) + "/actions/lock");
       },
       {Role::security_admin},
       200,
       404},
      {"POST /api/users/{username}/actions/unlock",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/users/" + target(in) + "/actions/unlock");
       },
       {Role::security_admin},
       200,
       404},
      {"POST /api/users/{username}/actions/reset-password",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/users/" + target(in) + "/actions/reset-password");
       },
       {Role::system_admin, Role::security_admin},
       200,
       404},
      {"GET /api/audit",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/audit"); },
       {Role::audit_admin},
       200,
       0},
      {"GET /api/audit/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/audit/export?format=csv"); },
       {Role::audit_admin},
       200,
       0},
      {"GET /api/frameworks",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/frameworks"); }, kReadFramework, 200,
       0},
      {"GET /api/frameworks/{code}",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/frameworks/FW"); }, kReadFramework,
       200, 0},
      {"GET /api/periods", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/periods"); },
       kReadFramework, 200, 0},
      {"GET /api/scores",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/scores?period=2026H1&unit=" + unit(in));
       },
       kReadScores, 200, 404},
      {"GET /api/scores/export",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/scores/export?format=csv&period=2026H1&unit=" + unit(in));
       },
       kReadScores, 200, 404},
      {"GET /api/scores/items/{code}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/scores/items/A1.1.1?period=2026H1&unit=" + unit(in));
       },
       kReadScores, 200, 404},
      {"GET /api/sites?under=",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/sites?under=" + unit(in)); },
       kReadFramework, 200, 404},
      // Sites (manage_sites: office) and photos/files (upload: office, unit officer, inspector; read: +
      // leader).
      {"GET /api/sites/{code}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/sites/" + site_at(c, "SITE-" + unit(in), unit(in)));
       },
       kReadFramework, 200, 404},
      {"POST /api/sites",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/sites",
                     R"({"code":"NEW-)" + std::to_string(n) +
                         R"(","name":"新点位","type":"主干道","unit":")" + unit(in) + R"("})");
       },
       {Role::office},
       201,
       400},
      {"PUT /api/sites/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string code = site_at(c, "PUT-" + std::to_string(n), unit(in));
         return c.as(u, "PUT", "/api/sites/" + code,
                     R"({"name":"改名","type":"主干道","unit":")" + unit(in) + R"(","version":1})");
       },
       {Role::office},
       200,
       404},
      {"DELETE /api/sites/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "DELETE", "/api/sites/" + site_at(c, "DEL-" + std::to_string(n), unit(in)));
       },
       {Role::office},
       204,
       404},
      {"POST /api/sites/import",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/sites/import",
                     "code,name,type,unit\nIMP-" + std::to_string(n) + ",导入,主干道," + unit(in) + "\n");
       },
       {Role::office},
       200,
       400},
      {"GET /api/sites/export",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/sites/export?under=" + unit(in));
       },
       kReadFramework, 200, 404},
      {"GET /api/site-types",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/site-types"); }, kReadFramework, 200,
       0},
      {"POST /api/photos",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/photos", civic::testing::tiny_png(n, 1));
       },
       kUploadPhotos, 201, 0},
      {"POST /api/files",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/files?name=r.pdf", "%PDF-1.7 report " + std::to_string(n));
       },
       kUploadPhotos, 201, 0},
      {"GET /api/photos/{id}",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/photos/" + stored_photo(c)); },
       kReadFramework, 200, 0},
      {"GET /api/files/{id}",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/files/" + stored_photo(c)); },
       kReadFramework, 200, 0},
      {"GET /api/files/{id}/meta",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/files/" + stored_photo(c) + "/meta");
       },
       kReadFramework, 200, 0},
      {"POST /api/bundles",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/bundles", evaluation_bundle("P" + std::to_string(n)));
       },
       {Role::office},
       201,
       0},
      // Periods (manage_periods) and framework drafts (manage_framework): the office. Each call works on
      // its own period (a year of its own, so that none overlaps) or draft.
      {"POST /api/periods",
       [](ApiCity& c, auto& u, bool, int n) {
         std::string year = std::to_string(2100 + n);
         return c.as(u, "POST", "/api/periods",
                     R"({"code":"NP)" + std::to_string(n) + R"(","name":"周期","start":")" + year +
                         R"(-01-01","end":")" + year + R"(-12-31","framework":"FW"})");
       },
       {Role::office},
       201,
       0},
      {"GET /api/frameworks/{code}/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/frameworks/FW/export?format=csv"); },
       kReadFramework, 200, 0},
      {"GET /api/periods/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/periods/export?format=csv"); },
       kReadFramework, 200, 0},
      {"GET /api/periods/{code}",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/periods/2026H1"); }, kReadFramework,
       200, 0},
      {"POST /api/periods/{code}/actions/close",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/periods/" + period_for(c, n, false) + "/actions/close", "{}");
       },
       {Role::office},
       200,
       0},
      {"POST /api/periods/{code}/actions/reopen",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/periods/" + period_for(c, n, true) + "/actions/reopen",
                     R"({"reason":"复核"})");
       },
       {Role::office},
       200,
       0},
      {"POST /api/frameworks/{code}/drafts",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "POST", "/api/frameworks/FW/drafts", R"({"from_version":1})");
       },
       {Role::office},
       201,
       0},
      {"POST /api/frameworks/import",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "POST", "/api/frameworks/import?code=FW", framework_sheet());
       },
       {Role::office},
       201,
       0},
      {"GET /api/framework-drafts",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/framework-drafts"); },
       {Role::office},
       200,
       0},
      {"GET /api/framework-drafts/{id}",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/framework-drafts/" + std::to_string(draft_for(c).id));
       },
       {Role::office},
       200,
       0},
      {"PUT /api/framework-drafts/{id}",
       [](ApiCity& c, auto& u, bool, int) {
         service::FrameworkDraft d = draft_for(c);
         return c.as(u, "PUT", "/api/framework-drafts/" + std::to_string(d.id),
                     R"({"document":)" + d.document + R"(,"version":)" + std::to_string(d.version) + "}");
       },
       {Role::office},
       200,
       0},
      {"GET /api/framework-drafts/{id}/diff",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/framework-drafts/" + std::to_string(draft_for(c).id) + "/diff");
       },
       {Role::office},
       200,
       0},
      {"POST /api/framework-drafts/{id}/actions/publish",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST",
                     "/api/framework-drafts/" + std::to_string(changed_draft_for(c, n)) + "/actions/publish",
                     "{}");
       },
       {Role::office},
       200,
       0},
      {"GET /api/cases", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/cases"); },
       kReadCases, 200, 0},
      {"GET /api/cases/export",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/cases/export?format=csv&unit=" + district(in));
       },
       kReadCases, 200, 404},
      {"GET /api/cases/{code}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/cases/" + case_at(c, unit(in), "handled"));
       },
       kReadCases, 200, 404},
      {"POST /api/cases",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/cases",
                     R"({"title":"t","category":"order","unit":")" + unit(in) + R"(","source":"hotline"})");
       },
       kActOnCases, 201, 400},
      {"POST /api/cases/{code}/actions/{action}",
       [](ApiCity& c, auto& u, bool in, int) {
         // Each role takes an action its part of the lifecycle allows.
         if (u == "unit_officer") {
           return c.as(u, "POST", "/api/cases/" + case_at(c, unit(in), "dispatched") + "/actions/accept",
                       "{}");
         }
         return c.as(u, "POST", "/api/cases/" + case_at(c, unit(in), "handled") + "/actions/verify-ok", "{}");
       },
       kActOnCases, 200, 404},
      {"GET /api/case-measures",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/case-measures?period=2026H1&unit=" + unit(in));
       },
       kReadCaseMeasures, 200, 404},
      {"GET /api/case-rankings",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/case-rankings?period=2026H1&level=street&under=" + district(in));
       },
       kReadCaseMeasures, 200, 404},
      {"GET /api/case-rankings/export",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET",
                     "/api/case-rankings/export?format=csv&period=2026H1&level=street&under=" + district(in));
       },
       kReadCaseMeasures, 200, 404},
      {"GET /api/notifications",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/notifications"); }, kEveryone, 200,
       0},
      {"GET /api/security/settings",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/security/settings"); },
       {Role::security_admin},
       200,
       0},
      {"PUT /api/security/settings",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "PUT", "/api/security/settings", R"({"login_lock_minutes":20})");
       },
       {Role::security_admin},
       200,
       0},
      {"POST /api/notifications/{id}/actions/read",
       [](ApiCity& c, auto& u, bool in, int) {
         // Out of scope: someone else's notification.
         return c.as(u, "POST",
                     "/api/notifications/" + notification_for(c, in ? u : "target2") + "/actions/read");
       },
       kEveryone, 204, 404},
      {"POST /api/notifications/actions/read-all",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "POST", "/api/notifications/actions/read-all"); },
       kEveryone, 204, 0},
      {"GET /api/rounds", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/rounds"); },
       kReadRounds, 200, 0},
      {"GET /api/rounds/{code}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/rounds/" + round_at(c, in ? "RA-IN" : "RA-OUT", unit(in)));
       },
       kReadRounds, 200, 404},
      {"GET /api/rounds/{code}/sites",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/rounds/" + round_at(c, in ? "RA-IN" : "RA-OUT", unit(in)) + "/sites");
       },
       kReadRounds, 200, 404},
      // An out-of-scope `under` is refused exactly like an unknown one: 400 naming under.
      {"POST /api/rounds",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/rounds",
                     R"({"code":"RN-)" + std::to_string(n) +
                         R"(","name":"新轮次","period":"2026H1","under":")" + unit(in) +
                         R"(","default_sample_size":2})");
       },
       {Role::office},
       201,
       400},
      {"POST /api/rounds/{code}/actions/assign",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST",
                     "/api/rounds/" + round_at(c, in ? "RA-IN" : "RA-OUT", unit(in)) + "/actions/assign",
                     R"({"inspectors":["inspector"]})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/rounds/{code}/actions/complete",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/rounds/" + round_at(c, "RC-" + std::to_string(n), unit(in)) + "/actions/complete");
       },
       {Role::office},
       200,
       404},
      {"GET /api/my/assignments",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/my/assignments"); },
       kSubmitInspections, 200, 0},
      {"GET /api/inspection-form",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET",
                     "/api/inspection-form?round=" + round_at(c, in ? "RA-IN" : "RA-OUT", unit(in)) +
                         "&site=RSITE-" + unit(in));
       },
       kReadRounds, 200, 404},
      {"POST /api/inspections",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string round = round_at(c, "RS-" + std::to_string(n), unit(in));
         return c.as(u, "POST", "/api/inspections",
                     submission_body("c-" + std::to_string(n), round, "RSITE-" + unit(in)));
       },
       kSubmitInspections, 201, 404},
      {"GET /api/inspections",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/inspections"); }, kReadInspections,
       200, 0},
      {"GET /api/inspections/{code}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/inspections/" + inspection_at(c, in));
       },
       kReadInspections, 200, 404},
      {"POST /api/inspections/{code}/versions",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/inspections/" + inspection_at(c, in) + "/versions",
                     R"({"client_id":"v-)" + std::to_string(n) + R"(","reason":"更正","results":[]})");
       },
       kSubmitInspections, 201, 404},
      {"PUT /api/inspection-drafts/{client_id}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", "/api/inspection-drafts/p-" + std::to_string(n),
                     R"({"round":")" + round_at(c, in ? "RD-IN" : "RD-OUT", unit(in)) +
                         R"(","site":"RSITE-)" + unit(in) + R"(","note":"草稿"})");
       },
       kSubmitInspections, 200, 404},
      // Out of scope: someone else's draft.
      {"GET /api/inspection-drafts/{client_id}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/inspection-drafts/" + draft_of(c, in ? u : other_than(u), n));
       },
       kSubmitInspections, 200, 404},
      {"DELETE /api/inspection-drafts/{client_id}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "DELETE", "/api/inspection-drafts/" + draft_of(c, in ? u : other_than(u), n));
       },
       kSubmitInspections, 204, 404},
      {"GET /api/plans", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/plans"); },
       kReadPlans, 200, 0},
      {"GET /api/plans/{code}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/plans/" + plan_at(c, in)); },
       kReadPlans, 200, 404},
      {"POST /api/plans",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(u, "POST", "/api/plans",
                     R"({"code":"NP-)" + std::to_string(n) + R"(","name":"方案","period":"2026H1",
                         "phases":[{"code":"PH1","name":"动员部署","start":"2026-01-01","end":"2026-02-28"}],
                         "actions":[{"code":"YMHJ","name":"优美环境","phases":["PH1"]}]})");
       },
       {Role::office},
       201,
       0},
      {"GET /api/plan-progress?unit=",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/plan-progress?plan=" + plan_at(c, true) + "&unit=" + unit(in));
       },
       kReadPlans, 200, 404},
      {"GET /api/plans/{code}/lagging-items?unit=",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/plans/" + plan_at(c, true) + "/lagging-items?unit=" + unit(in));
       },
       kReadPlans, 200, 404},
      {"POST /api/plans/{code}/tasks/import",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/plans/" + plan_at(c, in) + "/tasks/import",
                     "code,title,action,owner,start,due\nIMP-" + std::to_string(n) +
                         ",导入,YMHJ,D1-S1,2026-03-01,2026-03-10\n");
       },
       {Role::office},
       200,
       404},
      {"GET /api/plans/{code}/tasks/export",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/plans/" + plan_at(c, in) + "/tasks/export?format=csv");
       },
       kReadPlans, 200, 404},
      {"GET /api/tasks", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/tasks"); },
       kReadPlans, 200, 0},
      {"GET /api/tasks/{code}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", "/api/tasks/" + task_at(c, in)); },
       kReadPlans, 200, 404},
      // An out-of-scope owner is refused exactly like an unknown one: 400 naming owner.
      {"POST /api/tasks",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/tasks",
                     R"({"plan":")" + plan_at(c, true) + R"(","code":"AT-)" + std::to_string(n) +
                         R"(","title":"任务","action":"YMHJ","owner":")" + unit(in) +
                         R"(","start":"2026-03-01","due":"2026-03-31"})");
       },
       {Role::office},
       201,
       400},
      {"POST /api/tasks/{code}/actions/split",
       [](ApiCity& c, auto& u, bool in, int) {
         // T-IN (owner D1) gets another child, so that T-IN-1 stays a task without sub-tasks (reported with
         // a percentage by the rows below).
         plan_at(c, in);
         return c.as(u, "POST", std::string("/api/tasks/") + (in ? "T-IN" : "T-OUT") + "/actions/split",
                     R"({"children":[{"title":"分解","owner":")" + unit(in) + R"("}]})");
       },
       kWorkTasks, 200, 404},
      {"POST /api/tasks/{code}/actions/report",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/tasks/" + task_at(c, in) + "/actions/report",
                     R"({"progress":0.4,"note":"进展"})");
       },
       kWorkTasks, 200, 404},
      {"POST /api/tasks/{code}/actions/approve",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/tasks/" + task_at(c, in) + "/actions/approve",
                     R"({"report":)" + pending_report(c, in) + "}");
       },
       kWorkTasks, 200, 404},
      {"POST /api/tasks/{code}/actions/reject",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/tasks/" + task_at(c, in) + "/actions/reject",
                     R"({"report":)" + pending_report(c, in) + R"(,"reason":"佐证不足"})");
       },
       kWorkTasks, 200, 404},
      {"POST /api/tasks/{code}/actions/remind",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/tasks/" + task_at(c, in) + "/actions/remind", R"({"note":"请加快"})");
       },
       kWorkTasks, 200, 404},
      {"GET /api/statistics",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/statistics?period=2026H1"); },
       kReadScores, 200, 0},
      {"GET /api/statistics/export",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/statistics/export?period=2026H1&format=csv");
       },
       kReadScores, 200, 0},
      {"GET /api/statistics/completeness",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/statistics/completeness?period=2026H1");
       },
       kReadScores, 200, 0},
      {"PUT /api/statistics/deadlines/{period}",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "PUT", "/api/statistics/deadlines/2026H1", R"({"due":"2026-06-10"})");
       },
       {Role::office},
       200,
       0},
      {"POST /api/statistics/actions/remind",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "POST", "/api/statistics/actions/remind", R"({"period":"2026H1"})");
       },
       {Role::office},
       200,
       0},
      {"GET /api/statistics/template",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/statistics/template?period=2026H1&format=xlsx");
       },
       {Role::office, Role::unit_officer},
       200,
       0},
      // No statistic item: the row's metric is unknown (400 naming the row), refused alike by role first.
      {"POST /api/statistics/import",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/statistics/import?period=2026H1",
                     platform::write_xlsx({{"单位编码", "指标编码", "本期值"}, {district(in), "none", "1"}},
                                          "数据填报"));
       },
       {Role::office, Role::unit_officer},
       400,
       0},
      // The matrix's framework has no statistic item: every value is unknown, refused alike by role first.
      {"GET /api/statistics/{period}/{unit}/{metric}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/statistics/2026H1/" + district(in) + "/none");
       },
       kReadScores, 404, 404},
      {"PUT /api/statistics/{period}/{unit}/{metric}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "PUT", "/api/statistics/2026H1/" + district(in) + "/none",
                     R"({"value":1,"version":0})");
       },
       {Role::office, Role::unit_officer},
       404,
       404},
      {"POST /api/statistics/{period}/{unit}/{metric}/actions/{action}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/statistics/2026H1/" + district(in) + "/none/actions/approve",
                     R"({"version":1})");
       },
       {Role::office},
       404,
       404},
      {"GET /api/penalties",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/penalties?period=2026H1"); },
       kReadScores, 200, 0},
      {"GET /api/penalties/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/penalties/export?format=csv"); },
       kReadScores, 200, 0},
      {"GET /api/penalties/{id}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/penalties/" + penalty_at(c, in));
       },
       kReadScores, 200, 404},
      // An out-of-scope unit is refused like an unknown one: 400 naming unit.
      {"POST /api/penalties",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/penalties",
                     R"({"period":"2026H1","unit":")" + unit(in) +
                         R"(","type":"N1","date":"2026-03-01","description":"事故"})");
       },
       {Role::office},
       201,
       400},
      {"POST /api/penalties/{id}/actions/withdraw",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/penalties/" + penalty_at(c, in) + "/actions/withdraw",
                     R"({"reason":"撤销"})");
       },
       {Role::office},
       200,
       404},
      {"GET /api/materials", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/materials"); },
       kReadMaterials, 200, 0},
      {"GET /api/materials/status",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/materials/status?period=2026H1"); },
       kReadMaterials, 200, 0},
      {"GET /api/materials/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/materials/export?format=csv"); },
       kReadMaterials, 200, 0},
      {"GET /api/materials/{id}",
       [](ApiCity& c, auto& u, bool in, int n) { return c.as(u, "GET", material_path(c, in, n, "draft")); },
       kReadMaterials, 200, 404},
      {"POST /api/materials",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/materials",
                     R"({"period":"2026H1","item":"A1.1.1","unit":")" + material_unit(c, in, n) +
                         R"(","description":"制度汇编","files":[]})");
       },
       kSubmitMaterials, 201, 404},
      {"PUT /api/materials/{id}",
       [](ApiCity& c, auto& u, bool in, int n) {
         auto m = material_at(c, in, n, "draft");
         return c.as(u, "PUT", "/api/materials/" + std::to_string(m.id),
                     R"({"description":"新说明","files":[],"version":)" + std::to_string(m.version) + "}");
       },
       kSubmitMaterials, 200, 404},
      {"POST /api/materials/{id}/actions/submit",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", material_path(c, in, n, "draft") + "/actions/submit", "{}");
       },
       kSubmitMaterials, 200, 404},
      {"POST /api/materials/{id}/actions/grade",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", material_path(c, in, n, "submitted") + "/actions/grade",
                     R"({"grade":"B","comment":"基本齐全"})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/materials/{id}/actions/return",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", material_path(c, in, n, "submitted") + "/actions/return",
                     R"({"reason":"缺少附件"})");
       },
       {Role::office},
       200,
       404},
      {"GET /api/self-inspections",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/self-inspections"); },
       kReadSelfInspections, 200, 0},
      {"GET /api/self-inspections/export",
       [](ApiCity& c, auto& u, bool, int) {
         return c.as(u, "GET", "/api/self-inspections/export?format=csv");
       },
       kReadSelfInspections, 200, 0},
      {"GET /api/self-inspections/{id}",
       [](ApiCity& c, auto& u, bool in, int n) { return c.as(u, "GET", self_inspection_path(c, in, n)); },
       kReadSelfInspections, 200, 404},
      {"GET /api/self-inspections/{id}/gaps",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", self_inspection_path(c, in, n, true) + "/gaps");
       },
       kReadSelfInspections, 200, 404},
      {"POST /api/self-inspections",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/self-inspections",
                     R"({"period":"2026H1","unit":")" + material_unit(c, in, n) + R"("})");
       },
       kManageSelfInspections, 201, 404},
      {"PUT /api/self-inspections/{id}/items/{item}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", self_inspection_path(c, in, n) + "/items/A1.1.1", R"({"self_rate":0.8})");
       },
       kManageSelfInspections, 200, 404},
      {"POST /api/self-inspections/{id}/actions/finish",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", self_inspection_path(c, in, n, true) + "/actions/finish", "{}");
       },
       kManageSelfInspections, 200, 404},
      {"GET /api/bulletins", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/bulletins"); },
       kReadBulletins, 200, 0},
      {"POST /api/bulletins",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/bulletins",
                     R"({"kind":"weekly","unit":")" + district(in) + R"(","period":"2026H1"})");
       },
       {Role::office},
       201,
       400},
      {"GET /api/bulletins/{id}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", bulletin_path(c, in, "published")); },
       kReadBulletins, 200, 404},
      {"PUT /api/bulletins/{id}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "PUT", bulletin_path(c, in, "draft"), R"({"prose":{"opening":"通报如下。"}})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/bulletins/{id}/actions/approve",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", bulletin_path(c, in, "draft") + "/actions/approve", "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/bulletins/{id}/actions/publish",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", bulletin_path(c, in, "approved") + "/actions/publish", "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/bulletins/{id}/actions/withdraw",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", bulletin_path(c, in, "draft") + "/actions/withdraw", R"({"reason":"重复"})");
       },
       {Role::office},
       200,
       404},
      {"GET /api/bulletins/{id}/document",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", bulletin_path(c, in, "published") + "/document?format=html");
       },
       kReadBulletins, 200, 404},
      {"GET /api/bulletin-schedules/{unit}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/bulletin-schedules/" + district(in));
       },
       kReadBulletins, 200, 404},
      {"PUT /api/bulletin-schedules/{unit}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "PUT", "/api/bulletin-schedules/" + district(in), R"({"every_days":14})");
       },
       {Role::office},
       200,
       404},
      {"GET /api/channels",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/channels"); },
       {Role::office},
       200,
       0},
      {"POST /api/channels",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(
             u, "POST", "/api/channels",
             R"({"unit":")" + district(in) +
                 R"(","kind":"dingtalk","target":"https://oapi.dingtalk.com/robot/send?access_token=x","secret":"SEC1"})");
       },
       {Role::office},
       201,
       400},
      {"DELETE /api/channels/{id}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "DELETE", channel_path(c, in)); },
       {Role::office},
       204,
       404},
      {"GET /api/deliveries",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/deliveries"); },
       {Role::office},
       200,
       0},
      {"GET /api/big-screen",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/big-screen?period=2026H1"); },
       {Role::office, Role::leader},
       200,
       0},
      {"GET /api/questionnaires",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/questionnaires"); },
       kReadQuestionnaires, 200, 0},
      {"POST /api/questionnaires",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/questionnaires",
                     questionnaire_body("QP-" + std::to_string(n), district(in)));
       },
       {Role::office},
       201,
       400},
      {"GET /api/questionnaires/{code}",
       [](ApiCity& c, auto& u, bool in, int n) { return c.as(u, "GET", questionnaire_path(c, in, n)); },
       kReadQuestionnaires, 200, 404},
      {"PUT /api/questionnaires/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string code = questionnaire_at(c, in, n, "draft");
         std::string body = questionnaire_body(code, district(in));
         body.insert(1, R"("revision":1,)");
         return c.as(u, "PUT", "/api/questionnaires/" + code, body);
       },
       {Role::office},
       200,
       404},
      {"GET /api/questionnaires/{code}/versions",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/versions");
       },
       kReadQuestionnaires, 200, 404},
      {"GET /api/questionnaires/{code}/versions/{n}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/versions/1");
       },
       kReadQuestionnaires, 200, 404},
      {"POST /api/questionnaires/{code}/actions/publish",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", questionnaire_path(c, in, n, "draft") + "/actions/publish",
                     R"({"revision":1})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/questionnaires/{code}/actions/close",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", questionnaire_path(c, in, n) + "/actions/close", "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/questionnaires/{code}/actions/reopen",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", questionnaire_path(c, in, n, "closed") + "/actions/reopen", "{}");
       },
       {Role::office},
       200,
       404},
      {"GET /api/questionnaires/{code}/assignments",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/assignments");
       },
       kReadQuestionnaires, 200, 404},
      {"POST /api/questionnaires/{code}/assignments",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(
             u, "POST", questionnaire_path(c, in, n) + "/assignments",
             R"({"interviewer":"inspector","unit":")" + district(in) + R"(","target":10,"mode":"street"})");
       },
       {Role::office},
       201,
       404},
      {"PUT /api/questionnaires/{code}/assignments/{id}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", assignment_path(c, in, n), R"({"target":8,"mode":"household"})");
       },
       {Role::office},
       200,
       404},
      {"DELETE /api/questionnaires/{code}/assignments/{id}",
       [](ApiCity& c, auto& u, bool in, int n) { return c.as(u, "DELETE", assignment_path(c, in, n)); },
       {Role::office},
       204,
       404},
      {"GET /api/my/survey-assignments",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/my/survey-assignments"); },
       kSubmitInterviews, 200, 0},
      {"GET /api/questionnaires/{code}/quotas",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/quotas");
       },
       kReadQuestionnaires, 200, 404},
      {"GET /api/questionnaires/{code}/responses",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/responses");
       },
       {Role::office},
       200,
       404},
      {"GET /api/questionnaires/{code}/responses/export",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/responses/export?format=csv");
       },
       {Role::office},
       200,
       404},
      {"POST /api/responses/{id}/actions/accept",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/responses/" + survey_response(c, in, n, true) + "/actions/accept",
                     R"({"reason":"核实"})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/responses/{id}/actions/reject",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/responses/" + survey_response(c, in, n, false) + "/actions/reject",
                     R"({"reason":"重复"})");
       },
       {Role::office},
       200,
       404},
      {"GET /api/questionnaires/{code}/results",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/results?answer=a");
       },
       kReadQuestionnaires, 200, 404},
      {"GET /api/questionnaires/{code}/results/export",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/results/export?format=csv&answer=a");
       },
       kReadQuestionnaires, 200, 404},
      {"GET /api/questionnaires/{code}/crosstab",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", questionnaire_path(c, in, n) + "/crosstab?by=type&answer=a");
       },
       kReadQuestionnaires, 200, 404},
      {"POST /api/responses",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string code = questionnaire_at(c, in, n);
         return c.as(u, "POST", "/api/responses",
                     R"({"questionnaire":")" + code + R"(","version":1,"client_id":"a-)" + std::to_string(n) +
                         R"(","unit":")" + district(in) +
                         R"(","attributes":{"type":"resident"},"answers":{"Q1":"a"}})");
       },
       kSubmitInterviews, 201, 400},
      {"GET /api/reports", [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/reports"); },
       kReadReports, 200, 0},
      {"GET /api/reports/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/reports/export?format=csv"); },
       kReadReports, 200, 0},
      {"POST /api/reports",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/reports",
                     std::string(R"({"template":"summary","period":"2026H1","unit":")") +
                         (in ? "D1-S1" : "D2-S1") + R"("})");
       },
       kWriteReports, 201, 404},
      {"GET /api/reports/{id}",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", report_path(c, in)); }, kReadReports,
       200, 404},
      {"GET /api/reports/{id}/versions",
       [](ApiCity& c, auto& u, bool in, int) { return c.as(u, "GET", report_path(c, in) + "/versions"); },
       kReadReports, 200, 404},
      {"GET /api/reports/{id}/document",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", report_path(c, in) + "/document?format=html");
       },
       kReadReports, 200, 404},
      {"PUT /api/reports/{id}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "PUT", report_path(c, in), R"({"prose":{"opening":["今年上半年。"]},"version":1})");
       },
       kWriteReports, 200, 404},
      {"POST /api/reports/{id}/actions/{action}",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", report_path(c, in) + "/actions/submit", "{}");
       },
       kWriteReports, 200, 404},
      {"GET /api/volunteers",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/volunteers"); }, kVolunteers, 200, 0},
      {"GET /api/volunteers/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/volunteers/export?format=csv"); },
       kVolunteers, 200, 0},
      {"POST /api/volunteers",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/volunteers", volunteer_body(c, in, n));
       },
       kVolunteers, 201, 400},
      {"GET /api/volunteers/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/volunteers/" + volunteer_at(c, in, n));
       },
       kVolunteers, 200, 404},
      {"GET /api/volunteers/{code}?reveal=id_number",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/volunteers/" + volunteer_at(c, in, n) + "?reveal=id_number");
       },
       {Role::office},
       200,
       404},
      {"POST /api/volunteers/{code}/actions/confirm",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/volunteers/" + volunteer_at(c, in, n) + "/actions/confirm", "{}");
       },
       kVolunteers, 200, 404},
      {"POST /api/volunteers/{code}/actions/reject",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/volunteers/" + volunteer_at(c, in, n) + "/actions/reject",
                     R"({"reason":"重复登记"})");
       },
       kVolunteers, 200, 404},
      {"GET /api/volunteer-teams",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/volunteer-teams"); }, kVolunteers,
       200, 0},
      {"POST /api/volunteer-teams",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/volunteer-teams",
                     R"({"name":"志愿服务队","unit":")" + community(c, in) + "\"}");
       },
       kVolunteers, 201, 400},
      {"POST /api/volunteer-teams/{code}/members",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string team = team_at(c, in, n);
         return c.as(u, "POST", "/api/volunteer-teams/" + team + "/members",
                     R"({"volunteer":")" + volunteer_at(c, in, n, true) + "\"}");
       },
       kVolunteers, 200, 404},
      {"DELETE /api/volunteer-teams/{code}/members/{volunteer}",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string team = team_at(c, in, n);
         std::string volunteer = volunteer_at(c, in, n, true);
         c.services().volunteers.add_member(service::Principal::cli(), team, volunteer);
         return c.as(u, "DELETE", "/api/volunteer-teams/" + team + "/members/" + volunteer);
       },
       kVolunteers, 200, 404},
      {"GET /api/activities",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/activities"); }, kReadActivities, 200,
       0},
      {"GET /api/activities/export",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/activities/export?format=csv"); },
       kReadActivities, 200, 0},
      {"GET /api/activities/report",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/activities/report?period=2026H1"); },
       kReadActivities, 200, 0},
      {"POST /api/activities",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(
             u, "POST", "/api/activities",
             R"({"unit":")" + unit(in) +
                 R"(","type":"宣传","title":"t","starts_at":"2026-03-01T01:00:00Z","ends_at":"2026-03-01T02:00:00Z"})");
       },
       kManageActivities, 201, 400},
      {"GET /api/activities/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/activities/" + activity_at(c, in, n));
       },
       kReadActivities, 200, 404},
      {"PUT /api/activities/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string code = activity_at(c, in, n);
         return c.as(u, "PUT", "/api/activities/" + code,
                     R"({"version":1,"type":"宣传","title":"改","starts_at":")" +
                         format_rfc3339(c.clock().now_ms()) + R"(","ends_at":")" +
                         format_rfc3339(c.clock().now_ms() + 7200000) + "\"}");
       },
       kManageActivities, 200, 404},
      {"POST /api/activities/{code}/actions/cancel",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/activities/" + activity_at(c, in, n) + "/actions/cancel",
                     R"({"version":1,"reason":"天气"})");
       },
       kManageActivities, 200, 404},
      {"POST /api/activities/{code}/actions/sign-up",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string code = activity_at(c, in, n);
         return c.as(u, "POST", "/api/activities/" + code + "/actions/sign-up",
                     R"({"volunteer":")" + volunteer_at(c, in, n, true) + "\"}");
       },
       kManageActivities, 200, 404},
      {"POST /api/activities/{code}/actions/check-in",
       [](ApiCity& c, auto& u, bool in, int n) {
         auto [code, v] = activity_with(c, in, n, "signed_up");
         return c.as(u, "POST", "/api/activities/" + code + "/actions/check-in",
                     R"({"volunteer":")" + v + "\"}");
       },
       kManageActivities, 200, 404},
      {"POST /api/activities/{code}/actions/check-out",
       [](ApiCity& c, auto& u, bool in, int n) {
         auto [code, v] = activity_with(c, in, n, "checked_in");
         return c.as(u, "POST", "/api/activities/" + code + "/actions/check-out",
                     R"({"volunteer":")" + v + "\"}");
       },
       kManageActivities, 200, 404},
      {"POST /api/activities/{code}/actions/approve-records",
       [](ApiCity& c, auto& u, bool in, int n) {
         long long id = record_at(c, in, n);
         return c.as(u, "POST", "/api/activities/ACT-" + std::to_string(n) + "/actions/approve-records",
                     R"({"records":[)" + std::to_string(id) + "]}");
       },
       kManageActivities, 200, 404},
      {"POST /api/service-records/{id}/actions/correct",
       [](ApiCity& c, auto& u, bool in, int n) {
         long long id = record_at(c, in, n);
         return c.as(
             u, "POST", "/api/service-records/" + std::to_string(id) + "/actions/correct",
             R"({"check_in":"2026-03-01T00:00:00Z","check_out":"2026-03-01T01:00:00Z","reason":"更正"})");
       },
       kManageActivities, 201, 404},
      {"GET /api/service-records/export",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/service-records/export?period=2026H1&unit=" + unit(in));
       },
       {Role::office},
       200,
       400},
      {"GET /api/practice-stations",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/practice-stations"); },
       kReadActivities, 200, 0},
      {"POST /api/practice-stations",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/practice-stations",
                     R"({"code":"PS-)" + std::to_string(n) +
                         R"(","name":"实践站","level":"station","unit":")" + unit(in) + "\"}");
       },
       kManageActivities, 201, 400},
      {"GET /api/volunteers/{code}/certificate",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/volunteers/" + volunteer_at(c, in, n, true) + "/certificate?format=pdf");
       },
       kVolunteers, 200, 404},
      {"GET /api/selections",
       [](ApiCity& c, auto& u, bool, int) {
         selection_of(c);
         return c.as(u, "GET", "/api/selections");
       },
       kReadSelections, 200, 0},
      {"POST /api/selections",
       [](ApiCity& c, auto& u, bool, int n) {
         return c.as(
             u, "POST", "/api/selections",
             R"({"code":"SEL-)" + std::to_string(n) +
                 R"(","kind":"civilized_unit","title":"文明单位","period":"2026","quota":5,"notice_days":7,)"
                 R"("term_years":3,"criteria":[{"code":"c1","text":"组织","max_points":10}]})");
       },
       {Role::office},
       201,
       0},
      {"GET /api/selections/{code}",
       [](ApiCity& c, auto& u, bool, int) { return c.as(u, "GET", "/api/selections/" + selection_of(c)); },
       kReadSelections, 200, 0},
      {"POST /api/selections/{code}/candidates",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/selections/" + selection_of(c) + "/candidates",
                     R"({"name":"家庭)" + std::to_string(n) + R"(","unit":")" + unit(in) + "\"}");
       },
       kNominateSelections, 201, 400},
      {"GET /api/selection-candidates/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/selection-candidates/" + candidate_at(c, in, "nominated", n));
       },
       kReadSelections, 200, 0},
      {"POST /api/selection-candidates/{code}/actions/review",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/selection-candidates/" + candidate_at(c, in, "nominated", n) + "/actions/review",
                     "{}");
       },
       kNominateSelections, 200, 404},
      // The panel scores candidates of any unit but never of its own (D1) or below it: D2-S1 in, D1-S1 403.
      {"POST /api/selection-candidates/{code}/actions/score",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/selection-candidates/" + candidate_at(c, !in, "reviewed", n) + "/actions/score",
                     R"({"points":{"c1":7}})");
       },
       kReviewSelections, 200, 403},
      {"POST /api/selection-candidates/{code}/actions/start-notice",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(
             u, "POST",
             "/api/selection-candidates/" + candidate_at(c, in, "scored", n) + "/actions/start-notice", "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-candidates/{code}/actions/approve",
       [](ApiCity& c, auto& u, bool in, int n) {
         std::string code = candidate_at(c, in, "in_notice", n);
         auto lease = c.database().lease();
         long long started = c.clock().now_ms() - 8LL * 24 * 60 * 60 * 1000;
         *lease << "UPDATE selection_candidates SET notice_started_at = :t WHERE code = :c",
             soci::use(started), soci::use(code);
         return c.as(u, "POST", "/api/selection-candidates/" + code + "/actions/approve", "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-candidates/{code}/actions/name",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/selection-candidates/" + candidate_at(c, in, "approved", n) + "/actions/name",
                     "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-candidates/{code}/actions/withdraw",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/selection-candidates/" + candidate_at(c, in, "nominated", n) + "/actions/withdraw",
                     R"({"note":"材料不实"})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-candidates/{code}/actions/renew",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/selection-candidates/" + candidate_at(c, in, "named", n) + "/actions/renew", "{}");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-candidates/{code}/actions/revoke",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST",
                     "/api/selection-candidates/" + candidate_at(c, in, "named", n) + "/actions/revoke",
                     R"({"note":"复查不合格"})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-objections/{id}/actions/uphold",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/selection-objections/" + objection_at(c, in, n) + "/actions/uphold",
                     R"({"note":"查实"})");
       },
       {Role::office},
       200,
       404},
      {"POST /api/selection-objections/{id}/actions/dismiss",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/selection-objections/" + objection_at(c, in, n) + "/actions/dismiss",
                     R"({"note":"不属实"})");
       },
       {Role::office},
       200,
       404},
      {"GET /api/units/{code}/leadership-groups",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/units/" + unit(in) + "/leadership-groups");
       },
       kReadUnits, 200, 404},
      {"POST /api/units/{code}/leadership-groups",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "POST", "/api/units/" + unit(in) + "/leadership-groups",
                     R"({"kind":"领导小组","name":"领导小组","valid_from":"2026-01-01",)"
                     R"("notice":{"number":"〔2026〕3号","title":"通知"},)" +
                         kLeadershipMembers + "}");
       },
       kLeadership, 201, 404},
      {"GET /api/leadership-groups/{code}",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET",
                     "/api/leadership-groups/" + leadership_group_at(c, in, n) + "?date=2026-06-30");
       },
       kReadUnits, 200, 404},
      {"GET /api/leadership-groups/{code}/versions",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "GET", "/api/leadership-groups/" + leadership_group_at(c, in, n) + "/versions");
       },
       kReadUnits, 200, 404},
      {"POST /api/leadership-groups/{code}/versions",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "POST", "/api/leadership-groups/" + leadership_group_at(c, in, n) + "/versions",
                     leadership_version_body("2026-07-01"));
       },
       kLeadership, 201, 404},
      {"GET /api/units/{code}/responsible-persons",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/units/" + unit(in) + "/responsible-persons");
       },
       kReadUnits, 200, 404},
      {"GET /api/units/{code}/responsible-persons?reveal=phone",
       [](ApiCity& c, auto& u, bool in, int) {
         return c.as(u, "GET", "/api/units/" + unit(in) + "/responsible-persons?reveal=phone");
       },
       {Role::office},
       200,
       404},
      {"PUT /api/units/{code}/responsible-persons",
       [](ApiCity& c, auto& u, bool in, int n) {
         return c.as(u, "PUT", "/api/units/" + unit(in) + "/responsible-persons", responsible_body(n));
       },
       kLeadership, 200, 404},
  };
}

class AuthorizationMatrix : public store::BackendTest {};

TEST_P(AuthorizationMatrix, EveryRoleEveryEndpointInAndOutOfScope) {
  ApiCity city(GetParam());
  city.services().evaluation.import_bundle(service::Principal::cli(),
                                           bundle::read_bundle(evaluation_bundle("2026H1")));
  int n = 0, cells = 0;
  for (const Endpoint& e : endpoints()) {
    for (Role role : all_roles()) {
      const std::string user = role_name(role);
      bool allowed = e.allowed.count(role) > 0;
      for (bool in_scope : {true, false}) {
        if (!in_scope && e.out_of_scope == 0) continue;
        int expected = !allowed ? 403 : in_scope ? e.ok : e.out_of_scope;
        if (e.refused_by_object.count(role)) expected = in_scope ? 403 : e.out_of_scope;
        Reply r = e.call(city, user, in_scope, ++n);
        ++cells;
        EXPECT_EQ(r.status, expected)
            << e.name << " as " << user << (in_scope ? " in scope" : " out of scope") << ": " << r.body;
        if (r.status >= 400) {
          EXPECT_TRUE(ApiCity::parse(r).as_object().contains("error")) << e.name << ": " << r.body;
        }
      }
    }
    // Without credentials: 401.
    Reply anonymous = e.call(city, "", true, ++n);
    EXPECT_EQ(anonymous.status, 401) << e.name << " anonymous: " << anonymous.body;
  }
  EXPECT_GE(cells, 150);
}

// Scope leaks nothing: an out-of-scope object answers exactly like a missing one.
TEST_P(AuthorizationMatrix, OutOfScopeLooksLikeMissing) {
  ApiCity city(GetParam());
  Reply out = city.as("office", "GET", "/api/units/D2-S1");
  Reply missing = city.as("office", "GET", "/api/units/NO-SUCH");
  EXPECT_EQ(out.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ApiCity::parse(out).at("error").at("code"), ApiCity::parse(missing).at("error").at("code"));
  // Lists only hold what is in scope.
  Reply list = city.as("unit_officer", "GET", "/api/units?page_size=200");
  ASSERT_EQ(list.status, 200);
  boost::json::value body = ApiCity::parse(list);
  for (const auto& item : body.at("items").as_array()) {
    std::string code(item.at("code").as_string());
    EXPECT_TRUE(code == "D1" || code == "D1-S1") << code;
  }
  EXPECT_EQ(body.at("total").as_int64(), 2);
}

// Public endpoints (随手拍, Open311 reads) answer anonymous callers and every role alike: no role needed,
// no scope applied; Open311 POST needs an api_key of any role.
TEST_P(AuthorizationMatrix, PublicEndpointsAnswerEveryoneAlike) {
  ApiCity city(GetParam());
  Reply created = city.as("", "POST", "/api/public/reports",
                          R"({"category":"order","description":"占道经营","lat":30.5,"lon":114.2})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string code(ApiCity::parse(created).at("code").as_string());
  std::vector<std::string> callers{""};
  for (Role role : all_roles()) callers.push_back(role_name(role));
  for (std::string target :
       {"/api/public/reports/" + code, std::string("/open311/v2/services.json"),
        std::string("/open311/v2/services/order.xml"), std::string("/open311/v2/requests.json"),
        "/open311/v2/requests/" + code + ".xml"}) {
    // The anonymous answer is the reference: signed in or not, every caller gets the same bytes (no
    // internal field leaks to a role, none is hidden from the public).
    Reply anonymous = city.as("", "GET", target);
    ASSERT_EQ(anonymous.status, 200) << target;
    ASSERT_FALSE(anonymous.body.empty()) << target;
    for (const std::string& user : callers) {
      Reply r = city.as(user, "GET", target);
      EXPECT_EQ(r.status, 200) << target << " as " << user;
      EXPECT_EQ(r.body, anonymous.body) << target << " as " << user;
      EXPECT_EQ(r.header("Content-Type"), anonymous.header("Content-Type")) << target << " as " << user;
    }
  }
  for (Role role : all_roles()) {
    std::string form = "api_key=" + city.token(role_name(role)) + "&service_code=order&lat=30.6&long=114.3";
    Reply posted = http::testing::fetch(city.port(), "POST", "/open311/v2/requests.json", form,
                                        {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(posted.status, 201) << role_name(role) << ": " << posted.body;
  }
}

CIVIC_INSTANTIATE_BACKENDS(AuthorizationMatrix);

}  // namespace
}  // namespace civic::api
