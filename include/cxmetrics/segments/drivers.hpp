// Key-driver analysis: which attribute ratings move with the overall score, and how much
// of the explained variance each one carries.
#ifndef CXMETRICS_SEGMENTS_DRIVERS_HPP
#define CXMETRICS_SEGMENTS_DRIVERS_HPP

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>
#include <cxmetrics/core/pearson_interval.hpp>
#include <cxmetrics/core/rating.hpp>
#include <cxmetrics/detail/ranks.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Counts of (x, y) rating pairs on two scales, e.g. an attribute and the overall score:
/// the sufficient statistic of both correlations. Mergeable.
template <class ScaleX, class ScaleY>
class joint_histogram {
 public:
  static constexpr int x_points = ScaleX::points, y_points = ScaleY::points;

  /// Adds one pair; throws `invalid_rating` when either is off its scale.
  void add(int x, int y) {
    const rating<ScaleX> rx(x);
    const rating<ScaleY> ry(y);
    ++counts_[index(rx.value(), ry.value())];
    ++total_;
  }
  std::uint64_t count(int x, int y) const {
    const rating<ScaleX> rx(x);
    const rating<ScaleY> ry(y);
    return counts_[index(rx.value(), ry.value())];
  }
  std::uint64_t total() const noexcept { return total_; }
  bool empty() const noexcept { return total_ == 0; }

  joint_histogram& operator+=(const joint_histogram& other) {
    if (other.total_ > UINT64_MAX - total_) detail::throw_overflow("merging joint histograms would overflow the count");
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
    total_ += other.total_;
    return *this;
  }
  friend bool operator==(const joint_histogram& a, const joint_histogram& b) noexcept { return a.counts_ == b.counts_; }
  friend bool operator!=(const joint_histogram& a, const joint_histogram& b) noexcept { return !(a == b); }

 private:
  static std::size_t index(int x, int y) noexcept {
    return static_cast<std::size_t>(x - ScaleX::min) * static_cast<std::size_t>(y_points) +
           static_cast<std::size_t>(y - ScaleY::min);
  }
  std::array<std::uint64_t, static_cast<std::size_t>(x_points * y_points)> counts_{};
  std::uint64_t total_ = 0;
};

namespace detail {
// Pearson correlation of per-point scores weighted by the joint counts.
template <class ScaleX, class ScaleY, class FX, class FY>
double weighted_correlation(const joint_histogram<ScaleX, ScaleY>& h, FX score_x, FY score_y) {
  if (h.total() < 2) throw_insufficient_data("a correlation needs at least 2 pairs");
  const auto n = static_cast<double>(h.total());
  double mx = 0.0, my = 0.0;
  for (int x = ScaleX::min; x <= ScaleX::max; ++x)
    for (int y = ScaleY::min; y <= ScaleY::max; ++y) {
      const auto c = static_cast<double>(h.count(x, y));
      mx += c * score_x(x);
      my += c * score_y(y);
    }
  mx /= n;
  my /= n;
  double sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (int x = ScaleX::min; x <= ScaleX::max; ++x)
    for (int y = ScaleY::min; y <= ScaleY::max; ++y) {
      const auto c = static_cast<double>(h.count(x, y));
      const double dx = score_x(x) - mx, dy = score_y(y) - my;
      sxx += c * dx * dx;
      syy += c * dy * dy;
      sxy += c * dx * dy;
    }
  if (sxx == 0.0 || syy == 0.0)
    throw_insufficient_data(std::string("the correlation is undefined: ") + (sxx == 0.0 ? "x" : "y") + " has no variance");
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

template <class Scale>
std::array<double, static_cast<std::size_t>(Scale::points)> midranks_of(const std::array<double, static_cast<std::size_t>(Scale::points)>& counts) {
  std::array<double, static_cast<std::size_t>(Scale::points)> ranks{};
  double below = 0.0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    ranks[i] = midrank(below, counts[i]);
    below += counts[i];
  }
  return ranks;
}
}  // namespace detail

/// Pearson's r of the pairs in a joint histogram.
template <class ScaleX, class ScaleY>
double pearson(const joint_histogram<ScaleX, ScaleY>& h) {
  return detail::weighted_correlation(h, [](int x) { return double(x); }, [](int y) { return double(y); });
}

/// Spearman's rho with ties: Pearson's r of the midranks (scipy.stats.spearmanr), computed
/// exactly from the counts in O(points^2) whatever the number of pairs.
template <class ScaleX, class ScaleY>
double spearman(const joint_histogram<ScaleX, ScaleY>& h) {
  std::array<double, static_cast<std::size_t>(ScaleX::points)> cx{};
  std::array<double, static_cast<std::size_t>(ScaleY::points)> cy{};
  for (int x = ScaleX::min; x <= ScaleX::max; ++x)
    for (int y = ScaleY::min; y <= ScaleY::max; ++y) {
      const auto c = static_cast<double>(h.count(x, y));
      cx[static_cast<std::size_t>(x - ScaleX::min)] += c;
      cy[static_cast<std::size_t>(y - ScaleY::min)] += c;
    }
  const auto rx = detail::midranks_of<ScaleX>(cx);
  const auto ry = detail::midranks_of<ScaleY>(cy);
  return detail::weighted_correlation(h, [&](int x) { return rx[static_cast<std::size_t>(x - ScaleX::min)]; },
                                      [&](int y) { return ry[static_cast<std::size_t>(y - ScaleY::min)]; });
}

