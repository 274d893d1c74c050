// Encoding of the consistency and gap states (charts, rule monitors, beat trackers, paired
// gaps), in the format of io/encoding.hpp (docs/encoding.md).
#ifndef CXMETRICS_IO_CHART_ENCODING_HPP
#define CXMETRICS_IO_CHART_ENCODING_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <cxmetrics/consistency/beat_tracker.hpp>
#include <cxmetrics/consistency/control_rules.hpp>
#include <cxmetrics/consistency/cusum_chart.hpp>
#include <cxmetrics/consistency/ewma_chart.hpp>
#include <cxmetrics/gap/paired_gap.hpp>
#include <cxmetrics/io/encoding.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

template <>
struct state_access::codec<ewma_chart> {
  static constexpr state_type type = state_type::ewma_chart;
  static void write(byte_writer& w, const ewma_chart& c) {
    for (double v : {c.target_, c.sigma_, c.lambda_, c.width_}) w.f64(v);
    w.u8(c.reset_ ? 1 : 0);
    for (double v : {c.value_, c.lower_, c.upper_}) w.f64(v);
    w.u64(c.t_);
    w.u64(c.count_);
    w.u64(c.signals_);
  }
  static ewma_chart read(byte_reader& r) {
    const double target = finite_field(r, "target"), sigma = finite_field(r, "sigma");
    const double lambda = finite_field(r, "lambda"), width = finite_field(r, "L");
    const std::uint8_t reset = r.u8();
    if (reset > 1) corrupt("the reset flag is " + std::to_string(reset));
    ewma_chart c = construct_or_corrupt([&] { return ewma_chart(target, sigma, lambda, width, reset == 1); });
    c.value_ = finite_field(r, "EWMA value");
    c.lower_ = finite_field(r, "lower limit");
    c.upper_ = finite_field(r, "upper limit");
    c.t_ = r.u64();
    // Version 1 kept only the points since the last reset: that is the best count it gives.
    c.count_ = r.version() >= 2 ? r.u64() : c.t_;
    c.signals_ = r.u64();
    if (c.t_ == 0 && !(c.lower_ <= target && target <= c.upper_)) corrupt("limits that do not enclose the target");
    if (c.t_ == 0 && c.value_ != target) corrupt("an EWMA value away from the target before any point");
    if (c.count_ < c.t_) corrupt("fewer points ever than since the last reset");
    if (!c.reset_ && c.count_ != c.t_) corrupt("points since a reset that never happens differ from the count");
    if (c.signals_ > c.count_ && (c.reset_ == false || r.version() >= 2)) corrupt("more signals than points");
    if (c.t_ > 0 && (c.lower_ != target - c.half_width() || c.upper_ != target + c.half_width()))
      corrupt("limits that do not match the point count");
    return c;
  }
};

template <>
struct state_access::codec<cusum_chart> {
  static constexpr state_type type = state_type::cusum_chart;
  static void write(byte_writer& w, const cusum_chart& c) {
    for (double v : {c.target_, c.sigma_, c.k_, c.h_, c.head_start_, c.upper_, c.lower_}) w.f64(v);
    w.u64(c.count_);
    w.u64(c.signals_);
  }
  static cusum_chart read(byte_reader& r) {
    const double target = finite_field(r, "target"), sigma = finite_field(r, "sigma"), k = finite_field(r, "k");
    const double h = finite_field(r, "h"), head = finite_field(r, "head start");
    cusum_chart c = construct_or_corrupt([&] { return cusum_chart(target, sigma, k, h, head); });
    c.upper_ = non_negative_field(r, "C+");
    c.lower_ = non_negative_field(r, "C-");
    c.count_ = r.u64();
    c.signals_ = r.u64();
    if (c.signals_ > c.count_) corrupt("more signals than points");
    if (c.count_ == 0 && (c.upper_ != head * sigma || c.lower_ != head * sigma)) corrupt("sums away from the head start before any point");
    return c;
  }
};

