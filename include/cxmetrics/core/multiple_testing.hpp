// Adjusting p-values when one report runs many tests (every period against the one before,
// every reason against last month), so that "significant" keeps its meaning.
#ifndef CXMETRICS_CORE_MULTIPLE_TESTING_HPP
#define CXMETRICS_CORE_MULTIPLE_TESTING_HPP

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Holm's step-down adjustment (Holm 1979), which controls the family-wise error rate with
/// no assumption about how the tests depend on each other: sort the m p-values ascending,
/// adjusted p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)). Returns the adjusted
/// values in input order, as R's `p.adjust(p, "holm")` and statsmodels'
/// `multipletests(p, method = "holm")`. Throws `std::invalid_argument` naming a p-value
/// that is NaN or outside [0, 1].
///
/// **Example**: `holm_adjust({0.01, 0.04, 0.03})` is {0.03, 0.06, 0.06}.
inline std::vector<double> holm_adjust(const std::vector<double>& p_values) {
  for (std::size_t i = 0; i < p_values.size(); ++i)
    detail::check_probability(p_values[i], "p-value", " at index " + std::to_string(i));
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<double> adjusted(p_values.size());
  const auto m = static_cast<double>(p_values.size());
  double running = 0.0;  // the max keeps adjusted values in the order of the raw ones
  for (std::size_t j = 0; j < order.size(); ++j) {
    running = std::max(running, std::min(1.0, (m - static_cast<double>(j)) * p_values[order[j]]));
    adjusted[order[j]] = running;
  }
  return adjusted;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_MULTIPLE_TESTING_HPP
