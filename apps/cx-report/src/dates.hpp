// Dates as survey tools write them, to the period a response belongs to. The cell is
// tokenised here; calendars (valid days, days since the epoch, ISO weeks) are Howard
// Hinnant's date library's. A slash date whose order of day and month the cell cannot tell
// (3/4/2026) is kept as written and read once the whole column has been seen.
#ifndef CX_REPORT_DATES_HPP
#define CX_REPORT_DATES_HPP

#include <date/date.h>
#include <date/iso_week.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "text.hpp"

namespace cx_report {

enum class period_kind { day, week, month };

/// "day", "week" or "month"; anything else is a usage error naming the value.
inline period_kind parse_period(const std::string& text) {
  if (text == "day") return period_kind::day;
  if (text == "week") return period_kind::week;
  if (text == "month") return period_kind::month;
  throw usage_error("--period " + printable(text) + " is not one of day, week, month");
}

/// --date-format: how a date cell is read. `automatic` tells the forms apart and infers the
/// order of day and month from the whole column.
enum class date_format { automatic, iso, mdy, dmy, epoch, excel };

/// A calendar date, checked (no 30 February).
struct civil_date {
  int year, month, day;
};

/// A date as read from one cell, before the column's order of day and month is known: the
/// days since 1900-01-01 of a definite date, or (top bit set) a slash date that reads either
/// way. Small, so that every per-period state can be kept per day and folded into periods
/// at the end.
using date_key = std::uint32_t;

namespace detail {

constexpr date_key ambiguous_bit = 0x80000000u;
constexpr int first_year = 1900, last_year = 9999;  // period keys are four-digit years and sort as text

inline bool calendar_date(int y, int m, int d) {
  return y >= first_year && y <= last_year && date::year_month_day{date::year{y}, date::month{static_cast<unsigned>(m)},
                                                                   date::day{static_cast<unsigned>(d)}}.ok();
}
inline date::sys_days epoch_1900() { return date::sys_days{date::year{1900} / 1 / 1}; }
inline date_key key_of(int y, int m, int d) {
  const date::sys_days days{date::year{y} / date::month{static_cast<unsigned>(m)} / date::day{static_cast<unsigned>(d)}};
  return static_cast<date_key>((days - epoch_1900()).count());
}
inline date_key key_of(date::sys_days days) { return static_cast<date_key>((days - epoch_1900()).count()); }

// Reads `count` digits at s[i..]; false when they are not all digits.
inline bool digits(std::string_view s, std::size_t i, std::size_t count, int& value) {
  if (i + count > s.size()) return false;
  value = 0;
  for (std::size_t k = i; k < i + count; ++k) {
    if (s[k] < '0' || s[k] > '9') return false;
    value = value * 10 + (s[k] - '0');
  }
  return true;
}
// One or two digits at s[i..]; advances i.
inline bool one_or_two_digits(std::string_view s, std::size_t& i, int& value) {
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
  value = s[i++] - '0';
  if (i < s.size() && s[i] >= '0' && s[i] <= '9') value = value * 10 + (s[i++] - '0');
  return true;
}
inline bool starts_with_ci(std::string_view s, std::size_t i, std::string_view word) {
  if (i + word.size() > s.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k)
    if (ascii_lower(s[i + k]) != word[k]) return false;
  return true;
}

// The zone after a time: Z, +hh, +hhmm, +hh:mm, -..., " UTC", " GMT" (offsets are checked,
// not applied: a response belongs to the date its respondent saw). Advances i.
inline bool zone(std::string_view s, std::size_t& i) {
  if (i >= s.size()) return true;
  if (s[i] == 'Z' || s[i] == 'z') return ++i, true;
  std::size_t j = i;
  if (s[j] == ' ') ++j;
  if (starts_with_ci(s, j, "utc") || starts_with_ci(s, j, "gmt")) {
    i = j + 3;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {  // "UTC+01:00"
      int h = 0;
      ++i;
      if (!one_or_two_digits(s, i, h) || h > 14) return false;
      if (i < s.size() && s[i] == ':') {
        int m = 0;
        if (!digits(s, i + 1, 2, m) || m > 59) return false;
        i += 3;
      }
    }
    return true;
  }
  if (s[j] == '+' || s[j] == '-') {
    int h = 0, m = 0;
    if (!digits(s, j + 1, 2, h) || h > 14) return false;
    i = j + 3;
    if (i < s.size()) {
      if (s[i] == ':') ++i;
      if (!digits(s, i, 2, m) || m > 59) return false;
      i += 2;
    }
    return true;
  }
  return true;
}

// [T or space] h[h]:mm[:ss[.fraction]] [AM|PM] [zone]; advances i to the end of what it read.
inline bool time_of_day(std::string_view s, std::size_t& i, bool allow_am_pm) {
  if (i >= s.size()) return true;
  if (s[i] != 'T' && s[i] != ' ') return false;
  ++i;
  int h = 0, m = 0, sec = 0;
  if (!one_or_two_digits(s, i, h) || i >= s.size() || s[i] != ':' || !digits(s, i + 1, 2, m) || m > 59) return false;
  i += 3;
  if (i < s.size() && s[i] == ':') {
    if (!digits(s, i + 1, 2, sec) || sec > 60) return false;  // 60: a leap second
    i += 3;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
      if (j == i + 1) return false;
      i = j;
    }
  }
  std::size_t j = i;
  if (j < s.size() && s[j] == ' ') ++j;
  if (allow_am_pm && (starts_with_ci(s, j, "am") || starts_with_ci(s, j, "pm"))) {
    if (h < 1 || h > 12) return false;
    i = j + 2;
  } else if (h > 23) {
    return false;
  }
  return zone(s, i) && i == s.size();
}

}  // namespace detail

