#!/usr/bin/env bash
# The demo: builds the quickstart example and runs it on the bundled survey export.
#   scripts/demo.sh [survey.csv]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/ensure-deps.sh" library
build="$root/build/demo"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCXMETRICS_BUILD_TESTS=OFF \
  -DCXMETRICS_BUILD_EXAMPLES=ON >/dev/null
cmake --build "$build" --target quickstart -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
"$build/examples/quickstart" "$@"
