// Hand-built zip archives and XLSX workbooks for spreadsheet tests (header-only, tests only; link ZLIB):
// entries stored or deflated through zlib, sizes that may be declared falsely, a minimal workbook around
// one sheet XML, and deflate bombs built by streaming so that the test itself never holds the inflated
// bytes.
#pragma once

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace civic::testing {

struct TestZipEntry {
  std::string name;
  std::string data;  // as stored in the archive (deflated when `deflated`)
  bool deflated = false;
  std::uint32_t crc = 0;
  std::uint32_t uncompressed_size = 0;  // as declared in both headers
};

inline void zip_put16(std::string& s, unsigned v) {
  s += char(v & 0xFF), s += char((v >> 8) & 0xFF);
}
inline void zip_put32(std::string& s, std::uint32_t v) {
  zip_put16(s, v & 0xFFFF), zip_put16(s, v >> 16);
}

// `repeat` copies of `unit` between `head` and `tail`, raw-deflated. The copies go in blocks of about 1 MiB,
// each ended by a full flush, which resets the compressor: every block then deflates to the same bytes, so
// one block is compressed and its output repeated (a 1.5 GiB bomb builds in well under a second).
inline TestZipEntry deflated_entry(std::string name, const std::string& head, const std::string& unit,
                                   std::uint64_t repeat, const std::string& tail) {
  TestZipEntry e{std::move(name), {}, true, 0, 0};
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out_chunk(1 << 16, '\0');
  auto deflated = [&](const std::string& in, int flush) {
    std::string out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(out_chunk.data());
      z.avail_out = static_cast<uInt>(out_chunk.size());
      deflate(&z, flush);
      out.append(out_chunk.data(), out_chunk.size() - z.avail_out);
    } while (z.avail_out == 0);
    return out;
  };
  auto crc_of = [](const std::string& in) {
    return crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(in.data()),
                 static_cast<uInt>(in.size()));
  };
  std::string block;
  for (std::uint64_t i = 0; i < repeat && block.size() < (1u << 20); ++i) block += unit;
  std::uint64_t per_block = block.empty() ? 1 : block.size() / unit.size();
  std::uint64_t blocks = block.empty() ? 0 : repeat / per_block;
  std::string rest;
  for (std::uint64_t i = blocks * per_block; i < repeat; ++i) rest += unit;

  uLong crc = crc_of(head);
  std::uint64_t total = head.size();
  e.data = deflated(head, Z_FULL_FLUSH);
  if (blocks > 0) {
    std::string once = deflated(block, Z_FULL_FLUSH);
    uLong block_crc = crc_of(block);
    e.data += once;
    crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(block.size()));
    if (blocks > 1) {
      std::string twice = deflated(block, Z_FULL_FLUSH);
      if (twice != once) throw std::runtime_error("deflate blocks differ after a full flush");
      for (std::uint64_t i = 1; i < blocks; ++i) {
        e.data += once;
        crc = crc32_combine(crc, block_crc, static_cast<z_off_t>(block.size()));
      }
    }
    total += blocks * block.size();
  }
  std::string end = rest + tail;
  e.data += deflated(end, Z_FINISH);
  crc = crc32_combine(crc, crc_of(end), static_cast<z_off_t>(end.size()));
  total += end.size();
  deflateEnd(&z);
  e.crc = static_cast<std::uint32_t>(crc);
  e.uncompressed_size = static_cast<std::uint32_t>(total);
  return e;
}

inline TestZipEntry deflated_entry(std::string name, const std::string& text) {
  return deflated_entry(std::move(name), text, " ", 0, "");
}

inline TestZipEntry stored_entry(std::string name, const std::string& text) {
  TestZipEntry e{std::move(name), text, false, 0, static_cast<std::uint32_t>(text.size())};
  e.crc = static_cast<std::uint32_t>(crc32(crc32(0, nullptr, 0), reinterpret_cast<const Bytef*>(text.data()),
                                           static_cast<uInt>(text.size())));
  return e;
}

