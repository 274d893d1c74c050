// Rating scales: the fixed integer range a survey question is answered on.
#ifndef CXMETRICS_CORE_SCALE_HPP
#define CXMETRICS_CORE_SCALE_HPP

#include <string>
#include <type_traits>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// The integer points `Lo..Hi` a question is answered on. `Lo` may be negative, for
/// scales of differences (self rating minus customer rating on 1..5 lives on -4..4).
///
/// **Example**: `static_assert(scale<1, 5>::points == 5 && scale<1, 5>::contains(3));`
template <int Lo, int Hi>
struct scale {
  static_assert(Lo < Hi, "a scale needs at least two points: Lo < Hi");
  // Histograms hold one counter per point; a bound keeps them a few cache lines at most
  // and keeps Hi - Lo far from int overflow.
  static_assert(static_cast<long long>(Hi) - Lo < 4096,
                "a rating scale has at most 4096 points");

  static constexpr int min = Lo;
  static constexpr int max = Hi;
  static constexpr int points = Hi - Lo + 1;

  /// True when `value` is a point of this scale.
  static constexpr bool contains(int value) noexcept { return value >= Lo && value <= Hi; }

  /// "Lo..Hi", for messages and reports.
  static std::string name() { return std::to_string(Lo) + ".." + std::to_string(Hi); }
};

/// Net Promoter Score question, "How likely are you to recommend ...?" 0..10.
using nps_scale = scale<0, 10>;
/// Customer satisfaction, 1 (very dissatisfied) .. 5 (very satisfied).
using csat_scale = scale<1, 5>;
/// Customer Effort Score, 1 (very difficult) .. 7 (very easy).
using ces_scale = scale<1, 7>;
/// An N-point Likert item, 1..N.
template <int N>
using likert_scale = scale<1, N>;

namespace detail {
template <class T>
struct is_scale : std::false_type {};
template <int Lo, int Hi>
struct is_scale<scale<Lo, Hi>> : std::true_type {};
}  // namespace detail

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_SCALE_HPP
