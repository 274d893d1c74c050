// Do we see ourselves as customers see us? Agents' self-ratings of their interactions
// against the customers' ratings of the same interactions, per-agent calibration, and a
// SERVQUAL survey with importance-performance quadrants.
// Usage: perception_gap [rated_interactions.csv servqual_responses.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string interactions = argc > 2 ? argv[1] : CXMETRICS_INTERACTION_DATA;
  const std::string servqual = argc > 2 ? argv[2] : CXMETRICS_SERVQUAL_DATA;
  std::cout.precision(3);

  cx::rating_histogram<cx::csat_scale> self, customers;
  cx::paired_gap<cx::csat_scale> pairs;
  std::map<std::string, cx::moments> self_by_agent;
  std::map<std::string, cx::rating_histogram<cx::csat_scale>> customers_by_agent;
  for (const auto& row : examples::read_columns(interactions, {"agent", "self_rating", "customer_rating"})) {
    const int s = std::stoi(row[1]), c = std::stoi(row[2]);
    self.add(s);
    customers.add(c);
    pairs.add(s, c);
    self_by_agent[row[0]].add(s);
    customers_by_agent[row[0]].add(c);
  }
  std::cout << "Self vs customers, " << pairs.count() << " interactions rated by both (1..5)\n"
            << "  unpaired: " << cx::perception_gap(self, customers) << "\n"
            << "  paired:   " << cx::summarize(pairs) << "\n"
            << "  top box:  " << cx::delivery_gap(self, customers, 1) << "\n\n";

  std::vector<cx::employee_ratings<cx::csat_scale>> agents;
  for (const auto& [agent, m] : self_by_agent) agents.push_back({agent, m.mean(), customers_by_agent[agent]});
  std::cout << "Calibration (self-rating = the agent's mean self-rating)\n" << cx::calibrate(agents) << "\n\n";

  std::vector<std::string> columns;
  for (char kind : {'e', 'p'})
    for (int i = 1; i <= 22; ++i) columns.push_back(kind + std::to_string(i));
  columns.push_back("overall");
  const auto items = cx::servqual_standard_items();
  cx::servqual_survey survey(items, cx::servqual_importance{10, 30, 25, 20, 15});
  std::array<cx::comoments, cx::servqual_dimension_count> drives;  // perception vs overall
  std::array<cx::moments, cx::servqual_dimension_count> perception;
  for (const auto& row : examples::read_columns(servqual, columns)) {
    std::vector<int> e, p;
    for (std::size_t i = 0; i < 22; ++i) {
      e.push_back(std::stoi(row[i]));
      p.push_back(std::stoi(row[22 + i]));
    }
    survey.add(e, p);
    std::array<double, cx::servqual_dimension_count> sum{}, count{};
    for (std::size_t i = 0; i < 22; ++i) {
      sum[static_cast<std::size_t>(items[i])] += p[i];
      count[static_cast<std::size_t>(items[i])] += 1;
    }
    for (std::size_t d = 0; d < cx::servqual_dimension_count; ++d) {
      drives[d].add(sum[d] / count[d], std::stod(row[44]));
      perception[d].add(sum[d] / count[d]);
    }
  }
  std::cout << "SERVQUAL, " << survey.count() << " customers (gap = perception - expectation, 1..7)\n"
            << cx::summarize(survey) << "\n\n";

  std::vector<cx::ipa_attribute> attributes;
  for (std::size_t d = 0; d < cx::servqual_dimension_count; ++d)
    attributes.push_back({cx::to_string(static_cast<cx::servqual_dimension>(d)),
                          cx::derived_importance(drives[d]), perception[d].mean()});
  std::cout << "Importance (correlation with overall satisfaction) vs performance (mean perception)\n"
            << cx::importance_performance(attributes) << "\n";
  return 0;
} catch (const std::exception& e) {
  std::cerr << "perception_gap: " << e.what() << "\n";
  return 1;
}
