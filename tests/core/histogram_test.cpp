#include <cxmetrics/core/histogram.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <list>
#include <numeric>
#include <sstream>
#include <iterator>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;
using nps_hist = cx::rating_histogram<cx::nps_scale>;

// Regular, compact value types.
static_assert(std::is_nothrow_copy_constructible_v<nps_hist>);
static_assert(std::is_nothrow_default_constructible_v<nps_hist>);
static_assert(sizeof(nps_hist) == 12 * sizeof(std::uint64_t), "11 counts and the total");
static_assert(sizeof(cx::rating_histogram<cx::csat_scale, std::uint32_t>) == 6 * sizeof(std::uint32_t));
static_assert(noexcept(std::declval<nps_hist&>().add(std::declval<cx::rating<cx::nps_scale>>())));
static_assert(noexcept(std::declval<nps_hist&>().try_add(3)));
static_assert(!noexcept(std::declval<nps_hist&>().add(3)), "add(int) validates and may throw");
static_assert(!noexcept(std::declval<cx::rating_histogram<cx::nps_scale, std::uint8_t>&>().add(
                  std::declval<cx::rating<cx::nps_scale>>())),
              "narrow counts can fill up, so add(rating) may throw");

namespace {

template <class H>
std::vector<std::uint64_t> counts_of(const H& h) {
  return {h.counts().begin(), h.counts().end()};
}

template <class Scale>
std::vector<std::uint64_t> naive_counts(const std::vector<std::uint8_t>& bytes) {
  std::vector<std::uint64_t> c(static_cast<std::size_t>(Scale::points), 0);
  for (auto b : bytes) ++c[static_cast<std::size_t>(b - Scale::min)];
  return c;
}

template <class Scale>
std::vector<std::uint8_t> random_bytes(std::size_t n, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> pick(std::max(Scale::min, 0), std::min(Scale::max, 255));
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(pick(rng));
  return v;
}

template <class Scale>
void check_byte_path(std::size_t n, std::uint64_t seed) {
  auto rng = cxtest::seeded_rng(seed);
  const auto bytes = random_bytes<Scale>(n, rng);
  cx::rating_histogram<Scale> h;
  h.add(bytes.data(), bytes.size());
  INFO("scale " << Scale::name() << ", n = " << n);
  CHECK(counts_of(h) == naive_counts<Scale>(bytes));
  CHECK(h.total() == n);
}

}  // namespace

