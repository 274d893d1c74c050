// Two-sided critical values of Student's t distribution (Boost.Math).
#ifndef CXMETRICS_DETAIL_T_CRITICAL_VALUE_HPP
#define CXMETRICS_DETAIL_T_CRITICAL_VALUE_HPP

#include <boost/math/distributions/students_t.hpp>

#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

// The functions here that reach Boost.Math are function templates on a defaulted `Real`
// (double; never deduced, users do not name it), so only translation units that call them
// instantiate Boost, not every one that includes this header (benchmarks/README.md, "Compile time").
namespace detail {

/// t such that P(|T_df| <= t) = level, for real df > 0.
template <class Real = double>
double t_critical(double df, double level) {
  check_level(level);
  const boost::math::students_t_distribution<Real> t(static_cast<Real>(df));
  const auto upper_tail = static_cast<Real>((1.0 - level) / 2.0);
  return static_cast<double>(boost::math::quantile(boost::math::complement(t, upper_tail)));
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_T_CRITICAL_VALUE_HPP
