#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/pearson_interval.hpp>
#include <cxmetrics/core/proportion_interval.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {
cx::proportion_method method_named(const std::string& name) {
  if (name == "wilson") return cx::proportion_method::wilson;
  if (name == "agresti_coull") return cx::proportion_method::agresti_coull;
  if (name == "clopper_pearson") return cx::proportion_method::clopper_pearson;
  if (name == "jeffreys") return cx::proportion_method::jeffreys;
  if (name == "wald") return cx::proportion_method::wald;
  throw std::runtime_error("unknown method in reference data: " + name);
}
}  // namespace

TEST_SUITE("interval") {
  TEST_CASE("value type") {
    constexpr cx::interval i{0.25, 0.75};
    static_assert(i.width() == 0.5 && i.contains(0.5) && !i.contains(0.8));
    std::ostringstream os;
    os << i;
    CHECK(os.str() == "[0.25, 0.75]");
    CHECK(i == cx::interval{0.25, 0.75});
    CHECK(i != cx::interval{0.25, 0.7});
  }
}

TEST_SUITE("proportion_interval") {
  TEST_CASE("all five methods match statsmodels proportion_confint") {
    const auto reference = cxtest::load_json("core_reference.json");
    std::size_t checked = 0;
    for (const auto& c : reference.at("proportion_intervals")) {
      const double x = c.at("x"), n = c.at("n"), level = c.at("level");
      const auto method = c.at("method").get<std::string>();
      INFO(method << " x = " << x << " n = " << n << " level = " << level);
      const cx::interval got = cx::proportion_interval(x, n, level, method_named(method));
      CXTEST_CHECK_CLOSE_ABS(got.lower, c.at("lower").get<double>(), 1e-9, 1e-15);
      CXTEST_CHECK_CLOSE_ABS(got.upper, c.at("upper").get<double>(), 1e-9, 1e-15);
      ++checked;
    }
    CHECK(checked > 300);
  }

  TEST_CASE("boundaries are exact") {
    for (auto m : {cx::proportion_method::wilson, cx::proportion_method::clopper_pearson,
                   cx::proportion_method::jeffreys, cx::proportion_method::wald,
                   cx::proportion_method::agresti_coull}) {
      CHECK(cx::proportion_interval(0, 20, 0.95, m).lower == 0.0);
      CHECK(cx::proportion_interval(20, 20, 0.95, m).upper == 1.0);
    }
    // Wald collapses to a point at the boundary: why it is not the default.
    CHECK(cx::proportion_interval(0, 20, 0.95, cx::proportion_method::wald).upper == 0.0);
  }

  TEST_CASE("wilson_lower_bound is the lower end of the two-sided Wilson interval") {
    CHECK(cx::wilson_lower_bound(42, 50) == cx::proportion_interval(42, 50).lower);
    CHECK(cx::wilson_lower_bound(42, 50, 0.9) ==
          cx::proportion_interval(42, 50, 0.9, cx::proportion_method::wilson).lower);
    // More evidence for the same share ranks higher.
    CHECK(cx::wilson_lower_bound(90, 100) > cx::wilson_lower_bound(9, 10));
  }

  TEST_CASE("bad parameters throw with the value and the rule") {
    CHECK_THROWS_WITH_AS(cx::proportion_interval(3, 10, 1.5),
                         "confidence level 1.5 is outside the open interval (0, 1)", std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_interval(3, 10, 0.0), std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_interval(3, 10, 1.0), std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_interval(3, 10, std::nan("")), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::proportion_interval(11, 10), "successes 11 exceed trials 10",
                         std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::proportion_interval(-1, 10), "successes -1 must be finite and non-negative",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::proportion_interval(1, std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::proportion_interval(0, 0), "a proportion needs at least one trial, got n = 0",
                         cx::insufficient_data);
    CHECK_THROWS_AS(cx::proportion_interval(3, 10, 0.95, static_cast<cx::proportion_method>(42)),
                    std::invalid_argument);
  }
}

TEST_SUITE("pearson_interval") {
  TEST_CASE("r and the Fisher z interval match scipy.stats.pearsonr") {
    const auto reference = cxtest::load_json("core_reference.json");
    for (const auto& c : reference.at("pearson")) {
      const auto xs = c.at("x").get<std::vector<double>>();
      const auto ys = c.at("y").get<std::vector<double>>();
      cx::comoments m;
      for (std::size_t i = 0; i < xs.size(); ++i) m.add(xs[i], ys[i]);
      const double level = c.at("level");
      INFO("n = " << xs.size() << " level = " << level);
      // y sits near 1e4 with unit spread: a one-pass (Welford) update carries an error of
      // about eps * |mean| / sd = 1e-12 relative, which two-pass numpy does not.
      CXTEST_CHECK_CLOSE(m.pearson(), c.at("r").get<double>(), 1e-10);
      CXTEST_CHECK_CLOSE(m.covariance(), c.at("covariance").get<double>(), 1e-10);
      const cx::interval got = cx::pearson_interval(m, level);
      CXTEST_CHECK_CLOSE(got.lower, c.at("lower").get<double>(), 1e-9);
      CXTEST_CHECK_CLOSE(got.upper, c.at("upper").get<double>(), 1e-9);
    }
  }

  TEST_CASE("needs four pairs; perfect correlation gives a point") {
    cx::comoments c;
    for (int i = 0; i < 3; ++i) c.add(i, 2 * i);
    CHECK_THROWS_WITH_AS(cx::pearson_interval(c), "the Fisher z interval needs at least 4 pairs, got 3",
                         cx::insufficient_data);
    c.add(3, 6);
    const cx::interval i = cx::pearson_interval(c);
    CHECK(i.lower == 1.0);
    CHECK(i.upper == 1.0);
    CHECK_THROWS_AS(cx::pearson_interval(c, 2.0), std::invalid_argument);
  }
}
