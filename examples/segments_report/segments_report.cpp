// Per-agent recognition that small samples cannot distort, where complaints come from and
// what changed, and which attributes drive the overall score.
// Usage: segments_report [agent_csat.csv complaint_reasons.csv driver_survey.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const bool given = argc > 3;
  const std::string agents_csv = given ? argv[1] : CXMETRICS_AGENT_DATA;
  const std::string reasons_csv = given ? argv[2] : CXMETRICS_REASON_DATA;
  const std::string drivers_csv = given ? argv[3] : CXMETRICS_DRIVER_DATA;
  std::cout.precision(3);

  cx::grouped<std::string, cx::rating_histogram<cx::csat_scale>> by_agent;
  for (const auto& row : examples::read_columns(agents_csv, {"agent", "csat"})) by_agent.add(row[0], std::stoi(row[1]));
  std::string best_raw;
  double best_mean = 0.0;
  for (const auto& [agent, h] : by_agent.sorted())
    if (cx::mean(h) > best_mean) best_mean = cx::mean(h), best_raw = agent;
  std::cout << "Highest raw mean: " << best_raw << " (" << best_mean << " from " << by_agent.find(best_raw)->total()
            << " responses)\n\nFair leaderboard: Wilson lower bound of the top-2 box (4-5), at least 1 response\n"
            << cx::rank_agents(by_agent) << "\n\n";

  std::map<std::string, std::map<std::string, std::uint64_t>> by_month;
  for (const auto& row : examples::read_columns(reasons_csv, {"month", "reason"})) ++by_month[row[0]][row[1]];
  const auto& before = by_month.begin()->second;
  const auto& after = by_month.rbegin()->second;
  std::cout << "Complaint reasons, " << by_month.rbegin()->first << " (* the vital few up to 80%)\n" << cx::pareto(after)
            << "\n\nChange in share since " << by_month.begin()->first << " (Holm-adjusted)\n";
  for (const auto& c : cx::compare_reason_shares(after, before))  // the later month first
    std::cout << "  " << c.reason << ": " << 100 * c.share_second << "% -> " << 100 * c.share_first << "%, adjusted p "
              << c.adjusted_p_value << (c.higher_in_first ? "  GREW" : c.lower_in_first ? "  SHRANK" : "") << "\n";

  using attribute_vs_overall = cx::joint_histogram<cx::csat_scale, cx::nps_scale>;
  const std::vector<std::string> names{"speed", "friendliness", "resolution"};
  std::vector<std::pair<std::string, attribute_vs_overall>> attributes;
  for (const auto& n : names) attributes.emplace_back(n, attribute_vs_overall{});
  std::vector<std::vector<cx::comoments>> pairs(3, std::vector<cx::comoments>(3));
  cx::comoments temperature_vs_friendliness;
  for (const auto& row : examples::read_columns(drivers_csv, {"speed", "friendliness", "resolution", "overall", "office_temperature"})) {
    for (std::size_t i = 0; i < 3; ++i) {
      attributes[i].second.add(std::stoi(row[i]), std::stoi(row[3]));
      for (std::size_t j = 0; j < 3; ++j) pairs[i][j].add(std::stod(row[i]), std::stod(row[j]));
    }
    temperature_vs_friendliness.add(std::stod(row[4]), std::stod(row[1]));
  }
  std::cout << "\nKey drivers of the overall rating (Pearson r with 95% Fisher interval, Spearman rho)\n";
  for (const auto& d : cx::rank_key_drivers(attributes))
    std::cout << "  " << d.attribute << ": r = " << d.pearson << " " << d.pearson_ci << ", rho = " << d.spearman << "\n";
  std::vector<std::vector<double>> rxx(3, std::vector<double>(3));
  std::vector<double> rxy;
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) rxx[i][j] = i == j ? 1.0 : pairs[i][j].pearson();
    rxy.push_back(cx::pearson(attributes[i].second));
  }
  const cx::relative_weights_result rw = cx::relative_weights(rxx, rxy);
  std::cout << "Relative weights (Johnson), R^2 = " << rw.r_squared << ":";
  for (std::size_t i = 0; i < 3; ++i) std::cout << " " << names[i] << " " << 100 * rw.shares[i] << "%";
  std::cout << "\nOffice temperature vs friendliness: r = " << temperature_vs_friendliness.pearson() << " "
            << cx::pearson_interval(temperature_vs_friendliness) << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "segments_report: " << e.what() << "\n";
  return 1;
}
