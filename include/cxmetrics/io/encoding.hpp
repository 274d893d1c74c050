// Versioned, endian-stable binary encoding of every state, with strict decoding. The format
// is specified in docs/encoding.md.
//
// **Example**:
// ```
// std::vector<std::uint8_t> bytes = cxmetrics::encode(histogram);   // store, send, ...
// auto h = cxmetrics::decode<cxmetrics::nps_histogram>(bytes.data(), bytes.size());
// ```
#ifndef CXMETRICS_IO_ENCODING_HPP
#define CXMETRICS_IO_ENCODING_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/io/byte_io.hpp>
#include <cxmetrics/detail/crc32c.hpp>
#include <cxmetrics/detail/format.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// The format version this build writes: version 2 adds a CRC-32C of the whole encoding
/// (docs/encoding.md). `decode` also reads version 1, which had none.
inline constexpr std::uint8_t encoding_version = 2;
/// The oldest format version `decode` still reads.
inline constexpr std::uint8_t oldest_decoded_version = 1;

namespace detail {

inline constexpr std::uint8_t encoding_magic[4] = {'C', 'X', 'M', 'S'};

enum class state_type : std::uint8_t {
  rating_histogram = 1,
  weighted_histogram = 2,
  moments = 3,
  comoments = 4,
  ewma_chart = 5,
  cusum_chart = 6,
  beat_tracker = 7,
  paired_gap = 8,
  grouped = 9,
  // Version 2 onwards:
  state_bundle = 10,
  rule_monitor = 11,
  rating_window = 12,
  period_ring = 13,
  decayed_histogram = 14,
  joint_histogram = 15,
  servqual_survey = 16
};
inline constexpr std::uint8_t last_version_1_type = 9;

inline const char* state_type_name(std::uint8_t tag) {
  switch (tag) {
    case 1: return "rating_histogram";
    case 2: return "weighted_histogram";
    case 3: return "moments";
    case 4: return "comoments";
    case 5: return "ewma_chart";
    case 6: return "cusum_chart";
    case 7: return "beat_tracker";
    case 8: return "paired_gap";
    case 9: return "grouped";
    case 10: return "state_bundle";
    case 11: return "rule_monitor";
    case 12: return "rating_window";
    case 13: return "period_ring";
    case 14: return "decayed_histogram";
    case 15: return "joint_histogram";
    case 16: return "servqual_survey";
    default: return "unknown state";
  }
}

[[noreturn]] CXMETRICS_COLD inline void corrupt(const std::string& what) {
  throw_decode_error("decode: possible corruption: " + what);
}

inline double finite_field(byte_reader& r, const char* name) {
  const std::size_t at = r.offset();
  const double v = r.f64();
  if (!std::isfinite(v)) corrupt(std::string(name) + " at offset " + std::to_string(at) + " is not finite");
  if (v == 0.0 && std::signbit(v)) corrupt(std::string(name) + " at offset " + std::to_string(at) + " is -0, which is never written");
  return v;
}

inline double non_negative_field(byte_reader& r, const char* name) {
  const std::size_t at = r.offset();
  const double v = finite_field(r, name);
  if (v < 0.0) corrupt(std::string(name) + " at offset " + std::to_string(at) + " is negative: " + format_number(v));
  return v;
}

inline std::string hex32(std::uint32_t v) {
  const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  for (int shift = 28; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xFu];
  return s;
}

// |a - b| within rounding of sums formed in another order.
inline bool close_sums(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

template <class Scale>
void write_scale(byte_writer& w) {
  w.i32(Scale::min);
  w.i32(Scale::max);
}

template <class Scale>
void read_scale(byte_reader& r) {
  const std::int32_t lo = r.i32(), hi = r.i32();
  if (lo != Scale::min || hi != Scale::max)
    throw_decode_error("decode: the state is on the scale " + std::to_string(lo) + ".." + std::to_string(hi) +
                       ", expected " + Scale::name());
}

/// The one way serialisation reaches private state: every value type that encodes befriends
/// it, and each io/ header specialises `state_access::codec<T>` for the types it encodes
/// (type tag, `write`, and a `read` that checks every invariant).
struct state_access {
  template <class T, class Enable = void>
  struct codec;
};

template <class T>
using codec = state_access::codec<T>;

template <class Scale, class Count>
struct state_access::codec<rating_histogram<Scale, Count>> {
  static constexpr state_type type = state_type::rating_histogram;
  static void write(byte_writer& w, const rating_histogram<Scale, Count>& h) {
    write_scale<Scale>(w);
    w.u8(static_cast<std::uint8_t>(sizeof(Count)));
    for (Count c : h.counts_) w.unsigned_int(c, sizeof(Count));
  }
  static rating_histogram<Scale, Count> read(byte_reader& r) {
    read_scale<Scale>(r);
    const std::uint8_t width = r.u8();
    if (width != sizeof(Count))
      throw_decode_error("decode: counts are " + std::to_string(width) + " bytes wide, expected " +
                         std::to_string(sizeof(Count)));
    rating_histogram<Scale, Count> h;
    for (auto& c : h.counts_) {
      c = static_cast<Count>(r.unsigned_int(sizeof(Count)));
      if (c > std::numeric_limits<Count>::max() - h.total_) corrupt("the counts add up past the count limit");
      h.total_ = static_cast<Count>(h.total_ + c);
    }
    return h;
  }
};

template <class Scale>
struct state_access::codec<weighted_histogram<Scale>> {
  static constexpr state_type type = state_type::weighted_histogram;
  static void write(byte_writer& w, const weighted_histogram<Scale>& h) {
    write_scale<Scale>(w);
    w.u64(h.count_);
    w.f64(h.total_weight_);
    w.f64(h.sum_squared_weights_);
    for (double x : h.weights_) w.f64(x);
  }
  static weighted_histogram<Scale> read(byte_reader& r) {
    read_scale<Scale>(r);
    weighted_histogram<Scale> h;
    h.count_ = r.u64();
    h.total_weight_ = non_negative_field(r, "total weight");
    h.sum_squared_weights_ = non_negative_field(r, "sum of squared weights");
    double sum = 0.0;
    std::uint64_t weighted_points = 0;
    for (auto& x : h.weights_) {
      x = non_negative_field(r, "weight");
      sum += x;
      if (x > 0.0) ++weighted_points;
    }
    if (!close_sums(sum, h.total_weight_))
      corrupt("the weights add up to " + format_number(sum) + ", the total says " + format_number(h.total_weight_));
    // Squares of tiny weights can underflow to 0; a positive V2 with V1 = 0 cannot happen.
    if (h.total_weight_ == 0.0 && h.sum_squared_weights_ > 0.0) corrupt("squared weights without any weight");
    if (h.sum_squared_weights_ > h.total_weight_ * h.total_weight_ * (1.0 + 1e-9))
      corrupt("the sum of squared weights exceeds the squared total weight");
    if (h.count_ < weighted_points) corrupt("fewer responses than points with weight");
    if (h.count_ > 0 && h.sum_squared_weights_ >= std::numeric_limits<double>::min() &&
        h.sum_squared_weights_ * static_cast<double>(h.count_) < h.total_weight_ * h.total_weight_ * (1.0 - 1e-9))
      corrupt("the effective n exceeds the number of responses");
    return h;
  }
};

template <>
struct state_access::codec<moments> {
  static constexpr state_type type = state_type::moments;
  static void write(byte_writer& w, const moments& m) {
    w.u64(m.n_);
    w.f64(m.mean_);
    w.f64(m.m2_);
    w.f64(m.min_);
    w.f64(m.max_);
  }
  static moments read(byte_reader& r) {
    moments m;
    m.n_ = r.u64();
    m.mean_ = finite_field(r, "mean");
    m.m2_ = non_negative_field(r, "sum of squared deviations");
    m.min_ = finite_field(r, "minimum");
    m.max_ = finite_field(r, "maximum");
    if (m.n_ == 0 && (m.mean_ != 0.0 || m.m2_ != 0.0 || m.min_ != 0.0 || m.max_ != 0.0))
      corrupt("an empty state with nonzero fields");
    if (m.n_ == 1 && (m.m2_ != 0.0 || m.min_ != m.mean_ || m.max_ != m.mean_))
      corrupt("a single observation whose mean, minimum and maximum differ or that has spread");
    const double slack = 1e-12 * std::max(std::fabs(m.min_), std::fabs(m.max_));
    if (m.n_ > 0 && (m.min_ > m.max_ || m.mean_ < m.min_ - slack || m.mean_ > m.max_ + slack))
      corrupt("the mean " + format_number(m.mean_) + " is not within [" + format_number(m.min_) + ", " +
              format_number(m.max_) + "]");
    if (m.n_ > 0 && m.min_ == m.max_ && (m.m2_ != 0.0 || m.mean_ != m.min_))
      corrupt("equal minimum and maximum with a different mean or with spread");
    return m;
  }
};

template <>
struct state_access::codec<comoments> {
  static constexpr state_type type = state_type::comoments;
  static void write(byte_writer& w, const comoments& c) {
    w.u64(c.n_);
    w.f64(c.mean_x_);
    w.f64(c.mean_y_);
    w.f64(c.m2x_);
    w.f64(c.m2y_);
    w.f64(c.cxy_);
  }
  static comoments read(byte_reader& r) {
    comoments c;
    c.n_ = r.u64();
    c.mean_x_ = finite_field(r, "mean of x");
    c.mean_y_ = finite_field(r, "mean of y");
    c.m2x_ = non_negative_field(r, "sum of squared deviations of x");
    c.m2y_ = non_negative_field(r, "sum of squared deviations of y");
    c.cxy_ = finite_field(r, "co-moment");
    if (c.n_ == 0 && (c.mean_x_ != 0.0 || c.mean_y_ != 0.0 || c.m2x_ != 0.0 || c.m2y_ != 0.0 || c.cxy_ != 0.0))
      corrupt("an empty state with nonzero fields");
    if (c.n_ == 1 && (c.m2x_ != 0.0 || c.m2y_ != 0.0 || c.cxy_ != 0.0)) corrupt("a single pair with spread");
    // Cauchy-Schwarz: |Cxy| <= sqrt(M2x M2y), up to rounding.
    // Tiny spreads can underflow to 0 while the co-moment does not: check only normal values.
    const double tiny = std::numeric_limits<double>::min();
    if (c.m2x_ >= tiny && c.m2y_ >= tiny && std::fabs(c.cxy_) > std::sqrt(c.m2x_) * std::sqrt(c.m2y_) * (1.0 + 1e-9))
      corrupt("the co-moment exceeds what the two variances allow");
    return c;
  }
};

// Constructing through the public constructor validates the parameters; its exceptions
// become decode_error.
template <class F>
auto construct_or_corrupt(F make) -> decltype(make()) {
#if CXMETRICS_HAS_EXCEPTIONS
  try {
    return make();
  } catch (const std::invalid_argument& e) {
    corrupt(std::string("invalid parameters: ") + e.what());
  }
#else
  return make();
#endif
}

// Checks the header and, from version 2, the checksum; returns a reader over the body
// (positioned after the type tag) and the tag.
inline byte_reader open_state(const std::uint8_t* data, std::size_t n, std::uint8_t& tag) {
  if (data == nullptr && n != 0) throw_decode_error("decode: null data with nonzero size");
  if (n < 6)
    throw_decode_error("decode: " + std::to_string(n) + " bytes is too short for a cxmetrics header (6 bytes)");
  for (std::size_t i = 0; i < 4; ++i)
    if (data[i] != encoding_magic[i]) throw_decode_error("decode: not a cxmetrics state (bad magic)");
  const std::uint8_t version = data[4];
  if (version < oldest_decoded_version || version > encoding_version)
    throw_decode_error("decode: format version " + std::to_string(version) + " is not supported (this build reads versions " +
                       std::to_string(oldest_decoded_version) + " to " + std::to_string(encoding_version) + ")");
  std::size_t body_end = n;
  if (version >= 2) {
    if (n < 10) throw_decode_error("decode: truncated: " + std::to_string(n) + " bytes cannot hold a header and a checksum");
    body_end = n - 4;
    const std::uint32_t stored = static_cast<std::uint32_t>(data[body_end]) |
                                 static_cast<std::uint32_t>(data[body_end + 1]) << 8 |
                                 static_cast<std::uint32_t>(data[body_end + 2]) << 16 |
                                 static_cast<std::uint32_t>(data[body_end + 3]) << 24;
    const std::uint32_t computed = crc32c(data, body_end);
    if (stored != computed)
      corrupt("the CRC-32C of the " + std::to_string(body_end) + " bytes before it is " + hex32(computed) +
              ", the stored checksum says " + hex32(stored) + " (the bytes were changed or cut short)");
  }
  tag = data[5];
  if (version == 1 && tag > last_version_1_type)
    throw_decode_error(std::string("decode: type ") + std::to_string(tag) + " (" + state_type_name(tag) +
                       ") does not exist in format version 1");
  byte_reader r(data, body_end);
  r.set_version(version);
  r.unsigned_int(6);
  return r;
}

}  // namespace detail

/// The bytes of `state`: a 6-byte header (magic "CXMS", format version 2, type tag), the
/// state's fields, little-endian, and the CRC-32C of everything before it (4 bytes).
/// Canonical: equal states give equal bytes, and `encode(decode(b)) == b` for every
/// version-2 `b` that decodes.
template <class T>
std::vector<std::uint8_t> encode(const T& state) {
  detail::byte_writer w;
  for (std::uint8_t b : detail::encoding_magic) w.u8(b);
  w.u8(encoding_version);
  w.u8(static_cast<std::uint8_t>(detail::codec<T>::type));
  detail::codec<T>::write(w, state);
  w.u32(detail::crc32c(w.bytes().data(), w.bytes().size()));
  return w.take();
}

/// The state encoded in `data[0..n)`. Throws `decode_error` naming what is wrong unless the
/// buffer holds exactly one valid state of type T: magic, version, checksum (version 2),
/// type, scale, count width, lengths, finiteness and every invariant of the state are
/// checked; nothing is read out of bounds. Reads format versions 1 and 2; version 2's
/// CRC-32C refuses every change of up to four consecutive bytes and every truncation.
template <class T>
T decode(const std::uint8_t* data, std::size_t n) {
  std::uint8_t tag = 0;
  detail::byte_reader r = detail::open_state(data, n, tag);
  const auto expected = static_cast<std::uint8_t>(detail::codec<T>::type);
  if (tag != expected)
    detail::throw_decode_error(std::string("decode: the bytes hold a ") + detail::state_type_name(tag) + " (type " +
                               std::to_string(tag) + "), not a " + detail::state_type_name(expected));
  T state = detail::codec<T>::read(r);
  r.finish();
  return state;
}

/// `decode<T>(bytes.data(), bytes.size())`.
template <class T>
T decode(const std::vector<std::uint8_t>& bytes) {
  return decode<T>(bytes.data(), bytes.size());
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_ENCODING_HPP
