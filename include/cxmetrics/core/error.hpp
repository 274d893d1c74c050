// Typed errors raised by every part of cxmetrics.
//
// Each error derives from the standard exception that describes its category, so callers
// can catch either the precise type or the standard base. Messages name the offending value
// and the rule it broke ("rating 11 is outside the scale 0..10").
#ifndef CXMETRICS_CORE_ERROR_HPP
#define CXMETRICS_CORE_ERROR_HPP

#include <stdexcept>
#include <string>

#include <cxmetrics/detail/config.hpp>
#include <cxmetrics/detail/throw.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// A value that is not a point of its rating scale. Derives from `std::out_of_range`.
struct invalid_rating : std::out_of_range {
  using std::out_of_range::out_of_range;
};

/// A statistic asked of too little data (an empty histogram's mean, a variance from one
/// response, a correlation without variance). Derives from `std::domain_error`.
struct insufficient_data : std::domain_error {
  using std::domain_error::domain_error;
};

/// Bytes that are not a valid encoded state. Derives from `std::runtime_error`.
struct decode_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Bad parameters (a confidence level outside (0, 1), a negative or NaN weight) raise
// std::invalid_argument; a count that would exceed its integer type raises
// std::overflow_error. Neither needs a type of its own.

namespace detail {

// The throw helpers of cxmetrics' own error types. The generic ones (throw_as,
// throw_invalid_argument, throw_overflow) live in detail/throw.hpp, which depends on
// nothing above the ground layer; these need the types above, so they live beside them.
[[noreturn]] CXMETRICS_COLD inline void throw_invalid_rating(const std::string& message) {
  throw_as<invalid_rating>(message);
}
[[noreturn]] CXMETRICS_COLD inline void throw_insufficient_data(const std::string& message) {
  throw_as<insufficient_data>(message);
}
[[noreturn]] CXMETRICS_COLD inline void throw_decode_error(const std::string& message) {
  throw_as<decode_error>(message);
}

}  // namespace detail

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_ERROR_HPP
