# cx-report from the outside: the demo run, --json, --html in a real browser, and every
# documented exit code.
set(cx_report_data "${cx_report_demo_data}")

function(cx_report_test name exit_code)
  cmake_parse_arguments(arg "" "OUT;ERR" "ARGS" ${ARGN})
  list(JOIN arg_ARGS "|" joined)
  set(expectations)
  if(DEFINED arg_OUT)
    list(APPEND expectations "-DOUT_MATCH=${arg_OUT}")
  endif()
  if(DEFINED arg_ERR)
    list(APPEND expectations "-DERR_MATCH=${arg_ERR}")
  endif()
  add_test(NAME "cx-report: ${name}"
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:cx_report> "-DARGS=${joined}" -DEXIT=${exit_code}
      ${expectations} -P "${CMAKE_CURRENT_SOURCE_DIR}/expect_run.cmake")
  set_tests_properties("cx-report: ${name}" PROPERTIES LABELS "cx-report")
endfunction()

# The README's demo command: scripts/demo.sh runs exactly this (plus --html).
cx_report_test("the demo report on the bundled export" 0 ARGS "${cx_report_data}" --baseline 0
  OUT "NPS \\(% promoters - % detractors\\): \\+0\\.2   95% CI \\[-1\\.8, \\+2\\.2\\].*SIGNAL 2026-06.*verdict against the baseline \\+0\\.0: NOT consistently better.*\\[FAIL\\] lower bound of the mean margin.s interval: -5\\.18.*\\[info\\] share of periods beating the baseline: 0\\.583.*1 of 1 month[^s].*Funnel of agents against the team.s \\+0\\.2.*0 of 10 agents outside the funnel.*bot could not help 0\\.8% -> 18\\.8% GREW.*survey_export\\.csv:5583: 3 fields where the header has 9")
cx_report_test("--json for machines, problems on stderr" 0 ARGS "${cx_report_data}" --json
  OUT "\"metric\": \"nps\",.*\"n\": 5792,.*\"skipped\": 114,.*\"overall\": {.*\"score\": 0\\.2071823204419"
  ERR "survey_export\\.csv:508: score 11 is outside the scale 0\\.\\.10")
cx_report_test("weekly NPS with weights and a baseline" 0
  ARGS "${cx_report_data}" --period week --weight weight --baseline 0
  OUT "weighted by 'weight'.*2026-W23.*verdict against the baseline \\+0\\.0: NOT consistently better.*weight -1 must be positive")
cx_report_test("--strict fails on malformed rows" 4 ARGS "${cx_report_data}" --strict
  ERR "5 malformed rows; --strict stops here")
cx_report_test("--strict passes a clean file" 0 ARGS "${PROJECT_SOURCE_DIR}/examples/data/survey_responses.csv" --strict --score nps_rating
  OUT "1979 responses used")
cx_report_test("a missing file" 3 ARGS "${cx_report_fixtures}/no-such-file.csv" ERR "cannot open .*no-such-file\\.csv")
cx_report_test("an empty file" 3 ARGS "${cx_report_fixtures}/empty.csv" ERR "the file is empty")
cx_report_test("a header without rows" 3 ARGS "${cx_report_fixtures}/header_only.csv" ERR "no usable responses")
cx_report_test("an unknown column" 2 ARGS "${cx_report_data}" --agent handler
  ERR "--agent handler: no such column; the header has: response_id, submitted_at")
cx_report_test("an unknown metric" 2 ARGS "${cx_report_data}" --metric promoters ERR "--metric promoters is not one of")
cx_report_test("an unknown flag" 2 ARGS "${cx_report_data}" --colour ERR "colour")
cx_report_test("no file at all" 2 ERR "file is required")
cx_report_test("--help" 0 ARGS --help OUT "--metric.*--strict.*Exit codes: 0 report written")
cx_report_test("an --html file that cannot be written" 3 ARGS "${cx_report_data}" --html /nonexistent-dir/r.html
  ERR "cannot write /nonexistent-dir/r\\.html")
