// cx-report's analysis, compiled once: each metric's scale is a template argument, and the
// CLI, the tests and the fuzzer share these instantiations instead of compiling them thrice.
//
// One pass over the rows fills mergeable cxmetrics states keyed by small integers (agent,
// channel and reason ids, the day of the response), so memory grows with the groups and
// the days, never with the rows. Days become periods only at the end, once the date
// column's order of day and month is known; then one function per section of the report.
#include "report.hpp"

#include <cxmetrics/cxmetrics.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace cx_report {

namespace detail {

template <class Scale>
void add_to(cx::rating_histogram<Scale>& h, int score, double) { h.add(score); }
template <class Scale>
void add_to(cx::weighted_histogram<Scale>& h, int score, double weight) { h.add(score, weight); }

template <class Scale>
std::uint64_t responses_in(const cx::rating_histogram<Scale>& h) { return h.total(); }
template <class Scale>
std::uint64_t responses_in(const cx::weighted_histogram<Scale>& h) { return h.count(); }

constexpr double z95 = 1.959963984540054;  // the normal quantile of 0.975

template <class H>
group_score score_of(const H& h, const metric_spec& m) {
  group_score g;
  g.n = responses_in(h);
  if (g.n < m.minimum_n()) return g;
  score_estimate e;
  e.n = g.n;
  if constexpr (std::is_same_v<typename H::scale_type, cx::nps_scale>) {
    const cx::nps_result r = cx::net_promoter_score(h);
    e.score = r.score;
    e.ci = cx::nps_interval(h);
    e.effective_n = r.n;
    e.standard_error = (e.ci.upper - e.ci.lower) / (2.0 * z95);
  } else if (m.is_share()) {
    const cx::share_estimate s = cx::top_box(h, m.box_size());
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
  g.estimate = e;
  return g;
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
      if (m.is_share()) {
        const cx::share_estimate a = cx::top_box(later, m.box_size()), b = cx::top_box(earlier, m.box_size());
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

// Names to small ids: an open-addressing table of (hash, id) over the names, FNV-1a on the
// bytes (names are short), so that a lookup allocates nothing and touches one slot; the last
// name of the column is remembered, as exports often repeat it row after row.
class interner {
 public:
  std::uint32_t id(std::string_view name) {
    if (last_ != none && names_[last_] == name) return last_;
    if (2 * (names_.size() + 1) > slots_.size()) grow();
    const std::uint64_t h = hash(name);
    for (std::size_t slot = h & (slots_.size() - 1);; slot = (slot + 1) & (slots_.size() - 1)) {
      if (slots_[slot].id == none) {
        slots_[slot] = {h, static_cast<std::uint32_t>(names_.size())};
        names_.emplace_back(name);
        shown_.push_back(printable(name, 1000));  // as shown: bidi controls escaped
        return last_ = slots_[slot].id;
      }
      if (slots_[slot].hash == h && names_[slots_[slot].id] == name) return last_ = slots_[slot].id;
    }
  }
  const std::string& name(std::uint32_t id) const { return shown_[id]; }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  struct slot_entry {
    std::uint64_t hash = 0;
    std::uint32_t id = none;
  };
  static std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
    return h ^ (h >> 29);
  }
  void grow() {
    std::vector<slot_entry> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), slot_entry{});
    for (const slot_entry& e : old) {
      if (e.id == none) continue;
      std::size_t slot = e.hash & (slots_.size() - 1);
      while (slots_[slot].id != none) slot = (slot + 1) & (slots_.size() - 1);
      slots_[slot] = e;
    }
  }
  std::vector<slot_entry> slots_;
  std::vector<std::string> names_, shown_;
  std::uint32_t last_ = none;
};

constexpr date_key no_date = 0xFFFFFFFFu;
constexpr std::uint32_t no_name = 0xFFFFFFFFu;
inline std::uint64_t pair_key(std::uint32_t id, date_key day) { return (std::uint64_t{id} << 32) | day; }

// The self-assessments and customer ratings of one agent's rated interactions.
template <class Scale>
struct calibration_state {
  cx::moments self;
  cx::rating_histogram<Scale> customers;
  calibration_state& operator+=(const calibration_state& o) {
    self += o.self;
    customers += o.customers;
    return *this;
  }
  bool operator==(const calibration_state& o) const { return self == o.self && customers == o.customers; }
};

// The state of (name, day) last used for each name: exports come in time order, so a name's
// next row is most often on the same day, and the hash lookup (a cache miss into a table of
// names x days) is skipped. A pointer into the grouped's storage stays valid while its size
// does not change (entries are only appended).
template <class State>
class day_cache {
 public:
  State& state(cx::grouped<std::uint64_t, State>& states, std::uint32_t id, date_key day) {
    const std::size_t slot = id == no_name ? 0 : std::size_t{id} + 1;
    if (slot >= entries_.size()) entries_.resize(slot + 64);
    entry& e = entries_[slot];
    if (e.state && e.day == day && e.generation == states.size()) return *e.state;
    State& s = states[pair_key(id, day)];
    e = {&s, day, states.size()};
    return s;
  }

