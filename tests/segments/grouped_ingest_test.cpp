// The bulk ingest of grouped histograms (dense ids, hashed keys, byte counters with carries)
// against one add at a time, which is the definition of what it must compute.
#include <cxmetrics/segments/grouped.hpp>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "../support/test_support.hpp"

namespace cx = cxmetrics;
using nps_hist = cx::rating_histogram<cx::nps_scale>;

namespace {

// One add per row: the reference the bulk path must equal, key order included.
template <class G, class K, class V>
G one_by_one(G g, const std::vector<K>& keys, const std::vector<V>& values) {
  for (std::size_t i = 0; i < keys.size(); ++i) g.add(keys[i], static_cast<int>(values[i]));
  return g;
}

template <class G>
std::vector<typename G::key_type> key_order(const G& g) {
  std::vector<typename G::key_type> order;
  for (const auto& entry : g) order.push_back(entry.first);
  return order;
}

template <class G, class K, class V>
void check_bulk_equals_one_by_one(const G& start, const std::vector<K>& keys, const std::vector<V>& values) {
  G bulk = start;
  bulk.add(keys.begin(), keys.end(), values.begin());
  const G reference = one_by_one(start, keys, values);
  CHECK(bulk == reference);
  CHECK(key_order(bulk) == key_order(reference));  // new keys in order of first appearance
  CHECK(bulk.merged() == reference.merged());
}

}  // namespace

