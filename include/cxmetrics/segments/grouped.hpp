// Any mergeable state per key: a histogram per agent, moments per channel, a tracker per
// team.
#ifndef CXMETRICS_SEGMENTS_GROUPED_HPP
#define CXMETRICS_SEGMENTS_GROUPED_HPP

#include <algorithm>
#include <cstdlib>
#include <cmath>
#include <cstddef>
#include <functional>
#include <iterator>
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

  State prototype_;
  std::vector<value_type> entries_;
  std::vector<std::uint32_t> slots_;  // 0: empty; otherwise entry index + 1
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_GROUPED_HPP
