// A single validated answer on a rating scale.
#ifndef CXMETRICS_CORE_RATING_HPP
#define CXMETRICS_CORE_RATING_HPP

#include <optional>
#include <string>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/scale.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
template <class Scale>
[[noreturn]] CXMETRICS_COLD void throw_off_scale(long long value) {
  throw_invalid_rating("rating " + std::to_string(value) + " is outside the scale " +
                       Scale::name());
}
}  // namespace detail

/// A point on `Scale`, validated once at construction so that everything taking a
/// `rating` can skip the check.
///
/// **Example**: `rating<nps_scale> r(9); r.normalized();  // 0.9`
template <class Scale>
class rating {
  static_assert(detail::is_scale<Scale>::value, "rating<Scale> needs a cxmetrics::scale");

 public:
  using scale_type = Scale;

  /// Throws `invalid_rating` when `value` is not on the scale.
  constexpr explicit rating(int value) : value_(value) {
    if (!Scale::contains(value)) detail::throw_off_scale<Scale>(value);
  }

  /// The rating, or `std::nullopt` when `value` is not on the scale.
  static constexpr std::optional<rating> try_make(int value) noexcept {
    if (!Scale::contains(value)) return std::nullopt;
    return rating(value, unchecked{});
  }

  constexpr int value() const noexcept { return value_; }

  /// Position on the scale mapped to 0..1 (`Lo` is 0, `Hi` is 1).
  constexpr double normalized() const noexcept {
    return static_cast<double>(value_ - Scale::min) / static_cast<double>(Scale::max - Scale::min);
  }

  friend constexpr bool operator==(rating a, rating b) noexcept { return a.value_ == b.value_; }
  friend constexpr bool operator!=(rating a, rating b) noexcept { return a.value_ != b.value_; }
  friend constexpr bool operator<(rating a, rating b) noexcept { return a.value_ < b.value_; }
  friend constexpr bool operator>(rating a, rating b) noexcept { return a.value_ > b.value_; }
  friend constexpr bool operator<=(rating a, rating b) noexcept { return a.value_ <= b.value_; }
  friend constexpr bool operator>=(rating a, rating b) noexcept { return a.value_ >= b.value_; }

 private:
  struct unchecked {};
  constexpr rating(int value, unchecked) noexcept : value_(value) {}
  int value_;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_RATING_HPP
