#!/usr/bin/env bash
# The demo: builds cx-report and runs it on the bundled survey export (twelve months of NPS
# by agent and channel, with self-assessments, reasons, skipped answers, malformed rows and
# one drift episode), printing the report and writing the HTML page with its charts.
#   scripts/demo.sh                  the bundled export, NPS judged against 0; HTML in
#                                    build/demo/cx-report.html
#   scripts/demo.sh FILE.csv [flags] any export, any cx-report flags (see cx-report --help)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/ensure-deps.sh" demo
build="$root/build/demo"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCXMETRICS_BUILD_TESTS=OFF \
  -DCXMETRICS_BUILD_EXAMPLES=OFF -DCXMETRICS_BUILD_CX_REPORT=ON >/dev/null
cmake --build "$build" --target cx_report -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
if [ $# -eq 0 ]; then
  # Baseline 0: more promoters than detractors, every month?
  set -- "$root/examples/data/survey_export.csv" --baseline 0 --html "$build/cx-report.html"
fi
"$build/apps/cx-report/cx-report" "$@"
