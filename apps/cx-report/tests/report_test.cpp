// cx-report's input handling and results: the CSV reader on what real exports contain, the
// rules that turn cells into responses (and rows into reported problems), and the report's
// numbers against tests/reference/make_report_reference.py (NPS) and
// tests/reference/make_report_csat_reference.py (CSAT, CES, weighted CES): scipy, statsmodels, R.
#include "report.hpp"
#include "report_html.hpp"
#include "report_json.hpp"
#include "report_text.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "../../../tests/support/test_support.hpp"

namespace cr = cx_report;
namespace cx = cxmetrics;

namespace {

std::vector<cr::csv_record> read_all(const std::string& text) {
  std::istringstream in(text);
  cr::csv_reader reader(in);
  std::vector<cr::csv_record> records;
  cr::csv_record r;
  while (reader.next(r)) records.push_back(r);
  return records;
}

using fields = std::vector<std::string>;

std::string fixture(const std::string& name) { return std::string(CXMETRICS_TEST_DATA_DIR) + "/" + name; }

// What reading an export gave, for tests that look at single responses: the responses
// with their dates resolved, and the account of every other row. The text is kept so that
// a report can be built from it again.
struct owned_response {
  int score;
  std::optional<cr::civil_date> date;
  std::string agent, channel, reason;
  std::optional<int> self;
  double weight;
};
struct read_result {
  std::string text;
  cr::read_options options;
  std::vector<owned_response> responses;
  std::size_t rows = 0, missing_score = 0, missing_self = 0;
  std::vector<cr::input_problem> malformed;
  cr::input_account account;
};

cr::read_options read_options_for(const cr::column_names& names, const cr::metric_spec& metric) {
  cr::read_options o;
  o.columns = names;
  o.metric = metric;
  return o;
}

read_result read_with(const std::string& text, const cr::read_options& options) {
  read_result out;
  out.text = text;
  out.options = options;
  std::istringstream in(text);
  cr::export_reader reader(std::make_unique<cr::stream_source>(in), options);
  cr::response r;
  std::vector<std::pair<owned_response, std::optional<cr::date_key>>> raw;
  while (reader.next(r))
    raw.push_back({{r.score, std::nullopt, std::string(r.agent), std::string(r.channel), std::string(r.reason), r.self, r.weight},
                   r.date});
  const cr::date_reading dates = reader.dates();
  for (auto& [response, key] : raw) {
    if (key) response.date = cr::to_civil(dates.resolve(*key));
    out.responses.push_back(response);
  }
  out.account = reader.account();
  out.rows = out.account.rows;
  out.missing_score = out.account.missing_score;
  out.missing_self = out.account.missing_self;
  out.malformed = out.account.listed;
  return out;
}

read_result read_text(const std::string& text, const cr::column_names& names = {},
                      const cr::metric_spec& metric = cr::parse_metric("nps")) {
  return read_with(text, read_options_for(names, metric));
}

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

read_result read_file(const std::string& path, const cr::column_names& names = {},
                      const cr::metric_spec& metric = cr::parse_metric("nps")) {
  return read_text(file_text(path), names, metric);
}

// The report of what `e` read, with the same reading options.
cr::report build(const read_result& e, const cr::report_options& o) {
  std::istringstream in(e.text);
  cr::read_options ro = e.options;
  ro.metric = o.metric;
  cr::export_reader reader(std::make_unique<cr::stream_source>(in), ro);
  return cr::build_report(reader, o);
}

std::string period_of(const std::string& date, cr::period_kind kind) {
  std::string why;
  const auto d = cr::parse_iso_date(date, why);
  REQUIRE_MESSAGE(d, why);
  return cr::period_key(*d, kind);
}

// The CSAT/CES fixture against tests/data/report_csat_reference.json
// (tests/reference/make_report_csat_reference.py).

// cx-report on the CSAT/CES reference fixture: `metric`, its score column (empty: the
// metric's conventional names), weighted by the `weight` column when one is named.
cr::report csat_ces_report(const std::string& metric, const std::string& score = "", const std::string& weight = "") {
  cr::column_names names;
  names.score = score;
  names.weight = weight;
  cr::report_options o;
  o.metric = cr::parse_metric(metric);
  o.weight_column = weight;
  o.file = "csat_ces_export.csv";
  return build(read_file(fixture("csat_ces_export.csv"), names, o.metric), o);
}

void check_counts(const cr::report& r, const nlohmann::json& ref) {
  CHECK(r.input.rows == ref.at("rows").get<std::size_t>());
  CHECK(r.used() == ref.at("n").get<std::size_t>());
  CHECK(r.input.missing_score == ref.at("missing_score").get<std::size_t>());
  std::vector<std::size_t> lines;
  for (const auto& p : r.input.listed) lines.push_back(p.line);
  CHECK(lines == ref.at("malformed").get<std::vector<std::size_t>>());
  CHECK(r.input.missing_date == 0);
}

// A score with its interval against {"n", "score", "ci"[, "effective_n"]}.
void check_estimate(const cr::score_estimate& got, const nlohmann::json& want, double rel) {
  CHECK(got.n == want.at("n").get<std::uint64_t>());
  CXTEST_CHECK_CLOSE(got.score, want.at("score").get<double>(), rel);
  CXTEST_CHECK_CLOSE(got.ci.lower, want.at("ci")[0].get<double>(), rel);
  CXTEST_CHECK_CLOSE(got.ci.upper, want.at("ci")[1].get<double>(), rel);
  if (want.contains("effective_n")) CXTEST_CHECK_CLOSE(got.effective_n, want.at("effective_n").get<double>(), rel);
  else CHECK(got.effective_n == static_cast<double>(got.n));
}
void check_estimate(const cr::group_score& got, const nlohmann::json& want, double rel) {
  CHECK(got.n == want.at("n").get<std::uint64_t>());
  REQUIRE(got.estimate);
  check_estimate(*got.estimate, want, rel);
}

// Each month's score and, from the second on, its test against the month before (later -
// earlier): z tests have no df, Welch tests the Welch-Satterthwaite one. Where the test
// compares other centres than the scores (NPS: the adjusted-Wald centres of the intervals),
// the reference gives the test's own difference as "test_difference"; intervals of the
// change are checked where the reference has them.
void check_periods(const cr::report& r, const nlohmann::json& ref, double rel, double p_rel, bool welch) {
  const auto& periods = ref.at("periods");
  REQUIRE(r.periods.size() == periods.size());
  for (std::size_t i = 0; i < periods.size(); ++i) {
    const auto& want = periods[i];
    const auto& got = r.periods[i];
    INFO("period " << got.period);
    CHECK(got.period == want.at("period").get<std::string>());
    check_estimate(got.score, want, rel);
    if (!want.contains("change")) {
      CHECK(!got.change);
      continue;
    }
    REQUIRE(got.change);
    const auto& c = want.at("change");
    // Differences of nearly equal scores lose digits to cancellation: an absolute floor too.
    CXTEST_CHECK_CLOSE_ABS(got.score_change, c.at("difference").get<double>(), rel, 1e-12);
    const auto& test_difference = c.contains("test_difference") ? c.at("test_difference") : c.at("difference");
    CXTEST_CHECK_CLOSE_ABS(got.change->difference, test_difference.get<double>(), rel, 1e-12);
    CXTEST_CHECK_CLOSE(got.change->standard_error, c.at("standard_error").get<double>(), rel);
    CXTEST_CHECK_CLOSE_ABS(got.change->statistic, c.at("statistic").get<double>(), rel, 1e-12);  // t of a small difference
    if (welch) CXTEST_CHECK_CLOSE(got.change->df, c.at("df").get<double>(), rel);
    else CHECK(std::isinf(got.change->df));
    if (c.contains("ci")) {
      CXTEST_CHECK_CLOSE_ABS(got.change->ci.lower, c.at("ci")[0].get<double>(), rel, 1e-12);
      CXTEST_CHECK_CLOSE_ABS(got.change->ci.upper, c.at("ci")[1].get<double>(), rel, 1e-12);
    }
    CXTEST_CHECK_CLOSE(got.change->p_value, c.at("p_value").get<double>(), p_rel);
    CXTEST_CHECK_CLOSE(got.adjusted_p, c.at("adjusted_p_value").get<double>(), p_rel);
    CHECK((got.significant != cr::direction::none) == (c.at("adjusted_p_value").get<double>() < 0.05));
  }
}

// The leaderboard in the reference's order (Wilson lower bound of the success box, best
// first), with each agent's score and interval.
void check_agents(const cr::report& r, const nlohmann::json& ref, double rel) {
  const auto& board = ref.at("leaderboard");
  REQUIRE(r.agents.size() == board.size());
  for (std::size_t i = 0; i < board.size(); ++i) {
    const auto& want = board[i];
    const auto& got = r.agents[i];
    INFO("leaderboard row " << i << ": " << got.agent);
    CHECK(got.agent == want.at("agent").get<std::string>());
    REQUIRE(got.rank);
    CHECK(*got.rank == want.at("rank").get<std::size_t>());
    CXTEST_CHECK_CLOSE(got.success_share, want.at("success_share").get<double>(), rel);
    CXTEST_CHECK_CLOSE(got.success_lower_bound, want.at("success_lower_bound").get<double>(), rel);
    check_estimate(got.score, ref.at("groups").at(got.agent), rel);
  }
}

// Every agent's score and interval, found by name (for references without a leaderboard).
void check_groups(const cr::report& r, const nlohmann::json& ref, double rel) {
  for (const auto& [key, want] : ref.at("groups").items()) {
    INFO("agent " << key);
    const cr::agent_row* row = nullptr;
    for (const auto& a : r.agents)
      if (a.agent == key) row = &a;
    REQUIRE(row);
    check_estimate(row->score, want, rel);
  }
  CHECK(r.agents.size() == ref.at("groups").size());
}

// The EWMA and the CUSUM set for the 3-sigma limits' in-control ARL: their settings and run
// lengths from R spc (xewma.crit / xewma.arl, xcusum.crit / xcusum.arl), where they signalled
// from their recursions in Python.
void check_ewma_and_cusum(const cr::report& r, const nlohmann::json& ref) {
  REQUIRE(r.chart);
  REQUIRE(r.ewma);
  const auto& ewma = ref.at("ewma");
  CXTEST_CHECK_CLOSE(r.chart->rule1_in_control_arl, ewma.at("in_control_arl").get<double>(), 1e-12);
  CXTEST_CHECK_CLOSE(r.ewma->width, ewma.at("width").get<double>(), 1e-5);  // spc's own root finding: 6 digits
  CXTEST_CHECK_CLOSE(r.ewma->arl_at_one_sigma, ewma.at("arl_at_one_sigma").get<double>(), 1e-5);
  CHECK(r.ewma->signals == ewma.at("signals").get<std::vector<std::string>>());
  REQUIRE(r.cusum);
  const auto& cusum = ref.at("cusum");
  CHECK(r.cusum->k == cusum.at("k").get<double>());
  CXTEST_CHECK_CLOSE(r.cusum->in_control_arl, cusum.at("in_control_arl").get<double>(), 1e-12);
  CXTEST_CHECK_CLOSE(r.cusum->h, cusum.at("h").get<double>(), 1e-5);  // spc's root finding again
  CXTEST_CHECK_CLOSE(r.cusum->arl_at_one_sigma, cusum.at("arl_at_one_sigma").get<double>(), 1e-5);
  CHECK(r.cusum->signals == cusum.at("signals").get<std::vector<std::string>>());
}

void check_channels(const cr::report& r, const nlohmann::json& ref, double rel) {
  REQUIRE(r.channels.size() == ref.at("channels").size());
  for (const auto& [channel, e] : r.channels) {
    INFO("channel " << channel);
    REQUIRE(ref.at("channels").contains(channel));
    check_estimate(e, ref.at("channels").at(channel), rel);
  }
}

}  // namespace

