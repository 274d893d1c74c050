#include <cxmetrics/scoring/box_scores.hpp>
#include <cxmetrics/scoring/csat.hpp>

#include <sstream>
#include <stdexcept>

#include "../support/histogram_support.hpp"
#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {

void check_share(const cx::share_estimate& got, const nlohmann::json& expected, double level) {
  CXTEST_CHECK_CLOSE_ABS(got.estimate, expected[0].get<double>(), 1e-14, 1e-15);
  CXTEST_CHECK_CLOSE_ABS(got.ci.lower, expected[1].get<double>(), 1e-9, 1e-14);
  CXTEST_CHECK_CLOSE_ABS(got.ci.upper, expected[2].get<double>(), 1e-9, 1e-14);
  CHECK(got.level == level);
}

void check_mean(const cx::mean_estimate& got, const nlohmann::json& expected) {
  CXTEST_CHECK_CLOSE(got.estimate, expected[0].get<double>(), 1e-13);
  CXTEST_CHECK_CLOSE(got.ci.lower, expected[1].get<double>(), 1e-12);
  CXTEST_CHECK_CLOSE(got.ci.upper, expected[2].get<double>(), 1e-12);
}

template <class Scale>
void check_case(const nlohmann::json& c) {
  const auto h = cxtest::histogram_of<Scale>(c.at("counts"));
  const int top = c.at("top");
  for (const auto& l : c.at("levels")) {
    const double level = l.at("level");
    INFO("scale " << Scale::name() << " top " << top << " level " << level);
    check_share(cx::top_box(h, top, level), l.at("top"), level);
    check_share(cx::bottom_box(h, top, level), l.at("bottom"), level);
    check_mean(cx::mean_score(h, level), l.at("mean"));
    if constexpr (std::is_same_v<Scale, cx::csat_scale>) {
      const cx::csat_result r = cx::customer_satisfaction_score(h, top, level);
      check_share(r.satisfied, l.at("top"), level);
      check_mean(r.mean, l.at("mean"));
    }
    if constexpr (std::is_same_v<Scale, cx::ces_scale>) {
      const cx::ces_result r = cx::customer_effort_score(h, level);
      check_share(r.easy, l.at("easy"), level);
      check_mean(r.mean, l.at("mean"));
    }
  }
}

}  // namespace

TEST_SUITE("box_scores") {
  TEST_CASE("top/bottom box with Wilson intervals and mean with t intervals match statsmodels/R") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    for (const auto& c : reference.at("box_scores")) {
      const int hi = c.at("hi");
      if (hi == 5) check_case<cx::csat_scale>(c);
      else if (hi == 7) check_case<cx::ces_scale>(c);
      else if (hi == 10) check_case<cx::likert_scale<10>>(c);
      else FAIL("unexpected scale in reference data");
    }
  }

  TEST_CASE("weighted box shares use the effective n") {
    cx::weighted_histogram<cx::csat_scale> w;
    w.add(5, 2.0);
    w.add(4, 1.0);
    w.add(2, 1.0);
    const cx::share_estimate s = cx::top_box(w);
    CHECK(s.estimate == doctest::Approx(0.75));
    CHECK(s.n == doctest::Approx(16.0 / 6.0));
    const cx::interval expected = cx::proportion_interval(0.75 * 16.0 / 6.0, 16.0 / 6.0);
    CHECK(s.ci.lower == doctest::Approx(expected.lower));
  }

  TEST_CASE("errors") {
    cx::rating_histogram<cx::csat_scale> h;
    CHECK_THROWS_AS(cx::top_box(h), cx::insufficient_data);
    h.add(5);
    CHECK_THROWS_AS(cx::customer_satisfaction_score(h), cx::insufficient_data);  // the mean's interval needs 2
    h.add(3);
    CHECK_THROWS_WITH_AS(cx::top_box(h, 6), "box size 6 is outside 1..5 for the scale 1..5",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::bottom_box(h, 0), std::invalid_argument);
    CHECK_THROWS_AS(cx::top_box(h, 2, 0.0), std::invalid_argument);
  }

  TEST_CASE("prints for reports") {
    cx::rating_histogram<cx::csat_scale> h;
    for (int v : {5, 5, 4, 2}) h.add(v);
    std::ostringstream os;
    os << cx::top_box(h);
    CHECK(os.str().rfind("75% [", 0) == 0);
    CHECK(os.str().find("(n = 4, 95% CI)") != std::string::npos);
  }
}

TEST_SUITE("renamed names") {
  TEST_CASE("the deprecated csat() is customer_satisfaction_score()") {
    cx::rating_histogram<cx::csat_scale> h;
    for (int v : {5, 4, 4, 3, 1, 5}) h.add(v);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    const cx::csat_result old = cx::csat(h, 2, 0.9);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    const cx::csat_result now = cx::customer_satisfaction_score(h, 2, 0.9);
    CHECK(old.satisfied.estimate == now.satisfied.estimate);
    CHECK(old.satisfied.ci == now.satisfied.ci);
    CHECK(old.mean.ci == now.mean.ci);
    CHECK(now.mean.level == 0.9);
  }
}
