// Reads CSV records as survey tools export them (RFC 4180 and what real files add to it):
// quoted fields holding commas, quotes ("") and line breaks; LF, CRLF or CR line ends; a
// UTF-8 byte-order mark; blank lines. Debian's packaged C++ CSV parser (fast-cpp-csv-parser)
// refuses line breaks inside quotes, so the report reads CSV itself; tests/report and the
// csv fuzzer hold this reader to library standards.
#ifndef CX_REPORT_CSV_READER_HPP
#define CX_REPORT_CSV_READER_HPP

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

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

/// Streams records from `in`. A malformed record is returned with `problem` set, and reading
/// resumes where the damage most likely ends, so that one bad row costs one row: after a
/// stray quote in an unquoted field, at the next line; after text following a closing quote
/// (a writer that did not double an inner quote), at the end of the record, quotes
/// respected; after a quote that is never closed, at the line after the one it opened on.
/// Blank lines are skipped.
class csv_reader {
 public:
  explicit csv_reader(std::istream& in) : in_(*in.rdbuf()) { skip_byte_order_mark(); }

  /// Reads the next record into `record`; false at the end of the input.
  bool next(csv_record& record) {
    record.fields.clear();
    record.problem.clear();
    for (;;) {
      int c = peek();
      if (c == eof) return false;
      if (c == '\n' || c == '\r') {  // a blank line carries no record
        end_line(take());
        continue;
      }
      break;
    }
    record.first_line = line_;
    raw_.clear();
    capturing_ = true;
    std::string field;
    for (;;) {
      field.clear();
      if (peek() == '"') {
        take();
        if (!read_quoted(field)) {
          record.problem = "a quoted field opened on line " + std::to_string(line_of_quote_) +
                           (peek() == eof ? std::string(" is never closed")
                                          : " runs over " + std::to_string(max_field_lines) + " lines: a quote never closed?");
          resume_after_first_line(record);
          return true;
        }
        // A quote left open is often "closed" by the next stray quote lines later, which
        // then has text after it: take that for the broken quote it is, not a long comment.
        if (line_ > line_of_quote_ && peek() != ',' && peek() != '\n' && peek() != '\r' && peek() != eof) {
          record.problem = "a quoted field opened on line " + std::to_string(line_of_quote_) + " is closed on line " +
                           std::to_string(line_) + " by a quote followed by text: a quote never closed?";
          resume_after_first_line(record);
          return true;
        }
      } else if (!read_plain(field)) {
        record.problem = "a quote inside an unquoted field (quote the whole field and double the quote)";
        record.last_line = line_;
        skip_rest_of_line();
        capturing_ = false;
        return true;
      }
      record.fields.push_back(field);
      const int c = take();
      if (c == ',') continue;
      if (c == '\n' || c == '\r' || c == eof) {
        record.last_line = line_;
        end_line(c);
        capturing_ = false;
        return true;
      }
      record.problem = "unexpected character '" + std::string(1, static_cast<char>(c)) +
                       "' after a closing quote (a quote inside a field must be doubled: \"\")";
      break;
    }
    record.last_line = line_;
    if (!skip_rest_of_record()) resume_after_first_line(record);
    capturing_ = false;
    return true;
  }

  /// The physical line the next read starts on.
  std::size_t line() const noexcept { return line_; }

 private:
  static constexpr int eof = std::char_traits<char>::eof();
  // A quoted field longer than this is taken for a quote never closed: free-text answers
  // run to a few lines, and the bound keeps a file of broken quotes from being re-read
  // once per bad row.
  static constexpr std::size_t max_field_lines = 1000;

  // Bytes of a partial byte-order mark are data: they are served again from `pending_`.
  int peek() { return next_pending_ < pending_.size() ? static_cast<unsigned char>(pending_[next_pending_]) : in_.sgetc(); }
  int take() {
    const int c = next_pending_ < pending_.size() ? static_cast<unsigned char>(pending_[next_pending_++]) : in_.sbumpc();
    if (capturing_ && c != eof) raw_.push_back(static_cast<char>(c));
    return c;
  }

  // Gives back everything after the first line of the current record, to be read again:
  // a quote that never closes must not swallow the rest of the file.
  void resume_after_first_line(csv_record& record) {
    capturing_ = false;
    record.last_line = record.first_line;
    const std::size_t end = raw_.find_first_of("\r\n");
    std::string rest;
    if (end != std::string::npos) rest = raw_.substr(end + (raw_.compare(end, 2, "\r\n") == 0 ? 2 : 1));
    pending_ = rest + pending_.substr(next_pending_);
    next_pending_ = 0;
    line_ = record.first_line + (end != std::string::npos ? 1 : 0);
  }

  void skip_byte_order_mark() {
    static const char bom[] = "\xEF\xBB\xBF";
    for (int i = 0; i < 3; ++i) {
      if (in_.sgetc() != static_cast<unsigned char>(bom[i])) return;
      pending_.push_back(static_cast<char>(in_.sbumpc()));
    }
    pending_.clear();  // the whole mark: not data
  }

  // Counts the line end `c` just taken; CRLF is one line end.
  void end_line(int c) {
    if (c == '\r' && peek() == '\n') take();
    if (c == '\n' || c == '\r') ++line_;
  }

  // False at a quote: an unquoted field may not hold one.
  bool read_plain(std::string& field) {
    for (int c = peek(); c != eof && c != ',' && c != '\n' && c != '\r'; c = peek()) {
      if (c == '"') return false;
      field.push_back(static_cast<char>(take()));
    }
    return true;
  }

  // After the opening quote; false when the input ends before the closing one.
  bool read_quoted(std::string& field) {
    line_of_quote_ = line_;
    for (;;) {
      const int c = take();
      if (c == eof || line_ - line_of_quote_ > max_field_lines) return false;
      if (c == '"') {
        if (peek() != '"') return true;  // the closing quote
        take();
      } else if (c == '\r' || c == '\n') {
        end_line(c);
        field.push_back('\n');  // a line break inside a field, whatever the file's line ends
        continue;
      }
      field.push_back(static_cast<char>(c));
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
    bool quoted = false;
    const std::size_t start = line_;
    int previous = eof;  // the character that broke the record is not a field separator
    for (int c = take(); c != eof && line_ - start <= max_field_lines; previous = c, c = take()) {
      if (c == '"' && (quoted || previous == ',')) quoted = !quoted;  // a quote opens only at a field's start
      if (c != '\n' && c != '\r') continue;
      end_line(c);
      if (!quoted) return true;
    }
    return !quoted && line_ - start <= max_field_lines;
  }

  std::streambuf& in_;
  std::string pending_;
  std::size_t next_pending_ = 0;
  std::string raw_;         // the bytes of the current record, while capturing_
  bool capturing_ = false;
  std::size_t line_ = 1;
  std::size_t line_of_quote_ = 0;
};

}  // namespace cx_report

#endif  // CX_REPORT_CSV_READER_HPP
