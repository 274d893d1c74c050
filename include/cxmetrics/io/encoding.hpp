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
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/io/byte_io.hpp>
#include <cxmetrics/detail/format.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// The format version this build writes and reads.
inline constexpr std::uint8_t encoding_version = 1;

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
  grouped = 9
};

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

template <class T>
struct codec;  // one specialisation per state type

template <class Scale, class Count>
struct codec<rating_histogram<Scale, Count>> {
  static constexpr state_type type = state_type::rating_histogram;
  static void write(byte_writer& w, const rating_histogram<Scale, Count>& h) {
    write_scale<Scale>(w);
    w.u8(static_cast<std::uint8_t>(sizeof(Count)));
    for (Count c : h.counts()) w.unsigned_int(c, sizeof(Count));
  }
  static rating_histogram<Scale, Count> read(byte_reader& r) {
    read_scale<Scale>(r);
    const std::uint8_t width = r.u8();
    if (width != sizeof(Count))
      throw_decode_error("decode: counts are " + std::to_string(width) + " bytes wide, expected " +
                         std::to_string(sizeof(Count)));
    typename rating_histogram<Scale, Count>::counts_type counts{};
    std::uint64_t total = 0;
    for (auto& c : counts) {
      c = static_cast<Count>(r.unsigned_int(sizeof(Count)));
      if (c > std::numeric_limits<Count>::max() - total) corrupt("the counts add up past the count limit");
      total += c;
    }
    return rating_histogram<Scale, Count>::from_counts(counts);
  }
};

}  // namespace detail

namespace detail {
struct state_access {
  template <class Scale>
  static void write(byte_writer& w, const weighted_histogram<Scale>& h) {
    write_scale<Scale>(w);
    w.u64(h.count_);
    w.f64(h.total_weight_);
    w.f64(h.sum_squared_weights_);
    for (double x : h.weights_) w.f64(x);
  }
  template <class Scale>
  static weighted_histogram<Scale> read_weighted(byte_reader& r) {
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
    if (h.total_weight_ == 0.0 && h.sum_squared_weights_ > 0.0)
      corrupt("squared weights without any weight");
    if (h.sum_squared_weights_ > h.total_weight_ * h.total_weight_ * (1.0 + 1e-9))
      corrupt("the sum of squared weights exceeds the squared total weight");
    if (h.count_ < weighted_points) corrupt("fewer responses than points with weight");
    if (h.count_ > 0 && h.sum_squared_weights_ >= std::numeric_limits<double>::min() &&
        h.sum_squared_weights_ * static_cast<double>(h.count_) < h.total_weight_ * h.total_weight_ * (1.0 - 1e-9))
      corrupt("the effective n exceeds the number of responses");
    return h;
  }

  static void write(byte_writer& w, const moments& m) {
    w.u64(m.n_);
    w.f64(m.mean_);
    w.f64(m.m2_);
    w.f64(m.min_);
    w.f64(m.max_);
  }
  static moments read_moments(byte_reader& r) {
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

  static void write(byte_writer& w, const comoments& c) {
    w.u64(c.n_);
    w.f64(c.mean_x_);
    w.f64(c.mean_y_);
    w.f64(c.m2x_);
    w.f64(c.m2y_);
    w.f64(c.cxy_);
  }
  static comoments read_comoments(byte_reader& r) {
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

template <class Scale>
struct codec<weighted_histogram<Scale>> {
  static constexpr state_type type = state_type::weighted_histogram;
  static void write(byte_writer& w, const weighted_histogram<Scale>& h) { state_access::write(w, h); }
  static weighted_histogram<Scale> read(byte_reader& r) { return state_access::read_weighted<Scale>(r); }
};

template <>
struct codec<moments> {
  static constexpr state_type type = state_type::moments;
  static void write(byte_writer& w, const moments& m) { state_access::write(w, m); }
  static moments read(byte_reader& r) { return state_access::read_moments(r); }
};

template <>
struct codec<comoments> {
  static constexpr state_type type = state_type::comoments;
  static void write(byte_writer& w, const comoments& c) { state_access::write(w, c); }
  static comoments read(byte_reader& r) { return state_access::read_comoments(r); }
};

}  // namespace detail

/// The bytes of `state`: a 6-byte header (magic "CXMS", format version, type tag) and the
/// state's fields, little-endian. Canonical: equal states give equal bytes, and
/// `encode(decode(b)) == b` for every `b` that decodes.
template <class T>
std::vector<std::uint8_t> encode(const T& state) {
  detail::byte_writer w;
  for (std::uint8_t b : detail::encoding_magic) w.u8(b);
  w.u8(encoding_version);
  w.u8(static_cast<std::uint8_t>(detail::codec<T>::type));
  detail::codec<T>::write(w, state);
  return w.take();
}

/// The state encoded in `data[0..n)`. Throws `decode_error` naming what is wrong unless the
/// buffer holds exactly one valid state of type T: magic, version, type, scale, count width,
/// lengths, finiteness and every invariant of the state are checked; nothing is read out of
/// bounds and nothing is allocated beyond the returned state.
template <class T>
T decode(const std::uint8_t* data, std::size_t n) {
  detail::byte_reader r(data, n);
  if (n < 6)
    detail::throw_decode_error("decode: " + std::to_string(n) + " bytes is too short for a cxmetrics header (6 bytes)");
  for (std::uint8_t b : detail::encoding_magic)
    if (r.u8() != b) detail::throw_decode_error("decode: not a cxmetrics state (bad magic)");
  const std::uint8_t version = r.u8();
  if (version != encoding_version)
    detail::throw_decode_error("decode: format version " + std::to_string(version) +
                               " is not supported (this build reads version " + std::to_string(encoding_version) + ")");
  const std::uint8_t tag = r.u8();
  const auto expected = static_cast<std::uint8_t>(detail::codec<T>::type);
  if (tag != expected)
    detail::throw_decode_error(std::string("decode: the bytes hold a ") + detail::state_type_name(tag) + " (type " +
                               std::to_string(tag) + "), not a " + detail::state_type_name(expected));
  T state = detail::codec<T>::read(r);
  r.finish();
  return state;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_ENCODING_HPP
