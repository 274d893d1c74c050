// Run rules for control charts: the eight Nelson (1984) rules, the four Western Electric
// rules, and rules of your own, applied to a whole series or point by point.
#ifndef CXMETRICS_CONSISTENCY_CONTROL_RULES_HPP
#define CXMETRICS_CONSISTENCY_CONTROL_RULES_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include <cxmetrics/consistency/shewhart_charts.hpp>
#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A rule that fired: `rule` is the rule's id (Nelson 1..8), `index` the position in the
/// series of the last point of the window that completed the pattern.
struct rule_signal {
  std::size_t index;
  int rule;

  friend bool operator==(const rule_signal& a, const rule_signal& b) noexcept {
    return a.index == b.index && a.rule == b.rule;
  }
  friend bool operator!=(const rule_signal& a, const rule_signal& b) noexcept { return !(a == b); }
};

/// A run rule over the last `window` points, in sigma units: `matches(z, window)` receives
/// the standardised points (x - center) / sigma, oldest first, and says whether they
/// complete the pattern. `detects_low_variation` marks a rule that fires when the points
/// vary less than sigma says they should (Nelson's rule 7, stratification): on a chart
/// whose sigma was floored above the points' own spread it means nothing (`chart_signals`).
struct control_rule {
  int id;
  std::size_t window;
  std::function<bool(const double* z, std::size_t window)> matches;
  std::string description;
  bool detects_low_variation = false;
};

namespace detail {
inline bool all_of_window(const double* z, std::size_t n, const std::function<bool(double)>& p) {
  return std::all_of(z, z + n, p);
}
inline bool count_same_side(const double* z, std::size_t n, double beyond, std::size_t needed) {
  std::size_t above = 0, below = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (z[i] > beyond) ++above;
    if (z[i] < -beyond) ++below;
  }
  return above >= needed || below >= needed;
}
}  // namespace detail

/// The eight Nelson rules (Nelson 1984, J. Quality Technology 16(4)). Comparisons with the
/// sigma lines are strict, so "beyond 2 sigma" includes beyond 3; a point exactly on the
/// centre line is on neither side.
///  1. one point beyond 3 sigma;
///  2. nine in a row on the same side of the centre line;
///  3. six in a row steadily increasing or decreasing (five strict steps);
///  4. fourteen in a row alternating up and down (a zero step breaks it);
///  5. two of three beyond 2 sigma on the same side;
///  6. four of five beyond 1 sigma on the same side;
///  7. fifteen in a row strictly within 1 sigma;
///  8. eight in a row beyond 1 sigma, on either side (Minitab's reading).
inline std::vector<control_rule> nelson_rule_set() {
  using detail::all_of_window;
  return {
      {1, 1, [](const double* z, std::size_t) { return std::fabs(z[0]) > 3.0; }, "1 point beyond 3 sigma"},
      {2, 9,
       [](const double* z, std::size_t n) {
         return all_of_window(z, n, [](double v) { return v > 0.0; }) ||
                all_of_window(z, n, [](double v) { return v < 0.0; });
       },
       "9 points in a row on the same side of the centre line"},
      {3, 6,
       [](const double* z, std::size_t n) {
         bool up = true, down = true;
         for (std::size_t i = 1; i < n; ++i) {
           up = up && z[i] > z[i - 1];
           down = down && z[i] < z[i - 1];
         }
         return up || down;
       },
       "6 points in a row steadily increasing or decreasing"},
      {4, 14,
       [](const double* z, std::size_t n) {
         for (std::size_t i = 1; i < n; ++i) {
           const double step = z[i] - z[i - 1];
           if (step == 0.0) return false;
           if (i > 1 && (step > 0.0) == (z[i - 1] - z[i - 2] > 0.0)) return false;
         }
         return true;
       },
       "14 points in a row alternating up and down"},
      {5, 3, [](const double* z, std::size_t n) { return detail::count_same_side(z, n, 2.0, 2); },
       "2 of 3 points beyond 2 sigma on the same side"},
      {6, 5, [](const double* z, std::size_t n) { return detail::count_same_side(z, n, 1.0, 4); },
       "4 of 5 points beyond 1 sigma on the same side"},
      {7, 15, [](const double* z, std::size_t n) { return all_of_window(z, n, [](double v) { return std::fabs(v) < 1.0; }); },
       "15 points in a row within 1 sigma", true},
      {8, 8, [](const double* z, std::size_t n) { return all_of_window(z, n, [](double v) { return std::fabs(v) > 1.0; }); },
       "8 points in a row beyond 1 sigma on either side"},
  };
}

/// The four Western Electric rules (Statistical Quality Control Handbook, 1956): ids 1-4 are
/// one point beyond 3 sigma, 2 of 3 beyond 2 sigma, 4 of 5 beyond 1 sigma (same side), and
/// 8 in a row on the same side.
inline std::vector<control_rule> western_electric_rule_set() {
  const auto nelson = nelson_rule_set();
  control_rule eight_same_side = nelson[1];
  eight_same_side.window = 8;
  eight_same_side.description = "8 points in a row on the same side of the centre line";
  control_rule r1 = nelson[0], r2 = nelson[4], r3 = nelson[5];
  r2.id = 2;
  r3.id = 3;
  eight_same_side.id = 4;
  return {r1, r2, r3, eight_same_side};
}

