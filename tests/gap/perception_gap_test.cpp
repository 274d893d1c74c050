#include <cxmetrics/gap/calibration.hpp>
#include <cxmetrics/gap/effect_size.hpp>
#include <cxmetrics/gap/paired_gap.hpp>
#include <cxmetrics/gap/perception_gap.hpp>
#include <cxmetrics/gap/rank_tests.hpp>
#include <cxmetrics/gap/t_tests.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "../support/histogram_support.hpp"
#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {

void check_test(const cx::difference_test& got, const nlohmann::json& expected) {
  CXTEST_CHECK_CLOSE_ABS(got.difference, expected.at("difference").get<double>(), 1e-12, 1e-14);
  CXTEST_CHECK_CLOSE(got.standard_error, expected.at("standard_error").get<double>(), 1e-11);
  CXTEST_CHECK_CLOSE_ABS(got.statistic, expected.at("statistic").get<double>(), 1e-10, 1e-13);
  CXTEST_CHECK_CLOSE(got.df, expected.at("df").get<double>(), 1e-10);
  CXTEST_CHECK_CLOSE_ABS(got.p_value, expected.at("p_value").get<double>(), 1e-8, 1e-300);
  CXTEST_CHECK_CLOSE_ABS(got.ci.lower, expected.at("ci")[0].get<double>(), 1e-10, 1e-13);
  CXTEST_CHECK_CLOSE_ABS(got.ci.upper, expected.at("ci")[1].get<double>(), 1e-10, 1e-13);
}

void check_rank(const cx::rank_test& got, const nlohmann::json& expected) {
  CXTEST_CHECK_CLOSE(got.statistic, expected.at("statistic").get<double>(), 1e-13);
  CXTEST_CHECK_CLOSE_ABS(got.p_value, expected.at("p_value").get<double>(), 1e-9, 1e-300);
  if (!expected.at("abs_z").is_null())  // null where R's p-value underflows to 0
    CXTEST_CHECK_CLOSE(std::fabs(got.z), expected.at("abs_z").get<double>(), 1e-8);
}

template <class Scale>
void check_unpaired(const nlohmann::json& c) {
  const auto self = cxtest::histogram_of<Scale>(c.at("first"));
  const auto customers = cxtest::histogram_of<Scale>(c.at("second"));
  INFO("scale " << Scale::name() << " first " << c.at("first").dump());
  for (const auto& l : c.at("welch")) {
    INFO("level " << l.at("level").get<double>());
    check_test(cx::welch_t_test(self, customers, l.at("level")), l);
  }
  check_rank(cx::mann_whitney(self, customers), c.at("mann_whitney"));
  CXTEST_CHECK_CLOSE_ABS(cx::cliffs_delta(self, customers), c.at("cliffs_delta").get<double>(), 1e-12, 1e-15);
  CXTEST_CHECK_CLOSE(cx::cohens_d(self, customers), c.at("cohens_d").get<double>(), 1e-12);
  CXTEST_CHECK_CLOSE(cx::hedges_g(self, customers), c.at("hedges_g").get<double>(), 1e-12);
  const cx::perception_gap_result all = cx::perception_gap(self, customers);
  CHECK(all.cliffs_delta == cx::cliffs_delta(self, customers));
  CHECK(all.welch.difference == cx::welch_t_test(self, customers).difference);
}

}  // namespace

