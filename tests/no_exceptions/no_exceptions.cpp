// Built with -fno-exceptions: every public header (the umbrella and the Boost.Accumulators
// adapter) compiles, every class template is explicitly instantiated (all its members) and
// every function template is called once, and errors stop the program with their message,
// never counted or silently dropped. argv[1] picks the error path; without it the program
// must run to the end and exit 0.
#include <cxmetrics/accumulators.hpp>
#include <cxmetrics/cxmetrics.hpp>

#include <boost/accumulators/statistics/count.hpp>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace cx = cxmetrics;

// Every member of the class templates, for a typical argument.
template class cx::rating<cx::nps_scale>;
template class cx::rating_histogram<cx::nps_scale>;
template class cx::rating_histogram<cx::csat_scale, std::uint16_t>;
template class cx::weighted_histogram<cx::nps_scale>;
template class cx::rating_window<cx::csat_scale>;
template class cx::period_ring<cx::csat_scale>;
template class cx::decayed_histogram<cx::csat_scale>;
template class cx::paired_gap<cx::csat_scale>;
template class cx::joint_histogram<cx::likert_scale<7>, cx::nps_scale>;
template class cx::grouped<std::string, cx::nps_histogram>;
template class cx::grouped<int, cx::moments>;
template struct cx::employee_ratings<cx::csat_scale>;
template struct cx::leaderboard<std::string>;
template struct cx::pareto_result<std::string>;

template <class T>
T round_trip(const T& state) {
  const auto bytes = cx::encode(state);
  return cx::decode<T>(bytes.data(), bytes.size());
}

int fail(const char* which) {
  cx::nps_histogram h;
  if (std::strcmp(which, "rating") == 0) h.add(11);
  if (std::strcmp(which, "decode") == 0) {
    auto bytes = cx::encode(h);
    bytes[7] ^= 1;
    (void)cx::decode<cx::nps_histogram>(bytes.data(), bytes.size());
  }
  if (std::strcmp(which, "grouped") == 0) {
    cx::grouped<std::string, cx::nps_histogram> g;
    g.add("ana", 9);
    std::vector<std::string> keys{"ana", "bo"};
    std::vector<int> values{9, 12};
    g.add(keys.begin(), keys.end(), values.begin());  // all or nothing: aborts naming 12
  }
  if (std::strcmp(which, "at") == 0) (void)cx::grouped<int, cx::moments>().at(7);
  if (std::strcmp(which, "accumulator") == 0) {
    namespace ba = boost::accumulators;
    ba::accumulator_set<int, ba::features<ba::tag::count, cx::tag::nps>> acc;
    acc(11);
  }
  if (std::strcmp(which, "parallel") == 0) {
    std::vector<std::uint8_t> data(std::size_t{3} << 20, 5);
    data[(std::size_t{2} << 20) + 1] = 99;
    cx::parallel_add(h, data.data(), data.size(), 3);
  }
  std::fprintf(stderr, "no error path named %s\n", which);
  return 3;
}

