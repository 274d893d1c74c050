// Rank tests and Cliff's delta computed exactly from histograms in O(points): the counts
// per scale point determine every rank, whatever the number of responses.
#ifndef CXMETRICS_GAP_RANK_TESTS_HPP
#define CXMETRICS_GAP_RANK_TESTS_HPP

#include <cmath>
#include <cstddef>
#include <string>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/detail/critical_value.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A rank test: the statistic, its continuity-corrected normal score and two-sided p-value.
struct rank_test {
  double statistic;
  double z;
  double p_value;
};

namespace detail {

// Pairs (x from first, y from second) with x > y and with x < y, counted per scale point.
template <class Scale, class Count>
void count_pairs(const rating_histogram<Scale, Count>& first, const rating_histogram<Scale, Count>& second,
                 double& greater, double& less) {
  if (first.empty() || second.empty())
    throw_insufficient_data("a two-sample rank statistic needs responses in both groups");
  double second_below = 0.0;
  const double second_total = static_cast<double>(second.total());
  greater = less = 0.0;
  for (std::size_t i = 0; i < first.counts().size(); ++i) {
    const double a = static_cast<double>(first.counts()[i]);
    const double b = static_cast<double>(second.counts()[i]);
    greater += a * second_below;
    less += a * (second_total - second_below - b);
    second_below += b;
  }
}

// Continuity-corrected normal approximation as R's wilcox.test(exact = FALSE, correct = TRUE).
inline rank_test corrected_normal(double statistic, double mean, double variance) {
  if (!(variance > 0.0))
    throw_insufficient_data("the rank statistic has no variance: every observation is tied");
  const double centered = statistic - mean;
  const double correction = centered > 0.0 ? 0.5 : (centered < 0.0 ? -0.5 : 0.0);
  const double z = (centered - correction) / std::sqrt(variance);
  return {statistic, z, normal_two_sided_p(z)};
}

}  // namespace detail

/// Mann-Whitney U (Wilcoxon rank-sum) test of two histograms on the same scale.
/// `statistic` is U of the first sample, the number of pairs with first > second plus half
/// the ties (R's W); the normal approximation is tie- and continuity-corrected, as R's
/// `wilcox.test(x, y, exact = FALSE, correct = TRUE)`. O(points) whatever n is.
/// Throws `insufficient_data` when a group is empty or every response is tied.
template <class S, class Count>
rank_test mann_whitney(const rating_histogram<S, Count>& first, const rating_histogram<S, Count>& second) {
  double greater = 0.0, less = 0.0;
  detail::count_pairs(first, second, greater, less);
  const double n1 = static_cast<double>(first.total()), n2 = static_cast<double>(second.total());
  const double n = n1 + n2;
  const double pairs = n1 * n2;
  const double u = greater + 0.5 * (pairs - greater - less);
  double ties = 0.0;  // sum of t^3 - t over tie groups
  for (std::size_t i = 0; i < first.counts().size(); ++i) {
    const double t = static_cast<double>(first.counts()[i]) + static_cast<double>(second.counts()[i]);
    ties += t * t * t - t;
  }
  const double variance = pairs / 12.0 * ((n + 1.0) - ties / (n * (n - 1.0)));
  return detail::corrected_normal(u, pairs / 2.0, variance);
}

/// Cliff's delta, P(first > second) - P(first < second), in [-1, 1], from two histograms
/// on the same scale. Throws `insufficient_data` when a group is empty.
template <class S, class Count>
double cliffs_delta(const rating_histogram<S, Count>& first, const rating_histogram<S, Count>& second) {
  double greater = 0.0, less = 0.0;
  detail::count_pairs(first, second, greater, less);
  return (greater - less) / (static_cast<double>(first.total()) * static_cast<double>(second.total()));
}

/// Wilcoxon signed-rank test on a histogram of paired differences (first - second) on a
/// scale symmetric around 0. Zero differences are dropped, as R does by default; ranks of
/// |d| use midranks for ties. `statistic` is V, the sum of the ranks of the positive
/// differences; the normal approximation is tie- and continuity-corrected, as R's
/// `wilcox.test(d, exact = FALSE, correct = TRUE)`.
template <class S, class Count>
rank_test wilcoxon_signed_rank(const rating_histogram<S, Count>& differences) {
  static_assert(S::min == -S::max, "a histogram of differences lives on a scale -K..K");
  double rank_below = 0.0, v = 0.0, ties = 0.0;
  for (int a = 1; a <= S::max; ++a) {
    const double positive = static_cast<double>(differences.count(a));
    const double negative = static_cast<double>(differences.count(-a));
    const double t = positive + negative;
    v += positive * (rank_below + (t + 1.0) / 2.0);
    ties += t * t * t - t;
    rank_below += t;
  }
  const double n = rank_below;
  if (n == 0.0) detail::throw_insufficient_data("the signed-rank test needs a nonzero difference");
  const double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - ties / 48.0;
  return detail::corrected_normal(v, n * (n + 1.0) / 4.0, variance);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_RANK_TESTS_HPP
