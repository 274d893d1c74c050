// "Are we consistently better than average?" answered with each criterion visible.
#ifndef CXMETRICS_CONSISTENCY_VERDICT_HPP
#define CXMETRICS_CONSISTENCY_VERDICT_HPP

#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/consistency/beat_tracker.hpp>
#include <cxmetrics/consistency/control_rules.hpp>
#include <cxmetrics/consistency/shewhart_charts.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Thresholds of the verdict; every one is configurable.
struct verdict_criteria {
  double level = 0.95;             ///< confidence level of the mean's interval
  double min_share_beating = 0.8;  ///< share of periods that must beat the baseline
  std::vector<control_rule> rules = nelson_rule_set();  ///< in-control means none fires
  /// Floor of the chart's sigma (see individuals_limits), e.g. the periods' typical standard
  /// error, so that a near-flat series is not judged out of control by noise; 0: none.
  double minimum_sigma = 0.0;
};

/// One criterion: what was measured, the bar, and whether it was cleared.
struct verdict_criterion {
  std::string name;
  double value;
  double threshold;
  bool passed;
};

struct consistency_verdict {
  bool consistently_better;           ///< all three criteria passed
  verdict_criterion mean_above;       ///< lower bound of the period mean's t interval > baseline
  verdict_criterion share_beating;    ///< share of periods above the baseline >= threshold
  verdict_criterion in_control;       ///< number of rule signals on the period series == 0
  std::vector<rule_signal> signals;   ///< on the individuals chart of the period scores
  individuals_chart chart;

  friend std::ostream& operator<<(std::ostream& os, const consistency_verdict& v) {
    os << (v.consistently_better ? "consistently better than the baseline" : "not consistently better than the baseline");
    for (const auto* c : {&v.mean_above, &v.share_beating, &v.in_control})
      os << "\n  [" << (c->passed ? "pass" : "FAIL") << "] " << c->name << ": " << c->value << " (threshold "
         << c->threshold << ")";
    return os;
  }
};

/// The verdict over a series of period scores (e.g. weekly NPS) against `baseline`: the
/// mean period score is above the baseline with confidence, enough periods beat it, and the
/// individuals chart of the series (I-MR limits, sigma floored at `criteria.minimum_sigma`)
/// shows no rule signal (`chart_signals`). Needs at least two periods that vary, or a floor.
inline consistency_verdict consistently_better_than(const std::vector<double>& period_scores, double baseline,
                                                    const verdict_criteria& criteria = {}) {
  const period_beat_report beats = period_beats(period_scores, baseline, criteria.level);
  beat_tracker margins(baseline);
  for (double s : period_scores) margins.add(s);
  const mean_estimate margin = mean_margin(margins, criteria.level);
  consistency_verdict v{};
  v.mean_above = {"lower bound of the mean's interval minus baseline", margin.ci.lower, 0.0, margin.ci.lower > 0.0};
  v.share_beating = {"share of periods beating the baseline", beats.share_beating.estimate, criteria.min_share_beating,
                     beats.share_beating.estimate >= criteria.min_share_beating};
  v.chart = individuals_limits(period_scores, criteria.minimum_sigma);
  v.signals = chart_signals(period_scores, v.chart, criteria.rules);
  v.in_control = {"control-rule signals", static_cast<double>(v.signals.size()), 0.0, v.signals.empty()};
  v.consistently_better = v.mean_above.passed && v.share_beating.passed && v.in_control.passed;
  return v;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_VERDICT_HPP
