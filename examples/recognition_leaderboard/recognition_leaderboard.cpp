// "Who should we recognise this month?" Ranking agents by raw mean CSAT rewards luck: a new
// hire with one 5 beats everyone. Rank by the Wilson lower bound of the top-2 box instead,
// compare with the Bayesian average, and leave agents with too few ratings unranked.
// Usage: recognition_leaderboard [agent_csat.csv]
#include <cxmetrics/cxmetrics.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "../common/csv_columns.hpp"

namespace cx = cxmetrics;
using board = cx::leaderboard<std::string>;

static void print_top(const board& b, std::size_t rows, const char* raw, const char* adjusted) {
  std::printf("  rank  agent        n  %-8s %-9s interval\n", raw, adjusted);
  for (std::size_t i = 0; i < std::min(rows, b.rows.size()); ++i) {
    const auto& r = b.rows[i];
    std::printf("  %4zu  %-10s %3llu  %-8.3f %-9.3f", r.rank, r.key.c_str(), static_cast<unsigned long long>(r.n),
                r.raw, r.adjusted);
    if (r.ci) std::printf(" [%.3f, %.3f]", r.ci->lower, r.ci->upper);
    std::printf("\n");
  }
}

int main(int argc, char** argv) try {
  const std::string path = argc > 1 ? argv[1] : CXMETRICS_AGENT_DATA;
  cx::grouped<std::string, cx::rating_histogram<cx::csat_scale>> by_agent;
  for (const auto& row : examples::read_columns(path, {"agent", "csat"})) by_agent.add(row[0], std::stoi(row[1]));

  // The naive view: sort by mean rating and ignore how many ratings stand behind it.
  std::vector<std::pair<double, std::string>> by_mean;
  for (const auto& [agent, h] : by_agent.sorted()) by_mean.emplace_back(cx::mean(h), agent);
  std::sort(by_mean.rbegin(), by_mean.rend());
  std::printf("Raw mean CSAT (unfair):\n");
  for (std::size_t i = 0; i < 4; ++i)
    std::printf("  %zu. %-10s mean %.2f, n = %llu\n", i + 1, by_mean[i].second.c_str(), by_mean[i].first,
                static_cast<unsigned long long>(by_agent.find(by_mean[i].second)->total()));
  std::printf("Raw-mean winner: %s with %llu response(s)\n\n", by_mean[0].second.c_str(),
              static_cast<unsigned long long>(by_agent.find(by_mean[0].second)->total()));

  // Wilson lower bound: a 4-5 share counts only as far as the sample size supports it.
  const board wilson = cx::rank_agents(by_agent);
  std::printf("Fair: Wilson 95%% lower bound of the top-2 box (4-5), every agent ranked\n");
  print_top(wilson, wilson.rows.size(), "top-2", "lower");

  cx::leaderboard_options bayes;
  bayes.method = cx::ranking_method::bayesian_average;
  bayes.prior_weight = 10;  // as if 10 extra ratings at the overall mean
  const board shrunk = cx::rank_agents(by_agent, bayes);
  std::printf("\nAlternative: Bayesian average (m = 10, overall mean %.3f), top 5\n", shrunk.population_mean);
  print_top(shrunk, 5, "mean", "bayes");

  // Recognition is a public decision: also require a minimum record before ranking at all.
  cx::leaderboard_options policy;
  policy.minimum_n = 20;
  const board eligible = cx::rank_agents(by_agent, policy);
  std::printf("\nRecognise this month (Wilson lower bound, at least %llu responses):",
              static_cast<unsigned long long>(policy.minimum_n));
  for (std::size_t i = 0; i < 3 && i < eligible.rows.size(); ++i)
    std::printf("%s %s (%.3f)", i ? "," : "", eligible.rows[i].key.c_str(), eligible.rows[i].adjusted);
  std::printf("\nUnranked (fewer than %llu responses):", static_cast<unsigned long long>(policy.minimum_n));
  for (const auto& agent : eligible.unranked)
    std::printf(" %s (%llu)", agent.c_str(), static_cast<unsigned long long>(by_agent.find(agent)->total()));
  std::printf("\n");
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "recognition_leaderboard: %s\n", e.what());
  return 1;
}
