#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/multiple_testing.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

TEST_SUITE("multiple testing") {
  TEST_CASE("Holm adjustment matches statsmodels multipletests, ties, 0, 1 and one test included") {
    const auto reference = cxtest::load_json("core_reference.json");
    for (const auto& c : reference.at("holm")) {
      const auto p = c.at("p").get<std::vector<double>>();
      const auto expected = c.at("holm").get<std::vector<double>>();
      const auto adjusted = cx::holm_adjust(p);
      REQUIRE(adjusted.size() == expected.size());
      for (std::size_t i = 0; i < p.size(); ++i) {
        INFO("p[" << i << "] = " << p[i]);
        CXTEST_CHECK_CLOSE(adjusted[i], expected[i], 1e-14);
      }
    }
  }

  TEST_CASE("Holm: no test, no adjustment, and adjusted values never fall below the raw ones") {
    CHECK(cx::holm_adjust({}).empty());
    const std::vector<double> p{0.2, 0.001, 0.03, 0.03, 0.9};
    const auto adjusted = cx::holm_adjust(p);
    for (std::size_t i = 0; i < p.size(); ++i) CHECK(adjusted[i] >= p[i]);
    CHECK(adjusted[2] == adjusted[3]);  // equal p-values, equal adjusted values
  }

  TEST_CASE("Holm refuses p-values that are not probabilities, naming the value and its index") {
    CHECK_THROWS_WITH_AS(cx::holm_adjust({0.1, 1.5}), "p-value 1.5 at index 1 is outside [0, 1]", std::invalid_argument);
    CHECK_THROWS_AS(cx::holm_adjust({-0.01}), std::invalid_argument);
    CHECK_THROWS_AS(cx::holm_adjust({std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
  }

  TEST_CASE("Benjamini-Hochberg matches R's p.adjust(p, \"BH\"), ties, 0, 1 and one test included") {
    const auto reference = cxtest::load_json("decisions_reference.json");
    for (const auto& c : reference.at("bh")) {
      // jsonlite writes a one-element vector as a scalar (auto_unbox).
      const auto as_vector = [](const nlohmann::json& j) {
        return j.is_array() ? j.get<std::vector<double>>() : std::vector<double>{j.get<double>()};
      };
      const auto p = as_vector(c.at("p"));
      const auto expected = as_vector(c.at("adjusted"));
      const auto adjusted = cx::benjamini_hochberg_adjust(p);
      REQUIRE(adjusted.size() == expected.size());
      for (std::size_t i = 0; i < p.size(); ++i) {
        INFO("p[" << i << "] = " << p[i]);
        CXTEST_CHECK_CLOSE(adjusted[i], expected[i], 1e-14);
      }
    }
  }

  TEST_CASE("Benjamini-Hochberg: never below the raw value nor above Holm's, and refuses non-probabilities") {
    CHECK(cx::benjamini_hochberg_adjust({}).empty());
    const std::vector<double> p{0.2, 0.001, 0.03, 0.03, 0.9};
    const auto bh = cx::benjamini_hochberg_adjust(p);
    const auto holm = cx::holm_adjust(p);
    for (std::size_t i = 0; i < p.size(); ++i) {
      CHECK(bh[i] >= p[i]);
      CHECK(bh[i] <= holm[i]);
    }
    CHECK_THROWS_WITH_AS(cx::benjamini_hochberg_adjust({0.1, 1.5}), "p-value 1.5 at index 1 is outside [0, 1]",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::benjamini_hochberg_adjust({std::numeric_limits<double>::quiet_NaN()}), std::invalid_argument);
  }

  TEST_CASE("Benjamini-Hochberg error rate: the false discovery rate stays under q (seeded simulation)") {
    // 200 agents a month, 20 of them truly changed (z shifted by 3), 2000 months: the share
    // of false findings among the findings at q = 0.05 must average at most 0.05 (the
    // guarantee is m0/m q = 0.045 for independent tests).
    std::mt19937_64 rng(1995);
    std::normal_distribution<double> noise(0.0, 1.0);
    double fdr_sum = 0.0;
    const int months = 2000;
    for (int month = 0; month < months; ++month) {
      std::vector<double> p(200);
      for (std::size_t i = 0; i < p.size(); ++i) {
        const double z = noise(rng) + (i < 20 ? 3.0 : 0.0);
        p[i] = std::erfc(std::fabs(z) / std::sqrt(2.0));
      }
      const auto adjusted = cx::benjamini_hochberg_adjust(p);
      int found = 0, false_found = 0;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (adjusted[i] <= 0.05) {
          ++found;
          if (i >= 20) ++false_found;
        }
      if (found > 0) fdr_sum += static_cast<double>(false_found) / found;
    }
    const double fdr = fdr_sum / months;
    MESSAGE("Benjamini-Hochberg at q = 0.05: false discovery rate " << fdr);
    CHECK(fdr <= 0.05);
    CHECK(fdr >= 0.03);  // and it is used: not far below m0/m q
  }
}
