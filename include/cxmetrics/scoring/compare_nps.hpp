// Is the change between two NPS values (two periods, two segments) real?
#ifndef CXMETRICS_SCORING_COMPARE_NPS_HPP
#define CXMETRICS_SCORING_COMPARE_NPS_HPP

#include <algorithm>
#include <cmath>
#include <limits>

#include <cxmetrics/core/difference_test.hpp>
#include <cxmetrics/scoring/nps.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// z test of NPS(first) - NPS(second) for independent samples, with the unpooled standard
/// error sqrt(SE1^2 + SE2^2) and a two-sided p-value; df is +infinity. With
/// `adjusted_wald` both scores and errors use the adjusted counts (n + 3), which keeps the
/// test defined when a group is all promoters or all detractors.
///
/// The interval is clipped to [-200, 200], the range of a difference of two scores.
///
/// Why the default (Wald) differs from `nps_interval`'s (adjusted Wald): under the null
/// hypothesis of equal scores the plain trinomial standard error is the textbook one and the
/// test's size is right at the sample sizes CX teams compare, while the adjusted Wald interval
/// of one score (Rocks 2016) is chosen for its coverage at small n. The two can therefore
/// disagree on the same data. Pass `nps_interval_method::adjusted_wald` here when the
/// difference is shown beside adjusted-Wald intervals of each period, so that one report
/// uses one method (docs/conventions.md, "Tests and intervals of the same data"). The
/// default is part of the contract and stays Wald.
/// Throws `insufficient_data` when a histogram is empty, or when the plain (Wald) standard
/// error is 0 (both groups unanimous): the z statistic is then undefined.
template <class H>
difference_test compare_nps(const H& first, const H& second, double level = 0.95,
                            nps_interval_method method = nps_interval_method::wald) {
  detail::check_level(level);
  const nps_result a = net_promoter_score(first);
  const nps_result b = net_promoter_score(second);
  double score_a = a.score, score_b = b.score, se_a = a.standard_error, se_b = b.standard_error;
  if (method == nps_interval_method::adjusted_wald) {
    const detail::adjusted_nps ja = detail::adjust_nps(a), jb = detail::adjust_nps(b);
    score_a = 100.0 * (ja.p - ja.d);
    score_b = 100.0 * (jb.p - jb.d);
    se_a = detail::nps_standard_error(ja.p, ja.d, ja.n);
    se_b = detail::nps_standard_error(jb.p, jb.d, jb.n);
  }
  const double se = std::sqrt(se_a * se_a + se_b * se_b);
  if (!(se > 0.0))
    detail::throw_insufficient_data(
        "the NPS difference has standard error 0 (both groups unanimous): the z test is "
        "undefined; use nps_interval_method::adjusted_wald");
  const double difference = score_a - score_b;
  const double z = difference / se;
  const double half = detail::z_critical(level) * se;
  return {difference, se, z, std::numeric_limits<double>::infinity(),
          detail::normal_two_sided_p(z),
          {std::max(-200.0, difference - half), std::min(200.0, difference + half)},
          level};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SCORING_COMPARE_NPS_HPP
