#include <cxmetrics/segments/drivers.hpp>
#include <cxmetrics/segments/grouped.hpp>
#include <cxmetrics/segments/leaderboard.hpp>
#include <cxmetrics/segments/pareto.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../support/histogram_support.hpp"
#include "../support/test_support.hpp"

namespace cx = cxmetrics;
using csat_hist = cx::rating_histogram<cx::csat_scale>;

TEST_SUITE("grouped") {
  TEST_CASE("bulk ingest from parallel columns, deterministic order, totals") {
    cx::grouped<std::string, csat_hist> g;
    const std::vector<std::string> agents{"bo", "ana", "ana", "cy", "bo"};
    const std::vector<int> ratings{5, 4, 2, 3, 5};
    g.add(agents.begin(), agents.end(), ratings.begin());
    CHECK(g.size() == 3);
    const auto items = g.sorted();
    CHECK(items[0].first == "ana");
    CHECK(items[0].second.total() == 2);
    CHECK(items[1].second.count(5) == 2);
    CHECK(g.total().total() == 5);
    CHECK(g.find("zoe") == nullptr);
    REQUIRE(g.find("cy") != nullptr);
    CHECK(g.find("cy")->count(3) == 1);
  }

  TEST_CASE("a bad value anywhere adds nothing, and names its position") {
    cx::grouped<int, csat_hist> g;
    g.add(7, 3);
    const auto before = g;
    const std::vector<int> keys{1, 2, 3};
    const std::vector<int> ratings{4, 9, 5};
    CHECK_THROWS_WITH_AS(g.add(keys.begin(), keys.end(), ratings.begin()),
                         "rating 9 at position 1 is outside the scale 1..5; nothing was added", cx::invalid_rating);
    CHECK(g == before);
    cx::grouped<int, cx::moments> m;
    const std::vector<double> values{1.0, std::nan("")};
    CHECK_THROWS_AS(m.add(keys.begin(), keys.begin() + 2, values.begin()), std::invalid_argument);
    CHECK(m.empty());
  }

  TEST_CASE("a state that fails mid-way is restored and new keys are removed") {
    cx::grouped<int, cx::moments> g;
    g.add(1, 5.0);
    const auto before = g;
    const std::vector<int> keys{1, 2, 1};
    const std::vector<double> values{1e200, 3.0, -1e200};  // finite, but M2 overflows
    CHECK_THROWS_AS(g.add(keys.begin(), keys.end(), values.begin()), std::overflow_error);
    CHECK(g == before);
    CHECK(g.find(2) == nullptr);
    g.add(2, 1.0);  // the index still works after the rollback
    CHECK(g.find(2)->count() == 1);
    cx::grouped<int, cx::rating_histogram<cx::nps_scale, std::uint8_t>> narrow;
    const std::vector<int> same(300, 7);
    const std::vector<int> nines(300, 9);
    CHECK_THROWS_AS(narrow.add(same.begin(), same.end(), nines.begin()), std::overflow_error);
    CHECK(narrow.empty());
    cx::grouped<int, cx::moments> other_prototype(cx::moments{});
    cx::moments seeded;
    seeded.add(1.0);
    CHECK(cx::grouped<int, cx::moments>(seeded) != other_prototype);
  }

  TEST_CASE("merge of random splits equals the whole, in any order") {
    auto rng = cxtest::seeded_rng(31);
    std::uniform_int_distribution<int> agent(0, 40), rating(1, 5);
    std::vector<int> keys(4000), values(4000);
    for (std::size_t i = 0; i < keys.size(); ++i) {
      keys[i] = agent(rng);
      values[i] = rating(rng);
    }
    cx::grouped<int, csat_hist> whole;
    whole.add(keys.begin(), keys.end(), values.begin());
    for (std::size_t parts : {2u, 5u, 17u}) {
      auto groups = cxtest::random_split(keys.size(), parts, rng);
      std::vector<cx::grouped<int, csat_hist>> partial(parts);
      for (std::size_t p = 0; p < parts; ++p)
        for (auto i : groups[p]) partial[p].add(keys[i], values[i]);
      std::shuffle(partial.begin(), partial.end(), rng);
      cx::grouped<int, csat_hist> merged;
      for (const auto& p : partial) merged += p;
      CHECK(merged == whole);
    }
  }

  TEST_CASE("states that need a prototype: a beat tracker per team is created from it") {
    cx::grouped<std::string, cx::moments> by_channel;
    by_channel.add("chat", 4.0);
    by_channel.add("chat", 6.0);
    CHECK(by_channel.find("chat")->mean() == doctest::Approx(5.0));
  }
}

