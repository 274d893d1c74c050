// Tabular CUSUM chart (Page 1954; Montgomery, ch. 9), with optional fast initial response
// (Lucas and Crosier 1982).
#ifndef CXMETRICS_CONSISTENCY_CUSUM_CHART_HPP
#define CXMETRICS_CONSISTENCY_CUSUM_CHART_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct state_access;
}  // namespace detail

/// C+ = max(0, C+ + x - target - k sigma), C- = max(0, C- - x + target - k sigma), in data
/// units; a point signals when either exceeds h sigma (strictly). k and h are in units of
/// sigma (k = 0.5, h = 5 detect a one-sigma shift). `head_start` (in sigma units, e.g. h/2)
/// starts both sums there instead of 0: the fast initial response. `reset()` restarts them,
/// as is usual after a signal has been acted on.
class cusum_chart {
 public:
  friend struct detail::state_access;  // io/chart_encoding.hpp
  cusum_chart(double target, double sigma, double k = 0.5, double h = 5, double head_start = 0)
      : target_(target), sigma_(sigma), k_(k), h_(h), head_start_(head_start) {
    detail::check_finite(target, "target");
    if (!(sigma > 0.0) || !std::isfinite(sigma))
      detail::throw_invalid_argument("sigma " + detail::format_number(sigma) + " must be finite and positive");
    detail::check_non_negative(k, "k");
    if (!(h > 0.0) || !std::isfinite(h)) detail::throw_invalid_argument("h " + detail::format_number(h) + " must be finite and positive");
    if (!(head_start >= 0.0 && head_start < h))
      detail::throw_invalid_argument("head start " + detail::format_number(head_start) + " is outside [0, h)");
    reset();
  }

  /// Adds a point; true when C+ or C- is now above h sigma.
  bool update(double x) {
    detail::check_finite(x, "point");
    upper_ = std::max(0.0, upper_ + x - target_ - k_ * sigma_);
    lower_ = std::max(0.0, lower_ - x + target_ - k_ * sigma_);
    ++count_;
    const bool signal = upper_ > h_ * sigma_ || lower_ > h_ * sigma_;
    if (signal) ++signals_;
    return signal;
  }

  double upper() const noexcept { return upper_; }  ///< C+, in data units
  double lower() const noexcept { return lower_; }  ///< C-, in data units
  double decision_interval() const noexcept { return h_ * sigma_; }
  /// Points ever added; `reset()` does not restart it.
  std::uint64_t count() const noexcept { return count_; }

  // The parameters the chart was built with (k, h and the head start in sigma units).
  double target() const noexcept { return target_; }
  double sigma() const noexcept { return sigma_; }
  double k() const noexcept { return k_; }
  double h() const noexcept { return h_; }
  double head_start() const noexcept { return head_start_; }
  std::uint64_t signals() const noexcept { return signals_; }

  friend bool operator==(const cusum_chart& a, const cusum_chart& b) noexcept {
    return a.target_ == b.target_ && a.sigma_ == b.sigma_ && a.k_ == b.k_ && a.h_ == b.h_ &&
           a.head_start_ == b.head_start_ && a.upper_ == b.upper_ && a.lower_ == b.lower_ && a.count_ == b.count_ &&
           a.signals_ == b.signals_;
  }
  friend bool operator!=(const cusum_chart& a, const cusum_chart& b) noexcept { return !(a == b); }

  /// Restarts both sums at the head start.
  void reset() noexcept {
    upper_ = lower_ = head_start_ * sigma_;
  }

 private:
  double target_, sigma_, k_, h_, head_start_;
  double upper_ = 0.0, lower_ = 0.0;
  std::uint64_t count_ = 0, signals_ = 0;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_CUSUM_CHART_HPP
