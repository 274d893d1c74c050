// Student t confidence interval for the mean rating of a histogram.
#ifndef CXMETRICS_CORE_MEAN_INTERVAL_HPP
#define CXMETRICS_CORE_MEAN_INTERVAL_HPP

#include <cmath>

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/detail/t_critical_value.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Two-sided Student t interval for the mean: mean +- t(df, level) * s / sqrt(n), with
/// df = n - 1 (R `t.test(x)$conf.int`). For a `weighted_histogram`, n is Kish's effective
/// n, so the standard error is s / sqrt(n_eff) with df = n_eff - 1.
/// Constant data give [mean, mean]. Throws `insufficient_data` with fewer than two
/// (effective) responses and `std::invalid_argument` for a level outside (0, 1).
template <class H>
interval mean_interval(const H& h, double level = 0.95) {
  using scale = typename H::scale_type;
  detail::check_level(level);
  const auto m = detail::masses_of(h);
  const double var = detail::sample_variance<scale>(m);
  const double center = detail::weighted_mean<scale>(m);
  if (var == 0.0) return {center, center};
  const double n = m.v1 * (m.v1 / m.v2);
  const double half = detail::t_critical(n - 1.0, level) * std::sqrt(var / n);
  return {center - half, center + half};
}

/// Student t interval for the mean of streaming values: mean +- t(n - 1, level) s / sqrt(n).
/// Constant data give [mean, mean]; needs two values (`insufficient_data` otherwise).
inline interval mean_interval(const moments& m, double level = 0.95) {
  detail::check_level(level);
  const double var = m.variance();
  if (var == 0.0) return {m.mean(), m.mean()};
  const auto n = static_cast<double>(m.count());
  const double half = detail::t_critical(n - 1.0, level) * std::sqrt(var / n);
  return {m.mean() - half, m.mean() + half};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_MEAN_INTERVAL_HPP
