// Quickstart: read a survey export, summarise the 0..10 "would you recommend" answers with
// their uncertainty. Usage: quickstart [survey.csv]   (default: the bundled sample export)
#include <cxmetrics/cxmetrics.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
  std::vector<int> ratings;
  for (const auto& row : examples::read_columns(path, {"nps_rating"})) ratings.push_back(std::stoi(row[0]));

  cx::rating_histogram<cx::nps_scale> h;
  h.add(ratings.begin(), ratings.end());  // validates every value; all or nothing

  std::printf("%llu responses from %s\n\n", static_cast<unsigned long long>(h.total()), path.c_str());
  for (int v = cx::nps_scale::min; v <= cx::nps_scale::max; ++v) {
    const double s = cx::share(h, v, v);
    std::printf("%3d | %-40s %5.1f%%\n", v, std::string(static_cast<std::size_t>(s * 200), '#').c_str(), 100 * s);
  }

  const auto n = static_cast<double>(h.total());
  const double promoters = static_cast<double>(h.count(9) + h.count(10));
  const cx::interval mean_ci = cx::mean_interval(h);
  const cx::interval promoter_ci = cx::proportion_interval(promoters, n);
  std::printf("\nmean rating      %.2f  95%% t interval [%.2f, %.2f]\n", cx::mean(h), mean_ci.lower,
              mean_ci.upper);
  std::printf("median (type 7)  %.1f, quartiles %.1f / %.1f\n", cx::quantile(h, 0.5),
              cx::quantile(h, 0.25), cx::quantile(h, 0.75));
  std::printf("promoters (9-10) %.1f%%  95%% Wilson [%.1f%%, %.1f%%]\n", 100 * cx::share(h, 9, 10),
              100 * promoter_ci.lower, 100 * promoter_ci.upper);
  std::printf("detractors (0-6) %.1f%%\n", 100 * cx::share(h, 0, 6));

  const cx::nps_result nps = cx::net_promoter_score(h);
  const cx::interval nps_ci = cx::nps_interval(h);  // adjusted Wald
  std::printf("NPS              %.1f  95%% interval [%.1f, %.1f], SE %.1f\n", nps.score, nps_ci.lower,
              nps_ci.upper, nps.standard_error);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "quickstart: %s\n", e.what());
  return 1;
}
