// Confidence interval for Pearson's correlation by Fisher's z transformation.
#ifndef CXMETRICS_CORE_PEARSON_INTERVAL_HPP
#define CXMETRICS_CORE_PEARSON_INTERVAL_HPP

#include <cmath>
#include <string>

#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/detail/critical_value.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
inline interval fisher_z_interval(double r, double n, double level) {
  check_level(level);
  if (n < 4.0)
    throw_insufficient_data("the Fisher z interval needs at least 4 pairs, got " + format_number(n));
  const double z = std::atanh(r);
  const double half = z_critical(level) / std::sqrt(n - 3.0);
  return {std::tanh(z - half), std::tanh(z + half)};
}
}  // namespace detail

/// tanh(atanh(r) +- z / sqrt(n - 3)), as R's `cor.test(x, y)$conf.int`. Needs n >= 4 and
/// variance in both variables (`insufficient_data` otherwise). |r| = 1 gives [r, r].
inline interval pearson_interval(const comoments& c, double level = 0.95) {
  detail::check_level(level);
  if (c.count() < 4)
    detail::throw_insufficient_data("the Fisher z interval needs at least 4 pairs, got " +
                                    std::to_string(c.count()));
  return detail::fisher_z_interval(c.pearson(), static_cast<double>(c.count()), level);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_PEARSON_INTERVAL_HPP
