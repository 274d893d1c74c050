// "Are we consistently better than average?" answered with each criterion visible and the
// error rates it was built for (docs/decisions.md prints them, tests check them).
#ifndef CXMETRICS_CONSISTENCY_VERDICT_HPP
#define CXMETRICS_CONSISTENCY_VERDICT_HPP

#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/consistency/beat_tracker.hpp>
#include <cxmetrics/consistency/control_rules.hpp>
#include <cxmetrics/consistency/random_effects.hpp>
#include <cxmetrics/consistency/shewhart_charts.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Thresholds of the verdict; every one is configurable.
struct verdict_criteria {
  double level = 0.95;  ///< confidence level of the mean's interval
  /// Share of the observed periods that must beat the baseline; 0 (the default) reports the
  /// share without making it a criterion: counting noisy periods has no error rate of its own.
  double min_share_beating = 0.0;
  std::vector<control_rule> rules = nelson_rule_set();  ///< applied and reported
  /// Floor of the chart's sigma (see individuals_limits), e.g. the periods' typical standard
  /// error, so that a near-flat series is not judged out of control by noise; 0: none.
  /// With standard errors, the floor is at least their median.
  double minimum_sigma = 0.0;
  /// A new period must be predicted above the baseline with this probability (the one-sided
  /// prediction bound), in (0.5, 1).
  double share_of_periods = 0.9;
  /// Make "no control-rule signal" a criterion. Off by default: the eight Nelson rules signal
  /// by chance on most stable series of a year's weeks (docs/run_lengths.md gives the rates).
  bool require_in_control = false;
};

/// One criterion: what was measured, the bar, and whether it was cleared.
struct verdict_criterion {
  std::string name;
  double value;
  double threshold;
  bool passed;
  bool required = true;  ///< counts toward the verdict; otherwise reported only
};

/// The verdict and every criterion behind it.
struct consistency_verdict {
  bool consistently_better;           ///< every required criterion passed
  verdict_criterion mean_above;       ///< lower bound of the mean margin's interval > 0
  verdict_criterion share_beating;    ///< share of observed periods above the baseline
  verdict_criterion in_control;       ///< number of rule signals on the chart
  std::vector<rule_signal> signals;   ///< on the individuals chart of the period scores
  individuals_chart_result chart;
  verdict_criterion predicted_above;  ///< one-sided prediction bound of a new period's margin > 0
  /// The random-effects summary of the margins (score - baseline), when standard errors were given.
  std::optional<random_effects_summary> margins;

  friend std::ostream& operator<<(std::ostream& os, const consistency_verdict& v) {
    os << (v.consistently_better ? "consistently better than the baseline" : "not consistently better than the baseline");
    for (const auto* c : {&v.mean_above, &v.predicted_above, &v.share_beating, &v.in_control})
      os << "\n  [" << (!c->required ? "info" : c->passed ? "pass" : "FAIL") << "] " << c->name << ": " << c->value
         << " (threshold " << c->threshold << ")";
    return os;
  }
};

namespace detail {

inline void check_criteria(const verdict_criteria& criteria) {
  if (!(criteria.share_of_periods > 0.5 && criteria.share_of_periods < 1.0))
    throw_invalid_argument("share of periods " + format_number(criteria.share_of_periods) + " is outside (0.5, 1)");
  check_probability(criteria.min_share_beating, "minimum share of periods beating");
  check_non_negative(criteria.minimum_sigma, "minimum sigma");
  check_level(criteria.level);
}

inline double median_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t m = values.size() / 2;
  return values.size() % 2 ? values[m] : 0.5 * (values[m - 1] + values[m]);
}

// The criteria that read the observed series: share beating, chart and rule signals.
inline void judge_observed(consistency_verdict& v, const std::vector<double>& charted,
                           const std::vector<double>& margins, double minimum_sigma,
                           const verdict_criteria& criteria) {
  const auto beating = static_cast<double>(std::count_if(margins.begin(), margins.end(), [](double m) { return m > 0.0; }));
  const double share = beating / static_cast<double>(margins.size());
  v.share_beating = {"share of periods beating the baseline", share, criteria.min_share_beating,
                     share >= criteria.min_share_beating, criteria.min_share_beating > 0.0};
  v.chart = individuals_limits(charted, minimum_sigma);
  v.signals = chart_signals(charted, v.chart, criteria.rules);
  v.in_control = {"control-rule signals", static_cast<double>(v.signals.size()), 0.0, v.signals.empty(),
                  criteria.require_in_control};
  v.consistently_better = true;
  for (const auto* c : {&v.mean_above, &v.predicted_above, &v.share_beating, &v.in_control})
    if (c->required && !c->passed) v.consistently_better = false;
}

