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

namespace detail {
inline void check_p_values(const std::vector<double>& p_values) {
  for (std::size_t i = 0; i < p_values.size(); ++i) check_probability(p_values[i], "p-value", " at index " + std::to_string(i));
}
}  // namespace detail

/// Holm's step-down adjustment (Holm 1979), which controls the family-wise error rate with
/// no assumption about how the tests depend on each other: sort the m p-values ascending,
/// adjusted p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)). Returns the adjusted
/// values in input order, as R's `p.adjust(p, "holm")` and statsmodels'
/// `multipletests(p, method = "holm")`. Throws `std::invalid_argument` naming a p-value
/// that is NaN or outside [0, 1].
///
/// **Example**: `holm_adjust({0.01, 0.04, 0.03})` is {0.03, 0.06, 0.06}.
inline std::vector<double> holm_adjust(const std::vector<double>& p_values) {
  detail::check_p_values(p_values);
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

/// Benjamini and Hochberg's (1995) step-up adjustment, which controls the false discovery
/// rate (the expected share of false findings among those declared) for independent or
/// positively dependent tests: sort the m p-values descending, adjusted p_(i) = min over
/// j >= i of min(1, m p_(j) / j) with ranks j ascending. Use it for "which of 200 agents
/// changed this month", where a few false findings among many true ones are acceptable;
/// use `holm_adjust` when any false finding is costly. Returns the adjusted values in input
/// order, as R's `p.adjust(p, "BH")` and statsmodels' `multipletests(p, method =
/// "fdr_bh")`. Throws `std::invalid_argument` naming a p-value that is NaN or outside [0, 1].
///
/// **Example**: `benjamini_hochberg_adjust({0.01, 0.04, 0.03})` is {0.03, 0.04, 0.04}.
inline std::vector<double> benjamini_hochberg_adjust(const std::vector<double>& p_values) {
  detail::check_p_values(p_values);
  std::vector<std::size_t> order(p_values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_values[a] > p_values[b]; });
  std::vector<double> adjusted(p_values.size());
  const auto m = static_cast<double>(p_values.size());
  double running = 1.0;  // the min keeps adjusted values in the order of the raw ones
  for (std::size_t j = 0; j < order.size(); ++j) {
    const double rank = m - static_cast<double>(j);  // ascending rank of the j-th largest
    running = std::min(running, m / rank * p_values[order[j]]);
    adjusted[order[j]] = running;
  }
  return adjusted;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_MULTIPLE_TESTING_HPP
