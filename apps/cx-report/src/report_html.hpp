// The report as one self-contained HTML page: inline CSS and SVG charts, no network. Charts
// first (trend with its interval band, control chart, perception gap, Pareto), tables after.
#ifndef CX_REPORT_REPORT_HTML_HPP
#define CX_REPORT_REPORT_HTML_HPP

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "report.hpp"
#include "report_text.hpp"
#include "svg.hpp"

namespace cx_report {

namespace html {

inline std::string escape(const std::string& text) { return svg::escape(text); }

using svg::num;

/// A linear axis with "nice" ticks (1, 2 or 5 times a power of ten) covering [lo, hi].
struct axis {
  double lo, hi, step;
  double pixel_lo, pixel_hi;  // pixel_lo maps to lo

  axis(double data_lo, double data_hi, double p_lo, double p_hi) : pixel_lo(p_lo), pixel_hi(p_hi) {
    if (!(data_hi > data_lo)) data_lo -= 1.0, data_hi += 1.0;
    const double raw = (data_hi - data_lo) / 5.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double r = raw / magnitude;
    step = (r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0) * magnitude;
    lo = std::floor(data_lo / step) * step;
    hi = std::ceil(data_hi / step) * step;
  }
  double operator()(double v) const { return pixel_lo + (v - lo) / (hi - lo) * (pixel_hi - pixel_lo); }
  std::vector<double> ticks() const {
    // Counted, not accumulated: a step below the spacing of doubles near lo would never
    // advance a running sum.
    std::vector<double> t;
    const double count = std::round((hi - lo) / step);
    if (!(count >= 0.0 && count <= 50.0)) return {lo, hi};
    for (int i = 0; i <= static_cast<int>(count); ++i) {
      const double v = lo + step * i;
      t.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    }
    return t;
  }
};

inline std::string tick_text(double v, double step) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, step >= 1.0 ? "%.0f" : step >= 0.1 ? "%.1f" : "%.2f", v);
  return buffer;
}

constexpr double width = 760, height = 336, left = 64, right = 24, top = 52, bottom = 64;

// The chart's frame and its visible title (the same words as the accessible one).
inline void open_chart(std::ostream& os, const std::string& id, const std::string& title, const std::string& description,
                       double chart_height = height) {
  svg::open(os, id, width, chart_height, title, description);
  svg::text(os, left, 20, title, "title");
}

inline void y_axis(std::ostream& os, const axis& y, const std::string& label) {
  for (double t : y.ticks()) {
    svg::line(os, left, y(t), width - right, y(t), "grid");
    svg::text(os, left - 6, y(t) + 4, tick_text(t, y.step), "tick", "end");
  }
  svg::rotated_text(os, 14, (top + height - bottom) / 2, -90, label, "label", "middle");
}

// Category labels along the bottom, thinned so that they never overlap.
inline void x_labels(std::ostream& os, const std::vector<std::string>& labels, const std::vector<double>& xs) {
  const std::size_t every = std::max<std::size_t>(1, (labels.size() + 13) / 14);
  for (std::size_t i = 0; i < labels.size(); i += every) svg::rotated_text(os, xs[i], height - bottom + 16, -35, labels[i], "tick", "end");
}

inline std::vector<double> category_positions(std::size_t n) {
  std::vector<double> xs;
  const double span = width - left - right;
  for (std::size_t i = 0; i < n; ++i) xs.push_back(left + span * (static_cast<double>(i) + 0.5) / static_cast<double>(n));
  return xs;
}

