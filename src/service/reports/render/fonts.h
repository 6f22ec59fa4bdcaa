// The typefaces every report rendering uses (fonts-noto-cjk): 宋体 body text as Noto Serif CJK SC, 黑体
// headings and tables as Noto Sans CJK SC; DOCX names the Windows faces 宋体 / 黑体 with these as the
// fonts a reader without them falls back to.
#pragma once

namespace civic::service::render {

inline constexpr const char* kSerifFamily = "Noto Serif CJK SC";  // 宋体
inline constexpr const char* kSansFamily = "Noto Sans CJK SC";    // 黑体

}  // namespace civic::service::render
