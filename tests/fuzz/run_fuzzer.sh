#!/usr/bin/env bash
# Builds the decoder fuzz target with clang's libFuzzer (plus ASan and UBSan) and runs it for
# a bounded time on a copy of the committed seed corpus. Exits 77 (ctest: skipped) with a
# message when clang++ or its fuzzer runtime (Debian: clang, libclang-rt-14-dev) is missing.
#   run_fuzzer.sh <source dir> <work dir> <seconds>
set -euo pipefail
src=$1 work=$2 seconds=${3:-20}
clang=$(command -v clang++ || command -v clang++-14 || true)
mkdir -p "$work"
if [ -z "$clang" ]; then
  echo "skipped: clang++ not found (install clang and libclang-rt-14-dev to fuzz the decoders)"
  exit 77
fi
flags=(-std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$src/include")
if ! "$clang" "${flags[@]}" "$src/tests/fuzz/decode_fuzzer.cpp" -o "$work/decode_fuzzer" 2>"$work/build.log"; then
  if grep -qiE 'libclang_rt.fuzzer|cannot find|fuzzer' "$work/build.log"; then
    echo "skipped: clang's libFuzzer runtime is missing (install libclang-rt-14-dev)"
    exit 77
  fi
  cat "$work/build.log"
  exit 1
fi
rm -rf "$work/corpus" && cp -r "$src/tests/data/golden/v1" "$work/corpus"
"$work/decode_fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 15
