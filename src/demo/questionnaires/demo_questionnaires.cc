// Demo step "questionnaires" (right after "evaluation"): three questionnaires published over the whole city
// for 2026H2 — 创文知晓率 (CW-ZXL), 创文支持率 (CW-ZCL) and 市民满意度 (CW-MYD) — whose questions carry the
// question codes of the shipped framework's survey items (Q_AWARE, Q_SUPPORT, eight Q_SAT_*), so their
// counted answers are 2026H2's survey evidence (the evaluation step leaves those questions out of its
// 2026H2 import: demo_questionnaire_question, so nothing is counted twice). About 5,000 answers across the
// districts, with respondent type and age band, the district quality profiles of the evaluation step,
// quotas per 互贸区 street (partly filled, a few answers over quota), a few hundred flagged answers
// (duplicate device, straight-lining, speeding; about a third reviewed, accepted or rejected with a
// reason), interviewer answers and assignments for inspector1, and 海关社区 (HM-S01-C01) as the preset unit
// of CW-ZXL's public link. The answers go in one transaction through QuestionnaireRepository, with the flags
// and quotas decided by the same domain rules the service applies.
#include <algorithm>
#include <boost/json.hpp>
#include <map>
#include <set>

#include "bundle/default_framework.h"
#include "demo/core/demo_city.h"
#include "domain/core/civil_time.h"
#include "platform/secret.h"
#include "service/questionnaires/definition_json.h"
#include "service/questionnaires/questionnaire_common.h"
#include "store/evaluation/evaluation_repository.h"
#include "store/questionnaires/questionnaire_repository.h"
#include "store/questionnaires/response_bulk_writer.h"
#include "store/units/unit_repository.h"