inline void trend_chart(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  std::vector<const period_row*> rows;
  for (const auto& p : r.periods)
    if (p.score.estimate) rows.push_back(&p);
  if (rows.size() < 2) return;
  // The axis spans the intervals of the periods with enough responses: a month of one
  // response would stretch it to the whole scale.
  double lo = rows.front()->score.estimate->score, hi = lo;
  for (const auto* p : rows) {
    const score_estimate& e = *p->score.estimate;
    lo = std::min(lo, p->charted ? e.ci.lower : e.score), hi = std::max(hi, p->charted ? e.ci.upper : e.score);
  }
  const axis y(lo, hi, height - bottom, top);
  std::vector<double> xs = category_positions(rows.size());
  std::vector<std::string> labels;
  for (const auto* p : rows) labels.push_back(p->period);
  open_chart(os, "trend", "Score by " + std::string(detail::period_name(r.options.period)) + ", with its 95% interval",
             "Line: the score per period; band: its 95% confidence interval; triangles: changes from the previous "
             "period that are significant after Holm's adjustment.");
  y_axis(os, y, r.unit);
  std::vector<std::pair<double, double>> band, series;
  for (std::size_t i = 0; i < rows.size(); ++i) band.emplace_back(xs[i], y(rows[i]->score.estimate->ci.upper));
  for (std::size_t i = rows.size(); i-- > 0;) band.emplace_back(xs[i], y(rows[i]->score.estimate->ci.lower));
  for (std::size_t i = 0; i < rows.size(); ++i) series.emplace_back(xs[i], y(rows[i]->score.estimate->score));
  svg::polygon(os, band, "band");
  svg::polyline(os, series, "series");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& p = *rows[i];
    const double px = xs[i], py = y(p.score.estimate->score);
    svg::circle(os, px, py, 3.5, p.charted ? "point" : "hollow",
                p.period + ": " + detail::score_text(p.score.estimate->score, m) + " " + detail::interval_text(p.score.estimate->ci, m) +
                    ", n = " + std::to_string(p.score.n) + (p.charted ? "" : " (too few responses: not charted)"));
    if (p.significant != direction::none) {
      const bool up = p.score_change > 0;
      const double ty = up ? py - 12 : py + 12;
      const std::string change = detail::change_text(p.score_change, m);
      svg::triangle(os, px, ty, up, up ? "up" : "down",
                    "significant change " + change + " (Holm p " + detail::p_text(p.adjusted_p) + ")");
      svg::text(os, px + 9, up ? ty - 2 : ty + 10, change, "annotation");
    }
  }
  x_labels(os, labels, xs);
  svg::legend(os, left, 36, {{"line", "series", "score"}, {"band", "band", "95% interval"}, {"point", "hollow", "too few responses"},
                             {"point", "up", "better"}, {"point", "down", "worse"}});
  svg::close(os, "Shaded: 95% interval (" + escape(r.method) + "). Triangles mark changes from the previous " +
                     detail::period_name(r.options.period) + " that stay significant after Holm's adjustment.");
}

inline void control_chart_svg(std::ostream& os, const report& r) {
  if (!r.chart) return;
  const metric_spec& m = r.options.metric;
  std::vector<const period_row*> rows;
  for (const auto& p : r.periods)
    if (p.charted) rows.push_back(&p);
  const auto& c = r.chart->limits;
  double lo = r.chart->shown_lower, hi = r.chart->shown_upper;
  for (const auto* p : rows) lo = std::min(lo, p->score.estimate->score), hi = std::max(hi, p->score.estimate->score);
  const axis y(lo, hi, height - bottom, top);
  std::vector<double> xs = category_positions(rows.size());
  std::vector<std::string> labels;
  for (const auto* p : rows) labels.push_back(p->period);
  open_chart(os, "control", "Control chart (individuals) of the " + std::string(detail::period_adjective(r.options.period)) + " score",
             "Centre line and 3-sigma limits from the moving range; red points fired a Nelson rule.");
  y_axis(os, y, r.unit);
  for (const auto& [value, name, cls] : {std::tuple<double, const char*, const char*>{r.chart->shown_upper, "UCL", "limit"},
                                         {c.center, "centre", "center"}, {r.chart->shown_lower, "LCL", "limit"}}) {
    svg::line(os, left, y(value), width - right, y(value), cls);
    svg::text(os, width - right - 2, y(value) - 4, std::string(name) + " " + detail::score_text(value, m), "tick", "end");
  }
  std::vector<std::pair<double, double>> series;
  for (std::size_t i = 0; i < rows.size(); ++i) series.emplace_back(xs[i], y(rows[i]->score.estimate->score));
  svg::polyline(os, series, "series");
  // Where flagged points crowd (weeks, days), a label is left out rather than drawn over its
  // neighbour (widths estimated at 6.5 px a character of the 11 px bold labels); every red
  // point keeps its rules as a tooltip.
  double last_label = -1e9, last_width = 0.0;
  bool thinned = false;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::string rules;
    for (const auto& s : r.chart->signals)
      if (s.period == rows[i]->period) rules += (rules.empty() ? "" : ",") + std::to_string(s.rule);
    svg::circle(os, xs[i], y(rows[i]->score.estimate->score), rules.empty() ? 3.5 : 5.5, rules.empty() ? "point" : "flagged",
                rows[i]->period + ": " + detail::score_text(rows[i]->score.estimate->score, m) +
                    (rules.empty() ? "" : ", Nelson rule " + rules));
    if (rules.empty()) continue;
    const double label_width = 6.5 * static_cast<double>(rules.size() + 5);  // "rule " + the ids
    if (xs[i] - last_label < (last_width + label_width) / 2.0 + 6.0) {
      thinned = true;
      continue;
    }
    last_label = xs[i];
    last_width = label_width;
    svg::text(os, xs[i], y(rows[i]->score.estimate->score) + 18, "rule " + rules, "annotation flagged-text", "middle");
  }
  x_labels(os, labels, xs);
  svg::legend(os, left, 36, {{"line", "series", "score"}, {"line", "center", "centre"}, {"dashed", "limit", "3-sigma limits"},
                             {"point", "flagged", "signal (Nelson rule)"}});
  svg::close(os, std::to_string(r.chart->signals.size()) + " Nelson-rule signal(s). Red: points that completed a rule's pattern" +
                     (thinned ? " (where they crowd, only some are labelled; each names its rules on hover)" : "") + ".");
}

