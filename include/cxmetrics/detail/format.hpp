// Number formatting for error messages: the shortest text that reads back as the same value.
#ifndef CXMETRICS_DETAIL_FORMAT_HPP
#define CXMETRICS_DETAIL_FORMAT_HPP

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

inline std::string format_number(double x) {
  char buffer[32];
  // Whole numbers read best without an exponent: "10", not "1e+01".
  if (x == std::floor(x) && std::fabs(x) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", x);
    return buffer;
  }
  // Messages must show the value the caller passed, not a rounded neighbour.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, x);
    if (std::strtod(buffer, nullptr) == x) break;
  }
  return buffer;
}

inline std::string format_number(long long x) { return std::to_string(x); }
inline std::string format_number(unsigned long long x) { return std::to_string(x); }
inline std::string format_number(int x) { return std::to_string(x); }

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_FORMAT_HPP
