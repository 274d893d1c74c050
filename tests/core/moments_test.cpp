#include <cxmetrics/core/moments.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

static_assert(std::is_nothrow_copy_constructible_v<cx::moments>);
static_assert(std::is_nothrow_copy_constructible_v<cx::comoments>);
static_assert(sizeof(cx::moments) == 5 * 8, "count, mean, M2, min, max");

namespace {

struct nist_case {
  std::string id;
  std::vector<double> data;
  nlohmann::json expected;
  nlohmann::json tolerance;
};

std::vector<nist_case> nist_cases() {
  std::vector<nist_case> cases;
  for (const auto& c : cxtest::load_json("nist-strd/cases.json")) {
    nist_case nc{c.at("id").get<std::string>(), {}, c.at("expected"), c.at("tolerance").at("fields")};
    // The decimal text, correctly rounded by strtod, is the data NIST certifies.
    for (const auto& text : c.at("input").at("data_text"))
      nc.data.push_back(std::strtod(text.get<std::string>().c_str(), nullptr));
    cases.push_back(std::move(nc));
  }
  return cases;
}

void check_against_certified(const cx::moments& m, const nist_case& c) {
  INFO(c.id);
  CHECK(m.count() == c.expected.at("n").get<std::uint64_t>());
  CXTEST_CHECK_CLOSE(m.mean(), c.expected.at("mean").get<double>(), c.tolerance.at("mean").at("rel").get<double>());
  CXTEST_CHECK_CLOSE(m.stddev(), c.expected.at("sd").get<double>(), c.tolerance.at("sd").at("rel").get<double>());
  CXTEST_CHECK_CLOSE(m.variance(), c.expected.at("variance").get<double>(),
                     c.tolerance.at("variance").at("rel").get<double>());
}

}  // namespace

TEST_SUITE("moments") {
  TEST_CASE("hand-worked values") {
    cx::moments m;
    for (double x : {2.0, 4.0, 9.0}) m.add(x);
    CHECK(m.count() == 3);
    CHECK(m.mean() == doctest::Approx(5.0));
    CHECK(m.variance() == doctest::Approx(13.0));
    CHECK(m.stddev() == doctest::Approx(std::sqrt(13.0)));
    CHECK(m.min() == 2.0);
    CHECK(m.max() == 9.0);
    CHECK(m.sum_squared_deviations() == doctest::Approx(26.0));
  }

  TEST_CASE("NIST StRD univariate datasets match their certified values") {
    const auto cases = nist_cases();
    REQUIRE(cases.size() == 9);
    for (const auto& c : cases) {
      cx::moments m;
      m.add(c.data.begin(), c.data.end());
      check_against_certified(m, c);
    }
  }

  TEST_CASE("NIST StRD certified values survive random splits merged in any order") {
    auto rng = cxtest::seeded_rng(2026);
    for (const auto& c : nist_cases()) {
      for (std::size_t parts : {2u, 3u, 10u, 64u}) {
        auto groups = cxtest::random_split(c.data.size(), parts, rng);
        std::vector<cx::moments> partial(parts);
        for (std::size_t g = 0; g < parts; ++g)
          for (auto i : groups[g]) partial[g].add(c.data[i]);
        std::shuffle(partial.begin(), partial.end(), rng);
        cx::moments merged;
        for (const auto& p : partial) merged += p;
        INFO(parts << " parts");
        check_against_certified(merged, c);
      }
    }
  }

  TEST_CASE("the textbook sum-of-squares formula fails where ours does not (NumAcc4)") {
    for (const auto& c : nist_cases()) {
      if (c.id != "nist-numacc4") continue;
      double sum = 0.0, sum_squares = 0.0;
      for (double x : c.data) {
        sum += x;
        sum_squares += x * x;
      }
      const double n = static_cast<double>(c.data.size());
      const double naive = (sum_squares - sum * sum / n) / (n - 1.0);
      CHECK_FALSE(cxtest::close(naive, 0.01, 1e-3));  // the reason Welford is used
    }
  }

  TEST_CASE("too little data throws insufficient_data") {
    cx::moments m;
    CHECK(m.empty());
    CHECK_THROWS_WITH_AS((void)m.mean(), "the mean needs at least 1 observations, got 0", cx::insufficient_data);
    CHECK_THROWS_AS((void)m.min(), cx::insufficient_data);
    CHECK_THROWS_AS((void)m.max(), cx::insufficient_data);
    m.add(3.0);
    CHECK(m.mean() == 3.0);
    CHECK_THROWS_WITH_AS((void)m.variance(), "the sample variance needs at least 2 observations, got 1",
                         std::domain_error);
    CHECK_THROWS_AS((void)m.stddev(), cx::insufficient_data);
  }

  TEST_CASE("non-finite values throw invalid_argument and change nothing") {
    cx::moments m;
    m.add(1.0);
    const cx::moments before = m;
    CHECK_THROWS_WITH_AS(m.add(std::nan("")), "value nan must be finite; moments accept finite values only",
                         std::invalid_argument);
    CHECK_THROWS_AS(m.add(std::numeric_limits<double>::infinity()), std::invalid_argument);
    const std::vector<double> bulk{2.0, 3.0, -std::numeric_limits<double>::infinity()};
    CHECK_THROWS_AS(m.add(bulk.begin(), bulk.end()), std::invalid_argument);
    CHECK(m == before);
  }

  TEST_CASE("values whose squares overflow throw overflow_error and change nothing") {
    cx::moments m;
    m.add(-1e300);
    const cx::moments before = m;
    CHECK_THROWS_AS(m.add(1e300), std::overflow_error);
    CHECK(m == before);
  }

  TEST_CASE("merging empties") {
    cx::moments a, b;
    a += b;
    CHECK(a.empty());
    b.add(4.0);
    b.add(6.0);
    a += b;
    CHECK(a == b);
    b += cx::moments();
    CHECK(a == b);
  }
}

