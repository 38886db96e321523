#!/usr/bin/env bash
# Checks that every CTest test of a build carries exactly one tier label (tests/CMakeLists.txt):
#
#   scripts/check-tiers.sh CTEST BUILD_DIR TIER...     (CTest runs it as the unit test test_tiers)
#
# Lists the tests with no tier or with two, and exits 1 if there are any.
set -euo pipefail
[[ $# -ge 3 ]] || { echo "usage: scripts/check-tiers.sh CTEST BUILD_DIR TIER..." >&2; exit 2; }
ctest=$1
build=$2
shift 2
tiers=("$@")

# The names of the tests `ctest -N` lists with these extra arguments.
names() {
  "$ctest" --test-dir "$build" -N "$@" | sed -n 's/^ *Test *#[0-9]*: //p' | sort
}

all=$(names)
[[ -n $all ]] || { echo "check-tiers: no tests in $build" >&2; exit 1; }
tiered=$(for t in "${tiers[@]}"; do names -L "^$t\$"; done)
none=$(comm -23 <(printf '%s\n' "$all") <(printf '%s\n' "$tiered" | sort -u))
twice=$(printf '%s\n' "$tiered" | sort | uniq -d)

status=0
if [[ -n $none ]]; then
  echo "check-tiers: tests without a tier label (one of ${tiers[*]}):"
  printf '%s\n' "$none" | sed 's/^/  /'
  status=1
fi
if [[ -n $twice ]]; then
  echo "check-tiers: tests with more than one tier label:"
  printf '%s\n' "$twice" | sed 's/^/  /'
  status=1
fi
if ((status == 0)); then
  echo "check-tiers: $(printf '%s\n' "$all" | wc -l) tests, each in exactly one tier:"
  for t in "${tiers[@]}"; do echo "  $t $(names -L "^$t\$" | wc -l)"; done
fi
exit $status
