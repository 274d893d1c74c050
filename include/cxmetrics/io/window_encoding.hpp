// Encoding of the recent-history windows (rating_window, period_ring, decayed_histogram),
// in the format of io/encoding.hpp (docs/encoding.md).
#ifndef CXMETRICS_IO_WINDOW_ENCODING_HPP
#define CXMETRICS_IO_WINDOW_ENCODING_HPP

#include <cmath>
#include <cstdint>
#include <string>

#include <cxmetrics/consistency/windows.hpp>
#include <cxmetrics/io/encoding.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

// A window allocates its whole capacity, so the format bounds it: bytes (or a hostile
// writer that computed the checksum) must not make a decoder allocate gigabytes. 2^24
// ratings (64 MiB) and 2^16 periods (179 years of days) are far beyond any real window.
inline constexpr std::uint64_t max_window_capacity = std::uint64_t{1} << 24;
inline constexpr std::uint64_t max_ring_capacity = std::uint64_t{1} << 16;

inline std::size_t window_capacity(std::uint64_t capacity, std::uint64_t limit, const char* what) {
  if (capacity == 0 || capacity > limit)
    corrupt(std::string(what) + " " + std::to_string(capacity) + " is outside 1.." + std::to_string(limit));
  return static_cast<std::size_t>(capacity);
}
inline void check_window_capacity(std::size_t capacity, std::uint64_t limit, const char* what) {
  if (capacity > limit)
    throw_invalid_argument(std::string("encode: ") + what + " " + std::to_string(capacity) +
                           " is above the format's limit " + std::to_string(limit));
}

// Body: scale, capacity (8), ratings held (8), each rating (4, signed), oldest first.
template <class Scale>
struct state_access::codec<rating_window<Scale>> {
  static constexpr state_type type = state_type::rating_window;
  static void write(byte_writer& w, const rating_window<Scale>& win) {
    check_window_capacity(win.capacity(), max_window_capacity, "rating window capacity");
    write_scale<Scale>(w);
    w.u64(win.capacity());
    const auto held = win.ratings();
    w.u64(held.size());
    for (int v : held) w.i32(v);
  }
  static rating_window<Scale> read(byte_reader& r) {
    read_scale<Scale>(r);
    const std::size_t capacity = window_capacity(r.u64(), max_window_capacity, "rating window capacity");
    const std::uint64_t held = r.u64();
    if (held > capacity) corrupt(std::to_string(held) + " ratings in a window of " + std::to_string(capacity));
    if (held > r.remaining() / 4) corrupt(std::to_string(held) + " ratings in " + std::to_string(r.remaining()) + " bytes");
    rating_window<Scale> win(capacity);
    for (std::uint64_t i = 0; i < held; ++i) {
      const std::int32_t v = r.i32();
      if (!Scale::contains(v)) corrupt("rating " + std::to_string(v) + " is outside the scale " + Scale::name());
      win.add(v);
    }
    return win;
  }
};

// Body: scale, capacity (8), periods held (8, at least 1: the current one), then each
// held period's counts (a rating_histogram body with 8-byte counts), oldest first.
template <class Scale>
struct state_access::codec<period_ring<Scale>> {
  static constexpr state_type type = state_type::period_ring;
  using histogram = rating_histogram<Scale>;
  static void write(byte_writer& w, const period_ring<Scale>& ring) {
    check_window_capacity(ring.capacity(), max_ring_capacity, "period ring capacity");
    write_scale<Scale>(w);
    w.u64(ring.capacity());
    const auto held = ring.periods();
    w.u64(held.size());
    for (const auto& h : held) codec<histogram>::write(w, h);
  }
  static period_ring<Scale> read(byte_reader& r) {
    read_scale<Scale>(r);
    const std::size_t capacity = window_capacity(r.u64(), max_ring_capacity, "period ring capacity");
    const std::uint64_t held = r.u64();
    if (held == 0 || held > capacity)
      corrupt(std::to_string(held) + " periods held in a ring of " + std::to_string(capacity) + " (at least 1: the current one)");
    if (held > r.remaining()) corrupt(std::to_string(held) + " periods in " + std::to_string(r.remaining()) + " bytes");
    period_ring<Scale> ring(capacity);
    // Held periods at 0..held-1 and the current one last: the ring behaves as the
    // original from here on (which slot the original used is not state).
    for (std::size_t i = 0; i < held; ++i) ring.ring_[i] = codec<histogram>::read(r);
    ring.current_ = static_cast<std::size_t>(held - 1);
    ring.filled_ = static_cast<std::size_t>(held - 1);
    return ring;
  }
};

// Body: the decay factor 2^(-1 / half-life) (8), then the weighted histogram's body.
template <class Scale>
struct state_access::codec<decayed_histogram<Scale>> {
  static constexpr state_type type = state_type::decayed_histogram;
  static void write(byte_writer& w, const decayed_histogram<Scale>& d) {
    w.f64(d.factor_);
    codec<weighted_histogram<Scale>>::write(w, d.histogram_);
  }
  static decayed_histogram<Scale> read(byte_reader& r) {
    const double factor = finite_field(r, "decay factor");
    if (!(factor > 0.0 && factor <= 1.0)) corrupt("decay factor " + format_number(factor) + " is outside (0, 1]");
    decayed_histogram<Scale> d(1.0);
    d.factor_ = factor;
    d.histogram_ = codec<weighted_histogram<Scale>>::read(r);
    // Weights are 1 at the newest rating and only shrink: the total is at most the count.
    const auto& h = d.histogram_;
    if (h.total_weight() > static_cast<double>(h.total()) * (1.0 + 1e-12))
      corrupt("a total weight above the number of ratings, which decay only lowers");
    return d;
  }
};

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_WINDOW_ENCODING_HPP
