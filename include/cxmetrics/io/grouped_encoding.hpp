// Encoding of grouped<Key, State> for integer and string keys, in the format of
// io/encoding.hpp (docs/encoding.md).
#ifndef CXMETRICS_IO_GROUPED_ENCODING_HPP
#define CXMETRICS_IO_GROUPED_ENCODING_HPP

#include <cstdint>
#include <string>
#include <type_traits>

#include <cxmetrics/io/encoding.hpp>
#include <cxmetrics/segments/grouped.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

template <class Key>
struct key_codec {
  static_assert(std::is_integral_v<Key> && !std::is_same_v<Key, bool>, "grouped keys encode as integers or std::string");
  static constexpr std::uint8_t kind = std::is_signed_v<Key> ? 1 : 2;
  static void write(byte_writer& w, Key k) { w.u64(static_cast<std::uint64_t>(k)); }
  static Key read(byte_reader& r) {
    const std::uint64_t raw = r.u64();
    const Key k = static_cast<Key>(raw);
    if (static_cast<std::uint64_t>(k) != raw) corrupt("a key that does not fit the key type");
    return k;
  }
};

template <>
struct key_codec<std::string> {
  static constexpr std::uint8_t kind = 3;
  static void write(byte_writer& w, const std::string& k) {
    w.u64(k.size());
    for (char c : k) w.u8(static_cast<std::uint8_t>(c));
  }
  static std::string read(byte_reader& r) {
    const std::uint64_t length = r.u64();
    if (length > r.remaining()) throw_decode_error("decode: truncated: a key of " + std::to_string(length) + " bytes at offset " + std::to_string(r.offset()));
    std::string k(static_cast<std::size_t>(length), '\0');
    for (auto& c : k) c = static_cast<char>(r.u8());
    return k;
  }
};

// Body: key kind (1), inner state tag (1), prototype body, group count (8), then each
// (key, state body) in strictly increasing key order, which makes the bytes canonical.
template <class Key, class State, class Hash>
struct state_access::codec<grouped<Key, State, Hash>> {
  static constexpr state_type type = state_type::grouped;
  static void write(byte_writer& w, const grouped<Key, State, Hash>& g) {
    w.u8(key_codec<Key>::kind);
    w.u8(static_cast<std::uint8_t>(codec<State>::type));
    codec<State>::write(w, g.prototype());
    const auto items = g.sorted();
    w.u64(items.size());
    for (const auto& [key, state] : items) {
      key_codec<Key>::write(w, key);
      codec<State>::write(w, state);
    }
  }
  static grouped<Key, State, Hash> read(byte_reader& r) {
    const std::uint8_t kind = r.u8(), inner = r.u8();
    if (kind != key_codec<Key>::kind) throw_decode_error("decode: the keys are of kind " + std::to_string(kind) + ", expected " + std::to_string(key_codec<Key>::kind));
    if (inner != static_cast<std::uint8_t>(codec<State>::type))
      throw_decode_error(std::string("decode: the groups hold ") + state_type_name(inner) + ", not " +
                         state_type_name(static_cast<std::uint8_t>(codec<State>::type)));
    grouped<Key, State, Hash> g(codec<State>::read(r));
    const std::uint64_t count = r.u64();
    // Every group takes more than one byte: a larger count cannot be honest.
    if (count > r.remaining()) corrupt(std::to_string(count) + " groups in " + std::to_string(r.remaining()) + " bytes");
    bool first = true;
    Key previous{};
    for (std::uint64_t i = 0; i < count; ++i) {
      Key key = key_codec<Key>::read(r);
      if (!first && !(previous < key)) corrupt("group keys out of order or repeated");
      g[key] = codec<State>::read(r);
      previous = std::move(key);
      first = false;
    }
    return g;
  }
};

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_GROUPED_ENCODING_HPP
