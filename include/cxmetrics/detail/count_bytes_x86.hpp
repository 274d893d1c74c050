// AVX2 and AVX-512BW kernels behind rating_histogram::add(const std::uint8_t*, std::size_t).
// Compiled with __attribute__((target(...))) so that a consumer's plain -O2 build carries
// them; count_bytes.hpp calls one only after __builtin_cpu_supports has said it may.
#ifndef CXMETRICS_DETAIL_COUNT_BYTES_X86_HPP
#define CXMETRICS_DETAIL_COUNT_BYTES_X86_HPP

#include <array>
#include <cstddef>
#include <cstdint>

#include <immintrin.h>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

// The method, the same on both widths. A byte minus the first valid value names its point
// (0..15: the kernels serve ranges of at most 16 values), and one in-register table
// lookup (vpshufb) turns it into 1 for one point and 16 for a second:
// two points share one byte-wide counter, one in each nibble, and a lookup plus an add
// count both. Fifteen vectors are the most a nibble takes before it would carry, so the
// counters are flushed (split into nibbles, summed by vpsadbw into 64-bit lanes) every
// fifteen. The last point needs no table: it is what the others leave. Validation is a
// running byte-wise max of (byte - first value), which wraps bytes below the range to the
// top, checked once per fifteen vectors: one or two instructions per vector instead of a
// compare per point.
//
// Each kernel counts the whole vectors of [data, data + n) into `counts` and returns the
// number of bytes it consumed (a multiple of the vector width), or `npos` when it met an
// invalid byte; the caller counts the tail and, on `npos`, finds the first invalid byte.
// The loops over tables must be unrolled for the counters to live in registers; GCC does
// not unroll them at -O2 on its own (4x slower there), so ask.
#if defined(__clang__)
#define CXMETRICS_UNROLL _Pragma("unroll")
#else
#define CXMETRICS_UNROLL _Pragma("GCC unroll 16")
#endif

inline constexpr std::size_t kernel_failed = static_cast<std::size_t>(-1);

// Nibble tables: table t gives 1 for point 2t and 16 for point 2t + 1, indexed by the
// point; the implied last point gets 0. Repeated in each 16-byte lane, since
// vpshufb looks up within lanes; loading them whole avoids GCC 12's broadcast intrinsics,
// which trip -Wuninitialized.
template <int Points>
struct nibble_tables {
  alignas(64) std::uint8_t rows[Points / 2][64] = {};
  constexpr nibble_tables() {
    for (int p = 0; p + 1 < Points; ++p)
      for (int lane = 0; lane < 4; ++lane)
        rows[p / 2][16 * lane + p] = static_cast<std::uint8_t>(p % 2 == 0 ? 1 : 16);
  }
};

template <int Lo, int Points>
__attribute__((target("avx2"))) std::size_t count_bytes_avx2(const std::uint8_t* data, std::size_t n,
                                                             std::uint64_t* counts) noexcept {
  static_assert(Points >= 2 && Points <= 16 && Lo >= 0 && Lo + Points - 1 <= 255);
  constexpr int tables_n = Points / 2;  // (Points - 1) explicit points, two per table
  static constexpr nibble_tables<Points> tables{};
  constexpr std::size_t width = 32;
  constexpr std::size_t block = 15 * width;
  __m256i table[tables_n];
  __m256i low[tables_n], high[tables_n];  // 64-bit lane sums of the low and high nibbles
  CXMETRICS_UNROLL
  for (int t = 0; t < tables_n; ++t) {
    table[t] = _mm256_load_si256(reinterpret_cast<const __m256i*>(tables.rows[t]));
    low[t] = _mm256_setzero_si256();
    high[t] = _mm256_setzero_si256();
  }
  const __m256i nibble_mask = _mm256_set1_epi8(0x0F);
  const __m256i zero = _mm256_setzero_si256();
  const __m256i top = _mm256_set1_epi8(static_cast<char>(Points - 1));
  const __m256i first = _mm256_set1_epi8(static_cast<char>(Lo));
  __m256i max_seen = zero;
  const std::size_t whole = n / width * width;
  std::size_t i = 0;
  while (i < whole) {
    const std::size_t stop = whole - i < block ? whole : i + block;
    __m256i acc[tables_n];
    CXMETRICS_UNROLL
    for (int t = 0; t < tables_n; ++t) acc[t] = zero;
    for (; i < stop; i += width) {
      __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i));
      if constexpr (Lo > 0) x = _mm256_sub_epi8(x, first);
      max_seen = _mm256_max_epu8(max_seen, x);
      CXMETRICS_UNROLL
      for (int t = 0; t < tables_n; ++t) acc[t] = _mm256_add_epi8(acc[t], _mm256_shuffle_epi8(table[t], x));
    }
    if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_max_epu8(max_seen, top), top)) != -1) return kernel_failed;
    CXMETRICS_UNROLL
    for (int t = 0; t < tables_n; ++t) {
      low[t] = _mm256_add_epi64(low[t], _mm256_sad_epu8(_mm256_and_si256(acc[t], nibble_mask), zero));
      high[t] = _mm256_add_epi64(
          high[t], _mm256_sad_epu8(_mm256_and_si256(_mm256_srli_epi16(acc[t], 4), nibble_mask), zero));
    }
  }
  std::uint64_t counted = 0;
  CXMETRICS_UNROLL
  for (int t = 0; t < tables_n; ++t) {
    alignas(32) std::uint64_t lanes[2][4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes[0]), low[t]);
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes[1]), high[t]);
    for (int half = 0; half < 2; ++half) {
      const int point = 2 * t + half;
      if (point + 1 >= Points) continue;
      const std::uint64_t c = lanes[half][0] + lanes[half][1] + lanes[half][2] + lanes[half][3];
      counts[point] += c;
      counted += c;
    }
  }
  counts[Points - 1] += whole - counted;
  return whole;
}

