// Funnel plots (Spiegelhalter 2005): limits, z and flags against the R formulas in
// tests/reference/make_decisions_reference.R, and the share of in-control units flagged.
#include <cmath>
#include <random>
#include <vector>

#include <cxmetrics/segments/funnel.hpp>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

TEST_SUITE("funnel") {
  TEST_CASE("phi, tau2, z, limits and flags match the R formulas for every overdispersion method") {
    const auto ref = cxtest::load_json("decisions_reference.json");
    const std::pair<const char*, cx::overdispersion> methods[] = {{"none", cx::overdispersion::none},
                                                                  {"multiplicative", cx::overdispersion::multiplicative},
                                                                  {"additive", cx::overdispersion::additive}};
    for (const auto& c : ref["funnels"]) {
      const auto values = c["values"].get<std::vector<double>>();
      const auto ses = c["standard_errors"].get<std::vector<double>>();
      for (const auto& [name, method] : methods) {
        INFO(c["name"].get<std::string>() << ", " << name);
        const auto f = cx::funnel(values, ses, c["target"].get<double>(), c["level"].get<double>(), method,
                                  c["winsorize"].get<double>());
        CXTEST_CHECK_CLOSE(f.phi, c["phi"].get<double>(), 1e-12);
        if (method == cx::overdispersion::additive) CXTEST_CHECK_CLOSE_ABS(f.tau2, c["tau2"].get<double>(), 1e-12, 1e-12);
        else CHECK(f.tau2 == 0.0);
        const auto& expected = c[name];
        REQUIRE(f.units.size() == values.size());
        for (std::size_t i = 0; i < values.size(); ++i) {
          CHECK(f.units[i].value == values[i]);
          CHECK(f.units[i].standard_error == ses[i]);
          CXTEST_CHECK_CLOSE_ABS(f.units[i].z, expected["z"][i].get<double>(), 1e-12, 1e-14);
          // Absolute slack for limits that cancel to near 0 (target - z s with target 20).
          CXTEST_CHECK_CLOSE_ABS(f.units[i].limits.lower, expected["lower"][i].get<double>(), 1e-12, 1e-12);
          CXTEST_CHECK_CLOSE_ABS(f.units[i].limits.upper, expected["upper"][i].get<double>(), 1e-12, 1e-12);
          CHECK(f.units[i].outside == expected["outside"][i].get<bool>());
        }
      }
    }
  }

  TEST_CASE("the overdispersed example flags fewer agents once the between-agent spread is allowed for") {
    const auto ref = cxtest::load_json("decisions_reference.json");
    const auto& c = ref["funnels"][1];  // twenty agents at 95%
    const auto values = c["values"].get<std::vector<double>>();
    const auto ses = c["standard_errors"].get<std::vector<double>>();
    const auto plain = cx::funnel(values, ses, 20.0, 0.95, cx::overdispersion::none, 0.0);
    const auto additive = cx::funnel(values, ses, 20.0, 0.95, cx::overdispersion::additive, 0.0);
    CHECK(additive.phi > 1.0);
    CHECK(additive.outside().size() < plain.outside().size());
  }

  TEST_CASE("nps_funnel and proportion_funnel take the standard error at the pooled value") {
    cx::nps_histogram a, b, c;
    a.add_count(10, 30); a.add_count(8, 10); a.add_count(2, 10);   // +40, n 50
    b.add_count(10, 20); b.add_count(8, 40); b.add_count(2, 40);   // -20, n 100
    c.add_count(10, 15); c.add_count(8, 5); c.add_count(2, 5);     // +40, n 25
    const auto f = cx::nps_funnel(std::vector<cx::nps_histogram>{a, b, c}, 0.95, cx::overdispersion::none);
    // Pooled: 65 promoters, 55 detractors of 175: NPS 100 * 10 / 175.
    const double p = 65.0 / 175, d = 55.0 / 175;
    CXTEST_CHECK_CLOSE(f.target, 100.0 * 10.0 / 175.0, 1e-12);
    CXTEST_CHECK_CLOSE(f.units[1].standard_error, 100.0 * std::sqrt((p + d - (p - d) * (p - d)) / 100.0), 1e-12);
    CHECK(f.units[0].value == doctest::Approx(40.0));
    const auto g = cx::proportion_funnel({40, 30, 10}, {50, 100, 20}, 0.95, cx::overdispersion::none);
    CXTEST_CHECK_CLOSE(g.target, 80.0 / 170.0, 1e-15);
    CXTEST_CHECK_CLOSE(g.units[2].standard_error, std::sqrt(80.0 / 170.0 * 90.0 / 170.0 / 20.0), 1e-15);
    CHECK(g.units[0].value == 0.8);
    CHECK_THROWS_AS(cx::nps_funnel(std::vector<cx::nps_histogram>{a, cx::nps_histogram{}}), cx::insufficient_data);
    CHECK_THROWS_AS(cx::nps_funnel(std::vector<cx::nps_histogram>{}), cx::insufficient_data);
    CHECK_THROWS_WITH_AS(cx::proportion_funnel({5, 30}, {4, 100}), doctest::Contains("5 successes of 4"),
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_funnel({0, 0}, {4, 100}), std::invalid_argument);  // pooled proportion 0
  }

  TEST_CASE("bad input is refused with a message naming it") {
    const std::vector<double> v{1, 2, 3}, s{1, 1, 1};
    CHECK_THROWS_WITH_AS(cx::funnel(v, {1, 1}, 0), doctest::Contains("3 values but 2"), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::funnel(v, {1, 0, 1}, 0), doctest::Contains("standard error 0 of unit 1"),
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::funnel({1, NAN, 3}, s, 0), std::invalid_argument);
    CHECK_THROWS_AS(cx::funnel(v, s, INFINITY), std::invalid_argument);
    CHECK_THROWS_AS(cx::funnel(v, s, 0, 1.0), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::funnel(v, s, 0, 0.95, cx::overdispersion::additive, 0.5), doctest::Contains("winsorize 0.5"),
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::funnel({}, {}, 0), cx::insufficient_data);
    CHECK_THROWS_AS(cx::funnel({1}, {1}, 0), cx::insufficient_data);
    CHECK(cx::funnel({1}, {1}, 0, 0.95, cx::overdispersion::none).units.size() == 1);
    cx::nps_result all_passive{};
    all_passive.passive_share = 1.0;
    CHECK_THROWS_AS(cx::nps_standard_error_at(all_passive, 10), cx::insufficient_data);
    CHECK_THROWS_AS(cx::proportion_standard_error_at(0.5, 0), std::invalid_argument);
  }

  TEST_CASE("error rate: units whose true value is the target are flagged at the rate of the level") {
    // 200 agents of 20..300 answers a month, all at the team's true shares (NPS +20: 45%
    // promoters, 25% detractors), 200 months: with no real difference, the funnel at 0.998
    // should flag 0.2% of agent-months, whatever overdispersion method is used (the corrected
    // methods estimate phi <= 1 or tau2 = 0 most months and so match the plain funnel).
    std::mt19937_64 rng(2005);
    std::uniform_int_distribution<int> size(20, 300);
    std::size_t flagged[3] = {0, 0, 0}, total = 0;
    for (int month = 0; month < 200; ++month) {
      std::vector<cx::nps_histogram> agents(200);
      for (auto& h : agents) {
        const int n = size(rng);
        const int promoters = std::binomial_distribution<int>(n, 0.45)(rng);
        const int detractors = std::binomial_distribution<int>(n - promoters, 0.25 / 0.55)(rng);
        h.add_count(9, static_cast<std::uint64_t>(promoters));
        h.add_count(7, static_cast<std::uint64_t>(n - promoters - detractors));
        h.add_count(0, static_cast<std::uint64_t>(detractors));
      }
      int m = 0;
      for (auto method : {cx::overdispersion::none, cx::overdispersion::multiplicative, cx::overdispersion::additive})
        flagged[m++] += cx::nps_funnel(agents, 0.998, method).outside().size();
      total += agents.size();
    }
    for (int m = 0; m < 3; ++m) {
      const double rate = static_cast<double>(flagged[m]) / static_cast<double>(total);
      MESSAGE("method " << m << ": " << 100.0 * rate << "% of in-control agent-months flagged (nominal 0.2%)");
      CHECK(rate <= 0.004);  // nominal 0.002; the binomial-to-normal approximation at n = 20 costs a little
    }
  }
}
