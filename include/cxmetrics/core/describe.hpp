// Descriptive statistics of a rating histogram, plain or weighted: mean, variance,
// quantiles and shares, computed in O(points) from the counts.
#ifndef CXMETRICS_CORE_DESCRIBE_HPP
#define CXMETRICS_CORE_DESCRIBE_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/detail/format.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {

/// The mass per scale point and the weight sums V1 = sum w, V2 = sum w^2 that every
/// statistic of a histogram needs. For unweighted counts every weight is 1, so V1 = V2 = n.
template <int Points>
struct histogram_masses {
  std::array<double, static_cast<std::size_t>(Points)> mass;
  double v1;
  double v2;
};

template <class Scale, class Count>
histogram_masses<Scale::points> masses_of(const rating_histogram<Scale, Count>& h) {
  histogram_masses<Scale::points> m{};
  for (std::size_t i = 0; i < m.mass.size(); ++i) m.mass[i] = static_cast<double>(h.counts()[i]);
  m.v1 = static_cast<double>(h.total());
  m.v2 = m.v1;
  return m;
}

template <class Scale>
histogram_masses<Scale::points> masses_of(const weighted_histogram<Scale>& h) {
  return {h.weights(), h.total_weight(), h.sum_squared_weights()};
}

template <class Scale, int Points>
double weighted_mean(const histogram_masses<Points>& m) {
  double sum = 0.0;
  for (std::size_t i = 0; i < m.mass.size(); ++i)
    sum += m.mass[i] * static_cast<double>(Scale::min + static_cast<int>(i));
  return sum / m.v1;
}

template <class Scale, int Points>
void require_mass(const histogram_masses<Points>& m, const char* statistic) {
  if (!(m.v1 > 0.0))
    throw_insufficient_data(std::string(statistic) + " of an empty histogram (scale " +
                            Scale::name() + ") is undefined");
}

/// Sample variance: SS / (V1 - V2 / V1), which is SS / (n - 1) for counts and the
/// reliability-weights estimator for survey weights.
template <class Scale, int Points>
double sample_variance(const histogram_masses<Points>& m) {
  require_mass<Scale>(m, "the variance");
  const double denominator = m.v1 - m.v2 / m.v1;
  if (!(denominator > 0.0))
    throw_insufficient_data("the sample variance needs more than one response (effective n " +
                            format_number(m.v1 * (m.v1 / m.v2)) + ")");
  const double mean = weighted_mean<Scale>(m);
  double ss = 0.0;
  for (std::size_t i = 0; i < m.mass.size(); ++i) {
    const double d = static_cast<double>(Scale::min + static_cast<int>(i)) - mean;
    ss += m.mass[i] * d * d;
  }
  return ss / denominator;
}

template <class Scale, class Count>
int value_at_rank(const rating_histogram<Scale, Count>& h, std::uint64_t rank) {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < h.counts().size(); ++i) {
    cumulative += h.counts()[i];
    if (cumulative > rank) return Scale::min + static_cast<int>(i);
  }
  return Scale::max;
}

}  // namespace detail

/// Mean rating. Throws `insufficient_data` when the histogram is empty (or weighs nothing).
template <class H>
double mean(const H& h) {
  using scale = typename H::scale_type;
  const auto m = detail::masses_of(h);
  detail::require_mass<scale>(m, "the mean");
  return detail::weighted_mean<scale>(m);
}

/// Sample variance with the n - 1 denominator. For a `weighted_histogram`, weights are
/// reliability weights: SS / (V1 - V2 / V1), as R's `cov.wt(method = "unbiased")`.
/// Throws `insufficient_data` with fewer than two (effective) responses.
template <class H>
double variance(const H& h) {
  return detail::sample_variance<typename H::scale_type>(detail::masses_of(h));
}

/// Sample standard deviation, sqrt(variance(h)).
template <class H>
double stddev(const H& h) {
  return std::sqrt(variance(h));
}

/// Quantile of the ratings by R's type 7 (numpy's default, "linear"): with n ratings in
/// order, h = (n - 1) p and Q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
/// Throws `std::invalid_argument` for p outside [0, 1], `insufficient_data` when empty.
template <class Scale, class Count>
double quantile(const rating_histogram<Scale, Count>& h, double p) {
  detail::check_probability(p);
  if (h.empty()) detail::throw_insufficient_data("the quantile of an empty histogram is undefined");
  const double position = static_cast<double>(h.total() - 1) * p;
  const double below = std::floor(position);
  const auto rank = static_cast<std::uint64_t>(below);
  const double low = detail::value_at_rank(h, rank);
  if (rank + 1 >= h.total()) return low;
  const double high = detail::value_at_rank(h, rank + 1);
  return low + (position - below) * (high - low);
}

/// Quantile of weighted ratings: the inverse of the weighted distribution function, the
/// smallest point x with W(<= x) >= p * V1 and weight at x (R's type 1 applied to the
/// weights; survey::svyquantile's "math" rule). Type 7 has no agreed weighted form.
template <class Scale>
double quantile(const weighted_histogram<Scale>& h, double p) {
  detail::check_probability(p);
  const auto m = detail::masses_of(h);
  detail::require_mass<Scale>(m, "the quantile");
  const double target = p * m.v1;
  double cumulative = 0.0;
  int last_with_weight = Scale::min;
  for (std::size_t i = 0; i < m.mass.size(); ++i) {
    if (m.mass[i] == 0.0) continue;
    cumulative += m.mass[i];
    last_with_weight = Scale::min + static_cast<int>(i);
    if (cumulative >= target) return last_with_weight;
  }
  return last_with_weight;
}

/// Share (0..1) of the ratings in [lo, hi], e.g. `share(h, 4, 5)` is CSAT's top-2 box.
/// Throws `invalid_rating` when lo or hi is off the scale, `std::invalid_argument` when
/// lo > hi, and `insufficient_data` when the histogram is empty.
template <class H>
double share(const H& h, int lo, int hi) {
  using scale = typename H::scale_type;
  if (!scale::contains(lo)) detail::throw_off_scale<scale>(lo);
  if (!scale::contains(hi)) detail::throw_off_scale<scale>(hi);
  if (lo > hi)
    detail::throw_invalid_argument("share range " + std::to_string(lo) + ".." + std::to_string(hi) +
                                   " is empty: lo must not exceed hi");
  const auto m = detail::masses_of(h);
  detail::require_mass<scale>(m, "a share");
  double inside = 0.0, total = 0.0;
  for (int v = lo; v <= hi; ++v) inside += m.mass[detail::point_index<scale>(v)];
  // The denominator sums the same per-point masses, not the running total weight: summed in
  // another order, weights can round to a total a few ulps below the box, and a share above
  // 1 would break every interval built on it.
  for (double mass : m.mass) total += mass;
  return inside / total;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_DESCRIBE_HPP
