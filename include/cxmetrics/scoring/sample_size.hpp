// How many responses to collect: for a margin of error on a share or an NPS, and per group
// to detect a change in NPS with a given power.
#ifndef CXMETRICS_SCORING_SAMPLE_SIZE_HPP
#define CXMETRICS_SCORING_SAMPLE_SIZE_HPP

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/critical_value.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Planning values for an NPS: the promoter and detractor shares you expect (0..1 each,
/// summing to at most 1), from a previous survey or a benchmark.
struct nps_planning {
  double promoter_share;
  double detractor_share;
};

namespace detail {

// Variance of one response's score (+100, 0, -100) under the planning shares.
inline double nps_unit_variance(const nps_planning& plan) {
  check_probability(plan.promoter_share, "promoter share");
  check_probability(plan.detractor_share, "detractor share");
  if (plan.promoter_share + plan.detractor_share > 1.0)
    throw_invalid_argument("promoter share " + format_number(plan.promoter_share) +
                           " and detractor share " + format_number(plan.detractor_share) +
                           " add up to more than 1");
  const double p = plan.promoter_share, d = plan.detractor_share;
  return 10000.0 * (p + d - (p - d) * (p - d));
}

// Cochran's n0 with the finite-population correction n0 / (1 + (n0 - 1) / N), rounded up.
inline std::uint64_t finish_sample_size(double n0, std::optional<double> population) {
  double n = n0;
  if (population) {
    if (!(*population >= 1.0) || !std::isfinite(*population))
      throw_invalid_argument("population " + format_number(*population) +
                             " must be a finite number of at least 1");
    n = n0 / (1.0 + (n0 - 1.0) / *population);
  }
  // Guard the rounding of an exact integer result (e.g. 384.00000000000006 -> 384).
  const double rounded = std::ceil(n - 1e-9 * n);
  if (!(rounded < 1.8e19))
    throw_invalid_argument("the requested precision needs " + format_number(rounded) +
                           " responses, more than can be counted");
  return rounded < 1.0 ? 1u : static_cast<std::uint64_t>(rounded);
}

}  // namespace detail

/// Responses needed for a two-sided interval of half-width `margin` (0..1) around a share
/// expected to be near `expected_share` (0.5, the most conservative, by default):
/// Cochran's n0 = z^2 p (1 - p) / margin^2, with the finite-population correction when the
/// population size is given. Rounded up.
///
/// **Example**: `proportion_sample_size(0.05)  // 385 for +-5 points at 95%`
inline std::uint64_t proportion_sample_size(double margin, double expected_share = 0.5,
                                            double level = 0.95,
                                            std::optional<double> population = std::nullopt) {
  if (!(margin > 0.0 && margin < 1.0))
    detail::throw_invalid_argument("margin " + detail::format_number(margin) +
                                   " is outside (0, 1): it is a half-width on the 0..1 scale");
  detail::check_probability(expected_share, "expected share");
  if (expected_share == 0.0 || expected_share == 1.0)
    detail::throw_invalid_argument("expected share " + detail::format_number(expected_share) +
                                   " has no variance; plan with a value inside (0, 1)");
  const double z = detail::z_critical(level);
  return detail::finish_sample_size(z * z * expected_share * (1.0 - expected_share) / (margin * margin),
                                    population);
}

/// Responses needed for an NPS interval of half-width `margin` NPS points (0..200), using
/// the trinomial variance of the planning shares; with optional finite-population
/// correction. Rounded up. This is the Wald interval's n; the adjusted interval is close.
inline std::uint64_t nps_sample_size(double margin, const nps_planning& plan, double level = 0.95,
                                     std::optional<double> population = std::nullopt) {
  if (!(margin > 0.0 && margin <= 200.0))
    detail::throw_invalid_argument("margin " + detail::format_number(margin) +
                                   " is outside (0, 200] NPS points");
  const double variance = detail::nps_unit_variance(plan);
  if (variance == 0.0)
    detail::throw_invalid_argument("the planning shares leave no variance (everyone in one "
                                   "group); plan with shares that allow both");
  const double z = detail::z_critical(level);
  return detail::finish_sample_size(z * z * variance / (margin * margin), population);
}

/// Responses needed in each of two equal groups for a two-sided z test at `level`
/// (alpha = 1 - level) to detect the difference between the planned scores with
/// probability `power`: n = (z_{alpha/2} + z_{power})^2 (var1 + var2) / (NPS1 - NPS2)^2,
/// the normal approximation that ignores the far tail (as Sauro and Lewis do).
///
/// Throws `std::invalid_argument` when the two plans give the same score: no sample size
/// can detect a difference of zero.
inline std::uint64_t nps_sample_size_per_group(const nps_planning& first, const nps_planning& second,
                                               double level = 0.95, double power = 0.8) {
  detail::check_level(level);
  if (!(power > 0.5 && power < 1.0))
    detail::throw_invalid_argument("power " + detail::format_number(power) + " is outside (0.5, 1)");
  const double variance = detail::nps_unit_variance(first) + detail::nps_unit_variance(second);
  const double difference =
      100.0 * ((first.promoter_share - first.detractor_share) - (second.promoter_share - second.detractor_share));
  // Shares written as decimals (0.4 - 0.2 vs 0.3 - 0.1) differ by rounding residue only.
  if (std::fabs(difference) < 1e-9)
    detail::throw_invalid_argument("the planned scores are equal: a difference of 0 cannot be detected");
  // z_{power} is the two-sided critical value at level 2 power - 1.
  const double z = detail::z_critical(level) + detail::z_critical(2.0 * power - 1.0);
  return detail::finish_sample_size(z * z * variance / (difference * difference), std::nullopt);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SCORING_SAMPLE_SIZE_HPP
