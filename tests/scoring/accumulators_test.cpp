// The only test file that includes Boost.Accumulators.
#include <cxmetrics/accumulators.hpp>

#include <boost/accumulators/accumulators.hpp>
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
