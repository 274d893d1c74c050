// "Our NPS fell this month - is that real?" Compares the last four weeks of a survey
// export with the four before, with intervals, a signed test, and the sample size needed
// to see a 5-point change. Usage: nps_uncertainty [survey.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <algorithm>
#include <exception>
#include <iostream>
#include <string>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
  const auto rows = examples::read_columns(path, {"date", "nps_rating"});

  // ISO dates sort as text: the last 28 distinct days are "recent", the 28 before "previous".
  std::vector<std::string> days;
  for (const auto& row : rows) days.push_back(row[0]);
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  if (days.size() < 56) throw std::runtime_error("need at least 56 days of data");
  const std::string recent_from = days[days.size() - 28], previous_from = days[days.size() - 56];

  cx::nps_histogram previous, recent;
  for (const auto& row : rows) {
    if (row[0] >= recent_from) recent.add(std::stoi(row[1]));
    else if (row[0] >= previous_from) previous.add(std::stoi(row[1]));
  }

  std::cout.precision(3);
  for (const auto& [name, h] : {std::pair{"previous 4 weeks", &previous}, std::pair{"last 4 weeks", &recent}}) {
    const cx::nps_result r = cx::net_promoter_score(*h);
    std::cout << name << ": " << r << "\n"
              << "  95% adjusted-Wald interval " << cx::nps_interval(*h)
              << ", Wald " << cx::nps_interval(*h, 0.95, cx::nps_interval_method::wald) << "\n";
  }

  const cx::difference_test change = cx::compare_nps(recent, previous);
  std::cout << "\nchange (last - previous): " << change << "\n"
            << (change.p_value < 0.05 ? "  a real drop at the 5% level\n"
                                      : "  not distinguishable from noise at the 5% level\n");

  const cx::nps_result now = cx::net_promoter_score(recent);
  const cx::nps_planning current{now.promoter_share, now.detractor_share};
  const cx::nps_planning five_better{now.promoter_share + 0.05, now.detractor_share};
  std::cout << "\nplanning: " << cx::nps_sample_size(5.0, current)
            << " responses give a +-5 point interval; "
            << cx::nps_sample_size_per_group(five_better, current)
            << " per period detect a 5-point rise with 80% power\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "nps_uncertainty: " << e.what() << "\n";
  return 1;
}
