// Built with -fno-exceptions: an off-scale rating must stop the program with the message,
// never be counted or silently dropped.
#include <cxmetrics/core/histogram.hpp>

int main(int argc, char**) {
  cxmetrics::rating_histogram<cxmetrics::nps_scale> h;
  h.add(9);
  h.add(10 + argc);  // 11: off the scale
  return static_cast<int>(h.total());
}
