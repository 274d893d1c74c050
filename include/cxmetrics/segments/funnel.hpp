// Funnel plots: which of many units (agents, stores, channels) differ from the target by
// more than chance and ordinary between-unit variation allow? (Spiegelhalter 2005)
#ifndef CXMETRICS_SEGMENTS_FUNNEL_HPP
#define CXMETRICS_SEGMENTS_FUNNEL_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <cxmetrics/core/box_scores.hpp>
#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/detail/critical_value.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/validate.hpp>
#include <cxmetrics/scoring/nps.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// How the funnel's limits allow for units that vary more than their sampling error says.
enum class overdispersion {
  none,            ///< limits target -+ z s_i: sampling error only
  multiplicative,  ///< limits target -+ z sqrt(max(phi, 1)) s_i
  additive         ///< limits target -+ z sqrt(s_i^2 + tau2): a random-effects spread of true values
};

/// One unit of a funnel, in input order.
struct funnel_unit {
  double value;           ///< the unit's estimate
  double standard_error;  ///< its standard error under the target (as given)
  double z;               ///< (value - target) over the spread the limits use
  interval limits;        ///< the funnel's limits at this unit's standard error
  bool outside;           ///< |z| beyond the normal quantile of `level`
};

/// A funnel plot of every unit against the target.
struct funnel_result {
  double target;
  double phi;   ///< overdispersion factor: mean of the squared winsorized z (reported for every method)
  double tau2;  ///< additive between-unit variance (0 unless `overdispersion::additive`)
  double level;
  overdispersion method;
  std::vector<funnel_unit> units;  ///< input order

  /// Indices of the units outside the limits, in input order.
  std::vector<std::size_t> outside() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < units.size(); ++i)
      if (units[i].outside) out.push_back(i);
    return out;
  }
};

