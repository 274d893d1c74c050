// Fair leaderboards for recognition: rank agents so that a handful of lucky responses
// cannot beat a long record of good ones.
#ifndef CXMETRICS_SEGMENTS_LEADERBOARD_HPP
#define CXMETRICS_SEGMENTS_LEADERBOARD_HPP

#include <algorithm>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/core/proportion_interval.hpp>
#include <cxmetrics/scoring/nps.hpp>
#include <cxmetrics/segments/grouped.hpp>

CXMETRICS_BEGIN_NAMESPACE

enum class ranking_method {
  /// The lower bound of the Wilson interval of the share of ratings in the success box:
  /// a share is credited only as far as the evidence supports it.
  wilson_lower_bound,
  /// The Bayesian average (C m + sum) / (m + n): each agent's mean shrunk towards the
  /// population mean C as if m extra ratings of C had been given.
  bayesian_average,
  /// The lower bound of the NPS interval (`nps_interval` with `leaderboard_options::
  /// nps_method`, adjusted Wald by default) on 0..10 histograms: promoters and detractors
  /// both count, and a short record is credited only as far as its interval allows. Ranking
  /// by the promoter share alone (the default box 9..10 with `wilson_lower_bound`) ignores
  /// detractors and can put an agent at NPS +35.7 above one at +39.1.
  nps_lower_bound
};

struct leaderboard_options {
  ranking_method method = ranking_method::wilson_lower_bound;
  std::optional<int> success_lo, success_hi;  ///< the box; default: the top two points
  double level = 0.95;                        ///< of the Wilson bound and the intervals
  double prior_weight = 10.0;                 ///< m of the Bayesian average
  std::uint64_t minimum_n = 1;                ///< agents with fewer ratings are not ranked
  /// The interval of `ranking_method::nps_lower_bound`. Set `minimum_n` with it (30 is a
  /// common floor): the adjusted Wald bound is defined from one response, but a handful of
  /// responses gives a bound that says little about the agent.
  nps_interval_method nps_method = nps_interval_method::adjusted_wald;
};

template <class Key>
struct leaderboard_row {
  std::size_t rank;                 ///< competition ranking: equal scores share a rank (1, 2, 2, 4)
  Key key;
  std::uint64_t n;
  double raw;                       ///< the share in the box, the mean rating, or the NPS
  double adjusted;                  ///< the Wilson lower bound, the Bayesian average, or the NPS lower bound
  std::optional<interval> ci;       ///< Wilson interval, t interval of the mean (n >= 2), or NPS interval
};

template <class Key>
struct leaderboard {
  std::vector<leaderboard_row<Key>> rows;  ///< best first; ties by more ratings, then key
  std::vector<Key> unranked;               ///< below the minimum n, in key order
  double population_mean = 0.0;            ///< C of the Bayesian average (all ratings)

  friend std::ostream& operator<<(std::ostream& os, const leaderboard& b) {
    os << "rank  key  n  raw  adjusted  interval";
    for (const auto& r : b.rows) {
      os << "\n" << r.rank << "  " << r.key << "  " << r.n << "  " << r.raw << "  " << r.adjusted;
      if (r.ci) os << "  " << *r.ci;
    }
    if (!b.unranked.empty()) os << "\n(" << b.unranked.size() << " below the minimum n)";
    return os;
  }
};

/// Ranks the histograms of `by_agent`. Throws `std::invalid_argument` for a box off the
/// scale, a negative prior weight, or `nps_lower_bound` on a scale other than 0..10, and
/// `insufficient_data` when there is no rating at all.
template <class Key, class Scale, class Count, class Hash>
leaderboard<Key> rank_agents(const grouped<Key, rating_histogram<Scale, Count>, Hash>& by_agent,
                             const leaderboard_options& options = {}) {
  detail::check_level(options.level);
  detail::check_non_negative(options.prior_weight, "prior weight");
  const int lo = options.success_lo.value_or(Scale::max - 1), hi = options.success_hi.value_or(Scale::max);
  if (!Scale::contains(lo) || !Scale::contains(hi) || lo > hi)
    detail::throw_invalid_argument("success box " + std::to_string(lo) + ".." + std::to_string(hi) +
                                   " is not a range of the scale " + Scale::name());
  if (options.method == ranking_method::nps_lower_bound && !std::is_same_v<Scale, nps_scale>)
    detail::throw_invalid_argument(std::string("ranking by the NPS lower bound needs the 0..10 scale, not ") +
                                   Scale::name());
  leaderboard<Key> board;
  const auto all = by_agent.total();
  board.population_mean = mean(all);  // insufficient_data without ratings
  for (const auto& [key, h] : by_agent.sorted()) {
    const auto n = static_cast<std::uint64_t>(h.total());
    if (n == 0 || n < options.minimum_n) {
      board.unranked.push_back(key);
      continue;
    }
    leaderboard_row<Key> row{0, key, n, 0.0, 0.0, std::nullopt};
    if (options.method == ranking_method::wilson_lower_bound) {
      row.raw = share(h, lo, hi);
      const interval ci = proportion_interval(row.raw * static_cast<double>(n), static_cast<double>(n), options.level);
      row.adjusted = ci.lower;
      row.ci = ci;
    } else if (options.method == ranking_method::nps_lower_bound) {
      if constexpr (std::is_same_v<Scale, nps_scale>) {
        row.raw = net_promoter_score(h).score;
        const interval ci = nps_interval(h, options.level, options.nps_method);
        row.adjusted = ci.lower;
        row.ci = ci;
      }
    } else {
      row.raw = mean(h);
      const double m = options.prior_weight;
      row.adjusted = (board.population_mean * m + row.raw * static_cast<double>(n)) / (m + static_cast<double>(n));
      if (n >= 2) row.ci = mean_interval(h, options.level);
    }
    board.rows.push_back(std::move(row));
  }
  std::stable_sort(board.rows.begin(), board.rows.end(), [](const auto& a, const auto& b) {
    if (a.adjusted != b.adjusted) return a.adjusted > b.adjusted;
    return a.n > b.n;  // equal scores: the longer record first; then key order (stable)
  });
  for (std::size_t i = 0; i < board.rows.size(); ++i)
    board.rows[i].rank = i > 0 && board.rows[i].adjusted == board.rows[i - 1].adjusted ? board.rows[i - 1].rank : i + 1;
  return board;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_LEADERBOARD_HPP
