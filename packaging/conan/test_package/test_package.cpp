#include <cxmetrics/cxmetrics.hpp>

#include <cstdio>

int main() {
  cxmetrics::rating_histogram<cxmetrics::nps_scale> h;
  const int ratings[] = {10, 9, 7, 3};
  h.add(std::begin(ratings), std::end(ratings));
  const cxmetrics::interval ci = cxmetrics::proportion_interval(2, 4);
  std::printf("mean %.2f, promoter share 95%% [%.3f, %.3f]\n", cxmetrics::mean(h), ci.lower, ci.upper);
  return h.total() == 4 ? 0 : 1;
}
