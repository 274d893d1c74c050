// Midranks: ties share the average of the ranks they occupy. One definition for every rank
// statistic (Mann-Whitney, signed rank, Spearman from histograms, Spearman of a list).
#ifndef CXMETRICS_DETAIL_RANKS_HPP
#define CXMETRICS_DETAIL_RANKS_HPP

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// The midrank (1-based) of a group of `tied` equal values above `below` smaller ones:
/// below + (tied + 1) / 2, the mean of ranks below + 1 .. below + tied.
constexpr double midrank(double below, double tied) noexcept { return below + (tied + 1.0) / 2.0; }

/// Midranks (1-based) of a list of values, in the list's order.
inline std::vector<double> midranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double rank = midrank(static_cast<double>(i), static_cast<double>(j - i + 1));
    for (std::size_t k = i; k <= j; ++k) ranks[order[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_RANKS_HPP
