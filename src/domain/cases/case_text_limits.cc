#include "domain/cases/case_text_limits.h"

#include "domain/core/error.h"

namespace civic {

void check_case_text(const std::string& field, std::string_view value, TextLimit limit) {
  auto problem = text_problem(value, limit);
  if (!problem) return;
  if (*problem == "too_long") {
    const std::string max = std::to_string(limit.max_chars);
    throw InvalidInput(field, field + " is longer than " + max + " characters",
                       message_key("case.text.too_long", {{"field", field}, {"max", max}}));
  }
  if (*problem == "bidi_control") {
    throw InvalidInput(field, field + " must not contain bidirectional control characters",
                       message_key("case.text.bidi_control", {{"field", field}}));
  }
  if (*problem == "invalid_utf8") {
    throw InvalidInput(field, field + " must be valid UTF-8",
                       message_key("case.text.invalid_utf8", {{"field", field}}));
  }
  throw InvalidInput(field, field + " must not contain control characters",
                     message_key("case.text.control_character", {{"field", field}}));
}

}  // namespace civic
