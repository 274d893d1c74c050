// Histograms of ratings: exact counts (or weights) per scale point. A histogram is the
// sufficient statistic of a rating scale: every statistic of the ratings follows from it.
#ifndef CXMETRICS_CORE_HISTOGRAM_HPP
#define CXMETRICS_CORE_HISTOGRAM_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/core/scale.hpp>
#include <cxmetrics/detail/count_bytes.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct state_access;
}  // namespace detail

namespace detail {

// Bounds check in the element's own type: converting a 64-bit value to int first could
// wrap 2^32 + 9 onto 9.
template <class Scale, class T>
constexpr bool on_scale(T value) noexcept {
  static_assert(std::is_integral_v<T> && !std::is_same_v<T, bool>,
                "ratings are integers (or cxmetrics::rating); convert other types explicitly");
  if constexpr (std::is_signed_v<T>) {
    return static_cast<long long>(value) >= Scale::min &&
           static_cast<long long>(value) <= Scale::max;
  } else {
    if constexpr (Scale::max < 0) return false;
    const auto v = static_cast<unsigned long long>(value);
    return v <= static_cast<unsigned long long>(Scale::max) &&
           (Scale::min <= 0 || v >= static_cast<unsigned long long>(Scale::min));
  }
}

template <class T>
std::string integer_text(T value) {
  return std::is_signed_v<T> ? std::to_string(static_cast<long long>(value))
                             : std::to_string(static_cast<unsigned long long>(value));
}

template <class Scale, class T>
[[noreturn]] CXMETRICS_COLD void throw_off_scale_at(T value, std::size_t position) {
  throw_invalid_rating("rating " + integer_text(value) + " at position " + std::to_string(position) +
                       " is outside the scale " + Scale::name() + "; nothing was added");
}

[[noreturn]] CXMETRICS_COLD inline void throw_count_overflow(unsigned long long total,
                                                            unsigned long long added,
                                                            unsigned long long limit) {
  throw_overflow("adding " + std::to_string(added) + " ratings to a histogram holding " +
                 std::to_string(total) + " would exceed its count limit " +
                 std::to_string(limit) + "; nothing was added");
}

// Integer types other than int (which has its own overload) and bool: single adds of them
// are checked in their own type.
template <class T>
struct is_other_integer
    : std::bool_constant<std::is_integral_v<T> && !std::is_same_v<T, int> && !std::is_same_v<T, bool>> {};
// What would convert to int silently and is no rating: bool and floating point.
template <class T>
struct is_not_a_rating : std::bool_constant<std::is_same_v<T, bool> || std::is_floating_point_v<T>> {};

template <class Scale, class T>
[[noreturn]] CXMETRICS_COLD void throw_off_scale_value(T value) {
  throw_invalid_rating("rating " + integer_text(value) + " is outside the scale " + Scale::name());
}

template <class Scale>
constexpr std::size_t point_index(int value) noexcept {
  return static_cast<std::size_t>(value - Scale::min);
}

}  // namespace detail

/// Exact counts of ratings per point of `Scale`.
///
/// Regular (copyable, `==`), mergeable with `+=` (exact, associative, commutative), and
/// small: one `Count` per scale point plus the total. Adds that would take the total past
/// `std::numeric_limits<Count>::max()` throw `std::overflow_error` and change nothing.
///
/// **Example**:
/// ```
/// rating_histogram<nps_scale> h;
/// h.add(9); h.add(10); h.add(6);
/// h.count(10);  // 1
/// ```
template <class Scale, class Count = std::uint64_t>
class rating_histogram {
  static_assert(detail::is_scale<Scale>::value, "rating_histogram needs a cxmetrics::scale");
  static_assert(std::is_integral_v<Count> && std::is_unsigned_v<Count> &&
                    !std::is_same_v<Count, bool> && sizeof(Count) <= sizeof(std::uint64_t),
                "Count must be an unsigned integer type of at most 64 bits");