TEST_SUITE("comoments") {
  TEST_CASE("hand-worked values") {
    cx::comoments c;
    c.add(1, 2);
    c.add(2, 4);
    c.add(3, 7);
    CHECK(c.count() == 3);
    CHECK(c.mean_x() == doctest::Approx(2.0));
    CHECK(c.mean_y() == doctest::Approx(13.0 / 3.0));
    CHECK(c.variance_x() == doctest::Approx(1.0));
    CHECK(c.covariance() == doctest::Approx(2.5));
    CHECK(c.variance_y() == doctest::Approx(6.333333333333333));
    CXTEST_CHECK_CLOSE(c.pearson(), 2.5 / std::sqrt(6.333333333333333), 1e-14);
  }

  TEST_CASE("perfect correlation is exactly +-1") {
    cx::comoments up, down;
    for (int i = 0; i < 100; ++i) {
      up.add(0.1 * i, 3.0 * 0.1 * i + 7.0);
      down.add(0.1 * i, -0.3 * i);
    }
    CHECK(up.pearson() == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(up.pearson() <= 1.0);
    CHECK(down.pearson() >= -1.0);
  }

  TEST_CASE("undefined correlations throw insufficient_data") {
    cx::comoments c;
    CHECK_THROWS_AS((void)c.pearson(), cx::insufficient_data);
    c.add(1, 5);
    CHECK_THROWS_AS((void)c.pearson(), cx::insufficient_data);
    c.add(2, 5);
    CHECK_THROWS_WITH_AS((void)c.pearson(), "Pearson's correlation is undefined: y has no variance",
                         cx::insufficient_data);
    CHECK_THROWS_WITH_AS(c.add(std::nan(""), 1.0), "pair (nan, 1) must be finite", std::invalid_argument);
    CHECK(c.count() == 2);
  }

  TEST_CASE("merge of random splits equals the whole") {
    auto rng = cxtest::seeded_rng(5);
    std::normal_distribution<double> noise(0.0, 1.0);
    std::vector<double> xs(2000), ys(2000);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      xs[i] = 1e6 + noise(rng);
      ys[i] = 0.5 * xs[i] + noise(rng);
    }
    cx::comoments whole;
    for (std::size_t i = 0; i < xs.size(); ++i) whole.add(xs[i], ys[i]);
    for (std::size_t parts : {2u, 7u, 40u}) {
      auto groups = cxtest::random_split(xs.size(), parts, rng);
      std::vector<cx::comoments> partial(parts);
      for (std::size_t g = 0; g < parts; ++g)
        for (auto i : groups[g]) partial[g].add(xs[i], ys[i]);
      std::shuffle(partial.begin(), partial.end(), rng);
      cx::comoments merged;
      for (const auto& p : partial) merged += p;
      CHECK(merged.count() == whole.count());
      CXTEST_CHECK_CLOSE(merged.mean_x(), whole.mean_x(), 1e-14);
      CXTEST_CHECK_CLOSE(merged.mean_y(), whole.mean_y(), 1e-14);
      CXTEST_CHECK_CLOSE(merged.covariance(), whole.covariance(), 1e-10);
      CXTEST_CHECK_CLOSE(merged.pearson(), whole.pearson(), 1e-10);
    }
  }
}
