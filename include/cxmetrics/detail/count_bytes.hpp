// The bulk kernel behind rating_histogram::add(const std::uint8_t*, std::size_t): counts
// bytes per scale point and validates them without a per-element branch, with the widest
// kernel the CPU offers (chosen once per process) or the portable one.
#ifndef CXMETRICS_DETAIL_COUNT_BYTES_HPP
#define CXMETRICS_DETAIL_COUNT_BYTES_HPP

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <cxmetrics/detail/config.hpp>

// Runtime-dispatched AVX2 / AVX-512BW kernels need GCC or Clang (target attributes,
// __builtin_cpu_supports) on x86; CXMETRICS_NO_X86_KERNELS turns them off.
#if !defined(CXMETRICS_X86_KERNELS)
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__)) && \
    !defined(CXMETRICS_NO_X86_KERNELS)
#define CXMETRICS_X86_KERNELS 1
#else
#define CXMETRICS_X86_KERNELS 0
#endif
#endif

#if CXMETRICS_X86_KERNELS
#include <cxmetrics/detail/count_bytes_x86.hpp>
#endif

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

// Adds a block's per-lane counters of the first Points - 1 values to `counts`; the last
// value is what the block holds besides them (every byte of the block is on the scale).
template <int Points>
void add_lane_counts(const byte_lanes (&acc)[Points - 1], std::array<std::uint64_t, Points>& counts) noexcept {
  std::uint64_t counted = 0;
  for (int p = 0; p + 1 < Points; ++p) {
    std::uint64_t c = 0;
    for (std::size_t j = 0; j < count_lanes; ++j) c += acc[p][j];
    counts[static_cast<std::size_t>(p)] += c;
    counted += c;
  }
  counts[static_cast<std::size_t>(Points - 1)] += count_block - counted;
}

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
  add_lane_counts<Points>(acc, counts);
  }
}

// The portable kernel's block: validates and counts in one pass over 16-byte lanes (a
// running max of byte - Lo, which wraps bytes below the scale to the top), so that the
// check costs one instruction per stride instead of a second, scalar pass (g++ -O2 does
// not vectorise that one). False when some byte is off the scale; `counts` is then partial.
#if defined(__clang__)
#define CXMETRICS_PORTABLE_UNROLL _Pragma("unroll")
#else
#define CXMETRICS_PORTABLE_UNROLL _Pragma("GCC unroll 16")
#endif
template <int Lo, int Points>
bool count_block_checked_lanes(const std::uint8_t* block, std::array<std::uint64_t, Points>& counts) noexcept {
  byte_lanes acc[Points - 1] = {};
  byte_lanes top = {};
  for (std::size_t s = 0; s < count_strides; ++s) {
    byte_lanes x;
    __builtin_memcpy(&x, block + s * count_lanes, sizeof x);
    x -= static_cast<std::uint8_t>(Lo);
    top = top > x ? top : x;
    CXMETRICS_PORTABLE_UNROLL
    for (int p = 0; p + 1 < Points; ++p) acc[p] -= reinterpret_cast<byte_lanes>(x == static_cast<std::uint8_t>(p));
  }
  for (std::size_t j = 0; j < count_lanes; ++j)
    if (top[j] > Points - 1) return false;
  add_lane_counts<Points>(acc, counts);
  return true;
}
#undef CXMETRICS_PORTABLE_UNROLL
#define CXMETRICS_CHECKED_LANES 1
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

/// The portable path: validate a 4 KiB chunk with an OR-reduction, then count it while it
/// is still in L1. Returns n, or the index of the first byte outside [Lo, Lo + Points - 1]
/// (then `counts` holds a partial count the caller discards).
template <int Lo, int Points>
std::size_t count_checked_bytes_portable(const std::uint8_t* data, std::size_t n,
                                         std::array<std::uint64_t, Points>& counts) noexcept {
  constexpr unsigned span = static_cast<unsigned>(Points - 1);
#if defined(CXMETRICS_CHECKED_LANES)
  if constexpr (Points >= 2 && Points <= 16) {
    std::size_t offset = 0;
    for (; offset + count_block <= n; offset += count_block)
      if (CXMETRICS_UNLIKELY((!count_block_checked_lanes<Lo, Points>(data + offset, counts))))
        return offset + first_invalid_byte(data + offset, count_block, Lo, span);
    for (std::size_t i = offset; i < n; ++i) {
      const unsigned v = static_cast<unsigned>(static_cast<std::uint8_t>(data[i] - Lo));
      if (v > span) return i;
      ++counts[v];
    }
    return n;
  }
#endif
  for (std::size_t offset = 0; offset < n; offset += count_block) {
    const std::size_t len = n - offset < count_block ? n - offset : count_block;
    if (CXMETRICS_UNLIKELY(any_invalid_byte(data + offset, len, Lo, span)))
      return offset + first_invalid_byte(data + offset, len, Lo, span);
    count_valid_bytes<Points>(data + offset, len, Lo, counts);
  }
  return n;
}

