// Reads CSV records as survey tools export them (RFC 4180 and what real files add to it):
// quoted fields holding delimiters, quotes ("") and line breaks; LF, CRLF or CR line ends;
// a UTF-8 byte-order mark; blank lines; any one-byte delimiter. Debian's packaged C++ CSV
// parser (fast-cpp-csv-parser) refuses line breaks inside quotes, so the report reads CSV
// itself, and fast: blocks of 64 KB, fields scanned with a lookup table and copied
// into strings that keep their capacity from row to row (no allocation per row).
#ifndef CX_REPORT_CSV_READER_HPP
#define CX_REPORT_CSV_READER_HPP

#include <array>
#include <cstddef>
#include <cstring>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "source.hpp"

namespace cx_report {

/// One record: its fields, unquoted, and the physical lines it spans (1-based), so that a
/// problem can be reported as file:line.
struct csv_record {
  std::vector<std::string> fields;
  std::size_t first_line = 0;
  std::size_t last_line = 0;
  /// Empty when the record is well formed; otherwise why it is not (the fields are then
  /// whatever could be read and must not be used).
  std::string problem;
};

/// Streams records. A malformed record is returned with `problem` set, and reading resumes
/// where the damage most likely ends, so that one bad row costs one row: after a stray
/// quote in an unquoted field, at the next line; after text following a closing quote (a
/// writer that did not double an inner quote), at the end of the record, quotes respected;
/// after a quote that is never closed, at the line after the one it opened on. Blank lines
/// are skipped.
class csv_reader {
 public:
  explicit csv_reader(std::istream& in, char delimiter = ',')
      : csv_reader(std::make_unique<stream_source>(in), delimiter) {}