inline void gap_chart(std::ostream& os, const report& r) {
  if (!r.gap || r.gap->agents.empty()) return;
  const auto& g = *r.gap;
  const metric_spec& m = r.options.metric;
  const double row_height = 26, chart_height = top + 40 + row_height * static_cast<double>(g.agents.size() + 1) + 40;
  const double label_width = 150;
  // The axis spans the data, not the whole scale: the gaps are tenths of a point.
  double lo = std::min(g.self_mean, g.customer_ci.lower), hi = std::max(g.self_mean, g.customer_ci.upper);
  for (const auto& a : g.agents)
    lo = std::min({lo, a.self_mean, a.customers.ci.lower}), hi = std::max({hi, a.self_mean, a.customers.ci.upper});
  const axis x(std::max<double>(m.lo, lo - 0.25), std::min<double>(m.hi, hi + 0.25), left + label_width, width - right);
  svg::open(os, "gap", width, chart_height, "Perception gap: self-assessment vs customers",
            "Per agent: the customers' mean rating with its 95% interval (blue) and the agent's mean self-assessment (orange).");
  svg::text(os, left, 20, "Perception gap: how agents rate their service vs what customers answer", "title");
  const double axis_y = chart_height - 40;
  for (double t : x.ticks()) {
    svg::line(os, x(t), top + 10, x(t), axis_y, "grid");
    svg::text(os, x(t), axis_y + 16, tick_text(t, x.step), "tick", "middle");
  }
  svg::text(os, (x.pixel_lo + x.pixel_hi) / 2, axis_y + 34,
            "mean rating (" + std::to_string(m.lo) + "-" + std::to_string(m.hi) + ")", "label", "middle");
  auto row = [&](std::size_t i, const std::string& name, double self, const cx::interval& ci, double customers, bool bold) {
    const double cy = top + 40 + row_height * static_cast<double>(i);
    svg::text(os, left + label_width - 8, cy + 4, name, bold ? "tick strong" : "tick", "end");
    svg::line(os, x(customers), cy, x(self), cy, "gapline");
    svg::line(os, x(ci.lower), cy, x(ci.upper), cy, "ci");
    svg::circle(os, x(customers), cy, 5, "customers", "customers " + num(customers));
    svg::diamond(os, x(self), cy, "self", "self " + num(self));
  };
  row(0, "all agents", g.self_mean, g.customer_ci, g.customer_mean, true);
  for (std::size_t i = 0; i < g.agents.size(); ++i)
    row(i + 1, g.agents[i].agent, g.agents[i].self_mean, g.agents[i].customers.ci, g.agents[i].customers.estimate, false);
  // Its own legend rather than svg::legend: the marks are drawn at their size in the chart.
  svg::begin_group(os, left + label_width, top + 8);
  svg::circle(os, 0, 0, 5, "customers");
  svg::text(os, 9, 4, "customers (95% CI)", "tick");
  svg::diamond(os, 130, 0, "self");
  svg::text(os, 140, 4, "self-assessment", "tick");
  svg::end_group(os);
  std::string caption = std::to_string(g.pairs) + " interactions rated by both. ";
  if (g.summary)
    caption += "Mean gap " + detail::printf_string("%+.2f", g.summary->mean_gap.difference) + " points (paired t p " +
               escape(detail::p_text(g.summary->mean_gap.p_value)) + ", d_z " +
               detail::printf_string("%.2f", g.summary->effect_size_dz) + ").";
  svg::close(os, caption);
}

