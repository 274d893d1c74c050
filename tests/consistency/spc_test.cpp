#include <cxmetrics/consistency/control_rules.hpp>
#include <cxmetrics/consistency/cusum_chart.hpp>
#include <cxmetrics/consistency/ewma_chart.hpp>
#include <cxmetrics/consistency/shewhart_charts.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {
std::size_t fired(const std::vector<double>& series, int rule) {
  const auto signals = cx::nelson_rules(series, 0.0, 1.0);
  return static_cast<std::size_t>(
      std::count_if(signals.begin(), signals.end(), [&](const cx::rule_signal& s) { return s.rule == rule; }));
}
std::vector<double> repeat(double v, std::size_t n) { return std::vector<double>(n, v); }
std::vector<double> join(std::initializer_list<std::vector<double>> parts) {
  std::vector<double> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
std::vector<double> alternating(std::size_t n) {
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(i % 2 == 0 ? 0.0 : 0.5);
  return out;
}
}  // namespace

TEST_SUITE("nelson rules") {
  TEST_CASE("each rule fires exactly once on a series built for it, and not on a near miss") {
    CHECK(fired({0.5, -0.5, 3.5, 0.2}, 1) == 1);
    CHECK(fired({0.5, 3.0, -3.0}, 1) == 0);  // on the 3-sigma line is not beyond
    CHECK(fired(join({{-0.5}, repeat(0.5, 9), {-0.5}}), 2) == 1);
    CHECK(fired(join({repeat(0.5, 8), {0.0}, {0.5}}), 2) == 0);  // the centre line is neither side
    CHECK(fired({0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.4}, 3) == 1);
    CHECK(fired({0.0, 0.1, 0.2, 0.2, 0.3, 0.4}, 3) == 0);  // a flat step breaks the trend
    CHECK(fired(join({alternating(14), {0.5}}), 4) == 1);  // the 15th repeats: zero step
    CHECK(fired(alternating(13), 4) == 0);
    CHECK(fired({0.0, 2.5, 0.0, 2.1, 0.0, 0.0}, 5) == 1);
    CHECK(fired({0.0, 2.5, 0.0, -2.5, 0.0, 2.0}, 5) == 0);  // opposite sides; 2.0 is on the line
    CHECK(fired({0.0, 1.5, 1.5, 0.0, 1.5, 1.5, 0.0, 0.0}, 6) == 1);
    CHECK(fired({1.5, 1.5, 1.0, 1.5, 0.0}, 6) == 0);
    CHECK(fired(join({{1.5}, repeat(0.5, 15), {1.5}}), 7) == 1);
    CHECK(fired(join({repeat(0.5, 7), {1.0}, repeat(0.5, 7)}), 7) == 0);  // 1.0 is not within
    CHECK(fired({0.0, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 0.0}, 8) == 1);
    CHECK(fired({1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, 1.0}, 8) == 0);
  }

  TEST_CASE("signals are sorted by rule then index, index at the window's last point") {
    const auto s = cx::nelson_rules({0.0, 3.5, 2.5, 2.5, -4.0}, 0.0, 1.0);
    REQUIRE(s.size() >= 3);
    CHECK(s[0] == cx::rule_signal{1, 1});
    CHECK(s[1] == cx::rule_signal{4, 1});
    CHECK(std::is_sorted(s.begin(), s.end(), [](const cx::rule_signal& a, const cx::rule_signal& b) {
      return a.rule != b.rule ? a.rule < b.rule : a.index < b.index;
    }));
  }

  TEST_CASE("match the independent Python implementation on random series") {
    const auto reference = cxtest::load_json("consistency_reference.json");
    for (const auto& c : reference.at("series")) {
      const auto xs = c.at("series").get<std::vector<double>>();
      const auto got = cx::nelson_rules(xs, c.at("nelson").at("center"), c.at("nelson").at("sigma"));
      std::vector<std::vector<long long>> pairs;
      for (const auto& s : got) pairs.push_back({s.rule, static_cast<long long>(s.index)});
      CHECK(pairs == c.at("nelson").at("signals").get<std::vector<std::vector<long long>>>());
    }
  }

  TEST_CASE("the streaming monitor reports the same signals point by point") {
    auto rng = cxtest::seeded_rng(8);
    std::normal_distribution<double> noise(0.0, 1.3);
    std::vector<double> xs(300);
    for (auto& x : xs) x = noise(rng);
    cx::rule_monitor monitor(0.0, 1.0);
    std::vector<cx::rule_signal> streamed;
    for (std::size_t i = 0; i < xs.size(); ++i)
      for (int rule : monitor.update(xs[i])) streamed.push_back({i, rule});
    std::stable_sort(streamed.begin(), streamed.end(),
                     [](const cx::rule_signal& a, const cx::rule_signal& b) { return a.rule < b.rule; });
    const auto batch = cx::nelson_rules(xs, 0.0, 1.0);
    CHECK(streamed == batch);
    CHECK_FALSE(batch.empty());
    CHECK(monitor.count() == 300);
  }

  TEST_CASE("Western Electric rules and a custom rule") {
    const auto we = cx::western_electric_rule_set();
    REQUIRE(we.size() == 4);
    const auto s = cx::chart_signals(join({repeat(0.5, 8)}), 0.0, 1.0, we);
    REQUIRE(s.size() == 1);
    CHECK(s[0] == cx::rule_signal{7, 4});  // 8 on one side
    std::vector<cx::control_rule> custom{
        {100, 2, [](const double* z, std::size_t) { return z[1] - z[0] > 2.5; }, "jump of more than 2.5 sigma"}};
    const auto jumps = cx::chart_signals({0.0, 0.1, 2.9, 3.0}, 0.0, 1.0, custom);
    REQUIRE(jumps.size() == 1);
    CHECK(jumps[0] == cx::rule_signal{2, 100});
  }

  TEST_CASE("one path: nelson_rules and the deprecated apply_rules give chart_signals' answer") {
    std::vector<double> series = join({repeat(0.5, 10), {3.5}, repeat(-1.5, 9)});
    const auto expected = cx::chart_signals(series, 0.0, 1.0);
    REQUIRE(!expected.empty());
    CHECK(cx::nelson_rules(series, 0.0, 1.0) == expected);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    CHECK(cx::apply_rules(series, 0.0, 1.0, cx::nelson_rule_set()) == expected);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  }

  TEST_CASE("errors") {
    CHECK_THROWS_WITH_AS(cx::nelson_rules({1.0}, 0.0, 0.0), "sigma 0 must be finite and positive", std::invalid_argument);
    CHECK_THROWS_AS(cx::nelson_rules({1.0}, std::nan(""), 1.0), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::nelson_rules({1.0, std::numeric_limits<double>::infinity()}, 0.0, 1.0),
                         "point inf at index 1 must be finite", std::invalid_argument);
    CHECK_THROWS_AS(cx::chart_signals({1.0}, 0.0, 1.0, {{9, 0, nullptr, "broken"}}), std::invalid_argument);
    CHECK(cx::nelson_rules({}, 0.0, 1.0).empty());
  }
}

