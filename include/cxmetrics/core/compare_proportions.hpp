// Two independent proportions (top-box shares, promoter shares of two segments).
#ifndef CXMETRICS_CORE_COMPARE_PROPORTIONS_HPP
#define CXMETRICS_CORE_COMPARE_PROPORTIONS_HPP

#include <cmath>
#include <limits>

#include <cxmetrics/core/difference_test.hpp>
#include <cxmetrics/core/proportion_interval.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Newcombe's hybrid score interval for p1 - p2 (Newcombe 1998, method 10), built from the
/// two Wilson intervals. Defined wherever each proportion is, including 0/n1 vs 0/n2.
inline interval proportion_difference_interval(double x1, double n1, double x2, double n2,
                                               double level = 0.95) {
  const interval w1 = detail::checked_wilson_interval(x1, n1, level);
  const interval w2 = detail::checked_wilson_interval(x2, n2, level);
  const double p1 = x1 / n1, p2 = x2 / n2, d = p1 - p2;
  const double below = std::sqrt((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2));
  const double above = std::sqrt((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower));
  return {d - below, d + above};
}

/// Pooled two-proportion z test of p1 - p2 = x1/n1 - x2/n2 (R `prop.test(correct = FALSE)`,
/// whose chi-squared is z^2). `standard_error` is the pooled one the test uses; `ci` is
/// Newcombe's hybrid score interval. Throws `insufficient_data` when the pooled proportion
/// is 0 or 1 (the test is undefined; the interval alone is still available).
inline difference_test compare_proportions(double x1, double n1, double x2, double n2,
                                           double level = 0.95) {
  const interval ci = proportion_difference_interval(x1, n1, x2, n2, level);
  const double pooled = (x1 + x2) / (n1 + n2);
  const double se = std::sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
  if (!(se > 0.0))
    detail::throw_insufficient_data("the pooled proportion is " + detail::format_number(pooled) +
                                    ": the z test is undefined; use proportion_difference_interval");
  const double difference = x1 / n1 - x2 / n2;
  const double z = difference / se;
  return {difference, se, z, std::numeric_limits<double>::infinity(), detail::normal_two_sided_p(z), ci, level};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_COMPARE_PROPORTIONS_HPP
