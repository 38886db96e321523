#!/usr/bin/env bash
# Runs clang-tidy (Debian's clang-tidy 14, the checks of .clang-tidy) on the C++ source files a
# change touches: the .cpp files under src, app, tests and bench that differ between BASE and the
# working tree (committed or not), as compiled in BUILD (its compile_commands.json).
#
#   scripts/tidy-changed.sh [--base REF] [--build DIR] [-j N]
#     --base REF   what the change is measured against: by default origin/main if there is one
#                  (its merge base with HEAD: nothing on a clean clone of main), else HEAD~1 (the
#                  files of the last commit, plus uncommitted changes), else (a first commit or a
#                  shallow clone of depth 1) HEAD: the uncommitted changes only
#     --build DIR  a configured build directory (default build/test, the one setup.sh test makes)
#
# For developers before a commit, and for CI on the changed files only: the whole tree takes far
# too long on two cores. Exits 1 when clang-tidy reports anything.
set -euo pipefail
cd "$(dirname "$0")/.."

base=
build=build/test
jobs=$(nproc 2>/dev/null || echo 2)
while (($#)); do
  case "$1" in
    --base) base=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    *) echo "usage: scripts/tidy-changed.sh [--base REF] [--build DIR] [-j N]" >&2; exit 2 ;;
  esac
done

clang_tidy=${CLANG_TIDY:-}
if [[ -z $clang_tidy ]]; then
  for c in clang-tidy-14 clang-tidy; do
    if command -v "$c" >/dev/null 2>&1; then clang_tidy=$c; break; fi
  done
fi
[[ -n $clang_tidy ]] || { echo "tidy-changed: clang-tidy not found (apt-get install clang-tidy)" >&2; exit 2; }

db=$build/compile_commands.json
[[ -f $db ]] || {
  echo "tidy-changed: $db is missing; configure first:" >&2
  echo "  cmake -S . -B $build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHTX_BUILD_TESTS=ON -DHTX_BUILD_BENCH=ON" >&2
  exit 2
}

if [[ -z $base ]]; then
  if git rev-parse -q --verify origin/main >/dev/null; then
    base=origin/main
  elif git rev-parse -q --verify 'HEAD~1^{commit}' >/dev/null; then
    base=HEAD~1
  else
    # The first commit, or a shallow clone of depth 1: only the uncommitted changes count.
    base=HEAD
  fi
fi
since=$(git merge-base "$base" HEAD) || { echo "tidy-changed: no common history with $base" >&2; exit 2; }

mapfile -t changed < <(git diff --name-only --diff-filter=d "$since" -- \
  'src/*.cpp' 'app/*.cpp' 'tests/*.cpp' 'bench/*.cpp')
files=()
for f in "${changed[@]}"; do
  if grep -qF "\"file\": \"$PWD/$f\"" "$db"; then
    files+=("$f")
  else
    echo "tidy-changed: $f is not in $db (not built in $build): left out" >&2
  fi
done
if ((${#files[@]} == 0)); then
  echo "tidy-changed: no changed .cpp file since $base ($(git rev-parse --short "$since"))"
  exit 0
fi
echo "tidy-changed: $($clang_tidy --version | sed -n 's/.*LLVM version \(.*\)/LLVM \1/p' | head -1)," \
  "${#files[@]} file(s) changed since $base ($(git rev-parse --short "$since")), -j$jobs"

# g++'s warning options that clang does not know are not findings; nor are clang's own warnings
# (the build's g++ -Wall -Wextra -Werror is the judge of those).
printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P "$jobs" "$clang_tidy" -p "$build" --quiet \
  --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-everything
