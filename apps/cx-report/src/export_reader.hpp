// From the bytes of an export to checked responses, one at a time: the layout (extra header
// rows of Qualtrics and SurveyMonkey, footer lines of Salesforce reports, the delimiter),
// which column holds what, and an account of every row that is not a response (counted per
// reason with its first example, the first thousand listed with their lines).
#ifndef CX_REPORT_EXPORT_READER_HPP
#define CX_REPORT_EXPORT_READER_HPP

#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cells.hpp"
#include "csv_reader.hpp"
#include "dates.hpp"
#include "source.hpp"
#include "text.hpp"

namespace cx_report {

/// Which column holds what, as named on the command line; empty: the conventional names.
struct column_names {
  std::string score, time, agent, channel, self, reason, weight;
};

/// Column positions in the header; -1 when not used.
struct column_indices {
  int score = -1, time = -1, agent = -1, channel = -1, self = -1, reason = -1, weight = -1;
};

/// How to read an export; every member has a command-line flag.
struct read_options {
  metric_spec metric;
  column_names columns;
  std::optional<int> header_rows;       ///< --header-rows: rows before the data, the names' row included
  std::optional<char> delimiter;        ///< --delimiter; sniffed among , ; tab | otherwise
  text_encoding encoding = text_encoding::automatic;
  date_format dates = date_format::automatic;
  bool no_time = false;                 ///< --time none
  value_map map;                        ///< --map
};

/// One usable response. The names point into the reader's current record: valid until the
/// next call to next().
struct response {
  int score = 0;
  std::optional<date_key> date;
  std::string_view agent, channel, reason;  ///< empty when the cell is empty or the column unused
  std::optional<int> self;                  ///< the self-assessment of the same interaction
  double weight = 1.0;
};

/// Why a row is not a response.
enum class problem_kind { quotes, fields, score, date, self_assessment, weight, encoding, text };
constexpr std::size_t problem_kinds = 8;

inline const char* problem_name(problem_kind k) {
  switch (k) {
    case problem_kind::quotes: return "broken quotes";
    case problem_kind::fields: return "wrong number of fields";
    case problem_kind::score: return "the score";
    case problem_kind::date: return "the date";
    case problem_kind::self_assessment: return "the self-assessment";
    case problem_kind::weight: return "the weight";
    case problem_kind::encoding: return "the encoding (not UTF-8)";
    case problem_kind::text: return "a control character in a name";
  }
  return "";
}

/// A row that could not be used, and why.
struct input_problem {
  std::size_t line;
  std::string reason;
};

/// The rows of one kind of problem: how many, and the first.
struct problem_count {
  std::size_t count = 0;
  input_problem first{0, ""};
};

/// Everything the reading did besides producing responses.
struct input_account {
  std::string encoding = "UTF-8";
  bool guessed_windows_1252 = false;
  char delimiter = ',';
  bool decimal_comma = false;
  std::size_t header_rows = 1;        ///< rows before the data, the names' row included
  std::size_t footer_lines = 0;       ///< one-field lines after the last row (report exports)
  std::size_t rows = 0;               ///< data rows (records between the header and the footer)
  std::size_t missing_score = 0;      ///< rows without an answer: skipped questions, never a 0
  std::size_t missing_date = 0;       ///< used rows without a date (outside every period)
  std::size_t missing_self = 0;       ///< used rows without a self-assessment (when --self)
  /// Well-formed records spanning several lines (line breaks inside quoted fields): shown so
  /// that a quote left open and closed by a later stray quote, which joins the lines between
  /// into one field and cannot be told from a long comment, does not go unnoticed.
  std::size_t multi_line_records = 0;
  std::size_t malformed = 0;
  std::array<problem_count, problem_kinds> by_kind{};
  std::vector<input_problem> listed;  ///< the first max_listed problems, in file order
  static constexpr std::size_t max_listed = 1000;
};

namespace detail {

// Among , ; tab |: the one that splits the first line (outside quotes) into the most fields
// and the next lines into as many.
inline char sniff_delimiter(const std::string& text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  bool in_quotes = false;
  for (std::size_t i = 0; i < text.size() && lines.size() < 12; ++i) {
    if (text[i] == '"') in_quotes = !in_quotes;
    if (!in_quotes && (text[i] == '\n' || text[i] == '\r')) {
      if (i > start) lines.push_back(std::string_view(text).substr(start, i - start));
      start = i + 1;
    }
  }
  if (lines.empty()) lines.push_back(text);
  auto count = [](std::string_view line, char d) {
    std::size_t n = 0;
    bool q = false;
    for (char c : line) {
      if (c == '"') q = !q;
      if (!q && c == d) ++n;
    }
    return n;
  };
  char best = ',';
  std::size_t best_score = 0;
  for (char d : {',', ';', '\t', '|'}) {
    const std::size_t head = count(lines[0], d);
    if (head == 0) continue;
    std::size_t agree = 1;
    for (std::size_t i = 1; i < lines.size(); ++i) agree += count(lines[i], d) == head;
    const std::size_t score = head * agree;
    if (score > best_score) best = d, best_score = score;
  }
  return best;
}

inline bool starts_with_import_id(const std::vector<std::string>& fields) {
  for (const auto& f : fields)
    if (trim(f).substr(0, 11) == "{\"ImportId\"") return true;
  return false;
}
inline bool has_response_cell(const std::vector<std::string>& fields) {
  for (const auto& f : fields) {
    const std::string n = normalized_name(f);
    if (n == "response" || n == "openendedresponse") return true;
  }
  return false;
}

}  // namespace detail

/// Finds the columns: a name given on the command line must be in the header; a column not
/// given is looked up by its conventional names; names compare ignoring case, spaces,
/// underscores and hyphens. The score column must be found one way or the other.
inline column_indices resolve_columns(const std::vector<std::string>& header, const column_names& given,
                                      const metric_spec& metric, bool no_time = false) {
  auto find = [&](const std::string& name) {
    int found = -1;
    const std::string wanted = normalized_name(name);
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (normalized_name(header[i]) != wanted) continue;
      if (found >= 0)
        throw usage_error("column " + in_quotes(name) + " appears twice in the header (columns " + std::to_string(found + 1) +
                          " and " + std::to_string(i + 1) + "): which one is meant is unclear; rename one");
      found = static_cast<int>(i);
    }
    return found;
  };
  // The one column whose name contains `part` ("How likely are you to recommend us?").
  auto containing = [&](const std::string& part) {
    int found = -1;
    for (std::size_t i = 0; i < header.size(); ++i)
      if (normalized_name(header[i]).find(part) != std::string::npos) {
        if (found >= 0) return -1;
        found = static_cast<int>(i);
      }
    return found;
  };
  auto pick = [&](const std::string& flag, const std::string& name, const std::vector<std::string>& conventional) {
    if (!name.empty()) {
      const int i = find(name);
      if (i < 0) throw usage_error(flag + " " + printable(name) + ": no such column; the header has: " + join_names(header));
      return i;
    }
    for (const auto& n : conventional)
      if (const int i = find(n); i >= 0) return i;
    return -1;
  };
  std::vector<std::string> score_names;
  std::string part;
  switch (metric.kind) {
    case metric_kind::nps: score_names = {"nps", "nps_score", "nps_rating", "likelihood_to_recommend", "ltr"}, part = "recommend"; break;
    case metric_kind::csat: score_names = {"csat", "csat_score", "satisfaction", "satisfaction_score"}, part = "satisf"; break;
    case metric_kind::ces: score_names = {"ces", "ces_score", "effort", "customer_effort"}, part = "effort"; break;
    case metric_kind::binary: score_names = {"satisfaction", "satisfaction_score", "satisfaction_rating", "csat", "thumbs"}, part = "satisf"; break;
    case metric_kind::likert: break;
  }
  score_names.insert(score_names.end(), {"score", "rating"});
  column_indices c;
  c.score = pick("--score", given.score, score_names);
  if (c.score < 0 && given.score.empty() && !part.empty()) c.score = containing(part);
  if (c.score < 0)
    throw usage_error("no score column: none of " + join_names(score_names) + " is in the header (" + join_names(header) +
                      "); name it with --score");
  if (!no_time)
    c.time = pick("--time", given.time, {"date", "submitted_at", "created_at", "timestamp", "time", "response_date",
                                          "recorded_date", "end_date", "date_submitted", "submit_date", "date_created",
                                          "response_timestamp", "completed_at", "survey_date"});
  c.agent = pick("--agent", given.agent, {"agent", "agent_name", "employee", "assignee", "case_owner", "owner"});
  c.channel = pick("--channel", given.channel, {"channel", "contact_channel"});
  c.self = pick("--self", given.self, {"self_assessment", "self_rating", "agent_self_rating"});
  c.reason = pick("--reason", given.reason, {"reason", "reason_code", "contact_reason"});
  c.weight = pick("--weight", given.weight, {});  // weighting changes every number: only when asked
  return c;
}

