// The evaluation framework (测评体系, scoring.md §1): aspect → indicator → item, in the order given.
// Only items carry points; each has exactly one method, which decides the evidence it reads.
// Plain data: validation lives where frameworks enter the system (bundle parser, API).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace civic {

enum class Method { field, survey, statistic, material };

// "field", "survey", "statistic", "material".
const char* method_name(Method method);
std::optional<Method> parse_method(std::string_view text);

enum class Direction { higher, lower };
const char* direction_name(Direction direction);
std::optional<Direction> parse_direction(std::string_view text);

// A 测评标准 of a field item: `deduct` points per failure at sites of `site_types` (empty: every type).
struct Check {
  std::string code;
  std::string text;
  std::optional<std::string> text_en;
  double deduct = 0;
  std::vector<std::string> site_types;
  // A failure (failures > 0) must come with at least one photo of this check; absent in a document = true.
  bool photo_required = true;
};

// One point of a survey curve: at `rate` the item earns `fraction` of its points.
struct CurvePoint {
  double rate = 0;
  double fraction = 0;
};

struct Item {
  std::string code;
  std::string name;
  std::optional<std::string> name_en;
  std::optional<std::string> description;
  Method method = Method::field;
  double max_score = 0;
  // field
  std::vector<Check> checks;
  // survey
  std::string question;
  std::vector<std::string> positive;
  std::vector<CurvePoint> curve;  // empty: the fraction is the rate
  // statistic
  std::string metric;
  double target = 0;
  Direction direction = Direction::higher;
  std::optional<double> floor;    // higher: default 0
  std::optional<double> ceiling;  // lower: default 2 × target
  // The range a reported value must lie in (evidence.md "Statistic values"), and its unit of measure (元, %).
  std::optional<double> min, max;
  std::optional<std::string> measure;
  // A computed metric's name (computed_metric.h): Civic computes the value instead of a department reporting
  // it.
  std::optional<std::string> computed;
  // who answers for it (牵头单位, 责任单位), as unit codes or names
  std::optional<std::string> lead_unit;
  std::vector<std::string> responsible_units;

  double effective_floor() const { return floor.value_or(0.0); }
  double effective_ceiling() const { return ceiling.value_or(2.0 * target); }
};

struct Indicator {
  std::string code;
  std::string name;
  std::optional<std::string> name_en;
  std::vector<Item> items;
};

struct Aspect {
  std::string code;
  std::string name;
  std::optional<std::string> name_en;
  std::vector<Indicator> indicators;
};

// A 负面清单 catalogue entry: an event kind that costs points or disqualifies (一票否决).
struct NegativeListEntry {
  std::string code;
  std::string name;
  std::optional<std::string> name_en;
  double deduct = 0;
  bool disqualify = false;
};

struct QuestionOption {
  std::string value;
  std::string label;
  std::optional<std::string> label_en;
};

// A questionnaire question the survey items name; `options` are its possible answers.
struct SurveyQuestion {
  std::string code;
  std::string text;
  std::optional<std::string> text_en;
  std::vector<QuestionOption> options;
};

// English name of a site type (点位类型) whose Chinese name is the code.
struct SiteTypeName {
  std::string code;
  std::optional<std::string> name_en;
};

struct Framework {
  std::string code;
  std::string name;
  std::optional<std::string> name_en;
  std::optional<std::string> version;
  // grade → fraction of the item's points (scoring.md §3.4); `grades_given` false means the default map.
  std::vector<std::pair<std::string, double>> grades = default_grades();
  bool grades_given = false;
  std::vector<Aspect> aspects;
  std::vector<NegativeListEntry> negative_list;
  std::vector<SurveyQuestion> questions;
  std::vector<SiteTypeName> site_types;
  // A reported statistic that differs from last period's approved value by more than this share needs an
  // explanation (evidence.md "Statistic values"); nullopt: 0.30.
  std::optional<double> statistic_change_threshold;
  double effective_statistic_change_threshold() const { return statistic_change_threshold.value_or(0.30); }

  // A = 1.0, B = 0.8, C = 0.6, D = 0.
  static std::vector<std::pair<std::string, double>> default_grades();
  // The fraction of `grade`, or nullopt when the map does not hold it.
  std::optional<double> grade_fraction(std::string_view grade) const;
  // Every item in framework order.
  std::vector<const Item*> items() const;
  // Σ max_score over every item.
  double max_total() const;
};

}  // namespace civic