inline consistency_verdict verdict_on_margins(const std::vector<double>& charted, const std::vector<double>& margins,
                                              const std::vector<double>& standard_errors,
                                              const verdict_criteria& criteria) {
  check_criteria(criteria);
  consistency_verdict v{};
  const random_effects_summary re = random_effects(margins, standard_errors, criteria.level);
  v.margins = re;
  v.mean_above = {"lower bound of the mean margin's interval", re.mean_ci.lower, 0.0, re.mean_ci.lower > 0.0};
  const double bound = prediction_lower_bound(re, criteria.share_of_periods);
  v.predicted_above = {"margin a new period beats with probability " + format_number(criteria.share_of_periods),
                       bound, 0.0, bound > 0.0};
  judge_observed(v, charted, margins, std::max(criteria.minimum_sigma, median_of(standard_errors)), criteria);
  return v;
}

}  // namespace detail

/// Is the true score consistently above `baseline`, given each period's score and its
/// standard error (e.g. weekly NPS and the SE of `net_promoter_score`)? The margins
/// score_i - baseline are summarised by random effects (`random_effects`, DerSimonian-Laird),
/// which separates the true week-to-week variation tau2 from each week's sampling error.
/// "Consistently better" means both:
/// - the mean margin's `criteria.level` interval lies above 0, and
/// - a new period's true margin is predicted above 0 with probability
///   `criteria.share_of_periods` (the one-sided bound mean - t_{k-2} sqrt(tau2 + se^2)).
/// The observed share of periods beating the baseline, the individuals chart of the scores
/// (sigma floored at the median standard error) and its rule signals are reported, and count
/// only when `min_share_beating` > 0 or `require_in_control` is set.
///
/// Error rates (docs/decisions.md, checked by a seeded simulation in the tests: weekly NPS,
/// Poisson(160) answers, baseline 25): a store at 35 every week is judged better in >= 95% of
/// years of 12 or 52 weeks; one at 25, in <= 5%; one whose true weekly score varies as
/// N(35, 15^2), or that drops to 5 in 8 weeks of 52, in <= 5%.
///
/// Throws `std::invalid_argument` on sizes that differ, a non-finite score, a standard error
/// that is not finite and positive, or criteria out of range; `insufficient_data` with fewer
/// than 3 periods.
inline consistency_verdict consistently_better_than(const std::vector<double>& period_scores,
                                                    const std::vector<double>& standard_errors, double baseline,
                                                    const verdict_criteria& criteria = {}) {
  detail::check_finite(baseline, "baseline");
  detail::check_estimates(period_scores, standard_errors);
  std::vector<double> margins(period_scores);
  for (double& m : margins) m -= baseline;
  return detail::verdict_on_margins(period_scores, margins, standard_errors, criteria);
}

/// The same against one baseline per period (the chain's weekly average, the peers' mean),
/// taken as known: the margins are score_i - baselines[i], and the chart is of the margins.
inline consistency_verdict consistently_better_than(const std::vector<double>& period_scores,
                                                    const std::vector<double>& standard_errors,
                                                    const std::vector<double>& baselines,
                                                    const verdict_criteria& criteria = {}) {
  detail::check_estimates(period_scores, standard_errors);
  if (baselines.size() != period_scores.size())
    detail::throw_invalid_argument(std::to_string(period_scores.size()) + " period scores but " +
                                   std::to_string(baselines.size()) + " baselines: one of each per period");
  std::vector<double> margins(period_scores);
  for (std::size_t i = 0; i < margins.size(); ++i) {
    detail::check_finite(baselines[i], "baseline");
    margins[i] -= baselines[i];
  }
  return detail::verdict_on_margins(margins, margins, standard_errors, criteria);
}

/// The verdict when only the period scores are known (no standard errors): it judges the
/// observed scores, sampling noise included, so it asks more of small samples than the
/// overload with standard errors does. Criteria: the mean margin's Student t interval lies
/// above 0, and a new period's observed score is predicted above the baseline with
/// probability `share_of_periods` (mean - t_{k-1} s sqrt(1 + 1/k), s floored at
/// `minimum_sigma`). Reported only, unless asked for: share beating, rule signals. Needs at
/// least two periods that vary, or a floor. Prefer the overload with standard errors.
inline consistency_verdict consistently_better_than(const std::vector<double>& period_scores, double baseline,
                                                    const verdict_criteria& criteria = {}) {
  detail::check_criteria(criteria);
  beat_tracker margins(baseline);
  for (double s : period_scores) margins.add(s);
  const mean_estimate margin = mean_margin(margins, criteria.level);  // throws below 2 periods
  consistency_verdict v{};
  v.mean_above = {"lower bound of the mean margin's interval", margin.ci.lower, 0.0, margin.ci.lower > 0.0};
  const double k = static_cast<double>(period_scores.size());
  const double spread = std::max(margins.margins().stddev(), criteria.minimum_sigma);
  const double bound =
      margin.estimate - detail::t_critical(k - 1.0, 2.0 * criteria.share_of_periods - 1.0) * spread * std::sqrt(1.0 + 1.0 / k);
  v.predicted_above = {"margin a new period's observed score beats with probability " +
                           detail::format_number(criteria.share_of_periods),
                       bound, 0.0, bound > 0.0};
  std::vector<double> observed_margins(period_scores);
  for (double& m : observed_margins) m -= baseline;
  detail::judge_observed(v, period_scores, observed_margins, criteria.minimum_sigma, criteria);
  return v;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_VERDICT_HPP