inline void pareto_chart(std::ostream& os, const report& r) {
  if (!r.reasons || r.reasons->pareto.rows.empty()) return;
  const auto& p = r.reasons->pareto;
  double most = 0;
  for (const auto& row : p.rows) most = std::max(most, static_cast<double>(row.count));
  const axis y(0.0, most, height - bottom, top);
  const double span = width - left - right - 40;
  const double slot = span / static_cast<double>(p.rows.size());
  auto cumulative_y = [&](double share) { return (height - bottom) - share * (height - bottom - top); };
  open_chart(os, "pareto", "Reasons, most frequent first (Pareto)",
             "Bars: responses per reason; line: cumulative share; dashed: 80%. Dark bars: the vital few.");
  y_axis(os, y, "responses");
  std::vector<std::pair<double, double>> cumulative;
  for (std::size_t i = 0; i < p.rows.size(); ++i) {
    const auto& row = p.rows[i];
    const double x0 = left + slot * static_cast<double>(i) + slot * 0.15, bar = slot * 0.7;
    const double top_y = y(static_cast<double>(row.count));
    svg::rect(os, x0, top_y, bar, height - bottom - top_y, row.vital_few ? "bar vital" : "bar",
              row.reason + ": " + std::to_string(row.count) + " (" + detail::percent(row.share) + ")");
    svg::rotated_text(os, x0 + bar / 2, height - bottom + 14, -25, row.reason, "tick", "end");
    cumulative.emplace_back(x0 + bar / 2, cumulative_y(row.cumulative_share));
  }
  const double right_axis = left + span + 6;
  svg::line(os, left, cumulative_y(p.cut), right_axis, cumulative_y(p.cut), "limit");
  svg::text(os, right_axis + 4, cumulative_y(p.cut) + 4, tick_text(100 * p.cut, 1.0) + "%", "tick");
  svg::text(os, right_axis + 4, cumulative_y(1.0) + 4, "100%", "tick");
  svg::polyline(os, cumulative, "cumulative");
  svg::legend(os, left, 36, {{"bar", "bar vital", "vital few"}, {"bar", "bar", "other reasons"},
                             {"line", "cumulative", "cumulative share"}, {"dashed", "limit", tick_text(100 * p.cut, 1.0) + "%"}});
  std::ostringstream caption;  // markup: the grown and shrunk reasons in bold
  caption << p.total << " responses with a reason. Dark: the vital few that first reach " << tick_text(100 * p.cut, 1.0)
          << "% of all reasons.";
  const char* separator = nullptr;
  for (const auto& c : r.reasons->changes)
    if (c.grew || c.shrank) {
      if (!separator) caption << " " << escape(r.reasons->after) << " vs " << escape(r.reasons->before) << ": ";
      caption << (separator ? separator : "") << "<b>" << escape(c.reason) << "</b> " << detail::percent(c.share_before)
              << " &rarr; " << detail::percent(c.share_after) << (c.grew ? " (grew" : " (shrank") << ", Holm p "
              << escape(detail::p_text(c.adjusted_p_value)) << ")";
      separator = "; ";
    }
  if (separator) caption << ".";
  svg::close(os, caption.str());
}

// Groups (agents, channels) as dots with their 95% intervals, best first, against the
// overall score: which differ is seen at a glance, and small groups show their wide intervals.
inline void interval_chart(std::ostream& os, const report& r, const std::string& id, const std::string& title,
                           std::vector<std::pair<std::string, score_estimate>> rows) {
  if (rows.size() < 2) return;
  const metric_spec& m = r.options.metric;
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.second.score > b.second.score; });
  const double row_height = 22, label_width = 150, chart_height = top + 20 + row_height * static_cast<double>(rows.size()) + 44;
  double lo = r.overall.score, hi = r.overall.score;
  for (const auto& [name, e] : rows) lo = std::min(lo, e.ci.lower), hi = std::max(hi, e.ci.upper);
  const axis x(lo, hi, left + label_width, width - right);
  open_chart(os, id, title, "Dots: each group's score; lines: its 95% interval; dashed: the overall score.", chart_height);
  const double axis_y = chart_height - 40;
  for (double t : x.ticks()) {
    svg::line(os, x(t), top + 10, x(t), axis_y, "grid");
    svg::text(os, x(t), axis_y + 16, tick_text(t, x.step), "tick", "middle");
  }
  svg::text(os, (x.pixel_lo + x.pixel_hi) / 2, axis_y + 34, r.unit, "label", "middle");
  svg::line(os, x(r.overall.score), top + 10, x(r.overall.score), axis_y, "limit");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& [name, e] = rows[i];
    const double cy = top + 24 + row_height * static_cast<double>(i);
    svg::text(os, left + label_width - 8, cy + 4, name, "tick", "end");
    svg::line(os, x(e.ci.lower), cy, x(e.ci.upper), cy, "ci");
    svg::circle(os, x(e.score), cy, 4.5, "customers",
                name + ": " + detail::score_text(e.score, m) + " " + detail::interval_text(e.ci, m) + ", n = " + std::to_string(e.n));
  }
  svg::legend(os, left, 36, {{"point", "customers", "score"}, {"line", "ci", "95% interval"},
                             {"dashed", "limit", "overall " + detail::score_text(r.overall.score, m)}});
  svg::close(os, std::to_string(rows.size()) + " groups, best first. An interval that misses the dashed line differs from the "
                 "overall score at 5% (one comparison; see the funnel for many).");
}

