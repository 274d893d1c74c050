// How predictable is the experience? Dispersion measures of a rating histogram.
#ifndef CXMETRICS_CONSISTENCY_PREDICTABILITY_HPP
#define CXMETRICS_CONSISTENCY_PREDICTABILITY_HPP

#include <cmath>
#include <ostream>

#include <cxmetrics/core/describe.hpp>

CXMETRICS_BEGIN_NAMESPACE

struct predictability_result {
  double stddev;                    ///< sample standard deviation
  double coefficient_of_variation;  ///< stddev / mean
  double iqr;                       ///< Q3 - Q1, R type 7
  double share_within_tolerance;    ///< share of ratings with |x - target| <= tolerance
  double normalized_entropy;        ///< -sum p log p / log(points): 0 all alike, 1 uniform

  friend std::ostream& operator<<(std::ostream& os, const predictability_result& p) {
    return os << "SD " << p.stddev << ", CV " << p.coefficient_of_variation << ", IQR " << p.iqr << ", within tolerance "
              << 100 * p.share_within_tolerance << "%, normalised entropy " << p.normalized_entropy;
  }
};

/// Dispersion of a histogram around `target` +- `tolerance`. Needs two responses and a
/// nonzero mean (for the CV; `insufficient_data` otherwise).
template <class Scale, class Count>
predictability_result predictability(const rating_histogram<Scale, Count>& h, double target, double tolerance) {
  detail::check_finite(target, "target");
  detail::check_non_negative(tolerance, "tolerance");
  const double sd = stddev(h);
  const double m = mean(h);
  if (m == 0.0) detail::throw_insufficient_data("the coefficient of variation is undefined for a mean of 0");
  const auto n = static_cast<double>(h.total());
  double within = 0.0, entropy = 0.0;
  for (int v = Scale::min; v <= Scale::max; ++v) {
    const auto c = static_cast<double>(h.count(v));
    if (std::fabs(v - target) <= tolerance) within += c;
    if (c > 0.0) entropy -= c / n * std::log(c / n);
  }
  return {sd, sd / m, quantile(h, 0.75) - quantile(h, 0.25), within / n, entropy / std::log(static_cast<double>(Scale::points))};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_PREDICTABILITY_HPP