 public:
  friend struct detail::state_access;  // io/encoding.hpp reads and restores the state
  using scale_type = Scale;
  using count_type = Count;
  static constexpr int points = Scale::points;
  using counts_type = std::array<Count, static_cast<std::size_t>(points)>;

  rating_histogram() = default;

  /// A histogram with the given counts, index 0 being `Scale::min`. Throws
  /// `std::overflow_error` when their sum exceeds `Count`.
  static rating_histogram from_counts(const counts_type& counts) {
    rating_histogram h;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      if (counts[i] > limit - h.total_)
        detail::throw_count_overflow(h.total_, counts[i], limit);
      h.total_ = static_cast<Count>(h.total_ + counts[i]);
    }
    h.counts_ = counts;
    return h;
  }

  /// Adds one validated rating. Cannot fail for 64-bit counts (2^64 adds would take
  /// centuries); with narrower counts a full histogram throws `std::overflow_error`.
  void add(rating<Scale> r) noexcept(sizeof(Count) >= sizeof(std::uint64_t)) {
    if (CXMETRICS_UNLIKELY(total_ == limit)) detail::throw_count_overflow(total_, 1, limit);
    increment(detail::point_index<Scale>(r.value()));
  }

  /// Adds one rating; throws `invalid_rating` when `value` is not on the scale.
  void add(int value) {
    if (CXMETRICS_UNLIKELY(!Scale::contains(value))) detail::throw_off_scale<Scale>(value);
    add_count(value, 1);
  }

  /// Adds one rating given as another integer type (`long long`, `std::size_t`, `char`,
  /// ...): checked in its own type, like the range overload, so 2^32 + 9 is refused with
  /// `invalid_rating` rather than wrapped onto 9.
  template <class T, std::enable_if_t<detail::is_other_integer<T>::value, int> = 0>
  void add(T value) {
    if (CXMETRICS_UNLIKELY(!detail::on_scale<Scale>(value))) detail::throw_off_scale_value<Scale>(value);
    add_count(static_cast<int>(value), 1);
  }

  /// Not ratings: `add(9.7)` would count a 9 and `add(true)` a 1, so both are compile errors.
  /// Round or convert explicitly (`add(static_cast<int>(std::lround(x)))`).
  template <class T, std::enable_if_t<detail::is_not_a_rating<T>::value, int> = 0>
  void add(T) = delete;

  /// Adds `times` ratings of `value` at once (a pre-aggregated export, say).
  void add_count(int value, Count times) {
    if (!Scale::contains(value)) detail::throw_off_scale<Scale>(value);
    if (times > limit - total_) detail::throw_count_overflow(total_, times, limit);
    counts_[detail::point_index<Scale>(value)] += times;
    total_ = static_cast<Count>(total_ + times);
  }

  /// Adds `value` when it is on the scale and the histogram is not full; otherwise
  /// returns false and changes nothing.
  bool try_add(int value) noexcept {
    if (!Scale::contains(value) || total_ == limit) return false;
    increment(detail::point_index<Scale>(value));
    return true;
  }
  /// `try_add` for other integer types, checked in their own type.
  template <class T, std::enable_if_t<detail::is_other_integer<T>::value, int> = 0>
  bool try_add(T value) noexcept {
    return detail::on_scale<Scale>(value) && try_add(static_cast<int>(value));
  }
  template <class T, std::enable_if_t<detail::is_not_a_rating<T>::value, int> = 0>
  bool try_add(T) = delete;

  /// Adds every rating in [first, last): integers of any width, or `rating<Scale>`.
  /// All or nothing: an off-scale value throws `invalid_rating` naming it and its
  /// position, and the histogram is left unchanged. Single pass, no allocation.
  template <class InputIt,
            std::enable_if_t<detail::is_input_iterator<InputIt>::value, int> = 0>
  void add(InputIt first, InputIt last) {
    using value_type = typename std::iterator_traits<InputIt>::value_type;
    std::array<std::uint64_t, static_cast<std::size_t>(points)> delta{};
    std::uint64_t added = 0;
    for (; first != last; ++first, ++added) {
      if constexpr (std::is_same_v<value_type, rating<Scale>>) {
        ++delta[detail::point_index<Scale>((*first).value())];
      } else {
        const value_type v = *first;
        if (CXMETRICS_UNLIKELY(!detail::on_scale<Scale>(v)))
          detail::throw_off_scale_at<Scale>(v, static_cast<std::size_t>(added));
        ++delta[detail::point_index<Scale>(static_cast<int>(v))];
      }
    }
    commit(delta, added);
  }

  /// Bulk fast path: adds `n` ratings stored one per byte. Validates every byte and is
  /// all or nothing, like the iterator overload; allocates nothing. On x86 with GCC or
  /// Clang it runs an AVX-512BW or AVX2 kernel when the CPU has one (chosen once per
  /// process, whatever the consumer's -m flags), else the portable kernel; all give the
  /// same counts and name the same first bad byte (docs/performance.md).
  void add(const std::uint8_t* data, std::size_t n) {
    using bytes = detail::byte_range<Scale::min, Scale::max>;
    if (n == 0) return;
    if constexpr (bytes::empty) {
      detail::throw_off_scale_at<Scale>(data[0], 0);
    } else {
      constexpr std::size_t byte_points = bytes::span + 1;
      std::array<std::uint64_t, byte_points> byte_counts{};
      const std::size_t bad = detail::count_checked_bytes<bytes::lo, static_cast<int>(byte_points)>(
          detail::active_byte_kernel(), data, n, byte_counts);
      if (CXMETRICS_UNLIKELY(bad != n)) detail::throw_off_scale_at<Scale>(data[bad], bad);
      std::array<std::uint64_t, static_cast<std::size_t>(points)> delta{};
      for (std::size_t b = 0; b < byte_points; ++b)
        delta[static_cast<std::size_t>(bytes::lo - Scale::min) + b] = byte_counts[b];
      commit(delta, static_cast<std::uint64_t>(n));
    }
  }

  /// Number of ratings equal to `value`; throws `invalid_rating` when it is off the scale.
  Count count(int value) const {
    if (!Scale::contains(value)) detail::throw_off_scale<Scale>(value);
    return counts_[detail::point_index<Scale>(value)];
  }

  Count total() const noexcept { return total_; }
  bool empty() const noexcept { return total_ == 0; }

  /// Counts per point, index 0 being `Scale::min`.
  const counts_type& counts() const noexcept { return counts_; }

  void clear() noexcept { *this = rating_histogram(); }

  /// Exact merge. Throws `std::overflow_error` (and changes nothing) when the combined
  /// total would exceed `Count`.
  rating_histogram& operator+=(const rating_histogram& other) {
    if (other.total_ > limit - total_) detail::throw_count_overflow(total_, other.total_, limit);
    for (std::size_t i = 0; i < counts_.size(); ++i)
      counts_[i] = static_cast<Count>(counts_[i] + other.counts_[i]);
    total_ = static_cast<Count>(total_ + other.total_);
    return *this;
  }

  friend rating_histogram operator+(rating_histogram a, const rating_histogram& b) {
    a += b;
    return a;
  }
  friend bool operator==(const rating_histogram& a, const rating_histogram& b) noexcept {
    return a.counts_ == b.counts_;
  }
  friend bool operator!=(const rating_histogram& a, const rating_histogram& b) noexcept {
    return !(a == b);
  }

 private:
  static constexpr Count limit = std::numeric_limits<Count>::max();

  void increment(std::size_t index) noexcept {
    ++counts_[index];
    ++total_;
  }

  void commit(const std::array<std::uint64_t, static_cast<std::size_t>(points)>& delta,
              std::uint64_t added) {
    if (added > static_cast<std::uint64_t>(limit - total_))
      detail::throw_count_overflow(total_, added, limit);
    for (std::size_t i = 0; i < counts_.size(); ++i)
      counts_[i] = static_cast<Count>(counts_[i] + delta[i]);
    total_ = static_cast<Count>(total_ + added);
  }

  counts_type counts_{};
  // Cached so that the overflow check of every add is one comparison: each count is at
  // most the total, so a total that fits means every count fits.
  Count total_ = 0;
};

