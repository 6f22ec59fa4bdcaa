// A zip archive written in memory (DOCX and other Office Open XML packages): entries in the order added,
// each deflated with zlib (or stored when that is not smaller), CRC-32 and sizes in the local headers and
// the central directory, no zip64 (an archive over 4 GiB or 65535 entries is refused with
// std::length_error). Timestamps are a fixed 1980-01-01 00:00 so the same entries give the same bytes.
#pragma once

#include <string>
#include <string_view>

namespace civic::platform {

class ZipWriter {
 public:
  void add(std::string_view name, std::string_view data);
  // The whole archive; the writer can be added to and finished again.
  std::string finish() const;

 private:
  std::string body_, directory_;
  unsigned entries_ = 0;
};

}  // namespace civic::platform
