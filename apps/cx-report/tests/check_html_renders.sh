#!/usr/bin/env bash
# Writes the HTML report and checks that headless Chromium lays out every chart (trend,
# control chart, agents, channels, funnel, perception gap, Pareto: 7 on the demo export):
# the page's own script counts the SVG charts with a non-empty bounding box once loaded.
# Exits 77 (ctest: skipped) with a message when Chromium is not installed.
#   check_html_renders.sh <cx-report> <export.csv> <work dir>
set -euo pipefail
report=$1 data=$2 work=$3
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "skipped: no Chromium to render the page (Debian: apt-get install chromium)"
  exit 77
fi
mkdir -p "$work"
"$report" "$data" --html "$work/report.html" >/dev/null
# --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start. The
# page needs no network, so Chromium's own background connections are switched off, and a
# fresh profile keeps runs independent.
# --disable-dev-shm-usage: containers often have a tiny /dev/shm.
rm -rf "$work/profile"
rc=0
dom=$(timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  --virtual-time-budget=5000 --dump-dom "file://$work/report.html" 2>"$work/chromium.log") || rc=$?
if [ "$rc" -ne 0 ]; then
  echo "Chromium exited with $rc (124: timed out after 120 s); its log ends:"
  tail -n 20 "$work/chromium.log"
  exit 1
fi
drawn=$(printf '%s' "$dom" | grep -o 'data-charts-drawn="[0-9]*"' | grep -o '[0-9]*' || true)
total=$(printf '%s' "$dom" | grep -o 'data-charts-total="[0-9]*"' | grep -o '[0-9]*' || true)
if [ -z "$drawn" ] || [ "$drawn" != "$total" ] || [ "$total" -lt 7 ]; then
  echo "expected 7 charts drawn, the page says: ${drawn:-nothing (did the script run?)} of ${total:-?}"
  tail -n 20 "$work/chromium.log"
  exit 1
fi
echo "Chromium drew $drawn of $total charts: $work/report.html"
