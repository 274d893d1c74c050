// Exponentially weighted moving average chart (Roberts 1959; Montgomery, Introduction to
// Statistical Quality Control, ch. 9): small persistent shifts show up sooner than on a
// Shewhart chart.
#ifndef CXMETRICS_CONSISTENCY_EWMA_CHART_HPP
#define CXMETRICS_CONSISTENCY_EWMA_CHART_HPP

#include <cmath>
#include <cstdint>
#include <limits>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct state_access;
}  // namespace detail

/// z_t = lambda x_t + (1 - lambda) z_{t-1}, z_0 = target, with the exact time-varying limits
/// target +- L sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2t))). A point signals
/// when z_t is strictly outside them. With `reset_on_signal`, a signal restarts the chart
/// at the target (t = 0).
class ewma_chart {
 public:
  friend struct detail::state_access;  // io/chart_encoding.hpp
  ewma_chart(double target, double sigma, double lambda = 0.2, double L = 3, bool reset_on_signal = false)
      : target_(target), sigma_(sigma), lambda_(lambda), width_(L), reset_(reset_on_signal), value_(target) {
    detail::check_finite(target, "target");
    if (!(sigma > 0.0) || !std::isfinite(sigma))
      detail::throw_invalid_argument("sigma " + detail::format_number(sigma) + " must be finite and positive");
    if (!(lambda > 0.0 && lambda <= 1.0))
      detail::throw_invalid_argument("lambda " + detail::format_number(lambda) + " is outside (0, 1]");
    if (!(L > 0.0) || !std::isfinite(L))
      detail::throw_invalid_argument("L " + detail::format_number(L) + " must be finite and positive");
  }

  /// Adds a point; true when the EWMA is now outside its limits.
  bool update(double x) {
    detail::check_finite(x, "point");
    value_ = lambda_ * x + (1.0 - lambda_) * value_;
    ++t_;
    ++count_;
    const double half = current_half_width();
    lower_ = target_ - half;
    upper_ = target_ + half;
    const bool signal = value_ < lower_ || value_ > upper_;
    if (signal) ++signals_;
    if (signal && reset_) {
      value_ = target_;
      t_ = 0;
    }
    return signal;
  }

  double value() const noexcept { return value_; }  ///< z_t (the target before any point)
  double lower() const noexcept { return lower_; }  ///< limit at the last update
  double upper() const noexcept { return upper_; }
  /// Points ever added; a reset on signal does not restart it (docs/conventions.md). Until
  /// 0.2 it meant `points_since_reset()`.
  std::uint64_t count() const noexcept { return count_; }
  /// Points since construction or the last reset on signal: the t of the limits' formula.
  std::uint64_t points_since_reset() const noexcept { return t_; }
  std::uint64_t signals() const noexcept { return signals_; }

  // The parameters the chart was built with, so that a restored chart needs nothing else.
  double target() const noexcept { return target_; }
  double sigma() const noexcept { return sigma_; }
  double lambda() const noexcept { return lambda_; }
  double width() const noexcept { return width_; }  ///< L, the limits' width in sigma units
  bool reset_on_signal() const noexcept { return reset_; }

  friend bool operator==(const ewma_chart& a, const ewma_chart& b) noexcept {
    return a.target_ == b.target_ && a.sigma_ == b.sigma_ && a.lambda_ == b.lambda_ && a.width_ == b.width_ &&
           a.reset_ == b.reset_ && a.value_ == b.value_ && a.lower_ == b.lower_ && a.upper_ == b.upper_ &&
           a.t_ == b.t_ && a.count_ == b.count_ && a.signals_ == b.signals_;
  }
  friend bool operator!=(const ewma_chart& a, const ewma_chart& b) noexcept { return !(a == b); }

 private:
  // Half-width of the limits after t_ points (the decoder checks stored limits with it).
  double half_width() const { return half_width_with(std::pow(1.0 - lambda_, 2.0 * static_cast<double>(t_))); }
  double half_width_with(double decay) const {
    return width_ * sigma_ * std::sqrt(lambda_ / (2.0 - lambda_) * (1.0 - decay));
  }

  // The limits widen towards their asymptote; once 1 - (1 - lambda)^(2t) rounds to 1 they
  // stop changing (the decay only shrinks as t grows), so later points reuse them instead of
  // calling std::pow per point. The bits are exactly those of half_width().
  double current_half_width() {
    if (t_ >= steady_from_) return steady_half_;
    const double decay = std::pow(1.0 - lambda_, 2.0 * static_cast<double>(t_));
    const double half = half_width_with(decay);
    if (1.0 - decay == 1.0) {
      steady_from_ = t_;
      steady_half_ = half;
    }
    return half;
  }

  double target_, sigma_, lambda_, width_;
  bool reset_;
  double value_;
  double lower_ = target_, upper_ = target_;
  std::uint64_t t_ = 0, count_ = 0, signals_ = 0;
  // A cache, not state: equality and the encoding ignore it.
  std::uint64_t steady_from_ = std::numeric_limits<std::uint64_t>::max();
  double steady_half_ = 0.0;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_EWMA_CHART_HPP
