#include <cxmetrics/gap/importance_performance.hpp>
#include <cxmetrics/gap/servqual.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {
// Ratings for the 22 standard items: `base` everywhere, `value` on one dimension's items.
std::vector<int> items_with(int base, cx::servqual_dimension dimension, int value) {
  const auto items = cx::servqual_standard_items();
  std::vector<int> ratings(items.size(), base);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i] == dimension) ratings[i] = value;
  return ratings;
}
}  // namespace

TEST_SUITE("servqual") {
  // Three respondents, worked by hand:
  //   1: expects 6, perceives 5 everywhere          -> every gap -1, overall -1
  //   2: expects 5, perceives 7 on tangibles, else 5 -> tangibles +2, overall +0.4
  //   3: expects 4, perceives 2 on reliability, else 4 -> reliability -2, overall -0.4
  cx::servqual_survey three_respondents(std::optional<cx::servqual_importance> importance = std::nullopt) {
    cx::servqual_survey s(cx::servqual_standard_items(), importance);
    s.add(std::vector<int>(22, 6), std::vector<int>(22, 5));
    s.add(std::vector<int>(22, 5), items_with(5, cx::servqual_dimension::tangibles, 7));
    s.add(std::vector<int>(22, 4), items_with(4, cx::servqual_dimension::reliability, 2));
    return s;
  }

  TEST_CASE("the standard instrument has 22 items in five dimensions") {
    const auto items = cx::servqual_standard_items();
    CHECK(items.size() == 22);
    CHECK(items[0] == cx::servqual_dimension::tangibles);
    CHECK(items[4] == cx::servqual_dimension::reliability);
    CHECK(items[9] == cx::servqual_dimension::responsiveness);
    CHECK(items[13] == cx::servqual_dimension::assurance);
    CHECK(items[21] == cx::servqual_dimension::empathy);
  }

  TEST_CASE("hand-worked gaps per item, dimension and overall") {
    const cx::servqual_summary r = cx::summarize(three_respondents());
    CHECK(r.item_gaps[0] == doctest::Approx(1.0 / 3.0));   // tangibles item: -1, 2, 0
    CHECK(r.item_gaps[4] == doctest::Approx(-1.0));        // reliability item: -1, 0, -2
    CHECK(r.item_gaps[21] == doctest::Approx(-1.0 / 3.0));
    CHECK(r.dimensions[0].estimate == doctest::Approx(1.0 / 3.0));
    CHECK(r.dimensions[1].estimate == doctest::Approx(-1.0));
    CHECK(r.dimensions[2].estimate == doctest::Approx(-1.0 / 3.0));
    CHECK(r.overall.estimate == doctest::Approx(-1.0 / 3.0));  // mean of -1, 0.4, -0.4
    CHECK_FALSE(r.weighted_overall.has_value());
    CHECK(r.meets_expectations.estimate == doctest::Approx(1.0 / 3.0));
    CHECK(r.meets_expectations.ci == cx::proportion_interval(1, 3));
    // Tangibles: gaps -1, 2, 0; s = sqrt(7/3); t(0.975, 2) = 0.95 / sqrt(0.04875) exactly.
    const double half = 0.95 / std::sqrt(0.04875) * std::sqrt(7.0 / 3.0) / std::sqrt(3.0);
    CXTEST_CHECK_CLOSE(r.dimensions[0].ci.lower, 1.0 / 3.0 - half, 1e-12);
    CXTEST_CHECK_CLOSE(r.dimensions[0].ci.upper, 1.0 / 3.0 + half, 1e-12);
  }

  TEST_CASE("importance weights (points / 100) keep the overall on the gap scale") {
    const cx::servqual_summary r = cx::summarize(three_respondents(cx::servqual_importance{20, 30, 10, 20, 20}));
    REQUIRE(r.weighted_overall.has_value());
    // Respondents: -1; 0.2 * 2 = 0.4; 0.3 * -2 = -0.6.
    CHECK(r.weighted_overall->estimate == doctest::Approx(-0.4));
  }

  TEST_CASE("merging surveys equals one survey") {
    cx::servqual_survey a, b;
    a.add(std::vector<int>(22, 6), std::vector<int>(22, 5));
    b.add(std::vector<int>(22, 5), items_with(5, cx::servqual_dimension::tangibles, 7));
    b.add(std::vector<int>(22, 4), items_with(4, cx::servqual_dimension::reliability, 2));
    a += b;
    const auto whole = cx::summarize(three_respondents()), merged = cx::summarize(a);
    CHECK(merged.overall.estimate == doctest::Approx(whole.overall.estimate));
    CHECK(merged.dimensions[1].ci.lower == doctest::Approx(whole.dimensions[1].ci.lower));
    CHECK(a.meeting_expectations() == 1);
    cx::servqual_survey weighted(cx::servqual_standard_items(), cx::servqual_importance{20, 20, 20, 20, 20});
    CHECK_THROWS_AS(a += weighted, std::invalid_argument);
  }

  TEST_CASE("bad responses throw and add nothing") {
    cx::servqual_survey s;
    CHECK_THROWS_WITH_AS(s.add(std::vector<int>(21, 4), std::vector<int>(22, 4)),
                         "a SERVQUAL response needs 22 expectations and perceptions, got 21 and 22",
                         std::invalid_argument);
    auto perceptions = std::vector<int>(22, 4);
    perceptions[21] = 8;
    CHECK_THROWS_WITH_AS(s.add(std::vector<int>(22, 4), perceptions), "rating 8 is outside the scale 1..7",
                         cx::invalid_rating);
    CHECK(s.empty());
    s.add(std::vector<int>(22, 4), std::vector<int>(22, 4));
    CHECK_THROWS_AS(cx::summarize(s), cx::insufficient_data);  // one respondent
    CHECK_THROWS_WITH_AS(cx::servqual_survey(cx::servqual_standard_items(), cx::servqual_importance{50, 20, 10, 10, 5}),
                         "importance points add up to 95, not 100", std::invalid_argument);
    CHECK_THROWS_WITH_AS(cx::servqual_survey(std::vector<cx::servqual_dimension>(3, cx::servqual_dimension::tangibles)),
                         "SERVQUAL dimension reliability has no item", std::invalid_argument);
  }
}

