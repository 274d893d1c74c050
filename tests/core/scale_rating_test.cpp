#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/core/scale.hpp>

#include <optional>
#include <stdexcept>
#include <type_traits>

#include <doctest/doctest.h>

namespace cx = cxmetrics;

// Compile-time properties: scales are constexpr, ratings are small regular value types.
static_assert(cx::nps_scale::points == 11 && cx::csat_scale::points == 5);
static_assert(cx::likert_scale<7>::max == 7 && cx::likert_scale<7>::min == 1);
static_assert(cx::scale<-4, 4>::points == 9 && cx::scale<-4, 4>::contains(-4));
static_assert(!cx::scale<-4, 4>::contains(5) && !cx::scale<-4, 4>::contains(-5));
static_assert(sizeof(cx::rating<cx::nps_scale>) == sizeof(int));
static_assert(std::is_trivially_copyable_v<cx::rating<cx::nps_scale>>);
static_assert(!std::is_convertible_v<int, cx::rating<cx::nps_scale>>, "construction is explicit");
static_assert(noexcept(cx::rating<cx::nps_scale>::try_make(3)));
static_assert(cx::rating<cx::csat_scale>(5).value() == 5, "constexpr construction");
static_assert(cx::rating<cx::csat_scale>::try_make(6) == std::nullopt);
static_assert(!std::is_default_constructible_v<cx::rating<cx::nps_scale>>,
              "a rating is always a valid point: no default value");

TEST_SUITE("scale") {
  TEST_CASE("name reads as the bounds") {
    CHECK(cx::nps_scale::name() == "0..10");
    CHECK(cx::scale<-4, 4>::name() == "-4..4");
  }
}

TEST_SUITE("rating") {
  TEST_CASE("valid values round-trip and normalize to 0..1") {
    cx::rating<cx::nps_scale> r(9);
    CHECK(r.value() == 9);
    CHECK(r.normalized() == doctest::Approx(0.9));
    CHECK(cx::rating<cx::csat_scale>(1).normalized() == 0.0);
    CHECK(cx::rating<cx::csat_scale>(5).normalized() == 1.0);
    CHECK(cx::rating<cx::scale<-4, 4>>(0).normalized() == 0.5);
  }

  TEST_CASE("off-scale values throw invalid_rating naming value and scale") {
    CHECK_THROWS_WITH_AS(cx::rating<cx::nps_scale>(11), "rating 11 is outside the scale 0..10",
                         cx::invalid_rating);
    CHECK_THROWS_WITH_AS(cx::rating<cx::nps_scale>(-1), "rating -1 is outside the scale 0..10",
                         cx::invalid_rating);
    CHECK_THROWS_WITH_AS(cx::rating<cx::csat_scale>(0), "rating 0 is outside the scale 1..5",
                         std::out_of_range);
  }

  TEST_CASE("try_make returns nullopt instead of throwing") {
    CHECK(cx::rating<cx::ces_scale>::try_make(7)->value() == 7);
    CHECK_FALSE(cx::rating<cx::ces_scale>::try_make(8).has_value());
    CHECK_FALSE(cx::rating<cx::ces_scale>::try_make(0).has_value());
  }

  TEST_CASE("ordering follows the value") {
    using r = cx::rating<cx::csat_scale>;
    CHECK(r(2) < r(3));
    CHECK(r(3) == r(3));
    CHECK(r(4) != r(3));
    CHECK(r(5) >= r(4));
  }
}