namespace detail {

// R's quantile type 7 of an unsorted copy.
inline double quantile_type7(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double h = (static_cast<double>(values.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

}  // namespace detail

/// A funnel plot (Spiegelhalter 2005, "Funnel plots for comparing institutional
/// performance", Stat. Med. 24; and "Handling over-dispersion of performance indicators",
/// Qual. Saf. Health Care 14). z_i = (y_i - target) / s_i, winsorized at the `winsorize` and
/// 1 - `winsorize` quantiles (R type 7); phi = mean of the squared winsorized z. Then:
/// - `none`: limits target -+ z_a s_i;
/// - `multiplicative`: limits target -+ z_a sqrt(max(phi, 1)) s_i, z_i / sqrt(max(phi, 1));
/// - `additive`: tau2 = max(0, (I phi - (I - 1)) / (sum w - sum w^2 / sum w)), w = 1 / s_i^2,
///   limits target -+ z_a sqrt(s_i^2 + tau2), z_i = (y_i - target) / sqrt(s_i^2 + tau2);
/// z_a is the two-sided normal quantile of `level` (0.998: 1 in 500 units that do not differ
/// is flagged). The standard errors must be those of each unit under the target (the NPS
/// variance at the target's shares over the unit's n: `nps_standard_error_at`).
///
/// Error rate: a unit whose true value is the target (or, with overdispersion, is an ordinary
/// draw of the between-unit spread) is outside with probability 1 - `level` (0.2%) when the
/// spread is estimated without winsorizing. Winsorizing (the default 10%, Spiegelhalter's
/// choice, which keeps real outliers from inflating phi) also shrinks phi when every unit
/// truly varies, so the additive funnel then flags about 1.1-1.4% of ordinary units;
/// docs/decisions.md gives the simulated rates, and `winsorize = 0` restores the nominal rate
/// when no gross outliers are expected.
///
/// Throws `std::invalid_argument` on sizes that differ, a non-finite value or target, a
/// standard error that is not finite and positive, `level` outside (0, 1) or `winsorize`
/// outside [0, 0.5); `insufficient_data` without units, or with fewer than 2 when the method
/// estimates overdispersion.
///
/// **Example**: `funnel(agent_nps, agent_se, team_nps).outside()` lists the agents to look at.
inline funnel_result funnel(const std::vector<double>& values, const std::vector<double>& standard_errors,
                            double target, double level = 0.998,
                            overdispersion method = overdispersion::additive, double winsorize = 0.1) {
  detail::check_level(level);
  detail::check_finite(target, "target");
  if (!(winsorize >= 0.0 && winsorize < 0.5))
    detail::throw_invalid_argument("winsorize " + detail::format_number(winsorize) + " is outside [0, 0.5)");
  if (values.size() != standard_errors.size())
    detail::throw_invalid_argument(std::to_string(values.size()) + " values but " +
                                   std::to_string(standard_errors.size()) + " standard errors: one of each per unit");
  const std::size_t units = values.size();
  if (units == 0) detail::throw_insufficient_data("a funnel needs at least one unit");
  if (units < 2 && method != overdispersion::none)
    detail::throw_insufficient_data("estimating overdispersion needs at least 2 units");
  std::vector<double> z(units);
  for (std::size_t i = 0; i < units; ++i) {
    if (!std::isfinite(values[i]))
      detail::throw_invalid_argument("value " + detail::format_number(values[i]) + " of unit " + std::to_string(i) +
                                     " is not finite");
    if (!(standard_errors[i] > 0.0) || !std::isfinite(standard_errors[i]))
      detail::throw_invalid_argument("standard error " + detail::format_number(standard_errors[i]) + " of unit " +
                                     std::to_string(i) + " must be finite and positive");
    z[i] = (values[i] - target) / standard_errors[i];
  }
  const double low = detail::quantile_type7(z, winsorize), high = detail::quantile_type7(z, 1.0 - winsorize);
  double phi = 0.0;
  for (double zi : z) {
    const double w = std::min(std::max(zi, low), high);
    phi += w * w;
  }
  phi /= static_cast<double>(units);

  double tau2 = 0.0;
  if (method == overdispersion::additive) {
    double sw = 0.0, sw2 = 0.0;
    for (double s : standard_errors) {
      const double w = 1.0 / (s * s);
      sw += w;
      sw2 += w * w;
    }
    const double i_units = static_cast<double>(units);
    tau2 = std::max(0.0, (i_units * phi - (i_units - 1.0)) / (sw - sw2 / sw));
  }
  const double inflation = method == overdispersion::multiplicative ? std::sqrt(std::max(phi, 1.0)) : 1.0;
  const double za = detail::z_critical(level);
  funnel_result f{target, phi, tau2, level, method, {}};
  f.units.reserve(units);
  for (std::size_t i = 0; i < units; ++i) {
    const double s = standard_errors[i];
    const double spread = method == overdispersion::additive ? std::sqrt(s * s + tau2) : inflation * s;
    const double zi = (values[i] - target) / spread;
    f.units.push_back({values[i], s, zi, {target - za * spread, target + za * spread}, std::fabs(zi) > za});
  }
  return f;
}

/// The standard error of an NPS from `n` responses if the unit's true shares were those of
/// `reference` (e.g. the whole team): 100 sqrt((p + d - (p - d)^2) / n). This is the spread a
/// funnel of NPS should use, so that a unit's own extreme shares do not shrink its limits.
/// Throws `std::invalid_argument` unless n > 0 and finite, `insufficient_data` when the
/// reference's shares give no variance (all passives, or all one category).
inline double nps_standard_error_at(const nps_result& reference, double n) {
  if (!(n > 0.0) || !std::isfinite(n))
    detail::throw_invalid_argument("n " + detail::format_number(n) + " must be finite and positive");
  const double se = detail::nps_standard_error(reference.promoter_share, reference.detractor_share, n);
  if (!(se > 0.0)) detail::throw_insufficient_data("the reference NPS has no variance: every answer is in one category");
  return se;
}

/// The standard error of a proportion from `n` trials at the reference proportion `p`:
/// sqrt(p (1 - p) / n). Throws `std::invalid_argument` unless 0 < p < 1 and n > 0.
inline double proportion_standard_error_at(double p, double n) {
  if (!(p > 0.0 && p < 1.0))
    detail::throw_invalid_argument("reference proportion " + detail::format_number(p) + " is outside (0, 1)");
  if (!(n > 0.0) || !std::isfinite(n))
    detail::throw_invalid_argument("n " + detail::format_number(n) + " must be finite and positive");
  return std::sqrt(p * (1.0 - p) / n);
}

/// A funnel of units' NPS (one histogram each, e.g. per agent) against the NPS of all of them
/// together, each unit's standard error taken at the pooled shares (`nps_standard_error_at`).
/// Values are on -100..100. Throws `insufficient_data` when a unit has no response.
template <class H>
funnel_result nps_funnel(const std::vector<H>& units, double level = 0.998,
                         overdispersion method = overdispersion::additive, double winsorize = 0.1) {
  detail::require_nps_scale<H>();
  if (units.empty()) detail::throw_insufficient_data("a funnel needs at least one unit");
  H pooled = units.front();
  for (std::size_t i = 1; i < units.size(); ++i) pooled += units[i];
  const nps_result team = net_promoter_score(pooled);
  std::vector<double> values, ses;
  for (std::size_t i = 0; i < units.size(); ++i) {
    if (units[i].empty()) detail::throw_insufficient_data("unit " + std::to_string(i) + " of the funnel has no response");
    const nps_result r = net_promoter_score(units[i]);
    values.push_back(r.score);
    ses.push_back(nps_standard_error_at(team, r.n));
  }
  return funnel(values, ses, team.score, level, method, winsorize);
}

/// A funnel of units' proportions (successes of n each, e.g. satisfied answers per agent)
/// against the pooled proportion, each unit's standard error at the pooled proportion.
/// Values are in 0..1. Throws `std::invalid_argument` on sizes that differ, a count that is
/// negative, above n or not finite, or a pooled proportion of 0 or 1.
inline funnel_result proportion_funnel(const std::vector<double>& successes, const std::vector<double>& n,
                                       double level = 0.998, overdispersion method = overdispersion::additive,
                                       double winsorize = 0.1) {
  if (successes.size() != n.size())
    detail::throw_invalid_argument(std::to_string(successes.size()) + " success counts but " +
                                   std::to_string(n.size()) + " totals: one of each per unit");
  double x = 0.0, total = 0.0;
  for (std::size_t i = 0; i < n.size(); ++i) {
    if (!(n[i] > 0.0) || !std::isfinite(n[i]) || !(successes[i] >= 0.0 && successes[i] <= n[i]))
      detail::throw_invalid_argument("unit " + std::to_string(i) + ": " + detail::format_number(successes[i]) +
                                     " successes of " + detail::format_number(n[i]) + " (needs 0 <= x <= n, n > 0)");
    x += successes[i];
    total += n[i];
  }
  if (total == 0.0) detail::throw_insufficient_data("a funnel needs at least one unit");
  const double p = x / total;
  std::vector<double> values, ses;
  for (std::size_t i = 0; i < n.size(); ++i) {
    values.push_back(successes[i] / n[i]);
    ses.push_back(proportion_standard_error_at(p, n[i]));
  }
  return funnel(values, ses, p, level, method, winsorize);
}

/// A funnel of units' top-`k` box shares (e.g. CSAT's satisfied share per agent, top-2 of
/// 1..5 by default) against the pooled share: `proportion_funnel` of the top-box counts.
/// Throws `std::invalid_argument` on a box size outside the scale, `insufficient_data`
/// without units and `std::invalid_argument` (from `proportion_funnel`) when a unit is empty
/// or every answer is in the box (or none is).
template <class Scale, class Count>
funnel_result top_box_funnel(const std::vector<rating_histogram<Scale, Count>>& units, int k = 2,
                             double level = 0.998, overdispersion method = overdispersion::additive,
                             double winsorize = 0.1) {
  detail::check_box_size<Scale>(k);
  if (units.empty()) detail::throw_insufficient_data("a funnel needs at least one unit");
  std::vector<double> successes, n;
  for (const auto& h : units) {
    double in_box = 0.0;
    for (int v = Scale::max - k + 1; v <= Scale::max; ++v) in_box += static_cast<double>(h.count(v));
    successes.push_back(in_box);
    n.push_back(static_cast<double>(h.total()));
  }
  return proportion_funnel(successes, n, level, method, winsorize);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_FUNNEL_HPP
