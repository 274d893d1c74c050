// The bulk kernel behind rating_histogram::add(const std::uint8_t*, std::size_t): counts
// bytes per scale point and validates them without a per-element branch.
#ifndef CXMETRICS_DETAIL_COUNT_BYTES_HPP
#define CXMETRICS_DETAIL_COUNT_BYTES_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// The byte values [lo, hi] that are points of scale `Lo..Hi`; empty when lo > hi.
template <int Lo, int Hi>
struct byte_range {
  static constexpr int lo = Lo < 0 ? 0 : Lo;
  static constexpr int hi = Hi > 255 ? 255 : Hi;
  static constexpr bool empty = lo > hi;
  static constexpr unsigned span = empty ? 0u : static_cast<unsigned>(hi - lo);
};

/// Index of the first byte outside [lo, lo + span], or n when all are valid.
inline std::size_t first_invalid_byte(const std::uint8_t* data, std::size_t n, int lo,
                                      unsigned span) noexcept {
  for (std::size_t i = 0; i < n; ++i)
    if (static_cast<unsigned>(static_cast<std::uint8_t>(data[i] - lo)) > span) return i;
  return n;
}

/// OR-reduction of "byte is off the range": one vectorisable pass, no branch per byte.
inline bool any_invalid_byte(const std::uint8_t* data, std::size_t n, int lo,
                             unsigned span) noexcept {
  unsigned bad = 0;
  for (std::size_t i = 0; i < n; ++i)
    bad |= static_cast<unsigned>(static_cast<unsigned>(static_cast<std::uint8_t>(data[i] - lo)) > span);
  return bad != 0;
}

// Blocks of 224 bytes: a multiple of 16 and 32 (SSE and AVX lanes), and below 256 so that
// 8-bit lane counters cannot wrap within a block.
inline constexpr std::size_t count_block = 224;

/// Adds to `counts[v - lo]` the number of bytes equal to v, for lo <= v <= lo + Points - 1.
/// Small scales use compare-and-count per point, which the compiler turns into SIMD
/// compares; wide scales fall back to four interleaved scatter tables, which hide the
/// store-to-load dependency between equal neighbouring bytes.
template <int Points>
void count_valid_bytes(const std::uint8_t* data, std::size_t n, int lo,
                       std::array<std::uint64_t, Points>& counts) noexcept {
  if constexpr (Points <= 16) {
    std::size_t i = 0;
    for (; i + count_block <= n; i += count_block) {
      const std::uint8_t* block = data + i;
      for (int p = 0; p < Points; ++p) {
        const auto value = static_cast<std::uint8_t>(lo + p);
        std::uint8_t c = 0;
        for (std::size_t j = 0; j < count_block; ++j)
          c = static_cast<std::uint8_t>(c + (block[j] == value));
        counts[static_cast<std::size_t>(p)] += c;
      }
    }
    for (; i < n; ++i) ++counts[static_cast<std::size_t>(data[i] - lo)];
  } else {
    std::array<std::array<std::uint64_t, Points>, 4> tables{};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      ++tables[0][static_cast<std::size_t>(data[i] - lo)];
      ++tables[1][static_cast<std::size_t>(data[i + 1] - lo)];
      ++tables[2][static_cast<std::size_t>(data[i + 2] - lo)];
      ++tables[3][static_cast<std::size_t>(data[i + 3] - lo)];
    }
    for (; i < n; ++i) ++tables[0][static_cast<std::size_t>(data[i] - lo)];
    for (std::size_t p = 0; p < static_cast<std::size_t>(Points); ++p)
      counts[p] += tables[0][p] + tables[1][p] + tables[2][p] + tables[3][p];
  }
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_COUNT_BYTES_HPP
