// The only test file that includes Boost.Accumulators. It does not include
// <boost/accumulators/accumulators.hpp>: cxmetrics/accumulators.hpp brings what a set needs.
#include <cxmetrics/accumulators.hpp>

#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/accumulators/statistics/weighted_mean.hpp>

#include <algorithm>
#include <vector>

#include "../support/test_support.hpp"

namespace ba = boost::accumulators;
namespace cx = cxmetrics;

TEST_SUITE("accumulators") {
  TEST_CASE("cxmetrics features beside Boost's own give the histogram's answers") {
    ba::accumulator_set<int, ba::features<ba::tag::count, ba::tag::mean, cx::tag::nps,
                                          cx::tag::top_box<cx::nps_scale, 2>>>
        acc;
    const std::vector<int> ratings{10, 9, 7, 3, 8, 10, 0};
    acc = std::for_each(ratings.begin(), ratings.end(), acc);
    cx::nps_histogram h;
    h.add(ratings.begin(), ratings.end());
    CHECK(ba::count(acc) == ratings.size());
    CHECK(cx::extract::rating_histogram<cx::nps_scale>(acc) == h);
    CHECK(cx::extract::nps(acc).score == cx::net_promoter_score(h).score);
    CHECK(cx::extract::top_box<cx::nps_scale>(acc).estimate == cx::share(h, 9, 10));
    CHECK(ba::mean(acc) == doctest::Approx(cx::mean(h)));
  }

  TEST_CASE("weighted sets compute weighted statistics through the same tags") {
    ba::accumulator_set<int, ba::features<ba::tag::mean, cx::tag::nps>, double> acc;
    cx::weighted_histogram<cx::nps_scale> w;
    const std::vector<int> ratings{10, 3, 8, 9};
    const std::vector<double> weights{2.0, 1.0, 0.5, 1.5};
    for (std::size_t i = 0; i < ratings.size(); ++i) {
      acc(ratings[i], ba::weight = weights[i]);
      w.add(ratings[i], weights[i]);
    }
    CHECK(cx::extract::rating_histogram<cx::nps_scale>(acc) == w);
    const cx::nps_result r = cx::extract::nps(acc);
    CHECK(r.score == cx::net_promoter_score(w).score);
    CHECK(r.n == doctest::Approx(w.effective_n()));
    CHECK(ba::mean(acc) == doctest::Approx(cx::mean(w)));
  }

  TEST_CASE("floating-point samples must be whole points of the scale") {
    ba::accumulator_set<double, ba::features<cx::tag::rating_histogram<cx::csat_scale>>> acc;
    acc(4.0);
    CHECK_THROWS_WITH_AS(acc(4.5), "rating 4.5 is not a point of the scale 1..5", cx::invalid_rating);
    CHECK_THROWS_AS(acc(6.0), cx::invalid_rating);
    ba::accumulator_set<long long, ba::features<cx::tag::nps>> wide;
    CHECK_THROWS_WITH_AS(wide((1LL << 32) + 9), "rating 4294967305 is outside the scale 0..10",
                         cx::invalid_rating);
    CHECK(cx::extract::rating_histogram<cx::csat_scale>(acc).total() == 1);
  }
}

TEST_SUITE("accumulators") {
  TEST_CASE("interval features at the set's level") {
    const std::vector<int> ratings{10, 9, 7, 3, 8, 10, 0, 9, 9, 6, 10, 2};
    cx::nps_histogram h;
    h.add(ratings.begin(), ratings.end());
    using features = ba::features<cx::tag::nps_interval, cx::tag::share<cx::nps_scale, 9, 10>, cx::tag::top_box<cx::nps_scale, 3>>;
    ba::accumulator_set<int, features> at95;
    ba::accumulator_set<int, features> at90(cx::interval_level = 0.90);
    for (int r : ratings) {
      at95(r);
      at90(r);
    }
    CHECK(cx::extract::nps_interval(at95).lower == cx::nps_interval(h).lower);
    CHECK(cx::extract::nps_interval(at90).upper == cx::nps_interval(h, 0.90).upper);
    CHECK(cx::extract::nps_interval(at90).upper < cx::extract::nps_interval(at95).upper);
    const cx::share_estimate promoters = cx::extract::share<cx::nps_scale, 9, 10>(at90);
    CHECK(promoters.ci.lower == cx::box_share(h, 9, 10, 0.90).ci.lower);
    CHECK(promoters.level == 0.90);
    CHECK(cx::extract::top_box<cx::nps_scale, 3>(at90).ci.upper == cx::top_box(h, 3, 0.90).ci.upper);
    using bad_level = ba::accumulator_set<int, features>;
    CHECK_THROWS_AS(bad_level(cx::interval_level = 1.5), std::invalid_argument);

    ba::accumulator_set<int, ba::features<cx::tag::nps_interval>, double> weighted(cx::interval_level = 0.80);
    cx::weighted_histogram<cx::nps_scale> w;
    for (std::size_t i = 0; i < ratings.size(); ++i) {
      weighted(ratings[i], ba::weight = 0.5 + static_cast<double>(i % 3));
      w.add(ratings[i], 0.5 + static_cast<double>(i % 3));
    }
    CHECK(cx::extract::nps_interval(weighted).lower == cx::nps_interval(w, 0.80).lower);
  }

  TEST_CASE("add_rating checks before any feature sees the sample; a direct bad sample is what the docs say") {
    ba::accumulator_set<int, ba::features<ba::tag::count, ba::tag::mean, cx::tag::nps>> acc;
    for (int r : {10, 9, 7, 3}) cx::add_rating<cx::nps_scale>(acc, r);
    CHECK_THROWS_WITH_AS(cx::add_rating<cx::nps_scale>(acc, 11), "rating 11 is outside the scale 0..10", cx::invalid_rating);
    CHECK(ba::count(acc) == 4);
    CHECK(ba::mean(acc) == doctest::Approx(7.25));
    CHECK(cx::extract::rating_histogram<cx::nps_scale>(acc).total() == 4);
    // Fed directly, Boost's count and mean (which do not depend on cxmetrics' features) may
    // see the bad sample before the histogram refuses it: the documented inconsistency.
    CHECK_THROWS_AS(acc(11), cx::invalid_rating);
    CHECK(cx::extract::rating_histogram<cx::nps_scale>(acc).total() == 4);

    ba::accumulator_set<int, ba::features<ba::tag::count, cx::tag::nps>, double> weighted;
    cx::add_rating<cx::nps_scale>(weighted, 9, 2.0);
    CHECK_THROWS_AS(cx::add_rating<cx::nps_scale>(weighted, 9, -1.0), std::invalid_argument);
    CHECK_THROWS_AS(cx::add_rating<cx::nps_scale>(weighted, 12, 1.0), cx::invalid_rating);
    CHECK(ba::count(weighted) == 1);
  }
}