TEST_SUITE("importance-performance") {
  const std::vector<cx::ipa_attribute> attributes{
      {"speed", 6.0, 4.0}, {"accuracy", 6.5, 6.0}, {"decor", 3.0, 3.5}, {"extras", 3.5, 6.5}, {"courtesy", 5.0, 5.0}};

  TEST_CASE("data-mean crosshairs, worked by hand") {
    const cx::ipa_result r = cx::importance_performance(attributes);
    CHECK(r.crosshairs.importance == doctest::Approx(4.8));
    CHECK(r.crosshairs.performance == doctest::Approx(5.0));
    CHECK(r.points[0].quadrant == cx::ipa_quadrant::concentrate_here);
    CHECK(r.points[1].quadrant == cx::ipa_quadrant::keep_up_the_good_work);
    CHECK(r.points[2].quadrant == cx::ipa_quadrant::low_priority);
    CHECK(r.points[3].quadrant == cx::ipa_quadrant::possible_overkill);
    CHECK(r.points[4].quadrant == cx::ipa_quadrant::keep_up_the_good_work);  // on the line: high
  }

  TEST_CASE("scale-midpoint crosshairs") {
    const double mid = cx::scale_midpoint<cx::likert_scale<7>>();
    CHECK(mid == 4.0);
    const cx::ipa_result r = cx::importance_performance(attributes, cx::ipa_crosshairs{mid, mid});
    CHECK(r.points[0].quadrant == cx::ipa_quadrant::keep_up_the_good_work);  // performance 4 == 4
    CHECK(r.points[2].quadrant == cx::ipa_quadrant::low_priority);
    CHECK(r.points[3].quadrant == cx::ipa_quadrant::possible_overkill);
    std::ostringstream os;
    os << r;
    CHECK(os.str().find("speed: importance 6, performance 4 -> keep up the good work") != std::string::npos);
  }

  TEST_CASE("derived importance is the correlation with overall satisfaction") {
    cx::comoments c;
    for (auto [attribute, overall] : {std::pair{5, 9}, {3, 6}, {4, 8}, {2, 3}}) c.add(attribute, overall);
    CHECK(cx::derived_importance(c) == c.pearson());
  }

  TEST_CASE("errors") {
    CHECK_THROWS_AS(cx::importance_performance({}), cx::insufficient_data);
    CHECK_THROWS_WITH_AS(cx::importance_performance({{"x", std::nan(""), 3.0}}), "importance of x nan must be finite",
                         std::invalid_argument);
  }
}
