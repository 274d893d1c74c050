// Per-employee calibration: how each employee rates their own service against what their
// customers report, and whether the team knows who serves best.
#ifndef CXMETRICS_GAP_CALIBRATION_HPP
#define CXMETRICS_GAP_CALIBRATION_HPP

#include <algorithm>
#include <numeric>
#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/detail/ranks.hpp>
#include <cxmetrics/core/box_scores.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// One employee's self-rating and the ratings their customers gave, on the same scale.
template <class Scale>
struct employee_ratings {
  std::string employee;
  double self_rating;
  rating_histogram<Scale> customers;
};

struct calibration_row {
  std::string employee;
  double self_rating;
  mean_estimate customers;  ///< customers' mean with its t interval
  double gap;               ///< self - customers' mean
  bool outside_interval;    ///< the self-rating lies outside the customers' interval
};

struct calibration_result {
  std::vector<calibration_row> rows;  ///< in input order
  /// Spearman's rank correlation between self-ratings and customers' means across
  /// employees (midranks for ties): near 1 when the team knows who serves best.
  double rank_correlation;

  friend std::ostream& operator<<(std::ostream& os, const calibration_result& r) {
    for (const auto& row : r.rows)
      os << row.employee << ": self " << row.self_rating << ", customers " << row.customers << ", gap " << row.gap
         << (row.outside_interval ? " (outside)" : "") << "\n";
    return os << "rank correlation self vs customers " << r.rank_correlation;
  }
};

/// Calibrates each employee against their customers. Every employee needs at least two
/// customer ratings (`insufficient_data` names the one who has fewer) and a self-rating on
/// the scale (`invalid_rating` otherwise); the rank correlation needs at least two
/// employees with some spread in both rankings.
template <class Scale>
calibration_result calibrate(const std::vector<employee_ratings<Scale>>& employees, double level = 0.95) {
  calibration_result result{};
  std::vector<double> self, customers;
  for (const auto& e : employees) {
    if (!(e.self_rating >= Scale::min && e.self_rating <= Scale::max))
      detail::throw_invalid_rating("self-rating " + detail::format_number(e.self_rating) + " of " + e.employee +
                                   " is outside the scale " + Scale::name());
    if (e.customers.total() < 2)
      detail::throw_insufficient_data("employee " + e.employee + " has " + std::to_string(e.customers.total()) +
                                      " customer ratings; calibration needs at least 2");
    const mean_estimate m = mean_score(e.customers, level);
    result.rows.push_back({e.employee, e.self_rating, m, e.self_rating - m.estimate, !m.ci.contains(e.self_rating)});
    self.push_back(e.self_rating);
    customers.push_back(m.estimate);
  }
  const auto self_ranks = detail::midranks(self), customer_ranks = detail::midranks(customers);
  comoments ranks;
  for (std::size_t i = 0; i < self_ranks.size(); ++i) ranks.add(self_ranks[i], customer_ranks[i]);
  result.rank_correlation = ranks.pearson();
  return result;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_CALIBRATION_HPP
