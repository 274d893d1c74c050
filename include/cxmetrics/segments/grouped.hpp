// Any mergeable state per key: a histogram per agent, moments per channel, a tracker per
// team.
#ifndef CXMETRICS_SEGMENTS_GROUPED_HPP
#define CXMETRICS_SEGMENTS_GROUPED_HPP

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cmath>
#include <cstddef>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>
#include <cstdint>
#include <utility>
#include <vector>

#include <cxmetrics/core/histogram.hpp>
#include <cxmetrics/core/moments.hpp>

CXMETRICS_BEGIN_NAMESPACE

namespace detail {

// Checks a value the way State::add would, before anything is added, so that a bulk add
// can be all or nothing without copying any state.
template <class Scale, class Count, class V>
void check_value(const rating_histogram<Scale, Count>&, const V& value, std::size_t position) {
  if constexpr (std::is_same_v<V, rating<Scale>>) {
    (void)value;
    (void)position;
  } else if (!on_scale<Scale>(value)) {
    throw_off_scale_at<Scale>(value, position);
  }
}
template <class V>
void check_value(const moments&, const V& value, std::size_t position) {
  if (!std::isfinite(static_cast<double>(value)))
    throw_invalid_argument("value " + format_number(static_cast<double>(value)) + " at position " +
                           std::to_string(position) + " must be finite; nothing was added");
}

inline void prefetch(const void* address) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch(address);
#else
  (void)address;
#endif
}

template <class State>
struct is_rating_histogram : std::false_type {};
template <class Scale, class Count>
struct is_rating_histogram<rating_histogram<Scale, Count>> : std::true_type {};

// Iterators over contiguous elements (pointers, std::vector's): loops can then run on
// plain pointers.
template <class It>
struct contiguous
    : std::bool_constant<std::is_pointer_v<It> ||
                         std::is_same_v<It, typename std::vector<typename std::iterator_traits<It>::value_type>::iterator> ||
                         std::is_same_v<It, typename std::vector<typename std::iterator_traits<It>::value_type>::const_iterator>> {};

// Smallest and largest of n >= 1 keys. 32-bit keys (the common id type) take eight
// lanes at a time with AVX2 where the CPU has it (compiled with a target attribute, as the
// byte kernels are): the plain loop below runs at 1.5 cycles per key at -O2.
template <class Key>
std::pair<Key, Key> key_range_plain(const Key* k, std::size_t n) {
  Key l4[4] = {k[0], k[0], k[0], k[0]}, h4[4] = {k[0], k[0], k[0], k[0]};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (std::size_t j = 0; j < 4; ++j) {
      l4[j] = k[i + j] < l4[j] ? k[i + j] : l4[j];
      h4[j] = k[i + j] > h4[j] ? k[i + j] : h4[j];
    }
  for (; i < n; ++i) {
    l4[0] = k[i] < l4[0] ? k[i] : l4[0];
    h4[0] = k[i] > h4[0] ? k[i] : h4[0];
  }
  return {std::min(std::min(l4[0], l4[1]), std::min(l4[2], l4[3])),
          std::max(std::max(h4[0], h4[1]), std::max(h4[2], h4[3]))};
}

