// Bulk ingest of ratings: cxmetrics' histogram paths against the memory-read limit, a naive
// `++h[x]` loop and Boost.Accumulators fed the same data. Names: <area>/<operation>/<bytes>.
// Every benchmark checks its result, so the optimiser cannot drop the work.
#include <cxmetrics/core/histogram.hpp>

#include <array>
#include <cstring>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/accumulators/statistics/variance.hpp>

namespace cx = cxmetrics;
namespace acc = boost::accumulators;

namespace {

const std::vector<std::uint8_t>& ratings(std::size_t n, int lo, int hi) {
  static std::vector<std::uint8_t> data;
  static int cached_lo = -1, cached_hi = -1;
  if (data.size() != n || cached_lo != lo || cached_hi != hi) {
    std::mt19937_64 rng(12345);
    std::uniform_int_distribution<int> pick(lo, hi);
    data.resize(n);
    for (auto& b : data) b = static_cast<std::uint8_t>(pick(rng));
    cached_lo = lo;
    cached_hi = hi;
  }
  return data;
}

void expect(bool ok, benchmark::State& state) {
  if (!ok) state.SkipWithError("checksum mismatch");
}

void finish(benchmark::State& state, std::size_t n) {
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// The physical limit: read every byte once, as 64-bit words added with wrap-around, with
// the widest loads this CPU has (AVX-512 or AVX2 under target attributes, the same way the
// byte kernels get them; plain 8-byte words elsewhere), the checksum compared with a byte
// loop. A narrower loop would understate the limit: g++ -O2 leaves the plain loop at 8
// bytes per add, which the AVX-512 byte kernel outruns.
typedef unsigned long long words32 __attribute__((vector_size(32)));
typedef unsigned long long words64 __attribute__((vector_size(64)));

template <class Words>
std::uint64_t sum_words_wide(const std::uint8_t* p, std::size_t n) {
  constexpr std::size_t Width = sizeof(Words);
  Words a = {}, b = {};
  std::size_t i = 0;
  for (; i + 2 * Width <= n; i += 2 * Width) {
    Words x, y;
    std::memcpy(&x, p + i, Width);
    std::memcpy(&y, p + i + Width, Width);
    a += x;
    b += y;
  }
  a += b;
  std::uint64_t s = 0;
  for (std::size_t j = 0; j < Width / 8; ++j) s += a[j];
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    s += w;
  }
  return s;
}
std::uint64_t sum_words_plain(const std::uint8_t* p, std::size_t n) {
  std::uint64_t s = 0;
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    s += w;
  }
  return s;
}
__attribute__((target("avx512f"))) std::uint64_t sum_words_avx512(const std::uint8_t* p, std::size_t n) {
  return sum_words_wide<words64>(p, n);
}
__attribute__((target("avx2"))) std::uint64_t sum_words_avx2(const std::uint8_t* p, std::size_t n) {
  return sum_words_wide<words32>(p, n);
}

void memory_read_sum(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = ratings(n, 0, 10);
  std::uint64_t expected = 0;
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, data.data() + i, 8);
    expected += w;
  }
  const bool avx512 = __builtin_cpu_supports("avx512f"), avx2 = __builtin_cpu_supports("avx2");
  std::uint64_t sum = 0;
  for (auto _ : state) {
    sum = avx512 ? sum_words_avx512(data.data(), n) : avx2 ? sum_words_avx2(data.data(), n) : sum_words_plain(data.data(), n);
    cxbench::keep(sum);
  }
  expect(sum == expected, state);
  state.SetLabel(avx512 ? "avx512" : avx2 ? "avx2" : "64-bit words");
  finish(state, n);
}

// What most hand-written code does: no validation, one table.
void naive_histogram(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = ratings(n, 0, 10);
  std::uint64_t total = 0;
  for (auto _ : state) {
    std::array<std::uint64_t, 11> h{};
    for (std::size_t i = 0; i < n; ++i) ++h[data[i]];
    benchmark::DoNotOptimize(h);
    total = 0;
    for (auto c : h) total += c;
  }
  expect(total == n, state);
  finish(state, n);
}

