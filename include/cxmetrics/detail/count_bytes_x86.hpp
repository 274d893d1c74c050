// AVX2 and AVX-512BW kernels behind rating_histogram::add(const std::uint8_t*, std::size_t).
// Compiled with __attribute__((target(...))) so that a consumer's plain -O2 build carries
// them; count_bytes.hpp calls one only after __builtin_cpu_supports has said it may.
//
// Written with GCC/Clang vector extensions and three compiler builtins rather than
// <immintrin.h>, which alone costs 0.4 s of compile time in every translation unit that
// includes a histogram.
#ifndef CXMETRICS_DETAIL_COUNT_BYTES_X86_HPP
#define CXMETRICS_DETAIL_COUNT_BYTES_X86_HPP

#include <cstddef>
#include <cstdint>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

// The method, the same on both widths. A byte minus the first valid value names its point
// (0..15: the kernels serve ranges of at most 16 values), and one in-register table
// lookup (vpshufb) turns it into 1 for one point and 16 for a second: two points share
// one byte-wide counter, one in each nibble, and a lookup plus an add count both. Fifteen
// vectors are the most a nibble takes before it would carry, so the counters are flushed
// (split into nibbles, summed by vpsadbw into 64-bit lanes) every fifteen. The last point
// needs no table: it is what the others leave. Validation is a running byte-wise max of
// (byte - first value), which wraps bytes below the range to the top, checked once per
// fifteen vectors: one or two instructions per vector instead of a compare per point.
//
// Each kernel counts the whole vectors of [data, data + n) into `counts` and returns the
// number of bytes it consumed (a multiple of the vector width), or `kernel_failed` when it
// met an invalid byte; the caller counts the tail and, on failure, finds the first bad byte.
inline constexpr std::size_t kernel_failed = static_cast<std::size_t>(-1);

// The loops over tables must be unrolled for the counters to live in registers; GCC does
// not unroll them at -O2 on its own (4x slower there), so ask.
#if defined(__clang__)
#define CXMETRICS_UNROLL _Pragma("unroll")
#else
#define CXMETRICS_UNROLL _Pragma("GCC unroll 16")
#endif

// Nibble tables: table t gives 1 for point 2t and 16 for point 2t + 1, indexed by the
// point; the implied last point gets 0. Repeated in each 16-byte lane, since vpshufb
// looks up within lanes.
template <int Points>
struct nibble_tables {
  alignas(64) std::uint8_t rows[Points / 2][64] = {};
  constexpr nibble_tables() {
    for (int p = 0; p + 1 < Points; ++p)
      for (int lane = 0; lane < 4; ++lane)
        rows[p / 2][16 * lane + p] = static_cast<std::uint8_t>(p % 2 == 0 ? 1 : 16);
  }
};

// The kernel, written once for both widths: `Isa` names the vector types and the
// shuffle, sad and max_u8 helpers of one instruction set (a macro because a function's
// target attribute cannot depend on a template parameter).
#define CXMETRICS_KERNEL_BODY(Width, Isa)                                                              \
  using bytes = Isa##_bytes;                                                                           \
  using ubytes = Isa##_ubytes;                                                                         \
  using words = Isa##_words;                                                                           \
  static_assert(Points >= 2 && Points <= 16 && Lo >= 0 && Lo + Points - 1 <= 255);                     \
  constexpr int tables_n = Points / 2; /* (Points - 1) explicit points, two per table */               \
  static constexpr nibble_tables<Points> tables{};                                                     \
  constexpr std::size_t width = Width;                                                                 \
  constexpr std::size_t block = 15 * width;                                                            \
  bytes table[tables_n];                                                                               \
  words low[tables_n], high[tables_n]; /* 64-bit lane sums of the low and high nibbles */              \
  CXMETRICS_UNROLL                                                                                     \
  for (int t = 0; t < tables_n; ++t) {                                                                 \
    __builtin_memcpy(&table[t], tables.rows[t], width);                                                \
    low[t] = words{};                                                                                  \
    high[t] = words{};                                                                                 \
  }                                                                                                    \
  const ubytes nibble = ubytes{} + 0x0F;                                                               \
  const ubytes top = ubytes{} + static_cast<unsigned char>(Points - 1);                                \
  const ubytes first = ubytes{} + static_cast<unsigned char>(Lo);                                      \
  ubytes max_seen = ubytes{};                                                                          \
  const std::size_t whole = n / width * width;                                                         \
  std::size_t i = 0;                                                                                   \
  while (i < whole) {                                                                                  \
    const std::size_t stop = whole - i < block ? whole : i + block;                                    \
    ubytes acc[tables_n];                                                                              \
    CXMETRICS_UNROLL                                                                                   \
    for (int t = 0; t < tables_n; ++t) acc[t] = ubytes{};                                              \
    for (; i < stop; i += width) {                                                                     \
      ubytes x;                                                                                        \
      __builtin_memcpy(&x, data + i, width);                                                           \
      if constexpr (Lo > 0) x -= first;                                                                \
      max_seen = max_u8(max_seen, x);                                                                  \
      CXMETRICS_UNROLL                                                                                 \
      for (int t = 0; t < tables_n; ++t) acc[t] += (ubytes)shuffle(table[t], (bytes)x);                \
    }                                                                                                  \
    /* any lane above the last point: some byte of the block is off the scale */                       \
    const words over = (words)(max_seen > top);                                                        \
    long long any = 0;                                                                                 \
    for (std::size_t w = 0; w < width / 8; ++w) any |= over[w];                                        \
    if (any != 0) return kernel_failed;                                                                \
    CXMETRICS_UNROLL                                                                                   \
    for (int t = 0; t < tables_n; ++t) {                                                               \
      low[t] += sad((bytes)(acc[t] & nibble));                                                         \
      high[t] += sad((bytes)((acc[t] >> 4) & nibble));                                                \
    }                                                                                                  \
  }                                                                                                    \
  std::uint64_t counted = 0;                                                                           \
  CXMETRICS_UNROLL                                                                                     \
  for (int t = 0; t < tables_n; ++t) {                                                                 \
    for (int half = 0; half < 2; ++half) {                                                             \
      const int point = 2 * t + half;                                                                  \
      if (point + 1 >= Points) continue;                                                               \
      std::uint64_t c = 0;                                                                             \
      for (std::size_t w = 0; w < width / 8; ++w)                                                      \
        c += static_cast<std::uint64_t>(half == 0 ? low[t][w] : high[t][w]);                           \
      counts[point] += c;                                                                              \
      counted += c;                                                                                    \
    }                                                                                                  \
  }                                                                                                    \
  counts[Points - 1] += whole - counted;                                                               \
  return whole;

