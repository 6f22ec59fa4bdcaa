// The text fields of the case feature — cases, public reports (随手拍) and Open311 POST requests — and their
// limits (domain/core/text_limit.h: a length in characters, one line or several, never control characters nor
// bidirectional overrides). The API readers check them first (a JSON body through http::JsonFields, the
// Open311 form in api/cases/open311_format); CaseService checks them again with check_case_text, so that no
// other caller stores a text past its limit.
#pragma once

#include <string>
#include <string_view>

#include "domain/core/text_limit.h"

namespace civic {

// Cases (POST /api/cases, the actions).
inline constexpr TextLimit kCaseTitle = kShortText;       // one line
inline constexpr TextLimit kCaseDescription = kLongText;  // several lines
inline constexpr TextLimit kCaseAddress = kLongText;      //
inline constexpr TextLimit kCaseComment = kLongText;      // an action's note and reason
inline constexpr TextLimit kCaseReference =
    kShortText;  // codes: category, severity, unit, site, duplicate_of, outcome, photo ids

// Public reports (POST /api/public/reports): anonymous, so tighter.
inline constexpr TextLimit kPublicDescription{2000, true};
inline constexpr TextLimit kPublicAddress{300, false};
inline constexpr TextLimit kPublicContact{100, false};

// Open311 POST requests.
inline constexpr TextLimit kOpen311Description = kLongText;
inline constexpr TextLimit kOpen311Address{500, false};
inline constexpr TextLimit kOpen311MediaUrl{2000, false};
inline constexpr TextLimit kOpen311Name = kShortText;  // first_name, last_name, phone, device_id, email

// What CaseService accepts in a public report from either source: an Open311 description may carry its
// media_url on a line of its own; the contact joins Open311's names, e-mail and phone.
inline constexpr TextLimit kReportDescription{kOpen311Description.max_chars + 1 + kOpen311MediaUrl.max_chars,
                                              true};
inline constexpr TextLimit kReportAddress = kOpen311Address;
inline constexpr TextLimit kReportContact{4 * kOpen311Name.max_chars + 3 + 254, false};

// Throws InvalidInput at `field` when `value` breaks `limit`, with the key "case.text.too_long" ({field},
// {max} characters), "case.text.control_character", "case.text.bidi_control" or "case.text.invalid_utf8"
// ({field}).
void check_case_text(const std::string& field, std::string_view value, TextLimit limit);

}  // namespace civic