/// Reads an export row by row. The constructor reads the header (and the extra header
/// rows) and finds the columns: it throws input_error for a file that is no export
/// (empty, an Excel workbook) and usage_error for a column named but absent.
class export_reader {
 public:
  export_reader(std::unique_ptr<byte_source> raw, const read_options& options) : options_(options), reader_(nullptr) {
    decoded_text text = decode_text(std::move(raw), options.encoding);
    account_.encoding = text.encoding;
    account_.guessed_windows_1252 = text.guessed_windows_1252;
    reader_ = std::make_unique<csv_reader>(std::move(text.source), ',');
    account_.delimiter = options.delimiter ? *options.delimiter : detail::sniff_delimiter(reader_->peek_text(1 << 16));
    account_.decimal_comma = account_.delimiter == ';';
    reader_->set_delimiter(account_.delimiter);
    read_header();
  }

  const std::vector<std::string>& header() const { return header_; }
  const column_indices& columns() const { return columns_; }
  const input_account& account() const { return account_; }
  const read_options& options() const { return options_; }

  /// The next usable response; false at the end of the data.
  bool next(response& r) {
    for (;;) {
      if (!next_record()) {
        account_.footer_lines = pending_footer_.size();
        pending_footer_.clear();
        return false;
      }
      if (record_.problem.empty() && record_.fields.size() == 1 && header_.size() > 1) {
        // A one-field line may open a report's footer ("Grand Totals", "Copyright ..."):
        // it is one when nothing but such lines follows.
        if (pending_footer_.size() < 50) {
          pending_footer_.push_back({record_.first_line, record_.fields[0]});
          continue;
        }
      }
      flush_footer_candidates();
      ++account_.rows;
      if (read_row(r)) return true;
    }
  }

