// Recent-history windows over ratings: the exact last N ratings, a ring of per-period
// histograms, and an exponentially decayed histogram.
#ifndef CXMETRICS_CONSISTENCY_WINDOWS_HPP
#define CXMETRICS_CONSISTENCY_WINDOWS_HPP

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// The exact histogram of the last `capacity` ratings: O(1) per update, O(points) to read.
template <class Scale>
class rating_window {
 public:
  explicit rating_window(std::size_t capacity) : ring_(capacity) {
    if (capacity == 0) detail::throw_invalid_argument("a rating window needs a capacity of at least 1");
  }

  /// Adds a rating (validated), dropping the oldest once the window is full.
  void add(int value) {
    const rating<Scale> r(value);
    if (size_ == ring_.size()) --counts_[index(ring_[next_])];
    else ++size_;
    ring_[next_] = r.value();
    ++counts_[index(r.value())];
    next_ = (next_ + 1) % ring_.size();
  }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return ring_.size(); }
  /// The histogram of the ratings now in the window.
  rating_histogram<Scale> histogram() const { return rating_histogram<Scale>::from_counts(counts_); }

 private:
  static std::size_t index(int value) noexcept { return static_cast<std::size_t>(value - Scale::min); }
  std::vector<int> ring_;
  typename rating_histogram<Scale>::counts_type counts_{};
  std::size_t size_ = 0, next_ = 0;
};

/// A ring of per-period histograms (e.g. the last 30 days): ratings go to the current
/// period; `advance()` opens a new one and drops the oldest.
template <class Scale>
class period_ring {
 public:
  explicit period_ring(std::size_t periods) : ring_(periods) {
    if (periods == 0) detail::throw_invalid_argument("a period ring needs at least 1 period");
  }

  void add(int value) { ring_[current_].add(value); }
  void add(rating<Scale> r) { ring_[current_].add(r); }
  const rating_histogram<Scale>& current() const noexcept { return ring_[current_]; }

  /// Starts the next period, forgetting the oldest.
  void advance() noexcept {
    current_ = (current_ + 1) % ring_.size();
    ring_[current_].clear();
    if (filled_ < ring_.size()) ++filled_;
  }

  /// The periods held, oldest first, the current one last.
  std::vector<rating_histogram<Scale>> periods() const {
    std::vector<rating_histogram<Scale>> out;
    const std::size_t n = filled_ + 1 > ring_.size() ? ring_.size() : filled_ + 1;
    for (std::size_t k = n; k-- > 0;) out.push_back(ring_[(current_ + ring_.size() - k) % ring_.size()]);
    return out;
  }

  /// All periods merged.
  rating_histogram<Scale> window() const {
    rating_histogram<Scale> all;
    for (const auto& h : ring_) all += h;
    return all;
  }

 private:
  std::vector<rating_histogram<Scale>> ring_;
  std::size_t current_ = 0, filled_ = 0;
};

/// An exponentially decayed histogram: each new rating has weight 1 and every older one is
/// multiplied by 2^(-1 / half_life), so a rating `half_life` ratings old counts half.
/// `histogram()` is a `weighted_histogram`, so mean, intervals and NPS apply, with Kish's
/// effective n of the decay weights, which tends to (2 - lambda) / lambda for
/// lambda = 1 - 2^(-1 / half_life).
template <class Scale>
class decayed_histogram {
 public:
  explicit decayed_histogram(double half_life) {
    detail::check_positive(half_life, "half-life");
    factor_ = std::exp2(-1.0 / half_life);
  }

  void add(int value) {
    const rating<Scale> r(value);
    histogram_.decay(factor_);
    histogram_.add(r, 1.0);
  }

  double lambda() const noexcept { return 1.0 - factor_; }
  const weighted_histogram<Scale>& histogram() const noexcept { return histogram_; }

 private:
  double factor_ = 1.0;
  weighted_histogram<Scale> histogram_;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_WINDOWS_HPP
