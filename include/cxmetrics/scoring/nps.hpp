// Net Promoter Score: the share of promoters (9-10) minus the share of detractors (0-6)
// on the 0..10 "how likely are you to recommend" question, with its uncertainty.
#ifndef CXMETRICS_SCORING_NPS_HPP
#define CXMETRICS_SCORING_NPS_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <type_traits>

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/scale.hpp>
#include <cxmetrics/detail/critical_value.hpp>

CXMETRICS_BEGIN_NAMESPACE

using nps_histogram = rating_histogram<nps_scale>;

/// The three NPS groups.
enum class nps_category { detractor, passive, promoter };

/// Detractor for 0-6, passive for 7-8, promoter for 9-10; throws `invalid_rating` off 0..10.
constexpr nps_category classify_nps(int rating_value) {
  if (!nps_scale::contains(rating_value)) detail::throw_off_scale<nps_scale>(rating_value);
  return rating_value >= 9 ? nps_category::promoter
                           : rating_value >= 7 ? nps_category::passive : nps_category::detractor;
}

/// An NPS with the numbers behind it.
struct nps_result {
  double score;  ///< 100 * (promoter_share - detractor_share), on -100..100
  double promoter_share, passive_share, detractor_share;  ///< 0..1, weighted where H is
  double n;               ///< responses; Kish's effective n for a weighted_histogram
  double standard_error;  ///< of the score, trinomial: 100 sqrt((p + d - (p - d)^2) / n)
  std::uint64_t responses = 0;  ///< responses counted, whatever their weights
  double total_weight = 0;      ///< sum of weights (equals responses when unweighted)

  /// Prints "NPS 23.5 (promoters 41.2%, passives 41.1%, detractors 17.7%; n = 1979, SE 1.8)".
  friend std::ostream& operator<<(std::ostream& os, const nps_result& r) {
    return os << "NPS " << r.score << " (promoters " << 100 * r.promoter_share << "%, passives "
              << 100 * r.passive_share << "%, detractors " << 100 * r.detractor_share
              << "%; n = " << r.n << ", SE " << r.standard_error << ")";
  }
};

namespace detail {

template <class H>
constexpr void require_nps_scale() {
  static_assert(std::is_same_v<typename H::scale_type, nps_scale>,
                "NPS is defined on the 0..10 scale (nps_scale)");
}

// Trinomial standard error of 100 (p - d) from shares and a (possibly effective) n.
inline double nps_standard_error(double p, double d, double n) {
  // p + d >= (p - d)^2 mathematically; rounding can leave a tiny negative residue.
  return 100.0 * std::sqrt(std::max(0.0, p + d - (p - d) * (p - d)) / n);
}

// Shares after adding 0.75 promoters, 1.5 passives and 0.75 detractors (Sauro and Lewis's
// adjusted Wald; the adjustment is z^2/4-style pseudo-counts at 95%, n + 3 responses).
struct adjusted_nps {
  double p, d, n;
};
inline adjusted_nps adjust_nps(const nps_result& r) {
  const double n = r.n + 3.0;
  return {(r.promoter_share * r.n + 0.75) / n, (r.detractor_share * r.n + 0.75) / n, n};
}

inline interval clip_nps(double lower, double upper) {
  return {std::max(-100.0, lower), std::min(100.0, upper)};
}

}  // namespace detail

/// NPS of a `rating_histogram<nps_scale>` or `weighted_histogram<nps_scale>`. Throws
/// `insufficient_data` when there is no response (or no weight).
///
/// **Example**: 5 promoters, 3 passives, 2 detractors of 10 give score 30, SE 100 *
/// sqrt((0.5 + 0.2 - 0.09) / 10) = 24.7.
template <class H>
nps_result net_promoter_score(const H& h) {
  detail::require_nps_scale<H>();
  const auto m = detail::masses_of(h);
  if (!(m.v1 > 0.0)) detail::throw_insufficient_data("the NPS of an empty histogram is undefined");
  double detractors = 0.0, passives = 0.0, promoters = 0.0;
  for (int v = 0; v <= 6; ++v) detractors += m.mass[static_cast<std::size_t>(v)];
  for (int v = 7; v <= 8; ++v) passives += m.mass[static_cast<std::size_t>(v)];
  for (int v = 9; v <= 10; ++v) promoters += m.mass[static_cast<std::size_t>(v)];
  nps_result r{};
  r.promoter_share = promoters / m.v1;
  r.passive_share = passives / m.v1;
  r.detractor_share = detractors / m.v1;
  // One rounding: equal scores from different mixes (1 of 2 vs 5 of 10) compare equal.
  r.score = 100.0 * (promoters - detractors) / m.v1;
  r.n = m.v1 * (m.v1 / m.v2);
  r.standard_error = detail::nps_standard_error(r.promoter_share, r.detractor_share, r.n);
  if constexpr (std::is_same_v<H, weighted_histogram<nps_scale>>) {
    r.responses = h.count();
  } else {
    r.responses = static_cast<std::uint64_t>(h.total());
  }
  r.total_weight = m.v1;
  return r;
}

/// How `nps_interval` builds its interval.
enum class nps_interval_method {
  wald,          ///< score +- z SE; clipped to [-100, 100]; too narrow for small n
  adjusted_wald  ///< Sauro and Lewis / Rocks (2016): add 0.75 promoters, 1.5 passives and
                 ///< 0.75 detractors (n + 3), centre on the adjusted score; the default
};

/// Two-sided confidence interval at `level` for the NPS, on -100..100. For a weighted
/// histogram the effective n is used. Both methods clip to [-100, 100]. Its default
/// (adjusted Wald) differs from `compare_nps`'s (Wald): see `compare_nps` for why, and pass
/// `adjusted_wald` there when both are shown together.
template <class H>
interval nps_interval(const H& h, double level = 0.95,
                      nps_interval_method method = nps_interval_method::adjusted_wald) {
  detail::check_level(level);
  const nps_result r = net_promoter_score(h);
  const double z = detail::z_critical(level);
  if (method == nps_interval_method::wald)
    return detail::clip_nps(r.score - z * r.standard_error, r.score + z * r.standard_error);
  const detail::adjusted_nps a = detail::adjust_nps(r);
  const double center = 100.0 * (a.p - a.d);
  const double se = detail::nps_standard_error(a.p, a.d, a.n);
  return detail::clip_nps(center - z * se, center + z * se);
}

/// eNPS: the NPS of employees answering "how likely are you to recommend working here?"
/// on 0..10. Same computation; the name keeps reports honest about whose answers they are.
template <class H>
nps_result employee_net_promoter_score(const H& h) {
  return net_promoter_score(h);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SCORING_NPS_HPP
