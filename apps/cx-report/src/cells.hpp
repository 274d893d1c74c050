// How one cell becomes a score, a self-assessment or a weight, as survey tools write them:
// "9", "9.0" (pandas), "10 - Extremely likely" (Google Forms), "5 (Very satisfied)",
// choice text mapped with --map, good/bad and yes/no for a binary question, decimal commas
// in European files. A cell that is none of these is a problem that names the value and
// the rule, never a 0.
#ifndef CX_REPORT_CELLS_HPP
#define CX_REPORT_CELLS_HPP

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text.hpp"

namespace cx_report {

enum class metric_kind { nps, csat, ces, likert, binary };

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
      case metric_kind::binary: return "binary";
    }
    return "";
  }
  /// Scores that are shares of the responses (NPS, CSAT, binary: intervals for proportions)
  /// rather than mean ratings (CES, Likert: t intervals).
  bool is_share() const { return kind == metric_kind::nps || kind == metric_kind::csat || kind == metric_kind::binary; }
  /// The fewest responses that have a score with an interval: a mean needs two.
  std::uint64_t minimum_n() const { return is_share() ? 1 : 2; }
  /// The top box: the top two points, or the top one on scales of 2 or 3 points, where two
  /// would be most or all of the scale.
  int box_size() const { return hi - lo + 1 <= 3 ? 1 : 2; }
};

/// "nps", "csat" (1..5), "ces" (1..7), "likert:N" (1..N, 2 <= N <= 11) or "binary" (0 or 1:
/// good/bad, yes/no, ...).
inline metric_spec parse_metric(const std::string& text) {
  if (text == "nps") return {metric_kind::nps, 0, 10};
  if (text == "csat") return {metric_kind::csat, 1, 5};
  if (text == "ces") return {metric_kind::ces, 1, 7};
  if (text == "binary") return {metric_kind::binary, 0, 1};
  const std::string prefix = "likert:";
  if (text.compare(0, prefix.size(), prefix) == 0) {
    const std::string digits = text.substr(prefix.size());
    if (digits == "2" || digits == "3" || digits == "4" || digits == "5" || digits == "6" || digits == "7" ||
        digits == "8" || digits == "9" || digits == "10" || digits == "11")
      return {metric_kind::likert, 1, std::stoi(digits)};
    throw usage_error("--metric " + printable(text) + ": a Likert item has 2 to 11 points (likert:5, likert:7, ...)");
  }
  throw usage_error("--metric " + printable(text) + " is not one of nps, csat, ces, likert:N, binary");
}

/// --map "Very satisfied=5,Satisfied=4,...": choice text (compared ignoring case and outer
/// spaces) to a scale point.
using value_map = std::vector<std::pair<std::string, int>>;

namespace detail {
inline std::string lower_text(std::string_view s) {
  std::string out(trim(s));
  for (char& c : out) c = ascii_lower(c);
  return out;
}
}  // namespace detail

inline value_map parse_value_map(const std::string& text, const metric_spec& m) {
  value_map out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = trim(std::string_view(text).substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) continue;
    const std::size_t eq = item.rfind('=');
    const std::string_view label = eq == std::string_view::npos ? item : trim(item.substr(0, eq));
    const std::string_view value = eq == std::string_view::npos ? std::string_view() : trim(item.substr(eq + 1));
    const bool number = !value.empty() && value.size() <= 3 && value.find_first_not_of("-0123456789") == std::string_view::npos &&
                        value.find('-', 1) == std::string_view::npos && value != "-";
    if (label.empty() || !number)
      throw usage_error("--map " + in_quotes(item) + ": each item is LABEL=POINT, e.g. \"Very satisfied=5,Satisfied=4\"");
    const int v = std::stoi(std::string(value));
    if (v < m.lo || v > m.hi)
      throw usage_error("--map " + in_quotes(item) + ": " + std::to_string(v) + " is outside the scale " + std::to_string(m.lo) +
                        ".." + std::to_string(m.hi));
    out.emplace_back(detail::lower_text(label), v);
  }
  return out;
}

/// What a score cell says.
enum class cell_status { value, unanswered, bad };

namespace detail {

// After a number: nothing, or a separator and a label ("10 - Extremely likely",
// "5 (Very satisfied)", "4: Agree").
inline bool label_follows(std::string_view rest) {
  rest = trim(rest);
  if (rest.empty()) return true;
  const char c = rest.front();
  if (c == '-' || c == '(' || c == ':' || c == '=' || c == '|' || c == '/') return true;
  return rest.compare(0, 3, "\xE2\x80\x93") == 0 || rest.compare(0, 3, "\xE2\x80\x94") == 0;  // en and em dashes
}

inline bool is_one_of(const std::string& s, std::initializer_list<const char*> words) {
  for (const char* w : words)
    if (s == w) return true;
  return false;
}

}  // namespace detail

