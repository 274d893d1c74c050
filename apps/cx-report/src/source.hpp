// Bytes in, UTF-8 out: a file or stream read in large blocks; the encoding told from the
// first megabyte (a byte-order mark, NUL bytes of UTF-16, or text that is not UTF-8 and so
// is Windows-1252), and converted to UTF-8 by iconv (glibc) when it is not UTF-8 already.
// An Excel workbook is refused with what to do instead.
#ifndef CX_REPORT_SOURCE_HPP
#define CX_REPORT_SOURCE_HPP

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "text.hpp"

namespace cx_report {

/// Where bytes come from.
class byte_source {
 public:
  virtual ~byte_source() = default;
  /// Up to n bytes into `out`; 0 at the end.
  virtual std::size_t read(char* out, std::size_t n) = 0;
};

/// A std::istream, through its buffer.
class stream_source final : public byte_source {
 public:
  explicit stream_source(std::istream& in) : buffer_(*in.rdbuf()) {}
  std::size_t read(char* out, std::size_t n) override {
    return static_cast<std::size_t>(buffer_.sgetn(out, static_cast<std::streamsize>(n)));
  }

 private:
  std::streambuf& buffer_;
};

/// A file, read with stdio in the caller's block size (no second buffer).
class file_source final : public byte_source {
 public:
  explicit file_source(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (file_) std::setvbuf(file_, nullptr, _IONBF, 0);
  }
  ~file_source() override {
    if (file_) std::fclose(file_);
  }
  file_source(const file_source&) = delete;
  file_source& operator=(const file_source&) = delete;
  bool is_open() const { return file_ != nullptr; }
  std::size_t read(char* out, std::size_t n) override {
    const std::size_t got = std::fread(out, 1, n, file_);
    if (got == 0 && std::ferror(file_)) throw input_error(std::string("cannot read: ") + std::strerror(errno));
    return got;
  }

 private:
  std::FILE* file_;
};

/// Bytes already read (the sniffed prefix), then the rest of the source.
class prefixed_source final : public byte_source {
 public:
  prefixed_source(std::string prefix, std::unique_ptr<byte_source> rest) : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  std::size_t read(char* out, std::size_t n) override {
    if (at_ < prefix_.size()) {
      const std::size_t k = std::min(n, prefix_.size() - at_);
      std::memcpy(out, prefix_.data() + at_, k);
      at_ += k;
      if (at_ == prefix_.size()) std::string().swap(prefix_), at_ = 0;  // the megabyte is freed
      return k;
    }
    return rest_->read(out, n);
  }

 private:
  std::string prefix_;
  std::size_t at_ = 0;
  std::unique_ptr<byte_source> rest_;
};

/// Converts another source to UTF-8 with iconv. A byte sequence that is not valid in the
/// source encoding (Windows-1252 leaves five bytes undefined; UTF-16 may hold a lone
/// surrogate) becomes U+FFFD and counts as an encoding problem of its row downstream.
class iconv_source final : public byte_source {
 public:
  iconv_source(const char* from, std::unique_ptr<byte_source> inner, std::size_t unit)
      : inner_(std::move(inner)), unit_(unit), cd_(iconv_open("UTF-8", from)) {
    if (cd_ == reinterpret_cast<iconv_t>(-1)) throw input_error(std::string("iconv cannot convert from ") + from);
    in_.resize(1 << 16);
  }
  ~iconv_source() override { iconv_close(cd_); }
  iconv_source(const iconv_source&) = delete;
  iconv_source& operator=(const iconv_source&) = delete;

  std::size_t read(char* out, std::size_t n) override {
    char* to = out;
    std::size_t room = n;
    while (room >= 8) {  // room for one converted character (at most 4 bytes) and U+FFFD
      if (have_ == 0 && !eof_) refill();
      if (have_ == 0) break;
      char* from = in_.data() + start_;
      std::size_t left = have_;
      const std::size_t r = iconv(cd_, &from, &left, &to, &room);
      const std::size_t used = have_ - left;
      start_ += used, have_ = left;
      if (r != static_cast<std::size_t>(-1)) continue;
      if (errno == E2BIG || room < 3) break;
      if (errno == EINVAL && !eof_) {  // a character cut at the block's end: read on
        refill();
        if (have_ == left && eof_) bad_sequence(to, room);
        continue;
      }
      bad_sequence(to, room);  // EILSEQ, or a sequence cut by the end of the input
    }
    return static_cast<std::size_t>(to - out);
  }