/// What a date column has shown so far: which slash dates read only one way, and which
/// either way, with the first example of each (for the message that refuses the column).
struct date_column_evidence {
  std::size_t day_first = 0, month_first = 0, either = 0;
  std::string day_first_example, month_first_example, either_example;
};

/// Reads one date cell (trimmed, not empty). Returns the date's key, or nullopt with `why`
/// set. Forms: ISO 8601 (YYYY-MM-DD, 'T' or a space, hh:mm[:ss[.fff]], Z, +hh[[:]mm], a
/// trailing UTC/GMT); M/D/YYYY or D/M/YYYY (also with '-') with an optional h:mm[:ss]
/// [AM|PM]; D.M.YYYY [hh:mm[:ss]]; epoch seconds (1e8..1e11) and milliseconds (1e11..1e14),
/// UTC; Excel serial days (10000..99999, the 1900 date system), told apart by magnitude.
inline std::optional<date_key> read_date(std::string_view s, date_format format, date_column_evidence& evidence,
                                         std::string& why) {
  using namespace detail;
  auto fail = [&](const char* expected) -> std::optional<date_key> {
    why = in_quotes(s) + " is not a date (" + expected + ")";
    return std::nullopt;
  };
  auto not_calendar = [&]() -> std::optional<date_key> {
    why = in_quotes(s) + " is not a calendar date";
    return std::nullopt;
  };
  int y = 0, m = 0, d = 0;
  // ISO 8601: a four-digit year first.
  if (s.size() >= 10 && digits(s, 0, 4, y) && s[4] == '-') {
    if (!digits(s, 5, 2, m) || s[7] != '-' || !digits(s, 8, 2, d)) return fail("YYYY-MM-DD[Thh:mm[:ss]][Z|+hh:mm]");
    std::size_t i = 10;
    if (!time_of_day(s, i, false)) return fail("YYYY-MM-DD[Thh:mm[:ss]][Z|+hh:mm]");
    if (y < first_year) {
      why = in_quotes(s) + " has a year before 1900";
      return std::nullopt;
    }
    if (!calendar_date(y, m, d)) return not_calendar();
    return key_of(y, m, d);
  }
  if (format == date_format::iso) return fail("--date-format iso: YYYY-MM-DD[Thh:mm[:ss]]");
  // Numbers: epoch seconds or milliseconds, or Excel serial days.
  if (!s.empty() && s.find_first_not_of("0123456789.") == std::string_view::npos && s.find('.') == s.rfind('.') &&
      s.front() != '.') {
    const std::size_t dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    if (whole.size() > 15) return fail("a number too large for a date");
    std::uint64_t v = 0;
    for (char c : whole) v = v * 10 + static_cast<std::uint64_t>(c - '0');
    const bool excel = format == date_format::excel || (format == date_format::automatic && v >= 10000 && v < 100000);
    const bool epoch = format == date_format::epoch || (format == date_format::automatic && v >= 100000000ULL);
    if (excel) {
      // Serial 25569 is 1970-01-01; serials from 61 on skip Excel's fictitious 29 February 1900.
      if (v < 61 || v > 2958465) return fail("Excel serial days 61..2958465");
      return key_of(date::sys_days{date::days{static_cast<int>(v) - 25569}});
    }
    if (epoch && dot == std::string_view::npos) {
      if (v >= 100000000000000ULL) return fail("epoch seconds or milliseconds below 1e14");
      const std::uint64_t seconds = v >= 100000000000ULL ? v / 1000 : v;  // milliseconds from 1e11 (year 5138)
      const auto day = date::floor<date::days>(date::sys_seconds{std::chrono::seconds{static_cast<long long>(seconds)}});
      const date::year_month_day ymd{day};
      if (int(ymd.year()) > last_year) return fail("epoch seconds or milliseconds before 9999");
      return key_of(day);
    }
    return fail("epoch seconds 1e8..1e11 or milliseconds 1e11..1e14, or Excel serial days 10000..99999");
  }
  // A/B/YYYY, A-B-YYYY or D.M.YYYY.
  std::size_t i = 0;
  int a = 0, b = 0;
  char separator = 0;
  if (!one_or_two_digits(s, i, a) || i >= s.size() || (s[i] != '/' && s[i] != '.' && s[i] != '-'))
    return fail("ISO 8601, M/D/YYYY, D/M/YYYY, D.M.YYYY, epoch seconds or milliseconds, or Excel serial days");
  separator = s[i++];
  if (!one_or_two_digits(s, i, b) || i >= s.size() || s[i] != separator || !digits(s, i + 1, 4, y))
    return fail("ISO 8601, M/D/YYYY, D/M/YYYY, D.M.YYYY, epoch seconds or milliseconds, or Excel serial days");
  i += 5;
  if (!time_of_day(s, i, true)) return fail("a date, then h:mm[:ss] [AM|PM]");
  if (y < first_year) {
    why = in_quotes(s) + " has a year before 1900";
    return std::nullopt;
  }
  const bool dmy_ok = calendar_date(y, b, a), mdy_ok = calendar_date(y, a, b);
  if (separator == '.' || format == date_format::dmy) {
    if (!dmy_ok) return not_calendar();
    return key_of(y, b, a);
  }
  if (format == date_format::mdy) {
    if (!mdy_ok) return not_calendar();
    return key_of(y, a, b);
  }
  if (format == date_format::epoch || format == date_format::excel)
    return fail(format == date_format::epoch ? "--date-format epoch: seconds or milliseconds" : "--date-format excel: serial days");
  if (dmy_ok && mdy_ok && a != b) {  // 3/4/2026: the column decides
    if (evidence.either++ == 0) evidence.either_example = std::string(s);
    return ambiguous_bit | static_cast<date_key>(((y - first_year) << 10) | (a << 5) | b);
  }
  if (dmy_ok && !mdy_ok) {
    if (evidence.day_first++ == 0) evidence.day_first_example = std::string(s);
    return key_of(y, b, a);
  }
  if (mdy_ok && !dmy_ok) {
    if (evidence.month_first++ == 0) evidence.month_first_example = std::string(s);
    return key_of(y, a, b);
  }
  if (dmy_ok) return key_of(y, a, a);  // a == b: the same day either way
  return not_calendar();
}

