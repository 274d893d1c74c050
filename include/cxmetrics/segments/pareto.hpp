// Pareto analysis of reason codes (complaints, escalations, cancellations): where do
// things go wrong, and what changed?
#ifndef CXMETRICS_SEGMENTS_PARETO_HPP
#define CXMETRICS_SEGMENTS_PARETO_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <ostream>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>

#include <cxmetrics/core/difference_test.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/multiple_testing.hpp>
#include <cxmetrics/core/compare_proportions.hpp>

CXMETRICS_BEGIN_NAMESPACE

template <class Reason>
struct pareto_row {
  Reason reason;
  std::uint64_t count;
  double share;
  double cumulative_share;
  interval ci;      ///< simultaneous (Goodman 1965) interval of the share
  bool vital_few;   ///< within the rows that first reach the cut
};

template <class Reason>
struct pareto_result {
  std::vector<pareto_row<Reason>> rows;  ///< by count, largest first; ties in reason order
  std::uint64_t total;
  double cut;
  double level;

  friend std::ostream& operator<<(std::ostream& os, const pareto_result& p) {
    os << "reason  count  share  cumulative  " << 100 * p.level << "% simultaneous interval";
    for (const auto& r : p.rows)
      os << "\n" << (r.vital_few ? "* " : "  ") << r.reason << "  " << r.count << "  " << 100 * r.share << "%  "
         << 100 * r.cumulative_share << "%  [" << 100 * r.ci.lower << "%, " << 100 * r.ci.upper << "%]";
    return os;
  }
};

namespace detail {
// Goodman's simultaneous intervals for k multinomial shares: A = chi-squared(1) quantile at
// 1 - alpha / k; (A + 2 n_i -+ sqrt(A (A + 4 n_i (N - n_i) / N))) / (2 (N + A)).
inline interval goodman_interval(double count, double total, double a) {
  const double root = std::sqrt(a * (a + 4.0 * count * (total - count) / total));
  return {(a + 2.0 * count - root) / (2.0 * (total + a)), (a + 2.0 * count + root) / (2.0 * (total + a))};
}
}  // namespace detail

/// Sorts reason counts, with shares, cumulative shares, Goodman simultaneous intervals at
/// `level` (statsmodels' multinomial_proportions_confint(method = "goodman")), and the
/// "vital few": the largest reasons up to and including the one whose cumulative share
/// first reaches `cut` (0.8 by default). Throws `insufficient_data` without any count and
/// `std::invalid_argument` for a cut outside (0, 1].
template <class Reason>
pareto_result<Reason> pareto(const std::map<Reason, std::uint64_t>& counts, double cut = 0.8, double level = 0.95) {
  detail::check_level(level);
  if (!(cut > 0.0 && cut <= 1.0)) detail::throw_invalid_argument("cut " + detail::format_number(cut) + " is outside (0, 1]");
  pareto_result<Reason> p{{}, 0, cut, level};
  for (const auto& [reason, count] : counts) p.total += count;
  if (p.total == 0) detail::throw_insufficient_data("a Pareto analysis needs at least one counted reason");
  const auto k = static_cast<double>(counts.size());
  const boost::math::chi_squared_distribution<double> chi2(1.0);
  const double a = boost::math::quantile(boost::math::complement(chi2, (1.0 - level) / k));
  const auto total = static_cast<double>(p.total);
  for (const auto& [reason, count] : counts)
    p.rows.push_back({reason, count, static_cast<double>(count) / total, 0.0,
                      detail::goodman_interval(static_cast<double>(count), total, a), false});
  std::stable_sort(p.rows.begin(), p.rows.end(), [](const auto& x, const auto& y) { return x.count > y.count; });
  double cumulative = 0.0;
  bool reached = false;
  for (auto& row : p.rows) {
    cumulative += row.share;
    row.cumulative_share = cumulative;
    row.vital_few = !reached;
    reached = reached || cumulative >= cut - 1e-12;
  }
  return p;
}