namespace detail {
[[noreturn]] CXMETRICS_COLD inline void throw_bad_weight(double weight, std::size_t position,
                                                        bool bulk) {
  throw_invalid_argument("weight " + format_number(weight) +
                         (bulk ? " at position " + std::to_string(position) : std::string()) +
                         " must be finite and non-negative" +
                         (bulk ? "; nothing was added" : ""));
}
}  // namespace detail

/// Survey-weighted ratings: the sum of weights per scale point, plus what the standard
/// errors of weighted estimates need (the sum of squared weights and the response count).
///
/// Weights are finite and non-negative (`std::invalid_argument` otherwise); a weight whose
/// square, or a total that, would overflow a double throws `std::overflow_error`. Merging
/// with `+=` is exact up to floating-point rounding of the sums.
///
/// **Example**:
/// ```
/// weighted_histogram<csat_scale> w;
/// w.add(5, 1.8); w.add(2, 0.6);
/// w.effective_n();  // Kish: (1.8 + 0.6)^2 / (1.8^2 + 0.6^2) = 1.6
/// ```
template <class Scale>
class weighted_histogram {
  static_assert(detail::is_scale<Scale>::value, "weighted_histogram needs a cxmetrics::scale");

 public:
  friend struct detail::state_access;  // io/encoding.hpp reads and restores the state
  using scale_type = Scale;
  static constexpr int points = Scale::points;
  using weights_type = std::array<double, static_cast<std::size_t>(points)>;

