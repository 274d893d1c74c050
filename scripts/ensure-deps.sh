#!/usr/bin/env bash
# Checks what building cxmetrics needs and installs what is missing with apt-get when it
# can (root, or passwordless sudo); otherwise stops with the exact command to run.
#
#   scripts/ensure-deps.sh library   compiler, CMake, Boost >= 1.74 headers
#   scripts/ensure-deps.sh demo      the above plus CLI11, nlohmann-json and Howard Hinnant's
#                                    date (cx-report)
#   scripts/ensure-deps.sh tests     the above plus doctest, Google Benchmark and Open MPI (the
#                                    distributed example runs with 4 ranks)
#   scripts/ensure-deps.sh browser   the library's needs plus Chromium, for the HTML report's
#                                    render test (optional: that test skips without it; CI asks)
#
# Set CXMETRICS_NO_INSTALL=1 to only check.
set -euo pipefail

need=${1:-library}
cxx=${CXX:-c++}
missing_packages=()
missing_what=()

compiles() {  # compiles() <source>: does the C++ compiler accept this translation unit?
  printf '%s\n' "$1" | "$cxx" -std=c++17 -x c++ -fsyntax-only - >/dev/null 2>&1
}

command -v cmake >/dev/null 2>&1 || { missing_packages+=(cmake); missing_what+=("CMake >= 3.21"); }
if ! command -v "$cxx" >/dev/null 2>&1; then
  missing_packages+=(g++); missing_what+=("a C++17 compiler")
  cxx=g++
fi
if command -v "$cxx" >/dev/null 2>&1 &&
   ! compiles $'#include <boost/version.hpp>\n#if BOOST_VERSION < 107400\n#error too old\n#endif'; then
  missing_packages+=(libboost-dev); missing_what+=("Boost >= 1.74 headers")
fi
if { [ "$need" = demo ] || [ "$need" = tests ]; } && command -v "$cxx" >/dev/null 2>&1; then
  compiles '#include <CLI/CLI.hpp>' || { missing_packages+=(libcli11-dev); missing_what+=("CLI11"); }
  compiles '#include <nlohmann/json.hpp>' || { missing_packages+=(nlohmann-json3-dev); missing_what+=("nlohmann-json"); }
  compiles '#include <date/date.h>' || { missing_packages+=(libhowardhinnant-date-dev); missing_what+=("Howard Hinnant's date"); }
fi
if [ "$need" = tests ] && command -v "$cxx" >/dev/null 2>&1; then
  compiles '#include <doctest/doctest.h>' || { missing_packages+=(doctest-dev); missing_what+=("doctest"); }
  compiles '#include <benchmark/benchmark.h>' || { missing_packages+=(libbenchmark-dev); missing_what+=("Google Benchmark"); }
  if ! command -v mpirun >/dev/null 2>&1 || ! command -v mpicxx >/dev/null 2>&1; then
    missing_packages+=(openmpi-bin libopenmpi-dev); missing_what+=("Open MPI (mpirun, mpicxx)")
  fi
fi

if [ "$need" = browser ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
   ! command -v google-chrome >/dev/null 2>&1; then
  missing_packages+=(chromium); missing_what+=("Chromium (headless, for the HTML report's render test)")
fi

[ ${#missing_packages[@]} -eq 0 ] && exit 0

echo "cxmetrics needs: ${missing_what[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd=(sudo -n); else sudo_cmd=(none); fi
fi
if [ "${CXMETRICS_NO_INSTALL:-0}" = 1 ] || ! command -v apt-get >/dev/null 2>&1 || [ "${sudo_cmd[*]}" = none ]; then
  echo "Install them and run again, on Debian or Ubuntu with:" >&2
  echo "  sudo apt-get install ${missing_packages[*]}" >&2
  echo "(elsewhere: Boost >= 1.74, CLI11 >= 2.1, nlohmann-json >= 3.9, Howard Hinnant's date >= 3.0, doctest >= 2.4, Google Benchmark and Open MPI from your package manager)" >&2
  exit 1
fi
echo "Installing with apt-get: ${missing_packages[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing_packages[@]}" >/dev/null
echo "Installed: ${missing_packages[*]}"
