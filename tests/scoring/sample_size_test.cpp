#include <cxmetrics/scoring/sample_size.hpp>

#include <cmath>
#include <optional>
#include <stdexcept>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {
std::optional<double> population_of(const nlohmann::json& c) {
  if (c.at("population").is_null()) return std::nullopt;
  return c.at("population").get<double>();
}
}  // namespace

TEST_SUITE("sample_size") {
  TEST_CASE("proportion margin: Cochran with finite-population correction, as statsmodels") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    for (const auto& c : reference.at("sample_size").at("proportion")) {
      INFO(c.dump());
      CHECK(cx::proportion_sample_size(c.at("margin"), c.at("expected_share"), c.at("level"), population_of(c)) ==
            c.at("n").get<std::uint64_t>());
    }
    CHECK(cx::proportion_sample_size(0.05) == 385);  // the textbook +-5 points at 95%
  }

  TEST_CASE("NPS margin and per-group sizes for a change") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    for (const auto& c : reference.at("sample_size").at("nps_margin")) {
      INFO(c.dump());
      const cx::nps_planning plan{c.at("promoter_share"), c.at("detractor_share")};
      CHECK(cx::nps_sample_size(c.at("margin"), plan, c.at("level"), population_of(c)) ==
            c.at("n").get<std::uint64_t>());
    }
    for (const auto& c : reference.at("sample_size").at("nps_per_group")) {
      INFO(c.dump());
      const cx::nps_planning a{c.at("first")[0], c.at("first")[1]};
      const cx::nps_planning b{c.at("second")[0], c.at("second")[1]};
      const auto n = cx::nps_sample_size_per_group(a, b, c.at("level"), c.at("power"));
      CHECK(n == c.at("n").get<std::uint64_t>());
      CHECK(cx::nps_sample_size_per_group(b, a, c.at("level"), c.at("power")) == n);  // symmetric
    }
  }

  TEST_CASE("a population smaller than the need caps the sample at the population") {
    CHECK(cx::proportion_sample_size(0.01, 0.5, 0.95, 50.0) <= 50);
    CHECK(cx::proportion_sample_size(0.01, 0.5, 0.95, 1.0) == 1);
  }

  TEST_CASE("requests that cannot be met throw, naming the value") {
    CHECK_THROWS_WITH_AS(cx::proportion_sample_size(0.0), "margin 0 is outside (0, 1): it is a half-width on the 0..1 scale",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_sample_size(1.5), std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_sample_size(0.05, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_sample_size(0.05, 1.2), std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_sample_size(0.05, 0.5, 0.95, 0.5), std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_sample_size(1e-12), std::invalid_argument);  // beyond 2^64
    CHECK_THROWS_WITH_AS(cx::nps_sample_size(5, {0.7, 0.4}),
                         "promoter share 0.7 and detractor share 0.4 add up to more than 1",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::nps_sample_size(5, {1.0, 0.0}), std::invalid_argument);  // no variance
    CHECK_THROWS_AS(cx::nps_sample_size(0, {0.4, 0.2}), std::invalid_argument);
    CHECK_THROWS_AS(cx::nps_sample_size(250, {0.4, 0.2}), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::nps_sample_size_per_group({0.4, 0.2}, {0.3, 0.1}),
                         "the planned scores are equal: a difference of 0 cannot be detected",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::nps_sample_size_per_group({0.4, 0.2}, {0.5, 0.1}, 0.95, 0.4), std::invalid_argument);
    CHECK_THROWS_AS(cx::nps_sample_size_per_group({0.4, 0.2}, {0.5, 0.1}, 1.0, 0.8), std::invalid_argument);
  }
}
