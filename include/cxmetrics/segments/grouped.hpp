// Any mergeable state per key: a histogram per agent, moments per channel, a tracker per
// team.
#ifndef CXMETRICS_SEGMENTS_GROUPED_HPP
#define CXMETRICS_SEGMENTS_GROUPED_HPP

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <iterator>
#include <string>
#include <type_traits>
#include <unordered_map>
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
/// Memory: one hash-map node per key, i.e. the key, the state (`sizeof(State)`: 96 bytes
/// for an NPS histogram) and about 32 bytes of node and bucket overhead.
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

  grouped() = default;
  explicit grouped(State prototype) : prototype_(std::move(prototype)) {}

  /// The state of `key`, created from the prototype when new.
  State& operator[](const Key& key) { return groups_.try_emplace(key, prototype_).first->second; }

  /// The state of `key`, or nullptr.
  const State* find(const Key& key) const {
    const auto it = groups_.find(key);
    return it == groups_.end() ? nullptr : &it->second;
  }

  /// Adds one value to the state of `key`.
  template <class V>
  void add(const Key& key, const V& value) {
    (*this)[key].add(value);
  }

  /// Bulk ingest from parallel columns: the i-th value goes to the i-th key's state. All or
  /// nothing: every value is checked first (an off-scale rating or a non-finite value throws,
  /// naming its position, and nothing is added). Consecutive equal keys share one lookup,
  /// which is what exports sorted by agent or by day give.
  template <class KeyIt, class ValueIt,
            std::enable_if_t<detail::is_input_iterator<KeyIt>::value && detail::is_input_iterator<ValueIt>::value,
                             int> = 0>
  void add(KeyIt keys_first, KeyIt keys_last, ValueIt values_first) {
    static_assert(std::is_base_of_v<std::forward_iterator_tag,
                                    typename std::iterator_traits<ValueIt>::iterator_category>,
                  "bulk add reads the values twice (check, then add): pass forward iterators");
    std::size_t position = 0;
    ValueIt v = values_first;
    for (KeyIt k = keys_first; k != keys_last; ++k, ++v, ++position) detail::check_value(prototype_, *v, position);
    State* current = nullptr;
    const Key* current_key = nullptr;
    for (; keys_first != keys_last; ++keys_first, ++values_first) {
      const Key& key = *keys_first;
      if (current == nullptr || !(key == *current_key)) {
        auto it = groups_.try_emplace(key, prototype_).first;
        current = &it->second;
        current_key = &it->first;
      }
      current->add(*values_first);
    }
  }

  std::size_t size() const noexcept { return groups_.size(); }
  bool empty() const noexcept { return groups_.empty(); }
  const State& prototype() const noexcept { return prototype_; }

  /// (key, state) pairs sorted by key: the deterministic order for reports.
  std::vector<std::pair<Key, State>> sorted() const {
    std::vector<std::pair<Key, State>> items(groups_.begin(), groups_.end());
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return items;
  }

  /// The states of all keys merged.
  State total() const {
    State all = prototype_;
    for (const auto& [key, state] : groups_) all += state;
    return all;
  }

  /// Per-key merge: keys new to this side are added as they are.
  grouped& operator+=(const grouped& other) {
    for (const auto& [key, state] : other.groups_) (*this)[key] += state;
    return *this;
  }
  friend bool operator==(const grouped& a, const grouped& b) { return a.groups_ == b.groups_; }
  friend bool operator!=(const grouped& a, const grouped& b) { return !(a == b); }

  auto begin() const noexcept { return groups_.begin(); }
  auto end() const noexcept { return groups_.end(); }

 private:
  State prototype_{};
  std::unordered_map<Key, State, Hash> groups_;
};

CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_SEGMENTS_GROUPED_HPP