 private:
  void refill() {
    if (start_ > 0) {
      std::memmove(in_.data(), in_.data() + start_, have_);
      start_ = 0;
    }
    const std::size_t got = inner_->read(in_.data() + have_, in_.size() - have_);
    if (got == 0) eof_ = true;
    have_ += got;
  }
  void bad_sequence(char*& to, std::size_t& room) {
    const std::size_t skip = std::min(unit_, have_);
    start_ += skip, have_ -= skip;
    std::memcpy(to, "\xEF\xBF\xBD", 3);
    to += 3, room -= 3;
  }

  std::unique_ptr<byte_source> inner_;
  std::size_t unit_;
  iconv_t cd_;
  std::vector<char> in_;
  std::size_t start_ = 0, have_ = 0;
  bool eof_ = false;
};

/// --encoding: automatic tells them apart; the others are taken as given.
enum class text_encoding { automatic, utf8, windows_1252, utf16 };

/// What the sniffing found, for the report.
struct decoded_text {
  std::unique_ptr<byte_source> source;  ///< UTF-8, without a byte-order mark
  std::string encoding;                 ///< "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Windows-1252", ...
  bool guessed_windows_1252 = false;    ///< not valid UTF-8, so read as Windows-1252
};

namespace detail {
// Valid UTF-8 but for a sequence cut by the end of the sample (a full 1 MiB read may stop
// inside a multi-byte character): valid_utf8 of the sample, or of it without its last 1-3 bytes.
inline bool sample_is_utf8(const std::string& s) {
  if (valid_utf8(s)) return true;
  if (s.size() != (1u << 20)) return false;
  for (std::size_t cut = 1; cut < 4; ++cut)
    if (valid_utf8(std::string_view(s).substr(0, s.size() - cut))) return true;
  return false;
}
}  // namespace detail

/// Reads the first megabyte of `raw` and returns the whole of it as UTF-8. Throws
/// input_error for an Excel workbook and for an encoding that cannot be converted.
inline decoded_text decode_text(std::unique_ptr<byte_source> raw, text_encoding forced = text_encoding::automatic) {
  // In blocks, so that a small input costs a small buffer.
  std::string sample;
  while (sample.size() < (1u << 20)) {
    const std::size_t got = sample.size();
    sample.resize(got + (1u << 16));
    const std::size_t n = raw->read(&sample[got], 1u << 16);
    sample.resize(got + n);
    if (n == 0) break;
  }
  if (sample.compare(0, 4, "PK\x03\x04") == 0)
    throw input_error("this is an Excel workbook (.xlsx, a zip archive), not a CSV file: export it as CSV (UTF-8) and run again");
  if (sample.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0)
    throw input_error("this is an Excel workbook (.xls), not a CSV file: export it as CSV (UTF-8) and run again");
  decoded_text out;
  auto convert = [&](const char* from, std::size_t skip, std::size_t unit, const char* name) {
    out.encoding = name;
    out.source = std::make_unique<iconv_source>(from, std::make_unique<prefixed_source>(sample.substr(skip), std::move(raw)), unit);
  };
  const bool bom8 = sample.compare(0, 3, "\xEF\xBB\xBF") == 0;
  const bool le = sample.compare(0, 2, "\xFF\xFE") == 0, be = sample.compare(0, 2, "\xFE\xFF") == 0;
  // UTF-16 without a mark: ASCII text has a NUL in every other byte.
  std::size_t even_nul = 0, odd_nul = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(sample.size(), 4096); ++i)
    if (sample[i] == '\0') ++(i % 2 ? odd_nul : even_nul);
  const std::size_t half = std::min<std::size_t>(sample.size(), 4096) / 2;
  if (forced == text_encoding::utf16 || (forced == text_encoding::automatic && (le || be || 3 * odd_nul > half || 3 * even_nul > half))) {
    if (be || (!le && even_nul > odd_nul)) convert("UTF-16BE", be ? 2 : 0, 2, be ? "UTF-16BE with BOM" : "UTF-16BE");
    else convert("UTF-16LE", le ? 2 : 0, 2, le ? "UTF-16LE with BOM" : "UTF-16LE");
    return out;
  }
  if (forced == text_encoding::windows_1252 ||
      (forced == text_encoding::automatic && !bom8 && !detail::sample_is_utf8(sample))) {
    out.guessed_windows_1252 = forced == text_encoding::automatic;
    convert("WINDOWS-1252", 0, 1, "Windows-1252");
    return out;
  }
  out.encoding = bom8 ? "UTF-8 with BOM" : "UTF-8";
  out.source = std::make_unique<prefixed_source>(sample.substr(bom8 ? 3 : 0), std::move(raw));
  return out;
}

}  // namespace cx_report

#endif  // CX_REPORT_SOURCE_HPP