TEST_SUITE("grouped bulk ingest") {
  TEST_CASE("dense ids: equals one add at a time, onto empty and existing groups") {
    auto rng = cxtest::seeded_rng(5);
    for (std::size_t agents : {1u, 7u, 1000u, 70000u}) {
      std::uniform_int_distribution<std::uint32_t> agent(0, static_cast<std::uint32_t>(agents - 1));
      std::uniform_int_distribution<int> rating(0, 10);
      std::vector<std::uint32_t> keys(20000);
      std::vector<std::uint8_t> values(keys.size());
      for (std::size_t i = 0; i < keys.size(); ++i) {
        keys[i] = agent(rng);
        values[i] = static_cast<std::uint8_t>(rating(rng));
      }
      INFO("agents " << agents);
      check_bulk_equals_one_by_one(cx::grouped<std::uint32_t, nps_hist>(), keys, values);
      cx::grouped<std::uint32_t, nps_hist> existing;
      existing.add(3, 9);
      existing.add(5000000, 1);  // a key far outside the dense range of this call
      existing.add(0, 0);
      check_bulk_equals_one_by_one(existing, keys, values);
      nps_hist prototype;
      prototype.add(10);  // new keys start from the prototype
      check_bulk_equals_one_by_one(cx::grouped<std::uint32_t, nps_hist>(prototype), keys, values);
    }
  }

  TEST_CASE("dense key range: the smallest and largest id anywhere, any length (vector lanes and tail)") {
    for (std::size_t n : {std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{9}, std::size_t{17}, std::size_t{33}}) {
      for (std::size_t at = 0; at < n; ++at) {
        std::vector<std::uint32_t> ids(n, 40);
        std::vector<std::int32_t> signed_ids(n, 40);
        std::vector<int> values(n, 3);
        ids[at] = 9000;  // the largest: sizes the counters, must not be missed
        signed_ids[at] = at % 2 == 0 ? 9000 : -1;  // a negative id sends the call to the hashed path
        INFO("n " << n << ", at " << at);
        check_bulk_equals_one_by_one(cx::grouped<std::uint32_t, nps_hist>(), ids, values);
        check_bulk_equals_one_by_one(cx::grouped<std::int32_t, nps_hist>(), signed_ids, values);
      }
    }
  }

  TEST_CASE("counts past a byte counter carry exactly (one key, one point, 100000 rows)") {
    const std::vector<int> keys(100000, 42);
    std::vector<int> values(keys.size(), 7);
    values[500] = 3;
    cx::grouped<int, nps_hist> g;
    g.add(keys.begin(), keys.end(), values.begin());
    REQUIRE(g.find(42) != nullptr);
    CHECK(g.find(42)->count(7) == 99999);
    CHECK(g.find(42)->count(3) == 1);
    const std::vector<std::string> names(keys.size(), "ana");
    cx::grouped<std::string, nps_hist> by_name;
    by_name.add(names.begin(), names.end(), values.begin());
    CHECK(by_name.find("ana")->count(7) == 99999);
  }

  TEST_CASE("hashed keys: strings, negative and sparse ids, ratings of a rating type") {
    auto rng = cxtest::seeded_rng(6);
    std::uniform_int_distribution<int> agent(0, 3000), rating(1, 5);
    std::vector<std::string> names(30000);
    std::vector<long long> sparse(names.size()), negative(names.size());
    std::vector<int> values(names.size());
    std::vector<cx::rating<cx::csat_scale>> typed;
    for (std::size_t i = 0; i < names.size(); ++i) {
      const int a = agent(rng);
      names[i] = "agent-" + std::to_string(a);
      sparse[i] = static_cast<long long>(a) * 1000003LL;
      negative[i] = a - 1500;
      values[i] = rating(rng);
      typed.emplace_back(values[i]);
    }
    using csat_hist = cx::rating_histogram<cx::csat_scale>;
    check_bulk_equals_one_by_one(cx::grouped<std::string, csat_hist>(), names, values);
    check_bulk_equals_one_by_one(cx::grouped<long long, csat_hist>(), sparse, values);
    check_bulk_equals_one_by_one(cx::grouped<long long, csat_hist>(), negative, values);
    cx::grouped<std::string, csat_hist> existing;
    existing.add("agent-17", 2);
    existing.add("nobody", 5);
    check_bulk_equals_one_by_one(existing, names, values);
    cx::grouped<std::string, csat_hist> from_typed;
    from_typed.add(names.begin(), names.end(), typed.begin());
    CHECK(from_typed == one_by_one(cx::grouped<std::string, csat_hist>(), names, values));
  }

  TEST_CASE("runs of equal keys (sorted exports) and batches that end mid-run") {
    std::vector<std::string> names;
    std::vector<int> values;
    for (int agent = 0; agent < 50; ++agent)
      for (int j = 0; j < 3 * agent + 1; ++j) {
        names.push_back("a" + std::to_string(agent));
        values.push_back((agent + j) % 11);
      }
    check_bulk_equals_one_by_one(cx::grouped<std::string, nps_hist>(), names, values);
  }

  TEST_CASE("all or nothing: a bad rating, or a narrow count that would overflow, changes nothing") {
    cx::grouped<std::string, cx::rating_histogram<cx::nps_scale, std::uint8_t>> g;
    g.add("kept", 4);
    const auto before = g;
    std::vector<std::string> names(300, "busy");
    names[10] = "new-one";
    const std::vector<int> nines(names.size(), 9);
    CHECK_THROWS_AS(g.add(names.begin(), names.end(), nines.begin()), std::overflow_error);
    CHECK(g == before);
    CHECK(g.find("new-one") == nullptr);
    g.add("new-one", 1);  // the index still works after the rollback
    CHECK(g.size() == 2);

    cx::grouped<std::uint32_t, cx::rating_histogram<cx::nps_scale, std::uint8_t>> dense;
    dense.add(2, 9);
    const auto dense_before = dense;
    std::vector<std::uint32_t> ids(260, 2);
    ids[0] = 5;
    CHECK_THROWS_AS(dense.add(ids.begin(), ids.end(), nines.begin()), std::overflow_error);  // 2 has 1 + 259
    CHECK(dense == dense_before);
    CHECK(dense.find(5) == nullptr);

    std::vector<std::uint8_t> bytes(5000, 3);
    bytes[4321] = 11;
    const std::vector<std::uint32_t> many(bytes.size(), 8);
    CHECK_THROWS_WITH_AS(dense.add(many.begin(), many.end(), bytes.begin()),
                         "rating 11 at position 4321 is outside the scale 0..10; nothing was added", cx::invalid_rating);
    CHECK(dense == dense_before);
  }
}
