// Boost.Accumulators integration: cxmetrics statistics as features of an accumulator_set,
// beside Boost's own (count, mean, ...). The only header that includes Boost.Accumulators.
//
// **Example**:
// ```
// namespace ba = boost::accumulators;
// ba::accumulator_set<int, ba::features<ba::tag::count, cxmetrics::tag::nps>> acc;
// for (int r : {10, 9, 7, 3}) acc(r);
// cxmetrics::extract::nps(acc).score;  // 25
// ```
// In a weighted accumulator_set (`accumulator_set<int, features<...>, double>`, fed as
// `acc(r, ba::weight = w)`) the same tags compute the weighted statistics.
//
// Intervals are computed at the level given to the set's constructor, 0.95 by default:
// `accumulator_set<int, features<tag::nps_interval>> acc(cxmetrics::interval_level = 0.90)`.
//
// Bad samples: Boost visits a set's features in dependency order, so a feature that does
// not depend on ours (Boost's `count` and `mean`, say) may already have counted a bad
// sample when ours throws `invalid_rating`; the set is then inconsistent. Feed ratings
// through `add_rating<Scale>(acc, value)` (or `(acc, value, weight)`), which checks the
// value (and weight) first and leaves the whole set unchanged when either is bad.
#ifndef CXMETRICS_ACCUMULATORS_HPP
#define CXMETRICS_ACCUMULATORS_HPP

#include <cmath>
#include <string>
#include <type_traits>

#include <boost/accumulators/framework/accumulator_base.hpp>
#include <boost/accumulators/framework/accumulator_set.hpp>
#include <boost/accumulators/framework/depends_on.hpp>
#include <boost/accumulators/framework/extractor.hpp>
#include <boost/accumulators/framework/features.hpp>
#include <boost/accumulators/framework/parameters/accumulator.hpp>
#include <boost/accumulators/framework/parameters/sample.hpp>
#include <boost/accumulators/framework/parameters/weight.hpp>
#include <boost/mpl/always.hpp>
#include <boost/parameter/keyword.hpp>

#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/interval.hpp>
#include <cxmetrics/detail/validate.hpp>
#include <cxmetrics/core/box_scores.hpp>
#include <cxmetrics/scoring/nps.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// The confidence level of the interval features, a named argument of the set's
/// constructor: `acc(cxmetrics::interval_level = 0.90)`; 0.95 when not given.
BOOST_PARAMETER_NESTED_KEYWORD(tag, interval_level, level)

namespace detail {

// Samples may be any integer type, or floating-point values that are whole numbers.
template <class Scale, class T>
int rating_value_of(T value) {
  if constexpr (std::is_integral_v<T>) {
    if (!on_scale<Scale>(value))
      throw_invalid_rating("rating " + integer_text(value) + " is outside the scale " + Scale::name());
    return static_cast<int>(value);
  } else {
    static_assert(std::is_floating_point_v<T>, "samples must be integers or floating-point ratings");
    const auto x = static_cast<double>(value);
    if (!(x >= Scale::min && x <= Scale::max) || x != std::floor(x))
      throw_invalid_rating("rating " + format_number(x) + " is not a point of the scale " + Scale::name());
    return static_cast<int>(x);
  }
}

namespace accumulators {
namespace ba = boost::accumulators;

template <class Scale>
struct rating_histogram_impl : ba::accumulator_base {
  using result_type = cxmetrics::rating_histogram<Scale>;
  rating_histogram_impl(ba::dont_care) {}
  template <class Args>
  void operator()(const Args& args) {
    histogram_.add(rating_value_of<Scale>(args[ba::sample]));
  }
  result_type result(ba::dont_care) const { return histogram_; }

 private:
  result_type histogram_;
};

template <class Scale>
struct weighted_rating_histogram_impl : ba::accumulator_base {
  using result_type = cxmetrics::weighted_histogram<Scale>;
  weighted_rating_histogram_impl(ba::dont_care) {}
  template <class Args>
  void operator()(const Args& args) {
    histogram_.add(rating_value_of<Scale>(args[ba::sample]), static_cast<double>(args[ba::weight]));
  }
  result_type result(ba::dont_care) const { return histogram_; }

