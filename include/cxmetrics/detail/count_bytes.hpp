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

// Compare-and-count reads 16-byte strides and keeps one 8-bit counter per lane and point;
// 255 strides is the most a lane counter can take without wrapping.
inline constexpr std::size_t count_lanes = 16;
inline constexpr std::size_t count_strides = 255;
inline constexpr std::size_t count_block = count_lanes * count_strides;  // 4080 bytes, in L1

#if defined(__GNUC__) || defined(__clang__)
// GCC/Clang vector extensions: one load per stride, compared with every point, so each
// byte is read once whatever the number of points. SSE2 suffices; wider ISAs are used when
// the consumer enables them.
typedef std::uint8_t byte_lanes __attribute__((vector_size(16)));

template <int Points>
void count_block_lanes(const std::uint8_t* block, int lo, std::array<std::uint64_t, Points>& counts) noexcept {
  if constexpr (Points == 1) {  // one valid byte value: every byte of the block is it
    (void)block;
    (void)lo;
    counts[0] += count_block;
    return;
  } else {
  byte_lanes acc[Points - 1] = {};
  for (std::size_t s = 0; s < count_strides; ++s) {
    byte_lanes x;
    __builtin_memcpy(&x, block + s * count_lanes, sizeof x);
    for (int p = 0; p + 1 < Points; ++p)
      acc[p] -= reinterpret_cast<byte_lanes>(x == static_cast<std::uint8_t>(lo + p));
  }
  std::uint64_t counted = 0;
  for (int p = 0; p + 1 < Points; ++p) {
    std::uint64_t c = 0;
    for (std::size_t j = 0; j < count_lanes; ++j) c += acc[p][j];
    counts[static_cast<std::size_t>(p)] += c;
    counted += c;
  }
  counts[static_cast<std::size_t>(Points - 1)] += count_block - counted;
  }
}
#else
template <int Points>
void count_block_lanes(const std::uint8_t* block, int lo, std::array<std::uint64_t, Points>& counts) noexcept {
  for (std::size_t i = 0; i < count_block; ++i) ++counts[static_cast<std::size_t>(block[i] - lo)];
}
#endif

/// Adds to `counts[v - lo]` the number of bytes equal to v, for lo <= v <= lo + Points - 1;
/// every byte must already be known to lie in that range.
///
/// Small scales use compare-and-count in SIMD lanes (the last point needs no compare: it
/// is what the others leave). Wide scales fall back to four interleaved scatter tables,
/// which hide the store-to-load dependency between equal neighbouring bytes.
template <int Points>
void count_valid_bytes(const std::uint8_t* data, std::size_t n, int lo,
                       std::array<std::uint64_t, Points>& counts) noexcept {
  if constexpr (Points <= 16) {
    std::size_t i = 0;
    for (; i + count_block <= n; i += count_block) count_block_lanes<Points>(data + i, lo, counts);
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
