// Rank tests and Cliff's delta computed exactly from histograms in O(points): the counts
// per scale point determine every rank, whatever the number of responses.
#ifndef CXMETRICS_GAP_RANK_TESTS_HPP
#define CXMETRICS_GAP_RANK_TESTS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <ostream>
#include <string>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/detail/critical_value.hpp>
#include <cxmetrics/detail/ranks.hpp>
#include <cxmetrics/detail/t_critical_value.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A rank test of two samples (or of paired differences), signed first - second.
///
/// Besides the test (statistic, z, p_value, unchanged from the contract) it carries an
/// effect with its interval: the probability of superiority
///   effect = P(first > second) + 0.5 P(first = second),
/// in 0..1, 0.5 when neither sample tends higher. It is what U estimates (effect =
/// U / (n1 n2)) and Cliff's delta is 2 effect - 1; counting ties as half makes it right for
/// rating scales, where most pairs tie. We chose it over the Hodges-Lehmann shift because on
/// a rating scale the median of pairwise differences is almost always a whole scale step
/// (often 0) whose interval is a step function, while the probability of superiority moves
/// with every response and has an interval computed in O(points) from the histograms.
struct rank_test {
  double statistic;  ///< U of the first sample (Mann-Whitney) or V (signed rank)
  double z;          ///< normal score of the statistic (tie-corrected; continuity-corrected by default)
  double p_value;    ///< two-sided, from z
  /// Probability of superiority P(first > second) + 0.5 P(tie); for the signed-rank test,
  /// P(difference > 0) + 0.5 P(difference = 0) over every pair, zeros included.
  double effect = std::numeric_limits<double>::quiet_NaN();
  /// Confidence interval of `effect` at `level`, clipped to [0, 1]. Where it is undefined (a
  /// group with one response, or a variance estimate of 0 because the samples do not
  /// overlap) it is the whole range [0, 1]: it claims nothing rather than a false certainty.
  interval ci{std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  /// Confidence level of `ci`; NaN in a rank_test built by hand without it.
  double level = std::numeric_limits<double>::quiet_NaN();

  /// Prints "statistic <U or V>, z = <z>, p = <p>; P(first > second) + 0.5 P(tie) <effect>,
  /// 95% CI [<lower>, <upper>]".
  friend std::ostream& operator<<(std::ostream& os, const rank_test& t) {
    os << "statistic " << t.statistic << ", z = " << t.z << ", p = " << t.p_value
       << "; P(first > second) + 0.5 P(tie) " << t.effect << ", ";
    if (t.level == t.level) os << 100 * t.level << "% ";
    return os << "CI " << t.ci;
  }
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

// Normal approximation of a rank statistic as R's wilcox.test(exact = FALSE, correct =
// continuity): the continuity correction moves the statistic half a unit towards its mean.
inline rank_test rank_normal(double statistic, double mean, double variance, bool continuity) {
  if (!(variance > 0.0))
    throw_insufficient_data("the rank statistic has no variance: every observation is tied");
  const double centered = statistic - mean;
  const double correction = !continuity ? 0.0 : (centered > 0.0 ? 0.5 : (centered < 0.0 ? -0.5 : 0.0));
  const double z = (centered - correction) / std::sqrt(variance);
  return {statistic, z, normal_two_sided_p(z)};
}

// The interval that claims nothing, for where an effect's interval is undefined.
inline interval whole_probability_range() { return {0.0, 1.0}; }

inline interval clipped_probability(double center, double half) {
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

}  // namespace detail

/// Mann-Whitney U (Wilcoxon rank-sum) test of two histograms on the same scale.
/// `statistic` is U of the first sample, the number of pairs with first > second plus half
/// the ties (R's W); the normal approximation is tie-corrected and, with `continuity` (the
/// default), continuity-corrected: R's `wilcox.test(x, y, exact = FALSE, correct =
/// continuity)`, scipy's `mannwhitneyu(x, y, use_continuity = continuity, method =
/// "asymptotic")`.
///
/// `effect` is the probability of superiority U / (n1 n2) and `ci` its Brunner-Munzel
/// interval at `level` (Brunner and Munzel 2000; in the ordinal form of Munzel and Hauschke
/// 2003): effect +- t(df) se, with se^2 = var1 / (n1 - 1) + var2 / (n2 - 1), var_k the
/// variance of the other sample's mid-distribution function at the values of sample k, and
/// Welch-Satterthwaite df; statsmodels' `rank_compare_2indep(x, y).conf_int()` on the raw
/// data. O(points) whatever n is.
///
/// Throws `insufficient_data` when a group is empty or every response is tied,
/// `std::invalid_argument` for a level outside (0, 1).
template <class S, class Count>
rank_test mann_whitney(const rating_histogram<S, Count>& first, const rating_histogram<S, Count>& second,
                       double level = 0.95, bool continuity = true) {
  detail::check_level(level);
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
  rank_test result = detail::rank_normal(u, pairs / 2.0, variance, continuity);
  result.effect = u / pairs;
  result.level = level;
  result.ci = detail::whole_probability_range();
  if (n1 < 2.0 || n2 < 2.0) return result;
  // Mid-distribution functions: the share of the other sample below a value plus half the
  // share at it. The placement of every response depends on its scale point alone.
  double var1 = 0.0, var2 = 0.0, below1 = 0.0, below2 = 0.0;
  for (std::size_t i = 0; i < first.counts().size(); ++i) {
    const double f1 = static_cast<double>(first.counts()[i]) / n1;
    const double f2 = static_cast<double>(second.counts()[i]) / n2;
    const double mid1 = below1 + 0.5 * f1, mid2 = below2 + 0.5 * f2;
    var1 += f1 * mid2 * mid2;
    var2 += f2 * mid1 * mid1;
    below1 += f1;
    below2 += f2;
  }
  var1 = std::max(0.0, var1 - result.effect * result.effect);
  var2 = std::max(0.0, var2 - (1.0 - result.effect) * (1.0 - result.effect));
  const double se2 = var1 / (n1 - 1.0) + var2 / (n2 - 1.0);
  if (!(se2 > 0.0)) return result;
  const double vn1 = var1 * n2 * n1 / (n1 - 1.0), vn2 = var2 * n1 * n2 / (n2 - 1.0);
  const double df = (vn1 + vn2) * (vn1 + vn2) / (vn1 * vn1 / (n1 - 1.0) + vn2 * vn2 / (n2 - 1.0));
  result.ci = detail::clipped_probability(result.effect, detail::t_critical(df, level) * std::sqrt(se2));
  return result;
}

/// Cliff's delta, P(first > second) - P(first < second), in [-1, 1], from two histograms
/// on the same scale; 2 * mann_whitney(first, second).effect - 1, whose `ci` maps to an
/// interval of delta the same way. Throws `insufficient_data` when a group is empty.
template <class S, class Count>
double cliffs_delta(const rating_histogram<S, Count>& first, const rating_histogram<S, Count>& second) {
  double greater = 0.0, less = 0.0;
  detail::count_pairs(first, second, greater, less);
  return (greater - less) / (static_cast<double>(first.total()) * static_cast<double>(second.total()));
}

/// Wilcoxon signed-rank test on a histogram of paired differences (first - second) on a
/// scale symmetric around 0. Zero differences are dropped, as R does by default; ranks of
/// |d| use midranks for ties. `statistic` is V, the sum of the ranks of the positive
/// differences; the normal approximation is tie-corrected and, with `continuity` (the
/// default), continuity-corrected, as R's `wilcox.test(d, exact = FALSE, correct =
/// continuity)`.
///
/// `effect` is the paired probability of superiority P(d > 0) + 0.5 P(d = 0) over every pair
/// (zeros included, as ties count half), the mean of the scores 1, 0.5, 0 of the pairs; `ci`
/// is the Student t interval of that mean at `level` (R's `t.test(score)$conf.int`).
///
/// Throws `insufficient_data` when every difference is 0, `std::invalid_argument` for a
/// level outside (0, 1).
template <class S, class Count>
rank_test wilcoxon_signed_rank(const rating_histogram<S, Count>& differences, double level = 0.95,
                               bool continuity = true) {
  static_assert(S::min == -S::max, "a histogram of differences lives on a scale -K..K");
  detail::check_level(level);
  double rank_below = 0.0, v = 0.0, ties = 0.0, positive_pairs = 0.0;
  for (int a = 1; a <= S::max; ++a) {
    const double positive = static_cast<double>(differences.count(a));
    const double negative = static_cast<double>(differences.count(-a));
    const double t = positive + negative;
    v += positive * detail::midrank(rank_below, t);
    ties += t * t * t - t;
    rank_below += t;
    positive_pairs += positive;
  }
  const double n = rank_below;
  if (n == 0.0) detail::throw_insufficient_data("the signed-rank test needs a nonzero difference");
  const double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - ties / 48.0;
  rank_test result = detail::rank_normal(v, n * (n + 1.0) / 4.0, variance, continuity);
  const double zeros = static_cast<double>(differences.count(0));
  const double pairs = n + zeros;
  const double mean = (positive_pairs + 0.5 * zeros) / pairs;
  result.effect = mean;
  result.level = level;
  result.ci = detail::whole_probability_range();
  if (pairs < 2.0) return result;
  const double sum_squares = positive_pairs + 0.25 * zeros;  // scores 1 and 0.5, squared
  const double score_variance = std::max(0.0, (sum_squares - pairs * mean * mean) / (pairs - 1.0));
  if (!(score_variance > 0.0)) return result;
  result.ci = detail::clipped_probability(mean, detail::t_critical(pairs - 1.0, level) * std::sqrt(score_variance / pairs));
  return result;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_RANK_TESTS_HPP