/// The kernels `count_checked_bytes` can run. Which ones a build and a machine offer:
/// `avx2` and `avx512bw` need GCC or Clang targeting x86 (they are compiled with target
/// attributes, whatever -m flags the consumer uses) and a CPU and OS that support them;
/// MSVC and non-x86 targets (ARM, POWER, ...) always take `portable`.
enum class byte_kernel { portable = 0, avx2 = 1, avx512bw = 2 };

inline const char* byte_kernel_name(byte_kernel k) noexcept {
  switch (k) {
    case byte_kernel::avx2: return "avx2";
    case byte_kernel::avx512bw: return "avx512bw";
    case byte_kernel::portable: break;
  }
  return "portable";
}

/// Whether this build and this CPU can run `k`.
inline bool byte_kernel_supported(byte_kernel k) noexcept {
#if CXMETRICS_X86_KERNELS
  // Idempotent; needed when the first bulk add runs in a static initializer, possibly
  // before libgcc's own constructor has filled in the CPU model.
  __builtin_cpu_init();
#endif
  switch (k) {
    case byte_kernel::portable: return true;
#if CXMETRICS_X86_KERNELS
    // libgcc's and compiler-rt's CPU model also check (XGETBV) that the OS saves the
    // AVX and AVX-512 registers, so "supported" here means usable.
    case byte_kernel::avx2: return __builtin_cpu_supports("avx2");
    case byte_kernel::avx512bw: return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
#else
    case byte_kernel::avx2:
    case byte_kernel::avx512bw: return false;
#endif
  }
  return false;
}

/// The kernel used by the first call in this process: the widest supported, unless the
/// environment variable CXMETRICS_FORCE_KERNEL names a supported one (portable, avx2 or
/// avx512bw; an unsupported or unknown name is ignored). For tests and for measuring.
inline byte_kernel initial_byte_kernel() noexcept {
  byte_kernel best = byte_kernel::portable;
  if (byte_kernel_supported(byte_kernel::avx2)) best = byte_kernel::avx2;
  if (byte_kernel_supported(byte_kernel::avx512bw)) best = byte_kernel::avx512bw;
  if (const char* forced = std::getenv("CXMETRICS_FORCE_KERNEL")) {
    for (byte_kernel k : {byte_kernel::portable, byte_kernel::avx2, byte_kernel::avx512bw})
      if (std::strcmp(forced, byte_kernel_name(k)) == 0 && byte_kernel_supported(k)) return k;
  }
  return best;
}

// Chosen once per process (a thread-safe local static), then read with one relaxed load.
inline std::atomic<int>& byte_kernel_choice() noexcept {
  static std::atomic<int> choice{static_cast<int>(initial_byte_kernel())};
  return choice;
}

/// The kernel `rating_histogram::add(const std::uint8_t*, std::size_t)` uses.
inline byte_kernel active_byte_kernel() noexcept {
  return static_cast<byte_kernel>(byte_kernel_choice().load(std::memory_order_relaxed));
}

/// Makes every later bulk add use `k`; returns false (and changes nothing) when `k` is not
/// supported here. For tests that run every path, and for benchmarks.
inline bool force_byte_kernel(byte_kernel k) noexcept {
  if (!byte_kernel_supported(k)) return false;
  byte_kernel_choice().store(static_cast<int>(k), std::memory_order_relaxed);
  return true;
}

/// Counts the bytes of [data, data + n) per value Lo..Lo + Points - 1 into `counts` with
/// kernel `k` (which must be supported). Returns n when every byte is in range; otherwise
/// the index of the first byte that is not, and `counts` is to be discarded. Every kernel
/// gives the same counts and the same index.
template <int Lo, int Points>
std::size_t count_checked_bytes(byte_kernel k, const std::uint8_t* data, std::size_t n,
                                std::array<std::uint64_t, Points>& counts) noexcept {
#if CXMETRICS_X86_KERNELS
  if constexpr (Points >= 2 && Points <= 16) {
    if (k != byte_kernel::portable) {
      const std::size_t done = k == byte_kernel::avx512bw ? count_bytes_avx512bw<Lo, Points>(data, n, counts.data())
                                                         : count_bytes_avx2<Lo, Points>(data, n, counts.data());
      // A failed kernel stops at the block holding the first bad byte; the scalar scan
      // names it exactly (the block size differs between kernels, the answer does not).
      if (done == kernel_failed) return first_invalid_byte(data, n, Lo, static_cast<unsigned>(Points - 1));
      // Fewer bytes than a vector are left: count them one by one.
      for (std::size_t i = done; i < n; ++i) {
        const unsigned v = static_cast<unsigned>(static_cast<std::uint8_t>(data[i] - Lo));
        if (v > static_cast<unsigned>(Points - 1)) return i;
        ++counts[v];
      }
      return n;
    }
  }
#endif
  (void)k;
  return count_checked_bytes_portable<Lo, Points>(data, n, counts);
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_COUNT_BYTES_HPP
