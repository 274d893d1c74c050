// CSAT, CES and a Likert item per channel from a post-contact survey, each with its
// interval, and whether the best and worst channels really differ.
// Usage: csat_ces [support_survey.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SUPPORT_DATA;
  std::map<std::string, cx::rating_histogram<cx::csat_scale>> csat;
  std::map<std::string, cx::rating_histogram<cx::ces_scale>> ces;
  std::map<std::string, cx::rating_histogram<cx::likert_scale<7>>> understood;
  for (const auto& row : examples::read_columns(path, {"channel", "csat", "ces", "understood"})) {
    csat[row[0]].add(std::stoi(row[1]));
    ces[row[0]].add(std::stoi(row[2]));
    understood[row[0]].add(std::stoi(row[3]));
  }
  std::cout.precision(3);
  for (const auto& [channel, h] : csat) {
    std::cout << channel << "\n  " << cx::customer_satisfaction_score(h) << "\n  " << cx::customer_effort_score(ces[channel])
              << "\n  \"the agent understood my problem\": top-2 box " << cx::top_box(understood[channel], 2)
              << ", bottom-3 box " << cx::bottom_box(understood[channel], 3) << "\n";
  }
  // Top-2 box CSAT, chat vs email: is the gap real?
  const cx::share_estimate chat = cx::top_box(csat["chat"]), email = cx::top_box(csat["email"]);
  std::cout << "\nCSAT top-2 box, chat - email: "
            << cx::compare_proportions(chat.estimate * chat.n, chat.n, email.estimate * email.n, email.n) << "\n"
            << "responses for a +-3 point CSAT interval: " << cx::proportion_sample_size(0.03, chat.estimate) << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "csat_ces: " << e.what() << "\n";
  return 1;
}
