// "Better than average, all the time?" Daily mean ratings watched by EWMA and CUSUM charts
// calibrated on the first six weeks, weekly NPS judged against a benchmark, and the
// predictability of the last 28 days. Usage: consistency_monitor [survey.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
  std::map<std::string, cx::nps_histogram> by_day;  // ISO dates sort in time order
  for (const auto& row : examples::read_columns(path, {"date", "nps_rating"})) by_day[row[0]].add(std::stoi(row[1]));

  std::vector<std::string> days;
  std::vector<double> daily_mean, weekly_nps, weekly_se;
  cx::nps_histogram week;
  cx::period_ring<cx::nps_scale> last_28_days(28);
  for (const auto& [day, h] : by_day) {
    days.push_back(day);
    daily_mean.push_back(cx::mean(h));
    week += h;
    if (days.size() % 7 == 0) {
      const cx::nps_result r = cx::net_promoter_score(week);
      weekly_nps.push_back(r.score);
      weekly_se.push_back(r.standard_error);
      week.clear();
    }
    last_28_days.advance();
    for (int v = 0; v <= 10; ++v)
      for (std::uint64_t i = 0; i < h.count(v); ++i) last_28_days.add(v);
  }
  std::cout.precision(3);

  // Phase I: the first 42 days set the target and sigma (individuals chart).
  const std::vector<double> baseline_days(daily_mean.begin(), daily_mean.begin() + 42);
  const cx::individuals_chart_result phase1 = cx::individuals_limits(baseline_days);
  std::cout << "Daily mean rating, phase I (42 days): centre " << phase1.center << ", sigma " << phase1.sigma << "\n";
  cx::ewma_chart ewma(phase1.center, phase1.sigma, 0.2, 3.0);
  cx::cusum_chart cusum(phase1.center, phase1.sigma, 0.5, 5.0);
  bool ewma_seen = false, cusum_seen = false;
  for (std::size_t d = 42; d < daily_mean.size(); ++d) {
    if (ewma.update(daily_mean[d]) && !ewma_seen) {
      ewma_seen = true;
      std::cout << "  EWMA signals on " << days[d] << ": " << ewma.value() << " below " << ewma.lower() << "\n";
    }
    if (cusum.update(daily_mean[d]) && !cusum_seen) {
      cusum_seen = true;
      std::cout << "  CUSUM signals on " << days[d] << ": C- = " << cusum.lower() << " > " << cusum.decision_interval() << "\n";
    }
  }

  const double benchmark = -12.0;  // an industry-average NPS, say
  std::cout << "\nWeekly NPS:";
  for (double s : weekly_nps) std::cout << " " << s;
  const cx::period_beats_result beats = cx::period_beats(weekly_nps, benchmark);
  std::cout << "\nweeks beating the benchmark " << benchmark << ": " << beats.share_beating
            << ", longest streak " << beats.longest_streak << ", current " << beats.current_streak << "\n"
            // With each week's standard error, the verdict separates true week-to-week variation
            // from sampling noise (random effects): docs/decisions.md gives its error rates.
            << cx::consistently_better_than(weekly_nps, weekly_se, benchmark) << "\n";

  const cx::nps_histogram recent = last_28_days.window();
  std::cout << "\nLast 28 days: " << cx::net_promoter_score(recent) << "\n  predictability around 8 +- 1: "
            << cx::predictability(recent, 8.0, 1.0) << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "consistency_monitor: " << e.what() << "\n";
  return 1;
}
