// The report for people: rounded numbers, every count accounted for.
#ifndef CX_REPORT_REPORT_TEXT_HPP
#define CX_REPORT_REPORT_TEXT_HPP

#include <cmath>
#include <cstdio>
#include <ostream>
#include <string>

#include "report.hpp"

namespace cx_report {

namespace detail {

inline std::string printf_string(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

/// A score rounded for its kind: NPS with a sign and one decimal, percent with one, means with two.
// Rounds for print with no "-0.0": a value that rounds to zero prints as zero.
inline double no_negative_zero(double v, double unit) { return std::round(v / unit) * unit + 0.0; }

inline std::string score_text(double v, const metric_spec& m) {
  v = no_negative_zero(v, m.kind == metric_kind::nps || m.kind == metric_kind::csat ? 0.1 : 0.01);
  if (m.kind == metric_kind::nps) return printf_string("%+.1f", v);
  if (m.kind == metric_kind::csat) return printf_string("%.1f%%", v);
  return printf_string("%.2f", v);
}
inline std::string change_text(double v, const metric_spec& m) {
  v = no_negative_zero(v, m.kind == metric_kind::nps || m.kind == metric_kind::csat ? 0.1 : 0.01);
  if (m.kind == metric_kind::nps || m.kind == metric_kind::csat) return printf_string("%+.1f", v);
  return printf_string("%+.2f", v);
}
inline std::string interval_text(const cx::interval& ci, const metric_spec& m) {
  return "[" + score_text(ci.lower, m) + ", " + score_text(ci.upper, m) + "]";
}
inline std::string p_text(double p) { return p < 0.001 ? "<0.001" : printf_string("%.3f", p); }
inline std::string percent(double share) { return printf_string("%.1f%%", 100.0 * share); }
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

}  // namespace detail

inline void write_text(std::ostream& os, const report& r) {
  using namespace detail;
  const metric_spec& m = r.options.metric;
  os << "cx-report: " << r.options.file << "\n"
     << r.rows << " rows; " << r.used() << " responses used; " << r.skipped() << " skipped (" << r.missing_score
     << " without an answer, " << r.malformed.size() << " malformed" << (r.malformed.empty() ? "" : ", listed at the end")
     << ")\n";
  if (r.multi_line_records)
    os << r.multi_line_records << " rows span several lines (line breaks inside quoted fields, as in comments; "
       << "a quote left open would also join lines)\n";
  if (!r.options.weight_column.empty())
    os << "weighted by '" << r.options.weight_column << "': effective n " << printf_string("%.1f", r.overall.effective_n)
       << " (Kish); the leaderboard's ranks, the gap and the reasons count responses\n";
  os << "\n" << r.unit << ": " << score_text(r.overall.score, m) << "   95% CI " << interval_text(r.overall.ci, m) << " ("
     << r.method << "), n = " << r.overall.n << "\n  ";
  for (std::size_t i = 0; i < r.breakdown.size(); ++i)
    os << (i ? ", " : "") << r.breakdown[i].first << " "
       << (r.breakdown[i].first == "mean rating" ? printf_string("%.2f", r.breakdown[i].second) : percent(r.breakdown[i].second));
  os << "\n";

  if (!r.channels.empty()) {
    os << "\nBy channel\n";
    for (const auto& [channel, e] : r.channels)
      os << "  " << pad(channel, 12) << lpad(std::to_string(e.n), 6) << "  " << lpad(score_text(e.score, m), 7) << "  "
         << interval_text(e.ci, m) << "\n";
  }

  if (!r.periods.empty()) {
    os << "\nTrend by " << period_name(r.options.period) << " (change vs the previous " << period_name(r.options.period)
       << "; " << r.change_test << "; * significant at 5% after Holm's adjustment over " << [&] {
         std::size_t tests = 0;
         for (const auto& p : r.periods) tests += p.change.has_value();
         return tests;
       }() << " test(s); a period with fewer than 2 responses is not tested)\n  " << pad("period", 11) << lpad("n", 6) << lpad("score", 9) << "  " << pad("95% CI", 18)
       << lpad("change", 8) << lpad("p (Holm)", 10) << "\n";
    for (const auto& p : r.periods) {
      os << "  " << pad(p.period, 11) << lpad(std::to_string(p.estimate.n), 6);
      if (p.estimate.n < minimum_n(m)) {
        os << "  (too few responses for a score)\n";
        continue;
      }
      os << lpad(score_text(p.estimate.score, m), 9) << "  " << pad(interval_text(p.estimate.ci, m), 18);
      if (p.change)
        os << lpad(change_text(p.score_change, m), 8) << lpad(p_text(p.adjusted_p), 10) << (p.significant ? " *" : "");
      os << "\n";
    }
    if (r.missing_date) os << "  (" << r.missing_date << " responses without a date are in no period)\n";
  }

  os << "\nConsistency\n";
  if (!r.chart) {
    os << "  " << r.chart_note << "\n";
    if (r.options.baseline)
      os << "  --baseline " << score_text(*r.options.baseline, m) << " not judged: the verdict needs that chart\n";
  } else {
    const auto& c = r.chart->limits;
    os << "  individuals chart of the " << period_adjective(r.options.period) << " scores: centre " << score_text(c.center, m)
       << ", sigma " << printf_string("%.2f", c.sigma) << ", limits [" << score_text(c.lower, m) << ", "
       << score_text(c.upper, m) << "]\n";
    if (r.chart->limits.sigma_floored)
      os << "  (sigma from the moving ranges, " << printf_string("%.2f", r.chart->limits.mean_moving_range / cx::moving_range_d2)
         << ", was below the median standard error of a period's score, " << printf_string("%.2f", r.chart->sampling_se)
         << ": sigma is raised to it, so that noise is not a signal, and rule 7 is not applied)\n";
    if (r.chart->signals.empty()) os << "  no Nelson-rule signal: the series is in statistical control\n";
    for (const auto& s : r.chart->signals)
      os << "  SIGNAL " << s.period << " (" << score_text(s.value, m) << "): rule " << s.rule << ", " << s.description << "\n";
    if (r.verdict) {
      const auto& v = *r.verdict;
      os << "  verdict against the baseline " << score_text(*r.options.baseline, m) << ": "
         << (v.consistently_better ? "consistently better" : "NOT consistently better") << "\n";
      for (const auto* c2 : {&v.mean_above, &v.share_beating, &v.in_control})
        os << "    [" << (c2->passed ? "pass" : "FAIL") << "] " << c2->name << ": " << printf_string("%.3g", c2->value)
           << " (needs " << (c2 == &v.in_control ? "== " : c2 == &v.mean_above ? "> " : ">= ")
           << printf_string("%.3g", c2->threshold) << ")\n";
    } else {
      os << "  (give --baseline with your target or benchmark for the verdict 'better than it, all the time?')\n";
    }
  }

  if (r.gap) {
    const auto& g = *r.gap;
    os << "\nPerception gap: agents' self-assessment vs the customer's answer (" << g.pairs << " interactions with both";
    if (r.missing_self) os << "; " << r.missing_self << " without a self-assessment";
    os << ")\n  self-assessed mean " << printf_string("%.2f", g.self_mean) << ", customers' mean "
       << printf_string("%.2f", g.customer_mean);
    if (g.self_nps) os << "; self-predicted NPS " << score_text(*g.self_nps, m) << " vs customers' " << score_text(*g.customer_nps, m);
    os << "\n";
    if (!g.summary)
      os << "  every pair differs by the same " << printf_string("%+.2f", g.self_mean - g.customer_mean)
         << ": no spread, so no test\n";
    if (g.summary) {
      const auto& s = *g.summary;
      os << "  mean gap (self - customer) " << printf_string("%+.2f", s.mean_gap.difference) << " 95% CI ["
         << printf_string("%.2f", s.mean_gap.ci.lower) << ", " << printf_string("%.2f", s.mean_gap.ci.upper)
         << "], paired t p " << p_text(s.mean_gap.p_value) << "; Wilcoxon signed-rank p " << p_text(s.signed_rank.p_value)
         << "; effect size d_z " << printf_string("%.2f", s.effect_size_dz) << "\n  self above the customer in "
         << percent(s.self_above) << " of interactions, equal in " << percent(s.equal) << ", below in "
         << percent(s.self_below) << "\n";
    }
    if (!g.agents.empty()) {
      os << "  per agent (self mean vs customers' mean and 95% CI; ! = self outside the interval)\n";
      for (const auto& a : g.agents)
        os << "    " << pad(a.agent, 16) << lpad(std::to_string(a.pairs), 5) << "  self " << printf_string("%5.2f", a.self_mean)
           << "  customers " << printf_string("%5.2f", a.customers.estimate) << " [" << printf_string("%.2f", a.customers.ci.lower)
           << ", " << printf_string("%.2f", a.customers.ci.upper) << "]" << (a.outside_interval ? " !" : "") << "\n";
      if (g.rank_correlation)
        os << "  do agents know who serves best? rank correlation of self vs customers "
           << printf_string("%.2f", *g.rank_correlation) << "\n";
    }
  }

  if (!r.agents.empty()) {
    os << "\nLeaderboard: ranked by the 95% lower bound (Wilson) of the share " << r.success_box
       << ", so that a few lucky answers cannot top it\n  " << pad("rank", 6) << pad("agent", 16) << lpad("n", 6)
       << lpad("score", 9) << "  " << pad("95% CI", 18) << lpad(r.success_box, 7) << lpad("bound", 8) << "  above team\n";
    for (const auto& a : r.agents) {
      os << "  " << pad(a.rank ? std::to_string(*a.rank) : "-", 6) << pad(a.agent, 16) << lpad(std::to_string(a.estimate.n), 6);
      if (a.estimate.n >= minimum_n(m))
        os << lpad(score_text(a.estimate.score, m), 9) << "  " << pad(interval_text(a.estimate.ci, m), 18);
      else
        os << lpad("-", 9) << "  " << pad("", 18);
      os << lpad(percent(a.success_share), 7) << lpad(percent(a.success_lower_bound), 8) << "  ";
      if (a.periods_compared == 0) os << "-\n";  // no dated responses: nothing to compare
      else os << a.periods_above_team << " of " << count_of(a.periods_compared, period_name(r.options.period)) << "\n";
    }
  }

  if (r.reasons) {
    const auto& p = r.reasons->pareto;
    os << "\nReasons (Pareto; * the vital few that make up 80%; 95% simultaneous intervals)\n";
    for (const auto& row : p.rows)
      os << "  " << (row.vital_few ? "* " : "  ") << pad(row.reason, 24) << lpad(std::to_string(row.count), 6)
         << lpad(percent(row.share), 8) << lpad(percent(row.cumulative_share), 8) << "  [" << percent(row.ci.lower) << ", "
         << percent(row.ci.upper) << "]\n";
    if (!r.reasons->changes.empty()) {
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
  }

  if (!r.malformed.empty()) {
    os << "\nSkipped rows (" << r.malformed.size() << " malformed)\n";
    for (const auto& problem : r.malformed) os << "  " << r.options.file << ":" << problem.line << ": " << problem.reason << "\n";
  }
}

}  // namespace cx_report

#endif  // CX_REPORT_REPORT_TEXT_HPP
