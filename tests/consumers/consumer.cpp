// What a consumer writes: include the umbrella, use a histogram and an interval. Exits 0
// only when the numbers are right, so the consumer tests check more than a link.
#include <cxmetrics/cxmetrics.hpp>

#include <cmath>
#include <cstdio>

int main() {
  cxmetrics::rating_histogram<cxmetrics::csat_scale> h;
  const int ratings[] = {5, 4, 4, 2, 5};
  h.add(std::begin(ratings), std::end(ratings));
  const double top2 = cxmetrics::share(h, 4, 5);  // 4 of 5
  const cxmetrics::interval ci = cxmetrics::proportion_interval(4, 5);
  std::printf("mean %.2f, top-2 box %.2f, 95%% Wilson [%.4f, %.4f]\n", cxmetrics::mean(h), top2,
              ci.lower, ci.upper);
  // R: prop.test(4, 5, correct = FALSE)$conf.int = 0.3755346298 0.9637758914
  const bool ok = std::fabs(top2 - 0.8) < 1e-15 && std::fabs(ci.lower - 0.3755346298) < 1e-9 &&
                  std::fabs(ci.upper - 0.9637758914) < 1e-9;
  return ok ? 0 : 1;
}
