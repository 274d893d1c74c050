// Customer satisfaction (CSAT) and Customer Effort Score (CES).
#ifndef CXMETRICS_SCORING_CSAT_HPP
#define CXMETRICS_SCORING_CSAT_HPP

#include <ostream>
#include <type_traits>

#include <cxmetrics/core/box_scores.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// CSAT as usually reported: the share of satisfied customers (top-k box) and the mean.
struct csat_result {
  share_estimate satisfied;  ///< top-k box share with a Wilson interval
  mean_estimate mean;        ///< mean rating with a t interval

  friend std::ostream& operator<<(std::ostream& os, const csat_result& r) {
    return os << "CSAT " << r.satisfied << "; mean " << r.mean;
  }
};

/// CSAT of a histogram on any scale: top-`top` box (top-2 of 1..5 by default: "satisfied"
/// or "very satisfied") and the mean, both with intervals at `level`. Throws
/// `insufficient_data` with fewer than two responses (the mean's interval needs them).
/// The full name matches `net_promoter_score` and `customer_effort_score`.
template <class H>
csat_result customer_satisfaction_score(const H& h, int top = 2, double level = 0.95) {
  return {top_box(h, top, level), mean_score(h, level)};
}

/// Deprecated short name of `customer_satisfaction_score`.
template <class H>
[[deprecated("renamed customer_satisfaction_score")]] csat_result csat(const H& h, int top = 2, double level = 0.95) {
  return customer_satisfaction_score(h, top, level);
}

/// CES on the 1..7 agreement scale ("the company made it easy to handle my issue"): the
/// mean and the share who found it easy (5-7).
struct ces_result {
  mean_estimate mean;
  share_estimate easy;  ///< share of 5, 6 or 7

  friend std::ostream& operator<<(std::ostream& os, const ces_result& r) {
    return os << "CES mean " << r.mean << "; easy (5-7) " << r.easy;
  }
};

/// CES of a 1..7 histogram: the mean with its t interval and the share who found it easy
/// (5-7) with a Wilson interval, at `level`. Throws `insufficient_data` with fewer than two
/// responses.
template <class H>
ces_result customer_effort_score(const H& h, double level = 0.95) {
  static_assert(std::is_same_v<typename H::scale_type, ces_scale>,
                "CES is defined on the 1..7 scale (ces_scale)");
  return {mean_score(h, level), box_share(h, 5, 7, level)};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SCORING_CSAT_HPP