 private:
  struct entry {
    State* state = nullptr;
    date_key day = 0;
    std::size_t generation = 0;
  };
  std::vector<entry> entries_;
};

// Every state the report reads, filled in one pass: all keyed by (name id, day).
template <class Scale, class H>
struct tallies {
  cx::grouped<std::uint64_t, H> by_agent_day;  // agent id (no_name: none) and day (no_date: none)
  cx::grouped<std::uint32_t, H> by_channel;
  cx::grouped<std::uint32_t, cx::rating_histogram<Scale>> agent_responses;  // weighted runs: fair ranks count responses
  cx::grouped<std::uint64_t, std::uint64_t> reasons_by_day;
  cx::paired_gap<Scale> gap;
  cx::rating_histogram<Scale> self_all, customer_all;  // the pairs' two sides
  cx::grouped<std::uint32_t, calibration_state<Scale>> calibration;
  interner agents, channels, reasons;
  day_cache<H> agent_days;
  day_cache<std::uint64_t> reason_days;

  void add(const response& r) {
    const date_key day = r.date ? *r.date : no_date;
    const std::uint32_t agent = r.agent.empty() ? no_name : agents.id(r.agent);
    add_to(agent_days.state(by_agent_day, agent, day), r.score, r.weight);
    if (!r.channel.empty()) add_to(by_channel[channels.id(r.channel)], r.score, r.weight);
    if constexpr (!std::is_same_v<H, cx::rating_histogram<Scale>>)
      if (agent != no_name) agent_responses[agent].add(r.score);
    if (!r.reason.empty()) ++reason_days.state(reasons_by_day, reasons.id(r.reason), day);
    if (r.self) {
      gap.add(*r.self, r.score);
      self_all.add(*r.self);
      customer_all.add(r.score);
      if (agent != no_name) {
        auto& c = calibration[agent];
        c.self.add(*r.self);
        c.customers.add(r.score);
      }
    }
  }
};

// The tallies by period, once the dates can be read: small maps, sorted for the report.
template <class Scale, class H>
struct by_period {
  H all;
  std::map<std::string, H> periods;
  std::map<std::string, H> agents;
  std::map<std::string, std::map<std::string, H>> agent_periods;
  std::map<std::string, cx::rating_histogram<Scale>> agent_responses;
  std::map<std::string, std::uint64_t> reasons;
  std::map<std::string, std::map<std::string, std::uint64_t>> reasons_by_period;