TEST_SUITE("ewma and cusum charts") {
  TEST_CASE("EWMA values and exact time-varying limits match the reference") {
    const auto reference = cxtest::load_json("consistency_reference.json");
    for (const auto& c : reference.at("series")) {
      const auto& e = c.at("ewma");
      cx::ewma_chart chart(c.at("target"), c.at("sigma"), e.at("lambda"), e.at("L"));
      std::size_t i = 0;
      for (double x : c.at("series").get<std::vector<double>>()) {
        const auto& p = e.at("points")[i++];
        INFO("point " << i);
        CHECK(chart.update(x) == p.at("signal").get<bool>());
        CXTEST_CHECK_CLOSE(chart.value(), p.at("value").get<double>(), 1e-13);
        CXTEST_CHECK_CLOSE(chart.lower(), p.at("lower").get<double>(), 1e-13);
        CXTEST_CHECK_CLOSE(chart.upper(), p.at("upper").get<double>(), 1e-13);
      }
    }
  }

  TEST_CASE("EWMA limits equal the closed form bit for bit, long after they stop changing and after resets") {
    for (const double lambda : {0.05, 0.2, 0.5, 1.0}) {
      INFO("lambda " << lambda);
      const double target = 7.5, sigma = 0.4, L = 2.7;
      cx::ewma_chart chart(target, sigma, lambda, L, true);
      std::uint64_t t = 0;
      for (int i = 0; i < 2000; ++i) {
        const double x = i % 500 == 499 ? 100.0 : target + 0.1 * std::sin(i);  // a few signals, then resets
        const bool signal = chart.update(x);
        ++t;
        const double half = L * sigma * std::sqrt(lambda / (2.0 - lambda) * (1.0 - std::pow(1.0 - lambda, 2.0 * static_cast<double>(t))));
        REQUIRE(chart.lower() == target - half);
        REQUIRE(chart.upper() == target + half);
        if (signal) t = 0;
      }
      CHECK(chart.signals() >= 3);
    }
  }

  TEST_CASE("EWMA starts at the target and can reset after a signal") {
    cx::ewma_chart chart(10.0, 1.0, 0.5, 2.0, true);
    CHECK(chart.value() == 10.0);
    CHECK(chart.update(10.0) == false);
    CHECK(chart.update(16.0));  // z = 13 beyond 10 + 2 sqrt(1/3 (1 - 1/16))
    CHECK(chart.value() == 10.0);
    CHECK(chart.count() == 0);
    CHECK(chart.signals() == 1);
  }

  TEST_CASE("CUSUM values match the reference") {
    const auto reference = cxtest::load_json("consistency_reference.json");
    for (const auto& c : reference.at("series")) {
      const auto& k = c.at("cusum");
      cx::cusum_chart chart(c.at("target"), c.at("sigma"), k.at("k"), k.at("h"), k.at("head_start"));
      std::size_t i = 0;
      for (double x : c.at("series").get<std::vector<double>>()) {
        const auto& p = k.at("points")[i++];
        INFO("point " << i);
        CHECK(chart.update(x) == p.at("signal").get<bool>());
        CXTEST_CHECK_CLOSE_ABS(chart.upper(), p.at("upper").get<double>(), 1e-12, 1e-12);
        CXTEST_CHECK_CLOSE_ABS(chart.lower(), p.at("lower").get<double>(), 1e-12, 1e-12);
      }
    }
  }

  TEST_CASE("Lucas and Crosier (1982) fast-initial-response example, h = 5, k = 0.5") {
    const double xs[] = {0.8, 1.9, 1.4, 2.0, 1.1, 0.7, 2.6};
    const double plain[] = {0.3, 1.7, 2.6, 4.1, 4.7, 4.9, 7.0};
    const double fir[] = {2.8, 4.2, 5.1, 6.6, 7.2, 7.4, 9.5};
    cx::cusum_chart a(0.0, 1.0), b(0.0, 1.0, 0.5, 5.0, 2.5);
    for (int i = 0; i < 7; ++i) {
      CHECK(a.update(xs[i]) == (i == 6));  // the plain CUSUM signals at the 7th sample
      CHECK(b.update(xs[i]) == (i >= 2));  // the FIR CUSUM from the 3rd
      CHECK(a.upper() == doctest::Approx(plain[i]));
      CHECK(b.upper() == doctest::Approx(fir[i]));
    }
    a.reset();
    CHECK(a.upper() == 0.0);
  }

  TEST_CASE("chart parameter errors") {
    CHECK_THROWS_AS(cx::ewma_chart(10, 0), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::ewma_chart(10, 1, 1.5), "lambda 1.5 is outside (0, 1]", std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_chart(10, 1, 0.2, 0), std::invalid_argument);
    CHECK_THROWS_AS(cx::cusum_chart(10, -1), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_chart(10, 1, 0.5, 5, 5), "head start 5 is outside [0, h)", std::invalid_argument);
    cx::ewma_chart e(10, 1);
    CHECK_THROWS_AS(e.update(std::nan("")), std::invalid_argument);
    CHECK(e.count() == 0);
  }
}