// The funnel: each agent's score against its number of responses, with the 99.8% limits
// that narrow as n grows; points outside are the agents worth a look.
inline void funnel_chart(std::ostream& os, const report& r) {
  if (!r.funnel) return;
  const agent_funnel& f = *r.funnel;
  const metric_spec& m = r.options.metric;
  const double k = f.scale;
  std::vector<std::size_t> order(f.agents.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return f.n[a] < f.n[b]; });
  double lo = k * f.result.target, hi = lo, most = 0;
  for (std::size_t i : order) {
    const cx::funnel_unit& u = f.result.units[i];
    lo = std::min({lo, k * u.value, k * u.limits.lower}), hi = std::max({hi, k * u.value, k * u.limits.upper});
    most = std::max(most, static_cast<double>(f.n[i]));
  }
  const double floor = m.kind == metric_kind::nps ? -100.0 : m.is_share() ? 0.0 : m.lo;
  const double ceiling = m.kind == metric_kind::nps || m.is_share() ? 100.0 : m.hi;
  const axis y(std::max(lo, floor), std::min(hi, ceiling), height - bottom, top);
  const axis x(0.0, most, left, width - right);
  const std::string title = "Funnel of agents: score against responses, " + detail::printf_string("%.1f", 100 * f.result.level) +
                            "% limits";
  open_chart(os, "funnel", title, "Dots: agents; dashed: the funnel's limits around the team's score; red: outside.");
  y_axis(os, y, r.unit);
  for (double t : x.ticks()) svg::text(os, x(t), height - bottom + 16, tick_text(t, x.step), "tick", "middle");
  svg::text(os, (x.pixel_lo + x.pixel_hi) / 2, height - bottom + 36, "responses", "label", "middle");
  svg::line(os, left, y(k * f.result.target), width - right, y(k * f.result.target), "center");
  std::vector<std::pair<double, double>> upper, lower;
  auto clip = [&](double v) { return std::max(y.lo, std::min(y.hi, v)); };
  for (std::size_t i : order) {
    upper.emplace_back(x(static_cast<double>(f.n[i])), y(clip(k * f.result.units[i].limits.upper)));
    lower.emplace_back(x(static_cast<double>(f.n[i])), y(clip(k * f.result.units[i].limits.lower)));
  }
  svg::polyline(os, upper, "limit");
  svg::polyline(os, lower, "limit");
  std::size_t outside = 0;
  for (std::size_t i : order) {
    const cx::funnel_unit& u = f.result.units[i];
    outside += u.outside;
    svg::circle(os, x(static_cast<double>(f.n[i])), y(clip(k * u.value)), u.outside ? 5.5 : 4,
                u.outside ? (u.value > f.result.target ? "up" : "down") : "point",
                f.agents[i] + ": " + detail::score_text(k * u.value, m) + ", n = " + std::to_string(f.n[i]) + ", z " +
                    detail::printf_string("%+.2f", u.z) + (u.outside ? " (outside)" : ""));
  }
  svg::legend(os, left, 36, {{"point", "point", "agent"}, {"line", "center", "team"}, {"dashed", "limit", "limits"},
                             {"point", "up", "above"}, {"point", "down", "below"}});
  svg::close(os, std::to_string(outside) + " of " + std::to_string(f.agents.size()) +
                     " agents outside. An agent at the team's level falls outside 1 time in " +
                     detail::printf_string("%.0f", 1.0 / (1.0 - f.result.level)) +
                     "; the limits allow for ordinary differences between agents (between-agent SD " +
                     detail::printf_string("%.2f", k * std::sqrt(f.result.tau2)) + ").");
}

}  // namespace html