// The operations the vector extensions lack, per instruction set: in-lane byte shuffle
// (vpshufb), sums of absolute differences against zero (vpsadbw) and unsigned max. `char`
// vectors are what the builtins take (GCC's and Clang's __v32qi / __v64qi).

// AVX2: 32-byte vectors.
#define CXMETRICS_TARGET_AVX2 __attribute__((target("avx2"), always_inline))
typedef char avx2_bytes __attribute__((vector_size(32)));
typedef unsigned char avx2_ubytes __attribute__((vector_size(32)));
typedef long long avx2_words __attribute__((vector_size(32)));
inline CXMETRICS_TARGET_AVX2 avx2_bytes shuffle(avx2_bytes table, avx2_bytes index) noexcept {
  return __builtin_ia32_pshufb256(table, index);
}
inline CXMETRICS_TARGET_AVX2 avx2_words sad(avx2_bytes x) noexcept {
  return (avx2_words)__builtin_ia32_psadbw256(x, avx2_bytes{});
}
inline CXMETRICS_TARGET_AVX2 avx2_ubytes max_u8(avx2_ubytes a, avx2_ubytes b) noexcept { return a > b ? a : b; }

template <int Lo, int Points>
__attribute__((target("avx2"))) std::size_t count_bytes_avx2(const std::uint8_t* data, std::size_t n,
                                                             std::uint64_t* counts) noexcept {
  CXMETRICS_KERNEL_BODY(32, avx2)
}

// AVX-512BW: 64-byte vectors.
#define CXMETRICS_TARGET_AVX512 __attribute__((target("avx512f,avx512bw"), always_inline))
typedef char avx512_bytes __attribute__((vector_size(64)));
typedef unsigned char avx512_ubytes __attribute__((vector_size(64)));
typedef long long avx512_words __attribute__((vector_size(64)));
inline CXMETRICS_TARGET_AVX512 avx512_bytes shuffle(avx512_bytes table, avx512_bytes index) noexcept {
#if defined(__clang__)
  return __builtin_ia32_pshufb512(table, index);
#else
  return __builtin_ia32_pshufb512_mask(table, index, avx512_bytes{}, ~0ULL);
#endif
}
inline CXMETRICS_TARGET_AVX512 avx512_words sad(avx512_bytes x) noexcept {
  return (avx512_words)__builtin_ia32_psadbw512(x, avx512_bytes{});
}
inline CXMETRICS_TARGET_AVX512 avx512_ubytes max_u8(avx512_ubytes a, avx512_ubytes b) noexcept {
  return a > b ? a : b;
}

template <int Lo, int Points>
__attribute__((target("avx512f,avx512bw"))) std::size_t count_bytes_avx512bw(const std::uint8_t* data,
                                                                             std::size_t n,
                                                                             std::uint64_t* counts) noexcept {
  CXMETRICS_KERNEL_BODY(64, avx512)
}

#undef CXMETRICS_KERNEL_BODY
#undef CXMETRICS_TARGET_AVX2
#undef CXMETRICS_TARGET_AVX512
#undef CXMETRICS_UNROLL

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_COUNT_BYTES_X86_HPP
