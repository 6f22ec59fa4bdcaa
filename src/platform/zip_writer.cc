#include "platform/zip_writer.h"

#include <zlib.h>

#include <cstdint>
#include <stdexcept>

namespace civic::platform {

namespace {

void u16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v & 0xff);
  out += static_cast<char>((v >> 8) & 0xff);
}
void u32(std::string& out, std::uint32_t v) {
  u16(out, v & 0xffff);
  u16(out, v >> 16);
}

std::string deflate_raw(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

constexpr std::uint32_t kDosTime = 0, kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01 00:00

}  // namespace

void ZipWriter::add(std::string_view name, std::string_view data) {
  if (entries_ >= 0xffff || data.size() >= 0xffffffffu || body_.size() >= 0xffffffffu)
    throw std::length_error("zip archive too large");
  auto crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  std::string packed = deflate_raw(data);
  bool stored = packed.size() >= data.size();
  std::string_view payload = stored ? data : std::string_view(packed);
  std::uint32_t method = stored ? 0 : 8;
  auto offset = static_cast<std::uint32_t>(body_.size());

  u32(body_, 0x04034b50);
  u16(body_, 20);
  u16(body_, 0x0800);  // UTF-8 names
  u16(body_, method);
  u16(body_, kDosTime);
  u16(body_, kDosDate);
  u32(body_, crc);
  u32(body_, static_cast<std::uint32_t>(payload.size()));
  u32(body_, static_cast<std::uint32_t>(data.size()));
  u16(body_, static_cast<std::uint32_t>(name.size()));
  u16(body_, 0);
  body_ += name;
  body_ += payload;

  u32(directory_, 0x02014b50);
  u16(directory_, 20);
  u16(directory_, 20);
  u16(directory_, 0x0800);
  u16(directory_, method);
  u16(directory_, kDosTime);
  u16(directory_, kDosDate);
  u32(directory_, crc);
  u32(directory_, static_cast<std::uint32_t>(payload.size()));
  u32(directory_, static_cast<std::uint32_t>(data.size()));
  u16(directory_, static_cast<std::uint32_t>(name.size()));
  u16(directory_, 0);  // extra
  u16(directory_, 0);  // comment
  u16(directory_, 0);  // disk
  u16(directory_, 0);  // internal attributes
  u32(directory_, 0);  // external attributes
  u32(directory_, offset);
  directory_ += name;
  ++entries_;
}

std::string ZipWriter::finish() const {
  std::string out = body_ + directory_;
  u32(out, 0x06054b50);
  u16(out, 0);
  u16(out, 0);
  u16(out, entries_);
  u16(out, entries_);
  u32(out, static_cast<std::uint32_t>(directory_.size()));
  u32(out, static_cast<std::uint32_t>(body_.size()));
  u16(out, 0);
  return out;
}

}  // namespace civic::platform