 private:
  result_type histogram_;
};

template <class HistogramTag>
struct nps_impl : ba::accumulator_base {
  using result_type = nps_result;
  nps_impl(ba::dont_care) {}
  template <class Args>
  result_type result(const Args& args) const {
    const ba::extractor<HistogramTag> histogram = {};
    return net_promoter_score(histogram(args));
  }
};

// The level named in the set's constructor, checked once there.
template <class Args>
double level_argument(const Args& args) {
  const double level = args[interval_level | 0.95];
  check_level(level);
  return level;
}

template <class HistogramTag, int K>
struct top_box_impl : ba::accumulator_base {
  using result_type = share_estimate;
  template <class Args>
  top_box_impl(const Args& args) : level_(level_argument(args)) {}
  template <class Args>
  result_type result(const Args& args) const {
    const ba::extractor<HistogramTag> histogram = {};
    return cxmetrics::top_box(histogram(args), K, level_);
  }

 private:
  double level_;
};

template <class HistogramTag, int Lo, int Hi>
struct share_impl : ba::accumulator_base {
  using result_type = share_estimate;
  template <class Args>
  share_impl(const Args& args) : level_(level_argument(args)) {}
  template <class Args>
  result_type result(const Args& args) const {
    const ba::extractor<HistogramTag> histogram = {};
    return cxmetrics::box_share(histogram(args), Lo, Hi, level_);
  }

 private:
  double level_;
};

template <class HistogramTag>
struct nps_interval_impl : ba::accumulator_base {
  using result_type = interval;
  template <class Args>
  nps_interval_impl(const Args& args) : level_(level_argument(args)) {}
  template <class Args>
  result_type result(const Args& args) const {
    const ba::extractor<HistogramTag> histogram = {};
    return cxmetrics::nps_interval(histogram(args), level_);
  }

 private:
  double level_;
};

}  // namespace accumulators
}  // namespace detail

/// Features for `boost::accumulators::accumulator_set`.
namespace tag {
template <class Scale>
struct rating_histogram;
template <class Scale>
struct weighted_rating_histogram;
struct nps;
struct weighted_nps;
template <class Scale, int K = 2>
struct top_box;
template <class Scale, int K = 2>
struct weighted_top_box;
template <class Scale, int Lo, int Hi>
struct share;
template <class Scale, int Lo, int Hi>
struct weighted_share;
struct nps_interval;
struct weighted_nps_interval;
}  // namespace tag

CXMETRICS_END_NAMESPACE

// In a weighted accumulator_set, Boost swaps each feature for its weighted counterpart;
// feature_of lets the unweighted tag and extractor find it.
namespace boost {
namespace accumulators {
template <class Scale>
struct as_weighted_feature<cxmetrics::tag::rating_histogram<Scale>> {
  using type = cxmetrics::tag::weighted_rating_histogram<Scale>;
};
template <class Scale>
struct feature_of<cxmetrics::tag::weighted_rating_histogram<Scale>>
    : feature_of<cxmetrics::tag::rating_histogram<Scale>> {};
template <>
struct as_weighted_feature<cxmetrics::tag::nps> {
  using type = cxmetrics::tag::weighted_nps;
};
template <>
struct feature_of<cxmetrics::tag::weighted_nps> : feature_of<cxmetrics::tag::nps> {};
template <class Scale, int K>
struct as_weighted_feature<cxmetrics::tag::top_box<Scale, K>> {
  using type = cxmetrics::tag::weighted_top_box<Scale, K>;
};
template <class Scale, int K>
struct feature_of<cxmetrics::tag::weighted_top_box<Scale, K>> : feature_of<cxmetrics::tag::top_box<Scale, K>> {};
template <class Scale, int Lo, int Hi>
struct as_weighted_feature<cxmetrics::tag::share<Scale, Lo, Hi>> {
  using type = cxmetrics::tag::weighted_share<Scale, Lo, Hi>;
};
template <class Scale, int Lo, int Hi>
struct feature_of<cxmetrics::tag::weighted_share<Scale, Lo, Hi>> : feature_of<cxmetrics::tag::share<Scale, Lo, Hi>> {};
template <>
struct as_weighted_feature<cxmetrics::tag::nps_interval> {
  using type = cxmetrics::tag::weighted_nps_interval;
};
template <>
struct feature_of<cxmetrics::tag::weighted_nps_interval> : feature_of<cxmetrics::tag::nps_interval> {};
}  // namespace accumulators
}  // namespace boost

CXMETRICS_BEGIN_NAMESPACE

