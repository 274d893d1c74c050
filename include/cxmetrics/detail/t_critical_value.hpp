// Two-sided critical values of Student's t distribution (Boost.Math).
#ifndef CXMETRICS_DETAIL_T_CRITICAL_VALUE_HPP
#define CXMETRICS_DETAIL_T_CRITICAL_VALUE_HPP

#include <boost/math/distributions/students_t.hpp>

#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// t such that P(|T_df| <= t) = level, for real df > 0.
inline double t_critical(double df, double level) {
  check_level(level);
  const boost::math::students_t_distribution<double> t(df);
  return boost::math::quantile(boost::math::complement(t, (1.0 - level) / 2.0));
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_T_CRITICAL_VALUE_HPP