TEST_SUITE("csv reader") {
  TEST_CASE("plain records, LF and CRLF, with and without a final line end") {
    for (const std::string end : {"\n", "\r\n", "\r"}) {
      const auto r = read_all("a,b,c" + end + "1,2,3" + end + "4,,6");
      REQUIRE(r.size() == 3);
      CHECK(r[0].fields == fields{"a", "b", "c"});
      CHECK(r[1].fields == fields{"1", "2", "3"});
      CHECK(r[2].fields == fields{"4", "", "6"});
      CHECK(r[2].first_line == 3);
      CHECK(r[2].problem.empty());
    }
  }

  TEST_CASE("quoted fields hold commas, doubled quotes and line breaks; lines are counted through them") {
    const auto r = read_all("id,comment,score\r\n1,\"Waited, then \"\"sorry\"\"\r\nand more\",7\r\n2,\"\",8\r\n");
    REQUIRE(r.size() == 3);
    CHECK(r[1].fields == fields{"1", "Waited, then \"sorry\"\nand more", "7"});
    CHECK(r[1].first_line == 2);
    CHECK(r[1].last_line == 3);
    CHECK(r[2].fields == fields{"2", "", "8"});
    CHECK(r[2].first_line == 4);
  }

  TEST_CASE("a UTF-8 byte-order mark is dropped; a partial one is data") {
    CHECK(read_all("\xEF\xBB\xBFid,x\n")[0].fields == fields{"id", "x"});
    CHECK(read_all("\xEF\xBBid\n")[0].fields == fields{"\xEF\xBBid"});
  }

  TEST_CASE("blank lines are skipped but counted; a trailing comma is an empty last field") {
    const auto r = read_all("a,b\n\n\r\n1,\n");
    REQUIRE(r.size() == 2);
    CHECK(r[1].fields == fields{"1", ""});
    CHECK(r[1].first_line == 4);
  }

  TEST_CASE("a stray quote costs its own line only") {
    const auto r = read_all("a,b\nx\"y,1\n\"ok\"junk,2\n3,4\n");
    REQUIRE(r.size() == 4);
    CHECK(r[1].problem.find("a quote inside an unquoted field") != std::string::npos);
    CHECK(r[2].problem.find("unexpected character 'j' after a closing quote") != std::string::npos);
    CHECK(r[3].fields == fields{"3", "4"});
    CHECK(r[3].problem.empty());
    CHECK(r[3].first_line == 4);
  }

  TEST_CASE("a quote never closed costs its line only: reading resumes on the next line") {
    const auto r = read_all("a,b\r\n1,\"open\r\n2,3\r\n\r\n4,5");
    REQUIRE(r.size() == 4);
    CHECK(r[1].problem == "a quoted field opened on line 2 is never closed");
    CHECK(r[1].first_line == 2);
    CHECK(r[2].fields == fields{"2", "3"});
    CHECK(r[2].first_line == 3);
    CHECK(r[3].problem.empty());
    CHECK(r[3].fields == fields{"4", "5"});
    CHECK(r[3].first_line == 5);
  }

  TEST_CASE("text after a closing quote: the rest of the record is skipped, quotes respected") {
    // A writer that did not double an inner quote; the line break inside the later quoted
    // field must not turn the comment's second line into a response.
    const auto r = read_all("id,nps,a,b\n1,9,\"Fast\" reply,\"Notes:\n2,0,spam,x\nbye\"\n3,10,ok,y\n");
    REQUIRE(r.size() == 3);
    CHECK(r[1].problem.find("after a closing quote") != std::string::npos);
    CHECK(r[2].fields == fields{"3", "10", "ok", "y"});
    CHECK(r[2].first_line == 5);
  }

  TEST_CASE("a quote left open and 'closed' lines later by a stray quote costs one row, not the rows between") {
    std::string text = "id,comment,nps\n1,ok,9\n2,\"left open,7\n";
    for (int i = 3; i <= 8; ++i) text += std::to_string(i) + ",fine,8\n";
    text += "9,\"my 5\" screen\",6\n10,ok,10\n";
    const auto r = read_all(text);
    // header, 1, the broken row 2, rows 3..8, the broken row 9 (a quote after text), 10
    REQUIRE(r.size() == 11);
    CHECK(r[2].problem == "a quoted field opened on line 3 is closed on line 10 by a quote followed by text: a quote never closed?");
    for (std::size_t i = 3; i <= 8; ++i) CHECK(r[i].problem.empty());
    CHECK(r[9].first_line == 10);
    CHECK(!r[9].problem.empty());
    CHECK(r[10].fields == fields{"10", "ok", "10"});
  }

  TEST_CASE("a quoted field running over 1000 lines is taken for a quote never closed") {
    std::string text = "a,b\n1,\"";
    for (int i = 0; i < 1100; ++i) text += "line\n";
    const auto r = read_all(text + "\"\n");
    REQUIRE(r.size() >= 2);
    CHECK(r[1].problem == "a quoted field opened on line 2 runs over 1000 lines: a quote never closed?");
    CHECK(r[2].fields == fields{"line"});
    CHECK(r[2].first_line == 3);
  }

  TEST_CASE("empty input has no record") { CHECK(read_all("").empty()); }
}

