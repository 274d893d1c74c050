#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/multiple_testing.hpp>

#include <limits>
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
}
