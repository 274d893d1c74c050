// Average run lengths (ARL) of the CUSUM and EWMA charts, the inverse calibrations (the h or
// L that gives a chosen in-control ARL), and charts built for a chosen in-control ARL.
//
// Method: the integral equations of the run length (Page 1954 for the CUSUM; Crowder 1987
// for the EWMA), solved by the Nystrom method on Gauss-Legendre nodes: the continuous
// counterpart of Brook and Evans' (1972) Markov chain, converging exponentially in the
// number of nodes instead of as 1/n^2. The CUSUM's equation is split at each return to 0 so
// that it stays well conditioned at any ARL, and its two sides are combined exactly (Lucas
// and Crosier 1982, who also give the fast-initial-response head start); the EWMA's exact
// time-varying limits are followed by carrying the density of the statistic forward
// until they settle. For standardised normal data every result agrees with Knoth's R
// package spc (xcusum.arl, xewma.arl, xcusum.crit, xewma.crit) to 1e-7 relative or better
// for ARLs from 1 to 10,000 (tests/reference/make_run_length_reference.R), and with the
// published tables of Lucas and Crosier 1982 and Lucas and Saccucci 1990 to their rounding.
// See docs/run_lengths.md.
#ifndef CXMETRICS_CONSISTENCY_RUN_LENGTH_HPP
#define CXMETRICS_CONSISTENCY_RUN_LENGTH_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include <cxmetrics/consistency/cusum_chart.hpp>
#include <cxmetrics/consistency/ewma_chart.hpp>
#include <cxmetrics/core/error.hpp>
#include <cxmetrics/detail/nystrom.hpp>
#include <cxmetrics/detail/validate.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Which limits an EWMA run length is computed for. `asymptotic`: the fixed limits
/// +- L sqrt(lambda / (2 - lambda)) of most tables (Lucas and Saccucci 1990; spc's
/// limits = "fix"). `exact`: the time-varying limits +- L sqrt(lambda / (2 - lambda)
/// (1 - (1 - lambda)^(2t))) that `ewma_chart` uses, narrower over the first points, so a
/// chart signals a little sooner (spc's limits = "vacl").
enum class ewma_limits { asymptotic, exact };

namespace detail {

// Standard normal density and distribution; the distribution from std::erfc, which keeps
// both tails to full relative precision, so this header needs none of Boost.Math.
inline double run_length_pdf(double x) { return 0.398942280401432677939946059934 * std::exp(-0.5 * x * x); }
inline double run_length_cdf(double x) { return 0.5 * std::erfc(-x * 0.707106781186547524400844362104849); }

// The EWMA's equation L = 1 + K L has 1 - (spectral radius of K) of about 1 / ARL, so
// rounding costs about ARL * 1e-16 of relative accuracy: an EWMA ARL above this is refused
// rather than returned with fewer than six correct digits. (The CUSUM's equations are
// reformulated below and have no such limit.)
constexpr double max_ewma_arl = 1e9;

// Nodes for an interval `width_in_spreads` standard deviations of one step wide: the
// Gauss-Legendre nodes are sparsest at the middle, where 40 + 2.5 per standard deviation
// still puts them 0.63 standard deviations apart, and the Gaussian kernel's quadrature is
// then exact to rounding (doubling the nodes changes the ARLs by less than 1e-12; the
// tests check it). Wider intervals than max_width_in_spreads are refused: the dense solve
// would need more than 790 nodes.
constexpr double max_width_in_spreads = 300.0;
inline std::size_t run_length_nodes(double width_in_spreads) {
  return static_cast<std::size_t>(40.0 + 2.5 * width_in_spreads);
}

// The exact EWMA limits are followed for as many periods as (1 - lambda)^(2t) takes to fall
// below 1e-10; refused beyond this many (lambda below about 0.0023).
constexpr double max_transient_periods = 5000.0;

// The upper one-sided CUSUM S_t = max(0, S_{t-1} + X_t - k), X ~ N(shift, 1), signal when
// S_t > h. Its ARL from a start u satisfies
//   L(u) = 1 + Phi(k - u - shift) L(0) + int_0^h phi(y + k - u - shift) L(y) dy,
// whose matrix is nearly singular when the ARL is large (1 minus its spectral radius is
// about 1 / ARL), and the lower side of a two-sided chart after an upward shift has an ARL
// of 1e15 and more. So the run is cut at each visit to 0, the atom (a renewal argument,
// as in Brook and Evans 1972): with T(u) the expected number of points until the chart
// signals or is back at 0, and p(u) the probability that it signals first,
//   T(u) = 1 + int_0^h phi(y + k - u - shift) T(y) dy,
//   p(u) = Phi(u + shift - h - k) + int_0^h phi(y + k - u - shift) p(y) dy,
// two well-conditioned equations (a cycle is short), and L(0) = T(0) / p(0),
// L(u) = T(u) + (1 - p(u)) L(0): accurate even when p(0) is 1e-30.
class cusum_side {
 public:
  cusum_side(double k, double h, double shift, std::size_t n)
      : k_(k), h_(h), shift_(shift), nodes_(n), weights_(n), solution_(2 * n) {
    const gauss_legendre_rule rule = gauss_legendre(n);
    for (std::size_t j = 0; j < n; ++j) {
      nodes_[j] = 0.5 * h * (rule.nodes[j] + 1.0);
      weights_[j] = 0.5 * h * rule.weights[j];
    }
    std::vector<double> a(n * n);
    for (std::size_t i = 0; i < n; ++i) {
      double* row = &a[i * n];
      for (std::size_t j = 0; j < n; ++j) row[j] = -weights_[j] * step_density(nodes_[j], nodes_[i]);
      row[i] += 1.0;
      solution_[2 * i] = 1.0;
      solution_[2 * i + 1] = run_length_cdf(nodes_[i] + shift_ - h_ - k_);
    }
    solve_linear_system(a, solution_, n, 2);
    signal_rate_ = signal_probability(0.0) / cycle_length(0.0);
  }

