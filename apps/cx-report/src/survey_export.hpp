// From a CSV export to checked responses: which columns hold what, how a cell becomes a
// score, a date, a weight, and what happens to a row that cannot be used (counted and
// reported with its line, never read as 0).
#ifndef CX_REPORT_SURVEY_EXPORT_HPP
#define CX_REPORT_SURVEY_EXPORT_HPP

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "csv_reader.hpp"

namespace cx_report {

/// Bad command-line choices (unknown metric or column): exit code 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The input cannot be read as a survey export at all (no header, unreadable): exit code 3.
struct input_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class metric_kind { nps, csat, ces, likert };

/// The question a score column answers and the scale it is answered on.
struct metric_spec {
  metric_kind kind = metric_kind::nps;
  int lo = 0, hi = 10;

  std::string name() const {
    switch (kind) {
      case metric_kind::nps: return "nps";
      case metric_kind::csat: return "csat";
      case metric_kind::ces: return "ces";
      case metric_kind::likert: return "likert:" + std::to_string(hi);
    }
    return "";
  }
};

/// "nps", "csat" (1..5), "ces" (1..7) or "likert:N" (1..N, 2 <= N <= 11).
inline metric_spec parse_metric(const std::string& text) {
  if (text == "nps") return {metric_kind::nps, 0, 10};
  if (text == "csat") return {metric_kind::csat, 1, 5};
  if (text == "ces") return {metric_kind::ces, 1, 7};
  const std::string prefix = "likert:";
  if (text.compare(0, prefix.size(), prefix) == 0) {
    const std::string digits = text.substr(prefix.size());
    if (digits == "2" || digits == "3" || digits == "4" || digits == "5" || digits == "6" || digits == "7" ||
        digits == "8" || digits == "9" || digits == "10" || digits == "11")
      return {metric_kind::likert, 1, std::stoi(digits)};
    throw usage_error("--metric " + text + ": a Likert item has 2 to 11 points (likert:5, likert:7, ...)");
  }
  throw usage_error("--metric " + text + " is not one of nps, csat, ces, likert:N");
}

enum class period_kind { day, week, month };

inline period_kind parse_period(const std::string& text) {
  if (text == "day") return period_kind::day;
  if (text == "week") return period_kind::week;
  if (text == "month") return period_kind::month;
  throw usage_error("--period " + text + " is not one of day, week, month");
}

inline const char* period_name(period_kind k) {
  return k == period_kind::day ? "day" : k == period_kind::week ? "week" : "month";
}
inline const char* period_adjective(period_kind k) {
  return k == period_kind::day ? "daily" : k == period_kind::week ? "weekly" : "monthly";
}

/// A calendar date, checked (no 30 February).
struct civil_date {
  int year, month, day;
};

namespace detail {

inline bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
inline int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}
// Days since 1970-01-01 of a proleptic Gregorian date (the era arithmetic of the civil
// calendar: 400-year cycles of 146097 days).
inline long long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
inline int weekday_monday_is_1(const civil_date& d) {
  const long long days = days_from_civil(d.year, d.month, d.day);  // 1970-01-01 was a Thursday
  return static_cast<int>(((days + 3) % 7 + 7) % 7) + 1;
}
inline bool digits_at(const std::string& s, std::size_t at, std::size_t count, int& value) {
  if (at + count > s.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}
inline std::string two_digits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

}  // namespace detail

/// Parses an ISO 8601 date or date-time: YYYY-MM-DD, optionally followed by 'T' or a space
/// and hh:mm[:ss[.fraction]] with an optional 'Z' or +hh[[:]mm] / -hh[[:]mm] offset. The period is the
/// calendar date as written (the respondent's local date); the offset is checked, not applied.
/// Returns nullopt with `why` set when the text is not such a date.
inline std::optional<civil_date> parse_iso_date(const std::string& text, std::string& why) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || !detail::digits_at(text, 0, 4, y) || text[4] != '-' || !detail::digits_at(text, 5, 2, m) ||
      text[7] != '-' || !detail::digits_at(text, 8, 2, d)) {
    why = "'" + text + "' is not an ISO date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ss)";
    return std::nullopt;
  }
  if (y < 1900) {  // period keys are four-digit years and must sort in time order
    why = "'" + text + "' has a year before 1900";
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > detail::days_in_month(y, m)) {
    why = "'" + text + "' is not a calendar date";
    return std::nullopt;
  }
  std::size_t i = 10;
  if (i < text.size()) {
    int hh = 0, mm = 0, ss = 0;
    bool ok = (text[i] == 'T' || text[i] == ' ') && detail::digits_at(text, i + 1, 2, hh) && i + 3 < text.size() &&
              text[i + 3] == ':' && detail::digits_at(text, i + 4, 2, mm) && hh <= 23 && mm <= 59;
    i += 6;
    if (ok && i < text.size() && text[i] == ':') {
      ok = detail::digits_at(text, i + 1, 2, ss) && ss <= 60;  // 60: a leap second
      i += 3;
      if (ok && i < text.size() && (text[i] == '.' || text[i] == ',')) {
        std::size_t j = i + 1;
        while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
        ok = j > i + 1;
        i = j;
      }
    }
    if (ok && i < text.size()) {
      if (text[i] == 'Z') {
        ++i;
      } else if (text[i] == '+' || text[i] == '-') {
        int oh = 0, om = 0;
        ok = detail::digits_at(text, i + 1, 2, oh) && oh <= 14;
        i += 3;
        if (ok && i < text.size()) {  // the minutes are optional: +01 is PostgreSQL's form
          if (text[i] == ':') ++i;
          ok = detail::digits_at(text, i, 2, om) && om <= 59;
          i += 2;
        }
      }
    }
    if (!ok || i != text.size()) {
      why = "'" + text + "' is not an ISO date-time (YYYY-MM-DDThh:mm[:ss][Z|+hh:mm])";
      return std::nullopt;
    }
  }
  return civil_date{y, m, d};
}