/// One reason's share in two periods or segments, signed first - second.
template <class Reason>
struct reason_share_result {
  Reason reason;
  double share_first, share_second;  ///< of all reasons counted in each
  difference_test test;              ///< share_first - share_second: pooled z, Newcombe's interval
  double adjusted_p_value;           ///< Holm's step-down adjustment over all reasons
  bool higher_in_first;              ///< significant at 1 - level after adjustment, first above second
  bool lower_in_first;               ///< significant at 1 - level after adjustment, first below second
};

/// Which reasons take a larger or smaller share of all reasons in `first` than in `second`
/// (pass the period of interest first: `compare_reason_shares(this_month, last_month)`):
/// a pooled two-proportion z test per reason of share_first - share_second with Newcombe's
/// interval at `level`, Holm-adjusted across reasons (statsmodels multipletests(method =
/// "holm")). Reasons with no count in both make the test undefined and are left out; a
/// reason counted in one only is compared against 0; a reason that is every count in both
/// is left out. Results in reason order. Throws `insufficient_data` when either has no
/// count, `std::invalid_argument` for a level outside (0, 1).
template <class Reason>
std::vector<reason_share_result<Reason>> compare_reason_shares(const std::map<Reason, std::uint64_t>& first,
                                                               const std::map<Reason, std::uint64_t>& second,
                                                               double level = 0.95) {
  detail::check_level(level);
  double n_first = 0.0, n_second = 0.0;
  std::map<Reason, std::pair<double, double>> joined;
  for (const auto& [r, c] : first) {
    joined[r].first = static_cast<double>(c);
    n_first += static_cast<double>(c);
  }
  for (const auto& [r, c] : second) {
    joined[r].second = static_cast<double>(c);
    n_second += static_cast<double>(c);
  }
  if (n_first == 0.0 || n_second == 0.0) detail::throw_insufficient_data("both periods need counted reasons");
  std::vector<reason_share_result<Reason>> rows;
  for (const auto& [r, c] : joined) {
    if (c.first + c.second == 0.0) continue;
    if (c.first == n_first && c.second == n_second) continue;  // the only reason: share 1 in both
    rows.push_back({r, c.first / n_first, c.second / n_second,
                    compare_proportions(c.first, n_first, c.second, n_second, level), 0.0, false, false});
  }
  std::vector<double> p_values;
  for (const auto& row : rows) p_values.push_back(row.test.p_value);
  const std::vector<double> adjusted = holm_adjust(p_values);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    auto& row = rows[i];
    row.adjusted_p_value = adjusted[i];
    const bool significant = row.adjusted_p_value < 1.0 - level;
    row.higher_in_first = significant && row.test.difference > 0.0;
    row.lower_in_first = significant && row.test.difference < 0.0;
  }
  return rows;
}

/// The older per-reason row of `compare_periods`, signed after - before.
template <class Reason>
struct reason_change {
  Reason reason;
  double share_before, share_after;
  difference_test test;     ///< after - before, pooled z with Newcombe's interval
  double adjusted_p_value;  ///< Holm's step-down adjustment over all reasons
  bool grew, shrank;        ///< significant at 1 - level after adjustment
};

/// Deprecated: it takes (before, after) and signs after - before, against the first - second
/// rule of every other two-sample result. `compare_reason_shares(after, before, level)`
/// gives the same tests with the period of interest first.
template <class Reason>
[[deprecated("use compare_reason_shares(after, before, level): signed first - second")]]
std::vector<reason_change<Reason>> compare_periods(const std::map<Reason, std::uint64_t>& before,
                                                   const std::map<Reason, std::uint64_t>& after, double level = 0.95) {
  std::vector<reason_change<Reason>> changes;
  for (const auto& row : compare_reason_shares(after, before, level))
    changes.push_back({row.reason, row.share_second, row.share_first, row.test, row.adjusted_p_value,
                       row.higher_in_first, row.lower_in_first});
  return changes;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_PARETO_HPP