/// Reads a score cell on the metric's scale. `what` names the column in messages ("score",
/// "self-assessment"). Empty cells and, for a binary question, "offered"/"unoffered" (a
/// survey sent, not answered) are unanswered.
inline cell_status read_score(std::string_view cell, const metric_spec& m, const value_map& map, bool decimal_comma,
                              const char* what, int& value, std::string& why) {
  const std::string_view t = trim(cell);
  if (t.empty()) return cell_status::unanswered;
  // The common case first: one or two plain digits.
  if (t.size() <= 2 && t[0] >= '0' && t[0] <= '9' && (t.size() == 1 || (t[1] >= '0' && t[1] <= '9'))) {
    value = t.size() == 1 ? t[0] - '0' : (t[0] - '0') * 10 + (t[1] - '0');
  } else {
    if (!map.empty() || m.kind == metric_kind::binary) {
      const std::string lower = detail::lower_text(t);
      for (const auto& [label, point] : map)
        if (lower == label) return value = point, cell_status::value;
      if (m.kind == metric_kind::binary) {
        if (detail::is_one_of(lower, {"offered", "unoffered", "not offered"})) return cell_status::unanswered;
        if (detail::is_one_of(lower, {"good", "yes", "true", "thumbs up", "satisfied", "y"})) return value = 1, cell_status::value;
        if (detail::is_one_of(lower, {"bad", "no", "false", "thumbs down", "unsatisfied", "dissatisfied", "n"}))
          return value = 0, cell_status::value;
      }
    }
    std::size_t i = t[0] == '-' || t[0] == '+' ? 1 : 0;
    const std::size_t digits_start = i;
    while (i < t.size() && i - digits_start < 7 && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == digits_start || (i < t.size() && t[i] >= '0' && t[i] <= '9')) {
      why = std::string(what) + " " + in_quotes(t) + " is not a number" +
            (m.kind == metric_kind::binary ? " nor good/bad, yes/no, true/false, thumbs up/down"
                                           : "; map choice text to points with --map \"LABEL=POINT,...\"");
      return cell_status::bad;
    }
    value = std::stoi(std::string(t.substr(0, i)));
    // "9.0" (pandas writes floats), "9,0" where commas are decimal: a whole number.
    if (i < t.size() && (t[i] == '.' || (decimal_comma && t[i] == ','))) {
      std::size_t j = i + 1;
      while (j < t.size() && t[j] == '0') ++j;
      if (j < t.size() && t[j] >= '0' && t[j] <= '9') {
        why = std::string(what) + " " + in_quotes(t) + " is not a whole number";
        return cell_status::bad;
      }
      i = j;
    }
    if (!detail::label_follows(t.substr(i))) {
      why = std::string(what) + " " + in_quotes(t) + " is not a whole number";
      return cell_status::bad;
    }
  }
  if (value < m.lo || value > m.hi) {
    why = std::string(what) + " " + std::to_string(value) + " is outside the scale " + std::to_string(m.lo) + ".." +
          std::to_string(m.hi);
    return cell_status::bad;
  }
  return cell_status::value;
}

/// A survey weight: a positive decimal number (a decimal comma where the delimiter is ';').
inline std::optional<double> read_weight(std::string_view cell, bool decimal_comma, std::string& why) {
  std::string t(trim(cell));
  if (t.empty()) {
    why = "the weight is empty";
    return std::nullopt;
  }
  if (decimal_comma)
    for (char& c : t)
      if (c == ',') c = '.';
  // Decimal notation only: strtod would also take hexadecimal ("0x1p3"), "inf" and "nan".
  const bool decimal = t.find_first_not_of("0123456789+-.eE") == std::string::npos;
  char* end = nullptr;
  errno = 0;
  const double w = decimal ? std::strtod(t.c_str(), &end) : 0.0;
  if (!decimal || end != t.c_str() + t.size()) {
    why = "weight " + in_quotes(cell) + " is not a decimal number";
    return std::nullopt;
  }
  const std::string shown = printable(trim(cell));
  if (errno == ERANGE || !std::isfinite(w)) {
    why = "weight " + shown + " is outside 1e-100..1e100";
    return std::nullopt;
  }
  if (!(w > 0.0)) {
    why = "weight " + shown + " must be positive";
    return std::nullopt;
  }
  // Survey weights are ratios near 1; these bounds keep sums of squared weights (Kish's n)
  // far from overflow and underflow.
  if (w < 1e-100 || w > 1e100) {
    why = "weight " + shown + " is outside 1e-100..1e100";
    return std::nullopt;
  }
  return w;
}

}  // namespace cx_report

#endif  // CX_REPORT_CELLS_HPP