  /// 1 / L(0); 0 when p(0) underflows (an ARL beyond 1e300).
  double signal_rate() const noexcept { return signal_rate_; }

  /// 1 - L(start) / L(0) = p(start) - T(start) p(0) / T(0): what a head start saves, as a
  /// share of the ARL from 0.
  double head_start_saving(double start) const {
    return signal_probability(start) - cycle_length(start) * signal_rate_;
  }

 private:
  double step_density(double y, double u) const { return run_length_pdf(y + k_ - u - shift_); }
  // Nystrom interpolation of T and p at any start.
  double cycle_length(double u) const {
    double t = 1.0;
    for (std::size_t j = 0; j < nodes_.size(); ++j) t += weights_[j] * step_density(nodes_[j], u) * solution_[2 * j];
    return t;
  }
  double signal_probability(double u) const {
    double p = run_length_cdf(u + shift_ - h_ - k_);
    for (std::size_t j = 0; j < nodes_.size(); ++j) p += weights_[j] * step_density(nodes_[j], u) * solution_[2 * j + 1];
    return p;
  }

  double k_, h_, shift_;
  std::vector<double> nodes_, weights_, solution_;  // solution_: T and p at each node, interleaved
  double signal_rate_ = 0.0;
};

// The two-sided EWMA with fixed limits +- c: z' = (1 - lambda) z + lambda X, X ~ N(shift, 1);
//   L(z) = 1 + int_{-c}^{c} phi((y - (1 - lambda) z) / lambda - shift) / lambda L(y) dy.
class ewma_run_length_function {
 public:
  ewma_run_length_function(double lambda, double c, double shift, std::size_t n)
      : lambda_(lambda), shift_(shift), nodes_(n), weights_(n), values_(n, 1.0) {
    const gauss_legendre_rule rule = gauss_legendre(n);
    for (std::size_t j = 0; j < n; ++j) {
      nodes_[j] = c * rule.nodes[j];
      weights_[j] = c * rule.weights[j];
    }
    std::vector<double> a(n * n);
    for (std::size_t i = 0; i < n; ++i) {
      double* row = &a[i * n];
      for (std::size_t j = 0; j < n; ++j) row[j] = -weights_[j] * kernel(nodes_[j], nodes_[i]);
      row[i] += 1.0;
    }
    solve_linear_system(a, values_, n);
  }

  /// Density of the next EWMA value y given the current z.
  double kernel(double y, double z) const {
    return run_length_pdf((y - (1.0 - lambda_) * z) / lambda_ - shift_) / lambda_;
  }

  double operator()(double start) const {
    double arl = 1.0;
    for (std::size_t j = 0; j < nodes_.size(); ++j) arl += weights_[j] * kernel(nodes_[j], start) * values_[j];
    return arl;
  }

