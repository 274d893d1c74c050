#include <cxmetrics/consistency/control_rules.hpp>
#include <cxmetrics/consistency/cusum_chart.hpp>
#include <cxmetrics/consistency/ewma_chart.hpp>
#include <cxmetrics/consistency/run_length.hpp>
#include <cxmetrics/consistency/shewhart_charts.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {
cx::ewma_limits limits_named(const std::string& name) {
  return name == "exact" ? cx::ewma_limits::exact : cx::ewma_limits::asymptotic;
}

// Checks `compute(case)` against each case's `field` in the spc reference file to 1e-6
// (relative); returns the largest relative difference, which the tests report.
template <class Compute>
double largest_difference(const char* table, const char* field, Compute compute) {
  const auto ref = cxtest::load_json("run_length_reference.json");
  double worst = 0.0;
  for (const auto& c : ref.at(table)) {
    INFO(table << " " << c.dump());
    const double actual = compute(c), expected = c.at(field);
    CXTEST_CHECK_CLOSE(actual, expected, 1e-6);
    worst = std::max(worst, std::fabs(actual - expected) / std::fabs(expected));
  }
  return worst;
}

// Mean and standard error of the run lengths (points up to and including the first
// signal) of `runs` charts made by `make`, on N(shift, 1) data.
template <class Make>
std::pair<double, double> simulated_arl(Make make, double shift, int runs, std::uint64_t seed) {
  auto rng = cxtest::seeded_rng(seed);
  std::normal_distribution<double> noise(shift, 1.0);
  double sum = 0.0, sum_sq = 0.0;
  for (int r = 0; r < runs; ++r) {
    auto chart = make();
    double length = 1.0;
    while (!chart.update(noise(rng))) length += 1.0;
    sum += length;
    sum_sq += length * length;
  }
  const double n = static_cast<double>(runs), mean = sum / n;
  return {mean, std::sqrt((sum_sq / n - mean * mean) / (n - 1.0))};
}
}  // namespace

