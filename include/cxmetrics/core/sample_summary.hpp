// n, mean and sample variance of a group, from moments or from a histogram, so that each
// two-sample statistic is written once for both. An implementation detail (namespace
// detail) kept in core/ because it reads core value types: detail/ stays the ground.
#ifndef CXMETRICS_CORE_SAMPLE_SUMMARY_HPP
#define CXMETRICS_CORE_SAMPLE_SUMMARY_HPP

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/moments.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

struct sample_summary {
  double n;
  double mean;
  double variance;
};

inline void require_two(double n, const char* group) {
  if (n < 2.0)
    throw_insufficient_data(std::string("the ") + group + " group needs at least 2 observations, got " +
                            format_number(n));
}

inline sample_summary summary_of(const moments& m, const char* group) {
  require_two(static_cast<double>(m.count()), group);
  return {static_cast<double>(m.count()), m.mean(), m.variance()};
}

template <class Scale, class Count>
sample_summary summary_of(const rating_histogram<Scale, Count>& h, const char* group) {
  require_two(static_cast<double>(h.total()), group);
  return {static_cast<double>(h.total()), mean(h), variance(h)};
}

// Survey weights: Kish's effective n, the weighted mean and the reliability-weights variance
// SS / (V1 - V2 / V1): the summary a design-effect-adjusted t test uses.
template <class Scale>
sample_summary summary_of(const weighted_histogram<Scale>& h, const char* group) {
  require_two(static_cast<double>(h.count()), group);
  const auto m = masses_of(h);
  return {m.v1 * (m.v1 / m.v2), mean(h), variance(h)};
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CORE_SAMPLE_SUMMARY_HPP
