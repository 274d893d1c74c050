// The result of every two-sample (or paired) test of a difference in cxmetrics.
#ifndef CXMETRICS_CORE_DIFFERENCE_TEST_HPP
#define CXMETRICS_CORE_DIFFERENCE_TEST_HPP

#include <limits>
#include <ostream>

#include <cxmetrics/core/interval.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A test of a difference, signed as first - second (R's `t.test(x, y)`, scipy).
struct difference_test {
  double difference;      ///< first - second, in the statistic's own units
  double standard_error;  ///< of the difference (the pooled one for a pooled test)
  double statistic;       ///< z or t
  double df;              ///< degrees of freedom; +infinity for z tests
  double p_value;         ///< two-sided
  interval ci;            ///< confidence interval of the difference
  /// Confidence level of `ci`, in (0, 1). Last, with a default, so that code that builds a
  /// difference_test by aggregate initialisation still compiles; every cxmetrics function
  /// sets it, and a hand-built result without it reads as NaN (unknown), never as 95%.
  double level = std::numeric_limits<double>::quiet_NaN();

  /// Prints "difference 4.2 (SE 1.1), z = 3.8, p = 0.00014, 95% CI [2.1, 6.3]".
  friend std::ostream& operator<<(std::ostream& os, const difference_test& t) {
    os << "difference " << t.difference << " (SE " << t.standard_error << "), ";
    if (t.df == t.df && t.df < 1e300) os << "t(" << t.df << ") = ";
    else os << "z = ";
    os << t.statistic << ", p = " << t.p_value << ", ";
    if (t.level == t.level) os << 100 * t.level << "% ";
    return os << "CI " << t.ci;
  }
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_DIFFERENCE_TEST_HPP
