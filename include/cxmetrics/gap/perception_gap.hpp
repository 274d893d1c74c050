// The unpaired perception gap (a self-assessment survey against a customer survey) and the
// delivery gap (how many believe they are excellent against how many customers agree).
#ifndef CXMETRICS_GAP_PERCEPTION_GAP_HPP
#define CXMETRICS_GAP_PERCEPTION_GAP_HPP

#include <ostream>

#include <cxmetrics/gap/effect_size.hpp>
#include <cxmetrics/gap/rank_tests.hpp>
#include <cxmetrics/gap/t_tests.hpp>
#include <cxmetrics/core/box_scores.hpp>
#include <cxmetrics/core/compare_proportions.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Every standard view of an unpaired gap, self - customers.
struct perception_gap_result {
  difference_test welch;   ///< mean gap with Welch's t interval
  rank_test mann_whitney;  ///< distribution shift, U of the self-assessments
  double cohens_d;
  double hedges_g;
  double cliffs_delta;     ///< P(self > customer) - P(self < customer)

  friend std::ostream& operator<<(std::ostream& os, const perception_gap_result& g) {
    return os << "mean gap " << g.welch << "; Mann-Whitney U = " << g.mann_whitney.statistic
              << ", p = " << g.mann_whitney.p_value << "; Cohen's d " << g.cohens_d << ", Hedges' g "
              << g.hedges_g << ", Cliff's delta " << g.cliffs_delta;
  }
};

/// Compares self-assessments with customer ratings on the same scale. Throws
/// `insufficient_data` with fewer than two responses in a group or no variance at all.
template <class S>
perception_gap_result perception_gap(const rating_histogram<S>& self, const rating_histogram<S>& customers,
                                     double level = 0.95) {
  return {welch_t_test(self, customers, level), mann_whitney(self, customers, level), cohens_d(self, customers),
          hedges_g(self, customers), cliffs_delta(self, customers)};
}

/// The delivery gap: the share of self-assessments in the top `top` points against the
/// share of customers who rate that high, with both intervals and the pooled z test of
/// their difference (self - customers) with Newcombe's interval.
struct delivery_gap_result {
  share_estimate self;
  share_estimate customers;
  difference_test difference;

  friend std::ostream& operator<<(std::ostream& os, const delivery_gap_result& g) {
    return os << "self " << g.self << " vs customers " << g.customers << ": " << g.difference;
  }
};

/// The delivery gap in the top `top` points of the scale. `top` has no default: the field
/// does not agree on one box (top-1 "excellent" in the Bain study, top-2 in CSAT), so the
/// caller says which (docs/conventions.md, "Arguments"). Throws `std::invalid_argument` for
/// a box off the scale or a level outside (0, 1), `insufficient_data` for an empty group.
template <class S>
delivery_gap_result delivery_gap(const rating_histogram<S>& self, const rating_histogram<S>& customers, int top,
                                 double level = 0.95) {
  const share_estimate a = top_box(self, top, level), b = top_box(customers, top, level);
  return {a, b, compare_proportions(a.estimate * a.n, a.n, b.estimate * b.n, b.n, level)};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_PERCEPTION_GAP_HPP