#if CXMETRICS_X86_KERNELS
typedef std::uint32_t key_lanes_u32 __attribute__((vector_size(32)));
typedef std::int32_t key_lanes_i32 __attribute__((vector_size(32)));
template <class Key, class Lanes>
__attribute__((target("avx2"))) std::pair<Key, Key> key_range_avx2(const Key* k, std::size_t n) {
  Lanes lo, hi;
  __builtin_memcpy(&lo, k, sizeof lo);
  hi = lo;
  std::size_t i = 8;
  for (; i + 8 <= n; i += 8) {
    Lanes x;
    __builtin_memcpy(&x, k + i, sizeof x);
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  Key l = lo[0], h = hi[0];
  for (int j = 1; j < 8; ++j) {
    l = lo[j] < l ? lo[j] : l;
    h = hi[j] > h ? hi[j] : h;
  }
  for (; i < n; ++i) {
    l = k[i] < l ? k[i] : l;
    h = k[i] > h ? k[i] : h;
  }
  return {l, h};
}
#endif

template <class Key>
std::pair<Key, Key> key_range(const Key* k, std::size_t n) {
#if CXMETRICS_X86_KERNELS
  if (n >= 8 && byte_kernel_supported(byte_kernel::avx2)) {
    if constexpr (std::is_same_v<Key, std::uint32_t>) return key_range_avx2<Key, key_lanes_u32>(k, n);
    if constexpr (std::is_same_v<Key, std::int32_t>) return key_range_avx2<Key, key_lanes_i32>(k, n);
  }
#endif
  return key_range_plain(k, n);
}

// Iterators whose elements are contiguous bytes: the bulk check can then use the SIMD
// validator of the byte path.
template <class It>
struct contiguous_bytes
    : std::bool_constant<std::is_same_v<It, const std::uint8_t*> || std::is_same_v<It, std::uint8_t*> ||
                         std::is_same_v<It, std::vector<std::uint8_t>::const_iterator> ||
                         std::is_same_v<It, std::vector<std::uint8_t>::iterator>> {};

// Scratch counters of the fast bulk ingest: one row of bytes per key, the points first and
// a "seen in this call" flag last. Byte counters keep 100k keys' rows within 1.6 MB (L2/L3,
// where 64-bit ones would take 8.8 MB); a counter that wraps carries into `carries`.
template <int Points>
struct row_counters {
  static constexpr std::size_t stride = Points + 1 <= 16 ? 16 : Points + 1 <= 32 ? 32 : 64;
  std::vector<std::uint8_t> cells;
  std::vector<std::pair<std::size_t, std::uint64_t>> carries;  // (cell, 256s carried), rare

  void resize(std::size_t rows) { cells.resize(rows * stride, 0); }
  // Counts one row in `base` (cells.data(), passed in: a byte store may alias any pointer,
  // so a member would be reloaded after every increment); true when it is the first row of
  // its key in this call.
  bool add(std::uint8_t* base, std::size_t row, std::size_t point) {
    std::uint8_t* r = base + row * stride;
    if (CXMETRICS_UNLIKELY(++r[point] == 0)) carry(row * stride + point);
    if (CXMETRICS_LIKELY(r[stride - 1] != 0)) return false;
    r[stride - 1] = 1;
    return true;
  }
  CXMETRICS_COLD void carry(std::size_t cell) {
    for (auto& c : carries)
      if (c.first == cell) {
        ++c.second;
        return;
      }
    carries.emplace_back(cell, 1);
  }
  // The counts of one key, carries included (carries are few: one per 256 adds of a cell).
  template <class Array>
  std::uint64_t counts_of(std::size_t row, Array& out) const {
    std::uint64_t total = 0;
    for (std::size_t p = 0; p < out.size(); ++p) total += out[p] = cells[row * stride + p];
    if (!carries.empty())
      for (const auto& c : carries)
        if (c.first / stride == row) {
          out[c.first % stride] += 256 * c.second;
          total += 256 * c.second;
        }
    return total;
  }
};

}  // namespace detail

/// One `State` per key. New keys start as a copy of the prototype (a default-constructed
/// State unless one is given, e.g. `beat_tracker(baseline)`). Merging is per key.
///
/// Storage is flat: the (key, state) entries sit in one vector in insertion order, found
/// through an open-addressing index of 32-bit slots (linear probing, load at most 1/2).
/// Memory per group: `sizeof(std::pair<Key, State>)` (104 bytes for an integer key and an
/// NPS histogram) plus 8 to 16 bytes of index.
///
/// **Example**:
/// ```
/// grouped<std::string, nps_histogram> by_agent;
/// by_agent.add(agents.begin(), agents.end(), ratings.begin());   // all or nothing
/// for (const auto& [agent, h] : by_agent.sorted()) ...
/// ```
template <class Key, class State, class Hash = std::hash<Key>>
class grouped {
 public:
  using key_type = Key;
  using state_type = State;
  using value_type = std::pair<Key, State>;