/// How the column's slash dates read, decided once the whole column has been seen: day
/// first when some date only reads that way, month first likewise. Throws input_error
/// (exit 3) when the column holds both kinds, or only dates that read either way.
struct date_reading {
  bool day_first = false;

  static date_reading decide(const date_column_evidence& e, const std::string& column) {
    if (e.day_first && e.month_first)
      throw input_error("the dates in column " + in_quotes(column) + " mix day-first (" + in_quotes(e.day_first_example) +
                        ") and month-first (" + in_quotes(e.month_first_example) +
                        ") forms; say which with --date-format dmy or --date-format mdy");
    if (e.either && !e.day_first && !e.month_first)
      throw input_error("the dates in column " + in_quotes(column) + " read either way (" + in_quotes(e.either_example) +
                        " is month/day/year or day/month/year; no date has a first or second number above 12); " +
                        "say which with --date-format mdy or --date-format dmy");
    return date_reading{e.day_first > 0};
  }

  date::year_month_day resolve(date_key key) const {
    using namespace detail;
    if (!(key & ambiguous_bit)) return date::year_month_day{epoch_1900() + date::days{static_cast<int>(key)}};
    const int y = static_cast<int>((key >> 10) & 0x1FFFFu) + first_year;
    const unsigned a = (key >> 5) & 31u, b = key & 31u;
    return day_first ? date::year{y} / date::month{b} / date::day{a} : date::year{y} / date::month{a} / date::day{b};
  }
};

inline civil_date to_civil(const date::year_month_day& ymd) {
  return {int(ymd.year()), static_cast<int>(unsigned(ymd.month())), static_cast<int>(unsigned(ymd.day()))};
}

namespace detail {
inline std::string two_digits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }
}  // namespace detail

/// The period a date falls in: "2026-03-14" (day), "2026-W11" (ISO 8601 week, Monday to
/// Sunday, numbered in the year that holds its Thursday) or "2026-03" (month). The keys
/// sort in time order.
inline std::string period_key(const date::year_month_day& ymd, period_kind kind) {
  using detail::two_digits;
  if (kind == period_kind::week) {
    const iso_week::year_weeknum_weekday w{date::sys_days{ymd}};
    return std::to_string(int(w.year())) + "-W" + two_digits(unsigned(w.weeknum()));
  }
  const std::string month = std::to_string(int(ymd.year())) + "-" + two_digits(unsigned(ymd.month()));
  return kind == period_kind::month ? month : month + "-" + two_digits(unsigned(ymd.day()));
}
inline std::string period_key(const civil_date& d, period_kind kind) {
  return period_key(date::year{d.year} / date::month{static_cast<unsigned>(d.month)} / date::day{static_cast<unsigned>(d.day)},
                    kind);
}

/// An ISO date or date-time alone (the form --date-format iso accepts): the calendar date as
/// written, or nullopt with `why` set.
inline std::optional<civil_date> parse_iso_date(const std::string& text, std::string& why) {
  date_column_evidence unused;
  const auto key = read_date(text, date_format::iso, unused, why);
  if (!key) return std::nullopt;
  return to_civil(date_reading{}.resolve(*key));
}

}  // namespace cx_report

#endif  // CX_REPORT_DATES_HPP