template <int Lo, int Points>
__attribute__((target("avx512f,avx512bw"))) std::size_t count_bytes_avx512bw(const std::uint8_t* data,
                                                                             std::size_t n,
                                                                             std::uint64_t* counts) noexcept {
  static_assert(Points >= 2 && Points <= 16 && Lo >= 0 && Lo + Points - 1 <= 255);
  constexpr int tables_n = Points / 2;
  static constexpr nibble_tables<Points> tables{};
  constexpr std::size_t width = 64;
  constexpr std::size_t block = 15 * width;
  __m512i table[tables_n];
  __m512i low[tables_n], high[tables_n];
  CXMETRICS_UNROLL
  for (int t = 0; t < tables_n; ++t) {
    table[t] = _mm512_load_si512(tables.rows[t]);
    low[t] = _mm512_setzero_si512();
    high[t] = _mm512_setzero_si512();
  }
  const __m512i nibble_mask = _mm512_set1_epi8(0x0F);
  const __m512i zero = _mm512_setzero_si512();
  const __m512i top = _mm512_set1_epi8(static_cast<char>(Points - 1));
  const __m512i first = _mm512_set1_epi8(static_cast<char>(Lo));
  __m512i max_seen = zero;
  const std::size_t whole = n / width * width;
  std::size_t i = 0;
  while (i < whole) {
    const std::size_t stop = whole - i < block ? whole : i + block;
    __m512i acc[tables_n];
    CXMETRICS_UNROLL
    for (int t = 0; t < tables_n; ++t) acc[t] = zero;
    for (; i < stop; i += width) {
      __m512i x = _mm512_loadu_si512(data + i);
      if constexpr (Lo > 0) x = _mm512_sub_epi8(x, first);
      max_seen = _mm512_max_epu8(max_seen, x);
      CXMETRICS_UNROLL
      for (int t = 0; t < tables_n; ++t) acc[t] = _mm512_add_epi8(acc[t], _mm512_shuffle_epi8(table[t], x));
    }
    if (_mm512_cmpgt_epu8_mask(max_seen, top) != 0) return kernel_failed;
    CXMETRICS_UNROLL
    for (int t = 0; t < tables_n; ++t) {
      low[t] = _mm512_add_epi64(low[t], _mm512_sad_epu8(_mm512_and_si512(acc[t], nibble_mask), zero));
      high[t] = _mm512_add_epi64(
          high[t], _mm512_sad_epu8(_mm512_and_si512(_mm512_srli_epi16(acc[t], 4), nibble_mask), zero));
    }
  }
  std::uint64_t counted = 0;
  CXMETRICS_UNROLL
  for (int t = 0; t < tables_n; ++t) {
    alignas(64) std::uint64_t lanes[2][8];
    _mm512_store_si512(lanes[0], low[t]);
    _mm512_store_si512(lanes[1], high[t]);
    for (int half = 0; half < 2; ++half) {
      const int point = 2 * t + half;
      if (point + 1 >= Points) continue;
      std::uint64_t c = 0;
      for (int lane = 0; lane < 8; ++lane) c += lanes[half][lane];
      counts[point] += c;
      counted += c;
    }
  }
  counts[Points - 1] += whole - counted;
  return whole;
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#undef CXMETRICS_UNROLL

#endif  // CXMETRICS_DETAIL_COUNT_BYTES_X86_HPP
