// Several named states saved and restored together: a service's whole state in one
// versioned, checksummed buffer (docs/encoding.md).
//
// **Example**:
// ```
// cxmetrics::state_bundle bundle;
// bundle.put("agents", by_agent);          // any encodable state
// bundle.put("weekly_ewma", chart);
// auto bytes = cxmetrics::encode(bundle);  // store
// auto back = cxmetrics::decode<cxmetrics::state_bundle>(bytes);
// auto chart2 = back.get<cxmetrics::ewma_chart>("weekly_ewma");
// ```
#ifndef CXMETRICS_IO_STATE_BUNDLE_HPP
#define CXMETRICS_IO_STATE_BUNDLE_HPP

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <cxmetrics/io/encoding.hpp>

CXMETRICS_BEGIN_NAMESPACE

/// Named states, each kept as its own encoding (`encode(state)`), so a bundle holds states
/// of any encodable types without knowing them. Names are non-empty and unique; `put`
/// replaces a state of the same name. Encodes canonically, in name order.
class state_bundle {
 public:
  friend struct detail::state_access;  // io/state_bundle.hpp

  /// Stores `encode(state)` under `name`, replacing what was there. Throws
  /// `std::invalid_argument` for an empty name.
  template <class T>
  void put(const std::string& name, const T& state) {
    if (name.empty()) detail::throw_invalid_argument("state_bundle: a state needs a non-empty name");
    states_[name] = encode(state);
  }

  /// The state stored under `name`, decoded as a T. Throws `std::out_of_range` when there
  /// is none, and `decode_error` when it holds another type.
  template <class T>
  T get(const std::string& name) const {
    const auto& bytes = bytes_of(name);
    const auto expected = static_cast<std::uint8_t>(detail::codec<T>::type);
    if (bytes[5] != expected)
      detail::throw_decode_error("state_bundle: \"" + name + "\" holds a " + detail::state_type_name(bytes[5]) +
                                 ", not a " + detail::state_type_name(expected));
    return decode<T>(bytes.data(), bytes.size());
  }

  /// The encoding of the state stored under `name` (throws `std::out_of_range`).
  const std::vector<std::uint8_t>& bytes_of(const std::string& name) const {
    const auto it = states_.find(name);
    if (it == states_.end()) detail::throw_out_of_range("state_bundle: no state named \"" + name + "\"");
    return it->second;
  }

  bool contains(const std::string& name) const { return states_.count(name) != 0; }
  /// Removes the state `name`; returns how many were removed (0 or 1).
  std::size_t erase(const std::string& name) { return states_.erase(name); }
  /// The names, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    out.reserve(states_.size());
    for (const auto& entry : states_) out.push_back(entry.first);
    return out;
  }
  std::size_t size() const noexcept { return states_.size(); }
  bool empty() const noexcept { return states_.empty(); }

  friend bool operator==(const state_bundle& a, const state_bundle& b) { return a.states_ == b.states_; }
  friend bool operator!=(const state_bundle& a, const state_bundle& b) { return !(a == b); }

 private:
  std::map<std::string, std::vector<std::uint8_t>> states_;
};

namespace detail {

// Body: state count (8), then per state in strictly increasing name order: name length (8),
// name bytes, encoding length (8), the state's complete encoding (its own header and
// checksum, current version). Decoding checks every state's header and checksum; the
// state's own invariants are checked by get<T>, which knows its type.
template <>
struct state_access::codec<state_bundle> {
  static constexpr state_type type = state_type::state_bundle;
  static void write(byte_writer& w, const state_bundle& b) {
    w.u64(b.states_.size());
    for (const auto& [name, bytes] : b.states_) {
      w.u64(name.size());
      for (char c : name) w.u8(static_cast<std::uint8_t>(c));
      w.u64(bytes.size());
      for (std::uint8_t byte : bytes) w.u8(byte);
    }
  }
  static std::uint64_t length(byte_reader& r, const char* what) {
    const std::size_t at = r.offset();
    const std::uint64_t n = r.u64();
    if (n > r.remaining())
      throw_decode_error("decode: truncated: " + std::string(what) + " of " + std::to_string(n) + " bytes at offset " +
                         std::to_string(at) + ", " + std::to_string(r.remaining()) + " left");
    return n;
  }
  static state_bundle read(byte_reader& r) {
    state_bundle b;
    const std::uint64_t count = r.u64();
    // Every entry takes at least 26 bytes (two lengths, a name byte, a header and checksum).
    if (count > r.remaining() / 26) corrupt(std::to_string(count) + " states in " + std::to_string(r.remaining()) + " bytes");
    const std::string* previous = nullptr;
    for (std::uint64_t i = 0; i < count; ++i) {
      std::string name(static_cast<std::size_t>(length(r, "a name")), '\0');
      if (name.empty()) corrupt("a state with an empty name");
      for (auto& c : name) c = static_cast<char>(r.u8());
      if (previous != nullptr && !(*previous < name)) corrupt("state names out of order or repeated: \"" + name + "\"");
      std::vector<std::uint8_t> bytes(static_cast<std::size_t>(length(r, "a state")));
      for (auto& byte : bytes) byte = r.u8();
      std::uint8_t tag = 0;
      (void)open_state(bytes.data(), bytes.size(), tag);
      if (bytes[4] != encoding_version)
        corrupt("state \"" + name + "\" is in format version " + std::to_string(bytes[4]) + ", a bundle holds version " +
                std::to_string(encoding_version));
      previous = &b.states_.emplace(std::move(name), std::move(bytes)).first->first;
    }
    return b;
  }
};

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_STATE_BUNDLE_HPP
