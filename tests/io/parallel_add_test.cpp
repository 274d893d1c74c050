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

TEST_SUITE("parallel_add") {
  // The field report saw one checksum mismatch in a two-thread ingest: this proves the
  // parallel add equal to the sequential one over many runs, odd sizes and 1..8 threads
  // (chunks as small as 1 byte, so every split is exercised), and runs under TSan in
  // scripts/test.sh.
  TEST_CASE("stress: equal to the sequential add for odd sizes and 1..8 threads, run after run") {
    auto rng = cxtest::seeded_rng(1515);
    std::uniform_int_distribution<std::size_t> size(0, 20011);
    std::uniform_int_distribution<std::size_t> chunk(1, 997);
    std::size_t runs = 0, mismatches = 0, error_mismatches = 0;
    for (int run = 0; run < 60; ++run) {
      const std::size_t n = run < 8 ? static_cast<std::size_t>(run) : size(rng);
      const auto data = random_ratings(n, 10, 100 + static_cast<std::uint64_t>(run));
      cx::rating_histogram<cx::nps_scale> sequential;
      sequential.add(5);
      sequential.add(data.data(), data.size());
      for (unsigned threads = 1; threads <= 8; ++threads, ++runs) {
        cx::rating_histogram<cx::nps_scale> h;
        h.add(5);
        cx::detail::parallel_add_chunked(h, data.data(), data.size(), threads, chunk(rng));
        if (!(h == sequential)) ++mismatches;
      }
      if (n < 2) continue;
      // The same buffer with a bad byte: the same error as the sequential add, nothing added.
      auto bad = data;
      bad[std::uniform_int_distribution<std::size_t>(0, n - 1)(rng)] = 11;
      std::string expected;
      try {
        cx::rating_histogram<cx::nps_scale>().add(bad.data(), bad.size());
      } catch (const cx::invalid_rating& e) {
        expected = e.what();
      }
      for (unsigned threads = 1; threads <= 8; ++threads) {
        cx::rating_histogram<cx::nps_scale> h;
        h.add(5);
        std::string got;
        try {
          cx::detail::parallel_add_chunked(h, bad.data(), bad.size(), threads, chunk(rng));
        } catch (const cx::invalid_rating& e) {
          got = e.what();
        }
        if (got != expected || h.total() != 1) ++error_mismatches;
      }
    }
    CHECK(runs == 480);
    CHECK(mismatches == 0);
    CHECK(error_mismatches == 0);
  }

  TEST_CASE("stress: the public entry point with real 1 MiB chunks at 2..8 threads, repeated") {
    const auto data = random_ratings((std::size_t{8} << 20) + 4093, 10, 17);
    cx::rating_histogram<cx::nps_scale> sequential;
    sequential.add(data.data(), data.size());
    std::size_t mismatches = 0;
    for (int repeat = 0; repeat < 3; ++repeat)
      for (unsigned threads = 2; threads <= 8; ++threads) {
        cx::rating_histogram<cx::nps_scale> h;
        cx::parallel_add(h, data.data(), data.size(), threads);
        if (!(h == sequential)) ++mismatches;
      }
    CHECK(mismatches == 0);
  }
}
