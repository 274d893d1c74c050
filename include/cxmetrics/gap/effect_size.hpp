// Standardised effect sizes of a gap: Cohen's d and Hedges' g.
#ifndef CXMETRICS_GAP_EFFECT_SIZE_HPP
#define CXMETRICS_GAP_EFFECT_SIZE_HPP

#include <cmath>

#include <cxmetrics/core/sample_summary.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {

inline double pooled_sd(const sample_summary& a, const sample_summary& b) {
  const double sd = std::sqrt(((a.n - 1.0) * a.variance + (b.n - 1.0) * b.variance) / (a.n + b.n - 2.0));
  if (!(sd > 0.0)) throw_insufficient_data("an effect size needs variance; both groups are constant");
  return sd;
}

inline double cohens_d(const sample_summary& a, const sample_summary& b) {
  return (a.mean - b.mean) / pooled_sd(a, b);
}

// Hedges' exact small-sample correction J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)),
// in log-gamma form so that large df neither overflows nor loses precision.
inline double hedges_j(double df) {
  return std::exp(std::lgamma(df / 2.0) - std::lgamma((df - 1.0) / 2.0)) / std::sqrt(df / 2.0);
}

}  // namespace detail

/// Cohen's d: (mean1 - mean2) / pooled SD, with the pooled SD
/// sqrt(((n1 - 1) s1^2 + (n2 - 1) s2^2) / (n1 + n2 - 2)). Needs n >= 2 per group and some
/// variance (`insufficient_data` otherwise).
inline double cohens_d(const moments& first, const moments& second) {
  return detail::cohens_d(detail::summary_of(first, "first"), detail::summary_of(second, "second"));
}
template <class Scale, class Count>
double cohens_d(const rating_histogram<Scale, Count>& first, const rating_histogram<Scale, Count>& second) {
  return detail::cohens_d(detail::summary_of(first, "first"), detail::summary_of(second, "second"));
}

/// Hedges' g: Cohen's d times the exact bias correction J(n1 + n2 - 2) (Hedges 1981),
/// not the 1 - 3 / (4 df - 1) approximation.
inline double hedges_g(const moments& first, const moments& second) {
  const auto a = detail::summary_of(first, "first"), b = detail::summary_of(second, "second");
  return detail::cohens_d(a, b) * detail::hedges_j(a.n + b.n - 2.0);
}
template <class Scale, class Count>
double hedges_g(const rating_histogram<Scale, Count>& first, const rating_histogram<Scale, Count>& second) {
  const auto a = detail::summary_of(first, "first"), b = detail::summary_of(second, "second");
  return detail::cohens_d(a, b) * detail::hedges_j(a.n + b.n - 2.0);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_EFFECT_SIZE_HPP
