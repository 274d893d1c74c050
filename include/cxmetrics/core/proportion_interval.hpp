// Confidence intervals for a binomial proportion (top-box share, promoter share, beat rate).
#ifndef CXMETRICS_CORE_PROPORTION_INTERVAL_HPP
#define CXMETRICS_CORE_PROPORTION_INTERVAL_HPP

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/beta.hpp>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/detail/critical_value.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// How `proportion_interval` builds its interval. Brown, Cai and DasGupta (2001,
/// "Interval Estimation for a Binomial Proportion") recommend Wilson or Jeffreys; Wald is
/// offered for comparison with legacy reports only: it collapses at 0 and n.
enum class proportion_method {
  wilson,           ///< score interval, R prop.test(correct = FALSE); the default
  agresti_coull,    ///< Wald on x + z^2/2 of n + z^2, clipped to [0, 1]
  clopper_pearson,  ///< "exact": beta quantiles, R binom.test; conservative
  jeffreys,         ///< Beta(x + 1/2, n - x + 1/2) quantiles; lower 0 at x = 0, upper 1 at x = n
  wald              ///< p +- z sqrt(p (1 - p) / n), clipped to [0, 1]
};

namespace detail {
inline void check_proportion(double successes, double n) {
  check_non_negative(successes, "successes");
  check_non_negative(n, "trials");
  if (n == 0.0) throw_insufficient_data("a proportion needs at least one trial, got n = 0");
  if (successes > n)
    throw_invalid_argument("successes " + format_number(successes) + " exceed trials " +
                           format_number(n));
}
}  // namespace detail

namespace detail {
/// The Wilson score interval (R prop.test(correct = FALSE)): closed form, no Boost beta, so
/// headers that only need Wilson (beat rates, leaderboards, Newcombe differences) do not
/// instantiate the incomplete-beta inverse. Counts already checked.
inline interval wilson_interval(double successes, double n, double level) {
  const double z = z_critical(level);
  const double z2 = z * z;
  const double denominator = n + z2;
  const double center = (successes + z2 / 2.0) / denominator;
  const double half = z * std::sqrt(successes * (n - successes) / n + z2 / 4.0) / denominator;
  // At x = 0 (x = n) the bound is exactly 0 (1); the formula leaves rounding residue.
  return {successes == 0.0 ? 0.0 : center - half, successes == n ? 1.0 : center + half};
}

/// Wilson at `level` after the argument checks of `proportion_interval`.
inline interval checked_wilson_interval(double successes, double n, double level) {
  check_level(level);
  check_proportion(successes, n);
  return wilson_interval(successes, n, level);
}
}  // namespace detail

/// Two-sided confidence interval at `level` for the proportion successes / n. Counts may be
/// fractional (weighted or effective counts); 0 <= successes <= n, n > 0.
///
/// Throws `std::invalid_argument` for negative, non-finite or inconsistent counts or a level
/// outside (0, 1), and `insufficient_data` when n = 0.
///
/// A function template (its one parameter defaulted, never named by callers) so that Boost's
/// incomplete-beta inverse behind `clopper_pearson` and `jeffreys`, the most expensive code
/// in the library to compile (about 1 s), is instantiated only in translation units that
/// call `proportion_interval`, not in every one that includes this header or the umbrella.
///
/// **Example**: `proportion_interval(42, 50)  // Wilson 95%: [0.7149, 0.9166]`
template <class Real = double>
interval proportion_interval(double successes, double n, double level = 0.95,
                             proportion_method method = proportion_method::wilson) {
  detail::check_level(level);
  detail::check_proportion(successes, n);
  const double p = successes / n;
  const Real alpha = static_cast<Real>(1.0 - level);
  switch (method) {
    case proportion_method::wilson:
      return detail::wilson_interval(successes, n, level);
    case proportion_method::agresti_coull: {
      const double z = detail::z_critical(level);
      const double adjusted_n = n + z * z;
      const double adjusted_p = (successes + z * z / 2.0) / adjusted_n;
      const double half = z * std::sqrt(adjusted_p * (1.0 - adjusted_p) / adjusted_n);
      return {std::max(0.0, adjusted_p - half), std::min(1.0, adjusted_p + half)};
    }
    case proportion_method::clopper_pearson: {
      const double lower =
          successes == 0.0 ? 0.0
                           : static_cast<double>(boost::math::ibeta_inv(static_cast<Real>(successes),
                                                                        static_cast<Real>(n - successes + 1.0), alpha / 2));
      const double upper =
          successes == n ? 1.0
                         : static_cast<double>(boost::math::ibetac_inv(static_cast<Real>(successes + 1.0),
                                                                       static_cast<Real>(n - successes), alpha / 2));
      return {lower, upper};
    }
    case proportion_method::jeffreys: {
      const Real a = static_cast<Real>(successes + 0.5);
      const Real b = static_cast<Real>(n - successes + 0.5);
      const double lower = successes == 0.0 ? 0.0 : static_cast<double>(boost::math::ibeta_inv(a, b, alpha / 2));
      const double upper = successes == n ? 1.0 : static_cast<double>(boost::math::ibetac_inv(a, b, alpha / 2));
      return {lower, upper};
    }
    case proportion_method::wald: {
      const double z = detail::z_critical(level);
      const double half = z * std::sqrt(p * (1.0 - p) / n);
      return {std::max(0.0, p - half), std::min(1.0, p + half)};
    }
  }
  detail::throw_invalid_argument("unknown proportion_method " +
                                 std::to_string(static_cast<int>(method)));
}

/// Lower end of the two-sided Wilson interval at `level`: a ranking score for shares that
/// does not reward tiny samples (Evan Miller, "How Not To Sort By Average Rating").
inline double wilson_lower_bound(double successes, double n, double level = 0.95) {
  return detail::checked_wilson_interval(successes, n, level).lower;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_PROPORTION_INTERVAL_HPP