template <>
struct state_access::codec<beat_tracker> {
  static constexpr state_type type = state_type::beat_tracker;
  static void write(byte_writer& w, const beat_tracker& t) {
    w.f64(t.baseline_);
    codec<moments>::write(w, t.margins_);
    for (std::uint64_t v : {t.above_, t.equal_, t.below_, t.current_, t.longest_, t.leading_}) w.u64(v);
    w.u8(t.all_above_ ? 1 : 0);
  }
  static beat_tracker read(byte_reader& r) {
    beat_tracker t(finite_field(r, "baseline"));
    t.margins_ = codec<moments>::read(r);
    t.above_ = r.u64();
    t.equal_ = r.u64();
    t.below_ = r.u64();
    t.current_ = r.u64();
    t.longest_ = r.u64();
    t.leading_ = r.u64();
    const std::uint8_t all = r.u8();
    if (all > 1) corrupt("the all-above flag is " + std::to_string(all));
    t.all_above_ = all == 1;
    const std::uint64_t n = t.margins_.count();
    if (t.above_ > n || t.equal_ > n - t.above_ || t.below_ != n - t.above_ - t.equal_)
      corrupt("above, equal and below do not add up to the score count");
    if (t.current_ > t.longest_ || t.longest_ > t.above_ || t.leading_ > t.longest_)
      corrupt("streaks longer than the scores above the baseline allow");
    if (t.all_above_ && (t.above_ != n || t.leading_ != n || t.current_ != n))
      corrupt("an all-above tracker with scores that did not beat the baseline");
    if (!t.all_above_ && (n == 0 || t.above_ == n || t.leading_ + t.current_ > t.above_))
      corrupt("a tracker with a score below the baseline whose counts say otherwise");
    if (n > 0) {
      const double lo = t.margins_.min(), hi = t.margins_.max();
      if ((t.above_ > 0) != (hi > 0.0) || (t.below_ > 0) != (lo < 0.0) || (t.equal_ > 0 && !(lo <= 0.0 && hi >= 0.0)))
        corrupt("margins whose signs disagree with the above, equal and below counts");
    }
    return t;
  }
};

template <class Scale>
struct state_access::codec<paired_gap<Scale>> {
  static constexpr state_type type = state_type::paired_gap;
  using differences = typename paired_gap<Scale>::differences_type;
  static void write(byte_writer& w, const paired_gap<Scale>& g) { codec<differences>::write(w, g.differences_); }
  static paired_gap<Scale> read(byte_reader& r) {
    paired_gap<Scale> g;
    g.differences_ = codec<differences>::read(r);
    return g;
  }
};

// A rule's test is code, so a monitor encodes which standard rules it applies: the set
// (1: nelson_rule_set, 2: western_electric_rule_set) and the id in it.
template <>
struct state_access::codec<rule_monitor> {
  static constexpr state_type type = state_type::rule_monitor;
  static std::vector<control_rule> rule_set(std::uint8_t set) {
    return set == 1 ? nelson_rule_set() : western_electric_rule_set();
  }
  static void write(byte_writer& w, const rule_monitor& m) {
    w.f64(m.center_);
    w.f64(m.sigma_);
    w.u64(m.rules_.size());
    for (const auto& rule : m.rules_) {
      std::uint8_t found = 0;
      for (std::uint8_t set : {std::uint8_t{1}, std::uint8_t{2}}) {
        for (const auto& standard : rule_set(set))
          if (same_rule(rule, standard)) found = set;
        if (found != 0) break;
      }
      if (found == 0)
        throw_invalid_argument("rule_monitor: rule " + std::to_string(rule.id) + " (\"" + rule.description +
                               "\") is neither a Nelson nor a Western Electric rule; a rule's test is code, "
                               "which cannot be encoded");
      w.u8(found);
      w.u8(static_cast<std::uint8_t>(rule.id));
    }
    w.u64(m.count_);
    w.u64(m.recent_.size());
    for (double z : m.recent_) w.f64(z);
  }
  static rule_monitor read(byte_reader& r) {
    const double center = finite_field(r, "centre line"), sigma = finite_field(r, "sigma");
    const std::uint64_t rule_count = r.u64();
    if (rule_count > r.remaining() / 2) corrupt(std::to_string(rule_count) + " rules in " + std::to_string(r.remaining()) + " bytes");
    std::vector<control_rule> rules;
    for (std::uint64_t i = 0; i < rule_count; ++i) {
      const std::uint8_t set = r.u8(), id = r.u8();
      if (set != 1 && set != 2) corrupt("rule set " + std::to_string(set) + " is neither 1 (Nelson) nor 2 (Western Electric)");
      const auto standard = rule_set(set);
      const auto it = std::find_if(standard.begin(), standard.end(), [id](const control_rule& c) { return c.id == id; });
      if (it == standard.end()) corrupt("rule " + std::to_string(id) + " is not in rule set " + std::to_string(set));
      rules.push_back(*it);
    }
    rule_monitor m = construct_or_corrupt([&] { return rule_monitor(center, sigma, rules); });
    m.count_ = static_cast<std::size_t>(r.u64());
    const std::uint64_t recent = r.u64();
    if (recent != std::min<std::uint64_t>(m.count_, m.longest_))
      corrupt(std::to_string(recent) + " recent points where the count and the longest rule window give " +
              std::to_string(std::min<std::uint64_t>(m.count_, m.longest_)));
    m.recent_.resize(static_cast<std::size_t>(recent));
    for (double& z : m.recent_) z = finite_field(r, "recent point");
    return m;
  }
};
}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_CHART_ENCODING_HPP