TEST_SUITE("unpaired gap") {
  TEST_CASE("Welch on weighted histograms matches statsmodels with weights rescaled to Kish's n") {
    const auto reference = cxtest::load_json("gap_reference.json");
    for (const auto& c : reference.at("weighted_welch")) {
      INFO("scale " << c.at("lo").get<int>() << ".." << c.at("hi").get<int>());
      auto fill = [&](auto& first, auto& second) {
        for (const auto& vw : c.at("first")) first.add(vw[0].get<int>(), vw[1].get<double>());
        for (const auto& vw : c.at("second")) second.add(vw[0].get<int>(), vw[1].get<double>());
        const cx::difference_test t = cx::welch_t_test(first, second);
        CXTEST_CHECK_CLOSE_ABS(t.difference, c.at("difference").get<double>(), 1e-12, 1e-14);
        CXTEST_CHECK_CLOSE(t.standard_error, c.at("standard_error").get<double>(), 1e-11);
        CXTEST_CHECK_CLOSE(t.statistic, c.at("statistic").get<double>(), 1e-10);
        CXTEST_CHECK_CLOSE(t.df, c.at("df").get<double>(), 1e-10);
        CXTEST_CHECK_CLOSE(t.p_value, c.at("p_value").get<double>(), 1e-8);
        CXTEST_CHECK_CLOSE_ABS(t.ci.lower, c.at("ci")[0].get<double>(), 1e-10, 1e-13);
        CXTEST_CHECK_CLOSE_ABS(t.ci.upper, c.at("ci")[1].get<double>(), 1e-10, 1e-13);
      };
      if (c.at("hi").get<int>() == 7) {
        cx::weighted_histogram<cx::scale<1, 7>> a, b;
        fill(a, b);
      } else if (c.at("hi").get<int>() == 5) {
        cx::weighted_histogram<cx::scale<1, 5>> a, b;
        fill(a, b);
      } else {
        cx::weighted_histogram<cx::scale<0, 10>> a, b;
        fill(a, b);
      }
    }
  }

  TEST_CASE("weighted Welch: unit weights give the unweighted test; one response per group is refused") {
    cx::weighted_histogram<cx::csat_scale> a, b;
    cx::rating_histogram<cx::csat_scale> ua, ub;
    for (int v : {1, 4, 5, 5, 3}) a.add(v, 1.0), ua.add(v);
    for (int v : {2, 2, 3, 4}) b.add(v, 1.0), ub.add(v);
    const auto w = cx::welch_t_test(a, b), u = cx::welch_t_test(ua, ub);
    CXTEST_CHECK_CLOSE(w.statistic, u.statistic, 1e-14);
    CXTEST_CHECK_CLOSE(w.df, u.df, 1e-14);
    cx::weighted_histogram<cx::csat_scale> one;
    one.add(3, 2.0);
    CHECK_THROWS_WITH_AS(cx::welch_t_test(one, b), "the first group needs at least 2 observations, got 1",
                         cx::insufficient_data);
  }

  TEST_CASE("Welch t, Mann-Whitney, Cliff's delta, Cohen's d, Hedges' g match R and scipy") {
    const auto reference = cxtest::load_json("gap_reference.json");
    for (const auto& c : reference.at("unpaired")) {
      const int hi = c.at("hi");
      if (hi == 5) check_unpaired<cx::csat_scale>(c);
      else if (hi == 10) check_unpaired<cx::nps_scale>(c);
      else if (hi == 7) check_unpaired<cx::ces_scale>(c);
      else FAIL("unexpected scale");
    }
  }

  TEST_CASE("moments and histograms give the same Welch test and effect sizes") {
    cx::rating_histogram<cx::csat_scale> a, b;
    cx::moments ma, mb;
    for (int v : {5, 4, 4, 5, 3, 5}) {
      a.add(v);
      ma.add(v);
    }
    for (int v : {2, 3, 4, 3, 1}) {
      b.add(v);
      mb.add(v);
    }
    CXTEST_CHECK_CLOSE(cx::welch_t_test(ma, mb).p_value, cx::welch_t_test(a, b).p_value, 1e-12);
    CXTEST_CHECK_CLOSE(cx::cohens_d(ma, mb), cx::cohens_d(a, b), 1e-12);
    CXTEST_CHECK_CLOSE(cx::hedges_g(ma, mb), cx::hedges_g(a, b), 1e-12);
  }

  TEST_CASE("Hedges' J at df = 2 is 1 / sqrt(pi) exactly") {
    cx::moments a, b;
    a.add(1);
    a.add(3);
    b.add(0);
    b.add(2);  // d = 1 / sqrt(2)
    CXTEST_CHECK_CLOSE(cx::hedges_g(a, b), cx::cohens_d(a, b) / std::sqrt(std::acos(-1.0)), 1e-14);
  }

  TEST_CASE("huge counts: rank statistics stay O(points) and finite") {
    auto a = cx::rating_histogram<cx::csat_scale>::from_counts({1ULL << 40, 1ULL << 41, 1ULL << 42, 1ULL << 43, 1ULL << 44});
    auto b = cx::rating_histogram<cx::csat_scale>::from_counts({1ULL << 44, 1ULL << 43, 1ULL << 42, 1ULL << 41, 1ULL << 40});
    const cx::rank_test u = cx::mann_whitney(a, b);
    CHECK(std::isfinite(u.z));
    CHECK(u.z > 0.0);
    CHECK(cx::cliffs_delta(a, b) == doctest::Approx(-cx::cliffs_delta(b, a)));
  }

  TEST_CASE("errors: too little data or no variance") {
    cx::moments one, two;
    one.add(3);
    two.add(1);
    two.add(2);
    CHECK_THROWS_WITH_AS(cx::welch_t_test(one, two), "the first group needs at least 2 observations, got 1",
                         cx::insufficient_data);
    cx::moments flat_a, flat_b;
    for (int i = 0; i < 3; ++i) {
      flat_a.add(4);
      flat_b.add(2);
    }
    CHECK_THROWS_AS(cx::welch_t_test(flat_a, flat_b), cx::insufficient_data);
    CHECK_THROWS_AS(cx::cohens_d(flat_a, flat_b), cx::insufficient_data);
    CHECK_THROWS_AS(cx::hedges_g(flat_a, one), cx::insufficient_data);
    CHECK_THROWS_AS(cx::welch_t_test(two, two, 0.0), std::invalid_argument);
    cx::rating_histogram<cx::csat_scale> empty, tied;
    tied.add_count(3, 4);
    CHECK_THROWS_AS(cx::mann_whitney(empty, tied), cx::insufficient_data);
    CHECK_THROWS_AS(cx::cliffs_delta(tied, empty), cx::insufficient_data);
    CHECK_THROWS_WITH_AS(cx::mann_whitney(tied, tied), "the rank statistic has no variance: every observation is tied",
                         cx::insufficient_data);
  }
}