  by_period(const tallies<Scale, H>& t, const date_reading& dates, period_kind kind) {
    std::unordered_map<date_key, std::string> names;  // day -> period
    auto period = [&](date_key day) -> const std::string& {
      static const std::string none;
      if (day == no_date) return none;
      auto it = names.find(day);
      if (it == names.end()) it = names.emplace(day, period_key(dates.resolve(day), kind)).first;
      return it->second;
    };
    for (const auto& [key, h] : t.by_agent_day) {
      const auto agent = static_cast<std::uint32_t>(key >> 32);
      const std::string& p = period(static_cast<date_key>(key & 0xFFFFFFFFu));
      all += h;
      if (!p.empty()) periods[p] += h;
      if (agent == no_name) continue;
      const std::string& name = t.agents.name(agent);
      agents[name] += h;
      if (!p.empty()) agent_periods[name][p] += h;
      if constexpr (std::is_same_v<H, cx::rating_histogram<Scale>>) agent_responses[name] += h;
    }
    for (const auto& [agent, h] : t.agent_responses) agent_responses[t.agents.name(agent)] += h;
    for (const auto& [key, count] : t.reasons_by_day) {
      const std::string& name = t.reasons.name(static_cast<std::uint32_t>(key >> 32));
      const std::string& p = period(static_cast<date_key>(key & 0xFFFFFFFFu));
      reasons[name] += count;
      if (!p.empty()) reasons_by_period[p][name] += count;
    }
  }
};

template <class Scale, class H>
void add_overall(report& out, const tallies<Scale, H>& t, const by_period<Scale, H>& b, const metric_spec& m) {
  out.overall = *score_of(b.all, m).estimate;  // the caller has checked there are enough responses
  if constexpr (std::is_same_v<Scale, cx::nps_scale>) {
    const cx::nps_result r = cx::net_promoter_score(b.all);
    out.breakdown = {{"promoters (9-10)", r.promoter_share, false}, {"passives (7-8)", r.passive_share, false},
                     {"detractors (0-6)", r.detractor_share, false}};
  } else if (m.kind == metric_kind::csat) {
    out.breakdown = {{"mean rating", cx::mean(b.all), true}, {"dissatisfied (1-2)", cx::share(b.all, 1, 2), false}};
  } else if (m.kind == metric_kind::binary) {
    out.breakdown = {{"good", cx::share(b.all, 1, 1), false}, {"bad", cx::share(b.all, 0, 0), false}};
  } else if (m.kind == metric_kind::ces) {
    out.breakdown = {{"easy (5-7)", cx::share(b.all, 5, 7), false}, {"difficult (1-3)", cx::share(b.all, 1, 3), false}};
  } else {
    const int k = m.box_size();
    out.breakdown = {{"top-" + std::to_string(k) + " box", cx::share(b.all, Scale::max - k + 1, Scale::max), false},
                     {"bottom-" + std::to_string(k) + " box", cx::share(b.all, Scale::min, Scale::min + k - 1), false}};
  }
  std::map<std::string, H> channels;
  for (const auto& [id, h] : t.by_channel) channels[t.channels.name(id)] += h;
  for (const auto& [channel, h] : channels) {
    group_score g = score_of(h, m);
    if (g.estimate) out.channels.emplace_back(channel, g);
  }
}

// Trend: each period against the one before, Holm-adjusted over all those tests.
template <class Scale, class H>
void add_trend(report& out, const by_period<Scale, H>& b, const report_options& options) {
  const metric_spec& m = options.metric;
  const H* previous = nullptr;
  std::vector<double> p_values;
  std::vector<std::size_t> tested;
  for (const auto& [period, h] : b.periods) {
    period_row row;
    row.period = period;
    row.score = score_of(h, m);
    row.charted = row.score.estimate && row.score.n >= options.minimum_period_n;
    if (previous) {
      row.change = change_between(*previous, h, m);
      const group_score before = score_of(*previous, m);
      if (row.change && before.estimate && row.score.estimate) row.score_change = row.score.estimate->score - before.estimate->score;
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
    period_row& row = out.periods[tested[i]];
    row.adjusted_p = adjusted[i];
    if (adjusted[i] < 0.05) row.significant = row.score_change > 0 ? direction::better : direction::worse;
  }
}

// The verdict in words a manager reads; the criteria stay beside it.
inline std::string verdict_in_words(const cx::consistency_verdict& v, const std::string& baseline, period_kind kind) {
  const std::string period = kind == period_kind::day ? "day" : kind == period_kind::week ? "week" : "month";
  if (v.consistently_better)
    return "Yes: the score is above " + baseline + " on average, beyond doubt, and a typical " + period +
           " is expected to beat it 9 times in 10.";
  std::string why;
  auto add = [&](const std::string& reason) { why += (why.empty() ? "" : "; ") + reason; };
  if (!v.mean_above.passed) add("on average it is not clearly above " + baseline);
  if (!v.predicted_above.passed) add("a new " + period + " is not expected to beat " + baseline + " 9 times in 10");
  if (v.share_beating.required && !v.share_beating.passed) add("too few " + period + "s beat " + baseline);
  if (v.in_control.required && !v.in_control.passed) add("the score moved more than chance explains");
  return "No: " + why + ".";
}

// The individuals chart of the period scores, its signals and, with a baseline, the verdict.
inline void add_control_chart(report& out, bool has_time, const report_options& options) {
  const metric_spec& m = options.metric;
  std::vector<double> scores, errors;
  std::vector<std::string> scored_periods;
  std::size_t left_out = 0;
  for (const auto& p : out.periods) {
    if (!p.score.estimate) continue;
    if (!p.charted) {
      ++left_out;
      continue;
    }
    scores.push_back(p.score.estimate->score);
    scored_periods.push_back(p.period);
    errors.push_back(p.score.estimate->standard_error);
  }
  const std::vector<double> standard_errors = errors;  // in period order, for the verdict
  if (scores.size() < 3) {
    out.chart_note = !has_time ? "no date column (--time), so no periods to chart"
                               : "a control chart needs at least 3 periods with " + std::to_string(options.minimum_period_n) +
                                     " responses or more; found " + std::to_string(scores.size());
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
  chart.periods_left_out = left_out;
  chart.limits = cx::individuals_limits(scores, sampling_se);
  const double floor = m.kind == metric_kind::nps ? -100.0 : m.is_share() ? 0.0 : m.lo;
  const double ceiling = m.kind == metric_kind::nps || m.is_share() ? 100.0 : m.hi;
  chart.shown_lower = std::max(chart.limits.lower, floor);
  chart.shown_upper = std::min(chart.limits.upper, ceiling);
  if (options.baseline) {
    // The verdict of the period scores with their standard errors: random effects separate
    // the true variation between periods from each period's sampling error.
    cx::verdict_criteria criteria;
    criteria.minimum_sigma = sampling_se;
    out.verdict = cx::consistently_better_than(scores, standard_errors, *options.baseline, criteria);
  }
  // The verdict's own signals when there is one, so that the chart shown is the one judged.
  std::vector<cx::rule_signal> signals = out.verdict ? out.verdict->signals : cx::chart_signals(scores, chart.limits);
  std::stable_sort(signals.begin(), signals.end(),
                   [](const cx::rule_signal& a, const cx::rule_signal& b) { return a.index < b.index; });
  for (const auto& s : signals)
    chart.signals.push_back({scored_periods[s.index], scores[s.index], s.rule, rule_description(s.rule)});
  chart.rule1_in_control_arl = 1.0 / std::erfc(3.0 / std::sqrt(2.0));
  // The EWMA of the same scores, calibrated to the 3-sigma limits' in-control ARL.
  if (chart.limits.sigma > 0.0) {
    ewma_report e;
    e.in_control_arl = chart.rule1_in_control_arl;
    e.width = cx::ewma_width_for_arl(e.lambda, e.in_control_arl, cx::ewma_limits::exact);
    e.arl_at_one_sigma = cx::ewma_arl(e.lambda, e.width, 1.0, cx::ewma_limits::exact);
    cx::ewma_chart ewma(chart.limits.center, chart.limits.sigma, e.lambda, e.width);
    for (std::size_t i = 0; i < scores.size(); ++i)
      if (ewma.update(scores[i])) {
        e.signals.push_back(scored_periods[i]);
        if (ewma.value() < chart.limits.center) e.signals_below.push_back(scored_periods[i]);
      }
    out.ewma = e;
    // And the tabular CUSUM, set for the same ARL: the usual pair for a small lasting shift.
    cusum_report c;
    c.in_control_arl = chart.rule1_in_control_arl;
    cx::cusum_chart cusum = cx::cusum_chart_for_arl(chart.limits.center, chart.limits.sigma, c.in_control_arl, c.k);
    c.h = cusum.h();
    c.arl_at_one_sigma = cx::cusum_arl(c.k, c.h, 1.0);
    for (std::size_t i = 0; i < scores.size(); ++i)
      if (cusum.update(scores[i])) {
        c.signals.push_back(scored_periods[i]);
        if (cusum.lower() > c.h * chart.limits.sigma) c.signals_below.push_back(scored_periods[i]);
      }
    out.cusum = c;
  }
  out.chart = chart;
}

// Leaderboard: ranked by the Wilson lower bound of the success box, on responses.
template <class Scale, class H>
void add_leaderboard(report& out, const by_period<Scale, H>& b, const metric_spec& m) {
  if (b.agent_responses.empty()) return;
  cx::grouped<std::string, cx::rating_histogram<Scale>> responses;
  for (const auto& [agent, h] : b.agent_responses) responses[agent] += h;
  cx::leaderboard_options lo;
  lo.success_lo = m.kind == metric_kind::ces ? 5 : Scale::max - m.box_size() + 1;  // CES: "easy", 5-7
  const int box_lo = *lo.success_lo;
  out.success_box = box_lo == Scale::max ? std::to_string(Scale::max) : std::to_string(box_lo) + "-" + std::to_string(Scale::max);
  const cx::leaderboard<std::string> board = cx::rank_agents(responses, lo);
  auto add_row = [&](const std::string& agent) -> agent_row& {
    agent_row row;
    row.agent = agent;
    row.score = score_of(b.agents.at(agent), m);
    if (const auto periods = b.agent_periods.find(agent); periods != b.agent_periods.end())
      for (const auto& [period, h] : periods->second) {
        const group_score mine = score_of(h, m), team = score_of(b.periods.at(period), m);
        if (!mine.estimate || !team.estimate) continue;
        ++row.periods_compared;
        if (mine.estimate->score > team.estimate->score) ++row.periods_above_team;
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

// The funnel of agents: NPS against the team's with each agent's standard error at the
// team's shares; shares (CSAT, binary) as proportions; means with the team's standard
// deviation over each agent's n.
template <class Scale, class H>
void add_funnel(report& out, const by_period<Scale, H>& b, const metric_spec& m) {
  agent_funnel f;
  std::vector<H> units;
  std::vector<double> successes, totals, means, errors;
  for (const auto& [agent, h] : b.agents) {
    const group_score g = score_of(h, m);
    if (!g.estimate || (!m.is_share() && g.n < 2)) continue;
    f.agents.push_back(agent);
    f.n.push_back(g.n);
    units.push_back(h);
    successes.push_back(g.estimate->score / 100.0 * g.estimate->effective_n);
    totals.push_back(g.estimate->effective_n);
    means.push_back(g.estimate->score);
  }
  if (f.agents.size() < 3) return;  // overdispersion is estimated from the agents themselves
  try {
    if constexpr (std::is_same_v<Scale, cx::nps_scale>) {
      f.result = cx::nps_funnel(units);
    } else if (m.is_share()) {
      f.result = cx::proportion_funnel(successes, totals);
      f.scale = 100.0;
    } else {
      const double sd = cx::stddev(b.all);
      for (const auto& [agent, h] : b.agents)
        if (std::find(f.agents.begin(), f.agents.end(), agent) != f.agents.end())
          errors.push_back(sd / std::sqrt(score_of(h, m).estimate->effective_n));
      f.result = cx::funnel(means, errors, cx::mean(b.all));
    }
  } catch (const cx::insufficient_data&) {
    return;  // e.g. every answer the same: no spread to draw limits from
  } catch (const std::invalid_argument&) {
    return;  // a standard error of 0 (a team without variance)
  }
  out.funnel = f;
}

// Self-assessment against the customer's answer of the same interaction.
template <class Scale, class H>
void add_gap(report& out, const tallies<Scale, H>& t, bool has_self) {
  if (!has_self || t.gap.count() < 2) return;
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
  std::map<std::string, const calibration_state<Scale>*> sorted;
  for (const auto& [agent, state] : t.calibration) sorted[t.agents.name(agent)] = &state;
  std::vector<cx::employee_ratings<Scale>> employees;
  for (const auto& [agent, state] : sorted) {
    if (state->customers.total() < 2) continue;  // a customer mean's interval needs two ratings
    employees.push_back({agent, state->self.mean(), state->customers});
    const cx::mean_estimate customers = cx::mean_score(state->customers);
    g.agents.push_back({agent, state->customers.total(), state->self.mean(), customers,
                        !customers.ci.contains(state->self.mean())});
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
inline void add_reasons(report& out, const std::map<std::string, std::uint64_t>& reasons,
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
    rr.before = std::string("the other ") + (kind == period_kind::day ? "days" : kind == period_kind::week ? "weeks" : "months");
    rr.after = "signalled " + rr.after;
  } else if (reasons_by_period.size() >= 2) {
    auto last = reasons_by_period.rbegin();
    auto earlier = std::next(last);
    rr.before = earlier->first;
    rr.after = last->first;
    before = earlier->second;
    after = last->second;
  }
  if (!before.empty() && !after.empty())  // the later period first: signed after - before
    for (const auto& c : cx::compare_reason_shares(after, before))
      rr.changes.push_back({c.reason, c.share_second, c.share_first, c.test, c.adjusted_p_value, c.higher_in_first,
                            c.lower_in_first});
  out.reasons = rr;
}

inline std::string no_responses_message(const input_account& a, std::uint64_t used, const metric_spec& m) {
  std::string why = (used == 0 ? std::string("no usable responses") : "a mean score needs at least 2 responses") + ": " +
                    std::to_string(used) + " of " + std::to_string(a.rows) + " rows have a usable score (" +
                    std::to_string(a.missing_score) + " without an answer, " + std::to_string(a.malformed) + " malformed";
  for (std::size_t k = 0; k < problem_kinds; ++k)
    if (a.by_kind[k].count)
      why += "; " + std::to_string(a.by_kind[k].count) + " for " + problem_name(static_cast<problem_kind>(k)) + ", first on line " +
             std::to_string(a.by_kind[k].first.line) + ": " + a.by_kind[k].first.reason;
  (void)m;
  return why + ")";
}

template <class Scale, class H>
void fill_report(report& out, export_reader& in, const report_options& options) {
  tallies<Scale, H> t;
  response r;
  while (in.next(r)) t.add(r);
  out.input = in.account();
  const by_period<Scale, H> b(t, in.dates(), options.period);
  if (responses_in(b.all) < options.metric.minimum_n())
    throw input_error(no_responses_message(out.input, responses_in(b.all), options.metric));
  add_overall(out, t, b, options.metric);
  add_trend(out, b, options);
  add_control_chart(out, in.columns().time >= 0, options);  // reads the trend
  if (out.verdict) {
    char baseline[32];
    std::snprintf(baseline, sizeof baseline, "%g", *options.baseline);
    out.verdict_words = verdict_in_words(*out.verdict, baseline, options.period);
  }
  add_leaderboard(out, b, options.metric);
  add_funnel(out, b, options.metric);
  add_gap(out, t, in.columns().self >= 0);
  add_reasons(out, b.reasons, b.reasons_by_period, options.period);  // reads the chart's signals
}

template <class Scale>
void fill_for_scale(report& out, export_reader& in, const report_options& options) {
  if (options.weight_column.empty()) fill_report<Scale, cx::rating_histogram<Scale>>(out, in, options);
  else fill_report<Scale, cx::weighted_histogram<Scale>>(out, in, options);
}

}  // namespace detail

report build_report(export_reader& in, const report_options& options) {
  report out;
  out.options = options;
  const metric_spec& m = options.metric;
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
    case metric_kind::binary:
      out.unit = "% satisfied (good, yes, thumbs up)";
      out.method = "Wilson";
      out.change_test = "pooled two-proportion z test";
      detail::fill_for_scale<cx::scale<0, 1>>(out, in, options);
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
