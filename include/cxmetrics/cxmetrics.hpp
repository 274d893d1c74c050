// cxmetrics: customer-experience metrics with honest uncertainty. Umbrella header:
// includes every public header except the Boost.Accumulators adapter.
#ifndef CXMETRICS_CXMETRICS_HPP
#define CXMETRICS_CXMETRICS_HPP

#include <cxmetrics/core/box_scores.hpp>
#include <cxmetrics/core/compare_proportions.hpp>
#include <cxmetrics/core/describe.hpp>
#include <cxmetrics/core/estimate.hpp>
#include <cxmetrics/core/difference_test.hpp>
#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/core/mean_interval.hpp>
#include <cxmetrics/core/moments.hpp>
#include <cxmetrics/core/multiple_testing.hpp>
#include <cxmetrics/core/pearson_interval.hpp>
#include <cxmetrics/core/proportion_interval.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/core/scale.hpp>

#include <cxmetrics/consistency/beat_tracker.hpp>
#include <cxmetrics/consistency/control_rules.hpp>
#include <cxmetrics/consistency/cusum_chart.hpp>
#include <cxmetrics/consistency/ewma_chart.hpp>
#include <cxmetrics/consistency/predictability.hpp>
#include <cxmetrics/consistency/random_effects.hpp>
#include <cxmetrics/consistency/run_length.hpp>
#include <cxmetrics/consistency/shewhart_charts.hpp>
#include <cxmetrics/consistency/verdict.hpp>
#include <cxmetrics/consistency/windows.hpp>

#include <cxmetrics/gap/calibration.hpp>
#include <cxmetrics/gap/effect_size.hpp>
#include <cxmetrics/gap/importance_performance.hpp>
#include <cxmetrics/gap/paired_gap.hpp>
#include <cxmetrics/gap/perception_gap.hpp>
#include <cxmetrics/gap/rank_tests.hpp>
#include <cxmetrics/gap/servqual.hpp>
#include <cxmetrics/gap/t_tests.hpp>

#include <cxmetrics/io/chart_encoding.hpp>
#include <cxmetrics/io/encoding.hpp>
#include <cxmetrics/io/grouped_encoding.hpp>
#include <cxmetrics/io/parallel_add.hpp>

#include <cxmetrics/scoring/compare_nps.hpp>
#include <cxmetrics/scoring/csat.hpp>
#include <cxmetrics/scoring/nps.hpp>
#include <cxmetrics/scoring/sample_size.hpp>

#include <cxmetrics/segments/drivers.hpp>
#include <cxmetrics/segments/funnel.hpp>
#include <cxmetrics/segments/grouped.hpp>
#include <cxmetrics/segments/leaderboard.hpp>
#include <cxmetrics/segments/pareto.hpp>

#endif  // CXMETRICS_CXMETRICS_HPP
