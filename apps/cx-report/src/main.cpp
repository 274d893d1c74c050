// cx-report: the report a CX team wants from a survey export, from the command line.
// Exit codes: 0 report written; 1 anything unexpected (a bug); 2 bad command line or unknown
// column; 3 the file cannot be read (not an export, an Excel workbook, no usable response,
// a date column that reads two ways) or the report cannot be written; 4 --strict and some
// row is malformed; 5 the report was written but more than --max-malformed percent of the
// rows with an answer are malformed, so the headline may be biased.
#include <CLI/CLI.hpp>

#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "report.hpp"
#include "report_html.hpp"
#include "report_json.hpp"
#include "report_text.hpp"

namespace {

namespace cr = cx_report;

enum exit_code { ok = 0, unexpected = 1, usage = 2, input = 3, strict_failed = 4, too_many_malformed = 5 };

// Everything the command line says.
struct command_line {
  std::string file, metric = "nps", period = "month", html, encoding = "auto", date_format = "auto", map;
  std::string delimiter;
  cr::column_names columns;
  std::optional<double> baseline;
  std::optional<int> header_rows;
  double max_malformed = 1.0;
  std::size_t top = 0, minimum_period_n = 10;
  bool json = false, strict = false;
};

void define_options(CLI::App& app, command_line& c) {
  app.add_option("file", c.file, "CSV export with a header row (UTF-8, UTF-16 or Windows-1252; , ; tab or |)")->required();
  app.add_option("--metric", c.metric, "nps (0-10), csat (1-5), ces (1-7), likert:N (1-N) or binary (good/bad, yes/no, ...)")
      ->capture_default_str();
  app.add_option("--score", c.columns.score, "score column (default: nps, csat, ces, score or rating by metric)");
  app.add_option("--time", c.columns.time, "date column (default: date, timestamp, created_at, ...); 'none' ignores dates");
  app.add_option("--date-format", c.date_format, "auto, iso, mdy, dmy, epoch or excel")->capture_default_str();
  app.add_option("--period", c.period, "day, week (ISO) or month")->capture_default_str();
  app.add_option("--agent", c.columns.agent, "agent column (default: agent, agent_name, employee, assignee, ...)");
  app.add_option("--channel", c.columns.channel, "channel column (default: channel)");
  app.add_option("--self", c.columns.self, "self-assessment column, same scale (default: self_assessment, self_rating)");
  app.add_option("--reason", c.columns.reason, "reason-code column (default: reason, reason_code, contact_reason)");
  app.add_option("--weight", c.columns.weight, "survey-weight column (positive numbers, 1e-100..1e100)");
  app.add_option("--map", c.map, "choice text to points: \"Very satisfied=5,Satisfied=4,...\"");
  app.add_option("--header-rows", c.header_rows, "rows before the data, the names' row included (default: detected)");
  app.add_option("--delimiter", c.delimiter, "field separator: , ; tab or | (default: sniffed)");
  app.add_option("--encoding", c.encoding, "auto, utf-8, windows-1252 or utf-16")->capture_default_str();
  app.add_option("--baseline", c.baseline, "target or benchmark score for the consistency verdict");
  app.add_option("--min-period-n", c.minimum_period_n, "periods with fewer responses are not charted")->capture_default_str();
  app.add_option("--top", c.top, "leaderboard rows in the text report (0: all; JSON has all)");
  app.add_option("--max-malformed", c.max_malformed, "percent of answered rows that may be malformed before exit code 5")
      ->capture_default_str();
  app.add_flag("--json", c.json, "print the results as JSON instead of text");
  app.add_option("--html", c.html, "also write a self-contained HTML page with charts to this file");
  app.add_flag("--strict", c.strict, "fail (exit 4) when any row is malformed instead of skipping it");
  app.footer("Exit codes: 0 report written (malformed rows skipped and listed); 2 bad command line or column;\n"
             "3 the file cannot be read, is not an export or has no usable response, a date column reads two ways,\n"
             "  or the report cannot be written; 4 --strict and some row is malformed;\n"
             "5 report written, but more than --max-malformed % of the rows with an answer are malformed;\n"
             "1 anything unexpected (a bug).");
}

cr::read_options read_options_of(const command_line& c) {
  cr::read_options o;
  o.metric = cr::parse_metric(c.metric);
  o.columns = c.columns;
  o.no_time = c.columns.time == "none";
  if (o.no_time) o.columns.time.clear();
  o.header_rows = c.header_rows;
  if (!c.delimiter.empty()) {
    if (c.delimiter == "tab" || c.delimiter == "\\t") o.delimiter = '\t';
    else if (c.delimiter.size() == 1 && c.delimiter.find_first_of(",;|\t") == 0) o.delimiter = c.delimiter[0];
    else throw cr::usage_error("--delimiter " + cr::in_quotes(c.delimiter) + " is not one of , ; tab |");
  }
  if (c.encoding == "utf-8" || c.encoding == "utf8") o.encoding = cr::text_encoding::utf8;
  else if (c.encoding == "windows-1252" || c.encoding == "cp1252") o.encoding = cr::text_encoding::windows_1252;
  else if (c.encoding == "utf-16" || c.encoding == "utf16") o.encoding = cr::text_encoding::utf16;
  else if (c.encoding != "auto") throw cr::usage_error("--encoding " + cr::in_quotes(c.encoding) + " is not one of auto, utf-8, windows-1252, utf-16");
  const std::string& d = c.date_format;
  o.dates = d == "iso" ? cr::date_format::iso : d == "mdy" ? cr::date_format::mdy : d == "dmy" ? cr::date_format::dmy
            : d == "epoch" ? cr::date_format::epoch : d == "excel" ? cr::date_format::excel : cr::date_format::automatic;
  if (d != "auto" && o.dates == cr::date_format::automatic)
    throw cr::usage_error("--date-format " + cr::in_quotes(d) + " is not one of auto, iso, mdy, dmy, epoch, excel");
  if (!c.map.empty()) o.map = cr::parse_value_map(c.map, o.metric);
  return o;
}

cr::report_options report_options_of(const command_line& c, const cr::read_options& read) {
  cr::report_options o;
  o.metric = read.metric;
  o.period = cr::parse_period(c.period);
  if (c.baseline && !std::isfinite(*c.baseline))
    throw cr::usage_error("--baseline " + std::to_string(*c.baseline) + " must be a finite score");
  if (!(c.max_malformed >= 0.0 && c.max_malformed <= 100.0))
    throw cr::usage_error("--max-malformed " + std::to_string(c.max_malformed) + " must be a percentage, 0 to 100");
  o.baseline = c.baseline;
  o.file = c.file;
  o.weight_column = c.columns.weight;
  o.minimum_period_n = c.minimum_period_n;
  return o;
}

// Opens the file; nullptr after printing why.
std::unique_ptr<cr::byte_source> open_file(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    std::cerr << "cx-report: " << cr::printable(file) << " is a directory, not a CSV file\n";
    return nullptr;
  }
  auto source = std::make_unique<cr::file_source>(file);
  if (!source->is_open()) {
    std::cerr << "cx-report: cannot open " << cr::printable(file) << "\n";
    return nullptr;
  }
  return source;
}

