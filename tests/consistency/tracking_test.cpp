#include <cxmetrics/consistency/beat_tracker.hpp>
#include <cxmetrics/consistency/predictability.hpp>
#include <cxmetrics/consistency/verdict.hpp>
#include <cxmetrics/consistency/windows.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/gap/t_tests.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

TEST_SUITE("beat tracking") {
  const std::vector<double> scores{6, 7, 5, 4, 8, 9, 10};

  TEST_CASE("hand-worked counts, streaks, rate and margin") {
    cx::beat_tracker t(5.0);
    for (double s : scores) t.add(s);
    CHECK(t.above() == 5);
    CHECK(t.equal() == 1);
    CHECK(t.below() == 1);
    CHECK(t.longest_streak() == 3);
    CHECK(t.current_streak() == 3);
    const cx::share_estimate rate = cx::beat_rate(t);
    CHECK(rate.estimate == doctest::Approx(5.0 / 7.0));
    CHECK(rate.ci == cx::proportion_interval(5, 7));
    const cx::mean_estimate margin = cx::mean_margin(t);
    CHECK(margin.estimate == doctest::Approx(2.0));  // margins 1 2 0 -1 3 4 5
    CHECK(margin.ci.lower == doctest::Approx(cx::paired_t_test(t.margins()).ci.lower));
  }

  TEST_CASE("ordered merge of every split equals the whole stream") {
    auto rng = cxtest::seeded_rng(12);
    std::uniform_int_distribution<int> pick(0, 10);
    std::vector<double> stream(200);
    for (auto& s : stream) s = pick(rng) > 3 ? 8.0 : 5.0;
    cx::beat_tracker whole(6.0);
    for (double s : stream) whole.add(s);
    for (std::size_t cut = 0; cut <= stream.size(); cut += 7) {
      cx::beat_tracker first(6.0), second(6.0);
      for (std::size_t i = 0; i < stream.size(); ++i) (i < cut ? first : second).add(stream[i]);
      first += second;
      INFO("cut at " << cut);
      CHECK(first.longest_streak() == whole.longest_streak());
      CHECK(first.current_streak() == whole.current_streak());
      CHECK(first.above() == whole.above());
      CHECK(first.count() == whole.count());
    }
    cx::beat_tracker all_above(0.0), more(0.0);
    all_above.add(1);
    all_above.add(2);
    more.add(3);
    more.add(-1);
    more.add(4);
    all_above += more;
    CHECK(all_above.longest_streak() == 3);
    CHECK(all_above.current_streak() == 1);
    CHECK_THROWS_AS(all_above += cx::beat_tracker(1.0), std::invalid_argument);
  }

  TEST_CASE("a merge that overflows changes nothing") {
    cx::beat_tracker a(0.0), b(0.0);
    a.add(-1e200);
    b.add(1e200);
    const cx::beat_tracker before = a;
    CHECK_THROWS_AS(a += b, std::overflow_error);
    CHECK(a == before);
  }

  TEST_CASE("per-period view exposes the series") {
    const cx::period_beats_result r = cx::period_beats({31, 28, 35, 36, 30}, 30.0);
    CHECK(r.beat == std::vector<bool>{true, false, true, true, false});
    CHECK(r.share_beating.estimate == doctest::Approx(0.6));
    CHECK(r.longest_streak == 2);
    CHECK(r.current_streak == 0);
    CHECK(cx::peer_baseline({30, 40, 50}) == doctest::Approx(40.0));
  }

  TEST_CASE("errors") {
    CHECK_THROWS_AS(cx::beat_tracker(std::nan("")), std::invalid_argument);
    cx::beat_tracker t(1.0);
    CHECK_THROWS_AS(cx::beat_rate(t), cx::insufficient_data);
    CHECK_THROWS_AS(t.add(std::numeric_limits<double>::infinity()), std::invalid_argument);
    t.add(2.0);
    CHECK_THROWS_AS(cx::mean_margin(t), cx::insufficient_data);
    CHECK_THROWS_AS(cx::peer_baseline({}), cx::insufficient_data);
  }
}

