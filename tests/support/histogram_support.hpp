// Builds histograms from the count lists stored in the reference JSON files.
#ifndef CXMETRICS_TESTS_HISTOGRAM_SUPPORT_HPP
#define CXMETRICS_TESTS_HISTOGRAM_SUPPORT_HPP

#include <cstdint>

#include <cxmetrics/core/histogram.hpp>
#include <nlohmann/json.hpp>

namespace cxtest {

/// A histogram on Scale from a JSON array of counts, index 0 being Scale::min.
template <class Scale>
cxmetrics::rating_histogram<Scale> histogram_of(const nlohmann::json& counts) {
  cxmetrics::rating_histogram<Scale> h;
  for (int i = 0; i < Scale::points; ++i)
    h.add_count(Scale::min + i, counts.at(static_cast<std::size_t>(i)).get<std::uint64_t>());
  return h;
}

}  // namespace cxtest

#endif  // CXMETRICS_TESTS_HISTOGRAM_SUPPORT_HPP