TEST_SUITE("paired gap") {
  TEST_CASE("paired t, signed rank, shares and d_z match R on the expanded differences") {
    const auto reference = cxtest::load_json("gap_reference.json");
    for (const auto& c : reference.at("paired")) {
      const auto d = cxtest::histogram_of<cx::scale<-4, 4>>(c.at("differences"));
      INFO("differences " << c.at("differences").dump());
      for (const auto& l : c.at("t")) check_test(cx::paired_t_test(d, l.at("level")), l);
      check_rank(cx::wilcoxon_signed_rank(d), c.at("signed_rank"));
      cx::moments m;
      for (int v = -4; v <= 4; ++v)
        for (std::uint64_t i = 0; i < d.count(v); ++i) m.add(v);
      check_test(cx::paired_t_test(m, 0.95), c.at("t")[1]);
    }
  }

  TEST_CASE("paired_gap collects self - customer differences and summarizes them") {
    const auto reference = cxtest::load_json("gap_reference.json");
    const auto& c = reference.at("paired")[0];
    cx::paired_gap<cx::csat_scale> gap;
    // Build pairs whose differences reproduce the reference histogram on -4..4.
    for (int diff = -4; diff <= 4; ++diff)
      for (int i = 0; i < c.at("differences")[static_cast<std::size_t>(diff + 4)].get<int>(); ++i)
        gap.add(diff >= 0 ? 1 + diff : 1, diff >= 0 ? 1 : 1 - diff);
    const cx::paired_gap_summary s = cx::summarize(gap);
    CXTEST_CHECK_CLOSE(s.self_above, c.at("self_above").get<double>(), 1e-14);
    CXTEST_CHECK_CLOSE(s.equal, c.at("equal").get<double>(), 1e-14);
    CXTEST_CHECK_CLOSE(s.self_below, c.at("self_below").get<double>(), 1e-14);
    CXTEST_CHECK_CLOSE(s.effect_size_dz, c.at("d_z").get<double>(), 1e-12);
    check_rank(s.signed_rank, c.at("signed_rank"));
    cx::paired_gap<cx::csat_scale> half, rest;
    half.add(5, 2);
    rest.add(3, 4);
    half += rest;
    CHECK(half.count() == 2);
    CHECK_THROWS_WITH_AS(gap.add(6, 3), "rating 6 is outside the scale 1..5", cx::invalid_rating);
  }

  TEST_CASE("errors: all differences zero or equal") {
    cx::paired_gap<cx::csat_scale> same;
    same.add(4, 4);
    same.add(3, 3);
    CHECK_THROWS_AS(cx::wilcoxon_signed_rank(same.differences()), cx::insufficient_data);
    CHECK_THROWS_WITH_AS(cx::paired_t_test(same.differences()),
                         "the paired t test needs differences that vary; all equal 0", cx::insufficient_data);
  }
}

