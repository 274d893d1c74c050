// The report for people: rounded numbers, every count accounted for, problems first. One
// function per section, in the order they are printed.
#ifndef CX_REPORT_REPORT_TEXT_HPP
#define CX_REPORT_REPORT_TEXT_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "report.hpp"

namespace cx_report {

/// How the text report is written.
struct text_options {
  std::size_t top = 0;  ///< --top N: leaderboard rows shown (0: all)
};

namespace detail {

inline std::string printf_string(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

// Rounds for print with no "-0.0": a value that rounds to zero prints as zero.
inline double no_negative_zero(double v, double unit) { return std::round(v / unit) * unit + 0.0; }

/// A score rounded for its kind: NPS with a sign and one decimal, percent with one, means with two.
inline std::string score_text(double v, const metric_spec& m) {
  v = no_negative_zero(v, m.is_share() ? 0.1 : 0.01);
  if (m.kind == metric_kind::nps) return printf_string("%+.1f", v);
  if (m.is_share()) return printf_string("%.1f%%", v);
  return printf_string("%.2f", v);
}
inline std::string change_text(double v, const metric_spec& m) {
  v = no_negative_zero(v, m.is_share() ? 0.1 : 0.01);
  return printf_string(m.is_share() ? "%+.1f" : "%+.2f", v);
}
inline std::string interval_text(const cx::interval& ci, const metric_spec& m) {
  return "[" + score_text(ci.lower, m) + ", " + score_text(ci.upper, m) + "]";
}
inline std::string p_text(double p) { return p < 0.001 ? "<0.001" : printf_string("%.3f", p); }
inline std::string percent(double share) { return printf_string("%.1f%%", 100.0 * share); }
inline std::string breakdown_value(const breakdown_item& b) {
  return b.is_mean ? printf_string("%.2f", b.value) : percent(b.value);
}
inline std::string pad(std::string s, std::size_t width) {
  // Pads by code points so that names such as "Jörg" line up.
  std::size_t points = 0;
  for (unsigned char c : s) points += (c & 0xC0) != 0x80;
  if (points < width) s.append(width - points, ' ');
  return s;
}
inline std::string count_of(std::size_t n, const std::string& noun) {  // "1 month", "12 months"
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}
inline std::string lpad(const std::string& s, std::size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}
inline const char* period_name(period_kind k) { return k == period_kind::day ? "day" : k == period_kind::week ? "week" : "month"; }
// Where a chart signalled, by side: "no signal", or "signals in 9 month(s): 5 above the
// centre (first 2025-07), 4 below (first 2026-01)".
inline std::string chart_signal_words(const std::vector<std::string>& signals, const std::vector<std::string>& below,
                                      period_kind k) {
  if (signals.empty()) return "no signal";
  std::vector<std::string> above;
  for (const auto& s : signals)
    if (std::find(below.begin(), below.end(), s) == below.end()) above.push_back(s);
  std::string words = "signals in " + std::to_string(signals.size()) + " " + period_name(k) + "(s): ";
  words += std::to_string(above.size()) + " above the centre" + (above.empty() ? "" : " (first " + above.front() + ")");
  words += ", " + std::to_string(below.size()) + " below" + (below.empty() ? "" : " (first " + below.front() + ")");
  return words;
}
inline const char* period_adjective(period_kind k) {
  return k == period_kind::day ? "daily" : k == period_kind::week ? "weekly" : "monthly";
}
// The mark of a significant change: up for better, down for worse (+ and - in text).
inline const char* direction_mark(direction d) { return d == direction::better ? " + better" : d == direction::worse ? " - worse" : ""; }

inline std::string delimiter_name(char d) {
  return d == '\t' ? "tab" : d == ';' ? "semicolon" : d == '|' ? "pipe" : d == ',' ? "comma" : std::string(1, d);
}

inline void text_header(std::ostream& os, const report& r) {
  const input_account& in = r.input;
  os << "cx-report: " << printable(r.options.file) << "\n"
     << in.rows << " rows; " << r.used() << " responses used; " << r.skipped() << " skipped (" << in.missing_score
     << " without an answer, " << in.malformed << " malformed" << (in.listed.empty() ? "" : ", listed at the end") << ")\n";
  os << "read as " << in.encoding << (in.guessed_windows_1252 ? " (not valid UTF-8, so read as Windows-1252; --encoding to change)" : "")
     << ", " << delimiter_name(in.delimiter) << "-separated" << (in.decimal_comma ? " with decimal commas" : "");
  if (in.header_rows > 1) os << ", " << in.header_rows << " header rows";
  if (in.footer_lines) os << ", " << count_of(in.footer_lines, "footer line") << " after the data";
  os << "\n";
  if (in.malformed) {
    os << "Malformed rows by reason (" << printf_string("%.2f", 100.0 * r.malformed_share())
       << "% of the rows with an answer):\n";
    for (std::size_t k = 0; k < problem_kinds; ++k) {
      const problem_count& c = in.by_kind[k];
      if (c.count)
        os << "  " << lpad(std::to_string(c.count), 7) << "  " << problem_name(static_cast<problem_kind>(k)) << ", first on line "
           << c.first.line << ": " << c.first.reason << "\n";
    }
  }
  if (in.multi_line_records)
    os << in.multi_line_records << " rows span several lines (line breaks inside quoted fields, as in comments; "
       << "a quote left open would also join lines)\n";
  if (!r.options.weight_column.empty())
    os << "weighted by '" << printable(r.options.weight_column) << "': effective n " << printf_string("%.1f", r.overall.effective_n)
       << " (Kish); the leaderboard's ranks, the gap and the reasons count responses\n";
}

inline void text_overall(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  os << "\n" << r.unit << ": " << score_text(r.overall.score, m) << "   95% CI " << interval_text(r.overall.ci, m) << " ("
     << r.method << "), n = " << r.overall.n << "\n  ";
  for (std::size_t i = 0; i < r.breakdown.size(); ++i)
    os << (i ? ", " : "") << r.breakdown[i].name << " " << breakdown_value(r.breakdown[i]);
  os << "\n";
  if (r.channels.empty()) return;
  os << "\nBy channel\n";
  for (const auto& [channel, g] : r.channels)
    os << "  " << pad(channel, 12) << lpad(std::to_string(g.n), 6) << "  " << lpad(score_text(g.estimate->score, m), 7) << "  "
       << interval_text(g.estimate->ci, m) << "\n";
}

inline void text_trend(std::ostream& os, const report& r) {
  if (r.periods.empty()) return;
  const metric_spec& m = r.options.metric;
  std::size_t tests = 0;
  for (const auto& p : r.periods) tests += p.change.has_value();
  os << "\nTrend by " << period_name(r.options.period) << " (change vs the previous " << period_name(r.options.period) << "; "
     << r.change_test << "; marked + better or - worse when significant at 5% after Holm's adjustment over " << tests
     << " test(s); a period with fewer than 2 responses is not tested)\n  " << pad("period", 11) << lpad("n", 6) << lpad("score", 9)
     << "  " << pad("95% CI", 18) << lpad("change", 8) << lpad("p (Holm)", 10) << "\n";
  for (const auto& p : r.periods) {
    os << "  " << pad(p.period, 11) << lpad(std::to_string(p.score.n), 6);
    if (!p.score.estimate) {
      os << "  (too few responses for a score)\n";
      continue;
    }
    os << lpad(score_text(p.score.estimate->score, m), 9) << "  " << pad(interval_text(p.score.estimate->ci, m), 18);
    if (p.change) os << lpad(change_text(p.score_change, m), 8) << lpad(p_text(p.adjusted_p), 10) << direction_mark(p.significant);
    if (!p.charted) os << "  (fewer than " << r.options.minimum_period_n << " responses: not charted)";
    os << "\n";
  }
  if (r.input.missing_date) os << "  (" << r.input.missing_date << " responses without a date are in no period)\n";
}

inline void text_consistency(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  os << "\nConsistency\n";
  if (!r.chart) {
    os << "  " << r.chart_note << "\n";
    if (r.options.baseline)
      os << "  --baseline " << score_text(*r.options.baseline, m) << " not judged: the verdict needs that chart\n";
    return;
  }
  const auto& c = r.chart->limits;
  os << "  individuals chart of the " << period_adjective(r.options.period) << " scores: centre " << score_text(c.center, m)
     << ", sigma " << printf_string("%.2f", c.sigma) << ", limits [" << score_text(r.chart->shown_lower, m) << ", "
     << score_text(r.chart->shown_upper, m) << "]\n";
  if (r.chart->periods_left_out)
    os << "  (" << count_of(r.chart->periods_left_out, period_name(r.options.period)) << " with fewer than "
       << r.options.minimum_period_n << " responses left out of the limits and the verdict)\n";
  if (c.sigma_floored)
    os << "  (sigma from the moving ranges, " << printf_string("%.2f", c.mean_moving_range / cx::moving_range_d2)
       << ", was below the median standard error of a period's score, " << printf_string("%.2f", r.chart->sampling_se)
       << ": sigma is raised to it, so that noise is not a signal, and rule 7 is not applied)\n";
  os << "  in-control ARL of the 3-sigma limits alone: " << printf_string("%.0f", r.chart->rule1_in_control_arl) << " "
     << period_name(r.options.period) << "s between false alarms (the eight Nelson rules together alarm sooner)\n";
  if (r.ewma) {
    const ewma_report& e = *r.ewma;
    os << "  EWMA (lambda " << printf_string("%.2f", e.lambda) << ", L " << printf_string("%.3f", e.width)
       << ", exact limits) set for the same in-control ARL " << printf_string("%.0f", e.in_control_arl)
       << "; ARL at a lasting 1-sigma shift " << printf_string("%.1f", e.arl_at_one_sigma) << ": "
       << chart_signal_words(e.signals, e.signals_below, r.options.period) << "\n";
  }
  if (r.cusum) {
    const cusum_report& cusum = *r.cusum;
    os << "  CUSUM (k " << printf_string("%.1f", cusum.k) << ", h " << printf_string("%.3f", cusum.h)
       << ") set for the same in-control ARL; ARL at a lasting 1-sigma shift " << printf_string("%.1f", cusum.arl_at_one_sigma)
       << ": "
       << chart_signal_words(cusum.signals, cusum.signals_below, r.options.period) << "\n";
  }
  if (r.chart->signals.empty()) os << "  no Nelson-rule signal: the series is in statistical control\n";
  for (const auto& s : r.chart->signals)
    os << "  SIGNAL " << s.period << " (" << score_text(s.value, m) << "): rule " << s.rule << ", " << s.description << "\n";
  if (!r.verdict) {
    os << "  (give --baseline with your target or benchmark for the verdict 'better than it, all the time?')\n";
    return;
  }
  const auto& v = *r.verdict;
  os << "  verdict against the baseline " << score_text(*r.options.baseline, m) << ": "
     << (v.consistently_better ? "consistently better" : "NOT consistently better") << "\n  " << r.verdict_words << "\n";
  for (const auto* c2 : {&v.mean_above, &v.predicted_above, &v.share_beating, &v.in_control})
    os << "    [" << (!c2->required ? "info" : c2->passed ? "pass" : "FAIL") << "] " << c2->name << ": "
       << printf_string("%.3g", c2->value) << (c2->required ? " (needs " : " (for reference: ")
       << (c2 == &v.in_control ? "== " : c2 == &v.share_beating ? ">= " : "> ") << printf_string("%.3g", c2->threshold) << ")\n";
  if (v.margins)
    os << "    random effects of the margins (score - baseline): mean " << printf_string("%+.2f", v.margins->mean) << " (SE "
       << printf_string("%.2f", v.margins->standard_error) << "), between-" << period_name(r.options.period) << " SD "
       << printf_string("%.2f", std::sqrt(v.margins->tau2)) << " beyond sampling error\n";
}

inline void text_funnel(std::ostream& os, const report& r) {
  if (!r.funnel) return;
  const metric_spec& m = r.options.metric;
  const agent_funnel& f = *r.funnel;
  const double k = f.scale;
  os << "\nFunnel of agents against the team's " << score_text(k * f.result.target, m) << " ("
     << printf_string("%.1f", 100.0 * f.result.level) << "% limits: an agent at the team's level is outside 1 time in "
     << printf_string("%.0f", 1.0 / (1.0 - f.result.level)) << "; allowing for a between-agent SD of "
     << printf_string("%.2f", k * std::sqrt(f.result.tau2)) << ")\n  " << pad("agent", 16) << lpad("n", 6) << lpad("score", 9)
     << "  " << pad("limits", 18) << lpad("z", 7) << "\n";
  std::size_t outside = 0;
  for (std::size_t i = 0; i < f.agents.size(); ++i) {
    const cx::funnel_unit& u = f.result.units[i];
    outside += u.outside;
    os << "  " << pad(f.agents[i], 16) << lpad(std::to_string(f.n[i]), 6) << lpad(score_text(k * u.value, m), 9) << "  "
       << pad("[" + score_text(k * u.limits.lower, m) + ", " + score_text(k * u.limits.upper, m) + "]", 18)
       << lpad(printf_string("%+.2f", u.z), 7)
       << (u.outside ? (u.value > f.result.target ? "  above the funnel" : "  below the funnel") : "") << "\n";
  }
  os << "  " << outside << " of " << f.agents.size() << " agents outside the funnel\n";
}

inline void text_gap(std::ostream& os, const report& r) {
  if (!r.gap) return;
  const metric_spec& m = r.options.metric;
  const auto& g = *r.gap;
  os << "\nPerception gap: agents' self-assessment vs the customer's answer (" << g.pairs << " interactions with both";
  if (r.input.missing_self) os << "; " << r.input.missing_self << " without a self-assessment";
  os << ")\n  self-assessed mean " << printf_string("%.2f", g.self_mean) << ", customers' mean " << printf_string("%.2f", g.customer_mean);
  if (g.self_nps) os << "; self-predicted NPS " << score_text(*g.self_nps, m) << " vs customers' " << score_text(*g.customer_nps, m);
  os << "\n";
  if (!g.summary)
    os << "  every pair differs by the same " << printf_string("%+.2f", g.self_mean - g.customer_mean) << ": no spread, so no test\n";
  if (g.summary) {
    const auto& s = *g.summary;
    os << "  mean gap (self - customer) " << printf_string("%+.2f", s.mean_gap.difference) << " 95% CI ["
       << printf_string("%.2f", s.mean_gap.ci.lower) << ", " << printf_string("%.2f", s.mean_gap.ci.upper) << "], paired t p "
       << p_text(s.mean_gap.p_value) << "; Wilcoxon signed-rank p " << p_text(s.signed_rank.p_value) << "; effect size d_z "
       << printf_string("%.2f", s.effect_size_dz) << "\n  self above the customer in " << percent(s.self_above)
       << " of interactions, equal in " << percent(s.equal) << ", below in " << percent(s.self_below) << "\n";
  }
  if (g.agents.empty()) return;
  os << "  per agent (self mean vs customers' mean and 95% CI; ! = self outside the interval)\n";
  for (const auto& a : g.agents)
    os << "    " << pad(a.agent, 16) << lpad(std::to_string(a.pairs), 5) << "  self " << printf_string("%5.2f", a.self_mean)
       << "  customers " << printf_string("%5.2f", a.customers.estimate) << " [" << printf_string("%.2f", a.customers.ci.lower)
       << ", " << printf_string("%.2f", a.customers.ci.upper) << "]" << (a.outside_interval ? " !" : "") << "\n";
  if (g.rank_correlation)
    os << "  do agents know who serves best? rank correlation of self vs customers " << printf_string("%.2f", *g.rank_correlation)
       << "\n";
}

inline void text_leaderboard(std::ostream& os, const report& r, const text_options& t) {
  if (r.agents.empty()) return;
  const metric_spec& m = r.options.metric;
  os << "\nLeaderboard: ranked by the 95% lower bound (Wilson) of the share " << r.success_box
     << ", so that a few lucky answers cannot top it\n  " << pad("rank", 6) << pad("agent", 16) << lpad("n", 6) << lpad("score", 9)
     << "  " << pad("95% CI", 18) << lpad(r.success_box, 7) << lpad("bound", 8) << "  above team\n";
  const std::size_t shown = t.top ? std::min(t.top, r.agents.size()) : r.agents.size();
  for (std::size_t i = 0; i < shown; ++i) {
    const agent_row& a = r.agents[i];
    os << "  " << pad(a.rank ? std::to_string(*a.rank) : "-", 6) << pad(a.agent, 16) << lpad(std::to_string(a.score.n), 6);
    if (a.score.estimate)
      os << lpad(score_text(a.score.estimate->score, m), 9) << "  " << pad(interval_text(a.score.estimate->ci, m), 18);
    else
      os << lpad("-", 9) << "  " << pad("", 18);
    os << lpad(percent(a.success_share), 7) << lpad(percent(a.success_lower_bound), 8) << "  ";
    if (a.periods_compared == 0) os << "-\n";  // no dated responses: nothing to compare
    else os << a.periods_above_team << " of " << count_of(a.periods_compared, period_name(r.options.period)) << "\n";
  }
  if (shown < r.agents.size()) os << "  ... " << r.agents.size() - shown << " more agents (--top; all are in --json)\n";
}

inline void text_reasons(std::ostream& os, const report& r) {
  if (!r.reasons) return;
  const auto& p = r.reasons->pareto;
  os << "\nReasons (Pareto; * the vital few that make up 80%; 95% simultaneous intervals)\n";
  for (const auto& row : p.rows)
    os << "  " << (row.vital_few ? "* " : "  ") << pad(row.reason, 24) << lpad(std::to_string(row.count), 6)
       << lpad(percent(row.share), 8) << lpad(percent(row.cumulative_share), 8) << "  [" << percent(row.ci.lower) << ", "
       << percent(row.ci.upper) << "]\n";
  if (r.reasons->changes.empty()) return;
  os << "  " << r.reasons->before << " -> " << r.reasons->after << " (Holm-adjusted):";
  const char* separator = " ";
  for (const auto& c : r.reasons->changes)
    if (c.grew || c.shrank) {
      os << separator << c.reason << " " << percent(c.share_before) << " -> " << percent(c.share_after)
         << (c.grew ? " GREW" : " SHRANK") << " (p " << p_text(c.adjusted_p_value) << ")";
      separator = "; ";
    }
  os << (*separator == ';' ? "\n" : " no reason's share changed significantly\n");
}

inline void text_problems(std::ostream& os, const report& r) {
  if (r.input.listed.empty()) return;
  os << "\nSkipped rows (" << r.input.malformed << " malformed";
  if (r.input.listed.size() < r.input.malformed) os << "; the first " << r.input.listed.size() << " listed";
  os << ")\n";
  for (const auto& problem : r.input.listed) os << "  " << printable(r.options.file) << ":" << problem.line << ": " << problem.reason << "\n";
}

}  // namespace detail

inline void write_text(std::ostream& os, const report& r, const text_options& t = {}) {
  detail::text_header(os, r);
  detail::text_overall(os, r);
  detail::text_trend(os, r);
  detail::text_consistency(os, r);
  detail::text_gap(os, r);
  detail::text_leaderboard(os, r, t);
  detail::text_funnel(os, r);
  detail::text_reasons(os, r);
  detail::text_problems(os, r);
}

}  // namespace cx_report

#endif  // CX_REPORT_REPORT_TEXT_HPP