/// The period a date falls in: "2026-03-14" (day), "2026-W11" (ISO 8601 week, Monday to
/// Sunday, numbered in the year that holds its Thursday) or "2026-03" (month). The keys sort
/// in time order.
inline std::string period_key(const civil_date& d, period_kind kind) {
  const std::string year = std::to_string(d.year);
  if (kind == period_kind::month) return year + "-" + detail::two_digits(d.month);
  if (kind == period_kind::day) return year + "-" + detail::two_digits(d.month) + "-" + detail::two_digits(d.day);
  const long long days = detail::days_from_civil(d.year, d.month, d.day);
  const long long thursday = days - detail::weekday_monday_is_1(d) + 4;
  // The ISO year is the calendar year of that Thursday; the week counts Thursdays from 1 January.
  int iso_year = d.year + 1;
  while (detail::days_from_civil(iso_year, 1, 1) > thursday) --iso_year;
  const long long week = (thursday - detail::days_from_civil(iso_year, 1, 1)) / 7 + 1;
  return std::to_string(iso_year) + "-W" + detail::two_digits(static_cast<int>(week));
}

/// Which column holds what; an empty name means "not used".
struct column_names {
  std::string score, time, agent, channel, self, reason, weight;
};

/// Column positions in the header; -1 when not used.
struct column_indices {
  int score = -1, time = -1, agent = -1, channel = -1, self = -1, reason = -1, weight = -1;
};

namespace detail {
inline std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
inline std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}
inline std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}
}  // namespace detail

/// Finds the columns: a name given on the command line must be in the header (exactly, or
/// ignoring case); a column not given is looked up by its conventional names, and the score
/// column must be found one way or the other.
inline column_indices resolve_columns(const std::vector<std::string>& header, const column_names& given,
                                      const metric_spec& metric) {
  auto find = [&](const std::string& name) {
    int found = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (detail::lower(detail::trim(header[i])) != detail::lower(name)) continue;
      if (found >= 0)
        throw usage_error("column '" + name + "' appears twice in the header (columns " + std::to_string(found + 1) +
                          " and " + std::to_string(i + 1) + "): which one is meant is unclear; rename one");
      found = static_cast<int>(i);
    }
    return found;
  };
  auto pick = [&](const std::string& flag, const std::string& name, const std::vector<std::string>& conventional) {
    if (!name.empty()) {
      const int i = find(name);
      if (i < 0)
        throw usage_error(flag + " " + name + ": no such column; the header has: " + detail::join(header));
      return i;
    }
    for (const auto& n : conventional)
      if (const int i = find(n); i >= 0) return i;
    return -1;
  };
  std::vector<std::string> score_names;
  switch (metric.kind) {
    case metric_kind::nps: score_names = {"nps", "nps_score", "nps_rating", "likelihood_to_recommend", "ltr"}; break;
    case metric_kind::csat: score_names = {"csat", "csat_score", "satisfaction"}; break;
    case metric_kind::ces: score_names = {"ces", "ces_score", "effort"}; break;
    case metric_kind::likert: break;
  }
  score_names.insert(score_names.end(), {"score", "rating"});
  column_indices c;
  c.score = pick("--score", given.score, score_names);
  if (c.score < 0)
    throw usage_error("no score column: none of " + detail::join(score_names) + " is in the header (" +
                      detail::join(header) + "); name it with --score");
  c.time = pick("--time", given.time, {"date", "submitted_at", "created_at", "timestamp", "time", "response_date"});
  c.agent = pick("--agent", given.agent, {"agent", "agent_name", "employee"});
  c.channel = pick("--channel", given.channel, {"channel"});
  c.self = pick("--self", given.self, {"self_assessment", "self_rating", "agent_self_rating"});
  c.reason = pick("--reason", given.reason, {"reason", "reason_code", "contact_reason"});
  c.weight = pick("--weight", given.weight, {});  // weighting changes every number: only when asked
  return c;
}

