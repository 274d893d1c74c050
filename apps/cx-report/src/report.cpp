// cx-report's analysis, compiled once: each metric's scale is a template argument, and the
// CLI, the tests and the fuzzer share these instantiations instead of compiling them thrice.
#include "report.hpp"

#include <cxmetrics/cxmetrics.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace cx_report {

namespace detail {

template <class Scale>
void add_to(cx::rating_histogram<Scale>& h, const response& r) { h.add(r.score); }
template <class Scale>
void add_to(cx::weighted_histogram<Scale>& h, const response& r) { h.add(r.score, r.weight); }

template <class Scale>
std::uint64_t responses_in(const cx::rating_histogram<Scale>& h) { return h.total(); }
template <class Scale>
std::uint64_t responses_in(const cx::weighted_histogram<Scale>& h) { return h.count(); }


constexpr double z95 = 1.959963984540054;  // the normal quantile of 0.975

template <class H>
std::optional<score_estimate> estimate_of(const H& h, const metric_spec& m) {
  const std::uint64_t n = responses_in(h);
  if (n < minimum_n(m)) return std::nullopt;
  score_estimate e;
  e.n = n;
  if constexpr (std::is_same_v<typename H::scale_type, cx::nps_scale>) {
    const cx::nps_result r = cx::net_promoter_score(h);
    e.score = r.score;
    e.ci = cx::nps_interval(h);
    e.effective_n = r.n;
    e.standard_error = (e.ci.upper - e.ci.lower) / (2.0 * z95);
    return e;
  }
  if (m.kind == metric_kind::csat) {
    const cx::share_estimate s = cx::top_box(h, box_size(m));
    e.score = 100.0 * s.estimate;
    e.ci = {100.0 * s.ci.lower, 100.0 * s.ci.upper};
    e.effective_n = s.n;
    e.standard_error = (e.ci.upper - e.ci.lower) / (2.0 * z95);
  } else {
    const cx::mean_estimate s = cx::mean_score(h);
    e.score = s.estimate;
    e.ci = s.ci;
    e.effective_n = s.n;
    e.standard_error = cx::stddev(h) / std::sqrt(s.n);
  }
  return e;
}

// later - earlier, in the score's units; nullopt where the test is undefined (too few
// responses, or no variation at all).
template <class H>
std::optional<cx::difference_test> change_between(const H& earlier, const H& later, const metric_spec& m) {
  if (responses_in(earlier) < 2 || responses_in(later) < 2) return std::nullopt;
  try {
    if constexpr (std::is_same_v<typename H::scale_type, cx::nps_scale>) {
      // The same adjusted counts as the intervals: a small unanimous period has a Wald
      // standard error of 0 and would make any change look certain.
      return cx::compare_nps(later, earlier, 0.95, cx::nps_interval_method::adjusted_wald);
    } else {
      if (m.kind == metric_kind::csat) {
        const cx::share_estimate a = cx::top_box(later, box_size(m)), b = cx::top_box(earlier, box_size(m));
        cx::difference_test t = cx::compare_proportions(a.estimate * a.n, a.n, b.estimate * b.n, b.n);
        t.difference *= 100.0;
        t.standard_error *= 100.0;
        t.ci = {100.0 * t.ci.lower, 100.0 * t.ci.upper};
        return t;
      }
      return cx::welch_t_test(later, earlier);  // weighted: Kish's n and reliability variance
    }
  } catch (const cx::insufficient_data&) {
    return std::nullopt;  // e.g. both periods unanimous: no variance, no test
  }
}

inline std::string rule_description(int id) {
  for (const auto& rule : cx::nelson_rule_set())
    if (rule.id == id) return rule.description;
  return "rule " + std::to_string(id);
}

// Every grouping the report reads, filled in one pass over the responses.
template <class Scale, class H>
struct tallies {
  H all;
  std::map<std::string, H> by_period, by_channel, by_agent;
  std::map<std::string, std::map<std::string, H>> by_agent_period;          // agent -> period -> scores
  cx::grouped<std::string, cx::rating_histogram<Scale>> agent_responses;  // fair ranks count responses
  std::map<std::string, std::uint64_t> reasons;
  std::map<std::string, std::map<std::string, std::uint64_t>> reasons_by_period;
  cx::paired_gap<Scale> gap;
  cx::rating_histogram<Scale> self_all, customer_all;  // the pairs' two sides
  std::map<std::string, std::pair<cx::moments, cx::rating_histogram<Scale>>> calibration;  // per agent

