// Forwarding header, kept so that existing includes keep working: the contents moved to
// <cxmetrics/core/box_scores.hpp>, where every pillar may use them. Deprecated: include the core
// header instead; this one will be removed in a future major version.
#ifndef CXMETRICS_SCORING_BOX_SCORES_HPP
#define CXMETRICS_SCORING_BOX_SCORES_HPP

#include <cxmetrics/core/box_scores.hpp>

#endif  // CXMETRICS_SCORING_BOX_SCORES_HPP
