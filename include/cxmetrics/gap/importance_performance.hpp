// Importance-performance analysis (Martilla and James 1977): where to act, where effort is
// possibly wasted.
#ifndef CXMETRICS_GAP_IMPORTANCE_PERFORMANCE_HPP
#define CXMETRICS_GAP_IMPORTANCE_PERFORMANCE_HPP

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

enum class ipa_quadrant {
  concentrate_here,       ///< important, performing below the crosshair
  keep_up_the_good_work,  ///< important, performing at or above
  low_priority,           ///< less important, performing below
  possible_overkill       ///< less important, performing at or above
};

inline const char* to_string(ipa_quadrant q) noexcept {
  switch (q) {
    case ipa_quadrant::concentrate_here: return "concentrate here";
    case ipa_quadrant::keep_up_the_good_work: return "keep up the good work";
    case ipa_quadrant::low_priority: return "low priority";
    case ipa_quadrant::possible_overkill: return "possible overkill";
  }
  return "unknown";
}

/// One attribute: its importance (stated, e.g. a mean 1..7 rating, or derived, see
/// `derived_importance`) and its performance (e.g. the mean satisfaction rating).
struct ipa_attribute {
  std::string name;
  double importance;
  double performance;
};

/// Where the quadrant lines cross.
struct ipa_crosshairs {
  double importance;
  double performance;
};

struct ipa_point {
  std::string name;
  double importance;
  double performance;
  ipa_quadrant quadrant;
};

struct ipa_result {
  ipa_crosshairs crosshairs;
  std::vector<ipa_point> points;  ///< in input order

  friend std::ostream& operator<<(std::ostream& os, const ipa_result& r) {
    os << "crosshairs: importance " << r.crosshairs.importance << ", performance " << r.crosshairs.performance;
    for (const auto& p : r.points)
      os << "\n" << p.name << ": importance " << p.importance << ", performance " << p.performance << " -> "
         << to_string(p.quadrant);
    return os;
  }
};

/// Derived importance: the correlation of an attribute's rating with overall satisfaction
/// over the same respondents (Pearson's r of the pairs).
inline double derived_importance(const comoments& attribute_vs_overall) { return attribute_vs_overall.pearson(); }

/// The midpoint of a rating scale, a common fixed crosshair (4 on 1..7).
template <class Scale>
constexpr double scale_midpoint() noexcept {
  return (Scale::min + Scale::max) / 2.0;
}

/// Places each attribute in a quadrant. Crosshairs default to the data means (the mean
/// importance and mean performance of the attributes); pass fixed ones (e.g. scale
/// midpoints) to use those. Ties rule: a value equal to a crosshair counts as high.
/// Throws `insufficient_data` without attributes and `std::invalid_argument` for a
/// non-finite value.
inline ipa_result importance_performance(const std::vector<ipa_attribute>& attributes,
                                         std::optional<ipa_crosshairs> crosshairs = std::nullopt) {
  if (attributes.empty()) detail::throw_insufficient_data("importance-performance analysis needs attributes");
  double importance_sum = 0.0, performance_sum = 0.0;
  for (const auto& a : attributes) {
    detail::check_finite(a.importance, ("importance of " + a.name).c_str());
    detail::check_finite(a.performance, ("performance of " + a.name).c_str());
    importance_sum += a.importance;
    performance_sum += a.performance;
  }
  const auto n = static_cast<double>(attributes.size());
  ipa_result r{crosshairs.value_or(ipa_crosshairs{importance_sum / n, performance_sum / n}), {}};
  for (const auto& a : attributes) {
    const bool important = a.importance >= r.crosshairs.importance;
    const bool performing = a.performance >= r.crosshairs.performance;
    const ipa_quadrant q = important ? (performing ? ipa_quadrant::keep_up_the_good_work : ipa_quadrant::concentrate_here)
                                     : (performing ? ipa_quadrant::possible_overkill : ipa_quadrant::low_priority);
    r.points.push_back({a.name, a.importance, a.performance, q});
  }
  return r;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_GAP_IMPORTANCE_PERFORMANCE_HPP
