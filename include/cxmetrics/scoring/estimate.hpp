// Forwarding header, kept so that existing includes keep working: the contents moved to
// <cxmetrics/core/estimate.hpp>, where every pillar may use them. Deprecated: include the core
// header instead; this one will be removed in a future major version.
#ifndef CXMETRICS_SCORING_ESTIMATE_HPP
#define CXMETRICS_SCORING_ESTIMATE_HPP

#include <cxmetrics/core/estimate.hpp>

#endif  // CXMETRICS_SCORING_ESTIMATE_HPP
