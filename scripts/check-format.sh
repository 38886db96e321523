#!/usr/bin/env bash
# Checks that every tracked C++ file under src, app, tests and bench is formatted as
# .clang-format says (clang-format 14, Debian's package): lists the files that are not and exits 1.
#
#   scripts/check-format.sh          check (CTest runs it as the unit test `format`)
#   scripts/check-format.sh --fix    reformat those files in place
#
# Without clang-format the check is skipped (exit 0 with a message CTest reports as skipped),
# except under CI=true, where that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

fix=
case "${1:-}" in
  "") ;;
  --fix) fix=1 ;;
  *) echo "usage: scripts/check-format.sh [--fix]" >&2; exit 2 ;;
esac

clang_format=${CLANG_FORMAT:-clang-format}
if ! command -v "$clang_format" >/dev/null 2>&1; then
  case "${CI:-}" in
    true | TRUE | True | 1 | yes | YES)
      echo "check-format: $clang_format not found (apt-get install clang-format); CI=true: failure" >&2
      exit 1
      ;;
  esac
  echo "HTX test skipped: $clang_format not found (scripts/install-deps.sh --test installs it)"
  exit 0
fi

mapfile -t files < <(git ls-files -- 'src/*.cpp' 'src/*.hpp' 'app/*.cpp' 'app/*.hpp' \
  'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp' 'bench/*.hpp')
if ((${#files[@]} == 0)); then
  echo "check-format: no C++ files found (not a git checkout?)" >&2
  exit 1
fi

if [[ -n $fix ]]; then
  printf '%s\0' "${files[@]}" | xargs -0 -n 50 "$clang_format" -i
  echo "check-format: ${#files[@]} files formatted"
  exit 0
fi

# One clang-format for all the files; each complaint starts with the file's name.
if out=$(printf '%s\0' "${files[@]}" | xargs -0 "$clang_format" --dry-run --Werror 2>&1); then
  echo "check-format: ${#files[@]} files formatted as .clang-format says"
  exit 0
fi
mapfile -t bad < <(printf '%s\n' "$out" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if ((${#bad[@]} == 0)); then
  printf '%s\n' "$out" >&2
  echo "check-format: clang-format failed" >&2
  exit 1
fi
echo "check-format: ${#bad[@]} of ${#files[@]} files are not formatted (.clang-format):" >&2
printf '  %s\n' "${bad[@]}" >&2
echo "fix with: scripts/check-format.sh --fix (or clang-format -i FILE)" >&2
exit 1
