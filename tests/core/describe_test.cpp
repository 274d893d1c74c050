#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/mean_interval.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {

// The reference file covers several scales; dispatch each case to its compile-time scale.
template <class Scale>
void check_histogram_case(const nlohmann::json& c) {
  const auto counts = c.at("counts").get<std::vector<std::uint64_t>>();
  REQUIRE(counts.size() == static_cast<std::size_t>(Scale::points));
  cx::rating_histogram<Scale> h;
  for (std::size_t i = 0; i < counts.size(); ++i) h.add_count(Scale::min + static_cast<int>(i), counts[i]);
  INFO("scale " << Scale::name() << " n = " << h.total());
  CXTEST_CHECK_CLOSE(cx::mean(h), c.at("mean").get<double>(), 1e-13);
  CXTEST_CHECK_CLOSE(cx::variance(h), c.at("variance").get<double>(), 1e-12);
  CXTEST_CHECK_CLOSE(cx::stddev(h), std::sqrt(c.at("variance").get<double>()), 1e-12);
  for (const auto& q : c.at("quantiles")) {
    INFO("p = " << q[0].get<double>());
    CXTEST_CHECK_CLOSE(cx::quantile(h, q[0].get<double>()), q[1].get<double>(), 1e-13);
  }
  for (const auto& s : c.at("shares"))
    CXTEST_CHECK_CLOSE(cx::share(h, s[0].get<int>(), s[1].get<int>()), s[2].get<double>(), 1e-14);
  for (const auto& m : c.at("mean_intervals")) {
    const cx::interval i = cx::mean_interval(h, m[0].get<double>());
    CXTEST_CHECK_CLOSE(i.lower, m[1].get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(i.upper, m[2].get<double>(), 1e-12);
  }
}

template <class Scale>
void check_weighted_case(const nlohmann::json& c) {
  const auto values = c.at("values").get<std::vector<int>>();
  const auto weights = c.at("weights").get<std::vector<double>>();
  cx::weighted_histogram<Scale> w;
  w.add(values.begin(), values.end(), weights.begin());
  INFO("weighted, scale " << Scale::name() << " responses " << w.count());
  CXTEST_CHECK_CLOSE(cx::mean(w), c.at("mean").get<double>(), 1e-13);
  CXTEST_CHECK_CLOSE(cx::variance(w), c.at("variance").get<double>(), 1e-12);
  CXTEST_CHECK_CLOSE(w.effective_n(), c.at("effective_n").get<double>(), 1e-13);
  for (const auto& s : c.at("shares"))
    CXTEST_CHECK_CLOSE(cx::share(w, s[0].get<int>(), s[1].get<int>()), s[2].get<double>(), 1e-13);
  for (const auto& m : c.at("mean_intervals")) {
    const cx::interval i = cx::mean_interval(w, m[0].get<double>());
    CXTEST_CHECK_CLOSE(i.lower, m[1].get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(i.upper, m[2].get<double>(), 1e-12);
  }
  if (c.contains("quantiles"))
    for (const auto& q : c.at("quantiles")) {
      INFO("p = " << q[0].get<double>());
      CHECK(cx::quantile(w, q[0].get<double>()) == q[1].get<double>());
    }
}

}  // namespace

TEST_SUITE("describe") {
  TEST_CASE("mean, variance, type-7 quantiles, shares and t intervals match numpy/scipy") {
    const auto reference = cxtest::load_json("core_reference.json");
    std::size_t checked = 0;
    for (const auto& c : reference.at("histograms")) {
      const auto scale = c.at("scale").get<std::string>();
      if (scale == "nps") check_histogram_case<cx::nps_scale>(c);
      else if (scale == "csat") check_histogram_case<cx::csat_scale>(c);
      else if (scale == "ces") check_histogram_case<cx::ces_scale>(c);
      else if (scale == "diff") check_histogram_case<cx::scale<-3, 3>>(c);
      else FAIL("unknown scale " << scale);
      ++checked;
    }
    CHECK(checked == 6);
  }

  TEST_CASE("weighted mean, reliability-weighted variance, shares, quantiles match numpy/scipy") {
    const auto reference = cxtest::load_json("core_reference.json");
    for (const auto& c : reference.at("weighted")) {
      if (c.at("hi").get<int>() == 10) check_weighted_case<cx::nps_scale>(c);
      else check_weighted_case<cx::csat_scale>(c);
    }
  }

  TEST_CASE("unit weights reproduce the unweighted statistics") {
    cx::rating_histogram<cx::csat_scale> h;
    cx::weighted_histogram<cx::csat_scale> w;
    for (int v : {1, 3, 3, 4, 5, 5, 5}) {
      h.add(v);
      w.add(v, 1.0);
    }
    CXTEST_CHECK_CLOSE(cx::mean(w), cx::mean(h), 1e-15);
    CXTEST_CHECK_CLOSE(cx::variance(w), cx::variance(h), 1e-14);
    CXTEST_CHECK_CLOSE(cx::mean_interval(w).lower, cx::mean_interval(h).lower, 1e-14);
    CHECK(cx::quantile(w, 0.5) == cx::quantile(h, 0.5));
  }

  TEST_CASE("mean_interval of moments equals that of the same data as a histogram") {
    const auto reference = cxtest::load_json("core_reference.json");
    const auto& c = reference.at("histograms")[2];  // csat, checked against R above
    cx::moments m;
    const auto counts = c.at("counts").get<std::vector<int>>();
    for (int i = 0; i < 5; ++i)
      for (int k = 0; k < counts[static_cast<std::size_t>(i)]; ++k) m.add(1 + i);
    for (const auto& level : c.at("mean_intervals")) {
      const cx::interval i = cx::mean_interval(m, level[0].get<double>());
      CXTEST_CHECK_CLOSE(i.lower, level[1].get<double>(), 1e-12);
      CXTEST_CHECK_CLOSE(i.upper, level[2].get<double>(), 1e-12);
    }
    cx::moments flat;
    flat.add(3);
    flat.add(3);
    CHECK(cx::mean_interval(flat) == cx::interval{3.0, 3.0});
    CHECK_THROWS_AS(cx::mean_interval(cx::moments()), cx::insufficient_data);
  }

  TEST_CASE("constant data: zero variance and a degenerate mean interval") {
    cx::rating_histogram<cx::nps_scale> h;
    h.add_count(8, 1000);
    CHECK(cx::variance(h) == 0.0);
    CHECK(cx::mean_interval(h) == cx::interval{8.0, 8.0});
    CHECK(cx::quantile(h, 0.0) == 8.0);
    CHECK(cx::quantile(h, 1.0) == 8.0);
    CHECK(cx::share(h, 8, 8) == 1.0);
  }

  TEST_CASE("counts near 2^63 keep mean, variance and quantiles right") {
    const std::uint64_t half = std::uint64_t{1} << 62;
    auto h = cx::rating_histogram<cx::nps_scale>::from_counts({half, 0, 0, 0, 0, 0, 0, 0, 0, 0, half});
    CHECK(cx::mean(h) == 5.0);
    CHECK(cx::variance(h) == doctest::Approx(25.0));  // n/(n-1) * 25, n = 2^63
    CHECK(cx::quantile(h, 0.25) == 0.0);
    CHECK(cx::quantile(h, 0.75) == 10.0);
    CHECK(cx::share(h, 9, 10) == 0.5);
  }

  TEST_CASE("n = 1: mean defined, variance and interval not") {
    cx::rating_histogram<cx::csat_scale> h;
    h.add(4);
    CHECK(cx::mean(h) == 4.0);
    CHECK(cx::quantile(h, 0.3) == 4.0);
    CHECK_THROWS_WITH_AS(cx::variance(h), "the sample variance needs more than one response (effective n 1)",
                         cx::insufficient_data);
    CHECK_THROWS_AS(cx::mean_interval(h), cx::insufficient_data);
    cx::weighted_histogram<cx::csat_scale> w;
    w.add(4, 3.0);
    w.add(5, 0.0);
    CHECK_THROWS_AS(cx::variance(w), cx::insufficient_data);  // effective n is 1
  }

  TEST_CASE("empty histograms and bad arguments throw") {
    cx::rating_histogram<cx::nps_scale> empty;
    CHECK_THROWS_WITH_AS(cx::mean(empty), "the mean of an empty histogram (scale 0..10) is undefined",
                         cx::insufficient_data);
    CHECK_THROWS_AS(cx::variance(empty), cx::insufficient_data);
    CHECK_THROWS_AS(cx::quantile(empty, 0.5), cx::insufficient_data);
    CHECK_THROWS_AS(cx::share(empty, 9, 10), cx::insufficient_data);
    CHECK_THROWS_AS(cx::mean_interval(empty), cx::insufficient_data);
    cx::weighted_histogram<cx::nps_scale> weightless;
    weightless.add(9, 0.0);
    CHECK_THROWS_AS(cx::mean(weightless), cx::insufficient_data);
    CHECK_THROWS_AS(cx::quantile(weightless, 0.5), cx::insufficient_data);

    cx::rating_histogram<cx::nps_scale> h;
    h.add(9);
    h.add(3);
    CHECK_THROWS_WITH_AS(cx::quantile(h, 1.5), "probability 1.5 is outside [0, 1]", std::invalid_argument);
    CHECK_THROWS_AS(cx::quantile(h, -0.1), std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::share(h, 9, 11), "rating 11 is outside the scale 0..10", cx::invalid_rating);
    CHECK_THROWS_WITH_AS(cx::share(h, 10, 9), "share range 10..9 is empty: lo must not exceed hi",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::mean_interval(h, 0.0), std::invalid_argument);
  }
}
