// Encoding of the survey-analysis states (joint_histogram for key drivers, servqual_survey),
// in the format of io/encoding.hpp (docs/encoding.md).
#ifndef CXMETRICS_IO_SURVEY_ENCODING_HPP
#define CXMETRICS_IO_SURVEY_ENCODING_HPP

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <cxmetrics/gap/servqual.hpp>
#include <cxmetrics/io/encoding.hpp>
#include <cxmetrics/segments/drivers.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

// Body: x scale, y scale (4 + 4 each), then the count of every (x, y) pair (8 each), x major.
template <class ScaleX, class ScaleY>
struct state_access::codec<joint_histogram<ScaleX, ScaleY>> {
  static constexpr state_type type = state_type::joint_histogram;
  static void write(byte_writer& w, const joint_histogram<ScaleX, ScaleY>& h) {
    write_scale<ScaleX>(w);
    write_scale<ScaleY>(w);
    for (std::uint64_t c : h.counts_) w.u64(c);
  }
  static joint_histogram<ScaleX, ScaleY> read(byte_reader& r) {
    read_scale<ScaleX>(r);
    read_scale<ScaleY>(r);
    joint_histogram<ScaleX, ScaleY> h;
    for (auto& c : h.counts_) {
      c = r.u64();
      if (c > std::numeric_limits<std::uint64_t>::max() - h.total_) corrupt("the counts add up past 2^64 - 1");
      h.total_ += c;
    }
    return h;
  }
};

// Body: item count (8), each item's dimension (1: 0..4), importance flag (1), the five
// importance points when set (8 each), the moments of every item's gap, of the five
// dimension gaps, of the overall and of the weighted overall gap (moments bodies), and the
// respondents meeting expectations (8).
template <>
struct state_access::codec<servqual_survey> {
  static constexpr state_type type = state_type::servqual_survey;
  static void write(byte_writer& w, const servqual_survey& s) {
    w.u64(s.items_.size());
    for (auto d : s.items_) w.u8(static_cast<std::uint8_t>(d));
    w.u8(s.importance_ ? 1 : 0);
    if (s.importance_)
      for (double p : *s.importance_) w.f64(p);
    for (const auto& m : s.item_gaps_) codec<moments>::write(w, m);
    for (const auto& m : s.dimension_gaps_) codec<moments>::write(w, m);
    codec<moments>::write(w, s.overall_);
    codec<moments>::write(w, s.weighted_overall_);
    w.u64(s.meeting_);
  }
  static servqual_survey read(byte_reader& r) {
    const std::uint64_t count = r.u64();
    if (count > r.remaining()) corrupt(std::to_string(count) + " items in " + std::to_string(r.remaining()) + " bytes");
    std::vector<servqual_dimension> items(static_cast<std::size_t>(count));
    for (auto& d : items) {
      const std::uint8_t v = r.u8();
      if (v >= servqual_dimension_count) corrupt("SERVQUAL dimension " + std::to_string(v) + " is not 0..4");
      d = static_cast<servqual_dimension>(v);
    }
    const std::uint8_t has_importance = r.u8();
    if (has_importance > 1) corrupt("the importance flag is " + std::to_string(has_importance));
    std::optional<servqual_importance> importance;
    if (has_importance == 1) {
      importance.emplace();
      for (double& p : *importance) p = finite_field(r, "importance points");
    }
    servqual_survey s = construct_or_corrupt([&] { return servqual_survey(items, importance); });
    for (auto& m : s.item_gaps_) m = codec<moments>::read(r);
    for (auto& m : s.dimension_gaps_) m = codec<moments>::read(r);
    s.overall_ = codec<moments>::read(r);
    s.weighted_overall_ = codec<moments>::read(r);
    s.meeting_ = r.u64();
    // Every respondent adds to every item, every dimension and the overall gap.
    const std::uint64_t n = s.overall_.count();
    for (const auto& m : s.item_gaps_)
      if (m.count() != n) corrupt("an item with another number of respondents than the survey");
    for (const auto& m : s.dimension_gaps_)
      if (m.count() != n) corrupt("a dimension with another number of respondents than the survey");
    if (s.weighted_overall_.count() != (importance ? n : 0))
      corrupt("weighted gaps that do not match the importance and the respondents");
    if (s.meeting_ > n) corrupt("more respondents meeting expectations than respondents");
    return s;
  }
};

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_SURVEY_ENCODING_HPP
