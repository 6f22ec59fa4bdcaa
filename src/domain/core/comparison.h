// Comparisons near equality (scoring.md §5): values computed by different summation orders may differ in
// the last bits of a double although they are equal in exact arithmetic. Every threshold and every tie in
// scores, rankings and plan progress goes through these, with one margin.
#pragma once

namespace civic {

// Two values within this margin of each other are equal.
inline constexpr double kComparisonMargin = 1e-9;

// a < b by more than the margin.
constexpr bool clearly_less(double a, double b) {
  return a < b - kComparisonMargin;
}

// a and b within the margin of each other.
constexpr bool nearly_equal(double a, double b) {
  return !clearly_less(a, b) && !clearly_less(b, a);
}

}  // namespace civic
