// Grouped ingest: 10M (agent, rating) rows over 100k agents, against a naive dense
// per-agent table. Names: grouped/<operation>/<rows>.
#include <cxmetrics/segments/grouped.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace cx = cxmetrics;

namespace {

constexpr std::size_t agents = 100000;

struct rows {
  std::vector<std::uint32_t> ids;
  std::vector<std::string> names;
  std::vector<std::uint8_t> ratings;
  std::array<std::uint64_t, 11> rating_counts{};  // the checksum of every grouped ingest
  std::size_t distinct_ids = 0;
};

const rows& data(std::size_t n) {
  static rows r;
  if (r.ids.size() != n) {
    std::mt19937_64 rng(99);
    std::uniform_int_distribution<std::uint32_t> agent(0, agents - 1);
    std::uniform_int_distribution<int> rating(0, 10);
    r.ids.resize(n);
    r.names.resize(n);
    r.ratings.resize(n);
    char buffer[16];
    for (std::size_t i = 0; i < n; ++i) {
      r.ids[i] = agent(rng);
      std::snprintf(buffer, sizeof buffer, "agent-%05u", r.ids[i]);
      r.names[i] = buffer;
      r.ratings[i] = static_cast<std::uint8_t>(rating(rng));
      ++r.rating_counts[r.ratings[i]];
    }
    std::vector<bool> seen(agents);
    for (auto id : r.ids) seen[id] = true;
    for (bool s : seen) r.distinct_ids += s;
  }
  return r;
}

void naive_dense(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& r = data(n);
  std::uint64_t total = 0;
  for (auto _ : state) {
    std::vector<std::array<std::uint64_t, 11>> table(agents);
    for (std::size_t i = 0; i < n; ++i) ++table[r.ids[i]][r.ratings[i]];
    benchmark::DoNotOptimize(table.data());
    total = 0;
    for (const auto& t : table)
      for (auto c : t) total += c;
  }
  if (total != n) state.SkipWithError("checksum mismatch");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

template <class Key>
void grouped_ingest(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto& r = data(n);
  std::uint64_t total = 0;
  bool matches = true;
  for (auto _ : state) {
    cx::grouped<Key, cx::rating_histogram<cx::nps_scale>> g;
    if constexpr (std::is_same_v<Key, std::string>) g.add(r.names.begin(), r.names.end(), r.ratings.begin());
    else g.add(r.ids.begin(), r.ids.end(), r.ratings.begin());
    benchmark::DoNotOptimize(g);
    const auto all = g.merged();
    total = all.total();
    for (int v = 0; v <= 10; ++v) matches = matches && all.count(v) == r.rating_counts[static_cast<std::size_t>(v)];
    matches = matches && g.size() == r.distinct_ids;
  }
  if (total != n || !matches) state.SkipWithError("checksum mismatch");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

constexpr std::int64_t ten_million = 10000000;

}  // namespace

BENCHMARK(naive_dense)->Name("naive/dense_per_agent_table")->Arg(ten_million)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(grouped_ingest, std::uint32_t)->Name("grouped/ingest_integer_ids")->Arg(ten_million)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(grouped_ingest, std::string)->Name("grouped/ingest_string_ids")->Arg(ten_million)->Unit(benchmark::kMillisecond);
