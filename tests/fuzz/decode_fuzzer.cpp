// libFuzzer target for every decoder: arbitrary bytes must either decode to a state that
// re-encodes to exactly those bytes (canonical encoding) or throw decode_error. Anything
// else (another exception, a crash, a sanitizer report) is a finding.
#include <cxmetrics/io/chart_encoding.hpp>
#include <cxmetrics/io/grouped_encoding.hpp>

#include <string>

#include <cstdint>
#include <cstdlib>
#include <vector>

namespace cx = cxmetrics;

template <class T>
static void check(const std::uint8_t* data, std::size_t size) {
  try {
    const T state = cx::decode<T>(data, size);
    if (cx::encode(state) != std::vector<std::uint8_t>(data, data + size)) std::abort();
  } catch (const cx::decode_error&) {
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check<cx::rating_histogram<cx::nps_scale>>(data, size);
  check<cx::rating_histogram<cx::csat_scale, std::uint8_t>>(data, size);
  check<cx::weighted_histogram<cx::nps_scale>>(data, size);
  check<cx::weighted_histogram<cx::csat_scale>>(data, size);
  check<cx::moments>(data, size);
  check<cx::comoments>(data, size);
  check<cx::ewma_chart>(data, size);
  check<cx::cusum_chart>(data, size);
  check<cx::beat_tracker>(data, size);
  check<cx::paired_gap<cx::csat_scale>>(data, size);
  check<cx::grouped<std::string, cx::rating_histogram<cx::nps_scale>>>(data, size);
  check<cx::grouped<int, cx::moments>>(data, size);
  return 0;
}
