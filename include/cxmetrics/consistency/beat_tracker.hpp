// Beating a baseline, and keeping at it: counts above / equal / below, the beat rate, the
// mean margin, and streaks, for a stream of scores or a series of periods.
#ifndef CXMETRICS_CONSISTENCY_BEAT_TRACKER_HPP
#define CXMETRICS_CONSISTENCY_BEAT_TRACKER_HPP

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <vector>

#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/core/proportion_interval.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/core/box_scores.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct state_access;
}  // namespace detail

/// Tracks scores against a fixed `baseline` (an industry benchmark, a peer mean, last
/// quarter's score). A score beats the baseline when strictly above it. Streaks count
/// consecutive beats. Merging is ordered: `a += b` means b's scores came after a's.
class beat_tracker {
 public:
  friend struct detail::state_access;  // io/chart_encoding.hpp
  explicit beat_tracker(double baseline) : baseline_(baseline) { detail::check_finite(baseline, "baseline"); }

  /// Adds a score; throws `std::invalid_argument` when it is not finite.
  void add(double score) {
    detail::check_finite(score, "score");
    margins_.add(score - baseline_);
    if (score > baseline_) {
      ++above_;
      ++current_;
      if (all_above_) leading_ = current_;
    } else {
      (score == baseline_ ? equal_ : below_) += 1;
      current_ = 0;
      all_above_ = false;
    }
    longest_ = std::max(longest_, current_);
  }

  double baseline() const noexcept { return baseline_; }
  std::uint64_t count() const noexcept { return margins_.count(); }
  std::uint64_t above() const noexcept { return above_; }
  std::uint64_t equal() const noexcept { return equal_; }
  std::uint64_t below() const noexcept { return below_; }
  std::uint64_t current_streak() const noexcept { return current_; }  ///< beats ending at the last score
  std::uint64_t longest_streak() const noexcept { return longest_; }
  const moments& margins() const noexcept { return margins_; }       ///< score - baseline

  friend bool operator==(const beat_tracker& a, const beat_tracker& b) noexcept {
    return a.baseline_ == b.baseline_ && a.margins_ == b.margins_ && a.above_ == b.above_ && a.equal_ == b.equal_ &&
           a.below_ == b.below_ && a.current_ == b.current_ && a.longest_ == b.longest_ && a.leading_ == b.leading_ &&
           a.all_above_ == b.all_above_;
  }
  friend bool operator!=(const beat_tracker& a, const beat_tracker& b) noexcept { return !(a == b); }

  /// Appends `later`'s scores after this tracker's. Throws `std::invalid_argument` when
  /// the baselines differ.
  beat_tracker& operator+=(const beat_tracker& later) {
    if (later.baseline_ != baseline_)
      detail::throw_invalid_argument("cannot merge beat trackers with baselines " + detail::format_number(baseline_) +
                                     " and " + detail::format_number(later.baseline_));
    if (later.count() == 0) return *this;
    moments margins = margins_;
    margins += later.margins_;  // the only step that can fail: before anything changes
    const std::uint64_t joined = current_ + later.leading_;
    longest_ = std::max({longest_, later.longest_, joined});
    if (all_above_) leading_ = count() + later.leading_;
    current_ = later.all_above_ ? current_ + later.count() : later.current_;
    all_above_ = all_above_ && later.all_above_;
    above_ += later.above_;
    equal_ += later.equal_;
    below_ += later.below_;
    margins_ = margins;
    return *this;
  }

 private:
  double baseline_;
  moments margins_;
  std::uint64_t above_ = 0, equal_ = 0, below_ = 0;
  std::uint64_t current_ = 0, longest_ = 0, leading_ = 0;
  bool all_above_ = true;  // every score so far beat the baseline (true when empty)
};

/// Share of scores that beat the baseline, with a Wilson interval.
inline share_estimate beat_rate(const beat_tracker& t, double level = 0.95) {
  const auto n = static_cast<double>(t.count());
  const auto x = static_cast<double>(t.above());
  const interval ci = detail::checked_wilson_interval(x, n, level);  // throws insufficient_data at n = 0
  return {x / n, ci, n, level};
}

/// Mean margin (score - baseline) with a Student t interval; needs two scores.
inline mean_estimate mean_margin(const beat_tracker& t, double level = 0.95) {
  return mean_score(t.margins(), level);
}

/// The per-period view: which periods (days, weeks) beat the baseline.
struct period_beats_result {
  std::vector<double> scores;  ///< the period scores, in order
  std::vector<bool> beat;      ///< scores[i] > baseline
  share_estimate share_beating;
  std::uint64_t current_streak;
  std::uint64_t longest_streak;
};

/// Which of `period_scores` beat `baseline` (strictly above), the share beating it with a
/// Wilson interval at `level`, and the current and longest streaks. Throws
/// `insufficient_data` without any score, `std::invalid_argument` for a level outside (0, 1).
inline period_beats_result period_beats(const std::vector<double>& period_scores, double baseline, double level = 0.95) {
  beat_tracker t(baseline);
  period_beats_result r{period_scores, {}, {}, 0, 0};
  for (double s : period_scores) {
    t.add(s);
    r.beat.push_back(s > baseline);
  }
  r.share_beating = beat_rate(t, level);
  r.current_streak = t.current_streak();
  r.longest_streak = t.longest_streak();
  return r;
}

/// A peer baseline: the mean score of the units compared (agents, teams, sites).
inline double peer_baseline(const std::vector<double>& unit_scores) {
  moments m;
  m.add(unit_scores.begin(), unit_scores.end());
  return m.mean();  // insufficient_data without units
}

/// Deprecated name of `period_beats_result` (docs/conventions.md).
using period_beat_report [[deprecated("renamed period_beats_result")]] = period_beats_result;

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_BEAT_TRACKER_HPP
