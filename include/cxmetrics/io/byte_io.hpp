// Little-endian, bounds-checked byte writing and reading for the state encoding. It lives in
// io/ (namespace detail) because it raises decode_error, a core type: detail/ stays the ground.
#ifndef CXMETRICS_IO_BYTE_IO_HPP
#define CXMETRICS_IO_BYTE_IO_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <cxmetrics/core/error.hpp>

CXMETRICS_BEGIN_NAMESPACE
namespace detail {

class byte_writer {
 public:
  void unsigned_int(std::uint64_t value, std::size_t width) {
    for (std::size_t i = 0; i < width; ++i) bytes_.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
  }
  void u8(std::uint8_t v) { bytes_.push_back(v); }
  void i32(std::int32_t v) { unsigned_int(static_cast<std::uint32_t>(v), 4); }
  void u64(std::uint64_t v) { unsigned_int(v, 8); }
  void f64(double v) {
    if (v == 0.0) v = 0.0;  // -0.0 == 0.0 for every state's ==, so one encoding for both
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  std::vector<std::uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<std::uint8_t> bytes_;
};

class byte_reader {
 public:
  byte_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {
    if (data == nullptr && size != 0) throw_decode_error("decode: null data with nonzero size");
  }

  std::uint64_t unsigned_int(std::size_t width) {
    need(width);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < width; ++i) v |= static_cast<std::uint64_t>(data_[offset_ + i]) << (8 * i);
    offset_ += width;
    return v;
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(unsigned_int(1)); }
  std::int32_t i32() {
    const auto u = static_cast<std::uint32_t>(unsigned_int(4));
    std::int32_t v;
    std::memcpy(&v, &u, sizeof v);
    return v;
  }
  std::uint64_t u64() { return unsigned_int(8); }
  double f64() {
    const std::uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  std::size_t offset() const noexcept { return offset_; }
  std::size_t remaining() const noexcept { return size_ - offset_; }

  /// The buffer must hold exactly one state: nothing may follow it.
  void finish() const {
    if (offset_ != size_)
      throw_decode_error("decode: " + std::to_string(size_ - offset_) + " unexpected bytes after the state at offset " +
                         std::to_string(offset_));
  }

 private:
  void need(std::size_t width) const {
    if (size_ - offset_ < width)
      throw_decode_error("decode: truncated: " + std::to_string(width) + " bytes needed at offset " +
                         std::to_string(offset_) + ", " + std::to_string(size_ - offset_) + " left");
  }
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t offset_ = 0;
};

}  // namespace detail
CXMETRICS_END_NAMESPACE

#endif  // CXMETRICS_IO_BYTE_IO_HPP
