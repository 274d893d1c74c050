#!/usr/bin/env bash
# Seconds to compile (g++ -O2 -std=c++17 -c) one translation unit including each public
# header, the umbrella, and references: an empty TU, the common standard headers,
# Boost.Accumulators' statistics.hpp and Boost.Math's students_t. Median of N runs (default
# 5) of the compiler's CPU time (user + sys), which a machine shared with other jobs
# disturbs far less than wall time; the ratios to the references are printed too.
#   benchmarks/compile_time.sh [compiler] [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cxx=${1:-g++}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TIMEFORMAT='%U %S'
declare -A seconds
measure() {  # measure <label> <source text>
  printf '%s\n' "$2" > "$work/tu.cpp"
  local samples=()
  for ((r = 0; r < runs; ++r)); do
    local t
    t=$({ time "$cxx" -std=c++17 -O2 -I"$root/include" -c "$work/tu.cpp" -o "$work/tu.o"; } 2>&1 | awk '{ print $1 + $2 }')
    samples+=("$t")
  done
  local median
  median=$(printf '%s\n' "${samples[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
  seconds[$1]=$median
  awk -v label="$1" -v s="$median" 'BEGIN { printf "%-56s %6.2f s\n", label, s }'
}
std_label="standard headers (vector string map iostream algorithm)"
t_label="boost/math/distributions/students_t.hpp"
measure "empty TU" "int main() { return 0; }"
measure "$std_label" $'#include <vector>\n#include <string>\n#include <map>\n#include <iostream>\n#include <algorithm>'
measure "boost/accumulators/statistics.hpp" "#include <boost/accumulators/statistics.hpp>"
measure "$t_label" "#include <boost/math/distributions/students_t.hpp>"
for h in core/histogram.hpp core/moments.hpp core/describe.hpp core/proportion_interval.hpp core/mean_interval.hpp \
         scoring/nps.hpp gap/rank_tests.hpp consistency/ewma_chart.hpp io/encoding.hpp segments/grouped.hpp \
         accumulators.hpp cxmetrics.hpp; do
  measure "cxmetrics/$h" "#include <cxmetrics/$h>"
done
for h in core/histogram.hpp core/moments.hpp core/describe.hpp; do
  awk -v h="$h" -v a="${seconds[cxmetrics/$h]}" -v b="${seconds[$std_label]}" \
    'BEGIN { printf "ratio cxmetrics/%s / standard headers: %.2f (goal <= 2)\n", h, a / b }'
done
awk -v a="${seconds[cxmetrics/cxmetrics.hpp]}" -v b="${seconds[$t_label]}" \
  'BEGIN { printf "ratio cxmetrics.hpp / students_t.hpp: %.2f (goal <= 1.3)\n", a / b }'
echo "$("$cxx" --version | head -n 1); median of $runs runs, CPU seconds; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
