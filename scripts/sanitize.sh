#!/usr/bin/env bash
# The sanitize tier: unit tests built with AddressSanitizer and UndefinedBehaviorSanitizer (g++,
# -DHTX_SANITIZE=address,undefined) in build/asan, run with leak detection and with the first
# report ending the test.
#
#   scripts/sanitize.sh            the bounded set below (what CI runs)
#   scripts/sanitize.sh --all      every unit-tier test target (a cold build takes far longer)
#   scripts/sanitize.sh T...       those test targets (e.g. core_test)
#
# The bounded set is the tests of the parsers and of core, whose libraries are small: the
# sanitizers' flags make every object a ccache miss the first time, and CI has 90 minutes in all.
# The other parsers (the .xlsx reader, the import, multipart, the JSON readers) run under the same
# sanitizers in the fuzz tier (scripts/fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bounded=(core_test period_test web_test static_files_test)
targets=()
all=false
for arg in "$@"; do
  case "$arg" in
    --all) all=true ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    -*) echo "usage: scripts/sanitize.sh [--all | TARGET...]" >&2; exit 2 ;;
    *) targets+=("$arg") ;;
  esac
done
if ! $all && ((${#targets[@]} == 0)); then targets=("${bounded[@]}"); fi

jobs=${HTX_JOBS:-$(nproc 2>/dev/null || echo 2)}
build=build/asan
CC=${CC:-gcc} CXX=${CXX:-g++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHTX_SANITIZE=address,undefined -DHTX_BUILD_TESTS=ON -DHTX_BUILD_BENCH=OFF >/dev/null

if $all; then
  # Every target that has unit-tier tests, from the test tree's CTest files.
  mapfile -t targets < <(grep -rl --include='*_labels.cmake' -e 'unit"' \
    "$build/tests" | sed -E 's|.*/([A-Za-z0-9_]+)_tests(_[12])?_labels\.cmake|\1|' | sort -u)
fi
echo "sanitize: building ${targets[*]}"
cmake --build "$build" -j"$jobs" --target "${targets[@]}"

# Only the tests of the targets built: ctest -L unit, without the habits (format, test_tiers),
# which are scripts and not built here.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" -L unit -E '^(format|test_tiers)$' --output-on-failure -j"$jobs" \
  --timeout 600
