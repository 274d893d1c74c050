// Shewhart charts for a series of scores: the individuals / moving-range chart (I-MR) and
// the p-chart for a share with variable subgroup sizes (plain and Laney p').
#ifndef CXMETRICS_CONSISTENCY_SHEWHART_CHARTS_HPP
#define CXMETRICS_CONSISTENCY_SHEWHART_CHARTS_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// d2 for moving ranges of two points: E|X1 - X2| / sigma = 2 / sqrt(pi) = 1.1284 (tables
/// round it to 1.128).
inline constexpr double moving_range_d2 = 1.1283791670955126;

/// The fitted limits of an individuals chart (I-MR): a snapshot computed once from a
/// finished series by `individuals_limits`, hence `_result` (a chart fed point by point is
/// a `_chart`: `ewma_chart`, `cusum_chart`).
struct individuals_chart_result {
  double center;             ///< mean of the series (its value, when it does not vary)
  double sigma;              ///< mean moving range / d2, or the floor it was raised to
  double lower, upper;       ///< center -+ 3 sigma
  double mean_moving_range;
  double moving_range_upper; ///< D4 * mean moving range (D4 = 3.267), or D4 d2 sigma when floored
  std::vector<std::size_t> beyond_limits;  ///< indices of points strictly outside the limits
  bool sigma_floored = false;  ///< the moving ranges gave less than `minimum_sigma`
};

/// Phase I individuals chart of a series (at least two points, finite; some variation, or a
/// floor).
///
/// `minimum_sigma` (default 0: none) floors sigma for points whose own sampling error is
/// known, such as period scores with their standard errors: a mean moving range / d2 below
/// that error is luck, not a process that steady, and limits drawn from it would flag
/// noise. A floored chart's moving-range limit is drawn from the floor too (D4 d2 sigma),
/// and a series that does not vary gets the floor as its sigma and its first point as the
/// centre (a computed mean of equal values can miss them by a rounding error). Apply rules
/// with `chart_signals`, which knows what a floor means for them. Throws
/// std::invalid_argument when `minimum_sigma` is negative or not finite.
///
/// **Example**: `individuals_limits(monthly_nps, median_standard_error)`.
inline individuals_chart_result individuals_limits(const std::vector<double>& series, double minimum_sigma = 0.0) {
  detail::check_non_negative(minimum_sigma, "minimum sigma");
  if (series.size() < 2) detail::throw_insufficient_data("an individuals chart needs at least 2 points");
  double sum = 0.0, ranges = 0.0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    detail::check_finite(series[i], "point");
    sum += series[i];
    if (i > 0) ranges += std::fabs(series[i] - series[i - 1]);
  }
  individuals_chart_result c{};
  c.mean_moving_range = ranges / static_cast<double>(series.size() - 1);
  if (c.mean_moving_range == 0.0 && minimum_sigma == 0.0)
    detail::throw_insufficient_data("the series does not vary: sigma would be 0");
  c.center = c.mean_moving_range == 0.0 ? series.front() : sum / static_cast<double>(series.size());
  c.sigma = c.mean_moving_range / moving_range_d2;
  // D4 = 1 + 3 d3 / d2 for n = 2, tabulated 3.267.
  c.moving_range_upper = 3.267 * c.mean_moving_range;
  if (c.sigma < minimum_sigma) {
    c.sigma = minimum_sigma;
    c.sigma_floored = true;
    c.moving_range_upper = 3.267 * moving_range_d2 * minimum_sigma;
  }
  c.lower = c.center - 3.0 * c.sigma;
  c.upper = c.center + 3.0 * c.sigma;
  for (std::size_t i = 0; i < series.size(); ++i)
    if (series[i] < c.lower || series[i] > c.upper) c.beyond_limits.push_back(i);
  return c;
}

/// One point of a p-chart: its share and its own limits.
struct p_chart_point {
  double share;
  double lower, upper;
  bool beyond;
};

/// The fitted limits of a p-chart with variable subgroup sizes, computed once by
/// `p_chart_limits`.
struct p_chart_result {
  double center;                       ///< p-bar = sum x / sum n
  double laney_sigma_z;                ///< Laney's sigma_z (1 for the plain chart)
  std::vector<p_chart_point> points;
  std::vector<std::size_t> beyond_limits;
};

/// p-chart of `events[i]` out of `sizes[i]` per period (e.g. daily detractors of daily
/// responses): p-bar +- 3 sqrt(p-bar (1 - p-bar) / n_i), the lower limit truncated at 0 and
/// the upper at 1. With `laney`, the limits widen by sigma_z, the mean moving range of the
/// standardised shares / d2 (Laney 2002), for large, overdispersed denominators.
inline p_chart_result p_chart_limits(const std::vector<double>& events, const std::vector<double>& sizes, bool laney = false) {
  if (events.size() != sizes.size())
    detail::throw_invalid_argument("events and sizes differ in length: " + std::to_string(events.size()) + " and " +
                                   std::to_string(sizes.size()));
  if (events.size() < 2) detail::throw_insufficient_data("a p-chart needs at least 2 periods");
  double total_events = 0.0, total_size = 0.0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    detail::check_non_negative(events[i], "events");
    detail::check_non_negative(sizes[i], "subgroup size");
    if (sizes[i] == 0.0 || events[i] > sizes[i])
      detail::throw_invalid_argument("period " + std::to_string(i) + " has " + detail::format_number(events[i]) +
                                     " events of " + detail::format_number(sizes[i]) + "; need 0 <= events <= size, size > 0");
    total_events += events[i];
    total_size += sizes[i];
  }
  p_chart_result c{};
  c.center = total_events / total_size;
  if (c.center == 0.0 || c.center == 1.0)
    detail::throw_insufficient_data("p-bar is " + detail::format_number(c.center) + ": the chart has no spread");
  c.laney_sigma_z = 1.0;
  if (laney) {
    double ranges = 0.0, previous = 0.0;
    for (std::size_t i = 0; i < events.size(); ++i) {
      const double z = (events[i] / sizes[i] - c.center) / std::sqrt(c.center * (1.0 - c.center) / sizes[i]);
      if (i > 0) ranges += std::fabs(z - previous);
      previous = z;
    }
    c.laney_sigma_z = ranges / static_cast<double>(events.size() - 1) / moving_range_d2;
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    const double half = 3.0 * c.laney_sigma_z * std::sqrt(c.center * (1.0 - c.center) / sizes[i]);
    const double share = events[i] / sizes[i];
    const double lower = std::max(0.0, c.center - half), upper = std::min(1.0, c.center + half);
    const bool beyond = share < lower || share > upper;
    c.points.push_back({share, lower, upper, beyond});
    if (beyond) c.beyond_limits.push_back(i);
  }
  return c;
}

/// Deprecated name of `individuals_chart_result` (docs/conventions.md).
using individuals_chart [[deprecated("renamed individuals_chart_result")]] = individuals_chart_result;

/// Deprecated name of `p_chart_result`.
using p_chart [[deprecated("renamed p_chart_result")]] = p_chart_result;

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_SHEWHART_CHARTS_HPP
