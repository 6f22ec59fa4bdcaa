#include "platform/zip_directory.h"

#include "domain/core/error.h"

namespace civic::platform {

namespace {

constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kDirectoryEntry = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kDirectoryEntrySize = 46;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::uint16_t kDataDescriptorFlag = 0x0008;

[[noreturn]] void unreadable(const std::string& why) {
  throw InvalidInput("file", "the file is not a readable XLSX workbook: " + why,
                     message_key("table.file.unreadable"));
}

// Little-endian fields at `at`; the caller has checked the bounds.
std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | static_cast<unsigned char>(b[at + 1])
                                                                            << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}

}  // namespace

std::vector<ZipEntry> read_zip_directory(std::string_view bytes) {
  if (bytes.size() < kEndRecordSize) unreadable("too short for a zip archive");
  // The end record is the last 22 bytes plus a comment of at most 65535 bytes.
  std::size_t end = std::string_view::npos;
  std::size_t lowest = bytes.size() > kEndRecordSize + 0xFFFF ? bytes.size() - kEndRecordSize - 0xFFFF : 0;
  for (std::size_t at = bytes.size() - kEndRecordSize + 1; at-- > lowest;) {
    if (u32(bytes, at) == kEndOfDirectory) {
      end = at;
      break;
    }
  }
  if (end == std::string_view::npos) unreadable("no zip end record");
  std::uint16_t disk = u16(bytes, end + 4), directory_disk = u16(bytes, end + 6);
  std::uint16_t entries_here = u16(bytes, end + 8), entries = u16(bytes, end + 10);
  std::uint32_t directory_size = u32(bytes, end + 12), directory_offset = u32(bytes, end + 16);
  if (disk != 0 || directory_disk != 0 || entries_here != entries) unreadable("split archives are not read");
  if (entries == 0xFFFF || directory_size == 0xFFFFFFFF || directory_offset == 0xFFFFFFFF) {
    unreadable("zip64 archives are not read");
  }
  if (std::uint64_t{directory_offset} + directory_size > end)
    unreadable("the directory lies outside the file");

  std::vector<ZipEntry> out;
  std::size_t at = directory_offset;
  for (std::uint16_t i = 0; i < entries; ++i) {
    if (at + kDirectoryEntrySize > end || u32(bytes, at) != kDirectoryEntry) unreadable("a broken directory");
    ZipEntry e;
    e.method = u16(bytes, at + 10);
    std::uint32_t compressed = u32(bytes, at + 20), uncompressed = u32(bytes, at + 24);
    std::size_t name_size = u16(bytes, at + 28), extra_size = u16(bytes, at + 30),
                comment_size = u16(bytes, at + 32);
    std::uint32_t local = u32(bytes, at + 42);
    if (compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF || local == 0xFFFFFFFF) {
      unreadable("zip64 entries are not read");
    }
    std::size_t next = at + kDirectoryEntrySize + name_size + extra_size + comment_size;
    if (next > end) unreadable("a broken directory");
    e.name = std::string(bytes.substr(at + kDirectoryEntrySize, name_size));
    e.compressed_size = compressed;
    e.uncompressed_size = uncompressed;
    // The local header must agree, so that no reader can be told other sizes than the ones checked here.
    if (std::uint64_t{local} + kLocalHeaderSize > directory_offset || u32(bytes, local) != kLocalHeader) {
      unreadable("an entry without its local header");
    }
    std::uint16_t local_flags = u16(bytes, local + 6);
    if (!(local_flags & kDataDescriptorFlag) &&
        (u32(bytes, local + 18) != compressed || u32(bytes, local + 22) != uncompressed ||
         u16(bytes, local + 8) != e.method)) {
      unreadable("an entry whose local header disagrees with the directory");
    }
    std::size_t data = local + kLocalHeaderSize + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (std::uint64_t{data} + compressed > directory_offset) unreadable("an entry runs past the directory");
    out.push_back(std::move(e));
    at = next;
  }
  return out;
}

void check_workbook_zip(std::string_view bytes, const TableLimits& limits) {
  std::vector<ZipEntry> entries = read_zip_directory(bytes);
  if (entries.size() > limits.max_zip_entries) table_limit_exceeded(TableBound::zip_entries, limits);
  std::uint64_t inflated = 0;
  for (const ZipEntry& e : entries) {
    if (e.method != 0 && e.method != 8)
      unreadable("an entry compressed with method " + std::to_string(e.method));
    if (e.method == 0 && e.compressed_size != e.uncompressed_size) unreadable("a stored entry of two sizes");
    inflated += e.uncompressed_size;
    if (inflated > limits.max_inflated_bytes) table_limit_exceeded(TableBound::inflated_bytes, limits);
    if (e.uncompressed_size > (1u << 20) &&
        e.uncompressed_size > e.compressed_size * std::uint64_t{limits.max_compression_ratio}) {
      table_limit_exceeded(TableBound::compression_ratio, limits);
    }
  }
}

}  // namespace civic::platform