/// One usable response.
struct response {
  int score;
  std::optional<civil_date> date;
  std::string agent, channel, reason;  ///< empty when the cell is empty or the column unused
  std::optional<int> self;             ///< the self-assessment of the same interaction
  double weight = 1.0;
};

/// A row that could not be used, and why.
struct input_problem {
  std::size_t line;
  std::string reason;
};

/// What reading an export produced: the responses and an account of every other row.
struct export_contents {
  std::vector<std::string> header;
  column_indices columns;
  std::vector<response> responses;
  std::size_t rows = 0;                 ///< data rows (records after the header)
  std::size_t missing_score = 0;        ///< rows whose score cell is empty: skipped answers
  std::size_t missing_date = 0;         ///< used rows without a date (outside every period)
  std::size_t missing_self = 0;         ///< used rows without a self-assessment (when --self)
  std::vector<input_problem> malformed; ///< skipped rows, in file order
  /// Well-formed records spanning several lines (line breaks inside quoted fields): shown so
  /// that a quote left open and closed by a later stray quote, which joins the lines between
  /// into one field and cannot be told from a long comment, does not go unnoticed.
  std::size_t multi_line_records = 0;
};

namespace detail {

inline bool valid_utf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    unsigned min = 0, cp = 0;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) extra = 1, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) extra = 2, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) extra = 3, cp = c & 0x07, min = 0x10000;
    else return false;
    if (i + extra >= s.size()) return false;  // truncated sequence
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += extra + 1;
  }
  return true;
}

inline bool has_control_character(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

// What a message may quote of a cell: control characters and bytes that are not UTF-8 become
// U+FFFD, so that a report never carries terminal escapes or invalid text.
inline std::string printable(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t length = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      if (i + length > s.size() || !valid_utf8(s.substr(i, length))) length = 0;
    } else if (c < 0x20 || c == 0x7F) {
      length = 0;
    }
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, length);
      i += length;
    }
  }
  return out;
}

// A whole number on lo..hi; why is set otherwise.
inline std::optional<int> parse_score(const std::string& cell, int lo, int hi, const std::string& what, std::string& why) {
  const std::string t = trim(cell);
  std::size_t i = t.size() > 0 && (t[0] == '-' || t[0] == '+') ? 1 : 0;
  bool digits = i < t.size() && t.size() - i <= 6;
  for (std::size_t k = i; digits && k < t.size(); ++k) digits = t[k] >= '0' && t[k] <= '9';
  if (!digits) {
    why = what + " '" + cell + "' is not a whole number";
    return std::nullopt;
  }
  const int v = std::stoi(t);
  if (v < lo || v > hi) {
    why = what + " " + t + " is outside the scale " + std::to_string(lo) + ".." + std::to_string(hi);
    return std::nullopt;
  }
  return v;
}

