// Cold, out-of-line throw helpers: the loops that call them stay small, and the message is
// built only on the error path. Under -fno-exceptions they print the message and abort
// (CXMETRICS_THROW in config.hpp).
//
// This header is part of the ground layer and knows no cxmetrics type: `throw_as<E>` raises
// any exception constructible from a message, and the helpers for cxmetrics' own error
// types (`throw_invalid_rating`, `throw_insufficient_data`, `throw_decode_error`) are
// one-line wrappers beside those types in core/error.hpp.
#ifndef CXMETRICS_DETAIL_THROW_HPP
#define CXMETRICS_DETAIL_THROW_HPP

#include <stdexcept>
#include <string>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// Raises `Exception(message)`; Exception is any type constructible from a std::string.
template <class Exception>
[[noreturn]] CXMETRICS_COLD void throw_as(const std::string& message) {
  CXMETRICS_THROW(Exception(message));
}

/// A bad parameter (a level outside (0, 1), a negative weight): std::invalid_argument.
[[noreturn]] CXMETRICS_COLD inline void throw_invalid_argument(const std::string& message) {
  throw_as<std::invalid_argument>(message);
}

/// A count that would exceed its integer type: std::overflow_error.
[[noreturn]] CXMETRICS_COLD inline void throw_overflow(const std::string& message) {
  throw_as<std::overflow_error>(message);
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_THROW_HPP
