// What a text field may hold: at most `max_chars` characters (Unicode code points, so that 200 means 200
// Chinese characters as much as 200 letters — the console's counters count the same way) of valid UTF-8, no
// control characters (tab and line breaks only where `multiline`), and no bidirectional overrides or
// isolates (U+202A–U+202E, U+2066–U+2069), which can make a title or a file name read differently from what
// it is. The console's maxlength figures are web/src/shared/textLimits.ts (text_limit_web_test checks them).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace civic {

struct TextLimit {
  std::size_t max_chars = 200;
  bool multiline = false;
};

// Names, titles, codes: one line.
inline constexpr TextLimit kShortText{200, false};
// Descriptions, notes, reasons: several lines.
inline constexpr TextLimit kLongText{4000, true};

// The number of code points of `text` (a byte that starts no sequence counts as one).
std::size_t char_count(std::string_view text);

// Why `text` breaks `limit` ("too_long", "control_character", "bidi_control", "invalid_utf8"); nullopt if
// it does not.
std::optional<std::string> text_problem(std::string_view text, TextLimit limit);

}  // namespace civic
