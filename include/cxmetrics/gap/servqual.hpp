// SERVQUAL (Parasuraman, Zeithaml and Berry 1988, revised 1991): expectation and perception
// of 22 items in five dimensions on a 7-point scale; the gap is perception - expectation.
#ifndef CXMETRICS_GAP_SERVQUAL_HPP
#define CXMETRICS_GAP_SERVQUAL_HPP

#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/core/proportion_interval.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/core/box_scores.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {
struct state_access;
}  // namespace detail

enum class servqual_dimension { tangibles, reliability, responsiveness, assurance, empathy };
inline constexpr std::size_t servqual_dimension_count = 5;
using servqual_scale = likert_scale<7>;

inline const char* to_string(servqual_dimension d) noexcept {
  switch (d) {
    case servqual_dimension::tangibles: return "tangibles";
    case servqual_dimension::reliability: return "reliability";
    case servqual_dimension::responsiveness: return "responsiveness";
    case servqual_dimension::assurance: return "assurance";
    case servqual_dimension::empathy: return "empathy";
  }
  return "unknown";
}

/// The standard 22-item assignment: tangibles 1-4, reliability 5-9, responsiveness 10-13,
/// assurance 14-17, empathy 18-22.
inline std::vector<servqual_dimension> servqual_standard_items() {
  std::vector<servqual_dimension> items;
  const std::pair<servqual_dimension, int> layout[] = {
      {servqual_dimension::tangibles, 4}, {servqual_dimension::reliability, 5},
      {servqual_dimension::responsiveness, 4}, {servqual_dimension::assurance, 4},
      {servqual_dimension::empathy, 5}};
  for (const auto& [dimension, count] : layout) items.insert(items.end(), static_cast<std::size_t>(count), dimension);
  return items;
}

/// Importance points per dimension, a 100-point allocation (tangibles first).
using servqual_importance = std::array<double, servqual_dimension_count>;

/// Streaming SERVQUAL survey: per-item gaps, per-respondent dimension gaps, the unweighted
/// overall gap (the mean of the five dimension gaps), the importance-weighted overall gap
/// (points / 100, so it stays on the gap scale) when importance is given, and the number of
/// respondents whose overall perception meets or exceeds expectation. Mergeable.
class servqual_survey {
 public:
  friend struct detail::state_access;  // io/survey_encoding.hpp
  explicit servqual_survey(std::vector<servqual_dimension> items = servqual_standard_items(),
                           std::optional<servqual_importance> importance = std::nullopt)
      : items_(std::move(items)), importance_(importance), item_gaps_(items_.size()) {
    std::array<int, servqual_dimension_count> per_dimension{};
    for (auto d : items_) ++per_dimension[static_cast<std::size_t>(d)];
    for (std::size_t d = 0; d < servqual_dimension_count; ++d)
      if (per_dimension[d] == 0)
        detail::throw_invalid_argument(std::string("SERVQUAL dimension ") +
                                       to_string(static_cast<servqual_dimension>(d)) + " has no item");
    if (importance_) {
      double total = 0.0;
      for (double p : *importance_) {
        detail::check_non_negative(p, "importance points");
        total += p;
      }
      if (std::fabs(total - 100.0) > 1e-9)
        detail::throw_invalid_argument("importance points add up to " + detail::format_number(total) +
                                       ", not 100");
    }
  }

  /// Adds one respondent's expectation and perception ratings (1..7), one per item, in item
  /// order. All or nothing: a wrong length or an off-scale rating throws and adds nothing.
  void add(const std::vector<int>& expectations, const std::vector<int>& perceptions) {
    if (expectations.size() != items_.size() || perceptions.size() != items_.size())
      detail::throw_invalid_argument("a SERVQUAL response needs " + std::to_string(items_.size()) +
                                     " expectations and perceptions, got " + std::to_string(expectations.size()) +
                                     " and " + std::to_string(perceptions.size()));
    std::array<double, servqual_dimension_count> sums{}, counts{};
    std::vector<double> gaps(items_.size());
    for (std::size_t i = 0; i < items_.size(); ++i) {
      gaps[i] = static_cast<double>(rating<servqual_scale>(perceptions[i]).value() -
                                    rating<servqual_scale>(expectations[i]).value());
      sums[static_cast<std::size_t>(items_[i])] += gaps[i];
      counts[static_cast<std::size_t>(items_[i])] += 1.0;
    }
    double overall = 0.0, weighted = 0.0;
    for (std::size_t d = 0; d < servqual_dimension_count; ++d) {
      const double gap = sums[d] / counts[d];
      dimension_gaps_[d].add(gap);
      overall += gap / static_cast<double>(servqual_dimension_count);
      if (importance_) weighted += (*importance_)[d] / 100.0 * gap;
    }
    for (std::size_t i = 0; i < items_.size(); ++i) item_gaps_[i].add(gaps[i]);
    overall_.add(overall);
    if (importance_) weighted_overall_.add(weighted);
    if (overall >= 0.0) ++meeting_;
  }