inline std::string zip_archive(const std::vector<TestZipEntry>& entries) {
  std::string out, directory;
  for (const TestZipEntry& e : entries) {
    std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    auto common = [&](std::string& s) {
      zip_put16(s, 20);  // version needed
      zip_put16(s, 0);   // flags
      zip_put16(s, e.deflated ? 8 : 0);
      zip_put16(s, 0), zip_put16(s, 0x21);  // time, date
      zip_put32(s, e.crc);
      zip_put32(s, static_cast<std::uint32_t>(e.data.size()));
      zip_put32(s, e.uncompressed_size);
      zip_put16(s, static_cast<unsigned>(e.name.size()));
      zip_put16(s, 0);  // extra
    };
    zip_put32(out, 0x04034b50);
    common(out);
    out += e.name;
    out += e.data;
    zip_put32(directory, 0x02014b50);
    zip_put16(directory, 20);  // version made by
    common(directory);
    zip_put16(directory, 0), zip_put16(directory, 0), zip_put16(directory, 0);  // comment, disk, attributes
    zip_put32(directory, 0);
    zip_put32(directory, offset);
    directory += e.name;
  }
  std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  zip_put32(out, 0x06054b50);
  zip_put16(out, 0), zip_put16(out, 0);
  zip_put16(out, static_cast<unsigned>(entries.size())),
      zip_put16(out, static_cast<unsigned>(entries.size()));
  zip_put32(out, static_cast<std::uint32_t>(directory.size()));
  zip_put32(out, directory_offset);
  zip_put16(out, 0);
  return out;
}

// The parts of a workbook other than its sheet (and shared strings when given).
inline std::vector<TestZipEntry> workbook_parts(bool shared_strings) {
  std::string types =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
      R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)";
  if (shared_strings) {
    types +=
        R"(<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>)";
  }
  types += "</Types>";
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>)"
      R"(</Relationships>)";
  std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
      R"(<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::string workbook_rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)";
  if (shared_strings) {
    workbook_rels +=
        R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)";
  }
  workbook_rels += "</Relationships>";
  return {deflated_entry("[Content_Types].xml", types), deflated_entry("_rels/.rels", rels),
          deflated_entry("xl/workbook.xml", workbook),
          deflated_entry("xl/_rels/workbook.xml.rels", workbook_rels)};
}

inline const char* kSheetHead =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
inline const char* kSheetTail = "</sheetData></worksheet>";

// A workbook whose first sheet holds `rows_xml` (<row …>…</row> elements) and, when not empty, the shared
// strings `strings_xml` (<si>…</si> elements).
inline std::string workbook_with(const std::string& rows_xml, const std::string& strings_xml = {}) {
  auto parts = workbook_parts(!strings_xml.empty());
  parts.push_back(
      deflated_entry("xl/worksheets/sheet1.xml", std::string(kSheetHead) + rows_xml + kSheetTail));
  if (!strings_xml.empty()) {
    parts.push_back(deflated_entry(
        "xl/sharedStrings.xml",
        R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
            strings_xml + "</sst>"));
  }
  return zip_archive(parts);
}

// One number cell holding `value` at `ref` (e.g. "XFD1048576") on row `row`.
inline std::string one_cell_row(long row, const std::string& ref, const std::string& value = "1") {
  return "<row r=\"" + std::to_string(row) + "\"><c r=\"" + ref + "\"><v>" + value + "</v></c></row>";
}

// A workbook whose sheet inflates to about `inflated_bytes` of empty rows, deflated ~1000:1.
inline std::string deflate_bomb_workbook(std::uint64_t inflated_bytes) {
  auto parts = workbook_parts(false);
  const std::string unit = "<row/>";
  parts.push_back(
      deflated_entry("xl/worksheets/sheet1.xml", kSheetHead, unit, inflated_bytes / unit.size(), kSheetTail));
  return zip_archive(parts);
}

// The inflated bytes of the entry `name` of `zip` (found by its local header; "" when absent).
inline std::string inflate_entry(const std::string& zip, const std::string& name) {
  auto u16 = [&](size_t at) {
    return unsigned(static_cast<unsigned char>(zip[at])) | unsigned(static_cast<unsigned char>(zip[at + 1]))
                                                               << 8;
  };
  auto u32 = [&](size_t at) { return std::uint32_t(u16(at)) | std::uint32_t(u16(at + 2)) << 16; };
  for (size_t at = 0; at + 30 <= zip.size() && u32(at) == 0x04034b50;) {
    unsigned method = u16(at + 8);
    std::uint32_t compressed = u32(at + 18), size = u32(at + 22);
    size_t name_size = u16(at + 26), data = at + 30 + name_size + u16(at + 28);
    if (zip.compare(at + 30, name_size, name) == 0) {
      if (method == 0) return zip.substr(data, compressed);
      std::string out(size, '\0');
      z_stream z{};
      inflateInit2(&z, -15);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = compressed;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = size;
      inflate(&z, Z_FINISH);
      inflateEnd(&z);
      return out;
    }
    at = data + compressed;
  }
  return {};
}

}  // namespace civic::testing
