#include "domain/questionnaires/questionnaire.h"

#include <algorithm>
#include <set>

#include "domain/core/error.h"
#include "domain/core/text_limit.h"
#include "domain/units/unit.h"

namespace civic {

namespace {

bool valid_code(const std::string& c) {
  if (c.empty() || c.size() > 40) return false;
  for (char ch : c) {
    bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_' ||
              ch == '.' || ch == '-';
    if (!ok) return false;
  }
  return true;
}

[[noreturn]] void bad(const std::string& field, const std::string& message, MessageKey key) {
  throw InvalidInput(field, message, std::move(key));
}

void check_code(const std::string& field, const std::string& code) {
  if (!valid_code(code))
    bad(field, "a code has 1 to 40 letters, digits, '_', '.' or '-'",
        message_key("questionnaire.code.invalid"));
}

void check_text(const std::string& field, const LocalText& t, bool required, TextLimit limit) {
  if (required && t.zh.find_first_not_of(" \t\r\n") == std::string::npos)
    bad(field + ".zh-CN", "the zh-CN text is required", message_key("questionnaire.text.required"));
  if (text_problem(t.zh, limit))
    bad(field + ".zh-CN", "the text is too long or holds characters it may not",
        message_key("questionnaire.text.invalid"));
  if (text_problem(t.en, limit))
    bad(field + ".en", "the text is too long or holds characters it may not",
        message_key("questionnaire.text.invalid"));
}

void check_options(const std::string& field, const std::vector<QnOption>& options) {
  if (options.size() < 2) bad(field, "at least two options", message_key("questionnaire.options.too_few"));
  if (options.size() > kMaxOptions)
    bad(field, "at most " + std::to_string(kMaxOptions) + " options",
        message_key("questionnaire.options.too_many"));
  std::set<std::string> seen;
  for (size_t i = 0; i < options.size(); ++i) {
    std::string at = field + "[" + std::to_string(i) + "]";
    check_code(at + ".code", options[i].code);
    if (!seen.insert(options[i].code).second)
      bad(at + ".code", "option " + options[i].code + " appears twice",
          message_key("questionnaire.code.duplicate", {{"code", options[i].code}}));
    check_text(at + ".text", options[i].text, true, kShortText);
  }
}

bool in_scope_of_any(const std::string& path, const std::vector<std::string>& units,
                     const std::map<std::string, std::string>& unit_paths) {
  for (const auto& u : units) {
    auto p = unit_paths.find(u);
    if (p != unit_paths.end() && path_in_scope(p->second, path)) return true;
  }
  return false;
}

const QnOption* find_option(const std::vector<QnOption>& options, const std::string& code) {
  for (const auto& o : options)
    if (o.code == code) return &o;
  return nullptr;
}

}  // namespace

std::string QnQuota::unit() const {
  for (const auto& [k, v] : stratum)
    if (k == "unit") return v;
  return "";
}

const QnQuestion* QuestionnaireDefinition::question(const std::string& c) const {
  for (const auto& q : questions)
    if (q.code == c) return &q;
  return nullptr;
}

const QnAttribute* QuestionnaireDefinition::attribute(const std::string& c) const {
  for (const auto& a : attributes)
    if (a.code == c) return &a;
  return nullptr;
}

std::vector<std::string> option_codes(const QnQuestion& q) {
  if (q.type == "scale5") return {"1", "2", "3", "4", "5"};
  if (q.type == "yesno") return {"yes", "no"};
  std::vector<std::string> out;
  if (q.type == "single" || q.type == "multiple")
    for (const auto& o : q.options) out.push_back(o.code);
  return out;
}

void validate_definition(const QuestionnaireDefinition& d, const DefinitionContext& ctx) {
  check_code("code", d.code);
  check_text("title", d.title, true, kShortText);
  check_text("intro", d.intro, false, kLongText);
  if (d.units.empty()) bad("units", "name at least one unit", message_key("questionnaire.units.required"));
  for (size_t i = 0; i < d.units.size(); ++i) {
    if (!ctx.unit_paths.count(d.units[i]))
      bad("units[" + std::to_string(i) + "]", "no unit " + d.units[i],
          message_key("questionnaire.unit.unknown", {{"unit", d.units[i]}}));
  }
  // Attributes: exactly one of kind unit, first.
  if (d.attributes.empty() || d.attributes[0].kind != "unit")
    bad("attributes", "the first attribute is the respondent's unit (kind unit)",
        message_key("questionnaire.attribute.unit_first"));
  std::set<std::string> codes;
  for (size_t i = 0; i < d.attributes.size(); ++i) {
    const QnAttribute& a = d.attributes[i];
    std::string at = "attributes[" + std::to_string(i) + "]";
    check_code(at + ".code", a.code);
    if (!codes.insert(a.code).second)
      bad(at + ".code", "attribute " + a.code + " appears twice",
          message_key("questionnaire.code.duplicate", {{"code", a.code}}));
    check_text(at + ".text", a.text, true, kShortText);
    if (a.kind == "unit") {
      if (i != 0)
        bad(at + ".kind", "only one attribute of kind unit, the first",
            message_key("questionnaire.attribute.unit_first"));
      if (a.code != "unit")
        bad(at + ".code", "the unit attribute's code is \"unit\"",
            message_key("questionnaire.attribute.unit_code"));
    } else if (a.kind == "choice") {
      check_options(at + ".options", a.options);
    } else {
      bad(at + ".kind", "an attribute is of kind unit or choice",
          message_key("questionnaire.attribute.kind"));
    }
  }
  // Questions.
  if (d.questions.empty())
    bad("questions", "at least one question", message_key("questionnaire.questions.required"));
  if (d.questions.size() > kMaxQuestions)
    bad("questions", "at most " + std::to_string(kMaxQuestions) + " questions",
        message_key("questionnaire.questions.too_many"));
  std::set<std::string> qcodes;
  for (size_t i = 0; i < d.questions.size(); ++i) {
    const QnQuestion& q = d.questions[i];
    std::string at = "questions[" + std::to_string(i) + "]";
    check_code(at + ".code", q.code);
    if (!qcodes.insert(q.code).second)
      bad(at + ".code", "question " + q.code + " appears twice",
          message_key("questionnaire.code.duplicate", {{"code", q.code}}));
    check_text(at + ".text", q.text, true, kLongText);
    if (q.type == "single" || q.type == "multiple") {
      check_options(at + ".options", q.options);
    } else if (q.type != "scale5" && q.type != "yesno" && q.type != "text") {
      bad(at + ".type", "a question is single, multiple, scale5, yesno or text",
          message_key("questionnaire.question.type"));
    }
    if (q.show_if) {
      const QnQuestion* earlier = nullptr;
      for (size_t j = 0; j < i; ++j)
        if (d.questions[j].code == q.show_if->question) earlier = &d.questions[j];
      if (!earlier || earlier->type == "text")
        bad(at + ".show_if.question", "show_if names an earlier question that is not free text",
            message_key("questionnaire.show_if.question"));
      auto allowed = option_codes(*earlier);
      if (q.show_if->answers.empty())
        bad(at + ".show_if.answers", "show_if names at least one answer",
            message_key("questionnaire.show_if.answers"));
      for (size_t k = 0; k < q.show_if->answers.size(); ++k) {
        if (std::find(allowed.begin(), allowed.end(), q.show_if->answers[k]) == allowed.end())
          bad(at + ".show_if.answers[" + std::to_string(k) + "]", "not an option of " + earlier->code,
              message_key("questionnaire.show_if.answers"));
      }
    }
    for (size_t k = 0; k < q.items.size(); ++k) {
      std::string iat = at + ".items[" + std::to_string(k) + "]";
      auto item = ctx.survey_items.find(q.items[k]);
      if (item == ctx.survey_items.end())
        bad(iat, "no survey item " + q.items[k] + " in the framework in force",
            message_key("questionnaire.item.unknown", {{"item", q.items[k]}}));
      if (item->second != q.code)
        bad(iat, "item " + q.items[k] + " reads question " + item->second + ", not " + q.code,
            message_key("questionnaire.item.question", {{"item", q.items[k]}, {"question", item->second}}));
      if (q.type != "single" && q.type != "scale5" && q.type != "yesno")
        bad(iat, "only single, scale5 and yesno questions feed items",
            message_key("questionnaire.item.type"));
    }
  }
  // Quotas.
  for (size_t i = 0; i < d.quotas.size(); ++i) {
    const QnQuota& quota = d.quotas[i];
    std::string at = "quotas[" + std::to_string(i) + "]";
    if (quota.target < 1)
      bad(at + ".target", "a target is at least 1", message_key("questionnaire.quota.target"));
    bool has_unit = false;
    for (const auto& [attr, option] : quota.stratum) {
      std::string sat = at + ".stratum." + attr;
      if (attr == "unit") {
        has_unit = true;
        auto p = ctx.unit_paths.find(option);
        if (p == ctx.unit_paths.end() || !in_scope_of_any(p->second, d.units, ctx.unit_paths))
          bad(sat, "unit " + option + " is not in the scope of the questionnaire's units",
              message_key("questionnaire.quota.unit", {{"unit", option}}));
        continue;
      }
      const QnAttribute* a = d.attribute(attr);
      if (!a || a->kind != "choice")
        bad(sat, "no choice attribute " + attr,
            message_key("questionnaire.quota.attribute", {{"attribute", attr}}));
      if (!find_option(a->options, option))
        bad(sat, "attribute " + attr + " has no option " + option,
            message_key("questionnaire.quota.option", {{"attribute", attr}, {"option", option}}));
    }
    if (!has_unit)
      bad(at + ".stratum.unit", "a stratum names a unit", message_key("questionnaire.quota.unit_required"));
  }
  if (d.min_n < 1) bad("min_n", "min_n is at least 1", message_key("questionnaire.min_n"));
}

bool question_shown(const QnQuestion& q, const std::map<std::string, QnAnswer>& answers) {
  if (!q.show_if) return true;
  auto a = answers.find(q.show_if->question);
  if (a == answers.end()) return false;
  for (const auto& v : a->second.values)
    if (std::find(q.show_if->answers.begin(), q.show_if->answers.end(), v) != q.show_if->answers.end())
      return true;
  return false;
}

namespace {

bool answered(const QnAnswer& a) {
  for (const auto& v : a.values)
    if (v.find_first_not_of(" \t\r\n") != std::string::npos) return true;
  return false;
}

}  // namespace

void validate_response(const QuestionnaireDefinition& d, const QnResponseInput& r,
                       const std::map<std::string, std::string>& unit_paths) {
  if (r.unit.empty()) bad("unit", "the respondent's unit is required", message_key("response.unit.required"));
  auto path = unit_paths.find(r.unit);
  if (path == unit_paths.end() || !in_scope_of_any(path->second, d.units, unit_paths))
    bad("unit", "unit " + r.unit + " is not one this questionnaire asks",
        message_key("response.unit.outside", {{"unit", r.unit}}));
  for (const auto& [code, value] : r.attributes) {
    const QnAttribute* a = d.attribute(code);
    if (!a || a->kind != "choice")
      bad("attributes." + code, "no attribute " + code,
          message_key("response.attribute.unknown", {{"attribute", code}}));
    if (!find_option(a->options, value))
      bad("attributes." + code, "not an option of " + code,
          message_key("response.attribute.option", {{"attribute", code}}));
  }
  for (const auto& a : d.attributes) {
    if (a.kind != "choice" || !a.required) continue;
    if (!r.attributes.count(a.code))
      bad("attributes." + a.code, a.code + " is required",
          message_key("response.attribute.required", {{"attribute", a.code}}));
  }
  for (const auto& [code, answer] : r.answers) {
    if (!d.question(code))
      bad("answers." + code, "no question " + code,
          message_key("response.answer.unknown", {{"question", code}}));
  }
  for (const QnQuestion& q : d.questions) {
    std::string field = "answers." + q.code;
    auto a = r.answers.find(q.code);
    bool given = a != r.answers.end() && answered(a->second);
    if (!question_shown(q, r.answers)) {
      if (given)
        bad(field, q.code + " is hidden by its condition and must not be answered",
            message_key("response.answer.hidden", {{"question", q.code}}));
      continue;
    }
    if (!given) {
      if (q.required)
        bad(field, q.code + " is required", message_key("response.answer.required", {{"question", q.code}}));
      continue;
    }
    const QnAnswer& ans = a->second;
    if (ans.list != (q.type == "multiple"))
      bad(field, q.type == "multiple" ? "a list of options is expected" : "one text is expected",
          message_key("response.answer.type", {{"question", q.code}}));
    if (q.type == "text") {
      if (text_problem(ans.values.at(0), TextLimit{kMaxTextAnswer, true}))
        bad(field, "the answer is too long or holds characters it may not",
            message_key("response.answer.text", {{"question", q.code}}));
      continue;
    }
    auto allowed = option_codes(q);
    std::set<std::string> seen;
    for (const auto& v : ans.values) {
      if (std::find(allowed.begin(), allowed.end(), v) == allowed.end() || !seen.insert(v).second)
        bad(field, "not an option of " + q.code,
            message_key("response.answer.option", {{"question", q.code}}));
    }
  }
}

bool straight_lining(const QuestionnaireDefinition& d, const std::map<std::string, QnAnswer>& answers) {
  int count = 0;
  std::string first;
  for (const QnQuestion& q : d.questions) {
    if (q.type != "scale5") continue;
    auto a = answers.find(q.code);
    if (a == answers.end() || a->second.values.size() != 1 || a->second.values[0].empty()) continue;
    if (count == 0) first = a->second.values[0];
    if (a->second.values[0] != first) return false;
    ++count;
  }
  return count >= kStraightLiningMin;
}

bool speeding(double duration_seconds, std::optional<double> median) {
  return median && duration_seconds < *median / 3.0;
}

std::optional<double> median_seconds(std::vector<double> values) {
  if (values.size() < static_cast<size_t>(kSpeedingMinCounted)) return std::nullopt;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

bool quota_matches(const QnQuota& quota, const std::string& quota_unit_path, const std::string& unit_path,
                   const std::map<std::string, std::string>& attributes) {
  for (const auto& [attr, option] : quota.stratum) {
    if (attr == "unit") {
      if (!path_in_scope(quota_unit_path, unit_path)) return false;
      continue;
    }
    auto a = attributes.find(attr);
    if (a == attributes.end() || a->second != option) return false;
  }
  return true;
}

bool answer_positive(const QnAnswer& answer, const std::vector<std::string>& positive) {
  for (const auto& v : answer.values)
    if (std::find(positive.begin(), positive.end(), v) != positive.end()) return true;
  return false;
}

}  // namespace civic
