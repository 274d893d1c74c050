// The report for machines: the same results at full precision (nlohmann-json prints
// doubles with 17 significant digits, enough to round-trip).
#ifndef CX_REPORT_REPORT_JSON_HPP
#define CX_REPORT_REPORT_JSON_HPP

#include <nlohmann/json.hpp>

#include "report.hpp"
#include "report_text.hpp"

namespace cx_report {

namespace detail {

inline nlohmann::ordered_json interval_json(const cx::interval& ci) { return {ci.lower, ci.upper}; }

inline nlohmann::ordered_json estimate_json(const score_estimate& e) {
  nlohmann::ordered_json j;
  j["n"] = e.n;
  j["score"] = e.score;
  j["ci"] = interval_json(e.ci);
  if (e.effective_n != static_cast<double>(e.n)) j["effective_n"] = e.effective_n;
  return j;
}
inline nlohmann::ordered_json estimate_json(const group_score& g) {
  if (g.estimate) return estimate_json(*g.estimate);
  return {{"n", g.n}, {"score", nullptr}, {"ci", nullptr}};  // too few responses: null, never a made-up number
}

inline nlohmann::ordered_json input_json(const input_account& in) {
  nlohmann::ordered_json j = {{"encoding", in.encoding}, {"guessed_windows_1252", in.guessed_windows_1252},
                              {"delimiter", std::string(1, in.delimiter)}, {"decimal_comma", in.decimal_comma},
                              {"header_rows", in.header_rows}, {"footer_lines", in.footer_lines},
                              {"malformed_by_reason", nlohmann::ordered_json::array()}};
  for (std::size_t k = 0; k < problem_kinds; ++k)
    if (in.by_kind[k].count)
      j["malformed_by_reason"].push_back({{"reason", problem_name(static_cast<problem_kind>(k))}, {"count", in.by_kind[k].count},
                                          {"first_line", in.by_kind[k].first.line}, {"first", in.by_kind[k].first.reason}});
  return j;
}

inline nlohmann::ordered_json test_json(const cx::difference_test& t) {
  return {{"difference", t.difference}, {"standard_error", t.standard_error}, {"statistic", t.statistic},
          {"p_value", t.p_value}, {"ci", interval_json(t.ci)}};
}

}  // namespace detail

inline nlohmann::ordered_json to_json(const report& r) {
  using nlohmann::ordered_json;
  using namespace detail;
  const metric_spec& m = r.options.metric;
  ordered_json j;
  j["metric"] = m.name();
  j["unit"] = r.unit;
  j["n"] = r.overall.n;
  j["skipped"] = r.skipped();
  j["rows"] = r.input.rows;
  j["multi_line_records"] = r.input.multi_line_records;
  j["skipped_detail"] = {{"missing_score", r.input.missing_score}, {"malformed", r.input.malformed}};
  j["malformed_share"] = r.malformed_share();
  j["input"] = input_json(r.input);
  j["level"] = 0.95;
  j["interval_method"] = r.method;
  if (!r.options.weight_column.empty()) j["weight_column"] = r.options.weight_column;
  ordered_json overall = estimate_json(r.overall);
  overall.erase("n");
  for (const auto& b : r.breakdown) overall["breakdown"][b.name] = b.value;
  j["overall"] = overall;

  j["periods"] = ordered_json::array();
  for (const auto& p : r.periods) {
    ordered_json row = {{"period", p.period}};
    row.update(estimate_json(p.score));
    row["charted"] = p.charted;
    if (p.change) {
      // "difference" is the change of the scores shown; the test's own estimate (for NPS,
      // of the adjusted scores) is "test_difference", with its standard error and interval.
      ordered_json change = {{"difference", p.score_change}, {"test", r.change_test}};
      const ordered_json test = test_json(*p.change);
      change["test_difference"] = test.at("difference");
      for (const char* key : {"standard_error", "statistic", "p_value", "ci"}) change[key] = test.at(key);
      change["adjusted_p_value"] = p.adjusted_p;
      change["significant"] = p.significant != direction::none;
      if (p.significant != direction::none) change["direction"] = p.significant == direction::better ? "better" : "worse";
      row["change"] = change;
    }
    j["periods"].push_back(row);
  }
  j["period_kind"] = period_name(r.options.period);
  j["minimum_period_n"] = r.options.minimum_period_n;
  j["change_test"] = r.change_test;
  j["responses_without_date"] = r.input.missing_date;

  j["groups"] = ordered_json::object();
  for (const auto& a : r.agents) {
    ordered_json g = estimate_json(a.score);
    g["rank"] = a.rank ? ordered_json(*a.rank) : ordered_json(nullptr);
    g["success_share"] = a.success_share;
    g["success_lower_bound"] = a.success_lower_bound;
    g["periods_above_team"] = a.periods_above_team;
    g["periods_compared"] = a.periods_compared;
    j["groups"][a.agent] = g;
  }
  if (!r.success_box.empty()) j["leaderboard"] = {{"success_box", r.success_box}, {"ranked_by", "Wilson lower bound"}};
  j["channels"] = ordered_json::object();
  for (const auto& [channel, g] : r.channels) j["channels"][channel] = estimate_json(g);

  if (r.chart) {
    const auto& c = r.chart->limits;
    ordered_json chart = {{"kind", "individuals (I-MR) of the period scores"}, {"center", c.center}, {"sigma", c.sigma},
                          {"lower", c.lower}, {"upper", c.upper}, {"shown_lower", r.chart->shown_lower},
                          {"shown_upper", r.chart->shown_upper}, {"periods_left_out", r.chart->periods_left_out},
                          {"sampling_se", r.chart->sampling_se},
                          {"sigma_floored", r.chart->limits.sigma_floored}, {"signals", ordered_json::array()}};
    for (const auto& s : r.chart->signals)
      chart["signals"].push_back({{"period", s.period}, {"value", s.value}, {"rule", s.rule}, {"description", s.description}});
    chart["rule1_in_control_arl"] = r.chart->rule1_in_control_arl;
    j["control_chart"] = chart;
    if (r.ewma)
      j["ewma_chart"] = {{"lambda", r.ewma->lambda}, {"width", r.ewma->width}, {"in_control_arl", r.ewma->in_control_arl},
                         {"arl_at_one_sigma", r.ewma->arl_at_one_sigma}, {"signals", r.ewma->signals},
                         {"signals_below", r.ewma->signals_below}};
    if (r.cusum)
      j["cusum_chart"] = {{"k", r.cusum->k}, {"h", r.cusum->h}, {"in_control_arl", r.cusum->in_control_arl},
                          {"arl_at_one_sigma", r.cusum->arl_at_one_sigma}, {"signals", r.cusum->signals},
                          {"signals_below", r.cusum->signals_below}};
  } else {
    j["control_chart"] = {{"note", r.chart_note}};
    if (r.options.baseline)
      j["verdict"] = {{"baseline", *r.options.baseline}, {"note", "not judged: " + r.chart_note}};
  }
  if (r.verdict) {
    const auto& v = *r.verdict;
    ordered_json verdict = {{"baseline", *r.options.baseline}, {"consistently_better", v.consistently_better},
                            {"in_words", r.verdict_words}};
    for (const auto* c : {&v.mean_above, &v.predicted_above, &v.share_beating, &v.in_control})
      verdict["criteria"].push_back({{"name", c->name}, {"value", c->value}, {"threshold", c->threshold}, {"passed", c->passed},
                                     {"required", c->required}});
    if (v.margins)
      verdict["random_effects"] = {{"mean", v.margins->mean}, {"standard_error", v.margins->standard_error},
                                   {"tau2", v.margins->tau2}, {"q", v.margins->q}, {"periods", v.margins->periods},
                                   {"mean_ci", interval_json(v.margins->mean_ci)}, {"prediction", interval_json(v.margins->prediction)}};
    j["verdict"] = verdict;
  }
  if (r.funnel) {
    const agent_funnel& f = *r.funnel;
    ordered_json funnel = {{"target", f.scale * f.result.target}, {"level", f.result.level}, {"phi", f.result.phi},
                           {"tau2", f.scale * f.scale * f.result.tau2}, {"overdispersion", "additive"}, {"agents", ordered_json::object()}};
    for (std::size_t i = 0; i < f.agents.size(); ++i) {
      const cx::funnel_unit& u = f.result.units[i];
      funnel["agents"][f.agents[i]] = {{"n", f.n[i]}, {"value", f.scale * u.value}, {"standard_error", f.scale * u.standard_error},
                                       {"z", u.z}, {"limits", {f.scale * u.limits.lower, f.scale * u.limits.upper}},
                                       {"outside", u.outside}};
    }
    j["funnel"] = funnel;
  }

  if (r.gap) {
    const auto& g = *r.gap;
    ordered_json gap = {{"pairs", g.pairs}, {"self_mean", g.self_mean}, {"customer_mean", g.customer_mean}};
    if (g.self_nps) gap["self_nps"] = *g.self_nps, gap["customer_nps"] = *g.customer_nps;
    if (g.summary) {
      gap["mean_gap"] = test_json(g.summary->mean_gap);
      gap["signed_rank"] = {{"statistic", g.summary->signed_rank.statistic}, {"p_value", g.summary->signed_rank.p_value}};
      gap["self_above"] = g.summary->self_above;
      gap["equal"] = g.summary->equal;
      gap["self_below"] = g.summary->self_below;
      gap["effect_size_dz"] = g.summary->effect_size_dz;
    }
    for (const auto& a : g.agents)
      gap["agents"][a.agent] = {{"pairs", a.pairs}, {"self_mean", a.self_mean}, {"customer_mean", a.customers.estimate},
                                {"customer_ci", interval_json(a.customers.ci)}, {"self_outside_ci", a.outside_interval}};
    if (g.rank_correlation) gap["rank_correlation"] = *g.rank_correlation;
    j["perception_gap"] = gap;
  }

  if (r.reasons) {
    ordered_json reasons = {{"total", r.reasons->pareto.total}, {"pareto", ordered_json::array()}};
    for (const auto& row : r.reasons->pareto.rows)
      reasons["pareto"].push_back({{"reason", row.reason}, {"count", row.count}, {"share", row.share},
                                   {"cumulative_share", row.cumulative_share}, {"ci", interval_json(row.ci)},
                                   {"vital_few", row.vital_few}});
    if (!r.reasons->changes.empty()) {
      reasons["change"] = {{"before", r.reasons->before}, {"after", r.reasons->after}, {"reasons", ordered_json::array()}};
      for (const auto& c : r.reasons->changes)
        reasons["change"]["reasons"].push_back({{"reason", c.reason}, {"share_before", c.share_before},
                                                {"share_after", c.share_after}, {"p_value", c.test.p_value},
                                                {"adjusted_p_value", c.adjusted_p_value}, {"grew", c.grew},
                                                {"shrank", c.shrank}});
    }
    j["reasons"] = reasons;
  }

  j["problems"] = ordered_json::array();
  for (const auto& p : r.input.listed) j["problems"].push_back({{"line", p.line}, {"reason", p.reason}});
  return j;
}

}  // namespace cx_report

#endif  // CX_REPORT_REPORT_JSON_HPP