  weighted_histogram() = default;

  void add(rating<Scale> r, double weight) { add(r.value(), weight); }

  /// Adds one response with `weight`; throws `invalid_rating` for an off-scale value and
  /// `std::invalid_argument` for a negative, NaN or infinite weight.
  void add(int value, double weight) {
    if (!Scale::contains(value)) detail::throw_off_scale<Scale>(value);
    if (!valid_weight(weight)) detail::throw_bad_weight(weight, 0, false);
    accumulate(weight, weight * weight, 1);
    weights_[detail::point_index<Scale>(value)] += weight;
  }

  /// Other integer types are checked in their own type; bool and floating point are no
  /// ratings and do not compile (see `rating_histogram::add`).
  template <class T, std::enable_if_t<detail::is_other_integer<T>::value, int> = 0>
  void add(T value, double weight) {
    if (!detail::on_scale<Scale>(value)) detail::throw_off_scale_value<Scale>(value);
    add(static_cast<int>(value), weight);
  }
  template <class T, std::enable_if_t<detail::is_not_a_rating<T>::value, int> = 0>
  void add(T, double) = delete;

  /// Adds the responses in [values_first, values_last), the i-th with `*(weights_first + i)`.
  /// All or nothing: a bad value or weight throws, naming its position, and changes nothing.
  template <class ValueIt, class WeightIt,
            std::enable_if_t<detail::is_input_iterator<ValueIt>::value, int> = 0>
  void add(ValueIt values_first, ValueIt values_last, WeightIt weights_first) {
    using value_type = typename std::iterator_traits<ValueIt>::value_type;
    weighted_histogram next = *this;
    std::size_t position = 0;
    for (; values_first != values_last; ++values_first, ++weights_first, ++position) {
      int value;
      if constexpr (std::is_same_v<value_type, rating<Scale>>) {
        value = (*values_first).value();
      } else {
        const value_type v = *values_first;
        if (!detail::on_scale<Scale>(v)) detail::throw_off_scale_at<Scale>(v, position);
        value = static_cast<int>(v);
      }
      const double weight = static_cast<double>(*weights_first);
      if (!valid_weight(weight)) detail::throw_bad_weight(weight, position, true);
      next.weights_[detail::point_index<Scale>(value)] += weight;
      next.accumulate(weight, weight * weight, 1);
    }
    *this = next;
  }