TEST_SUITE("predictability") {
  TEST_CASE("hand-worked on 2 3 3 4 4 4 5 5 5 5") {
    cx::rating_histogram<cx::csat_scale> h = cx::rating_histogram<cx::csat_scale>::from_counts({0, 1, 2, 3, 4});
    const cx::predictability_result p = cx::predictability(h, 4.0, 1.0);
    CHECK(p.stddev == doctest::Approx(std::sqrt(10.0 / 9.0)));
    CHECK(p.coefficient_of_variation == doctest::Approx(std::sqrt(10.0 / 9.0) / 4.0));
    CHECK(p.iqr == doctest::Approx(1.75));  // Q1 = 3.25, Q3 = 5 (type 7)
    CHECK(p.share_within_tolerance == doctest::Approx(0.9));
    const double entropy = -(0.1 * std::log(0.1) + 0.2 * std::log(0.2) + 0.3 * std::log(0.3) + 0.4 * std::log(0.4));
    CHECK(p.normalized_entropy == doctest::Approx(entropy / std::log(5.0)));
  }

  TEST_CASE("all alike: zero entropy; errors") {
    auto h = cx::rating_histogram<cx::csat_scale>::from_counts({0, 0, 0, 0, 9});
    CHECK(cx::predictability(h, 5.0, 0.0).normalized_entropy == 0.0);
    CHECK(cx::predictability(h, 5.0, 0.0).share_within_tolerance == 1.0);
    CHECK_THROWS_AS(cx::predictability(h, 5.0, -1.0), std::invalid_argument);
    auto zero_mean = cx::rating_histogram<cx::scale<-2, 2>>::from_counts({0, 1, 0, 1, 0});
    CHECK_THROWS_AS(cx::predictability(zero_mean, 0.0, 1.0), cx::insufficient_data);
  }
}

TEST_SUITE("windows") {
  TEST_CASE("rating_window keeps exactly the last N ratings") {
    cx::rating_window<cx::csat_scale> w(3);
    for (int v : {1, 2, 3, 4}) w.add(v);
    CHECK(w.size() == 3);
    CHECK(w.histogram() == cx::rating_histogram<cx::csat_scale>::from_counts({0, 1, 1, 1, 0}));
    CHECK_THROWS_AS(w.add(6), cx::invalid_rating);
    CHECK(w.size() == 3);
    CHECK_THROWS_AS(cx::rating_window<cx::csat_scale>(0), std::invalid_argument);
  }

  TEST_CASE("period_ring drops the oldest period") {
    cx::period_ring<cx::csat_scale> ring(2);
    ring.add(5);
    ring.advance();
    ring.add(4);
    ring.add(4);
    CHECK(ring.window().total() == 3);
    ring.advance();  // forgets the period holding the 5
    ring.add(1);
    const auto periods = ring.periods();
    REQUIRE(periods.size() == 2);
    CHECK(periods[0].count(4) == 2);
    CHECK(periods[1].count(1) == 1);
    CHECK(ring.window().count(5) == 0);
  }

  TEST_CASE("decayed histogram: weights halve every half-life; Kish n tends to (2 - l) / l") {
    cx::decayed_histogram<cx::csat_scale> d(1.0);
    d.add(5);
    d.add(1);
    CHECK(cx::mean(d.histogram()) == doctest::Approx((0.5 * 5 + 1.0) / 1.5));
    CHECK(d.histogram().effective_n() == doctest::Approx(1.5 * 1.5 / 1.25));
    cx::decayed_histogram<cx::nps_scale> long_run(10.0);
    for (int i = 0; i < 3000; ++i) long_run.add(i % 11);
    const double l = long_run.lambda();
    CXTEST_CHECK_CLOSE(long_run.histogram().effective_n(), (2.0 - l) / l, 1e-9);
    CHECK_NOTHROW(cx::mean_interval(long_run.histogram()));
    CHECK_THROWS_AS(cx::decayed_histogram<cx::nps_scale>(0.0), std::invalid_argument);
  }
}

