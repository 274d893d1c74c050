#include <cxmetrics/scoring/compare_nps.hpp>
#include <cxmetrics/scoring/compare_proportions.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../support/histogram_support.hpp"
#include "../support/test_support.hpp"

namespace cx = cxmetrics;

TEST_SUITE("compare_nps") {
  TEST_CASE("signed difference, unpooled SE, z, p and CI match numpy/scipy") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    std::size_t checked = 0;
    for (const auto& c : reference.at("compare_nps")) {
      const auto first = cxtest::histogram_of<cx::nps_scale>(c.at("first"));
      const auto second = cxtest::histogram_of<cx::nps_scale>(c.at("second"));
      for (const auto& t : c.at("tests")) {
        const auto method = t.at("method").get<std::string>() == "wald" ? cx::nps_interval_method::wald
                                                                        : cx::nps_interval_method::adjusted_wald;
        const double level = t.at("level");
        INFO(t.at("method").get<std::string>() << " level " << level << " first " << c.at("first").dump());
        const cx::difference_test got = cx::compare_nps(first, second, level, method);
        CXTEST_CHECK_CLOSE_ABS(got.difference, t.at("difference").get<double>(), 1e-12, 1e-11);
        CXTEST_CHECK_CLOSE(got.standard_error, t.at("standard_error").get<double>(), 1e-9);
        CXTEST_CHECK_CLOSE_ABS(got.statistic, t.at("statistic").get<double>(), 1e-9, 1e-12);
        CXTEST_CHECK_CLOSE_ABS(got.p_value, t.at("p_value").get<double>(), 1e-9, 1e-300);
        CXTEST_CHECK_CLOSE_ABS(got.ci.lower, t.at("ci")[0].get<double>(), 1e-9, 1e-10);
        CXTEST_CHECK_CLOSE_ABS(got.ci.upper, t.at("ci")[1].get<double>(), 1e-9, 1e-10);
        CHECK(std::isinf(got.df));
        ++checked;
      }
    }
    CHECK(checked >= 20);
  }

  TEST_CASE("the difference is signed first - second, never absolute") {
    cx::nps_histogram better, worse;
    better.add_count(10, 8);
    better.add_count(3, 2);
    worse.add_count(10, 4);
    worse.add_count(3, 6);
    const auto up = cx::compare_nps(better, worse);
    const auto down = cx::compare_nps(worse, better);
    CHECK(up.difference == doctest::Approx(80.0));
    CHECK(down.difference == doctest::Approx(-80.0));
    CHECK(down.statistic == doctest::Approx(-up.statistic));
    CHECK(down.p_value == doctest::Approx(up.p_value));
    CHECK(down.ci.lower == doctest::Approx(-up.ci.upper));
  }

  TEST_CASE("unanimous groups: the Wald test is undefined, the adjusted one is not") {
    cx::nps_histogram a, b;
    a.add_count(10, 5);
    b.add_count(9, 7);
    CHECK_THROWS_AS(cx::compare_nps(a, b), cx::insufficient_data);
    const auto adjusted = cx::compare_nps(a, b, 0.95, cx::nps_interval_method::adjusted_wald);
    CHECK(adjusted.standard_error > 0.0);
    cx::nps_histogram empty;
    CHECK_THROWS_AS(cx::compare_nps(a, empty), cx::insufficient_data);
    CHECK_THROWS_AS(cx::compare_nps(a, b, 1.5), std::invalid_argument);
  }
}

TEST_SUITE("compare_proportions") {
  TEST_CASE("pooled z test and Newcombe interval match statsmodels") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    for (const auto& c : reference.at("compare_proportions")) {
      const double x1 = c.at("x1"), n1 = c.at("n1"), x2 = c.at("x2"), n2 = c.at("n2"), level = c.at("level");
      INFO(x1 << "/" << n1 << " vs " << x2 << "/" << n2 << " level " << level);
      const cx::interval ci = cx::proportion_difference_interval(x1, n1, x2, n2, level);
      CXTEST_CHECK_CLOSE_ABS(ci.lower, c.at("ci")[0].get<double>(), 1e-9, 1e-12);
      CXTEST_CHECK_CLOSE_ABS(ci.upper, c.at("ci")[1].get<double>(), 1e-9, 1e-12);
      if (c.contains("statistic")) {
        const cx::difference_test t = cx::compare_proportions(x1, n1, x2, n2, level);
        CXTEST_CHECK_CLOSE_ABS(t.difference, c.at("difference").get<double>(), 1e-13, 1e-15);
        CXTEST_CHECK_CLOSE(t.standard_error, c.at("standard_error").get<double>(), 1e-12);
        CXTEST_CHECK_CLOSE_ABS(t.statistic, c.at("statistic").get<double>(), 1e-9, 1e-12);
        CXTEST_CHECK_CLOSE_ABS(t.p_value, c.at("p_value").get<double>(), 1e-9, 1e-300);
        CHECK(t.ci == ci);
      } else {
        CHECK_THROWS_AS(cx::compare_proportions(x1, n1, x2, n2, level), cx::insufficient_data);
      }
    }
  }

  TEST_CASE("bad counts throw") {
    CHECK_THROWS_WITH_AS(cx::compare_proportions(11, 10, 3, 10), "successes 11 exceed trials 10",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::compare_proportions(1, 10, -3, 10), std::invalid_argument);
    CHECK_THROWS_AS(cx::compare_proportions(1, 0, 3, 10), cx::insufficient_data);
    CHECK_THROWS_AS(cx::proportion_difference_interval(1, 10, 3, 10, 0.0), std::invalid_argument);
  }

  TEST_CASE("prints for reports") {
    std::ostringstream os;
    os << cx::compare_proportions(30, 50, 20, 50);
    CHECK(os.str().rfind("difference 0.2 (SE 0.1), z = 2, p = 0.0455", 0) == 0);
  }
}