namespace civic::demo {

namespace {

namespace json = boost::json;

const char* const kSatisfaction[] = {"Q_SAT_CAMPAIGN", "Q_SAT_LIVING",  "Q_SAT_COMMUNITY", "Q_SAT_GOV",
                                     "Q_SAT_MARKET",   "Q_SAT_CULTURE", "Q_SAT_HEALTH",    "Q_SAT_INTEGRITY"};

const std::map<std::string, double> kQuality = {{"GX", 0.95}, {"DC", 0.93}, {"XC", 0.90},
                                                {"HM", 0.88}, {"BS", 0.86}, {"NH", 0.83}};

const char* const kTypes[] = {"resident", "resident", "resident", "resident",
                              "resident", "merchant", "visitor",  "student"};
const char* const kAges[] = {"18-29", "30-44", "45-59", "60plus"};

json::object text(const std::string& zh, const std::string& en) {
  return {{"zh-CN", zh}, {"en", en}};
}

json::array options_of(const Framework& fw, const std::string& question) {
  json::array out;
  for (const auto& q : fw.questions)
    if (q.code == question)
      for (const auto& o : q.options)
        out.push_back(json::object{{"code", o.value}, {"text", text(o.label, o.label_en.value_or(""))}});
  return out;
}

const SurveyQuestion* question_of(const Framework& fw, const std::string& code) {
  for (const auto& q : fw.questions)
    if (q.code == code) return &q;
  return nullptr;
}

std::string item_of(const Framework& fw, const std::string& question) {
  for (const Item* it : fw.items())
    if (it->method == Method::survey && it->question == question) return it->code;
  return "";
}

json::object framework_question(const Framework& fw, const std::string& code, const std::string& type) {
  const SurveyQuestion* q = question_of(fw, code);
  json::object o{{"code", code},
                 {"type", type},
                 {"text", text(q ? q->text : code, q ? q->text_en.value_or("") : "")},
                 {"required", true},
                 {"items", json::array{json::string(item_of(fw, code))}}};
  if (type == "single") o["options"] = options_of(fw, code);
  return o;
}

json::array attributes() {
  json::array types, ages;
  const std::pair<const char*, const char*> type_names[] = {
      {"resident", "居民"}, {"merchant", "商户"}, {"visitor", "游客"}, {"student", "学生"}};
  const char* type_en[] = {"Resident", "Merchant", "Visitor", "Student"};
  for (size_t i = 0; i < 4; ++i)
    types.push_back(
        json::object{{"code", type_names[i].first}, {"text", text(type_names[i].second, type_en[i])}});
  const char* age_zh[] = {"18-29 岁", "30-44 岁", "45-59 岁", "60 岁及以上"};
  for (size_t i = 0; i < 4; ++i)
    ages.push_back(json::object{{"code", kAges[i]}, {"text", text(age_zh[i], age_zh[i])}});
  return {json::object{
              {"code", "unit"}, {"kind", "unit"}, {"text", text("您居住或工作的社区", "Your community")}},
          json::object{{"code", "type"},
                       {"kind", "choice"},
                       {"required", true},
                       {"text", text("您的身份", "You are")},
                       {"options", std::move(types)}},
          json::object{{"code", "age"},
                       {"kind", "choice"},
                       {"required", false},
                       {"text", text("您的年龄", "Your age")},
                       {"options", std::move(ages)}}};
}

// Quotas of 互贸区's streets: residents 120 each, merchants 3 on 海关街道 (a few answers arrive over it).
json::array quotas(int resident_target) {
  json::array out;
  for (const char* s : {"HM-S01", "HM-S02", "HM-S03", "HM-S04"})
    out.push_back(
        json::object{{"stratum", {{"unit", s}, {"type", "resident"}}}, {"target", resident_target}});
  out.push_back(json::object{{"stratum", {{"unit", "HM-S01"}, {"type", "merchant"}}}, {"target", 3}});
  return out;
}

QuestionnaireDefinition zxl(const Framework& fw) {
  json::array questions{framework_question(fw, "Q_AWARE", "single")};
  questions.push_back(
      json::object{{"code", "Q_CHANNEL"},
                   {"type", "multiple"},
                   {"text", text("您通过哪些渠道了解到创建工作？", "How did you hear about the campaign?")},
                   {"required", false},
                   {"show_if", {{"question", "Q_AWARE"}, {"answers", {"know", "partly"}}}},
                   {"options",
                    {json::object{{"code", "tv"}, {"text", text("电视广播", "TV and radio")}},
                     json::object{{"code", "web"}, {"text", text("网络新媒体", "Online")}},
                     json::object{{"code", "poster"}, {"text", text("公益广告", "Posters")}},
                     json::object{{"code", "community"}, {"text", text("社区宣传", "Community")}}}}});
  questions.push_back(json::object{{"code", "Q_NOTE"},
                                   {"type", "text"},
                                   {"text", text("您对创建工作有什么建议？", "Any suggestion?")},
                                   {"required", false}});
  json::object o{{"code", "CW-ZXL"},
                 {"title", text("创文知晓率调查", "Campaign awareness survey")},
                 {"intro", text("本问卷匿名填写，约需 1 分钟。", "Anonymous, about one minute.")},
                 {"units", {"QC"}},
                 {"attributes", attributes()},
                 {"questions", std::move(questions)},
                 {"quotas", quotas(120)},
                 {"min_n", 30}};
  return service::definition_from_json(o);
}

QuestionnaireDefinition zcl(const Framework& fw) {
  json::array questions{framework_question(fw, "Q_SUPPORT", "single")};
  questions.push_back(json::object{{"code", "Q_JOIN"},
                                   {"type", "yesno"},
                                   {"text", text("您愿意参与创建志愿活动吗？", "Would you volunteer?")},
                                   {"required", true}});
  json::object o{{"code", "CW-ZCL"},
                 {"title", text("创文支持率调查", "Campaign support survey")},
                 {"intro", text("本问卷匿名填写，约需 1 分钟。", "Anonymous, about one minute.")},
                 {"units", {"QC"}},
                 {"attributes", attributes()},
                 {"questions", std::move(questions)},
                 {"quotas", quotas(120)},
                 {"min_n", 30}};
  return service::definition_from_json(o);
}

QuestionnaireDefinition myd(const Framework& fw) {
  json::array questions;
  for (const char* q : kSatisfaction) questions.push_back(framework_question(fw, q, "scale5"));
  questions.push_back(json::object{{"code", "Q_SUGGEST"},
                                   {"type", "text"},
                                   {"text", text("您最希望改进的方面", "What should improve most?")},
                                   {"required", false}});
  json::object o{{"code", "CW-MYD"},
                 {"title", text("市民满意度调查", "Citizen satisfaction survey")},
                 {"intro", text("请按 1（非常不满意）到 5（非常满意）作答。",
                                "1 (very unsatisfied) to 5 (very satisfied).")},
                 {"units", {"QC"}},
                 {"attributes", attributes()},
                 {"questions", std::move(questions)},
                 {"quotas", quotas(120)},
                 {"min_n", 30}};
  return service::definition_from_json(o);
}

struct Community {
  std::string code, district, street, path;
  long long id = 0;
};

class AnswerWriter {
 public:
  AnswerWriter(DemoContext& c, const Framework& fw) : c_(c), fw_(fw) {}

