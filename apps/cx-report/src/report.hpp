// What cx-report says about an export, computed with the public cxmetrics API only: the
// score with its interval, the trend with tested changes, control-chart signals and the
// consistency verdict, the perception gap, the fair leaderboard and the Pareto of reasons.
// Every decision (has this period a score? is this change an improvement?) is taken here,
// once; the text, JSON and HTML writers only format it.
#ifndef CX_REPORT_REPORT_HPP
#define CX_REPORT_REPORT_HPP

#include <cxmetrics/consistency/shewhart_charts.hpp>
#include <cxmetrics/consistency/verdict.hpp>
#include <cxmetrics/core/difference_test.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/gap/paired_gap.hpp>
#include <cxmetrics/core/estimate.hpp>
#include <cxmetrics/segments/funnel.hpp>
#include <cxmetrics/segments/pareto.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "export_reader.hpp"

namespace cx_report {

namespace cx = cxmetrics;

struct report_options {
  metric_spec metric;
  period_kind period = period_kind::month;
  std::optional<double> baseline;  ///< the target or benchmark of the consistency verdict
  std::string file;                ///< for messages
  std::string weight_column;       ///< empty: unweighted
  /// Periods with fewer responses are shown but left out of the chart's limits and the
  /// verdict: one response is no month.
  std::uint64_t minimum_period_n = 10;
};

/// A score with its 95% interval. For NPS: the score on -100..100 (adjusted Wald interval).
/// For CSAT and binary: percent satisfied (Wilson). For CES and Likert: the mean rating (t).
struct score_estimate {
  double score = 0.0;
  cx::interval ci{0.0, 0.0};
  std::uint64_t n = 0;       ///< responses
  double effective_n = 0.0;  ///< Kish's effective n (equals n without weights)
  /// Of the score: for shares the 95% interval's half-width / z (exact for the
  /// adjusted-Wald NPS unless clipped at +-100; Wilson's at a share of 0 or 1 is not 0); for
  /// means s / sqrt(n), not the t interval's half-width, which small n would inflate.
  double standard_error = 0.0;
};

/// A group's responses and, when there are enough for one, its score.
struct group_score {
  std::uint64_t n = 0;
  std::optional<score_estimate> estimate;  ///< none below the metric's minimum n
};

/// Which way a change goes for the customer: better (green), worse (red), or not shown as
/// either (not significant). For CES a lower effort is better only when the scale says so;
/// cx-report's CES is "how easy" (7 = very easy), so higher is better for every metric.
enum class direction { none, better, worse };

struct period_row {
  std::string period;
  group_score score;
  std::optional<cx::difference_test> change;  ///< this period against the previous one
  double score_change = 0.0;                  ///< this period's score - the previous one's
  double adjusted_p = std::numeric_limits<double>::quiet_NaN();  ///< Holm, over all changes
  direction significant = direction::none;    ///< adjusted p < 0.05, and which way
  bool charted = false;                       ///< enough responses to be on the chart
};

struct chart_signal {
  std::string period;
  double value;
  int rule;
  std::string description;
};

/// The individuals (I-MR) chart of the period scores with the Nelson rules: what the
/// consistency verdict judges.
struct control_chart {
  cx::individuals_chart_result limits{};
  double sampling_se = 0.0;  ///< median standard error of the period scores: the floor of sigma
  /// The limits as shown: a share cannot leave 0..100% nor an NPS -100..100.
  double shown_lower = 0.0, shown_upper = 0.0;
  std::vector<chart_signal> signals;
  std::size_t periods_left_out = 0;  ///< periods below report_options::minimum_period_n
  /// In-control average run length of the 3-sigma limits alone (rule 1): 1 / (2 Phi(-3)).
  double rule1_in_control_arl = 0.0;
};

/// An EWMA chart of the same period scores, set for the same in-control ARL as the 3-sigma
/// limits (370 periods) but quicker to see a small lasting shift: its settings, its run
/// lengths and where it signalled.
struct ewma_report {
  double lambda = 0.2, width = 0.0;  ///< L of the exact time-varying limits
  double in_control_arl = 0.0;       ///< periods between false alarms on a stable series
  double arl_at_one_sigma = 0.0;     ///< periods to notice a lasting shift of 1 sigma
  std::vector<std::string> signals;  ///< periods where the EWMA was outside its limits
  std::vector<std::string> signals_below;  ///< those where it was below the lower limit (worse)
};

// Both charts are retrospective: centre and sigma come from the whole series, so a lasting
// drop also shows as the periods before it running above the centre. Each signal's side is
// kept for that reason.

/// A tabular CUSUM of the same period scores (k = 0.5, for a lasting 1-sigma shift), with h
/// set for the same in-control ARL as the 3-sigma limits: its settings, run lengths and
/// the periods where either sum was above h (the sums are not restarted after a signal).
struct cusum_report {
  double k = 0.5, h = 0.0;           ///< in sigma units
  double in_control_arl = 0.0;       ///< periods between false alarms on a stable series
  double arl_at_one_sigma = 0.0;     ///< periods to notice a lasting shift of 1 sigma
  std::vector<std::string> signals;  ///< periods where C+ or C- was above h sigma
  std::vector<std::string> signals_below;  ///< those where C- was (the downward sum: worse)
};

struct agent_row {
  std::string agent;
  group_score score;
  std::optional<std::size_t> rank;  ///< fair rank (Wilson lower bound of the success box)
  double success_share = 0.0, success_lower_bound = 0.0;
  std::size_t periods_compared = 0, periods_above_team = 0;  ///< the agent's score vs the team's
};

struct calibration_entry {
  std::string agent;
  std::uint64_t pairs;
  double self_mean;
  cx::mean_estimate customers;
  bool outside_interval;
};

struct gap_report {
  std::uint64_t pairs = 0;
  double self_mean = 0.0, customer_mean = 0.0;
  cx::interval customer_ci{0.0, 0.0};  ///< of the customers' mean over the same pairs
  std::optional<cx::paired_gap_summary> summary;  ///< none when every pair is equal
  std::optional<double> self_nps, customer_nps;  ///< NPS metric: predicted vs given, same pairs
  std::vector<calibration_entry> agents;         ///< agents with at least 2 pairs
  std::optional<double> rank_correlation;        ///< needs 2 agents with spread
};

struct reason_report {
  cx::pareto_result<std::string> pareto{};
  std::string before, after;  ///< the two periods compared, when there are two
  std::vector<cx::reason_change<std::string>> changes;
};

/// Which agents differ from the team by more than chance and ordinary variation between
/// agents explain: a funnel plot of their scores against the team's (Spiegelhalter 2005;
/// 99.8% limits, additive overdispersion, z winsorized at 10%). Units in `agents` order.
struct agent_funnel {
  cx::funnel_result result{};
  std::vector<std::string> agents;
  std::vector<std::uint64_t> n;
  double scale = 1.0;  ///< what turns the funnel's values into the score's units (100 for shares)
};

/// One number of the headline's breakdown: a share (shown in percent) or a mean rating.
struct breakdown_item {
  std::string name;
  double value;
  bool is_mean;
};

struct report {
  report_options options;
  std::string unit, method;  ///< what the score is and how its interval is made
  std::string change_test;   ///< how a change between periods is tested
  std::string success_box;   ///< what the leaderboard counts as a success
  input_account input;       ///< the layout read and every row that is not a response
  score_estimate overall;
  std::vector<breakdown_item> breakdown;  ///< e.g. promoters 0.33
  std::vector<period_row> periods;
  std::optional<control_chart> chart;
  std::optional<ewma_report> ewma;  ///< with the chart
  std::optional<cusum_report> cusum;  ///< with the chart
  std::string chart_note;  ///< why there is no chart
  std::optional<cx::consistency_verdict> verdict;
  std::string verdict_words;  ///< the verdict in plain words
  std::vector<std::pair<std::string, group_score>> channels;
  std::vector<agent_row> agents;  ///< leaderboard order: ranked first, then unranked
  std::optional<agent_funnel> funnel;  ///< needs 3 agents with a score
  std::optional<gap_report> gap;
  std::optional<reason_report> reasons;

  std::size_t used() const { return static_cast<std::size_t>(overall.n); }
  std::size_t skipped() const { return input.missing_score + input.malformed; }
  /// Malformed rows as a share of the rows that had an answer (used + malformed).
  double malformed_share() const {
    const double answered = static_cast<double>(used() + input.malformed);
    return answered > 0 ? static_cast<double>(input.malformed) / answered : 0.0;
  }
};

/// Reads every row of `in` and builds the report (report.cpp: compiled once, for every
/// scale). Throws input_error when too few rows have a usable score, or when the date
/// column reads two ways.
report build_report(export_reader& in, const report_options& options);

}  // namespace cx_report

#endif  // CX_REPORT_REPORT_HPP
