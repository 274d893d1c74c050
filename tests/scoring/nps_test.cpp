#include <cxmetrics/scoring/nps.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "../support/histogram_support.hpp"
#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {


template <class H>
void check_against(const H& h, const nlohmann::json& c) {
  const cx::nps_result r = cx::net_promoter_score(h);
  CXTEST_CHECK_CLOSE_ABS(r.score, c.at("score").get<double>(), 1e-12, 1e-12);
  CXTEST_CHECK_CLOSE_ABS(r.promoter_share, c.at("promoter_share").get<double>(), 1e-13, 1e-15);
  CXTEST_CHECK_CLOSE_ABS(r.passive_share, c.at("passive_share").get<double>(), 1e-13, 1e-15);
  CXTEST_CHECK_CLOSE_ABS(r.detractor_share, c.at("detractor_share").get<double>(), 1e-13, 1e-15);
  CXTEST_CHECK_CLOSE(r.n, c.at("n").get<double>(), 1e-13);
  CXTEST_CHECK_CLOSE_ABS(r.standard_error, c.at("standard_error").get<double>(), 1e-9, 1e-12);
  for (const auto& i : c.at("intervals")) {
    const double level = i.at("level");
    INFO("level " << level);
    const cx::interval wald = cx::nps_interval(h, level, cx::nps_interval_method::wald);
    const cx::interval adjusted = cx::nps_interval(h, level);
    CXTEST_CHECK_CLOSE_ABS(wald.lower, i.at("wald")[0].get<double>(), 1e-9, 1e-10);
    CXTEST_CHECK_CLOSE_ABS(wald.upper, i.at("wald")[1].get<double>(), 1e-9, 1e-10);
    CXTEST_CHECK_CLOSE_ABS(adjusted.lower, i.at("adjusted_wald")[0].get<double>(), 1e-9, 1e-10);
    CXTEST_CHECK_CLOSE_ABS(adjusted.upper, i.at("adjusted_wald")[1].get<double>(), 1e-9, 1e-10);
    // The R NPS package once returned bounds out of order; ours never are.
    CHECK(wald.lower <= wald.upper);
    CHECK(adjusted.lower <= adjusted.upper);
  }
}

}  // namespace

TEST_SUITE("nps") {
  TEST_CASE("classification of 0..10") {
    CHECK(cx::classify_nps(0) == cx::nps_category::detractor);
    CHECK(cx::classify_nps(6) == cx::nps_category::detractor);
    CHECK(cx::classify_nps(7) == cx::nps_category::passive);
    CHECK(cx::classify_nps(8) == cx::nps_category::passive);
    CHECK(cx::classify_nps(9) == cx::nps_category::promoter);
    CHECK(cx::classify_nps(10) == cx::nps_category::promoter);
    CHECK_THROWS_WITH_AS(cx::classify_nps(11), "rating 11 is outside the scale 0..10", cx::invalid_rating);
    static_assert(cx::classify_nps(9) == cx::nps_category::promoter);
  }

  TEST_CASE("hand-worked: 5 promoters, 2 passives, 3 detractors") {
    cx::nps_histogram h;
    for (int v : {10, 9, 9, 8, 7, 6, 3, 10, 9, 5}) h.add(v);
    const cx::nps_result r = cx::net_promoter_score(h);
    CHECK(r.score == doctest::Approx(20.0));
    CHECK(r.responses == 10);
    CHECK(r.total_weight == 10.0);
    CHECK(r.n == 10.0);
    CHECK(r.standard_error == doctest::Approx(100.0 * std::sqrt((0.5 + 0.3 - 0.04) / 10.0)));
  }

  TEST_CASE("score, shares, SE and both intervals match numpy/scipy on many shapes") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    for (const auto& c : reference.at("nps")) {
      INFO("counts " << c.at("counts").dump());
      check_against(cxtest::histogram_of<cx::nps_scale>(c.at("counts")), c);
    }
  }

  TEST_CASE("weighted NPS uses weighted shares and Kish's effective n") {
    const auto reference = cxtest::load_json("scoring_reference.json");
    for (const auto& c : reference.at("weighted_nps")) {
      const auto values = c.at("values").get<std::vector<int>>();
      const auto weights = c.at("weights").get<std::vector<double>>();
      cx::weighted_histogram<cx::nps_scale> w;
      w.add(values.begin(), values.end(), weights.begin());
      INFO("weighted, " << values.size() << " responses");
      check_against(w, c);
      const cx::nps_result r = cx::net_promoter_score(w);
      CHECK(r.responses == values.size());
      CXTEST_CHECK_CLOSE(r.total_weight, c.at("total_weight").get<double>(), 1e-13);
      CHECK(r.n < static_cast<double>(r.responses));  // unequal weights cost precision
    }
  }

  TEST_CASE("unanimous groups: Wald collapses, adjusted Wald does not") {
    cx::nps_histogram all_promoters;
    all_promoters.add_count(10, 25);
    CHECK(cx::net_promoter_score(all_promoters).score == 100.0);
    CHECK(cx::net_promoter_score(all_promoters).standard_error == 0.0);
    CHECK(cx::nps_interval(all_promoters, 0.95, cx::nps_interval_method::wald) == cx::interval{100.0, 100.0});
    const cx::interval adjusted = cx::nps_interval(all_promoters);
    CHECK(adjusted.lower < 100.0);
    CHECK(adjusted.upper <= 100.0);
    cx::nps_histogram all_detractors;
    all_detractors.add_count(0, 3);
    CHECK(cx::net_promoter_score(all_detractors).score == -100.0);
    CHECK(cx::nps_interval(all_detractors).lower >= -100.0);
  }

  TEST_CASE("eNPS is the same computation under its own name") {
    cx::nps_histogram h;
    for (int v : {10, 9, 6, 6, 8}) h.add(v);
    CHECK(cx::employee_net_promoter_score(h).score == cx::net_promoter_score(h).score);
  }

  TEST_CASE("errors: empty data, weightless data, bad levels") {
    cx::nps_histogram empty;
    CHECK_THROWS_WITH_AS(cx::net_promoter_score(empty), "the NPS of an empty histogram is undefined",
                         cx::insufficient_data);
    CHECK_THROWS_AS(cx::nps_interval(empty), cx::insufficient_data);
    cx::weighted_histogram<cx::nps_scale> weightless;
    weightless.add(9, 0.0);
    CHECK_THROWS_AS(cx::net_promoter_score(weightless), cx::insufficient_data);
    cx::nps_histogram h;
    h.add(9);
    h.add(3);
    CHECK_THROWS_WITH_AS(cx::nps_interval(h, 1.0), "confidence level 1 is outside the open interval (0, 1)",
                         std::invalid_argument);
    CHECK_THROWS_AS(cx::nps_interval(h, std::nan("")), std::invalid_argument);
  }

  TEST_CASE("prints for reports") {
    cx::nps_histogram h;
    for (int v : {10, 9, 7, 3}) h.add(v);
    std::ostringstream os;
    os << cx::net_promoter_score(h);
    CHECK(os.str().rfind("NPS 25 (promoters 50%, passives 25%, detractors 25%; n = 4, SE ", 0) == 0);
  }
}
