#include <cxmetrics/io/chart_encoding.hpp>
#include <cxmetrics/io/grouped_encoding.hpp>
#include <cxmetrics/io/state_bundle.hpp>
#include <cxmetrics/io/survey_encoding.hpp>
#include <cxmetrics/io/window_encoding.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;
using bytes = std::vector<std::uint8_t>;
using nps_hist = cx::rating_histogram<cx::nps_scale>;

namespace {

// Builds expected encodings by hand from docs/encoding.md, independently of the encoder.
struct spec_bytes {
  bytes b{'C', 'X', 'M', 'S', 1};
  spec_bytes& u(std::uint64_t v, int width) {
    for (int i = 0; i < width; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    return *this;
  }
  spec_bytes& f(double v) {
    std::uint64_t bits;
    std::memcpy(&bits, &v, 8);
    return u(bits, 8);
  }
  // The same body in format version 2: version byte 2 and the CRC-32C trailer.
  bytes v2() const;
};

// CRC-32C bit by bit, as RFC 3720 defines it, independently of the library's table.
std::uint32_t bitwise_crc32c(const std::uint8_t* data, std::size_t n) {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    crc ^= data[i];
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
  }
  return ~crc;
}

// Recomputes the trailer of version-2 bytes whose body a test changed on purpose.
bytes reseal(bytes b) {
  b.resize(b.size() - 4);
  const std::uint32_t crc = bitwise_crc32c(b.data(), b.size());
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
  return b;
}

bytes spec_bytes::v2() const {
  bytes out = b;
  out[4] = 2;
  out.resize(out.size() + 4);
  return reseal(out);
}

template <class T>
void check_round_trip(const T& state) {
  const bytes b = cx::encode(state);
  const T back = cx::decode<T>(b.data(), b.size());
  CHECK(back == state);
  CHECK(cx::encode(back) == b);
}

// Version 2: every truncation and every single-byte change (all 255 other values of every
// byte) throws decode_error; so does a byte appended. Counted, not sampled: one CHECK per
// buffer keeps the test output small.
template <class T>
void check_hardening(const bytes& good) {
  REQUIRE(good.size() > 10);
  REQUIRE(good[4] == 2);
  std::size_t accepted = 0, other_errors = 0, tried = 0;
  auto attempt = [&](const std::uint8_t* data, std::size_t n) {
    ++tried;
    try {
      (void)cx::decode<T>(data, n);
      ++accepted;
    } catch (const cx::decode_error&) {
    } catch (...) {
      ++other_errors;
    }
  };
  for (std::size_t n = 0; n < good.size(); ++n) attempt(good.data(), n);
  bytes changed = good;
  for (std::size_t at = 0; at < good.size(); ++at) {
    for (int value = 0; value < 256; ++value) {
      if (value == good[at]) continue;
      changed[at] = static_cast<std::uint8_t>(value);
      attempt(changed.data(), changed.size());
    }
    changed[at] = good[at];
  }
  CHECK(tried == good.size() + 255 * good.size());
  CHECK(accepted == 0);
  CHECK(other_errors == 0);
  bytes longer = good;
  longer.push_back(0);
  CHECK_THROWS_AS(cx::decode<T>(longer.data(), longer.size()), cx::decode_error);
  CHECK(cx::decode<T>(good.data(), good.size()) == cx::decode<T>(good));
}

}  // namespace