# 4 of 8 answered rows malformed: the report is written, then exit 5 says the headline may be biased.
cx_report_test("the tricky fixture: quotes, CRLF, BOM, skipped and malformed rows" 5 ARGS "${cx_report_fixtures}/tricky.csv"
  OUT "9 rows; 4 responses used; 5 skipped \\(1 without an answer, 4 malformed.*Malformed rows by reason \\(50\\.00% of the rows with an answer\\):.*1  the date, first on line 7: '2026-02-30' is not a calendar date.*tricky\\.csv:10: a quoted field opened on line 10 is never closed"
  ERR "4 of 8 rows with an answer are malformed \\(50\\.0% > --max-malformed 1%\\)")
cx_report_test("--max-malformed raises the bar of exit 5" 0 ARGS "${cx_report_fixtures}/tricky.csv" --max-malformed 50
  OUT "4 responses used")
cx_report_test("--max-malformed must be a percentage" 2 ARGS "${cx_report_fixtures}/tricky.csv" --max-malformed 101
  ERR "must be a percentage")
cx_report_test("weighted CSAT where everyone is satisfied" 0 ARGS "${cx_report_fixtures}/weighted_csat.csv" --metric csat --weight w
  OUT "% satisfied \\(4-5\\): 100\\.0%")
cx_report_test("a directory instead of a file" 3 ARGS "${cx_report_fixtures}" ERR "is a directory")
cx_report_test("a baseline that is not a number" 2 ARGS "${cx_report_data}" --baseline nan ERR "--baseline nan must be a finite score")
cx_report_test("a column named twice in the header" 2 ARGS "${cx_report_fixtures}/duplicate_column.csv"
  ERR "column 'nps' appears twice in the header")

set(layouts "${cx_report_fixtures}/layouts")
cx_report_test("a Qualtrics export: three header rows" 0 ARGS "${layouts}/qualtrics.csv" --score Q1
  OUT "300 rows; 280 responses used.*3 header rows")
cx_report_test("a Google Forms export: Timestamp, labels, US dates" 0 ARGS "${layouts}/google_forms.csv"
  OUT "284 responses used.*2026-06 ")
cx_report_test("a German Excel export: Windows-1252, semicolons, decimal commas" 0
  ARGS "${layouts}/german_excel.csv" --metric csat --score Zufriedenheit --time Datum --agent Mitarbeiter --weight Gewicht
  OUT "read as Windows-1252 \\(not valid UTF-8.*semicolon-separated with decimal commas.*J.+rg M.+ller")
cx_report_test("a Zendesk export: good/bad as --metric binary" 0 ARGS "${layouts}/zendesk.csv" --metric binary
  OUT "262 responses used; 38 skipped \\(38 without an answer")
cx_report_test("--top caps the leaderboard" 0 ARGS "${layouts}/delighted.csv" --top 2 OUT "\\.\\.\\. 4 more agents \\(--top")
cx_report_test("--time none ignores the dates" 0 ARGS "${layouts}/delighted.csv" --time none OUT "no date column")
cx_report_test("a date column that reads either way" 3 ARGS "${cx_report_fixtures}/ambiguous_dates.csv"
  ERR "'3/4/2026' is month/day/year or day/month/year.*--date-format mdy")
cx_report_test("--date-format settles it" 0 ARGS "${cx_report_fixtures}/ambiguous_dates.csv" --date-format dmy
  OUT "2026-02 .*2026-04 .*2026-06 ")
cx_report_test("an unknown --date-format" 2 ARGS "${cx_report_fixtures}/ambiguous_dates.csv" --date-format ymd
  ERR "--date-format 'ymd' is not one of")
cx_report_test("an Excel workbook" 3 ARGS "${cx_report_fixtures}/workbook.xlsx" ERR "Excel workbook.*export it as CSV")

add_test(NAME "cx-report: the HTML page renders its charts in headless Chromium"
  COMMAND bash "${CMAKE_CURRENT_SOURCE_DIR}/check_html_renders.sh" $<TARGET_FILE:cx_report> "${cx_report_data}"
    "${CMAKE_CURRENT_BINARY_DIR}/cx_report_html")
set_tests_properties("cx-report: the HTML page renders its charts in headless Chromium" PROPERTIES
  SKIP_RETURN_CODE 77 LABELS "cx-report;browser")
