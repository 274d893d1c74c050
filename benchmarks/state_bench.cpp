// Everything that is not the bulk ingest: exact quantiles vs P-square, merging, encoding,
// SPC chart updates, rank tests from histograms vs sorted raw data, and parallel ingest.
// Names: <area>/<operation>/<size>.
#include <cxmetrics/consistency/cusum_chart.hpp>
#include <cxmetrics/consistency/ewma_chart.hpp>
#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/gap/rank_tests.hpp>
#include <cxmetrics/io/encoding.hpp>
#include <cxmetrics/io/grouped_encoding.hpp>
#include <cxmetrics/io/parallel_add.hpp>
#include <cxmetrics/segments/grouped.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.hpp"
#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/median.hpp>
#include <boost/accumulators/statistics/stats.hpp>

namespace cx = cxmetrics;
namespace acc = boost::accumulators;

namespace {

std::vector<std::uint8_t> ratings(std::size_t n, std::uint64_t seed = 5) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> pick(0, 10);
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(pick(rng));
  return v;
}

void items(benchmark::State& state, std::size_t per_iteration) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * per_iteration));
}

// Exact median: count (the bulk path) and read the quantile from the histogram.
void exact_median(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto data = ratings(n);
  double median = -1;
  for (auto _ : state) {
    cx::rating_histogram<cx::nps_scale> h;
    h.add(data.data(), n);
    median = cx::quantile(h, 0.5);
    cxbench::keep(median);
  }
  if (!(median >= 0 && median <= 10)) state.SkipWithError("bad median");
  items(state, n);
}

// Boost.Accumulators' P-square median (approximate), one double at a time.
void boost_p_square_median(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto data = ratings(n);
  double median = -1;
  for (auto _ : state) {
    acc::accumulator_set<double, acc::stats<acc::tag::median>> a;
    for (auto b : data) a(static_cast<double>(b));
    median = acc::median(a);
    cxbench::keep(median);
  }
  if (!(median >= 0 && median <= 10)) state.SkipWithError("bad median");
  items(state, n);
}

void histogram_merge(benchmark::State& state) {
  cx::rating_histogram<cx::nps_scale> a, b;
  a.add(ratings(1000, 1).data(), 1000);
  b.add(ratings(1000, 2).data(), 1000);
  for (auto _ : state) {
    a += b;
    benchmark::DoNotOptimize(a);
  }
  if (a.total() < 1000) state.SkipWithError("bad total");
  items(state, 1);
}

void histogram_encode_decode(benchmark::State& state) {
  cx::rating_histogram<cx::nps_scale> h;
  h.add(ratings(1000).data(), 1000);
  std::uint64_t total = 0;
  for (auto _ : state) {
    const auto bytes = cx::encode(h);
    total = cx::decode<cx::rating_histogram<cx::nps_scale>>(bytes.data(), bytes.size()).total();
    cxbench::keep(total);
  }
  if (total != 1000) state.SkipWithError("round trip changed the state");
  items(state, 1);
}

void grouped_encode_decode(benchmark::State& state) {
  const auto groups = static_cast<std::uint32_t>(state.range(0));
  cx::grouped<std::uint32_t, cx::rating_histogram<cx::nps_scale>> g;
  for (std::uint32_t k = 0; k < groups; ++k) g.add(k, static_cast<int>(k % 11));
  std::size_t size = 0;
  for (auto _ : state) {
    const auto bytes = cx::encode(g);
    size = cx::decode<decltype(g)>(bytes.data(), bytes.size()).size();
    cxbench::keep(size);
  }
  if (size != groups) state.SkipWithError("round trip changed the state");
  items(state, groups);
}

template <class Chart>
void chart_updates(benchmark::State& state) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(10.0, 1.0);
  std::vector<double> xs(4096);
  for (auto& x : xs) x = noise(rng);
  Chart chart(10.0, 1.0);
  std::uint64_t signals = 0;
  for (auto _ : state) {
    for (double x : xs) signals += chart.update(x);
    cxbench::keep(signals);
  }
  items(state, xs.size());
}

