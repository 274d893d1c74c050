// Two-sided critical values of the standard normal distribution (Boost.Math).
#ifndef CXMETRICS_DETAIL_CRITICAL_VALUE_HPP
#define CXMETRICS_DETAIL_CRITICAL_VALUE_HPP

#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// z such that P(|Z| <= z) = level. Computed from the upper tail alpha / 2 directly, which
/// avoids the rounding of 1 - alpha / 2 at levels close to 1.
inline double z_critical(double level) {
  check_level(level);
  const boost::math::normal_distribution<double> standard_normal;
  return boost::math::quantile(boost::math::complement(standard_normal, (1.0 - level) / 2.0));
}

/// Two-sided p-value of a standard normal statistic: P(|Z| >= |z|).
inline double normal_two_sided_p(double z) {
  const boost::math::normal_distribution<double> standard_normal;
  return 2.0 * boost::math::cdf(boost::math::complement(standard_normal, std::fabs(z)));
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_CRITICAL_VALUE_HPP
