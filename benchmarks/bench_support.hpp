// What every benchmark file shares.
#ifndef CXMETRICS_BENCHMARKS_SUPPORT_HPP
#define CXMETRICS_BENCHMARKS_SUPPORT_HPP

#include <benchmark/benchmark.h>

namespace cxbench {

/// Keeps `value` (a checksum computed in the timed loop) alive and in memory. Google
/// Benchmark 1.7.1's DoNotOptimize(T&) hands GCC the asm constraint "+m,r" for values of
/// at most 8 bytes, and g++ 12 at -O2 then drops the assignment just before it: the
/// checksum keeps its initial value and the benchmark reports "checksum mismatch" although
/// the work was right (benchmarks/README.md, "The parallel checksum mismatch"). "+m" alone
/// keeps the store.
template <class T>
inline void keep(T& value) {
#if defined(__GNUC__) || defined(__clang__)
  asm volatile("" : "+m"(value) : : "memory");
#else
  benchmark::DoNotOptimize(value);
#endif
}

}  // namespace cxbench

#endif  // CXMETRICS_BENCHMARKS_SUPPORT_HPP
