// The central directory of a zip archive (XLSX is one), read without inflating anything: each entry's name,
// compression method and the sizes the archive declares. check_workbook_zip refuses an archive before any
// parser inflates it, by the bounds of domain/core/table_limits.h (entry count, total inflated size,
// compression ratio of large entries). Zip64 archives, split archives and entries whose local header
// disagrees with the directory are refused as unreadable (InvalidInput "file", key table.file.unreadable):
// a spreadsheet never needs them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/core/table_limits.h"

namespace civic::platform {

struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;  // 0 stored, 8 deflated
  std::uint64_t compressed_size = 0;
  std::uint64_t uncompressed_size = 0;
};

// The entries of the archive `bytes`; InvalidInput("file") when it is not a readable zip.
std::vector<ZipEntry> read_zip_directory(std::string_view bytes);

// Reads the directory and throws the table limit InvalidInput when the archive passes a bound of `limits`.
void check_workbook_zip(std::string_view bytes, const TableLimits& limits = kTableLimits);

}  // namespace civic::platform