int write_outputs(const command_line& c, const cr::report& r) {
  if (c.json) std::cout << cr::to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else cr::write_text(std::cout, r, cr::text_options{c.top});
  if (!std::cout.flush()) {
    std::cerr << "cx-report: cannot write the report to standard output\n";
    return input;
  }
  if (!c.html.empty()) {
    std::ofstream page(c.html, std::ios::binary);
    if (page) cr::write_html(page, r);
    if (!page || !page.flush()) {
      std::cerr << "cx-report: cannot write " << cr::printable(c.html) << "\n";
      return input;
    }
    std::cerr << "cx-report: wrote " << cr::printable(c.html) << "\n";
  }
  return ok;
}

int run(int argc, char** argv) {
  CLI::App app{"cx-report: NPS/CSAT/CES with intervals, trend, control-chart signals, perception gap, fair "
               "leaderboard and reasons, from a survey export",
               "cx-report"};
  command_line c;
  define_options(app, c);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and the usage hint
    return usage;
  }
  cr::read_options read;
  cr::report_options options;
  try {
    read = read_options_of(c);
    options = report_options_of(c, read);
  } catch (const cr::usage_error& e) {
    std::cerr << "cx-report: " << e.what() << "\n";
    return usage;
  }
  auto source = open_file(c.file);
  if (!source) return input;
  cr::report r;
  try {
    cr::export_reader reader(std::move(source), read);
    r = cr::build_report(reader, options);
  } catch (const cr::usage_error& e) {
    std::cerr << "cx-report: " << e.what() << "\n";
    return usage;
  } catch (const cr::input_error& e) {
    std::cerr << "cx-report: " << cr::printable(c.file) << ": " << e.what() << "\n";
    return input;
  }
  // The text report lists skipped rows itself; JSON keeps stdout for the machine.
  if (c.json || c.strict)
    for (const auto& p : r.input.listed) std::cerr << cr::printable(c.file) << ":" << p.line << ": " << p.reason << "\n";
  if (c.strict && r.input.malformed) {
    std::cerr << "cx-report: " << r.input.malformed << " malformed rows; --strict stops here\n";
    return strict_failed;
  }
  if (const int written = write_outputs(c, r); written != ok) return written;
  if (100.0 * r.malformed_share() > c.max_malformed) {
    std::cerr << "cx-report: " << r.input.malformed << " of " << r.used() + r.input.malformed
              << " rows with an answer are malformed (" << cr::detail::printf_string("%.1f", 100.0 * r.malformed_share())
              << "% > --max-malformed " << c.max_malformed << "%): the numbers above may be biased; see the reasons at the top\n";
    return too_many_malformed;
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "cx-report: unexpected error: " << e.what() << "\n";
    return unexpected;
  }
}