  explicit csv_reader(std::unique_ptr<byte_source> source, char delimiter = ',')
      : source_(std::move(source)), buffer_(1u << 16) {
    set_delimiter(delimiter);
    while (end_ < 3 && fill()) {
    }
    if (end_ >= 3 && std::memcmp(buffer_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;  // the whole mark: not data
  }

  /// The field separator from the next record on (the header may be read before it is known).
  void set_delimiter(char delimiter) {
    delimiter_ = static_cast<unsigned char>(delimiter);
    plain_stop_.fill(false);
    quoted_stop_.fill(false);
    for (unsigned char c : {static_cast<unsigned char>(delimiter), static_cast<unsigned char>('"'),
                            static_cast<unsigned char>('\n'), static_cast<unsigned char>('\r')})
      plain_stop_[c] = true;
    for (unsigned char c : {'"', '\n', '\r'}) quoted_stop_[c] = true;
  }

  /// The not yet consumed input, up to `n` bytes, without consuming it (to sniff the delimiter).
  std::string peek_text(std::size_t n) {
    while (end_ - pos_ < n && fill()) {
    }
    return std::string(buffer_.data() + pos_, std::min(n, end_ - pos_));
  }

  /// Reads the next record into `record`; false at the end of the input.
  bool next(csv_record& record) {
    record.problem.clear();
    for (;;) {
      const int c = peek();
      if (c == eof) return false;
      if (c != '\n' && c != '\r') break;
      end_line(take());  // a blank line carries no record
    }
    record.first_line = line_;
    record_start_ = pos_;
    in_record_ = true;
    std::size_t count = 0;
    auto next_field = [&]() -> std::string& {
      if (count == record.fields.size()) record.fields.emplace_back();
      std::string& f = record.fields[count++];
      f.clear();
      return f;
    };
    for (;;) {
      std::string& field = next_field();
      if (peek() == '"') {
        take();
        if (!read_quoted(field)) {
          record.problem = "a quoted field opened on line " + std::to_string(line_of_quote_) +
                           (peek() == eof ? std::string(" is never closed")
                                          : " runs over " + std::to_string(max_field_lines) + " lines: a quote never closed?");
          resume_after_first_line(record);
          return finish(record, count);
        }
        // A quote left open is often "closed" by the next stray quote lines later, which
        // then has text after it: take that for the broken quote it is, not a long comment.
        const int after = peek();
        if (line_ > line_of_quote_ && after != delimiter_ && after != '\n' && after != '\r' && after != eof) {
          record.problem = "a quoted field opened on line " + std::to_string(line_of_quote_) + " is closed on line " +
                           std::to_string(line_) + " by a quote followed by text: a quote never closed?";
          resume_after_first_line(record);
          return finish(record, count);
        }
      } else if (!read_plain(field)) {
        record.problem = "a quote inside an unquoted field (quote the whole field and double the quote)";
        record.last_line = line_;
        skip_rest_of_line();
        return finish(record, count);
      }
      const int c = take();
      if (c == delimiter_) continue;
      if (c == '\n' || c == '\r' || c == eof) {
        record.last_line = line_;
        end_line(c);
        return finish(record, count);
      }
      record.problem = "unexpected character " + in_quotes(std::string(1, static_cast<char>(c))) +
                       " after a closing quote (a quote inside a field must be doubled: \"\")";
      break;
    }
    record.last_line = line_;
    if (!skip_rest_of_record()) resume_after_first_line(record);
    return finish(record, count);
  }

  /// The physical line the next read starts on.
  std::size_t line() const noexcept { return line_; }

 private:
  static constexpr int eof = std::char_traits<char>::eof();
  // A quoted field longer than this is taken for a quote never closed: free-text answers
  // run to a few lines, and the bound keeps a file of broken quotes from being re-read
  // once per bad row.
  static constexpr std::size_t max_field_lines = 1000;

  bool finish(csv_record& record, std::size_t count) {
    record.fields.resize(count);
    in_record_ = false;
    return true;
  }

  // More bytes; the current record stays in the buffer (it may be read again).
  bool fill() {
    if (eof_) return false;
    const std::size_t keep = in_record_ ? record_start_ : pos_;
    if (keep > 0) {
      std::memmove(buffer_.data(), buffer_.data() + keep, end_ - keep);
      end_ -= keep, pos_ -= keep;
      if (in_record_) record_start_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(2 * buffer_.size());  // a record longer than the buffer
    const std::size_t got = source_->read(buffer_.data() + end_, buffer_.size() - end_);
    if (got == 0) eof_ = true;
    end_ += got;
    return got > 0;
  }
  int peek() { return pos_ < end_ || fill() ? static_cast<unsigned char>(buffer_[pos_]) : eof; }
  int take() {
    const int c = peek();
    if (c != eof) ++pos_;
    return c;
  }

  // Reads again from the line after the record's first: a quote that never closes must not
  // swallow the rest of the file.
  void resume_after_first_line(csv_record& record) {
    record.last_line = record.first_line;
    std::size_t k = record_start_;
    while (k < end_ && buffer_[k] != '\n' && buffer_[k] != '\r') ++k;
    pos_ = k;
    line_ = record.first_line;
    if (k < end_) end_line(take());
  }

  // Counts the line end `c` just taken; CRLF is one line end.
  void end_line(int c) {
    if (c == '\r' && peek() == '\n') take();
    if (c == '\n' || c == '\r') ++line_;
  }

  // False at a quote: an unquoted field may not hold one.
  bool read_plain(std::string& field) {
    for (;;) {
      const std::size_t start = pos_;
      const char* data = buffer_.data();
      while (pos_ < end_ && !plain_stop_[static_cast<unsigned char>(data[pos_])]) ++pos_;
      field.append(data + start, pos_ - start);
      if (pos_ < end_) return data[pos_] != '"';
      if (!fill()) return true;
    }
  }

  // After the opening quote; false when the input ends before the closing one, or the field
  // runs over max_field_lines.
  bool read_quoted(std::string& field) {
    line_of_quote_ = line_;
    for (;;) {
      const std::size_t start = pos_;
      const char* data = buffer_.data();
      while (pos_ < end_ && !quoted_stop_[static_cast<unsigned char>(data[pos_])]) ++pos_;
      field.append(data + start, pos_ - start);
      const int c = take();
      if (c == eof) return false;
      if (c == '"') {
        if (peek() != '"') return true;  // the closing quote
        take();
        field.push_back('"');
        continue;
      }
      end_line(c);
      field.push_back('\n');  // a line break inside a field, whatever the file's line ends
      if (line_ - line_of_quote_ > max_field_lines) return false;
    }
  }

  void skip_rest_of_line() {
    for (int c = take(); c != eof; c = take())
      if (c == '\n' || c == '\r') {
        end_line(c);
        return;
      }
  }

  // To the end of the record, line breaks inside quotes included; false when a quote is
  // still open at the end of the input.
  bool skip_rest_of_record() {
    bool quoted_now = false;
    const std::size_t start = line_;
    int previous = eof;  // the character that broke the record is not a field separator
    for (int c = take(); c != eof && line_ - start <= max_field_lines; previous = c, c = take()) {
      if (c == '"' && (quoted_now || previous == delimiter_)) quoted_now = !quoted_now;  // opens only at a field's start
      if (c != '\n' && c != '\r') continue;
      end_line(c);
      if (!quoted_now) return true;
    }
    return !quoted_now && line_ - start <= max_field_lines;
  }

  std::unique_ptr<byte_source> source_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0, record_start_ = 0;
  bool in_record_ = false, eof_ = false;
  int delimiter_ = ',';
  std::array<bool, 256> plain_stop_{}, quoted_stop_{};
  std::size_t line_ = 1;
  std::size_t line_of_quote_ = 0;
};

}  // namespace cx_report

#endif  // CX_REPORT_CSV_READER_HPP