  std::uint64_t count() const noexcept { return overall_.count(); }
  bool empty() const noexcept { return overall_.empty(); }
  const std::vector<servqual_dimension>& items() const noexcept { return items_; }
  const std::optional<servqual_importance>& importance() const noexcept { return importance_; }
  const std::vector<moments>& item_gaps() const noexcept { return item_gaps_; }
  const moments& dimension_gaps(servqual_dimension d) const { return dimension_gaps_[static_cast<std::size_t>(d)]; }
  const moments& overall_gaps() const noexcept { return overall_; }
  const moments& weighted_overall_gaps() const noexcept { return weighted_overall_; }
  /// Respondents whose unweighted overall gap is >= 0.
  std::uint64_t meeting_expectations() const noexcept { return meeting_; }

  /// Same items and importance, and equal gaps and counts.
  friend bool operator==(const servqual_survey& a, const servqual_survey& b) {
    return a.items_ == b.items_ && a.importance_ == b.importance_ && a.item_gaps_ == b.item_gaps_ &&
           a.dimension_gaps_ == b.dimension_gaps_ && a.overall_ == b.overall_ &&
           a.weighted_overall_ == b.weighted_overall_ && a.meeting_ == b.meeting_;
  }
  friend bool operator!=(const servqual_survey& a, const servqual_survey& b) { return !(a == b); }

  /// Merge; both surveys must use the same items and importance.
  servqual_survey& operator+=(const servqual_survey& other) {
    if (items_ != other.items_ || importance_ != other.importance_)
      detail::throw_invalid_argument("cannot merge SERVQUAL surveys with different items or importance");
    for (std::size_t i = 0; i < item_gaps_.size(); ++i) item_gaps_[i] += other.item_gaps_[i];
    for (std::size_t d = 0; d < servqual_dimension_count; ++d) dimension_gaps_[d] += other.dimension_gaps_[d];
    overall_ += other.overall_;
    weighted_overall_ += other.weighted_overall_;
    meeting_ += other.meeting_;
    return *this;
  }

 private:
  std::vector<servqual_dimension> items_;
  std::optional<servqual_importance> importance_;
  std::vector<moments> item_gaps_;
  std::array<moments, servqual_dimension_count> dimension_gaps_{};
  moments overall_, weighted_overall_;
  std::uint64_t meeting_ = 0;
};

/// The summary of a SERVQUAL survey: every gap with its t interval (across respondents) at one level.
struct servqual_summary {
  std::vector<double> item_gaps;                                   ///< mean P - E per item
  std::array<mean_estimate, servqual_dimension_count> dimensions;  ///< tangibles first
  mean_estimate overall;                                           ///< unweighted
  std::optional<mean_estimate> weighted_overall;                   ///< when importance was given
  share_estimate meets_expectations;                               ///< Wilson interval

  friend std::ostream& operator<<(std::ostream& os, const servqual_summary& r) {
    for (std::size_t d = 0; d < servqual_dimension_count; ++d)
      os << to_string(static_cast<servqual_dimension>(d)) << " gap " << r.dimensions[d] << "\n";
    os << "overall gap " << r.overall << "\n";
    if (r.weighted_overall) os << "importance-weighted gap " << *r.weighted_overall << "\n";
    return os << "meeting or exceeding expectations " << r.meets_expectations;
  }
};

/// The summary of a survey. Throws `insufficient_data` with fewer than two respondents.
inline servqual_summary summarize(const servqual_survey& survey, double level = 0.95) {
  detail::check_level(level);
  detail::require_count(survey.count(), 2, "a SERVQUAL report");
  servqual_summary r{};
  for (const auto& m : survey.item_gaps()) r.item_gaps.push_back(m.mean());
  for (std::size_t d = 0; d < servqual_dimension_count; ++d)
    r.dimensions[d] = mean_score(survey.dimension_gaps(static_cast<servqual_dimension>(d)), level);
  r.overall = mean_score(survey.overall_gaps(), level);
  if (survey.importance()) r.weighted_overall = mean_score(survey.weighted_overall_gaps(), level);
  const auto n = static_cast<double>(survey.count());
  const auto meeting = static_cast<double>(survey.meeting_expectations());
  r.meets_expectations = {meeting / n, detail::checked_wilson_interval(meeting, n, level), n, level};
  return r;
}

/// Deprecated name of `servqual_summary` (what `summarize()` returns is a `_summary`).
using servqual_report [[deprecated("renamed servqual_summary")]] = servqual_summary;

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_SERVQUAL_HPP