namespace tag {
namespace ba = boost::accumulators;

/// The `rating_histogram<Scale>` of the samples (a `weighted_histogram<Scale>` in a
/// weighted set). Samples off the scale throw `invalid_rating`.
template <class Scale>
struct rating_histogram : ba::depends_on<> {
  using impl = boost::mpl::always<detail::accumulators::rating_histogram_impl<Scale>>;
};
template <class Scale>
struct weighted_rating_histogram : ba::depends_on<> {
  using impl = boost::mpl::always<detail::accumulators::weighted_rating_histogram_impl<Scale>>;
};

/// The `nps_result` of 0..10 samples.
struct nps : ba::depends_on<rating_histogram<nps_scale>> {
  using impl = boost::mpl::always<detail::accumulators::nps_impl<rating_histogram<nps_scale>>>;
};
struct weighted_nps : ba::depends_on<weighted_rating_histogram<nps_scale>> {
  using impl = boost::mpl::always<detail::accumulators::nps_impl<weighted_rating_histogram<nps_scale>>>;
};

/// The top-K box `share_estimate` of samples on `Scale`, with its Wilson interval at the
/// set's `interval_level` (0.95 by default).
template <class Scale, int K>
struct top_box : ba::depends_on<rating_histogram<Scale>> {
  using impl = boost::mpl::always<detail::accumulators::top_box_impl<rating_histogram<Scale>, K>>;
};
template <class Scale, int K>
struct weighted_top_box : ba::depends_on<weighted_rating_histogram<Scale>> {
  using impl = boost::mpl::always<detail::accumulators::top_box_impl<weighted_rating_histogram<Scale>, K>>;
};


/// The share of samples in [Lo, Hi] on `Scale` (a proportion) with its Wilson interval at
/// the set's `interval_level`, as `box_share(h, Lo, Hi, level)`.
template <class Scale, int Lo, int Hi>
struct share : ba::depends_on<rating_histogram<Scale>> {
  static_assert(Scale::min <= Lo && Lo <= Hi && Hi <= Scale::max, "the share's range must lie on the scale");
  using impl = boost::mpl::always<detail::accumulators::share_impl<rating_histogram<Scale>, Lo, Hi>>;
};
template <class Scale, int Lo, int Hi>
struct weighted_share : ba::depends_on<weighted_rating_histogram<Scale>> {
  using impl = boost::mpl::always<detail::accumulators::share_impl<weighted_rating_histogram<Scale>, Lo, Hi>>;
};

/// The adjusted-Wald interval of the NPS of 0..10 samples at the set's `interval_level`, as
/// `nps_interval(h, level)`.
struct nps_interval : ba::depends_on<rating_histogram<nps_scale>> {
  using impl = boost::mpl::always<detail::accumulators::nps_interval_impl<rating_histogram<nps_scale>>>;
};
struct weighted_nps_interval : ba::depends_on<weighted_rating_histogram<nps_scale>> {
  using impl = boost::mpl::always<detail::accumulators::nps_interval_impl<weighted_rating_histogram<nps_scale>>>;
};

}  // namespace tag

/// Extractors: `extract::nps(acc)`, `extract::rating_histogram<nps_scale>(acc)`, ...
namespace extract {
template <class Scale>
inline const boost::accumulators::extractor<tag::rating_histogram<Scale>> rating_histogram = {};
inline const boost::accumulators::extractor<tag::nps> nps = {};
template <class Scale, int K = 2>
inline const boost::accumulators::extractor<tag::top_box<Scale, K>> top_box = {};
template <class Scale, int Lo, int Hi>
inline const boost::accumulators::extractor<tag::share<Scale, Lo, Hi>> share = {};
inline const boost::accumulators::extractor<tag::nps_interval> nps_interval = {};
}  // namespace extract

/// Adds `value` to the set `acc` after checking it is a point of `Scale`: an off-scale value
/// throws `invalid_rating` before any feature sees it, so the whole set is unchanged.
template <class Scale, class Set, class T>
void add_rating(Set& acc, T value) {
  (void)detail::rating_value_of<Scale>(value);
  acc(value);
}

/// Weighted form: also checks that `weight` is finite and non-negative
/// (`std::invalid_argument`) before any feature sees the sample.
template <class Scale, class Set, class T>
void add_rating(Set& acc, T value, double weight) {
  (void)detail::rating_value_of<Scale>(value);
  if (!(weight >= 0.0) || !std::isfinite(weight)) detail::throw_bad_weight(weight, 0, false);
  acc(value, boost::accumulators::weight = weight);
}

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_ACCUMULATORS_HPP
