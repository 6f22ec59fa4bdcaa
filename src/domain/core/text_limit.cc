#include "domain/core/text_limit.h"

namespace civic {

std::size_t char_count(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return n;
}

std::optional<std::string> text_problem(std::string_view text, TextLimit limit) {
  // A code point takes at most 4 bytes: past that the text is too long whatever it holds (and is not walked).
  if (text.size() > 4 * limit.max_chars || char_count(text) > limit.max_chars) return "too_long";
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const bool allowed_space = limit.multiline && (c == '\t' || c == '\n' || c == '\r');
      if ((c < 0x20 || c == 0x7f) && !allowed_space) return "control_character";
      ++i;
      continue;
    }
    std::size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (n == 0 || c > 0xf4 || i + n > text.size()) return "invalid_utf8";
    char32_t cp = c & (0xff >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xc0) != 0x80) return "invalid_utf8";
      cp = (cp << 6) | (cc & 0x3f);
    }
    const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < smallest[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "invalid_utf8";
    if ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029) {
      if (!(limit.multiline && (cp == 0x2028 || cp == 0x2029))) return "control_character";
    }
    if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return "bidi_control";
    i += n;
  }
  return std::nullopt;
}

}  // namespace civic
