#!/usr/bin/env bash
# The include graph obeys the layers of docs/conventions.md ("Headers and layers"):
#   detail/                            the ground: the standard library and Boost only
#   core/                              core/ and detail/
#   scoring/ consistency/ gap/         core/, detail/ and their own folder
#   segments/                          the above and the pillars
#   io/, accumulators.hpp, cxmetrics.hpp   anything
# Reads every #include <cxmetrics/...> line of include/cxmetrics and prints each include
# that crosses a layer upwards; fails when there is one. Usage: check_layering.sh <include dir>
set -euo pipefail
root=${1:?usage: check_layering.sh <include dir>}
cd "$root/cxmetrics"
allowed() {  # allowed <folder of the includer>: the folders it may include from
  case $1 in
    detail) echo "detail" ;;
    core) echo "detail core" ;;
    scoring | consistency | gap) echo "detail core $1" ;;
    segments) echo "detail core scoring consistency gap segments" ;;
    *) echo "*" ;;
  esac
}
violations=0
checked=0
while IFS= read -r header; do
  folder=${header%%/*}
  [ "$folder" = "$header" ] && folder=top  # cxmetrics.hpp, accumulators.hpp
  may=$(allowed "$folder")
  while IFS= read -r target; do
    checked=$((checked + 1))
    [ "$may" = "*" ] && continue
    target_folder=${target%%/*}
    [ "$target_folder" = "$target" ] && target_folder=top
    case " $may " in
      *" $target_folder "*) ;;
      *) echo "layering: $header includes cxmetrics/$target ($folder/ may include only: $may)"
         violations=$((violations + 1)) ;;
    esac
  done < <(sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*<cxmetrics/\([^>]*\)>.*|\1|p' "$header")
done < <(find . -name '*.hpp' | sed 's|^\./||' | sort)
echo "layering: $checked includes checked, $violations crossing a layer upwards"
[ "$checked" -gt 0 ] && [ "$violations" -eq 0 ]
