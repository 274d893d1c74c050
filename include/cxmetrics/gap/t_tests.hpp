// Welch's unequal-variance t test and the paired t test, on streaming moments or histograms.
#ifndef CXMETRICS_GAP_T_TESTS_HPP
#define CXMETRICS_GAP_T_TESTS_HPP

#include <cmath>

#include <boost/math/distributions/students_t.hpp>

#include <cxmetrics/core/difference_test.hpp>
#include <cxmetrics/core/sample_summary.hpp>
#include <cxmetrics/detail/t_critical_value.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {

inline double t_two_sided_p(double t, double df) {
  const boost::math::students_t_distribution<double> dist(df);
  return 2.0 * boost::math::cdf(boost::math::complement(dist, std::fabs(t)));
}

inline difference_test t_test_result(double difference, double se, double df, double level) {
  const double t = difference / se;
  const double half = t_critical(df, level) * se;
  return {difference, se, t, df, t_two_sided_p(t, df), {difference - half, difference + half}, level};
}

inline difference_test welch(const sample_summary& a, const sample_summary& b, double level) {
  check_level(level);
  const double va = a.variance / a.n, vb = b.variance / b.n;
  const double se = std::sqrt(va + vb);
  if (!(se > 0.0))
    throw_insufficient_data("Welch's t test needs variance in at least one group; both are constant");
  // Welch-Satterthwaite degrees of freedom.
  const double df = (va + vb) * (va + vb) / (va * va / (a.n - 1.0) + vb * vb / (b.n - 1.0));
  return t_test_result(a.mean - b.mean, se, df, level);
}

inline difference_test paired(const sample_summary& d, double level) {
  check_level(level);
  if (!(d.variance > 0.0))
    throw_insufficient_data("the paired t test needs differences that vary; all equal " +
                            format_number(d.mean));
  return t_test_result(d.mean, std::sqrt(d.variance / d.n), d.n - 1.0, level);
}

}  // namespace detail

/// Welch's t test of mean(first) - mean(second) without assuming equal variances, with
/// Welch-Satterthwaite df (R `t.test(x, y)`). Needs n >= 2 in each group and variance in
/// at least one (`insufficient_data` otherwise).
inline difference_test welch_t_test(const moments& first, const moments& second, double level = 0.95) {
  return detail::welch(detail::summary_of(first, "first"), detail::summary_of(second, "second"), level);
}

/// Welch's t test on two histograms of the same scale (self-assessment vs customers).
template <class Scale, class Count>
difference_test welch_t_test(const rating_histogram<Scale, Count>& first,
                             const rating_histogram<Scale, Count>& second, double level = 0.95) {
  return detail::welch(detail::summary_of(first, "first"), detail::summary_of(second, "second"), level);
}

/// Welch's t test on two weighted histograms (survey weights): each group enters with its
/// weighted mean, its reliability-weights variance and Kish's effective n in place of n, so
/// unequal weights cost precision as they should. Equals statsmodels' `CompareMeans.
/// ttest_ind(usevar = "unequal")` with each group's weights rescaled to sum to Kish's n.
/// Needs two responses per group and variance in at least one.
template <class Scale>
difference_test welch_t_test(const weighted_histogram<Scale>& first, const weighted_histogram<Scale>& second,
                             double level = 0.95) {
  return detail::welch(detail::summary_of(first, "first"), detail::summary_of(second, "second"), level);
}

/// Paired t test on the per-pair differences (first - second), df = n - 1
/// (R `t.test(x, y, paired = TRUE)`). Needs two differences that are not all equal.
inline difference_test paired_t_test(const moments& differences, double level = 0.95) {
  return detail::paired(detail::summary_of(differences, "differences"), level);
}

/// Paired t test on a histogram of differences (see `paired_gap`).
template <class Scale, class Count>
difference_test paired_t_test(const rating_histogram<Scale, Count>& differences, double level = 0.95) {
  return detail::paired(detail::summary_of(differences, "differences"), level);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_T_TESTS_HPP