  double random01() { return static_cast<double>(c_.random.next() >> 11) * 0x1.0p-53; }

  // Answers to `d` (stored as questionnaire `qid`), `per_community` in each community on average.
  void write(soci::session& sql, long long qid, const QuestionnaireDefinition& d, double per_community,
             const std::vector<Community>& communities, long long assignment_id,
             const std::string& assignment_unit) {
    store::ResponseBulkWriter writer(sql, qid);
    store::EvaluationRepository evaluation(sql);
    std::map<std::string, std::string> quota_paths;
    store::UnitRepository units(sql);
    for (const auto& q : d.quotas)
      if (auto u = units.find_by_code(q.unit())) quota_paths[q.unit()] = u->path;
    std::set<std::string> counted_devices;
    std::vector<double> counted_durations;
    std::map<std::string, long long> counted_in_quota;
    std::vector<std::string> recent_devices;
    int first = day_number(*parse_iso_date("2026-07-11")), last = day_number(*parse_iso_date("2026-11-15"));
    long long serial = 0;
    for (const Community& cm : communities) {
      double quality = kQuality.at(cm.district) + 0.03;
      int n = static_cast<int>(per_community * (0.6 + 0.8 * random01()) + 0.5);
      for (int i = 0; i < n; ++i) {
        ++serial;
        store::QuestionnaireResponseRow row;
        row.questionnaire_id = qid;
        row.version = 1;
        row.client_id = d.code + "-" + std::to_string(serial);
        row.unit_id = cm.id;
        std::map<std::string, std::string> attrs{{"type", kTypes[c_.random.between(0, 7)]}};
        if (random01() < 0.85) attrs["age"] = kAges[c_.random.between(0, 3)];
        std::map<std::string, QnAnswer> answers;
        for (const QnQuestion& q : d.questions) {
          if (!question_shown(q, answers)) continue;
          if (q.type == "text") {
            if (random01() < 0.05)
              answers[q.code] = {false, {"希望多组织社区活动，背街小巷的路灯再亮一些。"}};
            continue;
          }
          if (q.type == "multiple") {
            QnAnswer a{true, {}};
            for (const auto& o : q.options)
              if (random01() < 0.4) a.values.push_back(o.code);
            if (!a.values.empty()) answers[q.code] = a;
            continue;
          }
          auto options = option_codes(q);
          std::vector<std::string> positive;
          for (const auto& item : q.items)
            for (const Item* it : fw_.items())
              if (it->code == item) positive = it->positive;
          if (q.type == "yesno") positive = {"yes"};
          double chance = std::clamp(quality - 0.02 + (q.code == "Q_AWARE" ? 0.05 : 0.0), 0.0, 1.0);
          if (cm.district == "NH" && q.code == "Q_SAT_LIVING") chance -= 0.15;
          bool want = random01() < chance;
          std::vector<std::string> pool;
          for (const auto& o : options)
            if ((std::find(positive.begin(), positive.end(), o) != positive.end()) == want) pool.push_back(o);
          if (pool.empty()) pool = options;
          answers[q.code] = {false, {pool[static_cast<size_t>(random01() * pool.size()) % pool.size()]}};
        }
        // A few straight-liners on the satisfaction survey: every scale question the same.
        if (d.questions.size() >= 8 && random01() < 0.04) {
          std::string same = std::to_string(c_.random.between(3, 5));
          for (const QnQuestion& q : d.questions)
            if (q.type == "scale5") answers[q.code] = {false, {same}};
        }
        bool interview = assignment_id > 0 && cm.street == assignment_unit && random01() < 0.5;
        TimeMs day =
            start_of_day(date_from_day_number(first + static_cast<int>(random01() * (last - first))));
        TimeMs submitted =
            day + (9 + c_.random.between(0, 10)) * 3600000LL + c_.random.between(0, 3599) * 1000LL;
        long long duration = 40000 + c_.random.between(0, 140000);
        if (random01() < 0.02) duration = 6000 + c_.random.between(0, 6000);  // speeding
        row.started_at = submitted - duration;
        row.submitted_at = row.received_at = submitted;
        row.duration_ms = duration;
        row.attributes = json::serialize(service::attributes_to_json(attrs));
        row.answers = json::serialize(service::answers_to_json(answers));
        row.body_hash = platform::sha256_hex(row.client_id + row.answers);
        if (interview) {
          row.mode = "interview";
          row.interviewer = "inspector1";
          row.assignment_id = assignment_id;
          row.lat = 31.2 + random01() * 0.05;
          row.lon = 121.4 + random01() * 0.05;
        } else {
          row.mode = "public";
          std::string device = "demo-device-" + d.code + "-" + std::to_string(serial);
          if (!recent_devices.empty() && random01() < 0.03)
            device = recent_devices[static_cast<size_t>(random01() * recent_devices.size()) %
                                    recent_devices.size()];
          recent_devices.push_back(device);
          if (recent_devices.size() > 30) recent_devices.erase(recent_devices.begin());
          row.device_hash = platform::sha256_hex(device);
        }
        std::vector<std::string> flags;
        if (!row.device_hash.empty() && counted_devices.count(row.device_hash))
          flags.push_back("duplicate_device");
        if (straight_lining(d, answers)) flags.push_back("straight_lining");
        if (speeding(static_cast<double>(duration), median_seconds(counted_durations)))
          flags.push_back("speeding");
        for (const auto& f : flags) row.flags += (row.flags.empty() ? "" : ",") + f;
        auto match = service::questionnaire_detail::match_quota(d, quota_paths, cm.path, attrs);
        if (match) {
          row.quota_key = match->key;
          row.over_quota = counted_in_quota[match->key] >= d.quotas[match->index].target;
        }
        row.status = !flags.empty() ? "flagged" : row.over_quota ? "over_quota" : "counted";
        // About a third of the flagged answers are reviewed: accepted or rejected with a reason.
        std::optional<store::QuestionnaireReviewRow> review;
        if (row.status == "flagged" && random01() < 0.35) {
          bool accept = flags[0] == "duplicate_device" && random01() < 0.6;
          review = store::QuestionnaireReviewRow{0,
                                                 0,
                                                 accept ? "accept" : "reject",
                                                 accept ? "电话回访核实：同一家庭不同成员作答"
                                                 : flags[0] == "speeding" ? "作答时间过短，视为无效"
                                                                          : "答案雷同，视为无效",
                                                 "office",
                                                 submitted + 86400000LL};
          row.status = accept ? "counted" : "rejected";
        }
        if (row.status == "counted") {
          if (!row.device_hash.empty()) counted_devices.insert(row.device_hash);
          counted_durations.push_back(static_cast<double>(duration));
          if (match) ++counted_in_quota[match->key];
        }
        ++written_;
        if (row.status == "flagged") ++flagged_;
        if (row.over_quota) ++over_;
        bool counted = row.status == "counted";
        std::string client_id = row.client_id;
        writer.add(std::move(row), std::move(review));
        if (!counted) continue;
        Response evidence;
        evidence.unit = cm.code;
        evidence.date = civil_date_of(submitted);
        for (const QnQuestion& q : d.questions) {
          auto a = answers.find(q.code);
          if (!q.items.empty() && a != answers.end())
            evidence.answers.emplace_back(q.code, a->second.values[0]);
        }
        if (evidence.answers.empty()) continue;
        evidence.id = client_id;  // named "Q<id>" once the raw response has its id
        evidence_.push_back(std::move(evidence));
        evidence_units_.push_back(cm.id);
        ++counted_;
      }
    }
    // Everything in bulk: the raw responses and reviews, then the counted ones as evidence, linked back.
    auto ids = writer.write();
    std::vector<const Response*> evidence;
    for (Response& r : evidence_) {
      r.id = "Q" + std::to_string(ids.at(r.id));
      evidence.push_back(&r);
    }
    evaluation.insert_responses(evidence, evidence_units_, c_.services.clock.now_ms());
    writer.link_evidence();
    evidence_.clear();
    evidence_units_.clear();
  }

