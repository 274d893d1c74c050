// The paired gap: the same interaction rated by the employee (self) and by the customer.
#ifndef CXMETRICS_GAP_PAIRED_GAP_HPP
#define CXMETRICS_GAP_PAIRED_GAP_HPP

#include <cmath>
#include <ostream>

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/gap/rank_tests.hpp>
#include <cxmetrics/gap/t_tests.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct chart_state_access;
}  // namespace detail

/// The scale of differences between two ratings on `Scale`: -(Hi - Lo)..(Hi - Lo).
template <class Scale>
using difference_scale = scale<Scale::min - Scale::max, Scale::max - Scale::min>;

/// Pairs of ratings of the same interaction, kept as the histogram of their differences
/// (self - customer), which is all the paired statistics need. Mergeable like any histogram.
template <class Scale>
class paired_gap {
 public:
  friend struct detail::chart_state_access;  // io/chart_encoding.hpp
  using scale_type = Scale;
  using differences_type = rating_histogram<difference_scale<Scale>>;

  /// Adds one pair; throws `invalid_rating` when either rating is off `Scale` (naming it).
  void add(int self, int customer) {
    const rating<Scale> s(self), c(customer);
    add(s, c);
  }
  void add(rating<Scale> self, rating<Scale> customer) { differences_.add(self.value() - customer.value()); }

  const differences_type& differences() const noexcept { return differences_; }
  std::uint64_t count() const noexcept { return differences_.total(); }
  bool empty() const noexcept { return differences_.empty(); }

  paired_gap& operator+=(const paired_gap& other) {
    differences_ += other.differences_;
    return *this;
  }
  friend bool operator==(const paired_gap& a, const paired_gap& b) noexcept {
    return a.differences_ == b.differences_;
  }
  friend bool operator!=(const paired_gap& a, const paired_gap& b) noexcept { return !(a == b); }

 private:
  differences_type differences_;
};

/// Everything a report says about a paired gap.
struct paired_gap_summary {
  difference_test mean_gap;     ///< paired t: mean of self - customer, with its interval
  rank_test signed_rank;        ///< Wilcoxon signed-rank (zeros dropped)
  double self_above;            ///< share of pairs where self rated higher
  double equal;                 ///< share of pairs rated the same
  double self_below;            ///< share where the customer rated higher
  double effect_size_dz;        ///< d_z = mean difference / SD of the differences

  friend std::ostream& operator<<(std::ostream& os, const paired_gap_summary& s) {
    return os << "mean gap " << s.mean_gap << "; self above " << 100 * s.self_above << "%, equal "
              << 100 * s.equal << "%, below " << 100 * s.self_below << "%; d_z " << s.effect_size_dz
              << "; signed-rank V = " << s.signed_rank.statistic << ", p = " << s.signed_rank.p_value;
  }
};

/// The paired t test, signed-rank test, shares above/equal/below and d_z of a paired gap.
/// Throws `insufficient_data` with fewer than two pairs or when every difference is equal.
template <class Scale>
paired_gap_summary summarize(const paired_gap<Scale>& gap, double level = 0.95) {
  const auto& d = gap.differences();
  constexpr int k = Scale::max - Scale::min;
  const difference_test t = paired_t_test(d, level);
  const rank_test w = wilcoxon_signed_rank(d, level);
  return {t, w, share(d, 1, k), share(d, 0, 0), share(d, -k, -1), mean(d) / stddev(d)};
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_PAIRED_GAP_HPP
