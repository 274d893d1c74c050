// Forwarding header, kept so that existing includes keep working: the contents moved to
// <cxmetrics/core/compare_proportions.hpp>, where every pillar may use them. Deprecated: include the core
// header instead; this one will be removed in a future major version.
#ifndef CXMETRICS_SCORING_COMPARE_PROPORTIONS_HPP
#define CXMETRICS_SCORING_COMPARE_PROPORTIONS_HPP

#include <cxmetrics/core/compare_proportions.hpp>

#endif  // CXMETRICS_SCORING_COMPARE_PROPORTIONS_HPP