 private:
  double lambda_, shift_;
  std::vector<double> nodes_, weights_, values_;
};

inline void check_cusum_parameters(double k, double h) {
  if (!(k >= 0.0) || !std::isfinite(k))
    throw_invalid_argument("CUSUM k " + format_number(k) + " must be finite and non-negative");
  if (!(h > 0.0) || !std::isfinite(h)) throw_invalid_argument("CUSUM h " + format_number(h) + " must be finite and positive");
  if (h > max_width_in_spreads)
    throw_invalid_argument("CUSUM h " + format_number(h) + " is above " + format_number(max_width_in_spreads) +
                           " (sigma), the widest chart this method resolves");
}
inline std::size_t cusum_nodes(double h) { return run_length_nodes(h); }

inline void check_ewma_lambda(double lambda) {
  if (!(lambda > 0.0 && lambda <= 1.0))
    throw_invalid_argument("EWMA lambda " + format_number(lambda) + " is outside (0, 1]");
}
inline void check_ewma_width(double L) {
  if (!(L > 0.0) || !std::isfinite(L)) throw_invalid_argument("EWMA L " + format_number(L) + " must be finite and positive");
}
inline void check_limits(ewma_limits limits) {
  if (limits != ewma_limits::asymptotic && limits != ewma_limits::exact)
    throw_invalid_argument("EWMA limits " + std::to_string(static_cast<int>(limits)) + " is neither asymptotic nor exact");
}
// Periods until (1 - lambda)^(2t) <= 1e-10: the exact limits are then their asymptote to
// within 5e-11 (relative), far below the accuracy asked of the ARL.
// (A double: for a tiny lambda it exceeds any integer type.)
inline double ewma_transient_periods(double lambda) {
  if (lambda >= 1.0) return 1.0;
  return std::max(1.0, std::ceil(std::log(1e-10) / (2.0 * std::log1p(-lambda))));
}
// The interval between the limits, in standard deviations of one step (lambda).
inline std::size_t ewma_nodes(double lambda, double L, ewma_limits limits) {
  const double width = 2.0 * L / std::sqrt(lambda * (2.0 - lambda));
  if (width > max_width_in_spreads)
    throw_invalid_argument("EWMA lambda " + format_number(lambda) + " with L " + format_number(L) +
                           ": the limits span 2 L / sqrt(lambda (2 - lambda)) = " + format_number(width) +
                           " steps' standard deviations, above the " + format_number(max_width_in_spreads) +
                           " this method resolves");
  if (limits == ewma_limits::exact && ewma_transient_periods(lambda) > max_transient_periods)
    throw_invalid_argument("EWMA lambda " + format_number(lambda) + ": the exact limits take " +
                           format_number(ewma_transient_periods(lambda)) + " periods to settle, above the " +
                           format_number(max_transient_periods) + " this method follows (use ewma_limits::asymptotic)");
  return run_length_nodes(width);
}
inline void check_in_control_arl(double arl) {
  if (!(arl > 1.0) || !std::isfinite(arl))
    throw_invalid_argument("in-control ARL " + format_number(arl) + " must be finite and greater than 1");
}

// Two-sided CUSUM from the one-sided ones. Starting from 0 (or from a head start up to
// h/2 + k), C+ and C- are never both positive when either exceeds h: while both are
// positive their sum falls by 2k a point, and it is at most 2 head_start - 2k after the
// first point, or h - 2k just after one of them was 0, both at most h. So when one side
// signals the other is at 0 and would restart from scratch. Writing A for the one-sided ARL
// from the head start and B for it from 0, the upper side satisfies
// A+ = ARL + P(lower signals first) B+, and likewise for the lower side, whence
//   ARL = (A+ B- + A- B+ - B+ B-) / (B+ + B-) = (1 - D+ - D-) / (1 / B+ + 1 / B-),
// D = 1 - A / B (Lucas and Crosier 1982; with no head start, 1 / ARL = 1 / B+ + 1 / B-, the
// relation of Kemp 1961). The second form stays finite when one side's ARL is 1e30. The
// lower side sees -X, i.e. a shift of -shift.
inline double cusum_two_sided_arl(double k, double h, double shift, double head_start, std::size_t n) {
  const cusum_side upper(k, h, shift, n);
  double rate = 2.0 * upper.signal_rate(), saved = 0.0;
  if (head_start > 0.0) saved = 2.0 * upper.head_start_saving(head_start);
  if (shift != 0.0) {
    const cusum_side lower(k, h, -shift, n);
    rate = upper.signal_rate() + lower.signal_rate();
    if (head_start > 0.0) saved = upper.head_start_saving(head_start) + lower.head_start_saving(head_start);
  }
  return (1.0 - saved) / rate;  // +inf when both rates underflow
}

// The EWMA with the exact limits, z_0 = 0. Over the first T points (ewma_transient_periods),
// the density of z_t among runs that have not signalled is carried forward on
// Gauss-Legendre nodes scaled to each period's interval (the limits are the interval's
// ends, so the density is smooth on it, as in Knoth's treatment of varying limits);
// P(N > t) is its integral. From T on the fixed-limit equation applies:
//   ARL = sum_{t < T} P(N > t) + int g_T(z) L(z) dz,
// with L the fixed-limit ARL function from z.
inline double ewma_exact_arl(double lambda, double L, double shift, std::size_t n) {
  const double c = L * std::sqrt(lambda / (2.0 - lambda));
  const ewma_run_length_function tail(lambda, c, shift, n);
  const gauss_legendre_rule rule = gauss_legendre(n);
  const double decay = (1.0 - lambda) * (1.0 - lambda);
  const auto periods = static_cast<std::size_t>(ewma_transient_periods(lambda));  // <= 5000, checked
  std::vector<double> z(n), w(n), g(n), z_next(n), w_next(n), g_next(n);
  double power = decay;  // (1 - lambda)^(2t) at t = 1
  double half = c * std::sqrt(1.0 - power);
  for (std::size_t i = 0; i < n; ++i) {
    z[i] = half * rule.nodes[i];
    w[i] = half * rule.weights[i];
    g[i] = tail.kernel(z[i], 0.0);
  }
  double arl = 1.0;  // P(N > 0)
  for (std::size_t t = 1; t < periods; ++t) {
    double survive = 0.0;
    for (std::size_t i = 0; i < n; ++i) survive += w[i] * g[i];
    arl += survive;
    power *= decay;
    half = c * std::sqrt(1.0 - power);
    for (std::size_t i = 0; i < n; ++i) {
      z_next[i] = half * rule.nodes[i];
      w_next[i] = half * rule.weights[i];
    }
    for (std::size_t i = 0; i < n; ++i) {
      // Only the z_j within 9 kernel standard deviations contribute (phi(9) / phi(0) is
      // 3e-18); the nodes are sorted, so they are one contiguous run.
      std::size_t first = 0, last = n;
      if (lambda < 1.0) {
        const double lo = (z_next[i] - lambda * (shift + 9.0)) / (1.0 - lambda);
        const double hi = (z_next[i] - lambda * (shift - 9.0)) / (1.0 - lambda);
        first = static_cast<std::size_t>(std::lower_bound(z.begin(), z.end(), lo) - z.begin());
        last = static_cast<std::size_t>(std::upper_bound(z.begin(), z.end(), hi) - z.begin());
      }
      double density = 0.0;
      for (std::size_t j = first; j < last; ++j) density += w[j] * g[j] * tail.kernel(z_next[i], z[j]);
      g_next[i] = density;
    }
    z.swap(z_next);
    w.swap(w_next);
    g.swap(g_next);
  }
  for (std::size_t i = 0; i < n; ++i) arl += w[i] * g[i] * tail(z[i]);
  return arl;
}

inline double ewma_arl_unchecked(double lambda, double L, double shift, ewma_limits limits) {
  const std::size_t n = ewma_nodes(lambda, L, limits);
  return limits == ewma_limits::exact ? ewma_exact_arl(lambda, L, shift, n)
                                      : ewma_run_length_function(lambda, L * std::sqrt(lambda / (2.0 - lambda)), shift, n)(0.0);
}

// The root x of ARL(x) = target on [0, upper_limit], ARL increasing in x, its value at 0
// known in closed form. The upper end doubles from 1 until it brackets the root, then
// regula falsi with the Illinois modification on log ARL (nearly linear in h and in L, so a
// few steps suffice). An ARL the method cannot give reliably (above `reliable`, or not a
// number) is only ever met above the target, and counts as "too large".
template <class Arl>
double solve_for_arl(Arl arl_of, double arl_at_zero, double target, double upper_limit, double reliable,
                     const char* what) {
  const double goal = std::log(target);
  auto f = [&](double x) {
    const double arl = arl_of(x);
    if (!(arl >= 1.0 && arl <= reliable)) return std::log(reliable) - goal;
    return std::log(arl) - goal;
  };
  double lo = 0.0, f_lo = std::log(arl_at_zero) - goal;
  double hi = std::min(1.0, upper_limit), f_hi = f(hi);
  while (f_hi < 0.0) {
    if (hi >= upper_limit)
      throw_invalid_argument("in-control ARL " + format_number(target) + " needs " + what + " above " +
                             format_number(upper_limit) + ", the largest this method resolves");
    lo = hi;
    f_lo = f_hi;
    hi = std::min(2.0 * hi, upper_limit);
    f_hi = f(hi);
  }
  int side = 0;
  for (int iteration = 0; iteration < 200 && hi - lo > 1e-13 * hi; ++iteration) {
    double x = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    const double fx = f(x);
    if (std::fabs(fx) < 1e-14) return x;
    if (fx < 0.0) {
      lo = x;
      f_lo = fx;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    } else {
      hi = x;
      f_hi = fx;
      if (side == 1) f_lo *= 0.5;
      side = 1;
    }
  }
  return (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
}

}  // namespace detail

/// Average run length of the two-sided tabular CUSUM of `cusum_chart` (C+ and C- both from
/// `head_start`, a signal when either is above h, strictly) on standardised normal data
/// whose mean has moved by `shift` sigma; k, h and head_start in sigma units. The integral
/// equation of the one-sided CUSUM (Page 1954; Brook and Evans 1972), cut at each return to
/// 0 so that it stays well conditioned at any ARL, solved by Nystrom on Gauss-Legendre
/// nodes; the two sides combined exactly as in Lucas and Crosier 1982. Agrees with R spc's
/// xcusum.arl(k, h, shift, hs, sided = "two") to 1e-6 (relative).
/// Throws `std::invalid_argument` for k < 0, h <= 0 or h > 300, a non-finite argument, a
/// head start outside [0, h/2 + k] (beyond it both sums can be positive when one signals,
/// and the two-sided relation no longer holds; spc refuses it too), or an ARL too large to
/// represent (beyond 1e300).
inline double cusum_arl(double k, double h, double shift = 0, double head_start = 0) {
  detail::check_cusum_parameters(k, h);
  detail::check_finite(shift, "shift");
  if (!(head_start >= 0.0 && head_start <= h / 2.0 + k))
    detail::throw_invalid_argument("CUSUM head start " + detail::format_number(head_start) + " is outside [0, h/2 + k] = [0, " +
                                   detail::format_number(h / 2.0 + k) + "]");
  const double arl = detail::cusum_two_sided_arl(k, h, shift, head_start, detail::cusum_nodes(h));
  if (!std::isfinite(arl))
    detail::throw_invalid_argument("CUSUM k " + detail::format_number(k) + ", h " + detail::format_number(h) +
                                   " has an ARL too large to represent");
  return arl;
}

/// Average run length of the two-sided EWMA chart z_t = lambda x_t + (1 - lambda) z_{t-1},
/// z_0 = target, with limits +- L sigma sqrt(lambda / (2 - lambda)) (`asymptotic`) or the
/// exact time-varying limits of `ewma_chart` (`exact`), on standardised normal data whose
/// mean has moved by `shift` sigma. Crowder's (1987) integral equation solved by Nystrom on
/// Gauss-Legendre nodes; for exact limits, the density of z_t is carried forward until the
/// limits reach their asymptote. Agrees with R spc's xewma.arl(lambda, L, shift, sided =
/// "two", limits = "fix" or "vacl") to 1e-6, and with Lucas and Saccucci's (1990) tables.
/// Throws `std::invalid_argument` for lambda outside (0, 1], L <= 0, a non-finite
/// argument, limits 2 L / sqrt(lambda (2 - lambda)) wider than 300 (e.g. lambda 1e-4 with
/// L 3), exact limits with lambda below about 0.0023 (they take more than 5,000 points to
/// settle), or an ARL above 1e9 (not computable to six digits).
inline double ewma_arl(double lambda, double L, double shift = 0, ewma_limits limits = ewma_limits::asymptotic) {
  detail::check_ewma_lambda(lambda);
  detail::check_ewma_width(L);
  detail::check_finite(shift, "shift");
  detail::check_limits(limits);
  const double arl = detail::ewma_arl_unchecked(lambda, L, shift, limits);
  if (!(arl >= 1.0 && arl <= detail::max_ewma_arl))
    detail::throw_invalid_argument("EWMA lambda " + detail::format_number(lambda) + ", L " + detail::format_number(L) +
                                   " has an ARL above " + detail::format_number(detail::max_ewma_arl) +
                                   ", beyond what this method computes to six digits");
  return arl;
}

/// The decision interval h (in sigma units) at which the two-sided CUSUM with reference
/// value k and no head start has the given in-control ARL; R spc's xcusum.crit(k, arl,
/// sided = "two"). Throws `std::invalid_argument` for k < 0 or not finite, an ARL that is not
/// finite and above 1, an ARL at or below 1 / (2 Phi(-k)) (the ARL as h tends to 0: no h
/// reaches it), or one that needs h above 300.
inline double cusum_threshold_for_arl(double k, double in_control_arl) {
  if (!(k >= 0.0) || !std::isfinite(k))
    detail::throw_invalid_argument("CUSUM k " + detail::format_number(k) + " must be finite and non-negative");
  detail::check_in_control_arl(in_control_arl);
  // As h -> 0 the chart signals on the first point beyond +-k.
  const double arl_at_zero = 1.0 / (2.0 * detail::run_length_cdf(-k));
  if (!(in_control_arl > arl_at_zero))
    detail::throw_invalid_argument("in-control ARL " + detail::format_number(in_control_arl) + " is at or below " +
                                   detail::format_number(arl_at_zero) + ", the ARL of a CUSUM with k " +
                                   detail::format_number(k) + " as h tends to 0");
  return detail::solve_for_arl(
      [k](double h) { return detail::cusum_two_sided_arl(k, h, 0.0, 0.0, detail::cusum_nodes(h)); }, arl_at_zero,
      in_control_arl, detail::max_width_in_spreads, 1e300, "h");
}

/// The width L (limits +- L sigma sqrt(lambda / (2 - lambda)), times sqrt(1 - (1 -
/// lambda)^(2t)) for `exact`) at which the two-sided EWMA has the given in-control ARL;
/// R spc's xewma.crit(lambda, arl, sided = "two", limits = "fix" or "vacl"). Throws
/// `std::invalid_argument` for lambda outside (0, 1], an ARL that is not finite and above
/// 1 or is above 1e9, and as `ewma_arl` for a lambda too small to compute.
inline double ewma_width_for_arl(double lambda, double in_control_arl, ewma_limits limits = ewma_limits::asymptotic) {
  detail::check_ewma_lambda(lambda);
  detail::check_limits(limits);
  detail::check_in_control_arl(in_control_arl);
  if (in_control_arl > detail::max_ewma_arl)
    detail::throw_invalid_argument("in-control ARL " + detail::format_number(in_control_arl) + " is above " +
                                   detail::format_number(detail::max_ewma_arl) +
                                   ", beyond what the EWMA's run length is computed to six digits");
  // As L -> 0 the chart signals on the first point.
  return detail::solve_for_arl(
      [lambda, limits](double L) { return detail::ewma_arl_unchecked(lambda, L, 0.0, limits); }, 1.0, in_control_arl,
      64.0, 10.0 * detail::max_ewma_arl, "L");
}

/// A `cusum_chart` whose in-control ARL is `in_control_arl`: h from
/// `cusum_threshold_for_arl(k, in_control_arl)`, no head start. Throws as that function and
/// the chart's constructor do.
inline cusum_chart cusum_chart_for_arl(double target, double sigma, double in_control_arl, double k = 0.5) {
  return cusum_chart(target, sigma, k, cusum_threshold_for_arl(k, in_control_arl));
}

/// An `ewma_chart` whose in-control ARL is `in_control_arl` with the exact time-varying
/// limits the chart uses: L from `ewma_width_for_arl(lambda, in_control_arl,
/// ewma_limits::exact)`. Throws as that function and the chart's constructor do.
inline ewma_chart ewma_chart_for_arl(double target, double sigma, double in_control_arl, double lambda = 0.2) {
  return ewma_chart(target, sigma, lambda, ewma_width_for_arl(lambda, in_control_arl, ewma_limits::exact));
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_CONSISTENCY_RUN_LENGTH_HPP
