#include "domain/files/image_probe.h"

#include <cstdint>
#include <vector>

namespace civic {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Bounds-checked reads over a byte view; `ok` turns false on the first read past the end.
class Bytes {
 public:
  Bytes(std::string_view data, bool little_endian) : data_(data), little_(little_endian) {}
  size_t size() const { return data_.size(); }
  bool has(size_t offset, size_t n) const { return offset <= data_.size() && n <= data_.size() - offset; }
  uint8_t u8(size_t offset, bool& ok) const {
    if (!has(offset, 1)) {
      ok = false;
      return 0;
    }
    return static_cast<uint8_t>(data_[offset]);
  }
  uint16_t u16(size_t offset, bool& ok) const {
    uint16_t a = u8(offset, ok), b = u8(offset + 1, ok);
    return static_cast<uint16_t>(little_ ? (b << 8 | a) : (a << 8 | b));
  }
  uint32_t u32(size_t offset, bool& ok) const {
    uint32_t a = u16(offset, ok), b = u16(offset + 2, ok);
    return little_ ? (b << 16 | a) : (a << 16 | b);
  }
  std::string_view slice(size_t offset, size_t n, bool& ok) const {
    if (!has(offset, n)) {
      ok = false;
      return {};
    }
    return data_.substr(offset, n);
  }