TEST_SUITE("rating_histogram") {
  TEST_CASE("single adds count per point") {
    nps_hist h;
    CHECK(h.empty());
    CHECK(h.total() == 0);
    h.add(cx::rating<cx::nps_scale>(9));
    h.add(10);
    CHECK(h.try_add(7));
    h.add_count(0, 5);
    CHECK(h.count(9) == 1);
    CHECK(h.count(10) == 1);
    CHECK(h.count(7) == 1);
    CHECK(h.count(0) == 5);
    CHECK(h.count(5) == 0);
    CHECK(h.total() == 8);
    CHECK_FALSE(h.empty());
    h.clear();
    CHECK(h == nps_hist());
  }

  TEST_CASE("off-scale single values throw and change nothing") {
    nps_hist h;
    h.add(3);
    const nps_hist before = h;
    CHECK_THROWS_WITH_AS(h.add(11), "rating 11 is outside the scale 0..10", cx::invalid_rating);
    CHECK_THROWS_AS(h.add(-1), cx::invalid_rating);
    CHECK_THROWS_AS(h.add_count(12, 3), cx::invalid_rating);
    CHECK_FALSE(h.try_add(11));
    CHECK_FALSE(h.try_add(-2));
    CHECK(h == before);
    CHECK_THROWS_WITH_AS((void)h.count(11), "rating 11 is outside the scale 0..10", cx::invalid_rating);
  }

  TEST_CASE("iterator bulk add accepts integers of any width and ratings") {
    nps_hist h;
    const std::vector<int> ints{0, 6, 9, 9, 10};
    h.add(ints.begin(), ints.end());
    const std::vector<unsigned long long> wide{10, 10};
    h.add(wide.begin(), wide.end());
    const std::vector<cx::rating<cx::nps_scale>> ratings{cx::rating<cx::nps_scale>(3)};
    h.add(ratings.begin(), ratings.end());
    const std::list<short> shorts{7, 8};
    h.add(shorts.begin(), shorts.end());
    CHECK(counts_of(h) == std::vector<std::uint64_t>{1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3});
    CHECK(h.total() == 10);
  }

  TEST_CASE("single-pass input iterators work and stay all-or-nothing") {
    nps_hist h;
    std::istringstream good("1 2 3 10");
    h.add(std::istream_iterator<int>(good), std::istream_iterator<int>());
    CHECK(h.total() == 4);
    const nps_hist before = h;
    std::istringstream bad("4 5 42 6");
    CHECK_THROWS_WITH_AS(h.add(std::istream_iterator<int>(bad), std::istream_iterator<int>()),
                         "rating 42 at position 2 is outside the scale 0..10; nothing was added",
                         cx::invalid_rating);
    CHECK(h == before);
  }

  TEST_CASE("a wide value is never truncated onto the scale") {
    nps_hist h;
    const std::vector<long long> values{5, (1LL << 32) + 9};
    CHECK_THROWS_WITH_AS(h.add(values.begin(), values.end()),
                         "rating 4294967305 at position 1 is outside the scale 0..10; nothing was added",
                         cx::invalid_rating);
    const std::vector<unsigned> unsigned_values{4294967295u};
    CHECK_THROWS_AS(h.add(unsigned_values.begin(), unsigned_values.end()), cx::invalid_rating);
    const std::vector<int> negative{-1};
    cx::rating_histogram<cx::scale<1, 5>> csat;
    CHECK_THROWS_AS(csat.add(negative.begin(), negative.end()), cx::invalid_rating);
    CHECK(h.empty());
  }

  TEST_CASE("byte fast path equals a naive count on every length and scale shape") {
    // Lengths straddle the 224-byte SIMD block and the 14336-byte validation chunk.
    for (std::size_t n : {0u, 1u, 5u, 223u, 224u, 225u, 447u, 14335u, 14336u, 14337u, 100003u}) {
      check_byte_path<cx::nps_scale>(n, 1000 + n);
      check_byte_path<cx::csat_scale>(n, 2000 + n);
      check_byte_path<cx::likert_scale<16>>(n, 3000 + n);
      check_byte_path<cx::scale<0, 40>>(n, 4000 + n);  // scatter path
      check_byte_path<cx::scale<-3, 3>>(n, 5000 + n);  // bytes cover only 0..3
      check_byte_path<cx::scale<200, 300>>(n, 6000 + n);
      check_byte_path<cx::scale<-5, 0>>(n, 7000 + n);     // one valid byte value
      check_byte_path<cx::scale<255, 300>>(n, 8000 + n);  // one valid byte value
    }
  }

  TEST_CASE("byte fast path rejects the first bad byte and adds nothing") {
    auto rng = cxtest::seeded_rng(7);
    auto bytes = random_bytes<cx::nps_scale>(40000, rng);
    for (std::size_t at : {std::size_t{0}, std::size_t{223}, std::size_t{14336}, std::size_t{39999}}) {
      auto corrupted = bytes;
      corrupted[at] = 11;
      if (at != 39999) corrupted[39999] = 12;  // a later bad byte: the first is the one named
      nps_hist h;
      h.add(3);
      const nps_hist before = h;
      INFO("bad byte at " << at);
      const std::string expected = "rating 11 at position " + std::to_string(at) +
                                   " is outside the scale 0..10; nothing was added";
      CHECK_THROWS_WITH_AS(h.add(corrupted.data(), corrupted.size()), expected.c_str(),
                           cx::invalid_rating);
      CHECK(h == before);
    }
    const std::uint8_t high[] = {5, 255};
    nps_hist h;
    CHECK_THROWS_WITH_AS(h.add(high, 2),
                         "rating 255 at position 1 is outside the scale 0..10; nothing was added",
                         cx::invalid_rating);
    cx::rating_histogram<cx::scale<-5, -1>> negative_only;
    const std::uint8_t zero[] = {0};
    CHECK_THROWS_AS(negative_only.add(zero, 1), cx::invalid_rating);
    negative_only.add(zero, 0);
    CHECK(negative_only.empty());
    cx::rating_histogram<cx::scale<-3, 3>> signed_scale;
    const std::uint8_t four[] = {1, 4};
    CHECK_THROWS_AS(signed_scale.add(four, 2), cx::invalid_rating);
  }

  TEST_CASE("merge of random splits equals the whole, in any order") {
    auto rng = cxtest::seeded_rng(42);
    const auto bytes = random_bytes<cx::nps_scale>(5000, rng);
    nps_hist whole;
    whole.add(bytes.data(), bytes.size());
    for (std::size_t parts : {1u, 2u, 3u, 7u, 50u}) {
      auto groups = cxtest::random_split(bytes.size(), parts, rng);
      std::vector<nps_hist> partial(parts);
      for (std::size_t g = 0; g < parts; ++g)
        for (auto i : groups[g]) partial[g].add(bytes[i]);
      std::shuffle(partial.begin(), partial.end(), rng);
      nps_hist merged;
      for (const auto& p : partial) merged += p;
      CHECK(merged == whole);
      // Associativity: (a + b) + c == a + (b + c) on the first three parts.
      if (parts >= 3) CHECK((partial[0] + partial[1]) + partial[2] == partial[0] + (partial[1] + partial[2]));
    }
    nps_hist empty;
    CHECK(whole + empty == whole);
    CHECK(empty + whole == whole);
    CHECK(empty + empty == empty);
  }

  TEST_CASE("narrow counts refuse to wrap: add, bulk, merge and from_counts") {
    using small = cx::rating_histogram<cx::csat_scale, std::uint8_t>;
    small h;
    for (int i = 0; i < 255; ++i) h.add(cx::rating<cx::csat_scale>(1 + i % 5));
    CHECK(h.total() == 255);
    const small full = h;
    CHECK_THROWS_AS(h.add(3), std::overflow_error);
    CHECK_THROWS_WITH_AS(h.add(cx::rating<cx::csat_scale>(3)),
                         "adding 1 ratings to a histogram holding 255 would exceed its count limit "
                         "255; nothing was added",
                         std::overflow_error);
    CHECK_FALSE(h.try_add(3));
    const std::uint8_t bytes[] = {1, 2};
    CHECK_THROWS_AS(h.add(bytes, 2), std::overflow_error);
    CHECK_THROWS_AS(h += full, std::overflow_error);
    CHECK(h == full);

    small few;
    std::vector<int> many(300, 4);
    CHECK_THROWS_AS(few.add(many.begin(), many.end()), std::overflow_error);
    CHECK(few.empty());
    CHECK_THROWS_AS(small::from_counts({200, 56, 0, 0, 0}), std::overflow_error);
    CHECK(small::from_counts({200, 55, 0, 0, 0}).total() == 255);
  }

  TEST_CASE("64-bit counts near 2^63 merge exactly and refuse 2^64") {
    const std::uint64_t half = std::uint64_t{1} << 62;
    auto h = nps_hist::from_counts({half, 0, 0, 0, 0, 0, 0, 0, 0, 0, half});
    CHECK(h.total() == std::uint64_t{1} << 63);
    auto twice = h;
    CHECK_THROWS_WITH_AS(twice += h,
                         "adding 9223372036854775808 ratings to a histogram holding "
                         "9223372036854775808 would exceed its count limit "
                         "18446744073709551615; nothing was added",
                         std::overflow_error);
    CHECK(twice == h);
    auto almost = nps_hist::from_counts({std::numeric_limits<std::uint64_t>::max() - 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    almost.add(5);
    CHECK(almost.total() == std::numeric_limits<std::uint64_t>::max());
    CHECK_FALSE(almost.try_add(5));
    CHECK_THROWS_AS(almost.add(5), std::overflow_error);
    CHECK_THROWS_AS(nps_hist::from_counts({std::numeric_limits<std::uint64_t>::max(), 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                    std::overflow_error);
  }
}

TEST_SUITE("weighted_histogram") {
  using whist = cx::weighted_histogram<cx::csat_scale>;

  TEST_CASE("weights, totals and Kish effective n") {
    whist w;
    CHECK(w.empty());
    CHECK(w.effective_n() == 0.0);
    w.add(5, 1.8);
    w.add(cx::rating<cx::csat_scale>(2), 0.6);
    CHECK(w.weight(5) == 1.8);
    CHECK(w.weight(2) == 0.6);
    CHECK(w.weight(3) == 0.0);
    CHECK(w.count() == 2);
    CHECK(w.total_weight() == doctest::Approx(2.4));
    CHECK(w.sum_squared_weights() == doctest::Approx(1.8 * 1.8 + 0.6 * 0.6));
    CXTEST_CHECK_CLOSE(w.effective_n(), 2.4 * 2.4 / (1.8 * 1.8 + 0.6 * 0.6), 1e-15);
    whist equal;
    for (int i = 0; i < 10; ++i) equal.add(3, 0.7);
    CXTEST_CHECK_CLOSE(equal.effective_n(), 10.0, 1e-14);  // equal weights: n
  }

  TEST_CASE("zero weights count as responses but carry no weight") {
    whist w;
    w.add(4, 0.0);
    CHECK(w.count() == 1);
    CHECK_FALSE(w.empty());
    CHECK(w.total_weight() == 0.0);
    CHECK(w.effective_n() == 0.0);
  }

  TEST_CASE("bad weights and values throw and change nothing") {
    whist w;
    w.add(4, 1.0);
    const whist before = w;
    CHECK_THROWS_WITH_AS(w.add(4, -0.5), "weight -0.5 must be finite and non-negative",
                         std::invalid_argument);
    CHECK_THROWS_AS(w.add(4, std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(w.add(4, std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK_THROWS_WITH_AS(w.add(6, 1.0), "rating 6 is outside the scale 1..5", cx::invalid_rating);
    CHECK_THROWS_AS(w.add(4, 1e200), std::overflow_error);  // its square overflows
    CHECK(w == before);
  }

  TEST_CASE("bulk add is all or nothing") {
    whist w;
    const std::vector<int> values{1, 2, 3, 4};
    const std::vector<double> weights{1.0, 2.0, -1.0, 1.0};
    CHECK_THROWS_WITH_AS(w.add(values.begin(), values.end(), weights.begin()),
                         "weight -1 at position 2 must be finite and non-negative; nothing was added",
                         std::invalid_argument);
    CHECK(w.empty());
    const std::vector<int> bad_values{1, 9};
    const std::vector<double> ok_weights{1.0, 1.0};
    CHECK_THROWS_WITH_AS(w.add(bad_values.begin(), bad_values.end(), ok_weights.begin()),
                         "rating 9 at position 1 is outside the scale 1..5; nothing was added",
                         cx::invalid_rating);
    CHECK(w.empty());
    const std::vector<double> good{0.5, 1.5, 2.5, 3.5};
    w.add(values.begin(), values.end(), good.begin());
    CHECK(w.count() == 4);
    CHECK(w.total_weight() == 8.0);
    CHECK(w.weight(3) == 2.5);
  }

  TEST_CASE("merge of random splits equals the whole") {
    auto rng = cxtest::seeded_rng(99);
    std::uniform_int_distribution<int> value(1, 5);
    std::gamma_distribution<double> weight(2.0, 0.5);
    std::vector<int> values(3000);
    std::vector<double> weights(3000);
    for (std::size_t i = 0; i < values.size(); ++i) {
      values[i] = value(rng);
      weights[i] = weight(rng);
    }
    whist whole;
    whole.add(values.begin(), values.end(), weights.begin());
    for (std::size_t parts : {2u, 5u, 31u}) {
      auto groups = cxtest::random_split(values.size(), parts, rng);
      std::vector<whist> partial(parts);
      for (std::size_t g = 0; g < parts; ++g)
        for (auto i : groups[g]) partial[g].add(values[i], weights[i]);
      std::shuffle(partial.begin(), partial.end(), rng);
      whist merged;
      for (const auto& p : partial) merged += p;
      CHECK(merged.count() == whole.count());
      CXTEST_CHECK_CLOSE(merged.total_weight(), whole.total_weight(), 1e-13);
      CXTEST_CHECK_CLOSE(merged.sum_squared_weights(), whole.sum_squared_weights(), 1e-13);
      for (int v = 1; v <= 5; ++v) CXTEST_CHECK_CLOSE(merged.weight(v), whole.weight(v), 1e-13);
    }
    CHECK(whole + whist() == whole);
    CHECK(whist() + whole == whole);
  }

  TEST_CASE("a merge that would overflow throws and changes nothing") {
    whist big;
    big.add(1, 1.2e154);  // its square, 1.44e308, is still finite
    const whist before = big;
    CHECK_THROWS_WITH_AS(big += before,
                         "weight too large: the sum of weights or of squared weights would "
                         "overflow a double; nothing was added",
                         std::overflow_error);
    CHECK(big == before);
    CHECK_THROWS_AS(big.add(2, 1.2e154), std::overflow_error);
    CHECK(big == before);
  }
}

namespace {
// Whether h.add(v) / w.add(v, 1.0) would compile (the deleted overloads are visible here).
template <class H, class V, class = void>
struct can_add : std::false_type {};
template <class H, class V>
struct can_add<H, V, std::void_t<decltype(std::declval<H&>().add(std::declval<V>()))>> : std::true_type {};
template <class H, class V, class = void>
struct can_add_weighted : std::false_type {};
template <class H, class V>
struct can_add_weighted<H, V, std::void_t<decltype(std::declval<H&>().add(std::declval<V>(), 1.0))>> : std::true_type {};
using weighted_nps = cx::weighted_histogram<cx::nps_scale>;
static_assert(can_add<nps_hist, int>::value && can_add<nps_hist, long long>::value && can_add<nps_hist, unsigned char>::value);
static_assert(!can_add<nps_hist, double>::value && !can_add<nps_hist, float>::value && !can_add<nps_hist, bool>::value);
static_assert(can_add_weighted<weighted_nps, std::int64_t>::value);
static_assert(!can_add_weighted<weighted_nps, double>::value && !can_add_weighted<weighted_nps, bool>::value);
}  // namespace

TEST_SUITE("rating_histogram") {
  TEST_CASE("single adds of wider integers are checked in their own type, as the range overload is") {
    nps_hist h;
    CHECK_THROWS_WITH_AS(h.add((1LL << 32) + 9), "rating 4294967305 is outside the scale 0..10", cx::invalid_rating);
    CHECK_THROWS_AS(h.add(std::uint64_t{1} << 63), cx::invalid_rating);
    CHECK_THROWS_AS(h.add(-1LL), cx::invalid_rating);
    CHECK(!h.try_add((1LL << 32) + 9));
    CHECK(h.empty());
    h.add(9LL);
    h.add(std::uint8_t{10});
    h.add(std::size_t{0});
    CHECK(h.try_add(short{7}));
    CHECK(h.total() == 4);
    CHECK(h.count(9) == 1);
    weighted_nps w;
    CHECK_THROWS_AS(w.add((1LL << 32) + 9, 1.0), cx::invalid_rating);
    w.add(10LL, 2.0);
    CHECK(w.total() == 1);
    CHECK(w.total() == w.count());
  }
}
