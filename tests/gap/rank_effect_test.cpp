// The effect and the switches of the rank tests: the probability of superiority with its
// Brunner-Munzel interval (statsmodels), the continuity switch (scipy, R), and the paired
// effect's interval (R t.test on the pair scores). Reference: tests/reference/make_rank_effect_reference.py.
#include <cxmetrics/gap/perception_gap.hpp>
#include <cxmetrics/gap/rank_tests.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../support/histogram_support.hpp"
#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {

template <class Scale>
void check_unpaired_effect(const nlohmann::json& c) {
  const auto first = cxtest::histogram_of<Scale>(c.at("first"));
  const auto second = cxtest::histogram_of<Scale>(c.at("second"));
  INFO("first " << c.at("first").dump() << " second " << c.at("second").dump());
  for (const char* which : {"corrected", "uncorrected"}) {
    const bool continuity = std::string(which) == "corrected";
    const cx::rank_test t = cx::mann_whitney(first, second, 0.95, continuity);
    const auto& e = c.at("mann_whitney").at(which);
    CXTEST_CHECK_CLOSE(t.statistic, e.at("statistic").get<double>(), 1e-13);
    CXTEST_CHECK_CLOSE_ABS(t.p_value, e.at("p_value").get<double>(), 1e-9, 1e-300);
  }
  for (const auto& l : c.at("effect_ci")) {
    const double level = l.at("level");
    INFO("level " << level);
    const cx::rank_test t = cx::mann_whitney(first, second, level);
    CXTEST_CHECK_CLOSE(t.effect, c.at("effect").get<double>(), 1e-13);
    CHECK(t.level == level);
    if (l.at("ci").is_null()) {  // statsmodels: NaN; cxmetrics claims nothing
      CHECK(t.ci.lower == 0.0);
      CHECK(t.ci.upper == 1.0);
    } else {
      CXTEST_CHECK_CLOSE_ABS(t.ci.lower, std::max(0.0, l.at("ci")[0].get<double>()), 1e-9, 1e-12);
      CXTEST_CHECK_CLOSE_ABS(t.ci.upper, std::min(1.0, l.at("ci")[1].get<double>()), 1e-9, 1e-12);
    }
  }
  // Cliff's delta is the same effect on -1..1.
  CXTEST_CHECK_CLOSE_ABS(cx::cliffs_delta(first, second), 2 * c.at("effect").get<double>() - 1, 1e-12, 1e-14);
}

}  // namespace

TEST_SUITE("rank effects") {
  TEST_CASE("Mann-Whitney's probability of superiority and its interval match statsmodels") {
    const auto reference = cxtest::load_json("rank_effect_reference.json");
    for (const auto& c : reference.at("unpaired")) {
      const int hi = c.at("hi");
      if (hi == 5) check_unpaired_effect<cx::csat_scale>(c);
      else if (hi == 10) check_unpaired_effect<cx::nps_scale>(c);
      else check_unpaired_effect<cx::ces_scale>(c);
    }
  }

  TEST_CASE("the signed-rank effect, its interval and the continuity switch match R") {
    const auto reference = cxtest::load_json("rank_effect_reference.json");
    for (const auto& c : reference.at("paired")) {
      const auto d = cxtest::histogram_of<cx::scale<-4, 4>>(c.at("differences"));
      INFO("differences " << c.at("differences").dump());
      const cx::rank_test plain = cx::wilcoxon_signed_rank(d, 0.95, false);
      CXTEST_CHECK_CLOSE(plain.statistic, c.at("uncorrected").at("statistic").get<double>(), 1e-13);
      CXTEST_CHECK_CLOSE_ABS(plain.p_value, c.at("uncorrected").at("p_value").get<double>(), 1e-9, 1e-300);
      for (const auto& l : c.at("effect_ci")) {
        const cx::rank_test t = cx::wilcoxon_signed_rank(d, l.at("level").get<double>());
        CXTEST_CHECK_CLOSE(t.effect, c.at("effect").get<double>(), 1e-13);
        CXTEST_CHECK_CLOSE(t.ci.lower, std::max(0.0, l.at("ci")[0].get<double>()), 1e-10);
        CXTEST_CHECK_CLOSE(t.ci.upper, std::min(1.0, l.at("ci")[1].get<double>()), 1e-10);
      }
    }
  }

  TEST_CASE("the effect is signed first - second: swapping the samples mirrors it around 0.5") {
    cx::rating_histogram<cx::csat_scale> a, b;
    for (int v : {5, 5, 4, 4, 3, 5, 2}) a.add(v);
    for (int v : {1, 2, 3, 3, 4, 2, 1, 5}) b.add(v);
    const cx::rank_test ab = cx::mann_whitney(a, b), ba = cx::mann_whitney(b, a);
    CHECK(ab.effect > 0.5);
    CXTEST_CHECK_CLOSE(ab.effect + ba.effect, 1.0, 1e-15);
    CXTEST_CHECK_CLOSE(ab.ci.lower + ba.ci.upper, 1.0, 1e-12);
    std::ostringstream printed;
    printed << cx::mann_whitney(a, b, 0.9);
    CHECK(printed.str().find("90% CI [") != std::string::npos);
    CHECK(printed.str().find("P(first > second) + 0.5 P(tie) ") != std::string::npos);
    // perception_gap passes its level on to the rank test.
    CHECK(cx::perception_gap(a, b, 0.9).mann_whitney.level == 0.9);
  }

  TEST_CASE("undefined intervals claim nothing, and bad levels are refused") {
    cx::rating_histogram<cx::csat_scale> one, many;
    one.add(4);
    for (int v : {1, 2, 3, 5}) many.add(v);
    const cx::rank_test t = cx::mann_whitney(one, many);
    CHECK(t.ci.lower == 0.0);
    CHECK(t.ci.upper == 1.0);
    CHECK_THROWS_AS(cx::mann_whitney(many, many, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(cx::wilcoxon_signed_rank(cx::rating_histogram<cx::scale<-4, 4>>{}, 0.95),
                    cx::insufficient_data);
  }
}
