#!/usr/bin/env bash
# Seconds to compile (g++ -O2 -std=c++17 -c) one translation unit including each public
# header, the umbrella, and references: an empty TU, the common standard headers,
# Boost.Accumulators' statistics.hpp and Boost.Math's students_t. Best of 3.
#   benchmarks/compile_time.sh [compiler]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cxx=${1:-g++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() {  # measure <label> <source text>
  printf '%s\n' "$2" > "$work/tu.cpp"
  local best=0
  for _ in 1 2 3; do
    local start end t
    start=$(date +%s%N)
    "$cxx" -std=c++17 -O2 -I"$root/include" -c "$work/tu.cpp" -o "$work/tu.o"
    end=$(date +%s%N)
    t=$(( (end - start) / 1000000 ))
    if [ "$best" -eq 0 ] || [ "$t" -lt "$best" ]; then best=$t; fi
  done
  awk -v label="$1" -v ms="$best" 'BEGIN { printf "%-56s %6.2f s\n", label, ms / 1000 }'
}
measure "empty TU" "int main() { return 0; }"
measure "standard headers (vector string map iostream algorithm)" $'#include <vector>\n#include <string>\n#include <map>\n#include <iostream>\n#include <algorithm>'
measure "boost/accumulators/statistics.hpp" "#include <boost/accumulators/statistics.hpp>"
measure "boost/math/distributions/students_t.hpp" "#include <boost/math/distributions/students_t.hpp>"
for h in core/histogram.hpp core/moments.hpp core/describe.hpp core/proportion_interval.hpp core/mean_interval.hpp \
         scoring/nps.hpp gap/rank_tests.hpp consistency/ewma_chart.hpp io/encoding.hpp segments/grouped.hpp \
         accumulators.hpp cxmetrics.hpp; do
  measure "cxmetrics/$h" "#include <cxmetrics/$h>"
done
"$cxx" --version | head -n 1