TEST_SUITE("run_length") {
  TEST_CASE("CUSUM ARLs match R spc's xcusum.arl(sided = \"two\") over k, h, shifts and head starts") {
    const double worst = largest_difference("cusum_arl", "arl", [](const nlohmann::json& c) {
      return cx::cusum_arl(c.at("k"), c.at("h"), c.at("shift"), c.at("head_start"));
    });
    MESSAGE("CUSUM ARL: largest relative difference from spc " << worst);
  }

  TEST_CASE("EWMA ARLs match R spc's xewma.arl(sided = \"two\"), asymptotic (fix) and exact (vacl) limits") {
    const double worst = largest_difference("ewma_arl", "arl", [](const nlohmann::json& c) {
      return cx::ewma_arl(c.at("lambda"), c.at("L"), c.at("shift"), limits_named(c.at("limits")));
    });
    MESSAGE("EWMA ARL: largest relative difference from spc " << worst);
  }

  TEST_CASE("thresholds and widths for an in-control ARL match xcusum.crit and xewma.crit") {
    // Each root is solved to rounding: the chart it gives has the asked ARL to 1e-9.
    const double worst_h = largest_difference("cusum_threshold", "h", [](const nlohmann::json& c) {
      const double k = c.at("k"), arl = c.at("in_control_arl"), h = cx::cusum_threshold_for_arl(k, arl);
      CXTEST_CHECK_CLOSE(cx::cusum_arl(k, h), arl, 1e-9);
      return h;
    });
    const double worst_L = largest_difference("ewma_width", "L", [](const nlohmann::json& c) {
      const double lambda = c.at("lambda"), arl = c.at("in_control_arl");
      const auto limits = limits_named(c.at("limits"));
      const double L = cx::ewma_width_for_arl(lambda, arl, limits);
      CXTEST_CHECK_CLOSE(cx::ewma_arl(lambda, L, 0.0, limits), arl, 1e-9);
      return L;
    });
    MESSAGE("h and L: largest relative difference from spc " << std::max(worst_h, worst_L));
  }

  TEST_CASE("published tables: Montgomery 9.3, Lucas and Crosier 1982, Lucas and Saccucci 1990, to their rounding") {
    const auto ref = cxtest::load_json("run_length_reference.json");
    REQUIRE(ref.at("published").size() >= 20);
    for (const auto& c : ref.at("published")) {
      const double published = c.at("published");
      const int decimals = c.at("decimals");
      INFO(c.dump());
      const double arl = c.at("chart") == "cusum"
                             ? cx::cusum_arl(c.at("k"), c.at("h"), c.at("shift"), c.at("head_start"))
                             : cx::ewma_arl(c.at("lambda"), c.at("L"), c.at("shift"), cx::ewma_limits::asymptotic);
      CHECK(std::fabs(arl - published) <= 0.5 * std::pow(10.0, -decimals));
    }
  }

  TEST_CASE("Gauss-Legendre rules: the 3-point rule, and exact integrals of x^(2n-2) up to 800 nodes") {
    const auto three = cx::detail::gauss_legendre(3);
    CXTEST_CHECK_CLOSE(three.nodes[2], std::sqrt(0.6), 1e-15);
    CHECK(three.nodes[1] == 0.0);
    CXTEST_CHECK_CLOSE(three.nodes[0], -std::sqrt(0.6), 1e-15);
    CXTEST_CHECK_CLOSE(three.weights[0], 5.0 / 9.0, 1e-15);
    CXTEST_CHECK_CLOSE(three.weights[1], 8.0 / 9.0, 1e-15);
    for (std::size_t n : {1u, 2u, 7u, 40u, 161u, 800u}) {
      const auto rule = cx::detail::gauss_legendre(n);
      double total = 0.0, moment = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        total += rule.weights[i];
        moment += rule.weights[i] * std::pow(rule.nodes[i], static_cast<double>(2 * n - 2));
      }
      INFO("n = " << n);
      CXTEST_CHECK_CLOSE(total, 2.0, 1e-13);
      CXTEST_CHECK_CLOSE(moment, 2.0 / static_cast<double>(2 * n - 1), 1e-12);
      CHECK(std::is_sorted(rule.nodes.begin(), rule.nodes.end()));
    }
  }

  TEST_CASE("with lambda = 1 the EWMA is a Shewhart chart: ARL = 1 / P(|X| > L) in closed form") {
    for (double L : {1.0, 2.0, 3.0, 4.5}) {
      for (double shift : {0.0, 0.5, 2.0}) {
        const double inside = 0.5 * std::erfc(-(L - shift) / std::sqrt(2.0)) - 0.5 * std::erfc(-(-L - shift) / std::sqrt(2.0));
        CXTEST_CHECK_CLOSE(cx::ewma_arl(1.0, L, shift), 1.0 / (1.0 - inside), 1e-10);
        CXTEST_CHECK_CLOSE(cx::ewma_arl(1.0, L, shift, cx::ewma_limits::exact), 1.0 / (1.0 - inside), 1e-10);
      }
    }
  }

  TEST_CASE("the CUSUM's equations stay accurate where the plain Nystrom system is nearly singular") {
    // In-control ARLs of 5e5 to 6e10: spc's unsplit system loses digits there, visible as a
    // difference between its runs on 60 and 120 nodes; the renewal form lies between them.
    const auto ref = cxtest::load_json("run_length_reference.json");
    for (const auto& c : ref.at("cusum_arl_large")) {
      INFO(c.dump());
      const double a = c.at("arl_r60"), b = c.at("arl_r120");
      const double spread = std::fabs(a - b) + 1e-9 * std::fabs(a);
      const double arl = cx::cusum_arl(c.at("k"), c.at("h"), 0.0, c.at("head_start"));
      CHECK(arl >= std::min(a, b) - spread);
      CHECK(arl <= std::max(a, b) + spread);
    }
    // Far beyond (1e17, where the unsplit matrix is singular to double precision), against
    // Siegmund's (1985) approximation of the one-sided ARL, (exp(2kb) - 2kb - 1) / (2k^2)
    // with b = h + 1.166, halved for two sides: it runs about 6% high for k = 1.
    for (double h : {12.0, 16.0, 20.0}) {
      const double b = h + 1.166, siegmund = (std::exp(2.0 * b) - 2.0 * b - 1.0) / 2.0 / 2.0;
      INFO("h " << h << ": " << cx::cusum_arl(1.0, h) << " against Siegmund's " << siegmund);
      CHECK(std::fabs(cx::cusum_arl(1.0, h) / siegmund - 1.0) < 0.1);
    }
  }

  TEST_CASE("twice the quadrature nodes change no ARL by more than 1e-10: the quadrature is converged") {
    for (double h : {2.0, 8.0, 20.0}) {
      for (double shift : {0.0, 1.0, 3.0}) {
        const std::size_t n = cx::detail::cusum_nodes(h);
        CXTEST_CHECK_CLOSE(cx::detail::cusum_two_sided_arl(0.5, h, shift, h / 2, 2 * n),
                           cx::detail::cusum_two_sided_arl(0.5, h, shift, h / 2, n), 1e-10);
      }
    }
    for (double lambda : {0.02, 0.2, 1.0}) {
      for (double L : {1.0, 3.5}) {
        for (double shift : {0.0, 1.0, 3.0}) {
          INFO("lambda " << lambda << ", L " << L << ", shift " << shift);
          const std::size_t n = cx::detail::ewma_nodes(lambda, L, cx::ewma_limits::exact);
          const double c = L * std::sqrt(lambda / (2.0 - lambda));
          CXTEST_CHECK_CLOSE(cx::detail::ewma_run_length_function(lambda, c, shift, 2 * n)(0.0),
                             cx::detail::ewma_run_length_function(lambda, c, shift, n)(0.0), 1e-10);
          CXTEST_CHECK_CLOSE(cx::detail::ewma_exact_arl(lambda, L, shift, 2 * n),
                             cx::detail::ewma_exact_arl(lambda, L, shift, n), 1e-10);
        }
      }
    }
  }

  TEST_CASE("cusum_chart's run lengths agree with cusum_arl (seeded Monte Carlo)") {
    // In control, k = 0.5, h = 4: ARL 167.7; 2,000 runs give a standard error near 2%.
    auto plain = simulated_arl([] { return cx::cusum_chart(0.0, 1.0, 0.5, 4.0); }, 0.0, 2000, 11);
    const double arl = cx::cusum_arl(0.5, 4.0);
    INFO("simulated " << plain.first << " +- " << plain.second << ", computed " << arl);
    CHECK(std::fabs(plain.first - arl) < 4.0 * plain.second);
    // A one-sigma shift with the 50% head start (both sums start at h/2): ARL 5.29.
    auto fir = simulated_arl([] { return cx::cusum_chart(0.0, 1.0, 0.5, 4.0, 2.0); }, 1.0, 4000, 12);
    const double fir_arl = cx::cusum_arl(0.5, 4.0, 1.0, 2.0);
    INFO("FIR: simulated " << fir.first << " +- " << fir.second << ", computed " << fir_arl);
    CHECK(std::fabs(fir.first - fir_arl) < 4.0 * fir.second);
    CHECK(std::fabs(fir.first - cx::cusum_arl(0.5, 4.0, 1.0)) > 10.0 * fir.second);  // the head start matters
  }

  TEST_CASE("ewma_chart's run lengths agree with ewma_arl for its exact limits, not the asymptotic ones") {
    // lambda = 0.05 after a one-sigma shift: the exact limits are narrow over the first
    // points, so the chart signals after 6.9 points on average, not the 11.4 of the tables.
    auto shifted = simulated_arl([] { return cx::ewma_chart(0.0, 1.0, 0.05, 2.615); }, 1.0, 4000, 21);
    const double exact = cx::ewma_arl(0.05, 2.615, 1.0, cx::ewma_limits::exact);
    const double asymptotic = cx::ewma_arl(0.05, 2.615, 1.0);
    INFO("simulated " << shifted.first << " +- " << shifted.second << ", exact " << exact << ", asymptotic " << asymptotic);
    CHECK(std::fabs(shifted.first - exact) < 4.0 * shifted.second);
    CHECK(std::fabs(shifted.first - asymptotic) > 20.0 * shifted.second);
    // In control, lambda = 0.2 built for an in-control ARL of 200.
    const cx::ewma_chart calibrated = cx::ewma_chart_for_arl(0.0, 1.0, 200.0, 0.2);
    auto stable = simulated_arl([&] { return calibrated; }, 0.0, 2000, 22);
    INFO("in control: simulated " << stable.first << " +- " << stable.second);
    CHECK(std::fabs(stable.first - 200.0) < 4.0 * stable.second);
  }

  TEST_CASE("charts built for an in-control ARL carry the calibrated h and L") {
    const double h = cx::cusum_threshold_for_arl(0.5, 370.4);
    CHECK(cx::cusum_chart_for_arl(10.0, 2.0, 370.4) == cx::cusum_chart(10.0, 2.0, 0.5, h));
    CHECK(cx::cusum_chart_for_arl(10.0, 2.0, 1000.0, 0.25) ==
          cx::cusum_chart(10.0, 2.0, 0.25, cx::cusum_threshold_for_arl(0.25, 1000.0)));
    const double L = cx::ewma_width_for_arl(0.1, 500.0, cx::ewma_limits::exact);
    CHECK(cx::ewma_chart_for_arl(10.0, 2.0, 500.0, 0.1) == cx::ewma_chart(10.0, 2.0, 0.1, L));
    CHECK(L > cx::ewma_width_for_arl(0.1, 500.0));  // narrow early limits cost a wider asymptote
    CHECK_THROWS_AS(cx::cusum_chart_for_arl(10.0, 0.0, 370.4), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_chart_for_arl(10.0, 1.0, 0.5), std::invalid_argument);
  }

  TEST_CASE("bad parameters are refused, naming the value and the rule") {
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH_AS(cx::cusum_arl(-0.5, 5), "CUSUM k -0.5 must be finite and non-negative", std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_arl(0.5, 0), "CUSUM h 0 must be finite and positive", std::invalid_argument);
    CHECK_THROWS_AS(cx::cusum_arl(0.5, inf), std::invalid_argument);
    CHECK_THROWS_AS(cx::cusum_arl(nan, 5), std::invalid_argument);
    CHECK_THROWS_AS(cx::cusum_arl(0.5, 5, nan), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_arl(0.5, 5, 0, 3.5), "CUSUM head start 3.5 is outside [0, h/2 + k] = [0, 3]",
                         std::invalid_argument);
    CHECK(cx::cusum_arl(0.5, 5, 0, 3.0) < cx::cusum_arl(0.5, 5, 0, 2.5));  // h/2 + k itself is allowed
    CHECK_THROWS_AS(cx::cusum_arl(0.5, 5, 0, -1), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_arl(0.5, 400), "CUSUM h 400 is above 300 (sigma), the widest chart this method resolves",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_arl(5.0, 250), "CUSUM k 5, h 250 has an ARL too large to represent",
                         std::invalid_argument);

    CHECK_THROWS_WITH_AS(cx::ewma_arl(0, 3), "EWMA lambda 0 is outside (0, 1]", std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(1.5, 3), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(nan, 3), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::ewma_arl(0.2, -1), "EWMA L -1 must be finite and positive", std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(0.2, inf), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(0.2, 3, inf), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(0.2, 3, 0, static_cast<cx::ewma_limits>(7)), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::ewma_arl(1.0, 7.0), "EWMA lambda 1, L 7 has an ARL above 1000000000, beyond what this method computes to six digits",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(1e-4, 3.0), std::invalid_argument);  // limits 424 steps wide
    CHECK_THROWS_WITH_AS(cx::ewma_arl(0.001, 1.0, 0, cx::ewma_limits::exact),
                         "EWMA lambda 0.001: the exact limits take 11508 periods to settle, above the 5000 this method "
                         "follows (use ewma_limits::asymptotic)",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_arl(1e-20, 1e-12, 0, cx::ewma_limits::exact), std::invalid_argument);  // 1e21 periods
    CHECK(cx::ewma_arl(0.001, 1.0) > 1.0);  // the asymptotic limits are fine there

    CHECK_THROWS_WITH_AS(cx::cusum_threshold_for_arl(0.5, 1.0), "in-control ARL 1 must be finite and greater than 1",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::cusum_threshold_for_arl(0.5, inf), std::invalid_argument);
    CHECK_THROWS_AS(cx::cusum_threshold_for_arl(-1, 370), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_threshold_for_arl(1.0, 3.0),
                         "in-control ARL 3 is at or below 3.1514871875343777, the ARL of a CUSUM with k 1 as h tends to 0",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::cusum_threshold_for_arl(0.0, 1e9),
                         "in-control ARL 1000000000 needs h above 300, the largest this method resolves", std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_width_for_arl(0.0, 370), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_width_for_arl(0.2, 0.5), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_width_for_arl(0.2, 2e9), std::invalid_argument);
    CHECK_THROWS_AS(cx::ewma_width_for_arl(0.2, 370, static_cast<cx::ewma_limits>(-1)), std::invalid_argument);
  }
}