// Counts of the same data by a plain loop, computed once: the checksum of every byte path
// (a total alone would pass whatever was counted, since add() adds n to it).
template <class Scale>
std::array<std::uint64_t, Scale::points> reference_counts(const std::vector<std::uint8_t>& data) {
  std::array<std::uint64_t, Scale::points> counts{};
  for (auto b : data) ++counts[static_cast<std::size_t>(b - Scale::min)];
  return counts;
}

// The bulk byte path on the kernel the process chose (`cxmetrics/add_bytes_*`), or on one
// forced kernel (`cxmetrics/add_bytes_nps_avx512` ...); the label names the kernel run.
template <class Scale, int Kernel = -1>
void cxmetrics_add_bytes(benchmark::State& state) {
  const auto saved = cx::detail::active_byte_kernel();
  if constexpr (Kernel >= 0) {
    if (!cx::detail::force_byte_kernel(static_cast<cx::detail::byte_kernel>(Kernel))) {
      state.SkipWithError("this CPU does not run the kernel");
      return;
    }
  }
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = ratings(n, Scale::min, Scale::max);
  const auto expected = reference_counts<Scale>(data);
  cx::rating_histogram<Scale> h;
  for (auto _ : state) {
    h.clear();
    h.add(data.data(), data.size());
    benchmark::DoNotOptimize(h);
  }
  bool ok = h.total() == n;
  for (int v = Scale::min; v <= Scale::max; ++v)
    ok = ok && h.count(v) == expected[static_cast<std::size_t>(v - Scale::min)];
  expect(ok, state);
  state.SetLabel(cx::detail::byte_kernel_name(cx::detail::active_byte_kernel()));
  cx::detail::force_byte_kernel(saved);
  finish(state, n);
}

void cxmetrics_add_ints(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& bytes = ratings(n, 0, 10);
  const std::vector<int> data(bytes.begin(), bytes.end());
  std::uint64_t total = 0;
  for (auto _ : state) {
    cx::rating_histogram<cx::nps_scale> h;
    h.add(data.begin(), data.end());
    benchmark::DoNotOptimize(h);
    total = h.total();
  }
  expect(total == n, state);
  finish(state, n);
}

void boost_count_mean_variance(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& data = ratings(n, 0, 10);
  std::size_t count = 0;
  for (auto _ : state) {
    acc::accumulator_set<double, acc::stats<acc::tag::count, acc::tag::mean, acc::tag::variance>> a;
    for (std::size_t i = 0; i < n; ++i) a(static_cast<double>(data[i]));
    benchmark::DoNotOptimize(acc::variance(a));
    count = acc::count(a);
  }
  expect(count == n, state);
  finish(state, n);
}

constexpr std::int64_t cache_sized = 64 << 10;  // fits in L2
constexpr std::int64_t dram_sized = 256 << 20;

}  // namespace

BENCHMARK(memory_read_sum)->Name("memory/read_sum")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK(naive_histogram)->Name("naive/histogram_increment")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK_TEMPLATE(cxmetrics_add_bytes, cx::nps_scale)
    ->Name("cxmetrics/add_bytes_nps")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK_TEMPLATE(cxmetrics_add_bytes, cx::nps_scale, static_cast<int>(cx::detail::byte_kernel::avx512bw))
    ->Name("cxmetrics/add_bytes_nps_avx512")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK_TEMPLATE(cxmetrics_add_bytes, cx::nps_scale, static_cast<int>(cx::detail::byte_kernel::avx2))
    ->Name("cxmetrics/add_bytes_nps_avx2")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK_TEMPLATE(cxmetrics_add_bytes, cx::nps_scale, static_cast<int>(cx::detail::byte_kernel::portable))
    ->Name("cxmetrics/add_bytes_nps_portable")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK_TEMPLATE(cxmetrics_add_bytes, cx::csat_scale)
    ->Name("cxmetrics/add_bytes_csat")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK(cxmetrics_add_ints)->Name("cxmetrics/add_int_iterators_nps")->Arg(cache_sized)->Arg(dram_sized);
BENCHMARK(boost_count_mean_variance)
    ->Name("boost_accumulators/count_mean_variance")->Arg(cache_sized)->Arg(dram_sized);