  /// How the date column's slash dates read: decided from the whole column, so only once
  /// every row has been read. Throws input_error when the column reads two ways.
  date_reading dates() const {
    if (options_.dates == date_format::dmy) return date_reading{true};
    if (columns_.time < 0) return date_reading{};
    return date_reading::decide(evidence_, header_[static_cast<std::size_t>(columns_.time)]);
  }

 private:
  struct footer_line {
    std::size_t line;
    std::string text;
  };

  bool next_record() {
    if (!lookahead_.empty()) {
      std::swap(record_, lookahead_.front());
      lookahead_.pop_front();
      return true;
    }
    return reader_->next(record_);
  }

  void read_header() {
    if (!reader_->next(record_)) throw input_error("the file is empty: a header row is needed");
    if (!record_.problem.empty())
      throw input_error("line " + std::to_string(record_.first_line) + ", the header: " + record_.problem);
    header_ = record_.fields;
    if (header_.size() == 1 && trim(header_[0]).empty()) throw input_error("the header row is empty");
    columns_ = resolve_columns(header_, options_.columns, options_.metric, options_.no_time);
    std::size_t extra = 0;
    if (options_.header_rows) {
      if (*options_.header_rows < 1) throw usage_error("--header-rows counts the names' row too: 1 or more");
      extra = static_cast<std::size_t>(*options_.header_rows - 1);
      for (std::size_t i = 0; i < extra; ++i)
        if (!reader_->next(record_)) break;
    } else {
      // Qualtrics: question texts, then {"ImportId": ...}; SurveyMonkey: a "Response" row.
      for (int i = 0; i < 2; ++i) {
        csv_record next;
        if (!reader_->next(next)) break;
        lookahead_.push_back(std::move(next));
      }
      if (lookahead_.size() >= 2 && lookahead_[1].problem.empty() && detail::starts_with_import_id(lookahead_[1].fields)) extra = 2;
      else if (!lookahead_.empty() && lookahead_[0].problem.empty() &&
               (detail::starts_with_import_id(lookahead_[0].fields) || detail::has_response_cell(lookahead_[0].fields)))
        extra = 1;
      for (std::size_t i = 0; i < extra; ++i) lookahead_.pop_front();
    }
    account_.header_rows = 1 + extra;
  }