TEST_SUITE("leaderboard") {
  TEST_CASE("the failure it prevents: one lucky response does not beat a long good record") {
    cx::grouped<std::string, csat_hist> g;
    g["solo"].add(5);                                   // 1 response, mean 5
    g["steady"] = csat_hist::from_counts({2, 2, 6, 30, 160});  // 200 responses, mean 4.71
    g["mixed"] = csat_hist::from_counts({10, 10, 10, 10, 10});
    // By raw mean, solo ranks first.
    CHECK(cx::mean(*g.find("solo")) > cx::mean(*g.find("steady")));
    cx::leaderboard_options bayes;
    bayes.method = cx::ranking_method::bayesian_average;
    for (const auto& options : {cx::leaderboard_options{}, bayes}) {
      const auto board = cx::rank_agents(g, options);
      REQUIRE(board.rows.size() == 3);
      CHECK(board.rows[0].key == "steady");  // not "solo"
      CHECK(board.rows[0].rank == 1);
    }
  }

  TEST_CASE("rows match statsmodels Wilson bounds and the Bayesian average formula") {
    const auto reference = cxtest::load_json("segments_reference.json").at("leaderboard");
    cx::grouped<std::string, csat_hist> g;
    for (const auto& [name, counts] : reference.at("agents").items()) g[name] = cxtest::histogram_of<cx::csat_scale>(counts);
    const auto wilson = cx::rank_agents(g);
    cx::leaderboard_options bayes_options;
    bayes_options.method = cx::ranking_method::bayesian_average;
    const auto bayes = cx::rank_agents(g, bayes_options);
    CXTEST_CHECK_CLOSE(bayes.population_mean, reference.at("population_mean").get<double>(), 1e-14);
    for (const auto& row : wilson.rows) {
      const auto& r = reference.at("rows").at(row.key);
      CHECK(row.n == r.at("n").get<std::uint64_t>());
      CXTEST_CHECK_CLOSE(row.raw, r.at("top_share").get<double>(), 1e-14);
      CXTEST_CHECK_CLOSE_ABS(row.adjusted, r.at("wilson")[0].get<double>(), 1e-9, 1e-15);
      CXTEST_CHECK_CLOSE_ABS(row.ci->upper, r.at("wilson")[1].get<double>(), 1e-9, 1e-15);
    }
    for (const auto& row : bayes.rows) {
      const auto& r = reference.at("rows").at(row.key);
      CXTEST_CHECK_CLOSE(row.raw, r.at("mean").get<double>(), 1e-14);
      CXTEST_CHECK_CLOSE(row.adjusted, r.at("bayes").get<double>(), 1e-13);
      CHECK(row.ci.has_value() == (row.n >= 2));
    }
    for (const auto* board : {&wilson, &bayes})
      for (std::size_t i = 1; i < board->rows.size(); ++i) CHECK(board->rows[i - 1].adjusted >= board->rows[i].adjusted);
  }

  TEST_CASE("ties share a rank and keep a stable order; the minimum-n guard") {
    cx::grouped<std::string, csat_hist> g;
    g["b"] = csat_hist::from_counts({0, 0, 0, 1, 1});
    g["a"] = csat_hist::from_counts({0, 0, 0, 1, 1});
    g["c"] = csat_hist::from_counts({0, 0, 0, 0, 1});
    g["big"] = csat_hist::from_counts({0, 0, 0, 50, 50});
    cx::leaderboard_options options;
    options.minimum_n = 2;
    const auto board = cx::rank_agents(g, options);
    REQUIRE(board.rows.size() == 3);
    CHECK(board.rows[0].key == "big");
    CHECK(board.rows[1].key == "a");
    CHECK(board.rows[2].key == "b");
    CHECK(board.rows[1].rank == 2);
    CHECK(board.rows[2].rank == 2);
    CHECK(board.unranked == std::vector<std::string>{"c"});
    options.success_lo = 6;
    CHECK_THROWS_AS(cx::rank_agents(g, options), std::invalid_argument);
    CHECK_THROWS_AS(cx::rank_agents(cx::grouped<std::string, csat_hist>()), cx::insufficient_data);
  }
}

