// The interval value type returned by every interval estimate in cxmetrics.
#ifndef CXMETRICS_CORE_INTERVAL_HPP
#define CXMETRICS_CORE_INTERVAL_HPP

#include <ostream>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A closed interval [lower, upper], typically a confidence interval.
struct interval {
  double lower;
  double upper;

  constexpr double width() const noexcept { return upper - lower; }
  constexpr bool contains(double x) const noexcept { return lower <= x && x <= upper; }

  friend constexpr bool operator==(const interval& a, const interval& b) noexcept {
    return a.lower == b.lower && a.upper == b.upper;
  }
  friend constexpr bool operator!=(const interval& a, const interval& b) noexcept {
    return !(a == b);
  }
  /// Prints "[lower, upper]".
  friend std::ostream& operator<<(std::ostream& os, const interval& i) {
    return os << '[' << i.lower << ", " << i.upper << ']';
  }
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_INTERVAL_HPP
