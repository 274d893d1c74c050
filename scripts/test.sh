#!/usr/bin/env bash
# The whole test suite: a strict-warnings build with every test (unit, reference values,
# header self-containment with g++ and clang++ in C++17 and C++20, no-exceptions build,
# examples, and the install/find_package/add_subdirectory/FetchContent/pkg-config
# consumers, a bounded fuzz pass over the decoders), then the unit tests again under
# AddressSanitizer and UBSan, and the io suite (parallel ingest) under ThreadSanitizer.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
"$root/scripts/ensure-deps.sh" tests

passed=0
failed=0
skipped=()
cpu_file=$(mktemp)
trap 'rm -f "$cpu_file"' EXIT
cpu_seconds() {  # sets cpu: user + sys CPU seconds of this shell and every child it waited for
  # `times` must run in this shell: in a $(...) subshell it would report the subshell's own.
  times >"$cpu_file"
  cpu=$(awk '{ for (i = 1; i <= NF; ++i) { split($i, t, /m|s/); total += t[1] * 60 + t[2] } } END { printf "%.0f", total }' "$cpu_file")
}
section_start=0
section_cpu=()
section() {  # section <title>: prints the title and books the CPU time of the one before
  local now
  cpu_seconds
  now=$cpu
  [ -n "${section_name:-}" ] && section_cpu+=("$section_name: $((now - section_start)) s")
  section_start=$now
  section_name=${1:-}
  [ -n "$section_name" ] && echo "== $section_name"
  return 0
}
run_ctest() {  # run_ctest <build dir> [ctest args...]: runs ctest and tallies its summary
  local dir=$1 log
  shift
  log=$(mktemp)
  set +e
  (cd "$dir" && ctest -j "$jobs" --output-on-failure "$@") 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  # Skipped tests, each with the reason its own output gives (a line starting "skipped").
  local name reason here=0
  while IFS= read -r name; do
    here=$((here + 1))
    reason=$(awk -v name="$name" '
      $0 ~ /^[0-9]+\/[0-9]+ Test: / { sub(/^[0-9]+\/[0-9]+ Test: /, ""); inside = ($0 == name); next }
      inside && tolower($0) ~ /^ *skipped/ { print; exit }
      inside && /^<end of output>/ { inside = 0 }' "$dir/Testing/Temporary/LastTest.log" 2>/dev/null || true)
    skipped+=("$(basename "$dir"): $name -- ${reason:-no reason printed}")
  done < <(sed -nE 's/^[[:space:]]+[0-9]+ - (.*) \(Skipped\)$/\1/p' "$log")
  local summary
  summary=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)
  rm -f "$log"
  if [ -n "$summary" ]; then
    local total fails
    total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")
    fails=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$summary")
    passed=$((passed + total - fails - here))  # ctest counts a skipped test as passed
    failed=$((failed + fails))
  elif [ "$rc" -ne 0 ]; then
    failed=$((failed + 1))
  fi
  return 0
}

section "strict build (-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror), benchmarks built, not run"
# -O2, what distributions build consumers with; CMake's Release default (-O3) costs a
# quarter more compile time for no test that -O2 would not run.
cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" \
  -DCXMETRICS_BUILD_BENCHMARKS=ON
cmake --build "$root/build/release" -j "$jobs"
run_ctest "$root/build/release"

section "AddressSanitizer + UndefinedBehaviorSanitizer"
sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
# The examples are left out (the strict run covers them; they use only tested library
# code). -O0 -g1 halves the compile time of -O1 -g1 and the tests still run in seconds. -O0
# turns off UBSan's object-size check (__builtin_object_size is unknown there); ASan still
# reports every access outside an allocation, which is what that check would have caught.
cmake -S "$root" -B "$root/build/sanitize" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCXMETRICS_BUILD_EXAMPLES=OFF \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -g1 -DNDEBUG" \
  "-DCMAKE_CXX_FLAGS=$sanitize" "-DCMAKE_EXE_LINKER_FLAGS=$sanitize"
cmake --build "$root/build/sanitize" -j "$jobs"
# Consumers, header, docs, layering and compile-fail checks and the fuzzer build outside
# this build's flags (the strict run covers them), and Open MPI's runtime is not leak-clean.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_ctest "$root/build/sanitize" -LE 'consumer|headers|fuzz|mpi|docs|layering|compile-fail'

section "ThreadSanitizer (parallel ingest and the io suite)"
cmake -S "$root" -B "$root/build/tsan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCXMETRICS_BUILD_EXAMPLES=OFF \
  "-DCMAKE_CXX_FLAGS=-fsanitize=thread" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread"
cmake --build "$root/build/tsan" -j "$jobs" --target cxmetrics_io_tests
TSAN_OPTIONS=halt_on_error=1 run_ctest "$root/build/tsan" -R '^io:'

section
echo
cpu_seconds
echo "CPU time (user + sys, this script and its children): $((cpu / 60)) min $((cpu % 60)) s"
for line in "${section_cpu[@]}"; do echo "  $line"; done
echo "tests: $passed passed, $failed failed, ${#skipped[@]} skipped"
for line in "${skipped[@]}"; do echo "  skipped: $line"; done
[ "$failed" -eq 0 ]