TEST_SUITE("leaderboard") {
  TEST_CASE("ranking by the NPS lower bound counts detractors: +39.1 above +35.7 (numpy, statsmodels)") {
    const auto reference = cxtest::load_json("leaderboard_nps_reference.json").at("agents");
    cx::grouped<std::string, cx::rating_histogram<cx::nps_scale>> g;
    for (const auto& [name, a] : reference.items()) g[name] = cxtest::histogram_of<cx::nps_scale>(a.at("counts"));
    // The promoter share (box 9..10) puts the agent with more detractors first.
    cx::leaderboard_options promoters;
    promoters.success_lo = 9;
    promoters.minimum_n = 10;
    const auto by_share = cx::rank_agents(g, promoters);
    REQUIRE(by_share.rows.size() == 2);
    CHECK(by_share.rows[0].key == "more_promoters");
    CXTEST_CHECK_CLOSE(by_share.rows[0].adjusted,
                       reference.at("more_promoters").at("levels")[1].at("promoter_wilson")[0].get<double>(), 1e-12);
    for (const auto& [method_name, method] :
         {std::pair{"adjusted_wald", cx::nps_interval_method::adjusted_wald}, std::pair{"wald", cx::nps_interval_method::wald}}) {
      for (std::size_t l = 0; l < 2; ++l) {
        cx::leaderboard_options options;
        options.method = cx::ranking_method::nps_lower_bound;
        options.nps_method = method;
        options.level = reference.at("more_promoters").at("levels")[l].at("level").get<double>();
        options.minimum_n = 10;
        INFO(method_name << " at level " << options.level);
        const auto board = cx::rank_agents(g, options);
        REQUIRE(board.rows.size() == 2);
        CHECK(board.rows[0].key == "fewer_detractors");
        CHECK(board.rows[1].key == "more_promoters");
        CHECK(board.unranked == std::vector<std::string>{"short_record"});
        for (const auto& row : board.rows) {
          const auto& r = reference.at(row.key);
          CHECK(row.n == r.at("n").get<std::uint64_t>());
          CXTEST_CHECK_CLOSE(row.raw, r.at("nps").get<double>(), 1e-13);
          CXTEST_CHECK_CLOSE(row.adjusted, r.at("levels")[l].at(method_name)[0].get<double>(), 1e-11);
          CXTEST_CHECK_CLOSE(row.ci->upper, r.at("levels")[l].at(method_name)[1].get<double>(), 1e-11);
        }
      }
    }
    // Without the minimum n, three unanimous promoters would lead on the Wald bound.
    cx::leaderboard_options no_floor;
    no_floor.method = cx::ranking_method::nps_lower_bound;
    no_floor.nps_method = cx::nps_interval_method::wald;
    CHECK(cx::rank_agents(g, no_floor).rows[0].key == "short_record");
  }

  TEST_CASE("ranking by the NPS lower bound is refused off the 0..10 scale") {
    cx::grouped<std::string, csat_hist> g;
    g["a"].add(5);
    cx::leaderboard_options options;
    options.method = cx::ranking_method::nps_lower_bound;
    CHECK_THROWS_AS(cx::rank_agents(g, options), std::invalid_argument);
  }
}