TEST_SUITE("decision error rates") {
  // P(at least one signal) of the rule sets on a stable series, against an independent
  // numpy simulation of 200,000 series (tests/reference/make_rule_rates_reference.py).
  TEST_CASE("Nelson and Western Electric rules on stable series of 12, 52 and 365 points") {
    const auto ref = cxtest::load_json("rule_rates_reference.json");
    const auto nelson = cx::nelson_rule_set();
    const auto western = cx::western_electric_rule_set();
    auto rng = cxtest::seeded_rng(1984);
    std::normal_distribution<double> noise(0.0, 1.0);
    for (const auto& r : ref.at("rates")) {
      const std::size_t points = r.at("points");
      const bool estimated = r.at("limits") == "estimated";
      const auto& rules = r.at("rules") == "nelson" ? nelson : western;
      const double expected = r.at("probability");
      const int runs = points == 365 ? 600 : 1500;
      int signalled = 0;
      std::vector<double> series(points);
      for (int i = 0; i < runs; ++i) {
        for (auto& x : series) x = noise(rng);
        double center = 0.0, sigma = 1.0;
        if (estimated) {
          const auto chart = cx::individuals_limits(series);
          center = chart.center;
          sigma = chart.sigma;
        }
        if (!cx::chart_signals(series, center, sigma, rules).empty()) ++signalled;
      }
      const double p = signalled / static_cast<double>(runs);
      const double se = std::sqrt(expected * (1.0 - expected) / runs) + r.at("standard_error").get<double>();
      INFO(r.dump() << ": simulated " << p);
      CHECK(std::fabs(p - expected) <= 4.0 * se + 1.0 / runs);
      if (!estimated) CHECK(expected >= ref.at("rule_1_lower_bound").at(std::to_string(points)).get<double>());
    }
  }

  TEST_CASE("false alarms of 40 stable agents over a year are 40 * 365 / ARL0 for charts built for ARL0") {
    // Charts reset after each alarm, so an agent's alarms form a renewal process whose mean
    // gap is the in-control ARL: 40 agents watched daily for a year raise 40 * 365 / ARL0
    // false alarms on average. 30 simulated years per setting; the Poisson standard error of
    // their mean is sqrt(expected / 30).
    auto rng = cxtest::seeded_rng(365);
    std::normal_distribution<double> noise(0.0, 1.0);
    const int years = 30, agents = 40, days = 365;
    for (double arl0 : {370.0, 1000.0, 5000.0, 20000.0}) {
      const cx::cusum_chart cusum0 = cx::cusum_chart_for_arl(0.0, 1.0, arl0);
      const cx::ewma_chart ewma0(0.0, 1.0, 0.2, cx::ewma_width_for_arl(0.2, arl0, cx::ewma_limits::exact), true);
      double cusum_alarms = 0.0, ewma_alarms = 0.0, cusum_agents = 0.0, ewma_agents = 0.0;
      for (int y = 0; y < years; ++y) {
        for (int agent = 0; agent < agents; ++agent) {
          cx::cusum_chart cusum = cusum0;
          cx::ewma_chart ewma = ewma0;
          int c = 0, e = 0;
          for (int day = 0; day < days; ++day) {
            const double x = noise(rng);
            if (cusum.update(x)) {
              ++c;
              cusum.reset();
            }
            if (ewma.update(x)) ++e;  // built with reset_on_signal
          }
          cusum_alarms += c;
          ewma_alarms += e;
          cusum_agents += c > 0 ? 1.0 : 0.0;
          ewma_agents += e > 0 ? 1.0 : 0.0;
        }
      }
      const double expected = agents * days / arl0, se = std::sqrt(expected / years);
      MESSAGE("ARL0 " << arl0 << ": expected " << expected << " false alarms a year; simulated CUSUM "
                      << cusum_alarms / years << " (" << cusum_agents / (years * agents) << " of agents alarmed), EWMA "
                      << ewma_alarms / years << " (" << ewma_agents / (years * agents) << ")");
      CHECK(std::fabs(cusum_alarms / years - expected) < 4.0 * se);
      CHECK(std::fabs(ewma_alarms / years - expected) < 4.0 * se);
    }
  }
}