  tallies(const std::vector<response>& responses, period_kind kind) {
    for (const response& r : responses) {
      add_to(all, r);
      const std::string period = r.date ? period_key(*r.date, kind) : std::string();
      if (!period.empty()) add_to(by_period[period], r);
      if (!r.channel.empty()) add_to(by_channel[r.channel], r);
      if (!r.agent.empty()) {
        agent_responses.add(r.agent, r.score);
        add_to(by_agent[r.agent], r);
        if (!period.empty()) add_to(by_agent_period[r.agent][period], r);
      }
      if (!r.reason.empty()) {
        ++reasons[r.reason];
        if (!period.empty()) ++reasons_by_period[period][r.reason];
      }
      if (r.self) {
        gap.add(*r.self, r.score);
        self_all.add(*r.self);
        customer_all.add(r.score);
        if (!r.agent.empty()) {
          calibration[r.agent].first.add(*r.self);
          calibration[r.agent].second.add(r.score);
        }
      }
    }
  }
};

template <class Scale, class H>
void add_overall(report& out, const tallies<Scale, H>& t, const metric_spec& m) {
  out.overall = *estimate_of(t.all, m);  // the caller has checked there are enough responses
  if constexpr (std::is_same_v<Scale, cx::nps_scale>) {
    const cx::nps_result r = cx::net_promoter_score(t.all);
    out.breakdown = {{"promoters (9-10)", r.promoter_share}, {"passives (7-8)", r.passive_share},
                     {"detractors (0-6)", r.detractor_share}};
  } else if (m.kind == metric_kind::csat) {
    out.breakdown = {{"mean rating", cx::mean(t.all)}, {"dissatisfied (1-2)", cx::share(t.all, 1, 2)}};
  } else if (m.kind == metric_kind::ces) {
    out.breakdown = {{"easy (5-7)", cx::share(t.all, 5, 7)}, {"difficult (1-3)", cx::share(t.all, 1, 3)}};
  } else {
    const int k = box_size(m);
    out.breakdown = {{"top-" + std::to_string(k) + " box", cx::share(t.all, Scale::max - k + 1, Scale::max)},
                     {"bottom-" + std::to_string(k) + " box", cx::share(t.all, Scale::min, Scale::min + k - 1)}};
  }
  for (const auto& [channel, h] : t.by_channel)
    if (const auto e = estimate_of(h, m)) out.channels.emplace_back(channel, *e);
}

// Trend: each period against the one before, Holm-adjusted over all those tests.
template <class Scale, class H>
void add_trend(report& out, const tallies<Scale, H>& t, const metric_spec& m) {
  const H* previous = nullptr;
  std::vector<double> p_values;
  std::vector<std::size_t> tested;
  for (const auto& [period, h] : t.by_period) {
    period_row row;
    row.period = period;
    if (const auto e = estimate_of(h, m)) row.estimate = *e;
    else row.estimate.n = responses_in(h);
    if (previous) {
      row.change = change_between(*previous, h, m);
      const auto before = estimate_of(*previous, m);
      if (row.change && before) row.score_change = row.estimate.score - before->score;
    }
    if (row.change) {
      p_values.push_back(row.change->p_value);
      tested.push_back(out.periods.size());
    }
    out.periods.push_back(row);
    previous = &h;
  }
  const std::vector<double> adjusted = cx::holm_adjust(p_values);
  for (std::size_t i = 0; i < tested.size(); ++i) {
    out.periods[tested[i]].adjusted_p = adjusted[i];
    out.periods[tested[i]].significant = adjusted[i] < 0.05;
  }
}

// The individuals chart of the period scores, its signals and, with a baseline, the verdict.
void add_control_chart(report& out, const export_contents& in, const report_options& options) {
  const metric_spec& m = options.metric;
  std::vector<double> scores, errors;
  std::vector<std::string> scored_periods;
  for (const auto& p : out.periods) {
    if (p.estimate.n < minimum_n(m)) continue;
    scores.push_back(p.estimate.score);
    scored_periods.push_back(p.period);
    errors.push_back(p.estimate.standard_error);
  }
  if (scores.size() < 3) {
    out.chart_note = in.columns.time < 0 ? "no date column (--time), so no periods to chart"
                                         : "a control chart needs at least 3 periods with a score; found " +
                                               std::to_string(scores.size());
    return;
  }
  // Moving ranges smaller than sampling noise (a near-flat series) would make noise a
  // signal: sigma is floored at the median standard error of the period scores, for the
  // chart and the verdict alike.
  std::sort(errors.begin(), errors.end());
  const std::size_t mid = errors.size() / 2;
  const double sampling_se = errors.size() % 2 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2.0;
  // Scores equal but for rounding are one score: charted as such, no rounding error can
  // put them on one side of the centre line.
  bool varies = false;
  for (double s : scores) varies = varies || std::fabs(s - scores.front()) > 1e-9 * std::max(1.0, std::fabs(s));
  if (!varies) {
    if (!(sampling_se > 0.0)) {
      out.chart_note = "all " + std::to_string(scores.size()) + " periods have the same score and no sampling error: "
                       "nothing varies to chart";
      return;
    }
    scores.assign(scores.size(), scores.front());
  }
  control_chart chart;
  chart.sampling_se = sampling_se;
  chart.limits = cx::individuals_limits(scores, sampling_se);
  if (options.baseline) {
    cx::verdict_criteria criteria;
    criteria.minimum_sigma = sampling_se;
    out.verdict = cx::consistently_better_than(scores, *options.baseline, criteria);
  }
  // The verdict's own signals when there is one, so that the chart shown is the one judged.
  std::vector<cx::rule_signal> signals = out.verdict ? out.verdict->signals : cx::chart_signals(scores, chart.limits);
  std::stable_sort(signals.begin(), signals.end(),
                   [](const cx::rule_signal& a, const cx::rule_signal& b) { return a.index < b.index; });
  for (const auto& s : signals)
    chart.signals.push_back({scored_periods[s.index], scores[s.index], s.rule, rule_description(s.rule)});
  out.chart = chart;
}

// Leaderboard: ranked by the Wilson lower bound of the success box, on responses.
template <class Scale, class H>
void add_leaderboard(report& out, const tallies<Scale, H>& t, const metric_spec& m) {
  if (t.agent_responses.empty()) return;
  cx::leaderboard_options lo;
  lo.success_lo = m.kind == metric_kind::ces ? 5 : Scale::max - box_size(m) + 1;  // CES: "easy", 5-7
  const int box_lo = *lo.success_lo;
  out.success_box = box_lo == Scale::max ? std::to_string(Scale::max) : std::to_string(box_lo) + "-" + std::to_string(Scale::max);
  const cx::leaderboard<std::string> board = cx::rank_agents(t.agent_responses, lo);
  auto add_row = [&](const std::string& agent) -> agent_row& {
    agent_row row;
    row.agent = agent;
    const H& mine = t.by_agent.at(agent);
    if (const auto e = estimate_of(mine, m)) row.estimate = *e;
    else row.estimate.n = responses_in(mine);
    if (const auto periods = t.by_agent_period.find(agent); periods != t.by_agent_period.end())
      for (const auto& [period, h] : periods->second) {
        const auto score = estimate_of(h, m);
        const auto team = estimate_of(t.by_period.at(period), m);
        if (!score || !team) continue;
        ++row.periods_compared;
        if (score->score > team->score) ++row.periods_above_team;
      }
    out.agents.push_back(row);
    return out.agents.back();
  };
  for (const auto& r : board.rows) {
    agent_row& row = add_row(r.key);
    row.rank = r.rank;
    row.success_share = r.raw;
    row.success_lower_bound = r.adjusted;
  }
  for (const auto& agent : board.unranked) add_row(agent);
}

// Self-assessment against the customer's answer of the same interaction.
template <class Scale, class H>
void add_gap(report& out, const tallies<Scale, H>& t, const export_contents& in) {
  if (in.columns.self < 0 || t.gap.count() < 2) return;
  gap_report g;
  g.pairs = t.gap.count();
  g.self_mean = cx::mean(t.self_all);
  g.customer_mean = cx::mean(t.customer_all);
  g.customer_ci = cx::mean_interval(t.customer_all);
  try {
    g.summary = cx::summarize(t.gap);
  } catch (const cx::insufficient_data&) {
    // every difference equal (e.g. all pairs agree): nothing to test; the means say so
  }
  if constexpr (std::is_same_v<Scale, cx::nps_scale>) {
    g.self_nps = cx::net_promoter_score(t.self_all).score;
    g.customer_nps = cx::net_promoter_score(t.customer_all).score;
  }
  std::vector<cx::employee_ratings<Scale>> employees;
  for (const auto& [agent, pair] : t.calibration) {
    if (pair.second.total() < 2) continue;  // a customer mean's interval needs two ratings
    employees.push_back({agent, pair.first.mean(), pair.second});
    const cx::mean_estimate customers = cx::mean_score(pair.second);
    g.agents.push_back({agent, pair.second.total(), pair.first.mean(), customers, !customers.ci.contains(pair.first.mean())});
  }
  if (employees.size() >= 2) {
    try {
      g.rank_correlation = cx::calibrate(employees).rank_correlation;
    } catch (const cx::insufficient_data&) {
      // no spread in one of the rankings: the correlation is undefined
    }
  }
  out.gap = g;
}

// The Pareto of reasons, and what changed when the chart signalled: reasons in the
// signalled periods against the rest; without a signal, the last period against the one before.
void add_reasons(report& out, const std::map<std::string, std::uint64_t>& reasons,
                 const std::map<std::string, std::map<std::string, std::uint64_t>>& reasons_by_period, period_kind kind) {
  if (reasons.empty()) return;
  reason_report rr;
  rr.pareto = cx::pareto(reasons);
  std::set<std::string> signalled;
  if (out.chart)
    for (const auto& s : out.chart->signals) signalled.insert(s.period);
  std::map<std::string, std::uint64_t> before, after;
  if (!signalled.empty()) {
    for (const auto& [period, counts] : reasons_by_period)
      for (const auto& [reason, count] : counts) (signalled.count(period) ? after : before)[reason] += count;
    for (const auto& period : signalled) rr.after += (rr.after.empty() ? "" : ", ") + period;
    rr.before = "the other " + std::string(period_name(kind)) + "s";
    rr.after = "signalled " + rr.after;
  } else if (reasons_by_period.size() >= 2) {
    auto last = reasons_by_period.rbegin();
    auto earlier = std::next(last);
    rr.before = earlier->first;
    rr.after = last->first;
    before = earlier->second;
    after = last->second;
  }
  if (!before.empty() && !after.empty()) rr.changes = cx::compare_periods(before, after);
  out.reasons = rr;
}

template <class Scale, class H>
void fill_report(report& out, const export_contents& in, const report_options& options) {
  const tallies<Scale, H> t(in.responses, options.period);
  if (responses_in(t.all) == 0) return;
  add_overall(out, t, options.metric);
  add_trend(out, t, options.metric);
  add_control_chart(out, in, options);  // reads the trend
  add_leaderboard(out, t, options.metric);
  add_gap(out, t, in);
  add_reasons(out, t.reasons, t.reasons_by_period, options.period);  // reads the chart's signals
}

template <class Scale>
void fill_for_scale(report& out, const export_contents& in, const report_options& options) {
  if (options.weight_column.empty()) fill_report<Scale, cx::rating_histogram<Scale>>(out, in, options);
  else fill_report<Scale, cx::weighted_histogram<Scale>>(out, in, options);
}


}  // namespace detail