/// One attribute's relation to the overall score.
struct key_driver {
  std::string attribute;
  double pearson;
  interval pearson_ci;  ///< Fisher z
  double spearman;
  std::uint64_t n;
};

/// Drivers ranked by Pearson's r, strongest positive first (ties in input order).
template <class ScaleX, class ScaleY>
std::vector<key_driver> rank_key_drivers(const std::vector<std::pair<std::string, joint_histogram<ScaleX, ScaleY>>>& attributes,
                                         double level = 0.95) {
  std::vector<key_driver> drivers;
  for (const auto& [name, h] : attributes) {
    const double r = pearson(h);
    drivers.push_back({name, r, detail::fisher_z_interval(r, static_cast<double>(h.total()), level), spearman(h), h.total()});
  }
  std::stable_sort(drivers.begin(), drivers.end(), [](const key_driver& a, const key_driver& b) { return a.pearson > b.pearson; });
  return drivers;
}

/// Johnson's (2000) relative weights: how the R^2 of the regression of the outcome on all
/// predictors divides among correlated predictors.
struct relative_weights_result {
  std::vector<double> weights;  ///< raw weights, summing to R^2
  std::vector<double> shares;   ///< weights / R^2
  double r_squared;
};

namespace detail {
// Cyclic Jacobi eigen-decomposition of a small symmetric matrix: a = v diag(values) v^T.
inline void symmetric_eigen(std::vector<std::vector<double>> a, std::vector<double>& values,
                            std::vector<std::vector<double>>& v) {
  const std::size_t n = a.size();
  v.assign(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) v[i][i] = 1.0;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t q = p + 1; q < n; ++q) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (std::size_t p = 0; p < n; ++p)
      for (std::size_t q = p + 1; q < n; ++q) {
        if (a[p][q] == 0.0) continue;
        const double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
        const double t = (theta >= 0.0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
        for (std::size_t k = 0; k < n; ++k) {  // columns p, q of a
          const double akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (std::size_t k = 0; k < n; ++k) {  // rows p, q of a
          const double apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (std::size_t k = 0; k < n; ++k) {
          const double vkp = v[k][p], vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
  }
  values.resize(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = a[i][i];
}
}  // namespace detail

/// Relative weights from the predictors' correlation matrix `rxx` (p x p, symmetric, unit
/// diagonal) and their correlations `rxy` with the outcome. With rxx = V L V^T and
/// Lambda = V L^(1/2) V^T, beta = Lambda^-1 rxy and weight_j = sum_k Lambda_jk^2 beta_k^2.
/// Throws `std::invalid_argument` for malformed input and `insufficient_data` when the
/// predictors are (nearly) collinear.
inline relative_weights_result relative_weights(const std::vector<std::vector<double>>& rxx,
                                                const std::vector<double>& rxy) {
  const std::size_t p = rxy.size();
  if (p == 0 || rxx.size() != p) detail::throw_invalid_argument("relative weights need a p x p matrix and p correlations");
  for (std::size_t i = 0; i < p; ++i) {
    if (rxx[i].size() != p) detail::throw_invalid_argument("the correlation matrix is not square");
    if (std::fabs(rxx[i][i] - 1.0) > 1e-12) detail::throw_invalid_argument("the correlation matrix needs a unit diagonal");
    if (!(std::fabs(rxy[i]) <= 1.0)) detail::throw_invalid_argument("outcome correlation " + detail::format_number(rxy[i]) + " is outside [-1, 1]");
    for (std::size_t j = 0; j < p; ++j)
      if (!(std::fabs(rxx[i][j] - rxx[j][i]) <= 1e-12 && std::fabs(rxx[i][j]) <= 1.0))
        detail::throw_invalid_argument("the correlation matrix is not symmetric with entries in [-1, 1]");
  }
  std::vector<double> values;
  std::vector<std::vector<double>> v;
  detail::symmetric_eigen(rxx, values, v);
  for (double l : values)
    if (!(l > 1e-10)) detail::throw_insufficient_data("the predictors are collinear: their correlation matrix is singular");
  // Lambda = V sqrt(L) V^T, and Lambda^-1 = V L^(-1/2) V^T.
  std::vector<std::vector<double>> lambda(p, std::vector<double>(p, 0.0)), inverse(p, std::vector<double>(p, 0.0));
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j < p; ++j)
      for (std::size_t k = 0; k < p; ++k) {
        lambda[i][j] += v[i][k] * std::sqrt(values[k]) * v[j][k];
        inverse[i][j] += v[i][k] / std::sqrt(values[k]) * v[j][k];
      }
  std::vector<double> beta(p, 0.0);
  for (std::size_t i = 0; i < p; ++i)
    for (std::size_t j = 0; j < p; ++j) beta[i] += inverse[i][j] * rxy[j];
  relative_weights_result r{std::vector<double>(p, 0.0), std::vector<double>(p, 0.0), 0.0};
  for (std::size_t j = 0; j < p; ++j)
    for (std::size_t k = 0; k < p; ++k) r.weights[j] += lambda[j][k] * lambda[j][k] * beta[k] * beta[k];
  for (double w : r.weights) r.r_squared += w;
  for (std::size_t j = 0; j < p; ++j) r.shares[j] = r.r_squared > 0.0 ? r.weights[j] / r.r_squared : 0.0;
  return r;
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_DRIVERS_HPP