TEST_SUITE("encoding") {
  TEST_CASE("rating_histogram bytes follow the spec") {
    cx::rating_histogram<cx::csat_scale> h;
    for (int v : {5, 5, 4, 1}) h.add(v);
    const bytes expected = spec_bytes{}.u(1, 1).u(1, 4).u(5, 4).u(8, 1).u(1, 8).u(0, 8).u(0, 8).u(1, 8).u(2, 8).v2();
    CHECK(cx::encode(h) == expected);
    CHECK(cx::decode<cx::rating_histogram<cx::csat_scale>>(expected.data(), expected.size()) == h);
    cx::rating_histogram<cx::scale<-2, 2>, std::uint16_t> narrow;
    narrow.add(-2);
    CHECK(cx::encode(narrow) == spec_bytes{}.u(1, 1).u(0xFFFFFFFE, 4).u(2, 4).u(2, 1).u(1, 2).u(0, 2).u(0, 2).u(0, 2).u(0, 2).v2());
  }

  TEST_CASE("weighted_histogram, moments and comoments bytes follow the spec") {
    cx::weighted_histogram<cx::csat_scale> w;
    w.add(4, 0.5);
    w.add(2, 1.5);
    CHECK(cx::encode(w) ==
          spec_bytes{}.u(2, 1).u(1, 4).u(5, 4).u(2, 8).f(2.0).f(2.5).f(0).f(1.5).f(0).f(0.5).f(0).v2());
    cx::moments m;
    m.add(2.0);
    m.add(4.0);
    CHECK(cx::encode(m) == spec_bytes{}.u(3, 1).u(2, 8).f(3.0).f(2.0).f(2.0).f(4.0).v2());
    cx::comoments c;
    c.add(1, 2);
    c.add(3, 6);
    CHECK(cx::encode(c) == spec_bytes{}.u(4, 1).u(2, 8).f(2.0).f(4.0).f(2.0).f(8.0).f(4.0).v2());
  }

  TEST_CASE("round trips on random states, including empty and extreme ones") {
    auto rng = cxtest::seeded_rng(77);
    std::uniform_int_distribution<int> point(0, 10);
    std::gamma_distribution<double> weight(1.5, 2.0);
    std::normal_distribution<double> value(1e6, 50.0);
    for (int trial = 0; trial < 20; ++trial) {
      nps_hist h;
      cx::weighted_histogram<cx::nps_scale> w;
      cx::moments m;
      cx::comoments c;
      for (int i = 0; i < trial * 13; ++i) {
        h.add(point(rng));
        w.add(point(rng), weight(rng));
        m.add(value(rng));
        c.add(value(rng), value(rng));
      }
      check_round_trip(h);
      check_round_trip(w);
      check_round_trip(m);
      check_round_trip(c);
    }
    check_round_trip(nps_hist::from_counts({std::numeric_limits<std::uint64_t>::max(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    cx::weighted_histogram<cx::csat_scale> zero_weight;
    zero_weight.add(3, 0.0);
    check_round_trip(zero_weight);
  }

  TEST_CASE("every truncation and every single-byte change of an encoded state is refused") {
    nps_hist h;
    for (int v : {0, 3, 7, 9, 10, 10}) h.add(v);
    check_hardening<nps_hist>(cx::encode(h));
    cx::weighted_histogram<cx::csat_scale> w;
    w.add(5, 1.25);
    w.add(1, 0.5);
    check_hardening<cx::weighted_histogram<cx::csat_scale>>(cx::encode(w));
    cx::moments m;
    for (double x : {1.5, 2.5, 10.0}) m.add(x);
    check_hardening<cx::moments>(cx::encode(m));
    cx::comoments c;
    for (double x : {1.0, 2.0, 4.0}) c.add(x, 3 * x + 1);
    check_hardening<cx::comoments>(cx::encode(c));
  }

  TEST_CASE("each failure names what was wrong") {
    nps_hist h;
    h.add(9);
    bytes b = cx::encode(h);
    CHECK_THROWS_WITH_AS(cx::decode<nps_hist>(b.data(), 1), "decode: 1 bytes is too short for a cxmetrics header (6 bytes)",
                         cx::decode_error);
    bytes bad = b;
    bad[0] = 'X';
    CHECK_THROWS_WITH_AS(cx::decode<nps_hist>(bad.data(), bad.size()), "decode: not a cxmetrics state (bad magic)",
                         std::runtime_error);
    bad = b;
    bad[4] = 7;
    CHECK_THROWS_WITH_AS(cx::decode<nps_hist>(bad.data(), bad.size()),
                         "decode: format version 7 is not supported (this build reads versions 1 to 2)", cx::decode_error);
    CHECK_THROWS_WITH_AS(cx::decode<cx::moments>(b.data(), b.size()),
                         "decode: the bytes hold a rating_histogram (type 1), not a moments", cx::decode_error);
    CHECK_THROWS_WITH_AS((cx::decode<cx::rating_histogram<cx::csat_scale>>(b.data(), b.size())),
                         "decode: the state is on the scale 0..10, expected 1..5", cx::decode_error);
    CHECK_THROWS_WITH_AS((cx::decode<cx::rating_histogram<cx::nps_scale, std::uint32_t>>(b.data(), b.size())),
                         "decode: counts are 8 bytes wide, expected 4", cx::decode_error);
    const bytes overflow = spec_bytes{}.u(1, 1).u(1, 4).u(5, 4).u(1, 1).u(200, 1).u(100, 1).u(0, 1).u(0, 1).u(0, 1).b;
    CHECK_THROWS_WITH_AS((cx::decode<cx::rating_histogram<cx::csat_scale, std::uint8_t>>(overflow.data(), overflow.size())),
                         "decode: possible corruption: the counts add up past the count limit", cx::decode_error);
    const bytes nan_mean = spec_bytes{}.u(3, 1).u(1, 8).f(std::nan("")).f(0).f(0).f(0).b;
    CHECK_THROWS_WITH_AS(cx::decode<cx::moments>(nan_mean.data(), nan_mean.size()),
                         "decode: possible corruption: mean at offset 14 is not finite", cx::decode_error);
    const bytes outside = spec_bytes{}.u(3, 1).u(2, 8).f(9.0).f(1.0).f(1.0).f(2.0).b;
    CHECK_THROWS_WITH_AS(cx::decode<cx::moments>(outside.data(), outside.size()),
                         "decode: possible corruption: the mean 9 is not within [1, 2]", cx::decode_error);
    const bytes heavy = spec_bytes{}.u(2, 1).u(1, 4).u(5, 4).u(1, 8).f(2.0).f(2.0).f(1).f(1).f(0).f(0).f(0).b;
    CHECK_THROWS_WITH_AS(cx::decode<cx::weighted_histogram<cx::csat_scale>>(heavy.data(), heavy.size()),
                         "decode: possible corruption: fewer responses than points with weight", cx::decode_error);
    CHECK_THROWS_AS(cx::decode<nps_hist>(nullptr, 10), cx::decode_error);
  }
}

namespace {
bytes read_golden(const std::string& name) {
  std::ifstream in(std::string(CXMETRICS_TEST_DATA_DIR) + "/golden/" + name, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "missing golden file " << name);
  return bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
// Version-1 files decode to the state they were written from; version-2 files (written by
// tests/reference/make_golden_v2.py from the version-1 files and docs/encoding.md) also
// equal what this build encodes.
template <class T>
void check_golden(const std::string& name, const T& expected) {
  INFO("golden file " << name);
  const bytes b = read_golden("v1/" + name);
  CHECK(cx::decode<T>(b.data(), b.size()) == expected);
  const bytes b2 = read_golden("v2/" + name);
  CHECK(cx::decode<T>(b2.data(), b2.size()) == expected);
  CHECK(cx::encode(expected) == b2);
}
}  // namespace

TEST_SUITE("encoding") {
  TEST_CASE("golden files: version 1 still decodes, version 2 is what this build writes") {
    nps_hist h;
    for (int v : {10, 9, 9, 8, 7, 6, 3, 0}) h.add(v);
    check_golden("nps_histogram.bin", h);
    cx::rating_histogram<cx::csat_scale, std::uint8_t> c;
    for (int v : {5, 4, 4, 1}) c.add(v);
    check_golden("csat_histogram_u8.bin", c);
    cx::weighted_histogram<cx::nps_scale> w;
    w.add(10, 1.5);
    w.add(3, 0.25);
    w.add(8, 2.0);
    check_golden("nps_weighted.bin", w);
    cx::moments m;
    for (double x : {2.5, 3.5, 9.0}) m.add(x);
    check_golden("moments.bin", m);
    cx::comoments cm;
    for (double x : {1.0, 2.0, 4.0}) cm.add(x, 2 * x - 1);
    check_golden("comoments.bin", cm);
    check_golden("moments_empty.bin", cx::moments());
    cx::ewma_chart e(10.0, 1.0, 0.3, 2.8);
    cx::cusum_chart k(10.0, 1.0, 0.5, 4.0, 2.0);
    cx::beat_tracker t(7.0);
    for (double x : {10.5, 9.0, 12.0}) {
      e.update(x);
      k.update(x);
      t.add(x);
    }
    check_golden("ewma_chart.bin", e);
    check_golden("cusum_chart.bin", k);
    check_golden("beat_tracker.bin", t);
    cx::paired_gap<cx::csat_scale> g;
    g.add(5, 3);
    g.add(2, 4);
    check_golden("paired_gap_csat.bin", g);
    cx::grouped<std::string, nps_hist> by_agent;
    by_agent.add("ana", 9);
    by_agent.add("bo", 3);
    by_agent.add("ana", 10);
    check_golden("grouped_string_nps.bin", by_agent);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("charts, beat trackers and paired gaps round-trip and resist corruption") {
    cx::ewma_chart ewma(10.0, 1.0, 0.3, 2.8, true);
    cx::cusum_chart cusum(10.0, 1.0, 0.5, 4.0, 2.0);
    cx::beat_tracker tracker(7.0);
    cx::paired_gap<cx::csat_scale> gap;
    check_round_trip(ewma);
    check_round_trip(cusum);
    check_round_trip(tracker);
    check_round_trip(gap);
    for (double x : {10.2, 9.1, 11.5, 12.0, 8.0, 13.5, 10.0}) {
      ewma.update(x);
      cusum.update(x);
      tracker.add(x);
      check_round_trip(ewma);
      check_round_trip(cusum);
      check_round_trip(tracker);
    }
    gap.add(5, 3);
    gap.add(2, 4);
    check_round_trip(gap);
    check_hardening<cx::ewma_chart>(cx::encode(ewma));
    check_hardening<cx::cusum_chart>(cx::encode(cusum));
    check_hardening<cx::beat_tracker>(cx::encode(tracker));
    check_hardening<cx::paired_gap<cx::csat_scale>>(cx::encode(gap));
    // A decoded chart continues exactly where the original left off.
    auto resumed = cx::decode<cx::ewma_chart>(cx::encode(ewma).data(), cx::encode(ewma).size());
    CHECK(resumed.update(9.7) == ewma.update(9.7));
    CHECK(resumed == ewma);
  }

  TEST_CASE("chart parameters are validated on decode") {
    const bytes bad_sigma = spec_bytes{}.u(6, 1).f(10).f(-1).f(0.5).f(5).f(0).f(0).f(0).u(0, 8).u(0, 8).b;
    CHECK_THROWS_WITH_AS(cx::decode<cx::cusum_chart>(bad_sigma.data(), bad_sigma.size()),
                         "decode: possible corruption: invalid parameters: sigma -1 must be finite and positive",
                         cx::decode_error);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("grouped states round-trip canonically, whatever the insertion order") {
    cx::grouped<std::string, nps_hist> a, b;
    const std::vector<std::pair<std::string, int>> rows{{"bo", 9}, {"ana", 3}, {"cy", 10}, {"ana", 7}, {"", 5}};
    for (const auto& [k, v] : rows) a.add(k, v);
    for (auto it = rows.rbegin(); it != rows.rend(); ++it) b.add(it->first, it->second);
    CHECK(cx::encode(a) == cx::encode(b));
    check_round_trip(a);
    check_hardening<cx::grouped<std::string, nps_hist>>(cx::encode(a));
    cx::grouped<int, cx::moments> m;
    m.add(-5, 1.5);
    m.add(12, 2.5);
    m.add(12, 3.0);
    check_round_trip(m);
    check_hardening<cx::grouped<int, cx::moments>>(cx::encode(m));
    cx::grouped<std::uint32_t, cx::beat_tracker> teams(cx::beat_tracker(30.0));
    teams[7].add(35.0);
    check_round_trip(teams);
    check_round_trip(cx::grouped<std::string, nps_hist>());
  }

  TEST_CASE("grouped decoding rejects mismatched kinds and dishonest counts") {
    cx::grouped<std::string, nps_hist> g;
    g.add("ana", 9);
    const bytes b = cx::encode(g);
    CHECK_THROWS_WITH_AS((cx::decode<cx::grouped<int, nps_hist>>(b.data(), b.size())),
                         "decode: the keys are of kind 3, expected 1", cx::decode_error);
    CHECK_THROWS_WITH_AS((cx::decode<cx::grouped<std::string, cx::moments>>(b.data(), b.size())),
                         "decode: the groups hold rating_histogram, not moments", cx::decode_error);
    bytes huge = b;
    const std::size_t count_at = 6 + 2 + 4 + 4 + 1 + 11 * 8;  // header, kinds, prototype body
    huge[count_at + 7] = 0x7F;                               // group count near 2^63
    CHECK_THROWS_WITH_AS((cx::decode<cx::grouped<std::string, nps_hist>>(huge.data(), huge.size())),
                         doctest::Contains("CRC-32C"), cx::decode_error);
    huge = reseal(huge);  // a writer that computed the checksum of dishonest bytes
    CHECK_THROWS_WITH_AS((cx::decode<cx::grouped<std::string, nps_hist>>(huge.data(), huge.size())),
                         doctest::Contains("groups in"), cx::decode_error);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("negative zero: equal states, equal bytes; -0 bits are rejected") {
    cx::moments a, b;
    a.add(-0.0);
    b.add(0.0);
    REQUIRE(a == b);
    CHECK(cx::encode(a) == cx::encode(b));
    const bytes negative_zero_mean = spec_bytes{}.u(3, 1).u(0, 8).f(-0.0).f(0).f(0).f(0).b;
    CHECK_THROWS_AS(cx::decode<cx::moments>(negative_zero_mean.data(), negative_zero_mean.size()), cx::decode_error);
  }

  TEST_CASE("states with underflowing sums still round-trip") {
    cx::weighted_histogram<cx::csat_scale> tiny;
    tiny.add(5, 1e-200);  // its square underflows to 0
    check_round_trip(tiny);
    cx::weighted_histogram<cx::csat_scale> small;
    small.add(2, 1e-160);
    small.add(4, 3e-160);
    check_round_trip(small);
    cx::comoments c;
    c.add(0, 0);
    c.add(1e-170, 1e150);  // M2 of x underflows, the co-moment does not
    check_round_trip(c);
  }

  TEST_CASE("decoding rejects states that break their invariants") {
    const bytes spread_without_range = spec_bytes{}.u(3, 1).u(2, 8).f(1).f(5).f(1).f(1).b;
    CHECK_THROWS_AS(cx::decode<cx::moments>(spread_without_range.data(), spread_without_range.size()), cx::decode_error);
    // beat_tracker: baseline 0, empty margins, all counts 0, but the all-above flag cleared.
    const bytes tracker = spec_bytes{}.u(7, 1).f(0).u(0, 8).f(0).f(0).f(0).f(0).u(0, 8).u(0, 8).u(0, 8).u(0, 8).u(0, 8).u(0, 8).u(0, 1).b;
    CHECK_THROWS_AS(cx::decode<cx::beat_tracker>(tracker.data(), tracker.size()), cx::decode_error);
    // one score above the baseline whose margin is negative
    const bytes wrong_sign = spec_bytes{}.u(7, 1).f(0).u(1, 8).f(-5).f(0).f(-5).f(-5).u(1, 8).u(0, 8).u(0, 8).u(1, 8).u(1, 8).u(1, 8).u(1, 1).b;
    CHECK_THROWS_WITH_AS(cx::decode<cx::beat_tracker>(wrong_sign.data(), wrong_sign.size()),
                         "decode: possible corruption: margins whose signs disagree with the above, equal and below counts",
                         cx::decode_error);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("CRC-32C matches its published check values") {
    const std::string check = "123456789";
    CHECK(cx::detail::crc32c(reinterpret_cast<const std::uint8_t*>(check.data()), check.size()) == 0xE3069283u);
    // RFC 3720 (iSCSI) appendix B.4.
    bytes zeros(32, 0), ones(32, 0xFF), up(32), down(32);
    for (std::size_t i = 0; i < 32; ++i) {
      up[i] = static_cast<std::uint8_t>(i);
      down[i] = static_cast<std::uint8_t>(31 - i);
    }
    CHECK(cx::detail::crc32c(zeros.data(), 32) == 0x8A9136AAu);
    CHECK(cx::detail::crc32c(ones.data(), 32) == 0x62A8AB43u);
    CHECK(cx::detail::crc32c(up.data(), 32) == 0x46DD794Eu);
    CHECK(cx::detail::crc32c(down.data(), 32) == 0x113FDB5Cu);
    // Continuing from a prefix's checksum gives the whole buffer's.
    CHECK(cx::detail::crc32c(up.data() + 10, 22, cx::detail::crc32c(up.data(), 10)) == 0x46DD794Eu);
    CHECK(cx::detail::crc32c(up.data(), 32) == bitwise_crc32c(up.data(), 32));
  }

  TEST_CASE("the flipped byte of the field report is refused (it decoded as 1,099,511,627,786 in version 1)") {
    nps_hist h;
    for (int v : {9, 9, 10, 10, 10, 8, 7, 3, 0, 6}) h.add(v);
    bytes b = cx::encode(h);
    b[6 + 4 + 4 + 1 + 8 * 9 + 5] ^= 0x01;  // the count of 9s, byte 5: +2^40
    CHECK_THROWS_WITH_AS(cx::decode<nps_hist>(b), doctest::Contains("CRC-32C"), cx::decode_error);
    bytes v1 = b;  // the same change in version-1 bytes still decodes: that format had no checksum
    v1.resize(v1.size() - 4);
    v1[4] = 1;
    CHECK(cx::decode<nps_hist>(v1).total() == 1099511627786ULL);
  }

  TEST_CASE("a version-1 EWMA chart decodes with its points since reset as its count") {
    cx::ewma_chart e(10.0, 1.0, 0.3, 2.8);
    for (double x : {10.5, 9.0, 12.0}) e.update(x);
    const bytes v2 = cx::encode(e);
    bytes v1(v2.begin(), v2.end() - 4);
    v1[4] = 1;
    const std::size_t count_at = 6 + 32 + 1 + 24 + 8;
    v1.erase(v1.begin() + static_cast<std::ptrdiff_t>(count_at), v1.begin() + static_cast<std::ptrdiff_t>(count_at + 8));
    const auto back = cx::decode<cx::ewma_chart>(v1);
    CHECK(back == e);
    CHECK(back.count() == 3);
  }

  TEST_CASE("states that only exist from version 2 are refused in version-1 bytes") {
    const bytes fake = spec_bytes{}.u(10, 1).u(0, 8).b;
    CHECK_THROWS_WITH_AS(cx::decode<cx::state_bundle>(fake), "decode: type 10 (state_bundle) does not exist in format version 1",
                         cx::decode_error);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("rule monitors round-trip, resume exactly and resist corruption") {
    cx::rule_monitor nelson(50.0, 2.0);
    cx::rule_monitor western(50.0, 2.0, cx::western_electric_rule_set());
    auto subset = cx::nelson_rule_set();
    subset.erase(subset.begin() + 2, subset.begin() + 6);  // rules 1, 2, 7, 8
    cx::rule_monitor some(0.0, 1.0, subset);
    check_round_trip(nelson);
    auto rng = cxtest::seeded_rng(15);
    std::normal_distribution<double> noise(50.0, 2.0);
    std::vector<double> points;
    for (int i = 0; i < 40; ++i) points.push_back(noise(rng) + (i > 25 ? 3.0 : 0.0));
    for (std::size_t i = 0; i < 20; ++i) {
      nelson.update(points[i]);
      western.update(points[i]);
      some.update(points[i] - 50.0);
      check_round_trip(nelson);
    }
    check_round_trip(western);
    check_round_trip(some);
    auto resumed = cx::decode<cx::rule_monitor>(cx::encode(nelson));
    for (std::size_t i = 20; i < points.size(); ++i) CHECK(resumed.update(points[i]) == nelson.update(points[i]));
    CHECK(resumed == nelson);
    check_hardening<cx::rule_monitor>(cx::encode(western));
    cx::control_rule mine{9, 3, [](const double*, std::size_t) { return false; }, "mine"};
    cx::rule_monitor custom(0.0, 1.0, {mine});
    CHECK_THROWS_WITH_AS(cx::encode(custom), doctest::Contains("rule 9 (\"mine\") is neither a Nelson nor a Western Electric rule"),
                         std::invalid_argument);
  }

  TEST_CASE("windows round-trip, keep their history and resist corruption") {
    cx::rating_window<cx::csat_scale> window(3);
    cx::period_ring<cx::nps_scale> ring(4);
    cx::decayed_histogram<cx::csat_scale> decayed(5.0);
    check_round_trip(window);
    check_round_trip(ring);
    check_round_trip(decayed);
    int v = 0;
    for (int day = 0; day < 6; ++day) {
      for (int i = 0; i < 5; ++i, ++v) {
        window.add(1 + v % 5);
        ring.add(v % 11);
        decayed.add(1 + (v * 7) % 5);
      }
      check_round_trip(window);
      check_round_trip(ring);
      check_round_trip(decayed);
      ring.advance();
    }
    auto window2 = cx::decode<cx::rating_window<cx::csat_scale>>(cx::encode(window));
    auto ring2 = cx::decode<cx::period_ring<cx::nps_scale>>(cx::encode(ring));
    for (int i = 0; i < 7; ++i) {
      window.add(1 + i % 5);
      window2.add(1 + i % 5);
      ring.add(i);
      ring2.add(i);
      ring.advance();
      ring2.advance();
      CHECK(window2.histogram() == window.histogram());
      CHECK(ring2.window() == ring.window());
    }
    CHECK(window2 == window);
    CHECK(ring2 == ring);
    check_hardening<cx::rating_window<cx::csat_scale>>(cx::encode(window));
    check_hardening<cx::period_ring<cx::csat_scale>>(cx::encode(cx::period_ring<cx::csat_scale>(2)));
    check_hardening<cx::decayed_histogram<cx::csat_scale>>(cx::encode(decayed));
  }

}

TEST_SUITE("state_bundle") {
  TEST_CASE("saves and restores several named states at once") {
    cx::grouped<std::string, nps_hist> by_agent;
    by_agent.add("ana", 9);
    by_agent.add("bo", 4);
    cx::ewma_chart weekly(40.0, 5.0, 0.2, 2.86);
    for (double x : {38.0, 45.0, 41.0}) weekly.update(x);
    cx::rule_monitor rules(40.0, 5.0);
    rules.update(52.0);
    cx::grouped<int, cx::beat_tracker> days{cx::beat_tracker{30.0}};
    days[20261201].add(35.0);

    cx::state_bundle bundle;
    CHECK(bundle.empty());
    bundle.put("agents", by_agent);
    bundle.put("weekly", weekly);
    bundle.put("rules", rules);
    bundle.put("days", days);
    CHECK(bundle.names() == std::vector<std::string>{"agents", "days", "rules", "weekly"});
    const bytes b = cx::encode(bundle);
    const auto back = cx::decode<cx::state_bundle>(b);
    CHECK(back == bundle);
    CHECK(cx::encode(back) == b);
    CHECK(back.get<cx::grouped<std::string, nps_hist>>("agents") == by_agent);
    const auto weekly2 = back.get<cx::ewma_chart>("weekly");
    CHECK(weekly2 == weekly);
    CHECK(weekly2.target() == 40.0);
    CHECK(weekly2.lambda() == 0.2);
    CHECK(back.get<cx::rule_monitor>("rules") == rules);
    CHECK(back.get<cx::grouped<int, cx::beat_tracker>>("days") == days);

    CHECK_THROWS_WITH_AS(back.get<cx::moments>("weekly"), "state_bundle: \"weekly\" holds a ewma_chart, not a moments",
                         cx::decode_error);
    CHECK_THROWS_WITH_AS(back.get<cx::moments>("monthly"), "state_bundle: no state named \"monthly\"", std::out_of_range);
    CHECK_THROWS_AS(bundle.put("", weekly), std::invalid_argument);
    bundle.put("weekly", cx::moments());  // replaces
    CHECK(bundle.size() == 4);
    CHECK(bundle.erase("weekly") == 1);
    CHECK(!bundle.contains("weekly"));
    check_round_trip(cx::state_bundle());
  }

  TEST_CASE("a bundle refuses corruption, truncation and inner states that do not check out") {
    cx::state_bundle bundle;
    nps_hist h;
    h.add(9);
    bundle.put("a", h);
    bundle.put("b", cx::moments());
    const bytes b = cx::encode(bundle);
    check_hardening<cx::state_bundle>(b);
    // A writer that recomputes the outer checksum over a changed inner state is still caught
    // by the inner one.
    bytes inner_changed = b;
    inner_changed[6 + 8 + 8 + 1 + 8 + 20] ^= 0x04;
    inner_changed = reseal(inner_changed);
    CHECK_THROWS_WITH_AS(cx::decode<cx::state_bundle>(inner_changed), doctest::Contains("CRC-32C"), cx::decode_error);
    // Names out of order.
    const bytes first = cx::encode(h), second = cx::encode(cx::moments());
    spec_bytes swapped;
    swapped.u(10, 1).u(2, 8).u(1, 8).u('b', 1).u(first.size(), 8);
    swapped.b.insert(swapped.b.end(), first.begin(), first.end());
    swapped.u(1, 8).u('a', 1).u(second.size(), 8);
    swapped.b.insert(swapped.b.end(), second.begin(), second.end());
    CHECK_THROWS_WITH_AS(cx::decode<cx::state_bundle>(swapped.v2()), doctest::Contains("names out of order"), cx::decode_error);
  }

  TEST_CASE("golden version-2 bundle and window written from the spec") {
    const bytes bundle_bytes = read_golden("v2/bundle.bin");
    const auto bundle = cx::decode<cx::state_bundle>(bundle_bytes);
    nps_hist h;
    for (int v : {10, 9, 9, 8, 7, 6, 3, 0}) h.add(v);
    cx::moments m;
    for (double x : {2.5, 3.5, 9.0}) m.add(x);
    CHECK(bundle.get<nps_hist>("agents") == h);
    CHECK(bundle.get<cx::moments>("weekly") == m);
    cx::state_bundle mine;
    mine.put("weekly", m);
    mine.put("agents", h);
    CHECK(cx::encode(mine) == bundle_bytes);
    cx::rating_window<cx::csat_scale> window(3);
    for (int v : {5, 4, 1, 2}) window.add(v);
    CHECK(cx::encode(window) == read_golden("v2/rating_window_csat.bin"));
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("joint histograms and SERVQUAL surveys round-trip and resist corruption") {
    cx::joint_histogram<cx::likert_scale<7>, cx::nps_scale> joint;
    check_round_trip(joint);
    for (int i = 0; i < 40; ++i) joint.add(1 + (i * 5) % 7, (i * 3) % 11);
    check_round_trip(joint);
    check_hardening<cx::joint_histogram<cx::likert_scale<7>, cx::nps_scale>>(cx::encode(joint));
    const bytes b = cx::encode(joint);
    CHECK_THROWS_WITH_AS((cx::decode<cx::joint_histogram<cx::nps_scale, cx::nps_scale>>(b)),
                         "decode: the state is on the scale 1..7, expected 0..10", cx::decode_error);

    const std::vector<cx::servqual_dimension> items{cx::servqual_dimension::tangibles, cx::servqual_dimension::reliability,
                                                    cx::servqual_dimension::responsiveness, cx::servqual_dimension::assurance,
                                                    cx::servqual_dimension::empathy, cx::servqual_dimension::reliability};
    cx::servqual_survey plain(items);
    cx::servqual_survey weighted(items, cx::servqual_importance{10, 30, 20, 20, 20});
    check_round_trip(plain);
    for (int respondent = 0; respondent < 5; ++respondent) {
      std::vector<int> e(items.size()), p(items.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        e[i] = 1 + static_cast<int>((static_cast<std::size_t>(respondent) + 2 * i) % 7);
        p[i] = 1 + static_cast<int>((static_cast<std::size_t>(respondent) * 3 + i) % 7);
      }
      plain.add(e, p);
      weighted.add(e, p);
    }
    check_round_trip(plain);
    check_round_trip(weighted);
    check_hardening<cx::servqual_survey>(cx::encode(weighted));
    auto resumed = cx::decode<cx::servqual_survey>(cx::encode(weighted));
    resumed += weighted;
    CHECK(resumed.count() == 10);
  }
}

TEST_SUITE("encoding") {
  TEST_CASE("window capacities beyond the format's bounds are refused before anything is allocated") {
    const bytes huge_window = spec_bytes{}.u(12, 1).u(1, 4).u(5, 4).u((1ULL << 24) + 1, 8).u(0, 8).v2();
    CHECK_THROWS_WITH_AS(cx::decode<cx::rating_window<cx::csat_scale>>(huge_window),
                         "decode: possible corruption: rating window capacity 16777217 is outside 1..16777216", cx::decode_error);
    const bytes huge_ring = spec_bytes{}.u(13, 1).u(1, 4).u(5, 4).u(1ULL << 40, 8).u(1, 8).v2();
    CHECK_THROWS_WITH_AS(cx::decode<cx::period_ring<cx::csat_scale>>(huge_ring), doctest::Contains("period ring capacity 1099511627776"),
                         cx::decode_error);
    const bytes empty_ring = spec_bytes{}.u(13, 1).u(1, 4).u(5, 4).u(3, 8).u(0, 8).v2();
    CHECK_THROWS_WITH_AS(cx::decode<cx::period_ring<cx::csat_scale>>(empty_ring), doctest::Contains("at least 1: the current one"),
                         cx::decode_error);
  }
}
