// Content sniffing for uploads: what a byte string is, by its magic bytes only (never a name or a
// Content-Type), and for JPEG and PNG images their dimensions, plus EXIF DateTimeOriginal and GPS from a
// JPEG's APP1 block. A small parser over untrusted bytes: every read is bounds-checked, loops are bounded,
// malformed input gives "unknown" or missing facts, never a crash or an exception.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace civic {

enum class ContentKind { unknown, jpeg, png, pdf, docx, xlsx, zip, executable };

// By magic bytes: JPEG (FF D8 FF), PNG (89 'PNG' CR LF 1A LF), PDF ("%PDF-"), a zip that is an Office
// document (DOCX: word/document.xml, XLSX: xl/workbook.xml named in it) or another zip, executables (ELF,
// PE/MZ, Mach-O, "#!" scripts). Anything else is unknown.
ContentKind sniff_content(std::string_view bytes);
// The MIME type of a kind ("application/octet-stream" for unknown and executable).
const char* content_mime(ContentKind kind);

// EXIF DateTimeOriginal as written by the camera (local time, no zone).
struct ExifDateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
};

struct ImageFacts {
  ContentKind kind = ContentKind::unknown;  // jpeg or png
  int width = 0;
  int height = 0;
  std::optional<ExifDateTime> taken_at;
  std::optional<double> lat, lon;  // degrees, south and west negative
};

// Facts of a JPEG (dimensions from its first SOFn frame header) or PNG (IHDR); nullopt when `bytes` is
// neither or the dimensions cannot be read (a truncated or forged header).
std::optional<ImageFacts> probe_image(std::string_view bytes);

}  // namespace civic
