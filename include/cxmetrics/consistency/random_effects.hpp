// Random effects over periods: how much do the true period scores vary, once each period's
// sampling error is taken out? The ground of the consistency verdict.
#ifndef CXMETRICS_CONSISTENCY_RANDOM_EFFECTS_HPP
#define CXMETRICS_CONSISTENCY_RANDOM_EFFECTS_HPP

#include <cmath>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/detail/critical_value.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/t_critical_value.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// The DerSimonian-Laird random-effects summary of k period estimates.
struct random_effects_summary {
  double mean;            ///< sum w*_i y_i / sum w*_i with w*_i = 1 / (se_i^2 + tau2)
  double standard_error;  ///< of the mean: 1 / sqrt(sum w*_i)
  double tau2;            ///< between-period variance of the true scores (>= 0)
  double q;               ///< Cochran's Q with the fixed-effect weights 1 / se_i^2
  std::size_t periods;    ///< k
  interval mean_ci;       ///< mean -+ z se at `level`
  interval prediction;    ///< a new period's true score: mean -+ t_{k-2} sqrt(tau2 + se^2)
  double level;           ///< of both intervals

  /// Prints "mean 34.2 (SE 1.1), tau2 3.4, Q 55.1 over 52 periods, 95% CI [...], prediction [...]".
  friend std::ostream& operator<<(std::ostream& os, const random_effects_summary& s) {
    return os << "mean " << s.mean << " (SE " << s.standard_error << "), tau2 " << s.tau2 << ", Q " << s.q
              << " over " << s.periods << " periods, " << 100 * s.level << "% CI " << s.mean_ci << ", prediction "
              << s.prediction;
  }
};

namespace detail {

inline void check_estimates(const std::vector<double>& estimates, const std::vector<double>& standard_errors) {
  if (estimates.size() != standard_errors.size())
    throw_invalid_argument(std::to_string(estimates.size()) + " estimates but " +
                           std::to_string(standard_errors.size()) + " standard errors: one of each per period");
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    if (!std::isfinite(estimates[i]))
      throw_invalid_argument("estimate " + format_number(estimates[i]) + " of period " + std::to_string(i) +
                             " is not finite");
    if (!(standard_errors[i] > 0.0) || !std::isfinite(standard_errors[i]))
      throw_invalid_argument("standard error " + format_number(standard_errors[i]) + " of period " +
                             std::to_string(i) + " must be finite and positive");
  }
}

}  // namespace detail

/// DerSimonian and Laird's (1986) random-effects model of period estimates y_i with standard
/// errors se_i: y_i = mu + u_i + e_i, u_i ~ (0, tau2), e_i ~ (0, se_i^2). tau2 is the
/// method-of-moments estimate max(0, (Q - (k - 1)) / (sum w - sum w^2 / sum w)), w = 1/se^2;
/// the prediction interval for a new period's true score is mean -+ t_{k-2} sqrt(tau2 + se^2)
/// (Higgins, Thompson and Spiegelhalter 2009). Matches R metafor's `rma(yi, sei = se, method =
/// "DL")` (mean, SE, tau2, QE and the z interval).
///
/// Throws `std::invalid_argument` when the sizes differ, an estimate is not finite or a
/// standard error is not finite and positive, or `level` is outside (0, 1);
/// `insufficient_data` with fewer than 3 periods (the prediction interval needs k - 2 > 0).
///
/// **Example**: `random_effects(weekly_nps, weekly_se).prediction` is where next week's true
/// score is expected to lie.
inline random_effects_summary random_effects(const std::vector<double>& estimates,
                                             const std::vector<double>& standard_errors, double level = 0.95) {
  detail::check_level(level);
  detail::check_estimates(estimates, standard_errors);
  const std::size_t k = estimates.size();
  if (k < 3)
    detail::throw_insufficient_data("random effects over " + std::to_string(k) +
                                    " periods: the prediction interval needs at least 3");
  double sw = 0.0, sw2 = 0.0, swy = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double w = 1.0 / (standard_errors[i] * standard_errors[i]);
    sw += w;
    sw2 += w * w;
    swy += w * estimates[i];
  }
  const double fixed_mean = swy / sw;
  double q = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double r = estimates[i] - fixed_mean;
    q += r * r / (standard_errors[i] * standard_errors[i]);
  }
  const double df = static_cast<double>(k - 1);
  const double tau2 = q > df ? (q - df) / (sw - sw2 / sw) : 0.0;
  double sws = 0.0, swsy = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double w = 1.0 / (standard_errors[i] * standard_errors[i] + tau2);
    sws += w;
    swsy += w * estimates[i];
  }
  random_effects_summary s{};
  s.mean = swsy / sws;
  s.standard_error = std::sqrt(1.0 / sws);
  s.tau2 = tau2;
  s.q = q;
  s.periods = k;
  s.level = level;
  const double z = detail::z_critical(level);
  s.mean_ci = {s.mean - z * s.standard_error, s.mean + z * s.standard_error};
  const double spread = detail::t_critical(static_cast<double>(k - 2), level) *
                        std::sqrt(tau2 + s.standard_error * s.standard_error);
  s.prediction = {s.mean - spread, s.mean + spread};
  return s;
}

/// The one-sided prediction bound of a new period's true score: the value it exceeds with
/// probability `share` under the random-effects model, mean - t_{k-2, share} sqrt(tau2 + se^2).
/// `share` in (0.5, 1): 0.9 is the score that nine periods in ten are expected to beat.
inline double prediction_lower_bound(const random_effects_summary& s, double share) {
  if (!(share > 0.5 && share < 1.0))
    detail::throw_invalid_argument("share of periods " + detail::format_number(share) + " is outside (0.5, 1)");
  if (s.periods < 3) detail::throw_insufficient_data("a prediction bound needs at least 3 periods");
  return s.mean - detail::t_critical(static_cast<double>(s.periods - 2), 2.0 * share - 1.0) *
                      std::sqrt(s.tau2 + s.standard_error * s.standard_error);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_RANDOM_EFFECTS_HPP
