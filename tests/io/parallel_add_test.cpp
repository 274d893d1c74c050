#include <cxmetrics/io/parallel_add.hpp>

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;

namespace {
std::vector<std::uint8_t> random_ratings(std::size_t n, int hi, std::uint64_t seed) {
  auto rng = cxtest::seeded_rng(seed);
  std::uniform_int_distribution<int> pick(0, hi);
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(pick(rng));
  return v;
}
}  // namespace

TEST_SUITE("parallel_add") {
  TEST_CASE("equals the sequential add for any thread count") {
    const auto data = random_ratings((std::size_t{5} << 20) + 12345, 10, 1);
    cx::rating_histogram<cx::nps_scale> sequential;
    sequential.add(data.data(), data.size());
    for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
      cx::rating_histogram<cx::nps_scale> h;
      h.add(7);
      cx::parallel_add(h, data.data(), data.size(), threads);
      INFO("threads " << threads);
      CHECK(h.total() == sequential.total() + 1);
      CHECK(h.count(7) == sequential.count(7) + 1);
      CHECK(h.count(0) == sequential.count(0));
    }
  }

  TEST_CASE("a bad byte anywhere: same error as sequential, nothing added") {
    auto data = random_ratings(std::size_t{4} << 20, 10, 2);
    data[(std::size_t{3} << 20) + 5] = 42;
    data[(std::size_t{3} << 20) + 9] = 43;
    cx::rating_histogram<cx::nps_scale> h;
    h.add(1);
    const auto before = h;
    const std::string expected = "rating 42 at position " + std::to_string((std::size_t{3} << 20) + 5) +
                                 " is outside the scale 0..10; nothing was added";
    CHECK_THROWS_WITH_AS(cx::parallel_add(h, data.data(), data.size(), 4), expected.c_str(), cx::invalid_rating);
    CHECK(h == before);
  }

  TEST_CASE("narrow counts overflow as a whole, not per chunk") {
    const std::vector<std::uint8_t> data(std::size_t{3} << 20, 2);
    cx::rating_histogram<cx::csat_scale, std::uint16_t> h;
    CHECK_THROWS_AS(cx::parallel_add(h, data.data(), data.size(), 2), std::overflow_error);
    CHECK(h.empty());
  }
}