TEST_SUITE("survey export") {
  TEST_CASE("ISO dates and date-times are accepted; impossible dates are not") {
    std::string why;
    for (const std::string ok : {"2026-01-05", "2024-02-29", "2026-01-05T10:15", "2026-01-05T10:15:59Z",
                                 "2026-01-05 10:15:00", "2026-01-05T10:15:00.123+01:00", "2026-01-05T10:15:00-0530",
                                 "2026-12-31T23:59:60Z", "2026-01-05 10:15:00.123456+01"})
      CHECK_MESSAGE(cr::parse_iso_date(ok, why).has_value(), ok);
    for (const std::string bad : {"", "2026-1-5", "05/01/2026", "2026-02-29", "2025-02-29", "2026-13-01", "2026-04-31",
                                  "2026-01-00", "2026-01-05T24:00", "2026-01-05T10:60", "2026-01-05T10:15:00+15:00",
                                  "2026-01-05T", "2026-01-05 junk", "2026-01-05T10:15:00.Z", "2026-01-05T10:15:00Zx",
                                  "2026-01-05T10:15:00+1", "2026-01-05T10:15:00+01:6"})
      CHECK_MESSAGE(!cr::parse_iso_date(bad, why).has_value(), bad);
    cr::parse_iso_date("2026-02-30", why);
    CHECK(why == "'2026-02-30' is not a calendar date");
    CHECK(!cr::parse_iso_date("0999-01-01", why));  // keys must sort: four-digit years from 1900
    CHECK(why == "'0999-01-01' has a year before 1900");
  }

  TEST_CASE("periods: day, month and ISO 8601 weeks across year ends (Python's date.isocalendar)") {
    CHECK(period_of("2026-03-04T23:59:59Z", cr::period_kind::day) == "2026-03-04");
    CHECK(period_of("2026-03-04", cr::period_kind::month) == "2026-03");
    const std::vector<std::pair<std::string, std::string>> weeks{
        {"2021-01-03", "2020-W53"}, {"2026-01-01", "2026-W01"}, {"2024-12-30", "2025-W01"}, {"2027-01-01", "2026-W53"},
        {"2026-12-31", "2026-W53"}, {"2020-12-31", "2020-W53"}, {"2026-06-15", "2026-W25"}, {"2010-01-03", "2009-W53"},
        {"2009-12-31", "2009-W53"}, {"2008-12-29", "2009-W01"}};
    for (const auto& [date, week] : weeks) CHECK_MESSAGE(period_of(date, cr::period_kind::week) == week, date);
  }

  TEST_CASE("metric and period names: valid ones parse, others are usage errors naming the value") {
    CHECK(cr::parse_metric("likert:7").hi == 7);
    CHECK(cr::parse_metric("csat").lo == 1);
    CHECK_THROWS_WITH_AS(cr::parse_metric("likert:12"), doctest::Contains("likert:12"), cr::usage_error);
    CHECK_THROWS_WITH_AS(cr::parse_metric("NPS"), "--metric NPS is not one of nps, csat, ces, likert:N, binary", cr::usage_error);
    CHECK_THROWS_AS(cr::parse_period("quarter"), cr::usage_error);
  }

  TEST_CASE("columns: conventional names found ignoring case, named ones must exist") {
    const auto c = cr::resolve_columns({"ID", "Date", " NPS ", "Agent", "Self_Rating"}, {}, cr::parse_metric("nps"));
    CHECK(c.score == 2);
    CHECK(c.time == 1);
    CHECK(c.agent == 3);
    CHECK(c.self == 4);
    CHECK(c.channel == -1);
    CHECK(c.weight == -1);  // never guessed: weights change every number
    cr::column_names named;
    named.agent = "handler";
    CHECK_THROWS_WITH_AS(cr::resolve_columns({"nps", "agent"}, named, cr::parse_metric("nps")),
                         "--agent handler: no such column; the header has: nps, agent", cr::usage_error);
    CHECK_THROWS_WITH_AS(cr::resolve_columns({"id", "comment"}, {}, cr::parse_metric("csat")),
                         doctest::Contains("no score column"), cr::usage_error);
    CHECK_THROWS_WITH_AS(cr::resolve_columns({"nps", "agent", "NPS"}, {}, cr::parse_metric("nps")),
                         "column 'nps' appears twice in the header (columns 1 and 3): which one is meant is unclear; rename one",
                         cr::usage_error);
  }

  TEST_CASE("the tricky fixture: skipped answers counted, malformed rows reported with their lines") {
    const auto e = read_file(fixture("tricky.csv"));
    CHECK(e.rows == 9);
    REQUIRE(e.responses.size() == 4);  // the row after the unclosed quote is read again
    CHECK(e.missing_score == 1);  // an empty cell is a skipped question, never a 0
    REQUIRE(e.malformed.size() == 4);
    CHECK(e.malformed[0].line == 6);
    CHECK(e.malformed[0].reason == "score 11 is outside the scale 0..10");
    CHECK(e.malformed[1].line == 7);
    CHECK(e.malformed[1].reason == "'2026-02-30' is not a calendar date");
    CHECK(e.malformed[2].line == 9);
    CHECK(e.malformed[2].reason == "6 fields where the header has 8");
    CHECK(e.malformed[3].line == 10);
    CHECK(e.malformed[3].reason == "a quoted field opened on line 10 is never closed");
    CHECK(e.responses[1].score == 3);
    CHECK(e.responses[1].reason == "long wait");
    CHECK(e.responses[2].channel == "email");
    CHECK(e.responses[2].date->day == 2);
    CHECK(e.responses[0].self == 10);
    CHECK(e.responses[3].agent == "Ben");
  }

  TEST_CASE("scores, self-assessments and weights: each bad cell names the value and the rule") {
    cr::column_names with_weight;
    with_weight.weight = "w";
    const auto e = read_with("score,self,w,agent\n 7 ,,1.5,a\n7.5,,1,a\n+8,11,1,a\n9,,0,a\n9,,x,a\n9,,,a\n9,,2,\xC3\x28\n"
                             "-1,,1,a\n10,10,2,b\n9,,1e200,a\n9,,1e-200,a\n",
                             [&] {
                               auto n = with_weight;
                               n.self = "self";
                               auto o = read_options_for(n, cr::parse_metric("nps"));
                               o.encoding = cr::text_encoding::utf8;  // the invalid byte is the point
                               return o;
                             }());
    REQUIRE(e.responses.size() == 2);
    CHECK(e.responses[0].score == 7);
    CHECK(e.responses[0].weight == 1.5);
    CHECK(e.responses[1].self == 10);
    CHECK(e.missing_self == 1);
    REQUIRE(e.malformed.size() == 9);
    CHECK(e.malformed[7].reason == "weight 1e200 is outside 1e-100..1e100");
    CHECK(e.malformed[8].reason == "weight 1e-200 is outside 1e-100..1e100");
    const auto odd = read_text("score,w,agent\n9,0x1p3,a\n9,1e-310,a\n9,inf,a\n9,1,\"\x1b[31mred\"\n9,x\x01,a\n", with_weight);
    REQUIRE(odd.malformed.size() == 5);
    CHECK(odd.malformed[0].reason == "weight '0x1p3' is not a decimal number");
    CHECK(odd.malformed[1].reason == "weight 1e-310 is outside 1e-100..1e100");
    CHECK(odd.malformed[2].reason == "weight 'inf' is not a decimal number");
    CHECK(odd.malformed[3].reason == "column 'agent' holds a control character");
    CHECK(odd.malformed[4].reason == "weight 'x\\x01' is not a decimal number");  // quoted, the control character escaped
    CHECK(e.malformed[0].reason == "score '7.5' is not a whole number");
    CHECK(e.malformed[1].reason == "self-assessment 11 is outside the scale 0..10");
    CHECK(e.malformed[2].reason == "weight 0 must be positive");
    CHECK(e.malformed[3].reason == "weight 'x' is not a decimal number");
    CHECK(e.malformed[4].reason == "the weight is empty");
    CHECK(e.malformed[5].reason.find("column 'agent' is not valid UTF-8") == 0);
    CHECK(e.malformed[6].reason == "score -1 is outside the scale 0..10");
  }

  TEST_CASE("no header, or no usable response, is an input error") {
    CHECK_THROWS_WITH_AS(read_file(fixture("empty.csv")), "the file is empty: a header row is needed", cr::input_error);
    const auto e = read_file(fixture("header_only.csv"));
    CHECK(e.rows == 0);
    cr::report_options o;
    CHECK_THROWS_WITH_AS(build(e, o), doctest::Contains("no usable responses"), cr::input_error);
  }

  TEST_CASE("weighted mean metrics: weighted mean, Kish's n, and a weighted Welch test between periods") {
    cr::column_names n;
    n.weight = "w";
    const auto e = read_text("date,ces,w\n2026-01-01,5,1\n2026-01-02,6,3\n2026-02-01,2,1\n2026-02-02,3,1\n", n,
                             cr::parse_metric("ces"));
    cr::report_options o;
    o.metric = cr::parse_metric("ces");
    o.weight_column = "w";
    const cr::report r = build(e, o);
    CHECK(r.overall.score == doctest::Approx((5 + 18 + 2 + 3) / 6.0).epsilon(1e-15));
    CHECK(r.overall.effective_n == doctest::Approx(36.0 / 12.0).epsilon(1e-15));
    REQUIRE(r.periods.size() == 2);
    REQUIRE(r.periods[1].change);
    CHECK(r.periods[1].score_change == doctest::Approx(2.5 - 5.75).epsilon(1e-14));
  }
}