TEST_SUITE("delivery gap") {
  TEST_CASE("80% of firms vs 8% agreement: the headline as a test") {
    // 290 of 362 firms (80.1%) said "superior"; customers put 29 of the 362 (8.0%) there.
    const cx::difference_test t = cx::compare_proportions(290, 362, 29, 362);
    CHECK(t.difference == doctest::Approx(261.0 / 362.0));
    CHECK(t.p_value < 1e-50);
    CHECK(t.ci.lower > 0.65);
  }

  TEST_CASE("from histograms: top box of self against customers") {
    cx::rating_histogram<cx::csat_scale> self, customers;
    self.add_count(5, 8);
    self.add_count(4, 2);
    customers.add_count(5, 2);
    customers.add_count(3, 8);
    const cx::delivery_gap_result g = cx::delivery_gap(self, customers, 1);
    CHECK(g.self.estimate == 0.8);
    CHECK(g.customers.estimate == 0.2);
    const cx::difference_test direct = cx::compare_proportions(8, 10, 2, 10);
    CHECK(g.difference.p_value == doctest::Approx(direct.p_value));
    CHECK(g.difference.ci == direct.ci);
  }
}

TEST_SUITE("calibration") {
  TEST_CASE("gaps, flags and the rank correlation match scipy") {
    const auto reference = cxtest::load_json("gap_reference.json");
    const auto& c = reference.at("calibration");
    std::vector<cx::employee_ratings<cx::csat_scale>> employees;
    for (const auto& e : c.at("employees"))
      employees.push_back({e.at("employee"), e.at("self"), cxtest::histogram_of<cx::csat_scale>(e.at("counts"))});
    const cx::calibration_result r = cx::calibrate(employees);
    REQUIRE(r.rows.size() == employees.size());
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      const double mean = c.at("customer_means")[i].get<double>();
      CXTEST_CHECK_CLOSE(r.rows[i].customers.estimate, mean, 1e-14);
      CXTEST_CHECK_CLOSE_ABS(r.rows[i].gap, employees[i].self_rating - mean, 1e-14, 1e-14);
      CHECK(r.rows[i].outside_interval == !r.rows[i].customers.ci.contains(employees[i].self_rating));
    }
    CXTEST_CHECK_CLOSE(r.rank_correlation, c.at("rank_correlation").get<double>(), 1e-12);
  }

  TEST_CASE("errors name the employee") {
    cx::rating_histogram<cx::csat_scale> one;
    one.add(4);
    cx::rating_histogram<cx::csat_scale> two;
    two.add(4);
    two.add(2);
    CHECK_THROWS_WITH_AS(cx::calibrate<cx::csat_scale>({{"ana", 4.0, two}, {"bo", 5.0, one}}),
                         "employee bo has 1 customer ratings; calibration needs at least 2", cx::insufficient_data);
    CHECK_THROWS_WITH_AS(cx::calibrate<cx::csat_scale>({{"ana", 6.5, two}}),
                         "self-rating 6.5 of ana is outside the scale 1..5", cx::invalid_rating);
  }
}
