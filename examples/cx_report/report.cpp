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
    return e;
  }
  if (m.kind == metric_kind::csat) {
    const cx::share_estimate s = cx::top_box(h, box_size(m));
    e.score = 100.0 * s.estimate;
    e.ci = {100.0 * s.ci.lower, 100.0 * s.ci.upper};
    e.effective_n = s.n;
  } else {
    const cx::mean_estimate s = cx::mean_score(h);
    e.score = s.estimate;
    e.ci = s.ci;
    e.effective_n = s.n;
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

template <class Scale, class H>
void fill_report(report& out, const export_contents& in, const report_options& options) {
  const metric_spec& m = options.metric;
  H all;
  std::map<std::string, H> by_period, by_channel;
  std::map<std::string, std::map<std::string, H>> by_agent_period;  // agent -> period -> scores
  cx::grouped<std::string, cx::rating_histogram<Scale>> by_agent;    // fairness counts responses
  std::map<std::string, H> by_agent_weighted;
  std::map<std::string, std::map<std::string, std::uint64_t>> reasons_by_period;
  std::map<std::string, std::uint64_t> reasons;
  cx::paired_gap<Scale> gap;
  cx::rating_histogram<Scale> self_all, customer_all;
  std::map<std::string, std::pair<cx::moments, cx::rating_histogram<Scale>>> calibration;
  for (const response& r : in.responses) {
    add_to(all, r);
    const std::string period = r.date ? period_key(*r.date, options.period) : std::string();
    if (!period.empty()) add_to(by_period[period], r);
    if (!r.channel.empty()) add_to(by_channel[r.channel], r);
    if (!r.agent.empty()) {
      by_agent.add(r.agent, r.score);
      add_to(by_agent_weighted[r.agent], r);
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
  if (responses_in(all) == 0) return;
  out.overall = *estimate_of(all, m);  // one response suffices for NPS and CSAT; see caller
  if constexpr (std::is_same_v<Scale, cx::nps_scale>) {
    const cx::nps_result r = cx::net_promoter_score(all);
    out.breakdown = {{"promoters (9-10)", r.promoter_share}, {"passives (7-8)", r.passive_share},
                     {"detractors (0-6)", r.detractor_share}};
  } else if (m.kind == metric_kind::csat) {
    out.breakdown = {{"mean rating", cx::mean(all)}, {"dissatisfied (1-2)", cx::share(all, 1, 2)}};
  } else if (m.kind == metric_kind::ces) {
    out.breakdown = {{"easy (5-7)", cx::share(all, 5, 7)}, {"difficult (1-3)", cx::share(all, 1, 3)}};
  } else {
    const int k = box_size(m);
    out.breakdown = {{"top-" + std::to_string(k) + " box", cx::share(all, Scale::max - k + 1, Scale::max)},
                     {"bottom-" + std::to_string(k) + " box", cx::share(all, Scale::min, Scale::min + k - 1)}};
  }

  // Trend: each period against the one before, Holm-adjusted over all those tests.
  const H* previous = nullptr;
  std::vector<double> p_values;
  std::vector<std::size_t> tested;
  for (const auto& [period, h] : by_period) {
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

  // Control chart and verdict over the periods that have a score.
  std::vector<double> scores;
  std::vector<std::string> scored_periods;
  for (const auto& p : out.periods)
    if (p.estimate.n >= minimum_n(m)) scores.push_back(p.estimate.score), scored_periods.push_back(p.period);
  // Scores equal but for rounding are equal: a chart of them has no sigma to speak of.
  bool varies = false;
  for (double s : scores) varies = varies || std::fabs(s - scores.front()) > 1e-9 * std::max(1.0, std::fabs(s));
  if (scores.size() < 3 || !varies) {
    out.chart_note = in.columns.time < 0 ? "no date column (--time), so no periods to chart"
                     : scores.size() < 3 ? "a control chart needs at least 3 periods with a score; found " +
                                               std::to_string(scores.size())
                                         : "all " + std::to_string(scores.size()) +
                                               " periods have the same score: nothing varies to chart";
  } else {
    control_chart chart;
    chart.limits = cx::individuals_limits(scores);
    // Moving ranges smaller than sampling noise (near-flat series) would make noise a signal:
    // sigma is floored at the median standard error of a period's score (from its 95%
    // interval), in the spirit of Laney's correction the other way round.
    std::vector<double> errors;
    for (const auto& p : out.periods)
      if (p.estimate.n >= minimum_n(m)) errors.push_back((p.estimate.ci.upper - p.estimate.ci.lower) / (2.0 * 1.959963984540054));
    std::nth_element(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(errors.size() / 2), errors.end());
    chart.sampling_se = errors[errors.size() / 2];
    if (chart.limits.sigma < chart.sampling_se) {
      chart.sigma_floored = true;
      chart.limits.sigma = chart.sampling_se;
      chart.limits.lower = chart.limits.center - 3.0 * chart.sampling_se;
      chart.limits.upper = chart.limits.center + 3.0 * chart.sampling_se;
      chart.limits.beyond_limits.clear();
      for (std::size_t i = 0; i < scores.size(); ++i)
        if (scores[i] < chart.limits.lower || scores[i] > chart.limits.upper) chart.limits.beyond_limits.push_back(i);
    }
    std::vector<cx::rule_signal> signals = cx::nelson_rules(scores, chart.limits.center, chart.limits.sigma);
    if (options.baseline) {
      // The library's verdict, judged on this chart: the same rules, the floored sigma.
      out.verdict = cx::consistently_better_than(scores, *options.baseline);
      out.verdict->chart = chart.limits;
      out.verdict->signals = signals;
      out.verdict->in_control.value = static_cast<double>(signals.size());
      out.verdict->in_control.passed = signals.empty();
      out.verdict->consistently_better =
          out.verdict->mean_above.passed && out.verdict->share_beating.passed && out.verdict->in_control.passed;
    }
    std::stable_sort(signals.begin(), signals.end(),
                     [](const cx::rule_signal& a, const cx::rule_signal& b) { return a.index < b.index; });
    for (const auto& s : signals)
      chart.signals.push_back({scored_periods[s.index], scores[s.index], s.rule, rule_description(s.rule)});
    out.chart = chart;
  }

  for (const auto& [channel, h] : by_channel)
    if (const auto e = estimate_of(h, m)) out.channels.emplace_back(channel, *e);

  // Leaderboard: ranked by the Wilson lower bound of the success box, on responses.
  if (!by_agent.empty()) {
    cx::leaderboard_options lo;
    if (m.kind == metric_kind::ces) lo.success_lo = 5;  // "easy": 5-7
    else lo.success_lo = Scale::max - box_size(m) + 1;
    const int box_lo = lo.success_lo.value_or(Scale::max - 1);
    out.success_box = box_lo == Scale::max ? std::to_string(Scale::max) : std::to_string(box_lo) + "-" + std::to_string(Scale::max);
    const cx::leaderboard<std::string> board = cx::rank_agents(by_agent, lo);
    auto add_row = [&](const std::string& agent) -> agent_row& {
      agent_row row;
      row.agent = agent;
      if (const auto e = estimate_of(by_agent_weighted[agent], m)) row.estimate = *e;
      else row.estimate.n = responses_in(by_agent_weighted[agent]);
      for (const auto& [period, h] : by_agent_period[agent]) {
        const auto mine = estimate_of(h, m);
        const auto team = estimate_of(by_period[period], m);
        if (!mine || !team) continue;
        ++row.periods_compared;
        if (mine->score > team->score) ++row.periods_above_team;
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

  if (in.columns.self >= 0 && gap.count() >= 2) {
    gap_report g;
    g.pairs = gap.count();
    g.self_mean = cx::mean(self_all);
    g.customer_mean = cx::mean(customer_all);
    g.customer_ci = cx::mean_interval(customer_all);
    try {
      g.summary = cx::summarize(gap);
    } catch (const cx::insufficient_data&) {
      // every difference equal (e.g. all pairs agree): nothing to test; the means say so
    }
    if constexpr (std::is_same_v<Scale, cx::nps_scale>) {
      g.self_nps = cx::net_promoter_score(self_all).score;
      g.customer_nps = cx::net_promoter_score(customer_all).score;
    }
    std::vector<cx::employee_ratings<Scale>> employees;
    for (const auto& [agent, pair] : calibration) {
      if (pair.second.total() < 2) continue;  // a customer mean's interval needs two ratings
      employees.push_back({agent, pair.first.mean(), pair.second});
      const cx::mean_estimate customers = cx::mean_score(pair.second);
      g.agents.push_back({agent, pair.second.total(), pair.first.mean(), customers,
                          !customers.ci.contains(pair.first.mean())});
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

  if (!reasons.empty()) {
    reason_report rr;
    rr.pareto = cx::pareto(reasons);
    // What changed when the chart signalled: reasons in the signalled periods against the
    // rest; without a signal, the last period against the one before.
    std::set<std::string> signalled;
    if (out.chart)
      for (const auto& s : out.chart->signals) signalled.insert(s.period);
    std::map<std::string, std::uint64_t> before, after;
    if (!signalled.empty()) {
      for (const auto& [period, counts] : reasons_by_period)
        for (const auto& [reason, count] : counts) (signalled.count(period) ? after : before)[reason] += count;
      for (const auto& period : signalled) rr.after += (rr.after.empty() ? "" : ", ") + period;
      rr.before = "the other " + std::string(period_name(options.period)) + "s";
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