TEST_SUITE("report") {
  TEST_CASE("the bundled export: counts, scores, intervals and tests match scipy/statsmodels/R") {
    const auto ref = cxtest::load_json("report_reference.json");
    const auto e = read_file(std::string(CX_REPORT_DEMO_DATA));
    cr::report_options o;
    o.file = "survey_export.csv";
    o.baseline = ref.at("verdict").at("baseline").get<double>();
    const cr::report r = build(e, o);
    check_counts(r, ref);

    const double tight = 1e-12;
    CXTEST_CHECK_CLOSE(r.overall.score, ref.at("overall").at("score").get<double>(), tight);
    CXTEST_CHECK_CLOSE(r.overall.ci.lower, ref.at("overall").at("ci")[0].get<double>(), tight);
    CXTEST_CHECK_CLOSE(r.overall.ci.upper, ref.at("overall").at("ci")[1].get<double>(), tight);

    // The statistic of a difference of two scores near each other loses digits: 1e-10.
    check_periods(r, ref, 1e-10, 1e-9, false);

    check_groups(r, ref, tight);
    check_channels(r, ref, tight);

    REQUIRE(r.chart);
    const auto& chart = ref.at("control_chart");
    CXTEST_CHECK_CLOSE(r.chart->limits.center, chart.at("center").get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(r.chart->limits.sigma, chart.at("sigma").get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(r.chart->limits.lower, chart.at("lower").get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(r.chart->limits.upper, chart.at("upper").get<double>(), 1e-12);
    std::vector<std::string> beyond;
    for (const auto& s : r.chart->signals)
      if (s.rule == 1) beyond.push_back(s.period);
    CHECK(beyond == chart.at("beyond_limits").get<std::vector<std::string>>());
    CXTEST_CHECK_CLOSE(r.chart->sampling_se, chart.at("sampling_se").get<double>(), 1e-12);
    CHECK_FALSE(r.chart->limits.sigma_floored);  // monthly NPS moves more than its sampling error
    REQUIRE(r.verdict);
    // The verdict of the monthly scores with their standard errors: R metafor's DL random effects.
    const auto& verdict = ref.at("verdict");
    REQUIRE(r.verdict->margins);
    CXTEST_CHECK_CLOSE(r.verdict->margins->mean, verdict.at("random_effects_mean").get<double>(), 1e-9);
    CXTEST_CHECK_CLOSE(r.verdict->margins->standard_error, verdict.at("random_effects_se").get<double>(), 1e-9);
    CXTEST_CHECK_CLOSE(r.verdict->margins->tau2, verdict.at("tau2").get<double>(), 1e-9);
    CXTEST_CHECK_CLOSE(r.verdict->mean_above.value, verdict.at("mean_margin_lower").get<double>(), 1e-9);
    CXTEST_CHECK_CLOSE(r.verdict->predicted_above.value, verdict.at("prediction_lower_bound").get<double>(), 1e-9);
    CHECK(r.verdict->share_beating.value == verdict.at("share_beating").get<double>());
    CHECK_FALSE(r.verdict->consistently_better);

    check_ewma_and_cusum(r, ref);

    // The funnel of agents against the team (independent Python of Spiegelhalter's formulas).
    REQUIRE(r.funnel);
    const auto& funnel = ref.at("funnel");
    CXTEST_CHECK_CLOSE(r.funnel->result.target, funnel.at("target").get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(r.funnel->result.phi, funnel.at("phi").get<double>(), 1e-10);
    CXTEST_CHECK_CLOSE(r.funnel->result.tau2, funnel.at("tau2").get<double>(), 1e-10);
    REQUIRE(r.funnel->agents.size() == funnel.at("agents").size());
    for (std::size_t i = 0; i < r.funnel->agents.size(); ++i) {
      INFO("funnel agent " << r.funnel->agents[i]);
      const auto& want = funnel.at("agents").at(r.funnel->agents[i]);
      const cx::funnel_unit& u = r.funnel->result.units[i];
      CHECK(r.funnel->n[i] == want.at("n").get<std::uint64_t>());
      CXTEST_CHECK_CLOSE(u.value, want.at("value").get<double>(), 1e-12);
      CXTEST_CHECK_CLOSE(u.z, want.at("z").get<double>(), 1e-10);
      CXTEST_CHECK_CLOSE(u.limits.lower, want.at("limits")[0].get<double>(), 1e-10);
      CXTEST_CHECK_CLOSE(u.limits.upper, want.at("limits")[1].get<double>(), 1e-10);
      CHECK(u.outside == want.at("outside").get<bool>());
    }

    REQUIRE(r.gap);
    const auto& gap = ref.at("perception_gap");
    CHECK(r.gap->pairs == gap.at("pairs").get<std::uint64_t>());
    CXTEST_CHECK_CLOSE(r.gap->self_mean, gap.at("self_mean").get<double>(), tight);
    CXTEST_CHECK_CLOSE(r.gap->customer_mean, gap.at("customer_mean").get<double>(), tight);
    REQUIRE(r.gap->summary);
    CXTEST_CHECK_CLOSE(r.gap->summary->mean_gap.difference, gap.at("mean_gap").at("difference").get<double>(), 1e-11);
    CXTEST_CHECK_CLOSE(r.gap->summary->mean_gap.ci.lower, gap.at("mean_gap").at("ci")[0].get<double>(), 1e-10);
    CXTEST_CHECK_CLOSE(r.gap->summary->mean_gap.ci.upper, gap.at("mean_gap").at("ci")[1].get<double>(), 1e-10);
    CXTEST_CHECK_CLOSE(r.gap->summary->effect_size_dz, gap.at("effect_size_dz").get<double>(), 1e-11);
    CXTEST_CHECK_CLOSE(r.gap->summary->self_above, gap.at("self_above").get<double>(), tight);
    CXTEST_CHECK_CLOSE(r.gap->summary->equal, gap.at("equal").get<double>(), tight);
    CHECK(r.gap->summary->signed_rank.p_value <= 1e-300);  // reference: 0 in double (z near 50)
    CHECK(gap.at("wilcoxon_p_value").get<double>() <= 1e-300);
    REQUIRE(r.gap->agents.size() == gap.at("agents").size());
    for (const auto& a : r.gap->agents) {
      INFO("agent " << a.agent);
      const auto& want = gap.at("agents").at(a.agent);
      CHECK(a.pairs == want.at("pairs").get<std::uint64_t>());
      CXTEST_CHECK_CLOSE(a.self_mean, want.at("self_mean").get<double>(), tight);
      CXTEST_CHECK_CLOSE(a.customers.estimate, want.at("customer_mean").get<double>(), tight);
      CXTEST_CHECK_CLOSE(a.customers.ci.lower, want.at("customer_ci")[0].get<double>(), 1e-10);
      CXTEST_CHECK_CLOSE(a.customers.ci.upper, want.at("customer_ci")[1].get<double>(), 1e-10);
    }

    REQUIRE(r.reasons);
    const auto& pareto = ref.at("pareto");
    CHECK(r.reasons->pareto.total == pareto.at("total").get<std::uint64_t>());
    REQUIRE(r.reasons->pareto.rows.size() == pareto.at("reasons").size());
    for (std::size_t i = 0; i < r.reasons->pareto.rows.size(); ++i) {
      const auto& row = r.reasons->pareto.rows[i];
      const auto& want = pareto.at("reasons")[i];
      CHECK(row.reason == want.at("reason").get<std::string>());
      CHECK(row.count == want.at("count").get<std::uint64_t>());
      CXTEST_CHECK_CLOSE(row.cumulative_share, want.at("cumulative_share").get<double>(), tight);
    }
  }

  TEST_CASE("the CSAT fixture: % satisfied, Wilson intervals, pooled z tests between months match statsmodels/R") {
    const auto ref = cxtest::load_json("report_csat_reference.json").at("csat");
    const cr::report r = csat_ces_report("csat");
    CHECK(r.unit == "% satisfied (4-5)");
    check_counts(r, ref);
    const double tight = 1e-12;  // closed forms: shares, Wilson bounds, pooled z
    check_estimate(r.overall, ref.at("overall"), tight);
    REQUIRE(r.breakdown.size() == 2);
    CHECK(r.breakdown[0].name == "mean rating");
    CXTEST_CHECK_CLOSE(r.breakdown[0].value, ref.at("breakdown").at("mean_rating").get<double>(), tight);
    CHECK(r.breakdown[1].name == "dissatisfied (1-2)");
    CXTEST_CHECK_CLOSE(r.breakdown[1].value, ref.at("breakdown").at("dissatisfied").get<double>(), tight);
    check_periods(r, ref, tight, 1e-12, false);
    // April's drop is the one the fixture holds, and the Holm-adjusted test finds it.
    REQUIRE(r.periods.size() == 6);
    CHECK(r.periods[3].period == "2026-04");
    CHECK(r.periods[3].significant == cr::direction::worse);
    check_agents(r, ref, tight);
    check_channels(r, ref, tight);
  }

  TEST_CASE("the CES fixture: mean effort, t intervals, Welch tests between months match scipy/statsmodels/R") {
    const auto ref = cxtest::load_json("report_csat_reference.json").at("ces");
    const cr::report r = csat_ces_report("ces", "ces");
    CHECK(r.unit == "mean effort score (1-7)");
    check_counts(r, ref);
    const double tight = 1e-12;  // means and shares, and t intervals with R's qt
    check_estimate(r.overall, ref.at("overall"), tight);
    REQUIRE(r.breakdown.size() == 2);
    CHECK(r.breakdown[0].name == "easy (5-7)");
    CXTEST_CHECK_CLOSE(r.breakdown[0].value, ref.at("breakdown").at("easy").get<double>(), tight);
    CHECK(r.breakdown[1].name == "difficult (1-3)");
    CXTEST_CHECK_CLOSE(r.breakdown[1].value, ref.at("breakdown").at("difficult").get<double>(), tight);
    check_periods(r, ref, tight, 1e-12, true);
    check_agents(r, ref, tight);
    check_channels(r, ref, tight);
  }

  TEST_CASE("the CES fixture weighted: Kish's n, weighted means, weighted Welch tests match statsmodels DescrStatsW/R") {
    const auto ref = cxtest::load_json("report_csat_reference.json").at("ces_weighted");
    const cr::report r = csat_ces_report("ces", "ces", "weight");
    CHECK(r.used() == ref.at("n").get<std::size_t>());
    CHECK(r.input.listed.empty());
    const double tight = 1e-12;
    check_estimate(r.overall, ref.at("overall"), tight);
    // numpy's sums of weights round the reference's weighted means by a few ulps (7 ulps in
    // May against the exact rational mean; cxmetrics' is 1 ulp off), and a p-value of 6e-21
    // at t = 9.8 multiplies that by about t^2: 5e-13 here, so p-values get 1e-11.
    check_periods(r, ref, tight, 1e-11, true);
    check_groups(r, ref, tight);
    check_channels(r, ref, tight);
  }

  TEST_CASE("a lasting drop (the drift fixture): the EWMA and the CUSUM signal where their recursions do") {
    const auto ref = cxtest::load_json("report_reference.json").at("drift");
    const cr::report r = build(read_file(fixture("drift_export.csv")), cr::report_options{});
    check_periods(r, ref, 1e-10, 1e-9, false);
    REQUIRE(r.chart);
    CHECK(r.chart->limits.sigma_floored);  // the months move less than their sampling error
    CXTEST_CHECK_CLOSE(r.chart->limits.center, ref.at("center").get<double>(), 1e-12);
    CXTEST_CHECK_CLOSE(r.chart->limits.sigma, ref.at("sigma").get<double>(), 1e-12);
    check_ewma_and_cusum(r, ref);
    CHECK_FALSE(r.cusum->signals.empty());
    CHECK_FALSE(r.ewma->signals.empty());

    // The centre is the whole series' (a retrospective chart): the months before the drop run
    // above it, the drop itself below. Each signal's side is reported.
    CHECK(r.cusum->signals_below == ref.at("cusum").at("signals_below").get<std::vector<std::string>>());
    CHECK(r.ewma->signals_below == ref.at("ewma").at("signals_below").get<std::vector<std::string>>());
    CHECK_FALSE(r.cusum->signals_below.empty());
    CHECK(r.cusum->signals_below.size() < r.cusum->signals.size());

    // The writers show the CUSUM's settings, run length and signals by side, with units.
    const auto j = nlohmann::json::parse(cr::to_json(r).dump());
    CHECK(j.at("cusum_chart").at("h").get<double>() == r.cusum->h);  // full precision
    CHECK(j.at("cusum_chart").at("signals") == ref.at("cusum").at("signals"));
    CHECK(j.at("cusum_chart").at("signals_below") == ref.at("cusum").at("signals_below"));
    std::ostringstream text, page;
    cr::write_text(text, r);
    cr::write_html(page, r);
    const std::string settings = "CUSUM (k 0.5, h " + cr::detail::printf_string("%.3f", r.cusum->h) + ")";
    const std::string run_length = cr::detail::printf_string("%.1f", r.cusum->arl_at_one_sigma);
    const auto& below = r.cusum->signals_below;
    const std::string sides = "signals in " + std::to_string(r.cusum->signals.size()) + " month(s): " +
                              std::to_string(r.cusum->signals.size() - below.size()) + " above the centre (first " +
                              r.cusum->signals.front() + "), " + std::to_string(below.size()) + " below (first " +
                              below.front() + ")";
    CHECK(text.str().find(settings + " set for the same in-control ARL; ARL at a lasting 1-sigma shift " + run_length +
                          ": " + sides) != std::string::npos);
    CHECK(page.str().find(settings + " set for the same ARL notices it in " + run_length + " months on average, " +
                          sides) != std::string::npos);
  }

  TEST_CASE("JSON carries the documented keys at full precision; text and HTML show the same numbers") {
    const auto e = read_file(std::string(CX_REPORT_DEMO_DATA));
    cr::report_options o;
    o.file = "survey_export.csv";
    o.baseline = 0.0;
    const cr::report r = build(e, o);
    const auto j = nlohmann::json::parse(cr::to_json(r).dump());
    CHECK(j.at("metric") == "nps");
    CHECK(j.at("n").get<std::size_t>() == r.used());
    CHECK(j.at("skipped").get<std::size_t>() == r.skipped());
    CHECK(j.at("overall").at("score").get<double>() == r.overall.score);  // round-trips exactly
    CHECK(j.at("overall").at("ci")[1].get<double>() == r.overall.ci.upper);
    CHECK(j.at("periods")[0].at("period") == "2025-11");
    CHECK(j.at("periods")[0].at("ci").size() == 2);
    CHECK(j.at("groups").at("Grace Kim").at("n").get<std::uint64_t>() > 0);
    CHECK(j.at("verdict").at("consistently_better") == false);
    CHECK(j.at("problems").size() == r.input.listed.size());

    std::ostringstream text, page;
    cr::write_text(text, r);
    cr::write_html(page, r);
    CHECK(text.str().find("SIGNAL 2026-06") != std::string::npos);
    CHECK(text.str().find("+0.2   95% CI [-1.8, +2.2]") != std::string::npos);
    CHECK(text.str().find("survey_export.csv:508: score 11 is outside the scale 0..10") != std::string::npos);
    for (const char* id : {"id=\"trend\"", "id=\"control\"", "id=\"gap\"", "id=\"pareto\"", "id=\"agents\"",
                           "id=\"channels\"", "id=\"funnel\""})
      CHECK_MESSAGE(page.str().find(id) != std::string::npos, id);
    CHECK(page.str().find("Better than +0.0, all the time?</h2><p class=\"worse\">No: on average it is not clearly above 0") !=
          std::string::npos);
    CHECK(page.str().find("<h2>By channel</h2>") != std::string::npos);
    CHECK(page.str().find("12 of 12 months") != std::string::npos);
    CHECK(page.str().find("signalled 2026-06 vs the other months: <b>bot could not help</b>") != std::string::npos);
    CHECK(text.str().find("1 of 1 month\n") != std::string::npos);
    CHECK(page.str().find("http") == std::string::npos);  // self-contained: nothing to fetch
  }

  TEST_CASE("small and degenerate exports report what they can and say what they cannot") {
    // One period, unanimous answers, a single agent: no chart, no change test, no crash.
    const auto e = read_text("date,agent,csat,self_rating\n2026-01-01,a,5,5\n2026-01-02,a,5,5\n", {}, cr::parse_metric("csat"));
    cr::report_options o;
    o.metric = cr::parse_metric("csat");
    const cr::report r = build(e, o);
    CHECK(r.overall.score == 100.0);
    CHECK(!r.chart);
    CHECK(r.chart_note.find("at least 3 periods") != std::string::npos);
    REQUIRE(r.gap);
    CHECK(!r.gap->summary);  // every pair equal: nothing to test
    std::ostringstream text;
    cr::write_text(text, r);
    CHECK(text.str().find("% satisfied (4-5): 100.0%") != std::string::npos);
  }

  TEST_CASE("weighted CSAT with every answer satisfied: the share is 1, not 1 + an ulp") {
    cr::column_names n;
    n.weight = "w";
    const auto e = read_text("csat,w\n4,1.1\n5,0.9\n4,0.3\n", n, cr::parse_metric("csat"));
    cr::report_options o;
    o.metric = cr::parse_metric("csat");
    o.weight_column = "w";
    const cr::report r = build(e, o);
    CHECK(r.overall.score == 100.0);
    CHECK(r.overall.ci.upper == 100.0);
  }

  TEST_CASE("a flat trend: equal NPS from different mixes is no signal, and the page is written") {
    // +50 every month: 1 promoter + 1 passive, or 7 promoters, 1 passive, 2 detractors.
    std::string text = "date,nps\n";
    for (int month = 1; month <= 11; ++month) text += "2026-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-01,10\n" +
                                                      "2026-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-02,7\n";
    for (int v : {10, 10, 10, 10, 10, 10, 10, 8, 0, 0}) text += "2026-12-01," + std::to_string(v) + "\n";
    cr::report_options o;
    o.minimum_period_n = 1;  // two responses a month: charted here to test the sigma floor
    const cr::report r = build(read_text(text), o);
    REQUIRE(r.periods.size() == 12);
    CHECK(r.periods.back().score.estimate->score == 50.0);
    // Charted with sigma floored at the periods' sampling error: every point on the centre.
    REQUIRE(r.chart);
    CHECK(r.chart->limits.sigma_floored);
    CHECK(r.chart->limits.center == 50.0);
    CHECK(r.chart->signals.empty());
    std::ostringstream page;
    cr::write_html(page, r);
    CHECK(page.str().find("id=\"trend\"") != std::string::npos);
  }

  TEST_CASE("a near-flat series: sigma is floored at the sampling error, so noise is no signal") {
    // 12 months of 200 CSAT answers at 80% satisfied, one month with one more satisfied.
    std::string text = "date,csat\n";
    for (int month = 1; month <= 12; ++month) {
      const std::string date = "2026-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-01,";
      const int satisfied = month == 7 ? 161 : 160;
      for (int i = 0; i < 200; ++i) text += date + (i < satisfied ? "5" : "2") + "\n";
    }
    cr::report_options o;
    o.metric = cr::parse_metric("csat");
    o.baseline = 70.0;
    const cr::report r = build(read_text(text, {}, o.metric), o);
    REQUIRE(r.chart);
    CHECK(r.chart->limits.sigma_floored);
    CHECK(r.chart->signals.empty());
    REQUIRE(r.verdict);
    CHECK(r.verdict->consistently_better);
    std::ostringstream out;
    cr::write_text(out, r);
    CHECK(out.str().find("sigma is raised to it") != std::string::npos);
    // The chart shown is the chart judged.
    CHECK(r.verdict->chart.sigma == r.chart->limits.sigma);
    CHECK(r.verdict->signals.size() == r.chart->signals.size());
  }

  TEST_CASE("every week fully satisfied: charted on the sampling error, no stratification signal, consistently better") {
    // 20 weeks of 30 answers, all 4 or 5: 100% each week, a Wilson interval of width > 0.
    std::string text = "date,csat\n";
    for (int week = 0; week < 20; ++week) {
      const int day = 1 + week % 4 * 7;  // the 1st, 8th, 15th and 22nd of five months
      const std::string date = "2026-0" + std::to_string(1 + week / 4) + (day < 10 ? "-0" : "-") + std::to_string(day) + ",";
      for (int i = 0; i < 30; ++i) text += date + (i % 3 ? "5" : "4") + "\n";
    }
    cr::report_options o;
    o.metric = cr::parse_metric("csat");
    o.period = cr::period_kind::week;
    o.baseline = 90.0;
    const cr::report r = build(read_text(text, {}, o.metric), o);
    REQUIRE(r.periods.size() == 20);
    REQUIRE(r.chart);
    CHECK(r.chart->limits.sigma_floored);
    CHECK(r.chart->limits.center == 100.0);
    // Wilson's 95% interval of 30 of 30 is [0.886, 1]: the standard error is its width / 2z.
    const double z = 1.959963984540054, lower = 30.0 / (30.0 + z * z);
    CXTEST_CHECK_CLOSE(r.chart->sampling_se, 100.0 * (1.0 - lower) / (2.0 * z), 1e-12);
    CHECK(r.chart->signals.empty());  // fifteen within 1 sigma would be rule 7 on an unfloored chart
    REQUIRE(r.verdict);
    CHECK(r.verdict->consistently_better);
  }

  TEST_CASE("a mean's standard error is s / sqrt(n), not the small-n t interval's half-width") {
    // Three days of two CES answers each (2 and 6: s = 2.83, SE 2; the t half-width would be 25.4).
    const auto e = read_text("date,ces\n2026-01-01,2\n2026-01-01,6\n2026-01-02,2\n2026-01-02,6\n2026-01-03,3\n2026-01-03,5\n",
                             {}, cr::parse_metric("ces"));
    cr::report_options o;
    o.metric = cr::parse_metric("ces");
    o.period = cr::period_kind::day;
    o.minimum_period_n = 1;
    const cr::report r = build(e, o);
    REQUIRE(r.periods.size() == 3);
    CXTEST_CHECK_CLOSE(r.periods[0].score.estimate->standard_error, 2.0, 1e-14);
    CXTEST_CHECK_CLOSE(r.periods[2].score.estimate->standard_error, 1.0, 1e-14);
    REQUIRE(r.chart);
    CXTEST_CHECK_CLOSE(r.chart->sampling_se, 2.0, 1e-14);  // the median of 2, 2, 1
  }

  TEST_CASE("a baseline that cannot be judged says so") {
    cr::report_options o;
    o.baseline = 10.0;
    const cr::report r = build(read_text("nps\n9\n10\n3\n"), o);
    CHECK(!r.verdict);
    std::ostringstream out;
    cr::write_text(out, r);
    CHECK(out.str().find("--baseline +10.0 not judged") != std::string::npos);
    CHECK(cr::to_json(r).at("verdict").at("note").get<std::string>().find("not judged") == 0);
  }

  TEST_CASE("a small unanimous period does not make a change look certain (adjusted-Wald test)") {
    std::string text = "date,nps\n2026-01-01,10\n2026-01-02,10\n";
    for (int i = 0; i < 40; ++i) text += "2026-02-01," + std::to_string(i < 24 ? 10 : i < 36 ? 8 : 2) + "\n";
    const cr::report r = build(read_text(text), cr::report_options{});
    REQUIRE(r.periods.size() == 2);
    REQUIRE(r.periods[1].change);
    CHECK(r.periods[1].score_change == -50.0);
    CHECK(r.periods[1].change->p_value > 0.5);
    CHECK(r.periods[1].significant == cr::direction::none);
  }

  TEST_CASE("two- and three-point Likert items use the top box, not the whole scale") {
    const auto e = read_text("score,agent\n1,a\n2,a\n2,b\n2,b\n", {}, cr::parse_metric("likert:2"));
    cr::report_options o;
    o.metric = cr::parse_metric("likert:2");
    const cr::report r = build(e, o);
    CHECK(r.breakdown[0].name == "top-1 box");
    CHECK(r.breakdown[0].value == 0.75);
    CHECK(r.success_box == "2");
  }

  TEST_CASE("HTML: crowded signals keep their red points but not every label") {
    cr::report_options o;
    o.period = cr::period_kind::week;
    const cr::report r =
        build(read_file(std::string(CX_REPORT_DEMO_DATA)), o);
    std::ostringstream page;
    cr::write_html(page, r);
    auto count = [&](const std::string& what) {
      std::size_t n = 0;
      for (std::size_t at = page.str().find(what); at != std::string::npos; at = page.str().find(what, at + 1)) ++n;
      return n;
    };
    const std::size_t flagged = count("class=\"flagged\""), labels = count("class=\"annotation flagged-text\"");
    CHECK(flagged >= 10);  // the weeks of the June drift, and a few after
    CHECK(labels >= 2);
    CHECK(labels < flagged);
    CHECK(page.str().find("only some are labelled") != std::string::npos);
  }

  TEST_CASE("HTML escapes what the file says") {
    const auto e = read_text("agent,nps,reason,channel\n<script>x</script>,9,\"a&b\",<i>chat\n\"O'Neil\",3,<b>,<i>chat\n");
    cr::report_options o;
    const cr::report r = build(e, o);
    std::ostringstream page;
    cr::write_html(page, r);
    CHECK(page.str().find("<script>x</script>") == std::string::npos);
    CHECK(page.str().find("&lt;script&gt;x&lt;/script&gt;") != std::string::npos);
    CHECK(page.str().find("O&#39;Neil") != std::string::npos);
    CHECK(page.str().find("<i>chat") == std::string::npos);
    CHECK(page.str().find("&lt;i&gt;chat") != std::string::npos);
  }
}

// Exports laid out as survey tools write them (tests/reference/make_layout_fixtures.py): each
// read with the options a user would give, against the numbers of the generator's own draws.
TEST_SUITE("layouts") {
  cr::report layout_report(const std::string& file, const nlohmann::json& options) {
    auto text = [&](const char* key) { return options.contains(key) ? options.at(key).get<std::string>() : std::string(); };
    cr::read_options ro;
    ro.metric = cr::parse_metric(options.contains("metric") ? text("metric") : "nps");
    ro.columns.score = text("score");
    ro.columns.time = text("time");
    ro.columns.agent = text("agent");
    ro.columns.weight = text("weight");
    if (options.contains("map")) ro.map = cr::parse_value_map(text("map"), ro.metric);
    cr::report_options o;
    o.metric = ro.metric;
    o.weight_column = ro.columns.weight;
    o.file = file;
    cr::export_reader reader(std::make_unique<cr::file_source>(fixture("layouts/" + file)), ro);
    return cr::build_report(reader, o);
  }

  TEST_CASE("every layout: header rows, footers, encodings, delimiters, dates and labels read as the generator wrote them") {
    const auto ref = cxtest::load_json("layouts/layouts_reference.json");
    CHECK(ref.size() == 11);
    for (const auto& [file, want] : ref.items()) {
      INFO("layout " << file);
      const cr::report r = layout_report(file, want.at("options"));
      CHECK(r.input.rows == want.at("rows").get<std::size_t>());
      CHECK(r.used() == want.at("n").get<std::size_t>());
      CHECK(r.input.missing_score == want.at("missing").get<std::size_t>());
      CHECK(r.input.malformed == 0);
      CHECK(r.input.header_rows == want.at("header_rows").get<std::size_t>());
      CHECK(r.input.footer_lines == want.value("footer_lines", std::size_t{0}));
      CHECK(r.input.encoding == want.at("encoding").get<std::string>());
      CHECK(std::string(1, r.input.delimiter) == want.value("delimiter", std::string(",")));
      if (want.contains("weighted")) {
        CXTEST_CHECK_CLOSE(r.overall.score, want.at("weighted").at("score").get<double>(), 1e-12);
        CXTEST_CHECK_CLOSE(r.overall.effective_n, want.at("weighted").at("effective_n").get<double>(), 1e-12);
      } else {
        check_estimate(r.overall, want.at("overall"), 1e-12);
        const auto& months = want.at("months");
        REQUIRE(r.periods.size() == months.size());
        for (const auto& p : r.periods) {
          INFO("month " << p.period);
          REQUIRE(months.contains(p.period));
          check_estimate(p.score, months.at(p.period), 1e-12);
        }
      }
      std::map<std::string, std::uint64_t> agents;
      for (const auto& a : r.agents) agents[a.agent] = a.score.n;
      CHECK(agents == want.at("agents").get<std::map<std::string, std::uint64_t>>());
    }
  }

  TEST_CASE("a Windows-1252 file is said to be one, and its accented names survive") {
    const auto ref = cxtest::load_json("layouts/layouts_reference.json").at("german_excel.csv");
    const cr::report r = layout_report("german_excel.csv", ref.at("options"));
    CHECK(r.input.guessed_windows_1252);
    CHECK(r.input.decimal_comma);
    bool found = false;
    for (const auto& a : r.agents) found = found || a.agent == "J\xC3\xB6rg M\xC3\xBCller";
    CHECK(found);
    std::ostringstream out;
    cr::write_text(out, r);
    CHECK(out.str().find("read as Windows-1252 (not valid UTF-8") != std::string::npos);
  }
}

TEST_SUITE("dates and values") {
  TEST_CASE("every date form reads to the same day; offsets keep the date as written; epochs are UTC") {
    cr::date_column_evidence e;
    std::string why;
    auto day = [&](const std::string& text, cr::date_format f = cr::date_format::automatic) {
      const auto key = cr::read_date(text, f, e, why);
      REQUIRE_MESSAGE(key, text << ": " << why);
      return cr::period_key(cr::date_reading{}.resolve(*key), cr::period_kind::day);
    };
    for (const std::string text :
         {"2026-01-14", "2026-01-14T23:30:00Z", "2026-01-14 23:30:00+05:30", "2026-01-14T23:30:00.25-0800", "2026-01-14 23:30:00 UTC",
          "1/14/2026", "1/14/2026 11:30:00 PM", "01/14/2026 9:05 AM", "14/1/2026 23:30", "14.1.2026", "14.01.2026 23:30:00",
          "1768348800", "1768433399", "1768348800000", "46036", "46036.97917"})
      CHECK_MESSAGE(day(text) == "2026-01-14", text);
    CHECK(day("46036", cr::date_format::excel) == "2026-01-14");
    CHECK(day("1768348800", cr::date_format::epoch) == "2026-01-14");
    for (const std::string bad : {"2026-02-30", "13/13/2026", "1/14/2026 13:00 PM", "1234", "20260114", "yesterday", "1/14/26",
                                  "31.2.2026", "2026-01-14 25:00"})
      CHECK_MESSAGE(!cr::read_date(bad, cr::date_format::automatic, e, why), bad);
  }

  TEST_CASE("the order of day and month comes from the whole column; a column that reads either way is refused") {
    cr::date_column_evidence e;
    std::string why;
    const auto either = *cr::read_date("3/4/2026", cr::date_format::automatic, e, why);
    CHECK_THROWS_WITH_AS(cr::date_reading::decide(e, "when"), doctest::Contains("'3/4/2026' is month/day/year or day/month/year"),
                         cr::input_error);
    REQUIRE(cr::read_date("25/4/2026", cr::date_format::automatic, e, why));
    const cr::date_reading dmy = cr::date_reading::decide(e, "when");
    CHECK(cr::period_key(dmy.resolve(either), cr::period_kind::day) == "2026-04-03");
    REQUIRE(cr::read_date("4/25/2026", cr::date_format::automatic, e, why));
    CHECK_THROWS_WITH_AS(cr::date_reading::decide(e, "when"), doctest::Contains("mix day-first ('25/4/2026') and month-first ('4/25/2026')"),
                         cr::input_error);
  }

  TEST_CASE("scores as tools write them: labels, pandas floats, decimal commas, --map, binary words") {
    const cr::metric_spec nps = cr::parse_metric("nps"), binary = cr::parse_metric("binary"), csat = cr::parse_metric("csat");
    int v = -1;
    std::string why;
    auto read = [&](const std::string& cell, const cr::metric_spec& m, const cr::value_map& map = {}, bool comma = false) {
      return cr::read_score(cell, m, map, comma, "score", v, why);
    };
    for (const auto& [cell, want] : std::vector<std::pair<std::string, int>>{
             {"10 - Extremely likely", 10}, {"0 - Not at all likely", 0}, {"9.0", 9}, {" 7 ", 7}, {"8 (likely)", 8}, {"6: meh", 6},
             {"5 \xE2\x80\x93 neutral", 5}, {"+3", 3}}) {
      REQUIRE_MESSAGE(read(cell, nps) == cr::cell_status::value, cell);
      CHECK_MESSAGE(v == want, cell);
    }
    CHECK(read("9,0", nps, {}, true) == cr::cell_status::value);
    CHECK(read("9,5", nps, {}, true) == cr::cell_status::bad);
    CHECK(why == "score '9,5' is not a whole number");
    CHECK(read("7 days", nps) == cr::cell_status::bad);
    CHECK(read("Very satisfied", csat) == cr::cell_status::bad);
    CHECK(why.find("--map") != std::string::npos);
    const cr::value_map map = cr::parse_value_map("Very satisfied=5, Satisfied=4,Neutral=3", csat);
    CHECK((read("very SATISFIED", csat, map) == cr::cell_status::value && v == 5));
    CHECK_THROWS_AS(cr::parse_value_map("Great=9", csat), cr::usage_error);
    CHECK_THROWS_AS(cr::parse_value_map("Great", csat), cr::usage_error);
    for (const std::string good : {"good", "Good", "YES", "true", "Thumbs Up", "1"}) {
      CHECK_MESSAGE((read(good, binary) == cr::cell_status::value && v == 1), good);
    }
    for (const std::string bad : {"bad", "No", "FALSE", "thumbs down", "0"}) {
      CHECK_MESSAGE((read(bad, binary) == cr::cell_status::value && v == 0), bad);
    }
    for (const std::string none : {"offered", "Unoffered", ""}) CHECK_MESSAGE(read(none, binary) == cr::cell_status::unanswered, none);
    CHECK(read("maybe", binary) == cr::cell_status::bad);
  }

  TEST_CASE("what is echoed of the input: 200 characters at most, control and bidi characters escaped") {
    CHECK(cr::printable("a\x1b[31mred") == "a\\x1b[31mred");
    CHECK(cr::printable("evil\xE2\x80\xAEtxt.exe") == "evil\\u202etxt.exe");
    CHECK(cr::printable("\xC3\x28") == "\\xc3(");
    const std::string huge(10000000, 'x');
    const std::string shown = cr::printable(huge);
    CHECK(shown.size() < 240);
    CHECK(shown.find("(10000000 bytes)") != std::string::npos);
    cr::column_names named;
    named.score = "nope";
    std::string header = "a";
    for (int i = 0; i < 20000; ++i) header += ",column_with_a_long_name_" + std::to_string(i);
    try {
      read_text(header + "\n1\n", named);
      FAIL("no usage error");
    } catch (const cr::usage_error& e) {
      CHECK(std::string(e.what()).size() < 400);
    }
  }

  TEST_CASE("column names match ignoring case, spaces, underscores and hyphens") {
    const auto c = cr::resolve_columns({"Created At", "NPS-Score", "Agent Name"}, {}, cr::parse_metric("nps"));
    CHECK(c.time == 0);
    CHECK(c.score == 1);
    CHECK(c.agent == 2);
    CHECK(cr::resolve_columns({"Created At", "NPS"}, {}, cr::parse_metric("nps"), true).time == -1);  // --time none
  }

  TEST_CASE("an Excel workbook is refused with what to do") {
    CHECK_THROWS_WITH_AS(read_text(std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "xl/workbook.xml"),
                         doctest::Contains("Excel workbook"), cr::input_error);
  }

  TEST_CASE("footer candidates followed by data are malformed rows, not a footer") {
    const auto e = read_text("nps,agent\n9,a\nTotal\n7,b\nGrand Totals (2 records)\n");
    CHECK(e.responses.size() == 2);
    CHECK(e.account.footer_lines == 1);
    REQUIRE(e.malformed.size() == 1);
    CHECK(e.malformed[0].line == 3);
  }
}
