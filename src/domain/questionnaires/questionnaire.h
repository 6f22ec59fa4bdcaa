// Questionnaires (问卷调查, surveys.md, docs/questionnaires.md): a definition — title, intro, respondent
// attributes, questions with skip logic and the framework survey items they feed, quotas per stratum — and
// the pure rules over it:
//   validate_definition: the definition rules of docs/questionnaires.md (400 naming the JSON path, keys
//     questionnaire.*); survey items are checked against the framework in force (ctx.survey_items);
//   validate_response: an answer set against one version (400 naming `unit`, `attributes.<code>`,
//     `answers.<code>`, keys response.*): unknown question, answer outside the options, wrong type,
//     missing required answer, answer to a question hidden by show_if, unit outside the units;
//   straight_lining, speeding, median_seconds: the quality flags of surveys.md;
//   quota_matches: whether a response falls in a quota's stratum.
// No storage, no clock: the service layer reads and writes, these only decide.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace civic {

// A text in the two console languages; zh-CN is required, en optional ("" when not given).
struct LocalText {
  std::string zh;
  std::string en;
};

struct QnOption {
  std::string code;
  LocalText text;
};

struct QnAttribute {
  std::string code;
  std::string kind;  // unit | choice
  LocalText text;
  bool required = true;
  std::vector<QnOption> options;  // choice only
};

struct QnShowIf {
  std::string question;
  std::vector<std::string> answers;
};

struct QnQuestion {
  std::string code;
  std::string type;  // single | multiple | scale5 | yesno | text
  LocalText text;
  std::vector<QnOption> options;  // single and multiple; scale5 and yesno have fixed ones
  bool required = true;
  std::optional<QnShowIf> show_if;
  std::vector<std::string> items;  // framework survey items it feeds
};

struct QnQuota {
  std::vector<std::pair<std::string, std::string>> stratum;  // attribute code → option; "unit" → unit code
  long long target = 0;
  // The unit of the stratum ("" when none).
  std::string unit() const;
};

struct QuestionnaireDefinition {
  std::string code;
  LocalText title;
  LocalText intro;
  std::vector<std::string> units;
  std::vector<QnAttribute> attributes;
  std::vector<QnQuestion> questions;
  std::vector<QnQuota> quotas;
  long long min_n = 30;

  const QnQuestion* question(const std::string& code) const;
  const QnAttribute* attribute(const std::string& code) const;
};

// The option codes a question accepts: its options, "1".."5" for scale5, "yes"/"no" for yesno, none for text.
std::vector<std::string> option_codes(const QnQuestion& q);

inline constexpr size_t kMaxQuestions = 200;
inline constexpr size_t kMaxOptions = 50;
inline constexpr size_t kMaxTextAnswer = 2000;  // bytes of a short-text answer

// What a definition is checked against.
struct DefinitionContext {
  // Every unit: code → materialized path (units.path).
  std::map<std::string, std::string> unit_paths;
  // The survey items of the framework in force: item code → its question code.
  std::map<std::string, std::string> survey_items;
};

// Throws InvalidInput naming the JSON path ("questions[2].show_if.question", …) of the first rule broken.
void validate_definition(const QuestionnaireDefinition& d, const DefinitionContext& ctx);

// One answer: a text (single, scale5, yesno, text) or a list (multiple).
struct QnAnswer {
  bool list = false;
  std::vector<std::string> values;  // one value unless `list`
};

struct QnResponseInput {
  std::string unit;
  std::map<std::string, std::string> attributes;
  std::map<std::string, QnAnswer> answers;
};

// Whether question `q` is shown given the answers so far (show_if satisfied, or no show_if).
bool question_shown(const QnQuestion& q, const std::map<std::string, QnAnswer>& answers);

// Checks `r` against version `d`; `unit_paths` as in DefinitionContext (the unit must lie in the scope of one
// of d.units). Throws InvalidInput naming `unit`, `attributes.<code>` or `answers.<code>`.
void validate_response(const QuestionnaireDefinition& d, const QnResponseInput& r,
                       const std::map<std::string, std::string>& unit_paths);

// surveys.md: at least kStraightLiningMin scale questions answered, all with the same answer.
inline constexpr int kStraightLiningMin = 8;
bool straight_lining(const QuestionnaireDefinition& d, const std::map<std::string, QnAnswer>& answers);

// surveys.md: the duration is under a third of the median of the counted responses, once at least
// kSpeedingMinCounted exist (`median` nullopt otherwise: never speeding).
inline constexpr int kSpeedingMinCounted = 20;
bool speeding(double duration_seconds, std::optional<double> median_seconds);
// The median of `values` (sorted copy); nullopt when fewer than kSpeedingMinCounted.
std::optional<double> median_seconds(std::vector<double> values);

// Whether a response of `unit_path` with `attributes` falls in `quota`'s stratum: its unit in the scope of
// the stratum's unit (`quota_unit_path`), and every other stratum attribute equal.
bool quota_matches(const QnQuota& quota, const std::string& quota_unit_path, const std::string& unit_path,
                   const std::map<std::string, std::string>& attributes);

// Whether `answer` counts as positive for `positive` (a list answer: any of its values).
bool answer_positive(const QnAnswer& answer, const std::vector<std::string>& positive);

}  // namespace civic
