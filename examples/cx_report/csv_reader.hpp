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

/// Streams records from `in`. A malformed record (a stray quote, text after a closing
/// quote, a quote never closed) is returned with `problem` set, and reading resumes at the
/// next line so that one bad row costs one row. Blank lines are skipped.
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
    std::string field;
    for (;;) {
      field.clear();
      if (peek() == '"') {
        take();
        read_quoted(field, record);
        if (!record.problem.empty()) break;
      } else {
        read_plain(field, record);
        if (!record.problem.empty()) break;
      }
      record.fields.push_back(field);
      const int c = take();
      if (c == ',') continue;
      if (c == '\n' || c == '\r' || c == eof) {
        record.last_line = line_;
        end_line(c);
        return true;
      }
      record.problem = "unexpected character '" + std::string(1, static_cast<char>(c)) +
                       "' after a closing quote (a quote inside a field must be doubled: \"\")";
      break;
    }
    record.last_line = line_;
    skip_rest_of_line();
    return true;
  }

  /// The physical line the next read starts on.
  std::size_t line() const noexcept { return line_; }

 private:
  static constexpr int eof = std::char_traits<char>::eof();

  // Bytes of a partial byte-order mark are data: they are served again from `pending_`.
  int peek() { return next_pending_ < pending_.size() ? static_cast<unsigned char>(pending_[next_pending_]) : in_.sgetc(); }
  int take() {
    if (next_pending_ < pending_.size()) return static_cast<unsigned char>(pending_[next_pending_++]);
    return in_.sbumpc();
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

  void read_plain(std::string& field, csv_record& record) {
    for (int c = peek(); c != eof && c != ',' && c != '\n' && c != '\r'; c = peek()) {
      if (c == '"') {
        record.problem = "a quote inside an unquoted field (quote the whole field and double the quote)";
        return;
      }
      field.push_back(static_cast<char>(take()));
    }
  }

  void read_quoted(std::string& field, csv_record& record) {
    const std::size_t opened = line_;
    for (;;) {
      const int c = take();
      if (c == eof) {
        record.problem = "a quoted field opened on line " + std::to_string(opened) + " is never closed";
        return;
      }
      if (c == '"') {
        if (peek() != '"') return;  // the closing quote
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

  std::streambuf& in_;
  std::string pending_;
  std::size_t next_pending_ = 0;
  std::size_t line_ = 1;
};

}  // namespace cx_report

#endif  // CX_REPORT_CSV_READER_HPP
