// Two-sided critical values of the standard normal distribution (Boost.Math).
#ifndef CXMETRICS_DETAIL_CRITICAL_VALUE_HPP
#define CXMETRICS_DETAIL_CRITICAL_VALUE_HPP

#include <cmath>

#include <boost/math/distributions/normal.hpp>

#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

// The functions here that reach Boost.Math are function templates on a defaulted `Real`
// (double; never deduced, users do not name it), so only translation units that call them
// instantiate Boost, not every one that includes this header (benchmarks/README.md, "Compile time").
namespace detail {

/// z such that P(|Z| <= z) = level. Computed from the upper tail alpha / 2 directly, which
/// avoids the rounding of 1 - alpha / 2 at levels close to 1.
template <class Real = double>
double z_critical(double level) {
  check_level(level);
  const boost::math::normal_distribution<Real> standard_normal;
  const auto upper_tail = static_cast<Real>((1.0 - level) / 2.0);
  return static_cast<double>(boost::math::quantile(boost::math::complement(standard_normal, upper_tail)));
}

/// Two-sided p-value of a standard normal statistic: P(|Z| >= |z|).
template <class Real = double>
double normal_two_sided_p(double z) {
  const boost::math::normal_distribution<Real> standard_normal;
  const auto magnitude = static_cast<Real>(std::fabs(z));
  return 2.0 * static_cast<double>(boost::math::cdf(boost::math::complement(standard_normal, magnitude)));
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_CRITICAL_VALUE_HPP
