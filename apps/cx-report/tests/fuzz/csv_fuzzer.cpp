// libFuzzer target for cx-report's input path: arbitrary bytes, read as a CSV export (as they
// come, and behind a valid header so that the row rules are reached), then built into a
// report and written as text, JSON and HTML. The only acceptable failures are the reader's
// usage_error and input_error; anything else (another exception, a crash, a sanitizer
// report) is a finding: cx-report would exit with "unexpected error" or worse.
#include "../../src/report.hpp"
#include "../../src/report_html.hpp"
#include "../../src/report_json.hpp"
#include "../../src/report_text.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>

namespace cr = cx_report;

static void run(const std::string& text, const cr::column_names& names, const cr::report_options& options) {
  try {
    std::istringstream in(text);
    cr::read_options read;
    read.columns = names;
    read.metric = options.metric;
    cr::export_reader reader(std::make_unique<cr::stream_source>(in), read);
    const cr::report r = cr::build_report(reader, options);
    std::ostringstream sink;
    cr::write_text(sink, r);
    cr::write_html(sink, r);
    sink << cr::to_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  } catch (const cr::usage_error&) {
  } catch (const cr::input_error&) {
  }
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  cr::report_options nps;
  run(bytes, {}, nps);
  cr::column_names weighted;
  weighted.weight = "w";
  nps.weight_column = "w";
  nps.period = cr::period_kind::week;
  nps.baseline = 10.0;
  run("date,agent,nps,self_rating,reason,w,channel\n" + bytes, weighted, nps);
  cr::report_options csat;
  csat.metric = cr::parse_metric("csat");
  csat.weight_column = "w";
  csat.baseline = -1e300;
  run("w,date,agent,csat,self_rating,reason\n" + bytes, weighted, csat);
  cr::report_options likert;
  likert.metric = cr::parse_metric("likert:5");
  likert.period = cr::period_kind::day;
  likert.weight_column = "w";
  run("date,agent,score,self_rating,reason,channel,w\n" + bytes, weighted, likert);
  cr::report_options binary;
  binary.metric = cr::parse_metric("binary");
  binary.period = cr::period_kind::week;
  run("Satisfaction;Created At;Assignee;Reason\n" + bytes, {}, binary);
  return 0;
}
