// Case 0 compiles; case 1 (a state without a default constructor and no prototype) must
// stop at grouped's static assertion, which says what to do.
#include <cxmetrics/consistency/beat_tracker.hpp>
#include <cxmetrics/segments/grouped.hpp>

int main() {
#if CASE == 0
  cxmetrics::grouped<int, cxmetrics::beat_tracker> g{cxmetrics::beat_tracker{30.0}};
#else
  cxmetrics::grouped<int, cxmetrics::beat_tracker> g;
#endif
  g[1].add(31.0);
  return static_cast<int>(g.size()) - 1;
}
