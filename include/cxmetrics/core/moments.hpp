// Streaming moments of real values (response times, scores, gaps) that merge exactly.
#ifndef CXMETRICS_CORE_MOMENTS_HPP
#define CXMETRICS_CORE_MOMENTS_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/format.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct state_access;
}  // namespace detail

namespace detail {
inline void check_merge_count(std::uint64_t a, std::uint64_t b) {
  if (b > std::numeric_limits<std::uint64_t>::max() - a)
    throw_overflow("merging " + std::to_string(b) + " observations into " + std::to_string(a) +
                   " would overflow the 64-bit count");
}
inline void check_finite_state(bool finite) {
  if (!finite)
    throw_overflow("value too large: the sum of squared deviations would overflow a double; "
                   "nothing was added");
}
inline void require_count(std::uint64_t n, std::uint64_t needed, const char* statistic) {
  if (n < needed)
    throw_insufficient_data(std::string(statistic) + " needs at least " + std::to_string(needed) +
                            " observations, got " + std::to_string(n));
}
}  // namespace detail

/// Count, mean, variance, minimum and maximum of a stream of finite values.
///
/// Updates use Welford's algorithm and merges Chan, Golub and LeVeque's pairwise formula,
/// so the variance stays accurate where the textbook sum-of-squares formula cancels
/// catastrophically (data such as 10000000.1, 10000000.3: NIST StRD NumAcc4).
///
/// **Example**:
/// ```
/// moments m;
/// for (double x : {2.0, 4.0, 9.0}) m.add(x);
/// m.mean();      // 5
/// m.variance();  // 13 (n - 1 denominator)
/// ```
class moments {
 public:
  friend struct detail::state_access;  // io/encoding.hpp reads and restores the state
  moments() = default;

  /// Adds `x`; throws `std::invalid_argument` when it is NaN or infinite.
  void add(double x) {
    if (!std::isfinite(x))
      detail::throw_invalid_argument("value " + detail::format_number(x) +
                                     " must be finite; moments accept finite values only");
    update(x);
  }

  /// Adds every value in [first, last); all or nothing.
  template <class InputIt,
            std::enable_if_t<detail::is_input_iterator<InputIt>::value, int> = 0>
  void add(InputIt first, InputIt last) {
    moments next = *this;
    for (; first != last; ++first) next.add(static_cast<double>(*first));
    *this = next;
  }

  std::uint64_t count() const noexcept { return n_; }
  bool empty() const noexcept { return n_ == 0; }

  /// Arithmetic mean; needs one observation.
  double mean() const {
    detail::require_count(n_, 1, "the mean");
    return mean_;
  }
  /// Sample variance with the n - 1 denominator; needs two observations.
  double variance() const {
    detail::require_count(n_, 2, "the sample variance");
    return m2_ / static_cast<double>(n_ - 1);
  }
  double stddev() const { return std::sqrt(variance()); }
  double min() const {
    detail::require_count(n_, 1, "the minimum");
    return min_;
  }
  double max() const {
    detail::require_count(n_, 1, "the maximum");
    return max_;
  }
  /// Sum of squared deviations from the mean, sum (x - mean)^2; 0 when empty.
  double sum_squared_deviations() const noexcept { return m2_; }

  /// Exact parallel merge (Chan et al.): equals one pass over both streams, up to rounding.
  moments& operator+=(const moments& other) {
    if (other.n_ == 0) return *this;
    if (n_ == 0) return *this = other;
    detail::check_merge_count(n_, other.n_);
    const double na = static_cast<double>(n_);
    const double nb = static_cast<double>(other.n_);
    const double n = na + nb;
    const double delta = other.mean_ - mean_;
    const double mean = mean_ + delta * (nb / n);
    const double m2 = m2_ + other.m2_ + delta * delta * (na * (nb / n));
    detail::check_finite_state(std::isfinite(mean) && std::isfinite(m2));
    n_ += other.n_;
    mean_ = mean;
    m2_ = m2;
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
    return *this;
  }

  friend moments operator+(moments a, const moments& b) {
    a += b;
    return a;
  }
  /// Field-by-field equality of the state.
  friend bool operator==(const moments& a, const moments& b) noexcept {
    return a.n_ == b.n_ && a.mean_ == b.mean_ && a.m2_ == b.m2_ && a.min_ == b.min_ &&
           a.max_ == b.max_;
  }
  friend bool operator!=(const moments& a, const moments& b) noexcept { return !(a == b); }

 private:
  void update(double x) {
    if (n_ == std::numeric_limits<std::uint64_t>::max()) detail::check_merge_count(n_, 1);
    const double n = static_cast<double>(n_ + 1);
    const double delta = x - mean_;
    const double mean = mean_ + delta / n;
    const double m2 = m2_ + delta * (x - mean);
    detail::check_finite_state(std::isfinite(delta) && std::isfinite(m2));
    mean_ = mean;
    m2_ = m2;
    min_ = n_ == 0 ? x : std::min(min_, x);
    max_ = n_ == 0 ? x : std::max(max_, x);
    ++n_;
  }

  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = 0.0;
  double max_ = 0.0;
};

