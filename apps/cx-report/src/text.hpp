// Text helpers every part of cx-report shares: the two error kinds behind its exit codes,
// UTF-8 checks, and the one way any input is echoed: at most 200 characters, control
// characters and bidirectional overrides shown escaped (\x1b, \u202e), never raw.
#ifndef CX_REPORT_TEXT_HPP
#define CX_REPORT_TEXT_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cx_report {

/// Bad command-line choices (unknown metric or column): exit code 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The input cannot be read as a survey export at all (no header, unreadable, an Excel
/// workbook, a date column that reads two ways): exit code 3.
struct input_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The most characters of any input a message or report shows.
constexpr std::size_t max_echo = 200;

inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Spaces and tabs off both ends (by hand: find_first_not_of calls memchr per character, and
// this runs on every cell of every row).
inline std::string_view trim(std::string_view s) {
  std::size_t first = 0, last = s.size();
  while (first < last && (s[first] == ' ' || s[first] == '\t')) ++first;
  while (last > first && (s[last - 1] == ' ' || s[last - 1] == '\t')) --last;
  return s.substr(first, last - first);
}

/// The length of the UTF-8 sequence at s[i], or 0 when it is not a valid one (overlong,
/// surrogate, truncated, above U+10FFFF); `code_point` receives its value.
inline std::size_t utf8_sequence(std::string_view s, std::size_t i, std::uint32_t& code_point) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return code_point = c, 1;
  std::size_t extra = 0;
  std::uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) extra = 1, code_point = c & 0x1Fu, min = 0x80;
  else if ((c & 0xF0) == 0xE0) extra = 2, code_point = c & 0x0Fu, min = 0x800;
  else if ((c & 0xF8) == 0xF0) extra = 3, code_point = c & 0x07u, min = 0x10000;
  else return 0;
  if (i + extra >= s.size()) return 0;  // truncated
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (b & 0x3Fu);
  }
  if (code_point < min || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF)) return 0;
  return extra + 1;
}

inline bool valid_utf8(std::string_view s) {
  std::uint32_t cp = 0;
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence(s, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

inline bool has_control_character(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

/// Bidirectional formatting characters (embeddings, overrides, isolates and marks): shown
/// raw they reorder the text around them.
inline bool bidi_control(std::uint32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

/// What a message or report may show of an input text: control characters as \xNN, bidi
/// controls as \uNNNN, bytes that are not UTF-8 as \xNN; at most `limit` characters, then
/// "... (N bytes)". Always valid UTF-8 without control characters.
inline std::string printable(std::string_view s, std::size_t limit = max_echo) {
  std::string out;
  char escape[12];
  std::size_t shown = 0, i = 0;
  for (; i < s.size() && shown < limit; ++shown) {
    std::uint32_t cp = 0;
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : utf8_sequence(s, i, cp);
    if (n == 0 || c < 0x20 || c == 0x7F) {
      std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(c));
      out += escape;
      ++i;
    } else if (n > 1 && bidi_control(cp)) {
      std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(cp));
      out += escape;
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  if (i < s.size()) out += "... (" + std::to_string(s.size()) + " bytes)";
  return out;
}

/// An input text in quotes, for messages: 'text', printable and shortened.
inline std::string in_quotes(std::string_view s) { return "'" + printable(s) + "'"; }

/// Names joined for a message ("a, b, c"), at most `limit` characters in all.
inline std::string join_names(const std::vector<std::string>& names, std::size_t limit = max_echo) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string next = (out.empty() ? "" : ", ") + printable(names[i], 60);
    if (out.size() + next.size() > limit) {
      out += ", ... (" + std::to_string(names.size()) + " columns)";
      break;
    }
    out += next;
  }
  return out;
}

/// Column names compared as people write them: case, spaces, underscores and hyphens
/// ignored ("Created At" is created_at, "NPS-Score" is nps_score).
inline std::string normalized_name(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '_' && c != '-' && c != '\t') out.push_back(ascii_lower(c));
  return out;
}

}  // namespace cx_report

#endif  // CX_REPORT_TEXT_HPP
