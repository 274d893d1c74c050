// The bulk byte path on every kernel this machine runs (portable, AVX2, AVX-512BW): same
// counts as a plain counting loop, same first bad byte, nothing added on error; and a
// seeded fuzz of each SIMD kernel against the portable one.
#include <cxmetrics/core/histogram.hpp>

#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;
using cx::detail::byte_kernel;

namespace {

std::vector<byte_kernel> supported_kernels() {
  std::vector<byte_kernel> kernels;
  for (byte_kernel k : {byte_kernel::portable, byte_kernel::avx2, byte_kernel::avx512bw})
    if (cx::detail::byte_kernel_supported(k)) kernels.push_back(k);
  return kernels;
}

// Restores the process-wide choice when a test case ends, whatever it forced.
struct kernel_guard {
  byte_kernel saved = cx::detail::active_byte_kernel();
  ~kernel_guard() { cx::detail::force_byte_kernel(saved); }
};

// The oracle: one counter per byte value, no SIMD, no validation shortcut.
template <class Scale>
bool reference_counts(const std::uint8_t* data, std::size_t n, std::vector<std::uint64_t>& counts,
                      std::size_t& first_bad) {
  counts.assign(static_cast<std::size_t>(Scale::points), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const int v = data[i];
    if (v < Scale::min || v > Scale::max) {
      first_bad = i;
      return false;
    }
    ++counts[static_cast<std::size_t>(v - Scale::min)];
  }
  return true;
}

// Adds [data, data + n) on kernel k to a histogram holding one earlier rating, and checks
// it against the oracle: the counts when valid; otherwise the message naming the first bad
// byte and an unchanged histogram.
template <class Scale>
void check_against_reference(byte_kernel k, const std::uint8_t* data, std::size_t n) {
  REQUIRE(cx::detail::force_byte_kernel(k));
  std::vector<std::uint64_t> expected;
  std::size_t bad = 0;
  const bool valid = reference_counts<Scale>(data, n, expected, bad);
  cx::rating_histogram<Scale> h;
  h.add(Scale::min);
  const auto before = h;
  if (valid) {
    h.add(data, n);
    REQUIRE(h.total() == n + 1);
    for (int v = Scale::min; v <= Scale::max; ++v)
      REQUIRE(h.count(v) == expected[static_cast<std::size_t>(v - Scale::min)] + (v == Scale::min ? 1 : 0));
  } else {
    const std::string message = "rating " + std::to_string(data[bad]) + " at position " + std::to_string(bad) +
                                " is outside the scale " + Scale::name() + "; nothing was added";
    REQUIRE_THROWS_WITH_AS(h.add(data, n), message.c_str(), cx::invalid_rating);
    REQUIRE(h == before);
  }
}

template <class Scale>
std::vector<std::uint8_t> random_valid(std::size_t n, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> pick(Scale::min < 0 ? 0 : Scale::min, Scale::max > 255 ? 255 : Scale::max);
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(pick(rng));
  return v;
}

// A byte off `Scale` (below or above it), chosen at random.
template <class Scale>
std::uint8_t random_invalid(std::mt19937_64& rng) {
  std::vector<std::uint8_t> off;
  for (int b = 0; b < 256; ++b)
    if (b < Scale::min || b > Scale::max) off.push_back(static_cast<std::uint8_t>(b));
  return off[std::uniform_int_distribution<std::size_t>(0, off.size() - 1)(rng)];
}

template <class Scale>
void sizes_and_offsets(std::uint64_t seed) {
  auto rng = cxtest::seeded_rng(seed);
  const auto buffer = random_valid<Scale>(70000, rng);
  for (byte_kernel k : supported_kernels()) {
    INFO("kernel " << std::string(cx::detail::byte_kernel_name(k)) << ", scale " << Scale::name());
    const std::size_t sizes[] = {0, 1, 31, 32, 33, 63, 64, 65, 479, 480, 481, 959, 960, 961, 4079, 4080, 4081, 65537};
    const std::size_t offsets[] = {0, 1, 7, 31, 33, 63};
    for (std::size_t n : sizes)
      for (std::size_t offset : offsets)
        check_against_reference<Scale>(k, buffer.data() + offset, n);
  }
}

template <class Scale>
void every_bad_position(std::size_t n, std::uint64_t seed) {
  auto rng = cxtest::seeded_rng(seed);
  auto data = random_valid<Scale>(n + 1, rng);
  const std::uint8_t* start = data.data() + 1;  // unaligned
  for (byte_kernel k : supported_kernels()) {
    INFO("kernel " << std::string(cx::detail::byte_kernel_name(k)) << ", scale " << Scale::name());
    for (std::size_t at = 0; at < n; ++at) {
      const std::uint8_t saved = data[at + 1];
      data[at + 1] = random_invalid<Scale>(rng);
      INFO("bad byte at " << at);
      check_against_reference<Scale>(k, start, n);
      data[at + 1] = saved;
    }
  }
}

// Seeded fuzz: random lengths, starts, scales of the kernels' reach and bad bytes with
// some probability; every SIMD kernel must agree with the portable one (and the oracle).
template <class Scale>
void fuzz_against_portable(int rounds, std::uint64_t seed) {
  auto rng = cxtest::seeded_rng(seed);
  std::uniform_int_distribution<std::size_t> length(0, 3000), start(0, 63), position(0, 3062);
  std::bernoulli_distribution corrupt(0.5);
  for (int round = 0; round < rounds; ++round) {
    auto data = random_valid<Scale>(3064, rng);
    if (corrupt(rng)) data[position(rng)] = random_invalid<Scale>(rng);
    if (corrupt(rng)) data[position(rng)] = random_invalid<Scale>(rng);
    const std::size_t from = start(rng), n = length(rng);
    INFO("round " << round << ", start " << from << ", n " << n << ", scale " << Scale::name());
    REQUIRE(cx::detail::force_byte_kernel(byte_kernel::portable));
    cx::rating_histogram<Scale> portable;
    std::string portable_error;
    try {
      portable.add(data.data() + from, n);
    } catch (const cx::invalid_rating& e) {
      portable_error = e.what();
    }
    for (byte_kernel k : supported_kernels()) {
      REQUIRE(cx::detail::force_byte_kernel(k));
      cx::rating_histogram<Scale> h;
      std::string error;
      try {
        h.add(data.data() + from, n);
      } catch (const cx::invalid_rating& e) {
        error = e.what();
      }
      INFO("kernel " << std::string(cx::detail::byte_kernel_name(k)));
      REQUIRE(error == portable_error);
      REQUIRE(h == portable);
      REQUIRE(h.total() == portable.total());
    }
  }
}

}  // namespace