 private:
  std::string_view data_;
  bool little_;
};

// TIFF field types and their sizes (EXIF uses ASCII 2, SHORT 3, LONG 4, RATIONAL 5).
size_t type_size(uint16_t type) {
  switch (type) {
    case 1:
    case 2:
    case 6:
    case 7:
      return 1;
    case 3:
    case 8:
      return 2;
    case 4:
    case 9:
    case 11:
      return 4;
    case 5:
    case 10:
    case 12:
      return 8;
    default:
      return 0;
  }
}

struct IfdEntry {
  uint16_t tag = 0;
  uint16_t type = 0;
  uint32_t count = 0;
  size_t value_offset = 0;  // where the value lies in the TIFF block (inline or pointed to)
};

constexpr int kMaxEntries = 1000;

// The entries of the IFD at `offset`; empty when it does not fit.
std::vector<IfdEntry> read_ifd(const Bytes& tiff, size_t offset) {
  std::vector<IfdEntry> out;
  bool ok = true;
  uint16_t n = tiff.u16(offset, ok);
  if (!ok || n > kMaxEntries) return out;
  for (uint16_t i = 0; i < n; ++i) {
    size_t at = offset + 2 + size_t{i} * 12;
    IfdEntry e;
    e.tag = tiff.u16(at, ok);
    e.type = tiff.u16(at + 2, ok);
    e.count = tiff.u32(at + 4, ok);
    if (!ok) break;
    size_t size = type_size(e.type);
    if (size == 0 || e.count > (1u << 20)) continue;
    size_t total = size * e.count;
    e.value_offset = total <= 4 ? at + 8 : tiff.u32(at + 8, ok);
    if (!ok || !tiff.has(e.value_offset, total)) continue;
    out.push_back(e);
  }
  return out;
}

const IfdEntry* find_tag(const std::vector<IfdEntry>& entries, uint16_t tag) {
  for (const IfdEntry& e : entries) {
    if (e.tag == tag) return &e;
  }
  return nullptr;
}

std::optional<size_t> pointer_tag(const Bytes& tiff, const std::vector<IfdEntry>& entries, uint16_t tag) {
  const IfdEntry* e = find_tag(entries, tag);
  if (!e || (e->type != 4 && e->type != 13) || e->count != 1) return std::nullopt;
  bool ok = true;
  uint32_t v = tiff.u32(e->value_offset, ok);
  if (!ok) return std::nullopt;
  return v;
}

bool digits(std::string_view s, size_t at, size_t n, int& out) {
  out = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// "YYYY:MM:DD HH:MM:SS".
std::optional<ExifDateTime> parse_exif_time(std::string_view s) {
  if (s.size() < 19 || s[4] != ':' || s[7] != ':' || s[10] != ' ' || s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  ExifDateTime t;
  if (!digits(s, 0, 4, t.year) || !digits(s, 5, 2, t.month) || !digits(s, 8, 2, t.day) ||
      !digits(s, 11, 2, t.hour) || !digits(s, 14, 2, t.minute) || !digits(s, 17, 2, t.second)) {
    return std::nullopt;
  }
  if (t.year < 1900 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 ||
      t.minute > 59 || t.second > 60) {
    return std::nullopt;
  }
  return t;
}

// Degrees from three RATIONALs (degrees, minutes, seconds) and a reference "N"/"S"/"E"/"W".
std::optional<double> gps_coordinate(const Bytes& tiff, const std::vector<IfdEntry>& gps, uint16_t ref_tag,
                                     uint16_t value_tag, char negative_ref, double limit) {
  const IfdEntry* ref = find_tag(gps, ref_tag);
  const IfdEntry* value = find_tag(gps, value_tag);
  if (!ref || !value || ref->type != 2 || value->type != 5 || value->count != 3) return std::nullopt;
  bool ok = true;
  char r = static_cast<char>(tiff.u8(ref->value_offset, ok));
  double parts[3];
  for (int i = 0; i < 3; ++i) {
    uint32_t num = tiff.u32(value->value_offset + size_t(i) * 8, ok);
    uint32_t den = tiff.u32(value->value_offset + size_t(i) * 8 + 4, ok);
    if (!ok || den == 0) return std::nullopt;
    parts[i] = double(num) / double(den);
  }
  double deg = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0;
  if (deg > limit) return std::nullopt;
  return r == negative_ref ? -deg : deg;
}

void read_exif(std::string_view tiff_bytes, ImageFacts& facts) {
  if (tiff_bytes.size() < 8) return;
  bool little;
  if (starts_with(tiff_bytes, "II")) {
    little = true;
  } else if (starts_with(tiff_bytes, "MM")) {
    little = false;
  } else {
    return;
  }
  Bytes tiff(tiff_bytes, little);
  bool ok = true;
  if (tiff.u16(2, ok) != 42) return;
  uint32_t ifd0_offset = tiff.u32(4, ok);
  if (!ok) return;
  std::vector<IfdEntry> ifd0 = read_ifd(tiff, ifd0_offset);

  if (auto exif_offset = pointer_tag(tiff, ifd0, 0x8769)) {
    std::vector<IfdEntry> exif = read_ifd(tiff, *exif_offset);
    const IfdEntry* original = find_tag(exif, 0x9003);
    if (!original) original = find_tag(ifd0, 0x0132);  // DateTime, when no DateTimeOriginal
    if (original && original->type == 2) {
      facts.taken_at = parse_exif_time(tiff.slice(original->value_offset, original->count, ok));
    }
  }
  if (auto gps_offset = pointer_tag(tiff, ifd0, 0x8825)) {
    std::vector<IfdEntry> gps = read_ifd(tiff, *gps_offset);
    auto lat = gps_coordinate(tiff, gps, 1, 2, 'S', 90.0);
    auto lon = gps_coordinate(tiff, gps, 3, 4, 'W', 180.0);
    if (lat && lon) {
      facts.lat = lat;
      facts.lon = lon;
    }
  }
}

bool is_sof(uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

std::optional<ImageFacts> probe_jpeg(std::string_view data) {
  Bytes b(data, false);
  ImageFacts facts;
  facts.kind = ContentKind::jpeg;
  size_t at = 2;
  bool ok = true;
  for (int segments = 0; segments < 10000; ++segments) {
    // Markers may be preceded by fill bytes 0xFF.
    if (b.u8(at, ok) != 0xFF || !ok) return std::nullopt;
    while (b.u8(at, ok) == 0xFF && ok) ++at;
    if (!ok) return std::nullopt;
    uint8_t marker = b.u8(at, ok);
    ++at;
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // EOI or scan data before a frame header
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
    uint16_t length = b.u16(at, ok);
    if (!ok || length < 2 || !b.has(at, length)) return std::nullopt;
    if (marker == 0xE1) {
      std::string_view segment = b.slice(at + 2, length - 2u, ok);
      if (starts_with(segment, std::string_view("Exif\0\0", 6)) && !facts.taken_at && !facts.lat) {
        read_exif(segment.substr(6), facts);
      }
    } else if (is_sof(marker)) {
      facts.height = b.u16(at + 3, ok);
      facts.width = b.u16(at + 5, ok);
      if (!ok || facts.width == 0 || facts.height == 0) return std::nullopt;
      return facts;
    }
    at += length;
  }
  return std::nullopt;
}

std::optional<ImageFacts> probe_png(std::string_view data) {
  Bytes b(data, false);
  bool ok = true;
  if (b.u32(8, ok) != 13 || b.slice(12, 4, ok) != "IHDR" || !ok) return std::nullopt;
  uint32_t w = b.u32(16, ok), h = b.u32(20, ok);
  if (!ok || w == 0 || h == 0 || w > (1u << 30) || h > (1u << 30)) return std::nullopt;
  ImageFacts facts;
  facts.kind = ContentKind::png;
  facts.width = static_cast<int>(w);
  facts.height = static_cast<int>(h);
  return facts;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

ContentKind sniff_content(std::string_view bytes) {
  if (starts_with(bytes, "\xFF\xD8\xFF")) return ContentKind::jpeg;
  if (starts_with(bytes, "\x89PNG\r\n\x1A\n")) return ContentKind::png;
  if (starts_with(bytes, "%PDF-")) return ContentKind::pdf;
  if (starts_with(bytes,
                  "\x7F"
                  "ELF") ||
      starts_with(bytes, "MZ") || starts_with(bytes, "#!") || starts_with(bytes, "\xCF\xFA\xED\xFE") ||
      starts_with(bytes, "\xCE\xFA\xED\xFE") || starts_with(bytes, "\xFE\xED\xFA\xCE") ||
      starts_with(bytes, "\xFE\xED\xFA\xCF") || starts_with(bytes, "\xCA\xFE\xBA\xBE")) {
    return ContentKind::executable;
  }
  if (starts_with(bytes, std::string_view("PK\x03\x04", 4))) {
    if (contains(bytes, "word/document.xml")) return ContentKind::docx;
    if (contains(bytes, "xl/workbook.xml")) return ContentKind::xlsx;
    return ContentKind::zip;
  }
  return ContentKind::unknown;
}

const char* content_mime(ContentKind kind) {
  switch (kind) {
    case ContentKind::jpeg:
      return "image/jpeg";
    case ContentKind::png:
      return "image/png";
    case ContentKind::pdf:
      return "application/pdf";
    case ContentKind::docx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case ContentKind::xlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case ContentKind::zip:
      return "application/zip";
    case ContentKind::unknown:
    case ContentKind::executable:
      break;
  }
  return "application/octet-stream";
}

std::optional<ImageFacts> probe_image(std::string_view bytes) {
  switch (sniff_content(bytes)) {
    case ContentKind::jpeg:
      return probe_jpeg(bytes);
    case ContentKind::png:
      return probe_png(bytes);
    default:
      return std::nullopt;
  }
}

}  // namespace civic