  void flush_footer_candidates() {
    for (const auto& f : pending_footer_) {
      ++account_.rows;
      problem(problem_kind::fields, f.line, "1 field where the header has " + std::to_string(header_.size()));
    }
    pending_footer_.clear();
  }

  void problem(problem_kind kind, std::size_t line, std::string why) {
    ++account_.malformed;
    problem_count& c = account_.by_kind[static_cast<std::size_t>(kind)];
    if (c.count++ == 0) c.first = {line, why};
    if (account_.listed.size() < input_account::max_listed) account_.listed.push_back({line, std::move(why)});
  }

  bool read_row(response& r) {
    const std::size_t line = record_.first_line;
    if (!record_.problem.empty()) return problem(problem_kind::quotes, line, printable(record_.problem)), false;
    if (record_.last_line > record_.first_line) ++account_.multi_line_records;
    if (record_.fields.size() != header_.size())
      return problem(problem_kind::fields, line, std::to_string(record_.fields.size()) + " fields where the header has " +
                                                     std::to_string(header_.size())),
             false;
    const column_indices& c = columns_;
    auto cell = [&](int i) -> std::string_view { return record_.fields[static_cast<std::size_t>(i)]; };
    std::string& why = why_;
    switch (read_score(cell(c.score), options_.metric, options_.map, account_.decimal_comma, "score", r.score, why)) {
      case cell_status::unanswered: return ++account_.missing_score, false;
      case cell_status::bad: return problem(encoding_problem(cell(c.score)) ? problem_kind::encoding : problem_kind::score, line, why), false;
      case cell_status::value: break;
    }
    r.date.reset();
    if (c.time >= 0) {
      const std::string_view t = trim(cell(c.time));
      if (!t.empty()) {
        r.date = read_date(t, options_.dates, evidence_, why);
        if (!r.date) return problem(problem_kind::date, line, why), false;
      }
    }
    r.self.reset();
    if (c.self >= 0) {
      int self = 0;
      switch (read_score(cell(c.self), options_.metric, options_.map, account_.decimal_comma, "self-assessment", self, why)) {
        case cell_status::unanswered: break;
        case cell_status::bad: return problem(problem_kind::self_assessment, line, why), false;
        case cell_status::value: r.self = self; break;
      }
    }
    r.weight = 1.0;
    if (c.weight >= 0) {
      const auto w = read_weight(cell(c.weight), account_.decimal_comma, why);
      if (!w) return problem(problem_kind::weight, line, why), false;
      r.weight = *w;
    }
    for (auto [index, target] : {std::pair<int, std::string_view*>{c.agent, &r.agent}, {c.channel, &r.channel}, {c.reason, &r.reason}}) {
      *target = {};
      if (index < 0) continue;
      const std::string_view name = trim(cell(index));
      const std::string& column = header_[static_cast<std::size_t>(index)];
      if (!valid_utf8(name))
        return problem(problem_kind::encoding, line, "column " + in_quotes(column) + " is not valid UTF-8" +
                                                         (account_.encoding.rfind("UTF-8", 0) == 0
                                                              ? " (the file was read as UTF-8; --encoding windows-1252?)"
                                                              : "")),
               false;
      if (has_control_character(name))  // terminal escapes, NULs: not a name
        return problem(problem_kind::text, line, "column " + in_quotes(column) + " holds a control character"), false;
      *target = name;
    }
    if (c.time >= 0 && !r.date) ++account_.missing_date;
    if (c.self >= 0 && !r.self) ++account_.missing_self;
    return true;
  }

  static bool encoding_problem(std::string_view cell) { return !valid_utf8(cell); }

  read_options options_;
  std::unique_ptr<csv_reader> reader_;
  csv_record record_;
  std::deque<csv_record> lookahead_;
  std::vector<footer_line> pending_footer_;
  std::vector<std::string> header_;
  column_indices columns_;
  input_account account_;
  date_column_evidence evidence_;
  std::string why_;
};

}  // namespace cx_report

#endif  // CX_REPORT_EXPORT_READER_HPP