namespace html {

// The document head: inline CSS, no external resource.
inline void page_head(std::ostream& os, const report& r) {
  os << R"(<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>cx-report: )" << escape(r.options.file) << R"(</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;margin:24px auto;padding:0 24px;max-width:1800px}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:8px 32px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d9e2ec;padding-bottom:4px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{border:1px solid #d9e2ec;border-radius:8px;padding:10px 14px;min-width:150px}
.card b{display:block;font-size:24px}.muted{color:#627d98;font-size:13px}
figure{margin:12px 0 20px}figcaption{color:#627d98;font-size:13px}svg.chart{width:100%;height:auto;background:#fff}
.title{font-size:14px;font-weight:600;fill:#1f2933}.tick{font-size:11px;fill:#486581}.label{font-size:12px;fill:#486581}
.strong{font-weight:700}.grid{stroke:#eef2f6}.band{fill:#9fc5f8;opacity:.45}.series{fill:none;stroke:#1f6fd1;stroke-width:2}
.point{fill:#1f6fd1}.flagged{fill:#d64545;stroke:#fff}.flagged-text{fill:#d64545}.annotation{font-size:11px;font-weight:600}
.up{fill:#2f9e44}.down{fill:#d64545}.center{stroke:#334e68;stroke-width:1.5}.limit{stroke:#d64545;stroke-dasharray:6 4;fill:none}
.bar{fill:#9fb3c8}.vital{fill:#334e68}.cumulative{fill:none;stroke:#e8833a;stroke-width:2}
.customers{fill:#1f6fd1}.self{fill:#e8833a}.ci{stroke:#1f6fd1;stroke-width:3;opacity:.45}.gapline{stroke:#bcccdc;stroke-width:2}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #eef2f6}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.sig{color:#d64545;font-weight:600}
.better{color:#2f9e44;font-weight:600}.worse{color:#d64545;font-weight:600}.hollow{fill:#fff;stroke:#1f6fd1;stroke-width:1.5}
</style></head><body>
)";
}

// The headline: what was read, the score and its breakdown as cards.
inline void page_cards(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  os << "<h1>" << escape(r.unit) << " report</h1><div class=\"muted\">" << escape(r.options.file) << ": " << r.input.rows
     << " rows, " << r.used() << " responses used, " << r.skipped() << " skipped (" << r.input.missing_score
     << " without an answer, " << r.input.malformed << " malformed)</div>\n<div class=\"cards\"><div class=\"card\">"
     << escape(r.options.metric.name()) << "<b>" << detail::score_text(r.overall.score, m) << "</b><span class=\"muted\">95% CI "
     << detail::interval_text(r.overall.ci, m) << ", n = " << r.overall.n << "</span></div>\n";
  for (const auto& b : r.breakdown)
    os << "<div class=\"card\">" << escape(b.name) << "<b>" << detail::breakdown_value(b) << "</b></div>\n";
  if (r.chart)
    os << "<div class=\"card\">control-chart signals<b>" << r.chart->signals.size() << "</b><span class=\"muted\">"
       << (r.verdict ? (r.verdict->consistently_better ? "consistently better than baseline" : "not consistently better than baseline")
                     : "Nelson rules")
       << "</span></div>\n";
}

// The trend and the control chart side by side, with the chart settings.
inline void page_trend(std::ostream& os, const report& r) {
  os << "</div>\n<h2>Trend</h2>\n<div class=\"grid2\">";
  html::trend_chart(os, r);
  html::control_chart_svg(os, r);
  os << "</div>\n";
  if (!r.chart) os << "<p class=\"muted\">" << escape(r.chart_note) << "</p>\n";
  if (r.chart)
    os << "<p class=\"muted\">Chart settings: 3-sigma limits, in-control ARL " << detail::printf_string("%.0f", r.chart->rule1_in_control_arl)
       << " " << detail::period_name(r.options.period) << "s between false alarms (rule 1 alone)"
       << (r.ewma ? "; an EWMA (lambda " + detail::printf_string("%.2f", r.ewma->lambda) + ", L " +
                        detail::printf_string("%.3f", r.ewma->width) + ") set for the same ARL notices a lasting 1-sigma shift in " +
                        detail::printf_string("%.1f", r.ewma->arl_at_one_sigma) + " " + detail::period_name(r.options.period) +
                        "s on average, " + escape(detail::chart_signal_words(r.ewma->signals, r.ewma->signals_below, r.options.period))
                  : std::string())
       << (r.cusum ? "; a CUSUM (k " + detail::printf_string("%.1f", r.cusum->k) + ", h " +
                         detail::printf_string("%.3f", r.cusum->h) + ") set for the same ARL notices it in " +
                         detail::printf_string("%.1f", r.cusum->arl_at_one_sigma) + " " + detail::period_name(r.options.period) +
                         "s on average, " + escape(detail::chart_signal_words(r.cusum->signals, r.cusum->signals_below, r.options.period))
                   : std::string())
       << ".</p>\n";
  if (r.chart && r.chart->limits.sigma_floored)
    os << "<p class=\"muted\">Sigma from the moving ranges ("
       << detail::printf_string("%.2f", r.chart->limits.mean_moving_range / cx::moving_range_d2)
       << ") was below the median standard error of a period's score ("
       << detail::printf_string("%.2f", r.chart->sampling_se)
       << "): sigma is raised to it, so that noise is not a signal, and rule 7 is not applied.</p>\n";
}

// The verdict in words, its criteria beside it.
inline void page_verdict(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  if (r.verdict) {
    const auto& v = *r.verdict;
    os << "<h2>Better than " << detail::score_text(*r.options.baseline, m) << ", all the time?</h2><p class=\""
       << (v.consistently_better ? "better" : "worse") << "\">" << escape(r.verdict_words) << "</p><table><tr><th>criterion</th>"
       << "<th class=\"n\">value</th><th class=\"n\">needs</th><th></th></tr>\n";
    for (const auto* c : {&v.mean_above, &v.predicted_above, &v.share_beating, &v.in_control})
      os << "<tr><td>" << escape(c->name) << "</td><td class=\"n\">" << detail::printf_string("%.3g", c->value)
         << "</td><td class=\"n\">" << (c == &v.in_control ? "= " : c == &v.share_beating ? "&ge; " : "&gt; ")
         << detail::printf_string("%.3g", c->threshold) << "</td><td"
         << (!c->required ? ">for reference" : c->passed ? ">pass" : " class=\"worse\">FAIL") << "</td></tr>\n";
    os << "</table>\n";
  } else if (r.options.baseline) {
    os << "<p class=\"muted\">--baseline " << detail::score_text(*r.options.baseline, m)
       << " not judged: the verdict needs the control chart.</p>\n";
  }
}

// Agents, channels and the funnel.
inline void page_groups(std::ostream& os, const report& r) {
  {
    std::vector<std::pair<std::string, score_estimate>> agents, channels;
    for (const auto& a : r.agents)
      if (a.score.estimate) agents.emplace_back(a.agent, *a.score.estimate);
    for (const auto& [channel, g] : r.channels) channels.emplace_back(channel, *g.estimate);
    os << "<h2>Agents and channels</h2>\n<div class=\"grid2\">";
    html::interval_chart(os, r, "agents", "Agents: score with its 95% interval", agents);
    html::interval_chart(os, r, "channels", "Channels: score with its 95% interval", channels);
    html::funnel_chart(os, r);
    os << "</div>\n";
  }
}

// The perception gap and the Pareto of reasons.
inline void page_gap_and_reasons(std::ostream& os, const report& r) {
  os << "<div class=\"grid2\">";
  if (r.gap) {
    os << "<div><h2>Perception gap</h2>\n";
    html::gap_chart(os, r);
    os << "</div>";
  }
  if (r.reasons) {
    os << "<div><h2>Reasons</h2>\n";
    html::pareto_chart(os, r);
    os << "</div>";
  }
  os << "</div>\n";
}

// The tables: periods, channels, leaderboard.
inline void page_tables(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  if (!r.periods.empty()) {
    os << "<h2>Periods</h2><table><tr><th>period</th><th class=\"n\">n</th><th class=\"n\">score</th><th class=\"n\">95% CI</th><th class=\"n\">change</th><th class=\"n\">p (Holm)</th></tr>\n";
    for (const auto& p : r.periods) {
      os << "<tr><td>" << escape(p.period) << "</td><td class=\"n\">" << p.score.n << "</td>";
      if (p.score.estimate)
        os << "<td class=\"n\">" << detail::score_text(p.score.estimate->score, m) << "</td><td class=\"n\">"
           << detail::interval_text(p.score.estimate->ci, m) << "</td>";
      else
        os << "<td></td><td>too few responses</td>";
      if (p.change)
        os << "<td class=\"n" << (p.significant == direction::better ? " better" : p.significant == direction::worse ? " worse" : "")
           << "\">" << detail::change_text(p.score_change, m)
           << "</td><td class=\"n\">" << escape(detail::p_text(p.adjusted_p)) << "</td>";
      else
        os << "<td></td><td></td>";
      os << "</tr>\n";
    }
    os << "</table>\n";
  }
  if (!r.channels.empty()) {
    os << "<h2>By channel</h2><table><tr><th>channel</th><th class=\"n\">n</th><th class=\"n\">score</th><th class=\"n\">95% CI</th></tr>\n";
    for (const auto& [channel, e] : r.channels)
      os << "<tr><td>" << escape(channel) << "</td><td class=\"n\">" << e.n << "</td><td class=\"n\">"
         << detail::score_text(e.estimate->score, m) << "</td><td class=\"n\">" << detail::interval_text(e.estimate->ci, m)
         << "</td></tr>\n";
    os << "</table>\n";
  }
  if (!r.agents.empty()) {
    os << "<h2>Leaderboard</h2><p class=\"muted\">Ranked by the 95% lower bound (Wilson) of the share " << escape(r.success_box)
       << ": a few lucky answers cannot top it.</p><table><tr><th>rank</th><th>agent</th><th class=\"n\">n</th><th class=\"n\">score</th><th class=\"n\">95% CI</th>"
       << "<th class=\"n\">share " << escape(r.success_box) << "</th><th class=\"n\">lower bound</th><th>above team</th></tr>\n";
    for (const auto& a : r.agents) {
      os << "<tr><td>" << (a.rank ? std::to_string(*a.rank) : "-") << "</td><td>" << escape(a.agent) << "</td><td class=\"n\">"
         << a.score.n << "</td>";
      if (a.score.estimate)
        os << "<td class=\"n\">" << detail::score_text(a.score.estimate->score, m) << "</td><td class=\"n\">"
           << detail::interval_text(a.score.estimate->ci, m) << "</td>";
      else
        os << "<td></td><td></td>";
      os << "<td class=\"n\">" << detail::percent(a.success_share) << "</td><td class=\"n\">" << detail::percent(a.success_lower_bound)
         << "</td><td>"
         << (a.periods_compared ? std::to_string(a.periods_above_team) + " of " +
                                      detail::count_of(a.periods_compared, detail::period_name(r.options.period))
                                : "-")
         << "</td></tr>\n";
    }
    os << "</table>\n";
  }
}

// The signals and the skipped rows.
inline void page_lists(std::ostream& os, const report& r) {
  const metric_spec& m = r.options.metric;
  if (r.chart && !r.chart->signals.empty()) {
    os << "<h2>Control-chart signals</h2><ul>\n";
    for (const auto& s : r.chart->signals)
      os << "<li>" << escape(s.period) << " (" << detail::score_text(s.value, m) << "): rule " << s.rule << ", "
         << escape(s.description) << "</li>\n";
    os << "</ul>\n";
  }
  if (!r.input.listed.empty()) {
    os << "<h2>Skipped rows</h2><ul>\n";
    for (const auto& p : r.input.listed)
      os << "<li>" << escape(r.options.file) << ":" << p.line << ": " << escape(p.reason) << "</li>\n";
    os << "</ul>\n";
  }
}

// The script that marks the page once every chart is laid out, and the end.
inline void page_end(std::ostream& os) {
  // Marks the page once the browser has laid every chart out: the headless test reads it.
  os << R"(<script>
addEventListener("load", function () {
  var drawn = 0;
  document.querySelectorAll("svg.chart").forEach(function (svg) { var b = svg.getBBox(); if (b.width > 0 && b.height > 0) drawn++; });
  document.body.setAttribute("data-charts-drawn", String(drawn));
  document.body.setAttribute("data-charts-total", String(document.querySelectorAll("svg.chart").length));
});
</script>
<p class="muted">Made by cx-report (cxmetrics). Every number above is computed from the rows of the file; nothing is fetched from the network.</p>
</body></html>
)";
}

}  // namespace html

inline void write_html(std::ostream& os, const report& r) {
  html::page_head(os, r);
  html::page_cards(os, r);
  html::page_trend(os, r);
  html::page_verdict(os, r);
  html::page_groups(os, r);
  html::page_gap_and_reasons(os, r);
  html::page_tables(os, r);
  html::page_lists(os, r);
  html::page_end(os);
}

}  // namespace cx_report

#endif  // CX_REPORT_REPORT_HTML_HPP
