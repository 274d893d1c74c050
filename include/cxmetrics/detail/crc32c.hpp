// CRC-32C (Castagnoli): the checksum of the state encoding (docs/encoding.md). Chosen over
// CRC-32 for its better Hamming distance at the lengths states have (Castagnoli, Braeuer
// and Herrmann 1993) and because iSCSI, ext4 and Snappy made its check values common
// knowledge: CRC-32C("123456789") = 0xE3069283.
#ifndef CXMETRICS_DETAIL_CRC32C_HPP
#define CXMETRICS_DETAIL_CRC32C_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

// Reflected polynomial 0x1EDC6F41, one table entry per byte value.
inline constexpr std::array<std::uint32_t, 256> crc32c_table = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t byte = 0; byte < 256; ++byte) {
    std::uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ ((crc & 1u) != 0 ? 0x82F63B78u : 0u);
    table[byte] = crc;
  }
  return table;
}();

/// CRC-32C of `data[0..n)`, continuing from the checksum `crc` of earlier bytes (0 to start).
inline std::uint32_t crc32c(const std::uint8_t* data, std::size_t n, std::uint32_t crc = 0) noexcept {
  crc = ~crc;
  for (std::size_t i = 0; i < n; ++i) crc = (crc >> 8) ^ crc32c_table[(crc ^ data[i]) & 0xFFu];
  return ~crc;
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_CRC32C_HPP
