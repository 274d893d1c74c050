// Employee NPS by department and quarter, from an engagement-survey export, with the
// intervals that keep small departments from being over-read. Usage: enps [survey.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <exception>
#include <iomanip>
#include <iostream>
#include <map>
#include <string>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_EMPLOYEE_DATA;
  std::map<std::string, std::map<std::string, cx::nps_histogram>> by_quarter;  // quarter -> dept
  std::map<std::string, cx::nps_histogram> company;
  for (const auto& row : examples::read_columns(path, {"quarter", "department", "enps_rating"})) {
    const int rating = std::stoi(row[2]);
    by_quarter[row[0]][row[1]].add(rating);
    company[row[0]].add(rating);
  }

  std::cout << std::fixed << std::setprecision(1);
  for (const auto& [quarter, departments] : by_quarter) {
    std::cout << quarter << "  eNPS, 95% adjusted-Wald interval\n";
    for (const auto& [department, h] : departments) {
      const cx::nps_result r = cx::employee_net_promoter_score(h);
      const cx::interval ci = cx::nps_interval(h);
      std::cout << "  " << std::setw(12) << std::left << department << std::right << std::setw(7)
                << r.score << "  [" << ci.lower << ", " << ci.upper << "]  n = " << r.responses << "\n";
    }
    const cx::nps_result all = cx::employee_net_promoter_score(company[quarter]);
    std::cout << "  " << std::setw(12) << std::left << "company" << std::right << std::setw(7) << all.score
              << "  [" << cx::nps_interval(company[quarter]).lower << ", "
              << cx::nps_interval(company[quarter]).upper << "]  n = " << all.responses << "\n\n";
  }

  if (company.size() >= 2) {
    const auto last = std::prev(company.end()), before = std::prev(last);
    const cx::difference_test t = cx::compare_nps(last->second, before->second);
    std::cout << "company change " << before->first << " -> " << last->first << ": " << std::defaultfloat
              << std::setprecision(3)
              << t << "\n";
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "enps: " << e.what() << "\n";
  return 1;
}