TEST_SUITE("pareto") {
  const auto reference = cxtest::load_json("segments_reference.json").at("pareto");

  std::map<std::string, std::uint64_t> counts_of(const char* period) {
    std::map<std::string, std::uint64_t> m;
    for (std::size_t i = 0; i < reference.at("reasons").size(); ++i)
      m[reference.at("reasons")[i].get<std::string>()] = reference.at(period)[i].get<std::uint64_t>();
    return m;
  }

  TEST_CASE("shares, cumulative shares, vital few and Goodman intervals (statsmodels)") {
    const auto before = counts_of("before");
    for (double level : {0.9, 0.95}) {
      const auto p = cx::pareto(before, 0.8, level);
      CHECK(p.total == 400);
      for (std::size_t i = 1; i < p.rows.size(); ++i) CHECK(p.rows[i - 1].count >= p.rows[i].count);
      CHECK(p.rows.back().cumulative_share == doctest::Approx(1.0));
      const auto& goodman = reference.at("goodman").at(level == 0.9 ? "0.9" : "0.95");
      for (const auto& row : p.rows) {
        std::size_t i = 0;
        while (reference.at("reasons")[i].get<std::string>() != row.reason) ++i;
        CXTEST_CHECK_CLOSE(row.ci.lower, goodman[i][0].get<double>(), 1e-9);
        CXTEST_CHECK_CLOSE(row.ci.upper, goodman[i][1].get<double>(), 1e-9);
      }
      // The vital few are the rows up to the one that first reaches 80%.
      std::size_t vital = 0;
      while (!(p.rows[vital].cumulative_share >= 0.8)) ++vital;
      for (std::size_t i = 0; i < p.rows.size(); ++i) CHECK(p.rows[i].vital_few == (i <= vital));
    }
  }

  TEST_CASE("two periods: per-reason z tests and Holm-adjusted p-values (statsmodels)") {
    // The reference z is after - before: the period of interest first.
    const auto changes = cx::compare_reason_shares(counts_of("after"), counts_of("before"));
    REQUIRE(changes.size() == reference.at("reasons").size());
    for (const auto& c : changes) {
      std::size_t i = 0;
      while (reference.at("reasons")[i].get<std::string>() != c.reason) ++i;
      CXTEST_CHECK_CLOSE_ABS(c.test.statistic, reference.at("z")[i].get<double>(), 1e-10, 1e-12);
      CXTEST_CHECK_CLOSE(c.test.p_value, reference.at("p")[i].get<double>(), 1e-9);
      CXTEST_CHECK_CLOSE(c.adjusted_p_value, reference.at("holm")[i].get<double>(), 1e-9);
      CHECK(c.test.level == 0.95);
      CHECK(c.higher_in_first == (c.adjusted_p_value < 0.05 && c.test.difference > 0));
    }
  }

  TEST_CASE("compare_reason_shares is signed first - second; compare_periods keeps after - before") {
    const auto forward = cx::compare_reason_shares(counts_of("after"), counts_of("before"), 0.9);
    const auto backward = cx::compare_reason_shares(counts_of("before"), counts_of("after"), 0.9);
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    const auto old = cx::compare_periods(counts_of("before"), counts_of("after"), 0.9);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
    REQUIRE(forward.size() == old.size());
    REQUIRE(backward.size() == old.size());
    for (std::size_t i = 0; i < old.size(); ++i) {
      CHECK(old[i].reason == forward[i].reason);
      CHECK(old[i].share_after == forward[i].share_first);
      CHECK(old[i].share_before == forward[i].share_second);
      CHECK(old[i].test.difference == forward[i].test.difference);
      CHECK(old[i].test.ci.lower == forward[i].test.ci.lower);
      CHECK(old[i].grew == forward[i].higher_in_first);
      CHECK(old[i].shrank == forward[i].lower_in_first);
      CXTEST_CHECK_CLOSE(backward[i].test.difference, -forward[i].test.difference, 1e-15);
      CXTEST_CHECK_CLOSE(backward[i].test.statistic, -forward[i].test.statistic, 1e-15);
      CHECK(backward[i].higher_in_first == forward[i].lower_in_first);
    }
  }

  TEST_CASE("a reason that grew a lot is flagged; errors") {
    const std::map<std::string, std::uint64_t> before{{"a", 50}, {"b", 50}}, after{{"a", 90}, {"b", 10}, {"new", 0}};
    const auto changes = cx::compare_reason_shares(after, before);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].higher_in_first);
    CHECK(changes[1].lower_in_first);
    CHECK_THROWS_AS(cx::pareto(std::map<std::string, std::uint64_t>{{"x", 0}}), cx::insufficient_data);
    CHECK_THROWS_AS(cx::pareto(before, 1.5), std::invalid_argument);
    CHECK_THROWS_AS(cx::compare_reason_shares(before, std::map<std::string, std::uint64_t>{}), cx::insufficient_data);
    CHECK_THROWS_AS(cx::compare_reason_shares(before, after, 0.0), std::invalid_argument);
  }
}

