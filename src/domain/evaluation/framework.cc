#include "domain/evaluation/framework.h"

namespace civic {

const char* method_name(Method method) {
  switch (method) {
    case Method::field:
      return "field";
    case Method::survey:
      return "survey";
    case Method::statistic:
      return "statistic";
    case Method::material:
      return "material";
  }
  return "field";
}

std::optional<Method> parse_method(std::string_view text) {
  if (text == "field") return Method::field;
  if (text == "survey") return Method::survey;
  if (text == "statistic") return Method::statistic;
  if (text == "material") return Method::material;
  return std::nullopt;
}

const char* direction_name(Direction direction) {
  return direction == Direction::lower ? "lower" : "higher";
}

std::optional<Direction> parse_direction(std::string_view text) {
  if (text == "higher") return Direction::higher;
  if (text == "lower") return Direction::lower;
  return std::nullopt;
}

std::vector<std::pair<std::string, double>> Framework::default_grades() {
  return {{"A", 1.0}, {"B", 0.8}, {"C", 0.6}, {"D", 0.0}};
}

std::optional<double> Framework::grade_fraction(std::string_view grade) const {
  for (const auto& [g, f] : grades)
    if (g == grade) return f;
  return std::nullopt;
}

std::vector<const Item*> Framework::items() const {
  std::vector<const Item*> out;
  for (const auto& a : aspects)
    for (const auto& ind : a.indicators)
      for (const auto& it : ind.items) out.push_back(&it);
  return out;
}

double Framework::max_total() const {
  double sum = 0;
  for (const Item* it : items()) sum += it->max_score;
  return sum;
}

}  // namespace civic