  /// Sum of the weights of responses equal to `value`.
  double weight(int value) const {
    if (!Scale::contains(value)) detail::throw_off_scale<Scale>(value);
    return weights_[detail::point_index<Scale>(value)];
  }

  /// Weights per point, index 0 being `Scale::min`.
  const weights_type& weights() const noexcept { return weights_; }
  /// V1: the sum of all weights.
  double total_weight() const noexcept { return total_weight_; }
  /// V2: the sum of squared weights.
  double sum_squared_weights() const noexcept { return sum_squared_weights_; }
  /// Number of responses added, whatever their weights (the name every histogram uses for
  /// it, docs/conventions.md).
  std::uint64_t total() const noexcept { return count_; }
  /// The same as `total()`: its name before the conventions, kept for existing callers.
  std::uint64_t count() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }

  /// Kish's effective sample size V1^2 / V2: the number of unweighted responses that
  /// would give the same precision. 0 when there is no weight.
  double effective_n() const noexcept {
    if (sum_squared_weights_ == 0.0) return 0.0;
    // V1 * (V1 / V2) rather than V1^2 / V2: V1^2 may overflow when V1 is huge.
    return total_weight_ * (total_weight_ / sum_squared_weights_);
  }

  void clear() noexcept { *this = weighted_histogram(); }

  /// Multiplies every weight by `factor` in (0, 1]: ages old responses (see
  /// `decayed_histogram`). The response count is unchanged.
  void decay(double factor) {
    if (!(factor > 0.0 && factor <= 1.0))
      detail::throw_invalid_argument("decay factor " + detail::format_number(factor) + " is outside (0, 1]");
    for (auto& w : weights_) w *= factor;
    total_weight_ *= factor;
    sum_squared_weights_ *= factor * factor;
  }

  /// Merge; throws `std::overflow_error` (and changes nothing) if a total would overflow.
  weighted_histogram& operator+=(const weighted_histogram& other) {
    accumulate(other.total_weight_, other.sum_squared_weights_, other.count_);
    for (std::size_t i = 0; i < weights_.size(); ++i) weights_[i] += other.weights_[i];
    return *this;
  }

  friend weighted_histogram operator+(weighted_histogram a, const weighted_histogram& b) {
    a += b;
    return a;
  }
  friend bool operator==(const weighted_histogram& a, const weighted_histogram& b) noexcept {
    return a.weights_ == b.weights_ && a.total_weight_ == b.total_weight_ &&
           a.sum_squared_weights_ == b.sum_squared_weights_ && a.count_ == b.count_;
  }
  friend bool operator!=(const weighted_histogram& a, const weighted_histogram& b) noexcept {
    return !(a == b);
  }

 private:
  static bool valid_weight(double w) noexcept { return w >= 0.0 && std::isfinite(w); }

  // Updates the totals, checking first so that a failure changes nothing. Each point's
  // weight is at most the total, so a finite total keeps every point finite.
  void accumulate(double weight, double squared_weight, std::uint64_t responses) {
    const double v1 = total_weight_ + weight;
    const double v2 = sum_squared_weights_ + squared_weight;
    if (!std::isfinite(v1) || !std::isfinite(v2))
      detail::throw_overflow("weight too large: the sum of weights or of squared weights "
                             "would overflow a double; nothing was added");
    if (responses > std::numeric_limits<std::uint64_t>::max() - count_)
      detail::throw_count_overflow(count_, responses, std::numeric_limits<std::uint64_t>::max());
    total_weight_ = v1;
    sum_squared_weights_ = v2;
    count_ += responses;
  }

  weights_type weights_{};
  double total_weight_ = 0.0;
  double sum_squared_weights_ = 0.0;
  std::uint64_t count_ = 0;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_HISTOGRAM_HPP
