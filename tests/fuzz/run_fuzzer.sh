#!/usr/bin/env bash
# Builds a fuzz target with clang's libFuzzer (plus ASan and UBSan) and runs it for a bounded
# time on a copy of its committed seed corpus. Exits 77 (ctest: skipped) with a message when
# clang++ or its fuzzer runtime (Debian: clang, libclang-rt-14-dev) is missing.
#   run_fuzzer.sh <source dir> <work dir> <seconds> [decode|csv]
#   decode: every state decoder, seeded with the golden files
#   csv:    cx-report's CSV reader and report writers (apps/cx-report/tests/fuzz), seeded
#           with its small fixtures
set -euo pipefail
src=$1 work=$2 seconds=${3:-20} target=${4:-decode}
case "$target" in
  decode) seeds="$src/tests/data/golden/v1 $src/tests/data/golden/v2" sources=("$src/tests/fuzz/decode_fuzzer.cpp") ;;
  csv) seeds="$src/apps/cx-report/tests/data"
       sources=("$src/apps/cx-report/tests/fuzz/csv_fuzzer.cpp" "$src/apps/cx-report/src/report.cpp") ;;
  *) echo "unknown fuzz target: $target" >&2; exit 2 ;;
esac
clang=$(command -v clang++ || command -v clang++-14 || true)
mkdir -p "$work"
if [ -z "$clang" ]; then
  echo "skipped: clang++ not found (install clang and libclang-rt-14-dev to fuzz the decoders)"
  exit 77
fi
flags=(-std=c++17 -O1 -gline-tables-only -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$src/include" -I"$src/apps/cx-report/src")
if ! "$clang" "${flags[@]}" "${sources[@]}" -o "$work/${target}_fuzzer" 2>"$work/build.log"; then
  if grep -qiE 'libclang_rt.fuzzer|cannot find|fuzzer' "$work/build.log"; then
    echo "skipped: clang's libFuzzer runtime is missing (install libclang-rt-14-dev)"
    exit 77
  fi
  cat "$work/build.log"
  exit 1
fi
# Small seeds only: libFuzzer sizes its inputs after the largest seed, and a 70 KB reference
# fixture would cut the runs per second several times over.
rm -rf "$work/corpus" && mkdir -p "$work/corpus"
n=0
for dir in $seeds; do
  for f in "$dir"/*; do
    [ -f "$f" ] && [ "$(stat -c %s "$f")" -lt 8192 ] && cp "$f" "$work/corpus/$n-$(basename "$f")" && n=$((n + 1))
  done
done
# libFuzzer exits 77 on a finding by default, which ctest would read as "skipped": findings
# exit 1. One process, one job: the time is CPU time too.
"$work/${target}_fuzzer" -max_total_time="$seconds" -error_exitcode=1 -timeout_exitcode=1 -rss_limit_mb=2048 \
  -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 15
