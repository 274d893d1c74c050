// Compiled by check_compile_fail.cmake once per CASE: case 0 must compile, every other case
// must fail with a "deleted" error (and not for any other reason).
#include <cxmetrics/core/histogram.hpp>

int main() {
  cxmetrics::rating_histogram<cxmetrics::nps_scale> h;
  cxmetrics::weighted_histogram<cxmetrics::nps_scale> w;
#if CASE == 0
  h.add(9);
  h.add(9LL);  // wider integers compile: checked in their own type at run time
  w.add(9, 1.0);
  return static_cast<int>(h.total() + w.total()) - 2;
#elif CASE == 1
  h.add(9.7);  // would count a 9
#elif CASE == 2
  h.add(true);  // would count a 1
#elif CASE == 3
  h.add(9.7f);
#elif CASE == 4
  return h.try_add(9.7) ? 0 : 1;
#elif CASE == 5
  w.add(9.7, 1.0);
#elif CASE == 6
  w.add(false, 1.0);
#endif
  return 0;
}