TEST_SUITE("shewhart charts") {
  TEST_CASE("individuals chart matches the reference") {
    const auto reference = cxtest::load_json("consistency_reference.json");
    for (const auto& c : reference.at("series")) {
      const auto chart = cx::individuals_limits(c.at("series").get<std::vector<double>>());
      const auto& r = c.at("individuals");
      CXTEST_CHECK_CLOSE(chart.center, r.at("center").get<double>(), 1e-13);
      CXTEST_CHECK_CLOSE(chart.sigma, r.at("sigma").get<double>(), 1e-13);
      CXTEST_CHECK_CLOSE(chart.lower, r.at("lower").get<double>(), 1e-13);
      CXTEST_CHECK_CLOSE(chart.upper, r.at("upper").get<double>(), 1e-13);
      CXTEST_CHECK_CLOSE(chart.mean_moving_range, r.at("mean_moving_range").get<double>(), 1e-13);
      CHECK(chart.beyond_limits == r.at("beyond").get<std::vector<std::size_t>>());
    }
    CHECK_THROWS_AS(cx::individuals_limits({3.0}), cx::insufficient_data);
    CHECK_THROWS_AS(cx::individuals_limits({3.0, 3.0, 3.0}), cx::insufficient_data);
  }

  TEST_CASE("individuals chart with a sigma floor: raised only when the moving ranges are smaller") {
    // Moving ranges 1, 1, 1: sigma = 1 / d2 = sqrt(pi) / 2 = 0.886; the centre is 10.5.
    const std::vector<double> series{10, 11, 10, 11};
    const auto kept = cx::individuals_limits(series, 0.5);
    CHECK_FALSE(kept.sigma_floored);
    CXTEST_CHECK_CLOSE(kept.sigma, std::sqrt(std::acos(-1.0)) / 2.0, 1e-15);
    const auto raised = cx::individuals_limits(series, 2.0);
    CHECK(raised.sigma_floored);
    CHECK(raised.sigma == 2.0);
    CHECK(raised.lower == 4.5);
    CHECK(raised.upper == 16.5);
    CHECK(raised.mean_moving_range == 1.0);  // the data's own moving range, as measured
    CXTEST_CHECK_CLOSE(raised.moving_range_upper, 3.267 * cx::moving_range_d2 * 2.0, 1e-15);  // the floor's
    CXTEST_CHECK_CLOSE(kept.moving_range_upper, 3.267, 1e-15);
    // A spike that tiny moving ranges would call a signal is within a floored chart's limits.
    const std::vector<double> spike{50, 50.01, 50, 50.01, 50, 50.3};
    CHECK(cx::individuals_limits(spike).beyond_limits == std::vector<std::size_t>{5});
    CHECK(cx::individuals_limits(spike, 0.2).beyond_limits.empty());
    // With a floor a flat series has a chart: every point on the centre line.
    const auto flat = cx::individuals_limits({3.0, 3.0, 3.0}, 0.5);
    CHECK(flat.sigma == 0.5);
    CHECK(flat.lower == 1.5);
    CHECK(flat.upper == 4.5);
    CHECK(flat.beyond_limits.empty());
    // Its centre is the value itself: nine 0.1s sum to 0.9 / 9 = 0.09999999999999999, and a
    // centre a rounding error below every point would put all nine on one side (rule 2).
    const std::vector<double> tenths(9, 0.1);
    const auto flat_tenths = cx::individuals_limits(tenths, 0.05);
    CHECK(flat_tenths.center == 0.1);
    CHECK(cx::chart_signals(tenths, flat_tenths).empty());
    CHECK_THROWS_WITH_AS(cx::individuals_limits(series, -1.0), "minimum sigma -1 must be finite and non-negative",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::individuals_limits(series, std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(cx::individuals_limits({3.0}, 1.0), cx::insufficient_data);
  }

  TEST_CASE("chart_signals: the stratification rule is not applied to a floored chart") {
    // Fifteen points alternating 10 +- 0.1: moving ranges 0.2 give sigma 0.177, every point
    // strictly within 1 sigma, so rule 7 fires (and rule 4, fourteen alternating).
    std::vector<double> series;
    for (int i = 0; i < 15; ++i) series.push_back(i % 2 ? 10.1 : 9.9);
    const auto own = cx::individuals_limits(series);
    const auto signals = cx::chart_signals(series, own);
    CHECK(signals == cx::nelson_rules(series, own.center, own.sigma));
    CHECK(std::count_if(signals.begin(), signals.end(), [](const cx::rule_signal& s) { return s.rule == 7; }) == 1);
    // Floored at a standard error of 1, the points are far inside 1 sigma by construction:
    // rule 7 says nothing; the alternation (rule 4) does not depend on sigma and stays.
    const auto floored = cx::chart_signals(series, cx::individuals_limits(series, 1.0));
    CHECK(floored == std::vector<cx::rule_signal>{{13, 4}, {14, 4}});
    // Twenty equal weekly scores with a floor: no signal at all.
    const std::vector<double> steady(20, 60.0);
    CHECK(cx::chart_signals(steady, cx::individuals_limits(steady, 2.0)).empty());
    // Only rules marked as detecting low variation are dropped, whatever their id.
    cx::control_rule custom{7, 1, [](const double* z, std::size_t) { return std::fabs(z[0]) > 0.5; }, "custom"};
    CHECK(cx::chart_signals(steady, cx::individuals_limits(steady, 2.0), {custom}).empty());
    const std::vector<double> jump{60, 60, 62};
    CHECK(cx::chart_signals(jump, cx::individuals_limits(jump, 2.0), {custom}) == std::vector<cx::rule_signal>{{2, 7}});
  }

  TEST_CASE("p-chart and Laney p' chart match the reference") {
    const auto reference = cxtest::load_json("consistency_reference.json");
    for (const auto& c : reference.at("p_chart")) {
      const auto events = c.at("events").get<std::vector<double>>();
      const auto sizes = c.at("sizes").get<std::vector<double>>();
      for (bool laney : {false, true}) {
        const auto chart = cx::p_chart_limits(events, sizes, laney);
        const auto& r = c.at(laney ? "laney" : "plain");
        CXTEST_CHECK_CLOSE(chart.center, c.at("center").get<double>(), 1e-14);
        if (laney) CXTEST_CHECK_CLOSE(chart.laney_sigma_z, c.at("laney_sigma_z").get<double>(), 1e-12);
        for (std::size_t i = 0; i < events.size(); ++i) {
          CXTEST_CHECK_CLOSE_ABS(chart.points[i].lower, r.at("lower")[i].get<double>(), 1e-12, 1e-15);
          CXTEST_CHECK_CLOSE_ABS(chart.points[i].upper, r.at("upper")[i].get<double>(), 1e-12, 1e-15);
        }
        CHECK(chart.beyond_limits == r.at("beyond").get<std::vector<std::size_t>>());
      }
    }
  }

  TEST_CASE("p-chart errors") {
    CHECK_THROWS_AS(cx::p_chart_limits({1, 2}, {10}), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::p_chart_limits({11, 2}, {10, 10}),
                         "period 0 has 11 events of 10; need 0 <= events <= size, size > 0", std::invalid_argument);
    CHECK_THROWS_AS(cx::p_chart_limits({0, 0}, {10, 10}), cx::insufficient_data);
    CHECK_THROWS_AS(cx::p_chart_limits({1}, {10}), cx::insufficient_data);
  }
}
