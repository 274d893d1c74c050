// cxmetrics: customer-experience metrics with honest uncertainty. Umbrella header:
// includes every public header except the Boost.Accumulators adapter.
#ifndef CXMETRICS_CXMETRICS_HPP
#define CXMETRICS_CXMETRICS_HPP

#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/core/pearson_interval.hpp>
#include <cxmetrics/core/proportion_interval.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/core/scale.hpp>

#endif  // CXMETRICS_CXMETRICS_HPP