int main(int argc, char** argv) {
  if (argc > 1) return fail(argv[1]);

  cx::nps_histogram h;
  for (int v : {10, 9, 9, 8, 7, 6, 3, 0, 10, 9}) h.add(v);
  cx::nps_histogram other;
  for (int v : {10, 10, 9, 6, 5, 2, 9, 8}) other.add(v);
  cx::weighted_histogram<cx::nps_scale> w;
  w.add(9, 1.5);
  w.add(3, 0.5);
  w.add(10, 1.0);
  cx::rating_histogram<cx::csat_scale> csat_h, csat_other;
  for (int v : {5, 4, 4, 3, 1, 5}) csat_h.add(v);
  for (int v : {3, 4, 2, 5, 1, 2}) csat_other.add(v);
  cx::rating_histogram<cx::ces_scale> ces_h;
  for (int v : {7, 6, 5, 2}) ces_h.add(v);

  double sink = 0.0;
  sink += cx::mean(h) + cx::variance(w) + cx::stddev(h) + cx::quantile(h, 0.5) + cx::quantile(w, 0.5) + cx::share(h, 9, 10);
  sink += cx::mean_interval(h).lower + cx::net_promoter_score(w).score + cx::nps_interval(h).upper;
  sink += cx::employee_net_promoter_score(h).score + cx::compare_nps(h, other).p_value;
  sink += cx::top_box(csat_h).estimate + cx::bottom_box(csat_h).estimate + cx::box_share(csat_h, 2, 3).estimate;
  sink += cx::mean_score(csat_h).estimate + cx::customer_satisfaction_score(csat_h).satisfied.estimate + cx::customer_effort_score(ces_h).mean.estimate;
  sink += cx::mann_whitney(csat_h, csat_other).p_value + cx::cliffs_delta(csat_h, csat_other);
  sink += cx::cohens_d(csat_h, csat_other) + cx::hedges_g(csat_h, csat_other);
  sink += cx::welch_t_test(csat_h, csat_other).p_value;
  cx::weighted_histogram<cx::csat_scale> wa, wb;
  for (int v : {5, 4, 2}) wa.add(v, 1.0 + v);
  for (int v : {1, 3, 2}) wb.add(v, 2.0);
  sink += cx::welch_t_test(wa, wb).p_value;
  sink += cx::perception_gap(csat_h, csat_other).welch.difference + cx::delivery_gap(csat_h, csat_other, 1).difference.difference;
  sink += cx::predictability(csat_h, 4.0, 1.0).share_within_tolerance + cx::scale_midpoint<cx::likert_scale<7>>();

  cx::paired_gap<cx::csat_scale> gap;
  for (int i = 0; i < 6; ++i) gap.add(1 + i % 5, 1 + (i * 3) % 5);
  sink += cx::summarize(gap).mean_gap.difference + cx::wilcoxon_signed_rank(gap.differences()).p_value;
  sink += cx::paired_t_test(gap.differences()).p_value;

  std::vector<cx::employee_ratings<cx::csat_scale>> team{{"ana", 4.5, csat_h}, {"bo", 3.0, csat_other}, {"cy", 4.0, csat_h + csat_other}};
  sink += cx::calibrate(team).rank_correlation;

  cx::joint_histogram<cx::likert_scale<7>, cx::nps_scale> joint;
  for (int i = 0; i < 20; ++i) joint.add(1 + i % 7, (i * 3) % 11);
  sink += cx::pearson(joint) + cx::spearman(joint);
  sink += cx::rank_key_drivers(std::vector<std::pair<std::string, decltype(joint)>>{{"speed", joint}}).front().pearson;

  cx::grouped<std::string, cx::nps_histogram> by_agent;
  for (int i = 0; i < 30; ++i) by_agent.add(std::string(1, static_cast<char>('a' + i % 4)), i % 11);
  sink += static_cast<double>(cx::rank_agents(by_agent).rows.size());
  sink += static_cast<double>(by_agent.merged().total() + by_agent.erase("a"));
  std::map<std::string, std::uint64_t> before{{"wait", 30}, {"price", 10}}, after{{"wait", 20}, {"price", 15}};
  sink += static_cast<double>(cx::pareto(before).rows.size() + cx::compare_reason_shares(after, before).size());

  cx::ewma_chart ewma(10.0, 1.0);
  cx::cusum_chart cusum(10.0, 1.0);
  cx::rule_monitor monitor(10.0, 1.0);
  cx::beat_tracker tracker(9.0);
  cx::rating_window<cx::csat_scale> window(3);
  cx::period_ring<cx::csat_scale> ring(2);
  cx::decayed_histogram<cx::csat_scale> decayed(4.0);
  for (double x : {10.2, 11.0, 9.5, 13.5}) {
    ewma.update(x);
    cusum.update(x);
    monitor.update(x);
    tracker.add(x);
    window.add(static_cast<int>(x) % 5 + 1);
    ring.add(static_cast<int>(x) % 5 + 1);
    decayed.add(static_cast<int>(x) % 5 + 1);
  }
  ring.advance();
  cx::grouped<int, cx::beat_tracker> teams{cx::beat_tracker{30.0}};
  teams[1].add(31.0);

  cx::state_bundle bundle;
  bundle.put("h", round_trip(h));
  bundle.put("w", round_trip(w));
  bundle.put("ewma", round_trip(ewma));
  bundle.put("cusum", round_trip(cusum));
  bundle.put("monitor", round_trip(monitor));
  bundle.put("tracker", round_trip(tracker));
  bundle.put("window", round_trip(window));
  bundle.put("ring", round_trip(ring));
  bundle.put("decayed", round_trip(decayed));
  bundle.put("gap", round_trip(gap));
  bundle.put("agents", round_trip(by_agent));
  bundle.put("teams", round_trip(teams));
  bundle.put("moments", round_trip(cx::moments()));
  bundle.put("comoments", round_trip(cx::comoments()));
  bundle.put("joint", round_trip(joint));
  cx::servqual_survey survey;
  survey.add(std::vector<int>(22, 5), std::vector<int>(22, 4));
  bundle.put("survey", round_trip(survey));
  const auto back = round_trip(bundle);
  if (!(back == bundle) || !(back.get<cx::ewma_chart>("ewma") == ewma)) return 1;

  std::vector<std::uint8_t> bytes(std::size_t{3} << 20, 9);
  cx::nps_histogram parallel;
  cx::parallel_add(parallel, bytes.data(), bytes.size(), 3);
  if (parallel.count(9) != bytes.size()) return 2;

  namespace ba = boost::accumulators;
  ba::accumulator_set<int, ba::features<ba::tag::count, cx::tag::nps, cx::tag::top_box<cx::nps_scale>, cx::tag::nps_interval,
                                        cx::tag::share<cx::nps_scale, 0, 6>>>
      acc(cx::interval_level = 0.9);
  for (int v : {10, 9, 7, 3}) cx::add_rating<cx::nps_scale>(acc, v);
  sink += cx::extract::nps(acc).score + cx::extract::top_box<cx::nps_scale>(acc).estimate;
  sink += cx::extract::nps_interval(acc).lower + cx::extract::share<cx::nps_scale, 0, 6>(acc).ci.upper;
  sink += static_cast<double>(cx::extract::rating_histogram<cx::nps_scale>(acc).total());

  std::printf("no-exceptions build ran every path (%g)\n", sink);
  return 0;
}