TEST_SUITE("detail/count_bytes.hpp") {
  TEST_CASE("the process starts on the widest kernel the CPU runs; forcing needs support") {
    kernel_guard guard;
    const auto kernels = supported_kernels();
    CHECK(kernels.front() == byte_kernel::portable);
    if (std::getenv("CXMETRICS_FORCE_KERNEL") == nullptr) CHECK(cx::detail::initial_byte_kernel() == kernels.back());
    for (byte_kernel k : {byte_kernel::portable, byte_kernel::avx2, byte_kernel::avx512bw}) {
      const bool supported = cx::detail::byte_kernel_supported(k);
      CHECK(cx::detail::force_byte_kernel(k) == supported);
      if (supported) CHECK(cx::detail::active_byte_kernel() == k);
    }
    MESSAGE("kernels on this machine: " << kernels.size() << ", widest "
                                        << std::string(cx::detail::byte_kernel_name(kernels.back())));
  }

  TEST_CASE("CXMETRICS_FORCE_KERNEL picks a supported kernel and ignores anything else") {
    const char* saved = std::getenv("CXMETRICS_FORCE_KERNEL");
    const std::string saved_value = saved ? saved : "";
    const auto widest = supported_kernels().back();
    for (byte_kernel k : {byte_kernel::portable, byte_kernel::avx2, byte_kernel::avx512bw}) {
      ::setenv("CXMETRICS_FORCE_KERNEL", cx::detail::byte_kernel_name(k), 1);
      CHECK(cx::detail::initial_byte_kernel() == (cx::detail::byte_kernel_supported(k) ? k : widest));
    }
    ::setenv("CXMETRICS_FORCE_KERNEL", "sse9", 1);
    CHECK(cx::detail::initial_byte_kernel() == widest);
    if (saved) ::setenv("CXMETRICS_FORCE_KERNEL", saved_value.c_str(), 1);
    else ::unsetenv("CXMETRICS_FORCE_KERNEL");
  }

  TEST_CASE("every kernel counts like a plain loop: odd sizes, unaligned starts, every scale shape") {
    kernel_guard guard;
    sizes_and_offsets<cx::nps_scale>(1);
    sizes_and_offsets<cx::csat_scale>(2);
    sizes_and_offsets<cx::ces_scale>(3);
    sizes_and_offsets<cx::scale<0, 1>>(4);      // one table, half used
    sizes_and_offsets<cx::scale<0, 15>>(5);     // sixteen points: every nibble
    sizes_and_offsets<cx::scale<9, 24>>(6);     // nibbles wrap around within the range
    sizes_and_offsets<cx::scale<240, 255>>(7);  // the top of the byte range
    sizes_and_offsets<cx::scale<-4, 3>>(8);     // negative points: bytes 0..3 only
    sizes_and_offsets<cx::scale<0, 16>>(9);     // seventeen points: portable on every path
    sizes_and_offsets<cx::scale<-5, 0>>(10);    // one valid byte value
  }

  TEST_CASE("every kernel names the first bad byte at every position, and adds nothing") {
    kernel_guard guard;
    every_bad_position<cx::nps_scale>(2100, 11);  // past two AVX-512 blocks of 960 bytes
    every_bad_position<cx::csat_scale>(1000, 12);
    every_bad_position<cx::scale<240, 255>>(600, 13);
  }

  TEST_CASE("seeded fuzz: every SIMD kernel agrees with the portable one") {
    kernel_guard guard;
    fuzz_against_portable<cx::nps_scale>(400, 21);
    fuzz_against_portable<cx::csat_scale>(300, 22);
    fuzz_against_portable<cx::likert_scale<10>>(300, 23);
    fuzz_against_portable<cx::scale<3, 18>>(300, 24);
  }

  TEST_CASE("large inputs: 64-bit sums past the nibble and lane limits") {
    kernel_guard guard;
    auto rng = cxtest::seeded_rng(31);
    const auto data = random_valid<cx::nps_scale>((std::size_t{3} << 20) + 77, rng);
    for (byte_kernel k : supported_kernels()) check_against_reference<cx::nps_scale>(k, data.data(), data.size());
    const std::vector<std::uint8_t> all_top((std::size_t{1} << 20) + 5, 10), all_bottom((std::size_t{1} << 20) + 5, 1);
    for (byte_kernel k : supported_kernels()) {
      check_against_reference<cx::nps_scale>(k, all_top.data(), all_top.size());     // the implied last point
      check_against_reference<cx::nps_scale>(k, all_bottom.data(), all_bottom.size());  // a high nibble, full
      check_against_reference<cx::csat_scale>(k, all_bottom.data(), all_bottom.size());
    }
  }
}