namespace detail {
inline void check_chart(double center, double sigma) {
  check_finite(center, "centre line");
  check_positive(sigma, "sigma");
}
inline void check_rules(const std::vector<control_rule>& rules) {
  for (const auto& r : rules)
    if (r.window == 0 || !r.matches)
      throw_invalid_argument("control rule " + std::to_string(r.id) + " needs a window of at least 1 and a test");
}
}  // namespace detail

namespace detail {
// Every (rule, index) for every window that completes a rule's pattern, sorted by rule,
// then index: the one implementation behind chart_signals, nelson_rules and apply_rules.
inline std::vector<rule_signal> signals_of(const std::vector<double>& series, double center, double sigma,
                                           const std::vector<control_rule>& rules) {
  check_chart(center, sigma);
  check_rules(rules);
  std::vector<double> z(series.size());
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (!std::isfinite(series[i]))
      throw_invalid_argument("point " + format_number(series[i]) + " at index " + std::to_string(i) +
                             " must be finite");
    z[i] = (series[i] - center) / sigma;
  }
  std::vector<rule_signal> signals;
  for (const auto& rule : rules)
    for (std::size_t end = rule.window; end <= z.size(); ++end)
      if (rule.matches(z.data() + (end - rule.window), rule.window)) signals.push_back({end - 1, rule.id});
  std::stable_sort(signals.begin(), signals.end(), [](const rule_signal& a, const rule_signal& b) {
    return a.rule != b.rule ? a.rule < b.rule : a.index < b.index;
  });
  return signals;
}
}  // namespace detail

/// **The way to run control rules on a series.** The signals of `rules` (the eight Nelson
/// rules by default; `western_electric_rule_set()` or rules of your own) on an individuals
/// chart fitted to the series (`individuals_limits`): every (rule, index) for every window
/// that completes a rule's pattern, the index being the window's last point; sorted by rule,
/// then index.
///
/// When the chart's sigma was floored (`sigma_floored`), rules that detect low variation are
/// not applied: a floored sigma is by construction larger than the points' own spread, so
/// "fifteen points within 1 sigma" would fire on the steadiest series. The floor changes
/// only the sigma-scaled rules; runs on one side, trends and alternation (Nelson 2-4) read
/// the points' order and sides, whatever sigma is. Throws `std::invalid_argument` for a
/// non-finite point or a rule without a window or test.
inline std::vector<rule_signal> chart_signals(const std::vector<double>& series, const individuals_chart_result& chart,
                                              const std::vector<control_rule>& rules = nelson_rule_set()) {
  if (!chart.sigma_floored) return detail::signals_of(series, chart.center, chart.sigma, rules);
  std::vector<control_rule> applicable;
  for (const auto& rule : rules)
    if (!rule.detects_low_variation) applicable.push_back(rule);
  return detail::signals_of(series, chart.center, chart.sigma, applicable);
}

/// The same signals against a centre and sigma known in advance (a standard, or limits from
/// an earlier phase), all `rules` applied. Throws `std::invalid_argument` for a non-finite
/// point, centre or sigma, or sigma <= 0.
inline std::vector<rule_signal> chart_signals(const std::vector<double>& series, double center, double sigma,
                                              const std::vector<control_rule>& rules = nelson_rule_set()) {
  return detail::signals_of(series, center, sigma, rules);
}

/// All eight Nelson rules over a series: shorthand (kept from the contract) for
/// `chart_signals(series, center, sigma)`.
inline std::vector<rule_signal> nelson_rules(const std::vector<double>& series, double center, double sigma) {
  return detail::signals_of(series, center, sigma, nelson_rule_set());
}

/// Deprecated: `chart_signals(series, center, sigma, rules)` is the same call under the one
/// name every chart uses.
[[deprecated("use chart_signals(series, center, sigma, rules)")]] inline std::vector<rule_signal> apply_rules(
    const std::vector<double>& series, double center, double sigma, const std::vector<control_rule>& rules) {
  return detail::signals_of(series, center, sigma, rules);
}

/// The streaming form: feed points one at a time; `update` returns the ids of the rules
/// whose window ends at this point, the same signals `chart_signals` gives for the series.
class rule_monitor {
 public:
  rule_monitor(double center, double sigma, std::vector<control_rule> rules = nelson_rule_set())
      : center_(center), sigma_(sigma), rules_(std::move(rules)) {
    detail::check_chart(center, sigma);
    detail::check_rules(rules_);
    for (const auto& r : rules_) longest_ = std::max(longest_, r.window);
  }

  std::vector<int> update(double x) {
    if (!std::isfinite(x)) detail::throw_invalid_argument("point " + detail::format_number(x) + " must be finite");
    recent_.push_back((x - center_) / sigma_);
    if (recent_.size() > longest_) recent_.erase(recent_.begin());
    ++count_;
    std::vector<int> fired;
    for (const auto& rule : rules_)
      if (recent_.size() >= rule.window && rule.matches(recent_.data() + (recent_.size() - rule.window), rule.window))
        fired.push_back(rule.id);
    return fired;
  }

  std::size_t count() const noexcept { return count_; }

 private:
  double center_, sigma_;
  std::vector<control_rule> rules_;
  std::size_t longest_ = 1;
  std::vector<double> recent_;
  std::size_t count_ = 0;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_CONTROL_RULES_HPP
