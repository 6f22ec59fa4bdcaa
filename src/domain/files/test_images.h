// Tiny hand-built images and executables for upload tests (header-only, tests only): a baseline JPEG with an
// APP1 EXIF block (DateTimeOriginal and GPS), a PNG, and the first bytes of ELF and PE executables.
#pragma once

#include <cstdint>
#include <string>

namespace civic::testing {

inline void put16(std::string& s, unsigned v, bool little) {
  if (little) {
    s += char(v & 0xFF), s += char((v >> 8) & 0xFF);
  } else {
    s += char((v >> 8) & 0xFF), s += char(v & 0xFF);
  }
}
inline void put32(std::string& s, uint32_t v, bool little) {
  if (little) {
    put16(s, v & 0xFFFF, true), put16(s, v >> 16, true);
  } else {
    put16(s, v >> 16, false), put16(s, v & 0xFFFF, false);
  }
}

struct JpegSpec {
  int width = 64;
  int height = 48;
  bool exif = true;
  bool little_endian = true;
  std::string taken = "2026:03:15 09:30:00";
  // GPS as degrees, minutes, seconds×100; refs N/S, E/W.
  uint32_t lat_dms[3] = {31, 30, 0};
  uint32_t lon_dms[3] = {121, 28, 3600};
  char lat_ref = 'N', lon_ref = 'E';
  std::string filler;  // extra bytes in the scan data (makes distinct images)
};

// The TIFF block of an EXIF APP1 segment.
inline std::string exif_tiff(const JpegSpec& spec) {
  bool le = spec.little_endian;
  std::string t = le ? "II" : "MM";
  put16(t, 42, le);
  put32(t, 8, le);
  auto entry = [&](unsigned tag, unsigned type, uint32_t count, uint32_t value, bool inline_ascii = false,
                   char ascii = 0) {
    put16(t, tag, le);
    put16(t, type, le);
    put32(t, count, le);
    if (inline_ascii) {
      t += ascii;
      t += std::string(3, '\0');
    } else {
      put32(t, value, le);
    }
  };
  const uint32_t ifd0 = 8, exif_ifd = ifd0 + 2 + 2 * 12 + 4, gps_ifd = exif_ifd + 2 + 12 + 4,
                 dt = gps_ifd + 2 + 4 * 12 + 4, lat = dt + 20, lon = lat + 24;
  put16(t, 2, le);
  entry(0x8769, 4, 1, exif_ifd);
  entry(0x8825, 4, 1, gps_ifd);
  put32(t, 0, le);
  put16(t, 1, le);
  entry(0x9003, 2, 20, dt);
  put32(t, 0, le);
  put16(t, 4, le);
  entry(1, 2, 2, 0, true, spec.lat_ref);
  entry(2, 5, 3, lat);
  entry(3, 2, 2, 0, true, spec.lon_ref);
  entry(4, 5, 3, lon);
  put32(t, 0, le);
  std::string taken = spec.taken;
  taken.resize(19, ' ');
  t += taken;
  t += '\0';
  for (int i = 0; i < 3; ++i) {
    put32(t, spec.lat_dms[i], le);
    put32(t, i == 2 ? 100 : 1, le);
  }
  for (int i = 0; i < 3; ++i) {
    put32(t, spec.lon_dms[i], le);
    put32(t, i == 2 ? 100 : 1, le);
  }
  return t;
}

inline std::string tiny_jpeg(const JpegSpec& spec = {}) {
  std::string j = "\xFF\xD8";
  if (spec.exif) {
    std::string payload = std::string("Exif\0\0", 6) + exif_tiff(spec);
    j += "\xFF\xE1";
    put16(j, static_cast<unsigned>(payload.size() + 2), false);
    j += payload;
  }
  j += "\xFF\xC0";  // SOF0: length 17, precision 8, height, width, 3 components
  put16(j, 17, false);
  j += char(8);
  put16(j, static_cast<unsigned>(spec.height), false);
  put16(j, static_cast<unsigned>(spec.width), false);
  j += char(3);
  for (int c = 1; c <= 3; ++c) j += char(c), j += char(0x11), j += char(0);
  j += "\xFF\xDA";
  put16(j, 12, false);
  j += char(3);
  for (int c = 1; c <= 3; ++c) j += char(c), j += char(0);
  j += char(0), j += char(63), j += char(0);
  j += "scan-data" + spec.filler;
  j += "\xFF\xD9";
  return j;
}

inline std::string tiny_png(uint32_t width = 3, uint32_t height = 2) {
  std::string p = "\x89PNG\r\n\x1A\n";
  put32(p, 13, false);
  p += "IHDR";
  put32(p, width, false);
  put32(p, height, false);
  p += char(8), p += char(2), p += char(0), p += char(0), p += char(0);
  put32(p, 0, false);  // CRC (not checked)
  put32(p, 0, false);
  p += "IEND";
  put32(p, 0xAE426082u, false);
  return p;
}

inline std::string elf_executable() {
  return std::string(
             "\x7F"
             "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0",
             16) +
         std::string(48, '\0');
}
inline std::string pe_executable() {
  return std::string("MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0", 16) +
         "This program cannot be run in DOS mode.";
}

}  // namespace civic::testing
