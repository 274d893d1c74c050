// libFuzzer target for every decoder: arbitrary bytes must either decode or throw
// decode_error. Anything else (another exception, a crash, a sanitizer report) is a finding.
// What decodes must be canonical: version-2 bytes re-encode to exactly themselves;
// version-1 bytes (no checksum) decode to a state that round-trips through version 2.
// Random bytes almost never carry a valid CRC-32C, so each version-2 input is also tried
// with its checksum recomputed: that is what reaches the parsers behind the checksum.
#include <cxmetrics/io/chart_encoding.hpp>
#include <cxmetrics/io/grouped_encoding.hpp>
#include <cxmetrics/io/state_bundle.hpp>
#include <cxmetrics/io/survey_encoding.hpp>
#include <cxmetrics/io/window_encoding.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace cx = cxmetrics;

template <class T>
static void check(const std::vector<std::uint8_t>& bytes) {
  try {
    const T state = cx::decode<T>(bytes.data(), bytes.size());
    const std::vector<std::uint8_t> again = cx::encode(state);
    if (bytes.size() > 4 && bytes[4] == 2) {
      if (again != bytes) std::abort();
    } else if (!(cx::decode<T>(again.data(), again.size()) == state)) {
      std::abort();
    }
  } catch (const cx::decode_error&) {
  }
}

static void check_all(const std::vector<std::uint8_t>& bytes) {
  check<cx::rating_histogram<cx::nps_scale>>(bytes);
  check<cx::rating_histogram<cx::csat_scale, std::uint8_t>>(bytes);
  check<cx::weighted_histogram<cx::nps_scale>>(bytes);
  check<cx::weighted_histogram<cx::csat_scale>>(bytes);
  check<cx::moments>(bytes);
  check<cx::comoments>(bytes);
  check<cx::ewma_chart>(bytes);
  check<cx::cusum_chart>(bytes);
  check<cx::beat_tracker>(bytes);
  check<cx::rule_monitor>(bytes);
  check<cx::paired_gap<cx::csat_scale>>(bytes);
  check<cx::grouped<std::string, cx::rating_histogram<cx::nps_scale>>>(bytes);
  check<cx::grouped<int, cx::moments>>(bytes);
  check<cx::rating_window<cx::csat_scale>>(bytes);
  check<cx::period_ring<cx::csat_scale>>(bytes);
  check<cx::decayed_histogram<cx::csat_scale>>(bytes);
  check<cx::state_bundle>(bytes);
  check<cx::joint_histogram<cx::likert_scale<7>, cx::nps_scale>>(bytes);
  check<cx::servqual_survey>(bytes);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> bytes(data, data + size);
  check_all(bytes);
  if (size >= 10 && data[4] == 2) {
    const std::uint32_t crc = cx::detail::crc32c(data, size - 4);
    for (std::size_t i = 0; i < 4; ++i) bytes[size - 4 + i] = static_cast<std::uint8_t>(crc >> (8 * i));
    check_all(bytes);
  }
  return 0;
}
