// "Which agents really differ from the team?" A funnel plot of every agent's NPS against
// the team's, with limits that allow for ordinary between-agent variation (Spiegelhalter
// 2005), and month-on-month changes screened with a false discovery rate.
// Usage: agent_funnel [survey.csv]   (columns: date, agent, nps_rating)
#include <cxmetrics/cxmetrics.hpp>

#include <exception>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_SAMPLE_DATA;
  std::map<std::string, cx::nps_histogram> by_agent;
  std::map<std::string, std::map<std::string, cx::nps_histogram>> by_agent_month;  // agent -> YYYY-MM
  for (const auto& row : examples::read_columns(path, {"date", "agent", "nps_rating"})) {
    by_agent[row[1]].add(std::stoi(row[2]));
    by_agent_month[row[1]][row[0].substr(0, 7)].add(std::stoi(row[2]));
  }

  std::vector<std::string> agents;
  std::vector<cx::nps_histogram> histograms;
  for (const auto& [agent, h] : by_agent) {
    agents.push_back(agent);
    histograms.push_back(h);
  }
  // Limits at 99.8%: an agent who is really at the team's level is flagged 1 time in 500.
  const cx::funnel_result f = cx::nps_funnel(histograms);
  std::cout << std::fixed << std::setprecision(1) << "Team NPS " << f.target << "; overdispersion phi "
            << f.phi << ", between-agent SD " << std::sqrt(f.tau2) << " points\n\n"
            << "agent        n     NPS   99.8% limits      z\n";
  for (std::size_t i = 0; i < agents.size(); ++i) {
    const cx::funnel_unit& u = f.units[i];
    std::cout << std::left << std::setw(10) << agents[i] << std::right << std::setw(5) << histograms[i].total()
              << std::setw(8) << u.value << "  [" << std::setw(5) << u.limits.lower << ", " << std::setw(5)
              << u.limits.upper << "] " << std::setw(6) << std::setprecision(2) << u.z << std::setprecision(1)
              << (u.outside ? "  <- outside" : "") << "\n";
  }
  std::cout << f.outside().size() << " of " << agents.size() << " agents outside the funnel\n";

  // Last month against the one before, per agent: a false discovery rate of 10% among the
  // agents called "changed" (Benjamini-Hochberg), rather than 10 tests at 5% each.
  std::vector<std::string> tested;
  std::vector<double> p_values, changes;
  for (const auto& [agent, months] : by_agent_month) {
    if (months.size() < 2) continue;
    const auto last = std::prev(months.end()), before = std::prev(last);
    if (last->second.total() < 2 || before->second.total() < 2) continue;
    const cx::difference_test t = cx::compare_nps(last->second, before->second);
    tested.push_back(agent + " " + before->first + " -> " + last->first);
    p_values.push_back(t.p_value);
    changes.push_back(t.difference);
  }
  const std::vector<double> adjusted = cx::benjamini_hochberg_adjust(p_values);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < tested.size(); ++i)
    if (adjusted[i] <= 0.10) {
      ++changed;
      std::cout << "  changed: " << tested[i] << " by " << changes[i] << " (BH-adjusted p " << std::setprecision(3) << adjusted[i]
                << std::setprecision(1) << ")\n";
    }
  std::cout << changed << " of " << tested.size() << " agents changed month on month at a 10% false discovery rate\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "agent_funnel: " << e.what() << "\n";
  return 1;
}