  /// Groups whose new keys start from a default-constructed `State`. A State without a
  /// default constructor (`beat_tracker`) needs a prototype: `grouped<K, S> g{S{...}}`.
  grouped() : prototype_(default_prototype()) {}
  explicit grouped(State prototype) : prototype_(std::move(prototype)) {}

  /// The state of `key`, created from the prototype when new.
  State& operator[](const Key& key) { return entries_[index_of(key)].second; }

  /// Whether `key` has a state.
  bool contains(const Key& key) const { return find(key) != nullptr; }

  /// The state of `key`; throws `std::out_of_range` when there is none (`operator[]`
  /// would create it).
  State& at(const Key& key) { return const_cast<State&>(std::as_const(*this).at(key)); }
  const State& at(const Key& key) const {
    const State* state = find(key);
    if (state == nullptr) detail::throw_out_of_range("grouped::at: no group " + key_text(key));
    return *state;
  }

  /// Removes the group of `key`; returns how many were removed (0 or 1). O(size): the
  /// entries keep their insertion order.
  std::size_t erase(const Key& key) {
    return erase_if([&key](const value_type& entry) { return entry.first == key; });
  }

  /// Removes every group for which `pred(const std::pair<Key, State>&)` is true (the days
  /// older than 90, say) in one O(size) pass; returns how many were removed.
  template <class Pred>
  std::size_t erase_if(Pred pred) {
    const auto kept = std::remove_if(entries_.begin(), entries_.end(), [&pred](const value_type& entry) {
      return static_cast<bool>(pred(entry));
    });
    const auto removed = static_cast<std::size_t>(entries_.end() - kept);
    if (removed == 0) return 0;
    entries_.erase(kept, entries_.end());
    rehash(slots_.size());
    return removed;
  }

