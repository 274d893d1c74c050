// Tools for solving Fredholm integral equations of the second kind by the Nystrom method:
// Gauss-Legendre nodes and weights of any order, and a dense linear solve.
#ifndef CXMETRICS_DETAIL_NYSTROM_HPP
#define CXMETRICS_DETAIL_NYSTROM_HPP

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include <cxmetrics/detail/config.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

/// Nodes and weights of the n-point Gauss-Legendre rule on [-1, 1], nodes increasing.
struct gauss_legendre_rule {
  std::vector<double> nodes, weights;
};

/// The n-point Gauss-Legendre rule (n >= 1): each root of P_n by Newton's iteration on the
/// three-term recurrence, started from Tricomi's approximation cos(pi (i - 1/4) / (n + 1/2)),
/// which converges to machine precision in a few steps for every n; weights
/// 2 / ((1 - x^2) P_n'(x)^2) (Abramowitz and Stegun 25.4.29). Orders run to the thousands,
/// where Boost's compile-time rules stop, and the cost, O(n^2), is small beside the solve.
inline gauss_legendre_rule gauss_legendre(std::size_t n) {
  gauss_legendre_rule rule{std::vector<double>(n), std::vector<double>(n)};
  const double pi = 3.141592653589793238462643383279502884;
  const double dn = static_cast<double>(n);
  // P_n(x) and P_n'(x) by the three-term recurrence.
  auto legendre = [n, dn](double x, double& derivative) {
    double p0 = 1.0, p1 = x;  // the loop leaves P_n in p1 and P_{n-1} in p0
    for (std::size_t j = 2; j <= n; ++j) {
      const double dj = static_cast<double>(j);
      const double p2 = ((2.0 * dj - 1.0) * x * p1 - (dj - 1.0) * p0) / dj;
      p0 = p1;
      p1 = p2;
    }
    derivative = dn * (x * p1 - p0) / ((x - 1.0) * (x + 1.0));  // 1 - x^2 without cancellation
    return p1;
  };
  for (std::size_t i = 0; i < (n + 1) / 2; ++i) {
    double x = std::cos(pi * (static_cast<double>(i) + 0.75) / (dn + 0.5));
    double derivative = 0.0;
    for (int iteration = 0; iteration < 100; ++iteration) {
      const double step = legendre(x, derivative) / derivative;
      x -= step;
      if (std::fabs(step) <= 1e-15) break;  // quadratic convergence: this step lands on the root
    }
    legendre(x, derivative);  // at the root itself, for the weight
    const double w = 2.0 / ((1.0 - x) * (1.0 + x) * derivative * derivative);
    // Roots come in +- pairs; Tricomi's guesses run from the largest root down.
    rule.nodes[n - 1 - i] = x;
    rule.nodes[i] = -x;
    rule.weights[n - 1 - i] = rule.weights[i] = w;
  }
  if (n % 2 == 1) rule.nodes[n / 2] = 0.0;
  return rule;
}

/// Solves a x = b in place for `columns` right-hand sides (a is n x n, b is n x columns,
/// both row-major; b becomes x) by Gaussian elimination with partial pivoting. The matrices
/// of the run-length equations, I - K with K substochastic, are non-singular M-matrices, so
/// no pivot is zero.
inline void solve_linear_system(std::vector<double>& a, std::vector<double>& b, std::size_t n, std::size_t columns = 1) {
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t row = col + 1; row < n; ++row)
      if (std::fabs(a[row * n + col]) > std::fabs(a[pivot * n + col])) pivot = row;
    if (pivot != col) {
      for (std::size_t j = 0; j < n; ++j) std::swap(a[col * n + j], a[pivot * n + j]);
      for (std::size_t c = 0; c < columns; ++c) std::swap(b[col * columns + c], b[pivot * columns + c]);
    }
    const double* pivot_row = &a[col * n];
    for (std::size_t row = col + 1; row < n; ++row) {
      double* r = &a[row * n];
      const double factor = r[col] / pivot_row[col];
      if (factor == 0.0) continue;
      for (std::size_t j = col; j < n; ++j) r[j] -= factor * pivot_row[j];
      for (std::size_t c = 0; c < columns; ++c) b[row * columns + c] -= factor * b[col * columns + c];
    }
  }
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t c = 0; c < columns; ++c) {
      double sum = b[i * columns + c];
      for (std::size_t j = i + 1; j < n; ++j) sum -= a[i * n + j] * b[j * columns + c];
      b[i * columns + c] = sum / a[i * n + i];
    }
  }
}

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_DETAIL_NYSTROM_HPP
