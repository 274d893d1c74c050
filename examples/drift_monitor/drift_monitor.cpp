// Streaming alerts: responses arrive one at a time; at each day boundary the day's mean
// rating goes to an EWMA chart, a CUSUM chart and the Nelson rules, all calibrated on the
// first 28 days. Usage: drift_monitor [survey.csv]   (rows in time order)
#include <cxmetrics/cxmetrics.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
  const std::size_t calibration_days = 28;
  const auto rules = cx::nelson_rule_set();
  std::vector<double> baseline;
  std::optional<cx::individuals_chart_result> limits;
  std::optional<cx::ewma_chart> ewma;  // all three wait for the phase-I limits
  std::optional<cx::cusum_chart> cusum;
  std::optional<cx::rule_monitor> nelson;
  std::vector<int> was_firing;
  std::string first_alert;
  int alerts = 0;
  auto alert = [&](const std::string& day) {  // the caller prints the rest, so printf checks its format
    if (first_alert.empty()) first_alert = day;
    ++alerts;
    std::printf("ALERT %s ", day.c_str());
  };

  auto close_day = [&](const std::string& day, const cx::nps_histogram& h) {
    const double x = cx::mean(h);
    if (!limits) {  // phase I: collect, then fix centre and sigma once
      baseline.push_back(x);
      if (baseline.size() < calibration_days) return;
      limits = cx::individuals_limits(baseline);
      std::printf("Calibrated on %zu days to %s: centre %.3f, sigma %.3f, %zu calibration day(s) beyond 3 sigma\n",
                  baseline.size(), day.c_str(), limits->center, limits->sigma, limits->beyond_limits.size());
      ewma.emplace(limits->center, limits->sigma, 0.2, 3.0);
      cusum.emplace(limits->center, limits->sigma, 0.5, 5.0);
      nelson.emplace(limits->center, limits->sigma, rules);
      return;
    }
    // After an alert both charts restart at the centre, as if it had been acted on, so a
    // lasting dip raises a fresh alert each time it is confirmed rather than one a day.
    if (ewma->update(x)) {
      alert(day), std::printf("EWMA: daily mean %.2f takes the EWMA to %.3f, outside [%.3f, %.3f]\n", x,
                              ewma->value(), ewma->lower(), ewma->upper());
      ewma.emplace(limits->center, limits->sigma, 0.2, 3.0);
    }
    if (cusum->update(x)) {
      alert(day), std::printf("CUSUM: C- %.3f (C+ %.3f) above h sigma = %.3f\n", cusum->lower(), cusum->upper(),
                              cusum->decision_interval());
      cusum->reset();
    }
    // A run rule keeps firing while its pattern lasts: alert when it starts, not every day.
    const std::vector<int> firing = nelson->update(x);
    for (int id : firing)
      if (std::find(was_firing.begin(), was_firing.end(), id) == was_firing.end())
        alert(day), std::printf("Nelson rule %d (%s): daily mean %.2f, %+.1f sigma from centre %.3f\n", id,
                              rules[id - 1].description.c_str(), x, (x - limits->center) / limits->sigma, limits->center);
    was_firing = firing;
  };

  std::string day;
  cx::nps_histogram today;
  std::size_t responses = 0, days = 0;
  for (const auto& row : examples::read_columns(path, {"date", "nps_rating"})) {
    if (row[0] != day && today.total() > 0) close_day(day, today), today.clear(), ++days;
    day = row[0];
    today.add(std::stoi(row[1]));
    ++responses;
  }
  if (today.total() > 0) close_day(day, today), ++days;  // the stream ends: close the last day

  std::printf("\n%zu responses over %zu days, %d alert(s); %s\n", responses, days, alerts,
              first_alert.empty() ? "no alert" : ("first alert on " + first_alert).c_str());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "drift_monitor: %s\n", e.what());
  return 1;
}