TEST_SUITE("key drivers") {
  TEST_CASE("Pearson with Fisher interval and Spearman with ties match scipy") {
    const auto reference = cxtest::load_json("segments_reference.json").at("drivers");
    const auto overall = reference.at("overall").get<std::vector<int>>();
    std::vector<std::pair<std::string, cx::joint_histogram<cx::csat_scale, cx::nps_scale>>> attributes;
    for (const auto& [name, a] : reference.at("attributes").items()) {
      cx::joint_histogram<cx::csat_scale, cx::nps_scale> h;
      const auto values = a.at("values").get<std::vector<int>>();
      for (std::size_t i = 0; i < values.size(); ++i) h.add(values[i], overall[i]);
      CXTEST_CHECK_CLOSE(cx::pearson(h), a.at("pearson").get<double>(), 1e-12);
      CXTEST_CHECK_CLOSE(cx::spearman(h), a.at("spearman").get<double>(), 1e-12);
      attributes.emplace_back(name, h);
    }
    const auto drivers = cx::rank_key_drivers(attributes);
    REQUIRE(drivers.size() == 3);
    CHECK(drivers[0].attribute == "speed");
    CHECK(drivers[2].attribute == "price");
    const auto& speed = reference.at("attributes").at("speed");
    CXTEST_CHECK_CLOSE(drivers[0].pearson_ci.lower, speed.at("ci")[0].get<double>(), 1e-9);
    CXTEST_CHECK_CLOSE(drivers[0].pearson_ci.upper, speed.at("ci")[1].get<double>(), 1e-9);
  }

  TEST_CASE("Johnson's relative weights match the numpy implementation and sum to R^2") {
    const auto rw = cxtest::load_json("segments_reference.json").at("drivers").at("relative_weights");
    const auto r = cx::relative_weights(rw.at("rxx").get<std::vector<std::vector<double>>>(),
                                        rw.at("rxy").get<std::vector<double>>());
    for (std::size_t i = 0; i < r.weights.size(); ++i)
      CXTEST_CHECK_CLOSE(r.weights[i], rw.at("weights")[i].get<double>(), 1e-10);
    CXTEST_CHECK_CLOSE(r.r_squared, rw.at("ols_r_squared").get<double>(), 1e-10);
    double shares = 0.0;
    for (double s : r.shares) shares += s;
    CHECK(shares == doctest::Approx(1.0));
  }

  TEST_CASE("uncorrelated predictors: weights are the squared correlations") {
    const auto r = cx::relative_weights({{1, 0}, {0, 1}}, {0.6, 0.3});
    CHECK(r.weights[0] == doctest::Approx(0.36));
    CHECK(r.weights[1] == doctest::Approx(0.09));
  }

  TEST_CASE("errors") {
    CHECK_THROWS_AS(cx::relative_weights({{1, 1}, {1, 1}}, {0.5, 0.5}), cx::insufficient_data);  // collinear
    CHECK_THROWS_AS(cx::relative_weights({{1, 0.2}, {0.3, 1}}, {0.5, 0.5}), std::invalid_argument);
    CHECK_THROWS_AS(cx::relative_weights({{2}}, {0.5}), std::invalid_argument);
    cx::joint_histogram<cx::csat_scale, cx::csat_scale> h;
    CHECK_THROWS_AS(h.add(6, 1), cx::invalid_rating);
    h.add(3, 1);
    h.add(3, 5);
    CHECK_THROWS_WITH_AS(cx::spearman(h), "the correlation is undefined: x has no variance", cx::insufficient_data);
  }
}