/// Streaming co-moments of pairs (x, y): means, variances, covariance and Pearson's r,
/// updated and merged with the bivariate form of Welford's and Chan's formulas.
class comoments {
 public:
  friend struct detail::state_access;  // io/encoding.hpp reads and restores the state
  comoments() = default;

  /// Adds the pair (x, y); throws `std::invalid_argument` when either is not finite.
  void add(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y))
      detail::throw_invalid_argument("pair (" + detail::format_number(x) + ", " +
                                     detail::format_number(y) + ") must be finite");
    if (n_ == std::numeric_limits<std::uint64_t>::max()) detail::check_merge_count(n_, 1);
    const double n = static_cast<double>(n_ + 1);
    const double dx = x - mean_x_;
    const double dy = y - mean_y_;
    const double mean_x = mean_x_ + dx / n;
    const double mean_y = mean_y_ + dy / n;
    const double m2x = m2x_ + dx * (x - mean_x);
    const double m2y = m2y_ + dy * (y - mean_y);
    const double cxy = cxy_ + dx * (y - mean_y);
    detail::check_finite_state(std::isfinite(dx) && std::isfinite(dy) && std::isfinite(m2x) &&
                               std::isfinite(m2y) && std::isfinite(cxy));
    mean_x_ = mean_x;
    mean_y_ = mean_y;
    m2x_ = m2x;
    m2y_ = m2y;
    cxy_ = cxy;
    ++n_;
  }

  std::uint64_t count() const noexcept { return n_; }
  bool empty() const noexcept { return n_ == 0; }

  double mean_x() const {
    detail::require_count(n_, 1, "the mean");
    return mean_x_;
  }
  double mean_y() const {
    detail::require_count(n_, 1, "the mean");
    return mean_y_;
  }
  double variance_x() const {
    detail::require_count(n_, 2, "the sample variance");
    return m2x_ / static_cast<double>(n_ - 1);
  }
  double variance_y() const {
    detail::require_count(n_, 2, "the sample variance");
    return m2y_ / static_cast<double>(n_ - 1);
  }
  /// Sample covariance with the n - 1 denominator.
  double covariance() const {
    detail::require_count(n_, 2, "the sample covariance");
    return cxy_ / static_cast<double>(n_ - 1);
  }

  /// Pearson's product-moment correlation. Needs two pairs and variance in both x and y
  /// (`insufficient_data` otherwise: a correlation with a constant is undefined, not 0).
  double pearson() const {
    detail::require_count(n_, 2, "Pearson's correlation");
    if (m2x_ == 0.0 || m2y_ == 0.0)
      detail::throw_insufficient_data(std::string("Pearson's correlation is undefined: ") +
                                      (m2x_ == 0.0 ? "x" : "y") + " has no variance");
    const double r = cxy_ / std::sqrt(m2x_ * m2y_);
    // Rounding can push |r| a few ulps past 1 for perfectly collinear data.
    return std::clamp(r, -1.0, 1.0);
  }

  comoments& operator+=(const comoments& other) {
    if (other.n_ == 0) return *this;
    if (n_ == 0) return *this = other;
    detail::check_merge_count(n_, other.n_);
    const double na = static_cast<double>(n_);
    const double nb = static_cast<double>(other.n_);
    const double n = na + nb;
    const double dx = other.mean_x_ - mean_x_;
    const double dy = other.mean_y_ - mean_y_;
    const double weight = na * (nb / n);
    const double m2x = m2x_ + other.m2x_ + dx * dx * weight;
    const double m2y = m2y_ + other.m2y_ + dy * dy * weight;
    const double cxy = cxy_ + other.cxy_ + dx * dy * weight;
    detail::check_finite_state(std::isfinite(m2x) && std::isfinite(m2y) && std::isfinite(cxy));
    mean_x_ += dx * (nb / n);
    mean_y_ += dy * (nb / n);
    m2x_ = m2x;
    m2y_ = m2y;
    cxy_ = cxy;
    n_ += other.n_;
    return *this;
  }

  friend comoments operator+(comoments a, const comoments& b) {
    a += b;
    return a;
  }
  friend bool operator==(const comoments& a, const comoments& b) noexcept {
    return a.n_ == b.n_ && a.mean_x_ == b.mean_x_ && a.mean_y_ == b.mean_y_ && a.m2x_ == b.m2x_ &&
           a.m2y_ == b.m2y_ && a.cxy_ == b.cxy_;
  }
  friend bool operator!=(const comoments& a, const comoments& b) noexcept { return !(a == b); }

 private:
  std::uint64_t n_ = 0;
  double mean_x_ = 0.0;
  double mean_y_ = 0.0;
  double m2x_ = 0.0;
  double m2y_ = 0.0;
  double cxy_ = 0.0;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_MOMENTS_HPP