inline std::optional<double> parse_weight(const std::string& cell, std::string& why) {
  const std::string t = trim(cell);
  if (t.empty()) {
    why = "the weight is empty";
    return std::nullopt;
  }
  // Decimal notation only: strtod would also take hexadecimal ("0x1p3"), "inf" and "nan".
  const bool decimal = t.find_first_not_of("0123456789+-.eE") == std::string::npos;
  char* end = nullptr;
  errno = 0;
  const double w = decimal ? std::strtod(t.c_str(), &end) : 0.0;
  if (!decimal || end != t.c_str() + t.size()) {
    why = "weight '" + cell + "' is not a decimal number";
    return std::nullopt;
  }
  if (errno == ERANGE || !std::isfinite(w)) {
    why = "weight " + t + " is outside 1e-100..1e100";
    return std::nullopt;
  }
  if (!(w > 0.0)) {
    why = "weight " + t + " must be positive";
    return std::nullopt;
  }
  // Survey weights are ratios near 1; these bounds keep sums of squared weights (Kish's n)
  // far from overflow and underflow.
  if (w < 1e-100 || w > 1e100) {
    why = "weight " + t + " is outside 1e-100..1e100";
    return std::nullopt;
  }
  return w;
}

}  // namespace detail

/// Reads every record of `in` (named `file` in messages) against `names` and `metric`.
/// Throws input_error when there is no header, usage_error for an unknown column.
inline export_contents read_export(std::istream& in, const column_names& names, const metric_spec& metric) {
  csv_reader reader(in);
  csv_record record;
  export_contents out;
  if (!reader.next(record)) throw input_error("the file is empty: a header row is needed");
  if (!record.problem.empty()) throw input_error("line " + std::to_string(record.first_line) + ", the header: " + record.problem);
  out.header = record.fields;
  if (!out.header.empty() && out.header.size() == 1 && detail::trim(out.header[0]).empty())
    throw input_error("the header row is empty");
  out.columns = resolve_columns(out.header, names, metric);
  const column_indices& c = out.columns;
  while (reader.next(record)) {
    ++out.rows;
    const std::size_t line = record.first_line;
    if (!record.problem.empty()) {
      out.malformed.push_back({line, detail::printable(record.problem)});
      continue;
    }
    if (record.last_line > record.first_line) ++out.multi_line_records;
    if (record.fields.size() != out.header.size()) {
      out.malformed.push_back({line, std::to_string(record.fields.size()) + " fields where the header has " +
                                         std::to_string(out.header.size())});
      continue;
    }
    auto cell = [&](int i) -> const std::string& { return record.fields[static_cast<std::size_t>(i)]; };
    if (detail::trim(cell(c.score)).empty()) {
      ++out.missing_score;  // a skipped question, not a zero
      continue;
    }
    std::string why;
    response r{};
    if (const auto s = detail::parse_score(cell(c.score), metric.lo, metric.hi, "score", why)) r.score = *s;
    else {
      out.malformed.push_back({line, detail::printable(why)});
      continue;
    }
    bool ok = true;
    if (c.time >= 0 && !detail::trim(cell(c.time)).empty()) {
      r.date = parse_iso_date(detail::trim(cell(c.time)), why);
      ok = r.date.has_value();
    }
    if (ok && c.self >= 0 && !detail::trim(cell(c.self)).empty()) {
      r.self = detail::parse_score(cell(c.self), metric.lo, metric.hi, "self-assessment", why);
      ok = r.self.has_value();
    }
    if (ok && c.weight >= 0) {
      const auto w = detail::parse_weight(cell(c.weight), why);
      ok = w.has_value();
      if (ok) r.weight = *w;
    }
    for (auto [index, target] : {std::pair<int, std::string*>{c.agent, &r.agent}, {c.channel, &r.channel}, {c.reason, &r.reason}}) {
      if (!ok || index < 0) continue;
      *target = detail::trim(cell(index));
      if (!detail::valid_utf8(*target)) {
        why = "column '" + out.header[static_cast<std::size_t>(index)] + "' is not valid UTF-8";
        ok = false;
      } else if (detail::has_control_character(*target)) {  // terminal escapes, NULs: not a name
        why = "column '" + out.header[static_cast<std::size_t>(index)] + "' holds a control character";
        ok = false;
      }
    }
    if (!ok) {
      out.malformed.push_back({line, detail::printable(why)});
      continue;
    }
    if (c.time >= 0 && !r.date) ++out.missing_date;
    if (c.self >= 0 && !r.self) ++out.missing_self;
    out.responses.push_back(std::move(r));
  }
  return out;
}

}  // namespace cx_report

#endif  // CX_REPORT_SURVEY_EXPORT_HPP
