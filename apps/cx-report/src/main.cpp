// cx-report: the report a CX team wants from a survey export, from the command line.
//   cx-report FILE.csv [--metric nps|csat|ces|likert:N] [--score COL] [--time COL]
//             [--period day|week|month] [--agent COL] [--channel COL] [--self COL]
//             [--reason COL] [--weight COL] [--baseline X] [--json] [--html FILE] [--strict]
// Exit codes: 0 report written (malformed rows skipped and listed); 2 bad command line or
// unknown column; 3 the file cannot be read or holds no usable response, or the report cannot
// be written; 4 --strict and some row is malformed; 1 anything unexpected.
#include <CLI/CLI.hpp>

#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>

#include "report.hpp"
#include "report_html.hpp"
#include "report_json.hpp"
#include "report_text.hpp"
#include "survey_export.hpp"

namespace {

enum exit_code { ok = 0, unexpected = 1, usage = 2, input = 3, strict_failed = 4 };

int run(int argc, char** argv) {
  CLI::App app{"cx-report: NPS/CSAT/CES with intervals, trend, control-chart signals, perception gap, fair "
               "leaderboard and reasons, from a CSV survey export",
               "cx-report"};
  std::string file, metric = "nps", period = "month", html;
  cx_report::column_names columns;
  std::optional<double> baseline;
  bool json = false, strict = false;
  app.add_option("file", file, "CSV export with a header row")->required();
  app.add_option("--metric", metric, "nps (0-10), csat (1-5), ces (1-7) or likert:N (1-N)")->capture_default_str();
  app.add_option("--score", columns.score, "score column (default: nps, csat, ces, score or rating by metric)");
  app.add_option("--time", columns.time, "ISO date or date-time column (default: date, submitted_at, created_at, ...)");
  app.add_option("--period", period, "day, week (ISO) or month")->capture_default_str();
  app.add_option("--agent", columns.agent, "agent column (default: agent, agent_name, employee)");
  app.add_option("--channel", columns.channel, "channel column (default: channel)");
  app.add_option("--self", columns.self, "self-assessment column, same scale (default: self_assessment, self_rating)");
  app.add_option("--reason", columns.reason, "reason-code column (default: reason, reason_code, contact_reason)");
  app.add_option("--weight", columns.weight, "survey-weight column (positive numbers, 1e-100..1e100)");
  app.add_option("--baseline", baseline, "target or benchmark score for the consistency verdict");
  app.add_flag("--json", json, "print the results as JSON instead of text");
  app.add_option("--html", html, "also write a self-contained HTML page with charts to this file");
  app.add_flag("--strict", strict, "fail (exit 4) when any row is malformed instead of skipping it");
  app.footer("Exit codes: 0 report written (malformed rows skipped and listed); 2 bad command line or column;\n"
             "3 the file cannot be read or has no usable response, or the report cannot be written;\n"
             "4 --strict and some row is malformed; 1 anything unexpected (a bug).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and the usage hint
    return usage;
  }

  cx_report::report_options options;
  try {
    options.metric = cx_report::parse_metric(metric);
    options.period = cx_report::parse_period(period);
  } catch (const cx_report::usage_error& e) {
    std::cerr << "cx-report: " << e.what() << "\n";
    return usage;
  }
  if (baseline && !std::isfinite(*baseline)) {
    std::cerr << "cx-report: --baseline " << *baseline << " must be a finite score\n";
    return usage;
  }
  options.baseline = baseline;
  options.file = file;
  options.weight_column = columns.weight;

  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    std::cerr << "cx-report: " << file << " is a directory, not a CSV file\n";
    return input;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "cx-report: cannot open " << file << "\n";
    return input;
  }
  cx_report::report r;
  try {
    const cx_report::export_contents contents = cx_report::read_export(in, columns, options.metric);
    // The text report lists skipped rows itself; JSON keeps stdout for the machine.
    if (json || strict)
      for (const auto& p : contents.malformed) std::cerr << file << ":" << p.line << ": " << p.reason << "\n";
    if (strict && !contents.malformed.empty()) {
      std::cerr << "cx-report: " << contents.malformed.size() << " malformed rows; --strict stops here\n";
      return strict_failed;
    }
    r = cx_report::build_report(contents, options);
  } catch (const cx_report::usage_error& e) {
    std::cerr << "cx-report: " << e.what() << "\n";
    return usage;
  } catch (const cx_report::input_error& e) {
    std::cerr << "cx-report: " << file << ": " << e.what() << "\n";
    return input;
  } catch (const std::system_error& e) {  // the stream failed underneath the reader
    std::cerr << "cx-report: " << file << ": cannot read: " << e.what() << "\n";
    return input;
  }

  if (json) std::cout << cx_report::to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else cx_report::write_text(std::cout, r);
  if (!std::cout.flush()) {
    std::cerr << "cx-report: cannot write the report to standard output\n";
    return input;
  }
  if (!html.empty()) {
    std::ofstream page(html, std::ios::binary);
    if (page) cx_report::write_html(page, r);
    if (!page || !page.flush()) {
      std::cerr << "cx-report: cannot write " << html << "\n";
      return input;
    }
    std::cerr << "cx-report: wrote " << html << "\n";
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
