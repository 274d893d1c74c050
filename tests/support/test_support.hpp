// Helpers shared by the test suites: tolerant comparison and the reference data files.
#ifndef CXMETRICS_TESTS_SUPPORT_HPP
#define CXMETRICS_TESTS_SUPPORT_HPP

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace cxtest {

/// |actual - expected| <= max(abs, rel * max(|actual|, |expected|)).
inline bool close(double actual, double expected, double rel, double abs = 0.0) {
  if (actual == expected) return true;
  const double scale = std::max(std::fabs(actual), std::fabs(expected));
  return std::fabs(actual - expected) <= std::max(abs, rel * scale);
}

/// Reads a JSON file from tests/data.
inline nlohmann::json load_json(const std::string& relative_path) {
  const std::string path = std::string(CXMETRICS_TEST_DATA_DIR) + "/" + relative_path;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open test data " + path);
  return nlohmann::json::parse(in);
}

/// Deterministic generator for property tests; the seed is printed on failure by INFO.
inline std::mt19937_64 seeded_rng(std::uint64_t seed) { return std::mt19937_64(seed); }

/// Random partition of indices 0..n-1 into `parts` groups, keeping order within a group.
inline std::vector<std::vector<std::size_t>> random_split(std::size_t n, std::size_t parts,
                                                          std::mt19937_64& rng) {
  std::vector<std::vector<std::size_t>> groups(parts);
  std::uniform_int_distribution<std::size_t> pick(0, parts - 1);
  for (std::size_t i = 0; i < n; ++i) groups[pick(rng)].push_back(i);
  return groups;
}

}  // namespace cxtest

#define CXTEST_CHECK_CLOSE(actual, expected, rel)                                    \
  do {                                                                               \
    const double cxtest_actual_ = (actual);                                          \
    const double cxtest_expected_ = (expected);                                      \
    CHECK_MESSAGE(cxtest::close(cxtest_actual_, cxtest_expected_, (rel)),            \
                  #actual " = " << std::setprecision(17) << cxtest_actual_ << ", expected " << cxtest_expected_ \
                                << " (rel " << (rel) << ")");                        \
  } while (false)

#define CXTEST_CHECK_CLOSE_ABS(actual, expected, rel, abs)                           \
  do {                                                                               \
    const double cxtest_actual_ = (actual);                                          \
    const double cxtest_expected_ = (expected);                                      \
    CHECK_MESSAGE(cxtest::close(cxtest_actual_, cxtest_expected_, (rel), (abs)),     \
                  #actual " = " << std::setprecision(17) << cxtest_actual_ << ", expected " << cxtest_expected_ \
                                << " (rel " << (rel) << ", abs " << (abs) << ")");   \
  } while (false)

#endif  // CXMETRICS_TESTS_SUPPORT_HPP
