#!/usr/bin/env bash
# The fuzz tier: builds the libFuzzer targets of fuzz/ with clang-14 in build/fuzz
# (-DHTX_FUZZ=ON: -fsanitize=fuzzer,address,undefined) and runs each for N seconds over a copy of
# its seed corpus (fuzz/corpus/<target>/). A crash, a leak, a timeout (5 s for one input) or
# going over 1 GB fails the run; the input that did it is saved in fuzz/crashes/ (as
# <target>-crash-<sha1>, ...) and named in the output. Rerun one input with
#   build/fuzz/fuzz/fuzz_<target> fuzz/crashes/<file>
#
#   scripts/fuzz.sh [--seconds N] [TARGET...]    default: 10 seconds, every target
#
# The targets: csv header_match encoding period xlsx http multipart json_body import.
# Without clang-14 the run is skipped, or fails when CI=true. HTX_JOBS sets the build's jobs.
set -euo pipefail
cd "$(dirname "$0")/.."

all=(csv header_match encoding period xlsx http multipart json_body import)
seconds=10
targets=()
while (($# > 0)); do
  case "$1" in
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --seconds=*) seconds=${1#--seconds=}; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "usage: scripts/fuzz.sh [--seconds N] [TARGET...]" >&2; exit 2 ;;
    *)
      if [[ ! " ${all[*]} " == *" $1 "* ]]; then
        echo "fuzz: no target $1 (one of: ${all[*]})" >&2
        exit 2
      fi
      targets+=("$1"); shift ;;
  esac
done
((${#targets[@]} > 0)) || targets=("${all[@]}")
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: --seconds $seconds is not a number" >&2; exit 2; }

cc=${HTX_FUZZ_CC:-clang-14}
cxx=${HTX_FUZZ_CXX:-clang++-14}
if ! command -v "$cxx" >/dev/null 2>&1; then
  case "${CI:-}" in
    true|TRUE|True|1|yes|YES)
      echo "fuzz: $cxx is missing (scripts/install-deps.sh --test installs clang-14); CI=true: failure" >&2
      exit 1 ;;
  esac
  echo "fuzz: skipped, $cxx is missing (scripts/install-deps.sh --test installs clang-14)"
  exit 0
fi

jobs=${HTX_JOBS:-$(nproc 2>/dev/null || echo 2)}
build=build/fuzz
CC=$cc CXX=$cxx cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHTX_FUZZ=ON \
  -DHTX_BUILD_TESTS=OFF -DHTX_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]/#/fuzz_}"

mkdir -p fuzz/crashes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$work/$t"
  cp -r "fuzz/corpus/$t/." "$work/$t/"
  seeds=$(find "$work/$t" -type f | wc -l)
  log="$work/$t.log"
  set +e
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="fuzz/crashes/$t-" "$work/$t" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  inputs=$(find "$work/$t" -type f | wc -l)
  echo "fuzz: $t: ${seconds} s, ${runs:-?} runs, ${speed:-?} exec/s, corpus $seeds -> $inputs inputs"
  if ((rc != 0)); then
    failed+=("$t")
    echo "fuzz: $t FAILED (exit $rc):" >&2
    grep -E 'ERROR:|invariant broken|runtime error|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
    tail -40 "$log" >&2
  fi
done
if ((${#failed[@]} > 0)); then
  echo "fuzz: failed: ${failed[*]} (inputs in fuzz/crashes/)" >&2
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, no crash"
