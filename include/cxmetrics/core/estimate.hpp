// Small result types for reports: an estimate with its interval and the n behind it.
#ifndef CXMETRICS_CORE_ESTIMATE_HPP
#define CXMETRICS_CORE_ESTIMATE_HPP

#include <ostream>

#include <cxmetrics/core/interval.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A share (0..1) of responses with its confidence interval.
struct share_estimate {
  double estimate;
  interval ci;
  double n;      ///< responses, or Kish's effective n when weighted
  double level;  ///< confidence level of `ci`

  /// Prints "84.0% [72.0%, 91.7%] (n = 50, 95% CI)".
  friend std::ostream& operator<<(std::ostream& os, const share_estimate& s) {
    return os << 100 * s.estimate << "% [" << 100 * s.ci.lower << "%, " << 100 * s.ci.upper
              << "%] (n = " << s.n << ", " << 100 * s.level << "% CI)";
  }
};

/// A mean rating with its confidence interval.
struct mean_estimate {
  double estimate;
  interval ci;
  double n;      ///< responses, or Kish's effective n when weighted
  double level;  ///< confidence level of `ci`

  /// Prints "4.21 [4.05, 4.37] (n = 120, 95% CI)".
  friend std::ostream& operator<<(std::ostream& os, const mean_estimate& m) {
    return os << m.estimate << " " << m.ci << " (n = " << m.n << ", " << 100 * m.level << "% CI)";
  }
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_ESTIMATE_HPP