  /// The state of `key`, or nullptr.
  const State* find(const Key& key) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t slot = hash_of(key) & mask(); slots_[slot] != 0; slot = (slot + 1) & mask())
      if (entries_[slots_[slot] - 1].first == key) return &entries_[slots_[slot] - 1].second;
    return nullptr;
  }

  /// Adds one value to the state of `key`.
  template <class V>
  void add(const Key& key, const V& value) {
    (*this)[key].add(value);
  }

  /// Bulk ingest from parallel columns: the i-th value goes to the i-th key's state. All or
  /// nothing: every value is checked first (an off-scale rating or a non-finite value throws,
  /// naming its position), and should a state's own add still fail (a narrow count filling
  /// up, moments overflowing), every touched state is restored and new keys are removed.
  /// Consecutive equal keys share one lookup, which is what exports sorted by agent or by
  /// day give.
  template <class KeyIt, class ValueIt,
            std::enable_if_t<detail::is_input_iterator<KeyIt>::value && detail::is_input_iterator<ValueIt>::value,
                             int> = 0>
  void add(KeyIt keys_first, KeyIt keys_last, ValueIt values_first) {
    static_assert(std::is_base_of_v<std::forward_iterator_tag, typename std::iterator_traits<KeyIt>::iterator_category> &&
                      std::is_base_of_v<std::forward_iterator_tag, typename std::iterator_traits<ValueIt>::iterator_category>,
                  "bulk add reads keys and values twice (check, then add): pass forward iterators");
    if constexpr (counts_rows<KeyIt, ValueIt>()) {
      add_rows_counted(keys_first, keys_last, values_first);
      return;
    }
    std::size_t position = 0;
    ValueIt v = values_first;
    for (KeyIt k = keys_first; k != keys_last; ++k, ++v, ++position) detail::check_value(prototype_, *v, position);
    const std::size_t existing = entries_.size();
    std::vector<bool> saved(existing, false);
    std::vector<std::pair<std::size_t, State>> journal;  // first touch of each existing group
    std::size_t current = 0;
    bool have_current = false;
    CXMETRICS_TRY {
      for (; keys_first != keys_last; ++keys_first, ++values_first) {
        const Key& key = *keys_first;
        if (!have_current || !(entries_[current].first == key)) {
          current = index_of(key);
          have_current = true;
          if (current < existing && !saved[current]) {
            saved[current] = true;
            journal.emplace_back(current, entries_[current].second);
          }
        }
        entries_[current].second.add(*values_first);
      }
    } CXMETRICS_CATCH_ALL {
      for (auto& [index, state] : journal) entries_[index].second = std::move(state);
      entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(existing), entries_.end());
      rehash(slots_.size());
      CXMETRICS_RETHROW;
    }
  }

  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  const State& prototype() const noexcept { return prototype_; }

  /// (key, state) pairs in insertion order.
  auto begin() const noexcept { return entries_.begin(); }
  auto end() const noexcept { return entries_.end(); }

  /// (key, state) pairs sorted by key: the deterministic order for reports.
  std::vector<value_type> sorted() const {
    std::vector<value_type> items(entries_);
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return items;
  }

  /// The states of all keys merged into one (starting from the prototype).
  State merged() const {
    State all = prototype_;
    for (const auto& entry : entries_) all += entry.second;
    return all;
  }
  /// Former name of `merged()`: `total()` means a number of responses everywhere else.
  [[deprecated("use merged(): total() is the number of responses on a histogram")]] State total() const {
    return merged();
  }

  /// Per-key merge: keys new to this side are added as they are.
  grouped& operator+=(const grouped& other) {
    for (const auto& [key, state] : other.entries_) (*this)[key] += state;
    return *this;
  }
  /// Equal when both have equal prototypes and hold the same keys with equal states,
  /// whatever the insertion order.
  friend bool operator==(const grouped& a, const grouped& b) {
    if (a.size() != b.size() || !(a.prototype_ == b.prototype_)) return false;
    for (const auto& [key, state] : a.entries_) {
      const State* other = b.find(key);
      if (other == nullptr || !(*other == state)) return false;
    }
    return true;
  }
  friend bool operator!=(const grouped& a, const grouped& b) { return !(a == b); }

 private:
  std::size_t mask() const noexcept { return slots_.size() - 1; }

  static State default_prototype() {
    static_assert(std::is_default_constructible_v<State>,
                  "grouped<Key, State>: State has no default constructor, so new groups need a "
                  "prototype: grouped<Key, State> g{State{...}}");
    if constexpr (std::is_default_constructible_v<State>) return State();
    else std::abort();  // not reached: the assertion above stops the build
  }

  // The key in an error message, where it can be written.
  static std::string key_text(const Key& key) {
    if constexpr (std::is_convertible_v<const Key&, std::string>) return "\"" + std::string(key) + "\"";
    else if constexpr (std::is_integral_v<Key>) return detail::integer_text(key);
    else return "(key not printable)";
  }

  // std::hash of an integer is often the identity; a 64-bit finaliser (MurmurHash3's
  // fmix64) spreads consecutive ids over the table.
  static std::size_t hash_of(const Key& key) {
    std::uint64_t h = static_cast<std::uint64_t>(Hash{}(key));
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
  }

  std::size_t index_of(const Key& key) {
    if (slots_.empty()) slots_.assign(16, 0);
    std::size_t slot = hash_of(key) & mask();
    for (; slots_[slot] != 0; slot = (slot + 1) & mask())
      if (entries_[slots_[slot] - 1].first == key) return slots_[slot] - 1;
    if (entries_.size() >= 0xFFFFFFFEu) detail::throw_overflow("grouped holds at most 2^32 - 2 keys");
    entries_.emplace_back(key, prototype_);
    slots_[slot] = static_cast<std::uint32_t>(entries_.size());
    if (2 * entries_.size() > slots_.size()) rehash(2 * slots_.size());
    return entries_.size() - 1;
  }

  void rehash(std::size_t capacity) {
    slots_.assign(capacity, 0);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      std::size_t slot = hash_of(entries_[i].first) & mask();
      while (slots_[slot] != 0) slot = (slot + 1) & mask();
      slots_[slot] = static_cast<std::uint32_t>(i + 1);
    }
  }

  // Bulk ingest at table speed, for histogram states fed integer (or rating) values:
  // rows are counted into byte counters first (detail::row_counters), then each key's
  // counts are added to its state once. Keys that are small non-negative integers index
  // the counters directly (no hashing per row); other keys are looked up in batches whose
  // index slots are prefetched, and a run of equal keys is looked up once.
  template <class KeyIt, class ValueIt>
  static constexpr bool counts_rows() {
    // Batches keep pointers to keys: the key iterator must yield references.
    if constexpr (detail::is_rating_histogram<State>::value &&
                  std::is_reference_v<typename std::iterator_traits<KeyIt>::reference>) {
      using value = typename std::iterator_traits<ValueIt>::value_type;
      using scale = typename State::scale_type;
      return scale::points <= 63 &&
             (std::is_same_v<value, rating<scale>> || (std::is_integral_v<value> && !std::is_same_v<value, bool>));
    } else {
      return false;
    }
  }

  template <class V>
  static std::size_t point_of(const V& value) {
    using scale = typename State::scale_type;
    if constexpr (std::is_same_v<V, rating<scale>>) return static_cast<std::size_t>(value.value() - scale::min);
    else return static_cast<std::size_t>(static_cast<long long>(value) - scale::min);
  }

  // Checks every value (first bad position named), returns the number of rows.
  template <class KeyIt, class ValueIt>
  std::size_t check_rows(KeyIt keys_first, KeyIt keys_last, ValueIt values_first) const {
    using scale = typename State::scale_type;
    if constexpr (std::is_base_of_v<std::random_access_iterator_tag,
                                    typename std::iterator_traits<KeyIt>::iterator_category> &&
                  detail::contiguous_bytes<ValueIt>::value) {
      const auto n = static_cast<std::size_t>(keys_last - keys_first);
      using bytes = detail::byte_range<scale::min, scale::max>;
      if (n == 0) return 0;
      const std::uint8_t* data = &*values_first;
      if constexpr (bytes::empty) {
        detail::throw_off_scale_at<scale>(data[0], 0);
      } else {
        std::array<std::uint64_t, bytes::span + 1> unused{};
        const std::size_t bad = detail::count_checked_bytes<bytes::lo, static_cast<int>(bytes::span + 1)>(
            detail::active_byte_kernel(), data, n, unused);
        if (bad != n) detail::throw_off_scale_at<scale>(data[bad], bad);
      }
      return n;
    } else {
      std::size_t n = 0;
      for (; keys_first != keys_last; ++keys_first, ++values_first, ++n) detail::check_value(prototype_, *values_first, n);
      return n;
    }
  }

  template <class KeyIt, class ValueIt>
  void add_rows_counted(KeyIt keys_first, KeyIt keys_last, ValueIt values_first) {
    using scale = typename State::scale_type;
    const std::size_t n = check_rows(keys_first, keys_last, values_first);
    if (n == 0) return;
    detail::row_counters<scale::points> counters;
    std::vector<std::size_t> touched;  // counter rows in order of first appearance
    if constexpr (std::is_integral_v<Key> && !std::is_same_v<Key, bool>) {
      // Dense mode: one pass finds the key range; ids in [0, max(2^16, 2 n)) index the
      // counters directly, so a row costs one increment in a table of bytes.
      Key lo = *keys_first, hi = *keys_first;
      if constexpr (detail::contiguous<KeyIt>::value) {
        const auto range = detail::key_range(&*keys_first, n);
        lo = range.first;
        hi = range.second;
      } else {
        for (KeyIt k = keys_first; k != keys_last; ++k) {
          lo = *k < lo ? *k : lo;
          hi = *k > hi ? *k : hi;
        }
      }
      const auto span_limit = static_cast<unsigned long long>(std::max<std::size_t>(std::size_t{1} << 16, 2 * n));
      bool non_negative = true;
      if constexpr (std::is_signed_v<Key>) non_negative = !(lo < Key{0});
      if (non_negative && static_cast<unsigned long long>(hi) < span_limit) {
        counters.resize(static_cast<std::size_t>(hi) + 1);
        std::uint8_t* const cells = counters.cells.data();
        touched.reserve(std::min(n, static_cast<std::size_t>(hi) + 1));
        for (; keys_first != keys_last; ++keys_first, ++values_first) {
          const auto id = static_cast<std::size_t>(*keys_first);
          if (CXMETRICS_UNLIKELY(counters.add(cells, id, point_of(*values_first)))) touched.push_back(id);
        }
        commit_rows(counters, touched, [](std::size_t id) { return static_cast<Key>(id); }, existing_entries_for(touched), n);
        return;
      }
    }
    count_hashed_rows(keys_first, keys_last, values_first, counters, touched, n);
  }

  // Entry index of each dense id, or npos: looked up once per distinct key.
  template <class Touched>
  std::vector<std::size_t> existing_entries_for(const Touched& ids) const {
    std::vector<std::size_t> where(ids.size(), npos);
    if (entries_.empty()) return where;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const Key key = static_cast<Key>(ids[i]);
      for (std::size_t slot = hash_of(key) & mask(); slots_[slot] != 0; slot = (slot + 1) & mask())
        if (entries_[slots_[slot] - 1].first == key) {
          where[i] = slots_[slot] - 1;
          break;
        }
    }
    return where;
  }

  // Hashed mode: each row's entry (created in first-appearance order, as one add at a
  // time would) is found in batches: hash a batch, prefetch its index slots, then probe.
  template <class KeyIt, class ValueIt, class Counters>
  void count_hashed_rows(KeyIt keys_first, KeyIt keys_last, ValueIt values_first, Counters& counters,
                         std::vector<std::size_t>& touched, std::size_t n) {
    constexpr std::size_t batch = 32;
    const std::size_t existing = entries_.size();
    CXMETRICS_TRY {
      counters.resize(existing + 64);
      std::size_t hashes[batch];
      bool same[batch];
      const Key* batch_keys[batch];
      std::size_t current = npos;
      while (keys_first != keys_last) {
        std::size_t b = 0;
        KeyIt k = keys_first;
        for (; b < batch && k != keys_last; ++b, ++k) {
          batch_keys[b] = &*k;
          // A run of equal keys is hashed and looked up once.
          same[b] = b > 0 && *batch_keys[b] == *batch_keys[b - 1];
          hashes[b] = same[b] ? hashes[b - 1] : hash_of(*batch_keys[b]);
          if (!same[b] && !slots_.empty()) detail::prefetch(slots_.data() + (hashes[b] & mask()));
        }
        // Second stage: the slots have arrived (or are on their way); fetch the entries
        // they point to, whose keys the probe compares.
        if (!slots_.empty())
          for (std::size_t j = 0; j < b; ++j)
            if (!same[j])
              if (const std::uint32_t e = slots_[hashes[j] & mask()]; e != 0) detail::prefetch(&entries_[e - 1]);
        std::uint8_t* cells = counters.cells.data();
        for (std::size_t j = 0; j < b; ++j, ++keys_first, ++values_first) {
          if (current == npos || !(*batch_keys[j] == entries_[current].first)) {
            current = index_of_hashed(*batch_keys[j], hashes[j]);
            if (counters.cells.size() <= current * counters.stride) {
              counters.resize(2 * current + 64);
              cells = counters.cells.data();
            }
          }
          if (counters.add(cells, current, point_of(*values_first))) touched.push_back(current);
        }
      }
      std::vector<std::size_t> where(touched.size());
      for (std::size_t i = 0; i < touched.size(); ++i) where[i] = touched[i] < existing ? touched[i] : npos;
      commit_rows(counters, touched, [this](std::size_t entry) { return entries_[entry].first; }, where, n,
                  /*entries_exist=*/true);
    } CXMETRICS_CATCH_ALL {
      entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(existing), entries_.end());
      rehash(slots_.size());
      CXMETRICS_RETHROW;
    }
  }

  // Adds each touched row's counts to its key's state. Checks every count limit before
  // changing anything; in dense mode new keys are created here, in first-appearance order,
  // with the index sized beforehand so that nothing can fail half-way.
  template <class Counters, class KeyOf>
  void commit_rows(const Counters& counters, const std::vector<std::size_t>& touched, KeyOf key_of,
                   const std::vector<std::size_t>& where, std::size_t rows, bool entries_exist = false) {
    using count_type = typename State::count_type;
    constexpr auto limit = static_cast<std::uint64_t>(std::numeric_limits<count_type>::max());
    std::array<std::uint64_t, static_cast<std::size_t>(State::points)> delta{};
    std::size_t fresh = 0;
    if (!entries_exist)
      for (std::size_t w : where) fresh += w == npos;
    // No key gains more than `rows`: when even the fullest state (or the prototype) has
    // room for that many, no limit can be hit and the per-key check is skipped.
    auto largest = static_cast<std::uint64_t>(prototype_.total());
    for (const auto& entry : entries_) largest = std::max(largest, static_cast<std::uint64_t>(entry.second.total()));
    const bool may_overflow = rows > limit - largest;
    // Keys come in first-appearance order, i.e. scattered over the counters and the index:
    // fetch a few keys ahead so that the misses overlap.
    constexpr std::size_t ahead = 16;
    for (std::size_t i = 0; may_overflow && i < touched.size(); ++i) {
      if (i + ahead < touched.size()) detail::prefetch(counters.cells.data() + touched[i + ahead] * counters.stride);
      const std::uint64_t added = counters.counts_of(touched[i], delta);
      const State& state = where[i] != npos || entries_exist ? entries_[where[i] != npos ? where[i] : touched[i]].second
                                                             : prototype_;
      if (added > limit - static_cast<std::uint64_t>(state.total()))
        detail::throw_count_overflow(static_cast<unsigned long long>(state.total()), added, limit);
    }
    if (fresh > 0) {
      if (entries_.size() + fresh >= 0xFFFFFFFEu) detail::throw_overflow("grouped holds at most 2^32 - 2 keys");
      entries_.reserve(entries_.size() + fresh);
      std::size_t capacity = slots_.empty() ? 16 : slots_.size();
      while (2 * (entries_.size() + fresh) > capacity) capacity *= 2;
      if (capacity != slots_.size()) rehash(capacity);
    }
    for (std::size_t i = 0; i < touched.size(); ++i) {
      if (i + ahead < touched.size()) {
        detail::prefetch(counters.cells.data() + touched[i + ahead] * counters.stride);
        if (where[i + ahead] != npos) detail::prefetch(&entries_[where[i + ahead]]);
        else if (entries_exist) detail::prefetch(&entries_[touched[i + ahead]]);
        else detail::prefetch(slots_.data() + (hash_of(key_of(touched[i + ahead])) & mask()));
      }
      counters.counts_of(touched[i], delta);
      State& state = where[i] != npos ? entries_[where[i]].second
                     : entries_exist  ? entries_[touched[i]].second
                                      : entries_[index_of(key_of(touched[i]))].second;
      // One merge per key (limits were checked above, so neither step can throw).
      typename State::counts_type counts{};
      for (std::size_t p = 0; p < delta.size(); ++p) counts[p] = static_cast<count_type>(delta[p]);
      state += State::from_counts(counts);
    }
  }

  std::size_t index_of_hashed(const Key& key, std::size_t hash) {
    if (slots_.empty()) return index_of(key);
    for (std::size_t slot = hash & mask(); slots_[slot] != 0; slot = (slot + 1) & mask())
      if (entries_[slots_[slot] - 1].first == key) return slots_[slot] - 1;
    return index_of(key);
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  State prototype_;
  std::vector<value_type> entries_;
  std::vector<std::uint32_t> slots_;  // 0: empty; otherwise entry index + 1
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_GROUPED_HPP