  long long written_ = 0, flagged_ = 0, over_ = 0, counted_ = 0;

 private:
  std::vector<Response> evidence_;  // the counted responses of the questionnaire being written
  std::vector<long long> evidence_units_;
  DemoContext& c_;
  const Framework& fw_;
};

}  // namespace

bool demo_questionnaire_question(const std::string& question) {
  if (question == "Q_AWARE" || question == "Q_SUPPORT") return true;
  for (const char* q : kSatisfaction)
    if (question == q) return true;
  return false;
}

void build_demo_questionnaires(DemoContext& c) {
  Framework fw = bundle::default_framework();
  auto& qs = c.services.questionnaires;
  std::vector<QuestionnaireDefinition> definitions{zxl(fw), zcl(fw), myd(fw)};
  for (const auto& d : definitions) {
    auto q = qs.create(c.actor, d);
    qs.publish(c.actor, d.code, q.revision);
  }
  // inspector1 interviews on 海关街道 (street intercepts) and 口岸街道 (households).
  auto a1 = qs.assign(c.actor, "CW-ZXL", {"inspector1", "HM-S01", 80, "street"});
  auto a2 = qs.assign(c.actor, "CW-MYD", {"inspector1", "HM-S02", 60, "household"});
  qs.assign(c.actor, "CW-ZCL", {"inspector1", "HM-S01", 40, "street"});

  std::vector<Community> communities;
  AnswerWriter writer(c, fw);
  c.services.db.transact([&](soci::session& sql) {
    store::UnitRepository units(sql);
    auto root = units.root();
    std::map<long long, Unit> by_id;
    auto all = units.subtree(root->path);
    for (const auto& u : all) by_id[u.id] = u;
    for (const auto& u : all) {
      if (u.type != UnitType::community) continue;
      const Unit& street = by_id.at(*u.parent_id);
      const Unit& district = by_id.at(*street.parent_id);
      communities.push_back({u.code, district.code, street.code, u.path, u.id});
    }
    store::EvaluationRepository(sql).bump_revision();  // first: orders writers (evaluation_repository.h)
    store::QuestionnaireRepository repo(sql);
    writer.write(sql, repo.find("CW-ZXL")->id, definitions[0], 9, communities, a1.id, "HM-S01");
    writer.write(sql, repo.find("CW-ZCL")->id, definitions[1], 8, communities, 0, "");
    writer.write(sql, repo.find("CW-MYD")->id, definitions[2], 8, communities, a2.id, "HM-S02");
  });
  c.out << "  questionnaires CW-ZXL, CW-ZCL, CW-MYD: " << writer.written_ << " answers (" << writer.counted_
        << " counted, " << writer.flagged_ << " flagged awaiting review, " << writer.over_ << " over quota);"
        << " public link of 海关社区: /public/survey/CW-ZXL?unit=HM-S01-C01\n";
}

}  // namespace civic::demo
