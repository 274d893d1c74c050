// Top-box, bottom-box and mean scores of any rating scale (Likert items, stars, CSAT, CES),
// as share_estimate and mean_estimate. Shared vocabulary: every pillar builds its estimates
// here (mean_score is the one constructor of a mean_estimate from data).
#ifndef CXMETRICS_CORE_BOX_SCORES_HPP
#define CXMETRICS_CORE_BOX_SCORES_HPP

#include <string>

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/core/proportion_interval.hpp>
#include <cxmetrics/core/estimate.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
template <class Scale>
void check_box_size(int k) {
  if (k < 1 || k > Scale::points)
    throw_invalid_argument("box size " + std::to_string(k) + " is outside 1.." +
                           std::to_string(Scale::points) + " for the scale " + Scale::name());
}
}  // namespace detail

/// Share of ratings in [lo, hi] with an interval (`proportion_method`, Wilson by default).
/// For a weighted histogram the interval uses the weighted share and Kish's effective n.
template <class H>
share_estimate box_share(const H& h, int lo, int hi, double level = 0.95,
                         proportion_method method = proportion_method::wilson) {
  detail::check_level(level);
  const double s = share(h, lo, hi);
  const auto m = detail::masses_of(h);
  const double n = m.v1 * (m.v1 / m.v2);
  return {s, proportion_interval(s * n, n, level, method), n, level};
}

/// Share of ratings in the top `k` points (k = 2 on 1..5 is "4 or 5").
template <class H>
share_estimate top_box(const H& h, int k = 2, double level = 0.95,
                       proportion_method method = proportion_method::wilson) {
  using scale = typename H::scale_type;
  detail::check_box_size<scale>(k);
  return box_share(h, scale::max - k + 1, scale::max, level, method);
}

/// Share of ratings in the bottom `k` points.
template <class H>
share_estimate bottom_box(const H& h, int k = 2, double level = 0.95,
                          proportion_method method = proportion_method::wilson) {
  using scale = typename H::scale_type;
  detail::check_box_size<scale>(k);
  return box_share(h, scale::min, scale::min + k - 1, level, method);
}

/// Mean rating of a histogram with its Student t interval (`mean_interval`); n is the
/// number of responses (Kish's effective n when weighted). Throws `insufficient_data` with
/// fewer than two responses, `std::invalid_argument` for a level outside (0, 1).
template <class H>
mean_estimate mean_score(const H& h, double level = 0.95) {
  const interval ci = mean_interval(h, level);
  const auto m = detail::masses_of(h);
  return {mean(h), ci, m.v1 * (m.v1 / m.v2), level};
}

/// Mean of streaming values (margins, gaps) with its Student t interval, n = count().
/// Same throws as the histogram overload.
inline mean_estimate mean_score(const moments& m, double level = 0.95) {
  const interval ci = mean_interval(m, level);
  return {m.mean(), ci, static_cast<double>(m.count()), level};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_BOX_SCORES_HPP