// The same Mann-Whitney test: from two histograms (O(points)) ...
void mann_whitney_histograms(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  cx::rating_histogram<cx::nps_scale> a, b;
  a.add(ratings(n, 1).data(), n);
  b.add(ratings(n, 2).data(), n);
  double u = 0;
  for (auto _ : state) {
    u = cx::mann_whitney(a, b).statistic;
    cxbench::keep(u);
  }
  if (!(u > 0)) state.SkipWithError("bad U");
  items(state, 2 * n);
}

// ... and from the raw values, sorted once and ranked with ties (what a general tool does).
void mann_whitney_sorted_raw(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto a = ratings(n, 1), b = ratings(n, 2);
  double u = 0;
  for (auto _ : state) {
    std::vector<std::pair<std::uint8_t, bool>> all;
    all.reserve(2 * n);
    for (auto v : a) all.emplace_back(v, true);
    for (auto v : b) all.emplace_back(v, false);
    std::sort(all.begin(), all.end());
    double rank_sum = 0;
    for (std::size_t i = 0; i < all.size();) {
      std::size_t j = i;
      while (j < all.size() && all[j].first == all[i].first) ++j;
      const double midrank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
      for (std::size_t k = i; k < j; ++k)
        if (all[k].second) rank_sum += midrank;
      i = j;
    }
    u = rank_sum - static_cast<double>(n) * (static_cast<double>(n) + 1) / 2;
    cxbench::keep(u);
  }
  if (!(u > 0)) state.SkipWithError("bad U");
  items(state, 2 * n);
}

// The checksum is the sequential add's counts, and the data's fingerprint is taken again
// afterwards: `h.total()` alone (the check of the first version) is n whenever add returns,
// whatever was counted, so it could neither catch a miscount nor explain one.
std::uint64_t fingerprint(const std::vector<std::uint8_t>& data) {
  std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
  for (auto b : data) h = (h ^ b) * 1099511628211ULL;
  return h;
}

void parallel_ingest(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  const std::size_t n = std::size_t{256} << 20;
  const auto data = ratings(n);
  const std::uint64_t print = fingerprint(data);
  cx::rating_histogram<cx::nps_scale> expected;
  expected.add(data.data(), n);
  cx::rating_histogram<cx::nps_scale> h;
  for (auto _ : state) {
    h.clear();
    cx::parallel_add(h, data.data(), n, threads);
    benchmark::DoNotOptimize(h);
  }
  if (!(h == expected) || h.total() != n || fingerprint(data) != print) state.SkipWithError("checksum mismatch");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * n));
  items(state, n);
}

}  // namespace

BENCHMARK(exact_median)->Name("quantile/exact_median_from_histogram")->Arg(1 << 20);
BENCHMARK(boost_p_square_median)->Name("quantile/boost_p_square_median")->Arg(1 << 20);
BENCHMARK(histogram_merge)->Name("merge/nps_histogram/1");
BENCHMARK(histogram_encode_decode)->Name("encode_decode/nps_histogram/1");
BENCHMARK(grouped_encode_decode)->Name("encode_decode/grouped_nps")->Arg(100000)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(chart_updates, cx::ewma_chart)->Name("spc/ewma_update/4096");
BENCHMARK_TEMPLATE(chart_updates, cx::cusum_chart)->Name("spc/cusum_update/4096");
BENCHMARK(mann_whitney_histograms)->Name("rank/mann_whitney_histograms")->Arg(1000)->Arg(100000)->Arg(10000000);
BENCHMARK(mann_whitney_sorted_raw)->Name("rank/mann_whitney_sorted_raw")->Arg(1000)->Arg(100000)->Arg(10000000)->Unit(benchmark::kMillisecond);
BENCHMARK(parallel_ingest)->Name("parallel/add_bytes_nps_256MiB")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