report build_report(const export_contents& in, const report_options& options) {
  report out;
  out.options = options;
  out.rows = in.rows;
  out.missing_score = in.missing_score;
  out.missing_date = in.missing_date;
  out.missing_self = in.missing_self;
  out.multi_line_records = in.multi_line_records;
  out.malformed = in.malformed;
  const metric_spec& m = options.metric;
  if (in.responses.size() < detail::minimum_n(m))
    throw input_error((in.responses.empty() ? std::string("no usable responses")
                                            : "a mean score needs at least 2 responses") +
                      ": " + std::to_string(in.responses.size()) + " of " + std::to_string(in.rows) +
                      " rows have a score (" + std::to_string(in.missing_score) + " empty, " +
                      std::to_string(in.malformed.size()) + " malformed)");
  switch (m.kind) {
    case metric_kind::nps:
      out.unit = "NPS (% promoters - % detractors)";
      out.method = "adjusted Wald";
      out.change_test = "z test of the adjusted-Wald scores";
      detail::fill_for_scale<cx::nps_scale>(out, in, options);
      break;
    case metric_kind::csat:
      out.unit = "% satisfied (4-5)";  // the top-2 box of 1..5
      out.method = "Wilson";
      out.change_test = "pooled two-proportion z test";
      detail::fill_for_scale<cx::csat_scale>(out, in, options);
      break;
    case metric_kind::ces:
      out.unit = "mean effort score (1-7)";
      out.method = "Student t";
      out.change_test = "Welch t test";
      detail::fill_for_scale<cx::ces_scale>(out, in, options);
      break;
    case metric_kind::likert:
      out.unit = "mean rating (1-" + std::to_string(m.hi) + ")";
      out.method = "Student t";
      out.change_test = "Welch t test";
      switch (m.hi) {
        case 2: detail::fill_for_scale<cx::likert_scale<2>>(out, in, options); break;
        case 3: detail::fill_for_scale<cx::likert_scale<3>>(out, in, options); break;
        case 4: detail::fill_for_scale<cx::likert_scale<4>>(out, in, options); break;
        case 5: detail::fill_for_scale<cx::likert_scale<5>>(out, in, options); break;
        case 6: detail::fill_for_scale<cx::likert_scale<6>>(out, in, options); break;
        case 7: detail::fill_for_scale<cx::likert_scale<7>>(out, in, options); break;
        case 8: detail::fill_for_scale<cx::likert_scale<8>>(out, in, options); break;
        case 9: detail::fill_for_scale<cx::likert_scale<9>>(out, in, options); break;
        case 10: detail::fill_for_scale<cx::likert_scale<10>>(out, in, options); break;
        default: detail::fill_for_scale<cx::likert_scale<11>>(out, in, options); break;
      }
      break;
  }
  return out;
}

}  // namespace cx_report
