// Quickstart: read a survey export, summarise the 0..10 "would you recommend" answers with
// their uncertainty. Usage: quickstart [survey.csv]   (default: the bundled sample export)
#include <cxmetrics/cxmetrics.hpp>

#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cx = cxmetrics;

// The rating column of a simple comma-separated export (no quoted fields).
static std::vector<int> read_ratings(const std::string& path, const std::string& column) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line, field;
  std::getline(in, line);
  std::istringstream header(line);
  int index = -1;
  for (int i = 0; std::getline(header, field, ','); ++i)
    if (field == column) index = i;
  if (index < 0) throw std::runtime_error(path + " has no column '" + column + "'");
  std::vector<int> ratings;
  while (std::getline(in, line)) {
    std::istringstream row(line);
    for (int i = 0; i <= index; ++i) std::getline(row, field, ',');
    ratings.push_back(std::stoi(field));
  }
  return ratings;
}

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
  const std::vector<int> ratings = read_ratings(path, "nps_rating");

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
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "quickstart: %s\n", e.what());
  return 1;
}
