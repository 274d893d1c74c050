// Parameter checks shared by the statistics: each names the value and the rule it broke.
#ifndef CXMETRICS_DETAIL_VALIDATE_HPP
#define CXMETRICS_DETAIL_VALIDATE_HPP

#include <cmath>
#include <iterator>
#include <string>
#include <type_traits>

#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/throw.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// Confidence levels must lie strictly between 0 and 1.
inline void check_level(double level) {
  if (!(level > 0.0 && level < 1.0))
    throw_invalid_argument("confidence level " + format_number(level) +
                           " is outside the open interval (0, 1)");
}

/// A finite, non-negative amount (a weight, a count of successes or trials).
inline void check_non_negative(double value, const char* what) {
  if (!(value >= 0.0) || !std::isfinite(value))
    throw_invalid_argument(std::string(what) + " " + format_number(value) +
                           " must be finite and non-negative");
}

inline void check_finite(double value, const char* what) {
  if (!std::isfinite(value))
    throw_invalid_argument(std::string(what) + " " + format_number(value) + " must be finite");
}

/// A finite, strictly positive parameter (a chart's sigma, a half-life).
inline void check_positive(double value, const char* what) {
  if (!(value > 0.0) || !std::isfinite(value))
    throw_invalid_argument(std::string(what) + " " + format_number(value) + " must be finite and positive");
}

/// A probability, share or p-value in [0, 1]; `where` locates it in a list (" at index 3").
inline void check_probability(double value, const char* what = "probability", const std::string& where = {}) {
  if (!(value >= 0.0 && value <= 1.0))
    throw_invalid_argument(std::string(what) + " " + format_number(value) + where + " is outside [0, 1]");
}

template <class It, class = void>
struct is_input_iterator : std::false_type {};
template <class It>
struct is_input_iterator<
    It, std::enable_if_t<std::is_convertible_v<typename std::iterator_traits<It>::iterator_category,
                                               std::input_iterator_tag>>> : std::true_type {};

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_VALIDATE_HPP
