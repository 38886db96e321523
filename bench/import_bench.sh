#!/usr/bin/env bash
# Import benchmark: `htx import` of a generated registry CSV against `sqlite3 .import` of the
# same file into a bare table of the same columns, both measured in this run.
#
#   bench/import_bench.sh [--rows N] [--build DIR] [--seed S]
#
# Defaults: 1000000 rows, build dir build/release (configured as Release and built if htx or
# gen_registry_csv is missing). Each side runs twice, alternating (sqlite3, htx, sqlite3, htx),
# on fresh databases; the best time of each side counts. Targets: htx rate >= 0.5 x sqlite3's,
# htx peak RSS < 500 MB. Exits 0 when the measurement was made (whether or not a target was
# met) and non-zero when something broke (generation, an import failing or storing the wrong
# number of rows). See bench/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROWS=1000000
BUILD=$ROOT/build/release
SEED=20261129
RUNS=2
TARGET_RATIO=0.5
TARGET_RSS_MB=500

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

die() {
  echo "import_bench: FAILED: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --rows) ROWS=${2:?--rows needs a value}; shift 2 ;;
    --build) BUILD=${2:?--build needs a value}; shift 2 ;;
    --seed) SEED=${2:?--seed needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
[[ $ROWS =~ ^[1-9][0-9]*$ ]] || die "--rows must be a positive integer (got '$ROWS')"
[[ $SEED =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer (got '$SEED')"
[[ $BUILD = /* ]] || BUILD=$PWD/$BUILD

# --- tools ------------------------------------------------------------------------------------
command -v sqlite3 >/dev/null || die "sqlite3 (the SQLite command-line shell) is not installed"
SQLITE_VERSION=$(sqlite3 -version | awk '{print $1}')
# .import --skip exists since 3.32.0; older shells get a header-less copy made before timing.
if [[ $(printf '3.32.0\n%s\n' "$SQLITE_VERSION" | sort -V | head -1) == 3.32.0 ]]; then
  SQLITE_SKIP=1
else
  SQLITE_SKIP=0
fi
GNU_TIME=/usr/bin/time
if ! [[ -x $GNU_TIME ]] || ! "$GNU_TIME" -f '%M' -o /dev/null true 2>/dev/null; then
  GNU_TIME=  # peak RSS from /proc instead (see measure)
fi

# --- build ------------------------------------------------------------------------------------
HTX=$BUILD/app/htx
GEN=$BUILD/bench/gen_registry_csv
if [[ ! -x $HTX || ! -x $GEN ]]; then
  echo "import_bench: building htx and gen_registry_csv in $BUILD" >&2
  if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DHTX_BUILD_TESTS=OFF -DHTX_BUILD_BENCH=ON >&2 \
      || die "cmake configure failed"
  fi
  cmake --build "$BUILD" -j"$(nproc)" --target htx gen_registry_csv >&2 || die "build failed"
fi
[[ -x $HTX && -x $GEN ]] || die "no htx or gen_registry_csv in $BUILD"
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
BUILD_TYPE=${BUILD_TYPE:-unknown}

# --- scratch space ----------------------------------------------------------------------------
TMP=$(mktemp -d "${TMPDIR:-/tmp}/htx-import-bench.XXXXXX")
# shellcheck disable=SC2317  # called by the trap
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Monotonic enough wall clock in nanoseconds, without forking when bash has EPOCHREALTIME.
now_ns() {
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    local s=${EPOCHREALTIME%[.,]*} f=${EPOCHREALTIME#*[.,]}
    echo "$s${f}000"
  else
    date +%s%N
  fi
}

# measure LOG CMD...: runs CMD with stdout+stderr to LOG; sets M_RC, M_NS (wall), M_KB (peak
# RSS in KiB) and M_CPU (user + system seconds); the last two are empty if unknown.
measure() {
  local log=$1; shift
  local t0 t1
  M_KB="" M_CPU=""
  t0=$(now_ns)
  if [[ -n $GNU_TIME ]]; then
    set +e
    "$GNU_TIME" -f '%M %U %S' -o "$TMP/rss" "$@" >"$log" 2>&1
    M_RC=$?
    set -e
    t1=$(now_ns)
    read -r M_KB M_CPU < <(tail -1 "$TMP/rss" 2>/dev/null | awk 'NF == 3 {printf "%d %.2f\n", $1, $2 + $3}') || true
  else
    # No GNU time: poll the high-water mark the kernel keeps for the process.
    local pid v
    "$@" >"$log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/^State:/ && $2 == "Z" {exit} /^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [[ -z $v ]] && break  # exited (a zombie has no memory left to report)
      M_KB=$v
      sleep 0.02
    done
    set +e
    wait "$pid"
    M_RC=$?
    set -e
    t1=$(now_ns)
  fi
  M_NS=$((t1 - t0))
}

show_log() {
  echo "---- last lines of $1 ----" >&2
  tail -20 "$1" >&2 || true
  echo "----" >&2
}

# --- the file ---------------------------------------------------------------------------------
CSV=$TMP/registry.csv
measure "$TMP/gen.log" "$GEN" --rows "$ROWS" --seed "$SEED" --output "$CSV" --data-dir "$ROOT/data"
[[ $M_RC -eq 0 ]] || { show_log "$TMP/gen.log"; die "gen_registry_csv exited with $M_RC"; }
GEN_NS=$M_NS
CSV_BYTES=$(stat -c %s "$CSV")

# The bare table: the same 16 columns (the field ids of data/registry_columns.csv), no types,
# no constraints, no indexes.
COLUMNS=$(awk -F, 'NR > 1 && $1 != "" {printf "%s%s", sep, $1; sep = ", "}' "$ROOT/data/registry_columns.csv")
NCOLS=$(awk -F, 'NR > 1 && $1 != ""' "$ROOT/data/registry_columns.csv" | wc -l)
HEADER_COLS=$(head -1 "$CSV" | tr -d '\r' | awk -F, '{print NF}')
[[ $NCOLS -eq $HEADER_COLS ]] || die "the CSV has $HEADER_COLS columns, registry_columns.csv lists $NCOLS"
BASE_CSV=$CSV
if [[ $SQLITE_SKIP -eq 0 ]]; then
  BASE_CSV=$TMP/registry-noheader.csv
  tail -n +2 "$CSV" >"$BASE_CSV"
fi

count_rows() {  # DB TABLE
  sqlite3 "$1" "select count(*) from $2" 2>/dev/null || echo "?"
}

run_sqlite() {  # RUN
  local db=$TMP/base$1.db script=$TMP/base.sql
  rm -f "$db"
  {
    echo "CREATE TABLE registry($COLUMNS);"
    echo ".mode csv"
    if [[ $SQLITE_SKIP -eq 1 ]]; then
      echo ".import --skip 1 '$BASE_CSV' registry"
    else
      echo ".import '$BASE_CSV' registry"
    fi
  } >"$script"
  measure "$TMP/base$1.log" sqlite3 -bail "$db" ".read '$script'"
  [[ $M_RC -eq 0 ]] || { show_log "$TMP/base$1.log"; die "sqlite3 .import exited with $M_RC"; }
  if grep -qi 'error\|expected' "$TMP/base$1.log"; then
    show_log "$TMP/base$1.log"; die "sqlite3 .import complained"
  fi
  local n; n=$(count_rows "$db" registry)
  [[ $n == "$ROWS" ]] || die "sqlite3 .import stored $n rows, expected $ROWS"
  BASE_NS[$1]=$M_NS
  BASE_CPU[$1]=${M_CPU:--}
  rm -f "$db"
}

run_htx() {  # RUN
  local db=$TMP/htx$1.db
  rm -f "$db" "$db-wal" "$db-shm"
  measure "$TMP/htx$1.log" "$HTX" --db "$db" import "$CSV"
  [[ $M_RC -eq 0 ]] || { show_log "$TMP/htx$1.log"; die "htx import exited with $M_RC"; }
  local n; n=$(count_rows "$db" entity)
  [[ $n == "$ROWS" ]] || { show_log "$TMP/htx$1.log"; die "htx import stored $n entities, expected $ROWS"; }
  HTX_NS[$1]=$M_NS
  HTX_KB[$1]=$M_KB
  HTX_CPU[$1]=${M_CPU:--}
  rm -f "$db" "$db-wal" "$db-shm"
}

declare -a BASE_NS BASE_CPU HTX_NS HTX_KB HTX_CPU
for ((r = 1; r <= RUNS; ++r)); do
  echo "import_bench: run $r/$RUNS: sqlite3 .import ..." >&2
  run_sqlite "$r"
  echo "import_bench: run $r/$RUNS: htx import ..." >&2
  run_htx "$r"
done

# --- report -----------------------------------------------------------------------------------
min_of() { printf '%s\n' "$@" | sort -n | head -1; }
max_of() { printf '%s\n' "$@" | sort -n | tail -1; }
BEST_BASE=$(min_of "${BASE_NS[@]}")
BEST_HTX=$(min_of "${HTX_NS[@]}")
RSS_KB=
if [[ -n ${HTX_KB[1]:-} ]]; then RSS_KB=$(max_of "${HTX_KB[@]}"); fi

secs() { awk -v ns="$1" 'BEGIN {printf "%.3f", ns / 1e9}'; }
rate() { awk -v n="$ROWS" -v ns="$1" 'BEGIN {printf "%.0f", n / (ns > 0 ? ns / 1e9 : 1e-9)}'; }
RATIO=$(awk -v b="$BEST_BASE" -v h="$BEST_HTX" 'BEGIN {printf "%.3f", b / h}')
RATIO_OK=$(awk -v r="$RATIO" -v t="$TARGET_RATIO" 'BEGIN {print (r >= t) ? "PASS" : "FAIL"}')
if [[ -n $RSS_KB ]]; then
  RSS_MB=$(awk -v k="$RSS_KB" 'BEGIN {printf "%.1f", k / 1024}')
  RSS_OK=$(awk -v m="$RSS_MB" -v t="$TARGET_RSS_MB" 'BEGIN {print (m < t) ? "PASS" : "FAIL"}')
else
  RSS_MB=unknown
  RSS_OK="n/a (no /usr/bin/time, no /proc)"
fi
runs_of() { local s="" x; for x in "$@"; do s+=$(printf ' %9s' "$(secs "$x")"); done; echo "$s"; }
cpu_of() { local s="" x; for x in "$@"; do s+=$(printf ' %9s' "$x"); done; echo "$s"; }

cat <<EOF

HTX import benchmark — $(date +%F), $(nproc) cores, build $BUILD ($BUILD_TYPE)
file: $ROWS rows, $(awk -v b="$CSV_BYTES" 'BEGIN {printf "%.1f", b / 1e6}') MB (generated in $(secs "$GEN_NS") s, seed $SEED); sqlite3 $SQLITE_VERSION
seconds per run          $(for ((r = 1; r <= RUNS; ++r)); do printf ' %9s' "run $r"; done)   (the best wall time counts)
  sqlite3 .import   wall  $(runs_of "${BASE_NS[@]}")
                    cpu   $(cpu_of "${BASE_CPU[@]}")
  htx import        wall  $(runs_of "${HTX_NS[@]}")
                    cpu   $(cpu_of "${HTX_CPU[@]}")
load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

rows                          $ROWS
sqlite3 .import rows/s        $(rate "$BEST_BASE")
htx import rows/s             $(rate "$BEST_HTX")
ratio htx/sqlite3             $RATIO    target >= $TARGET_RATIO   $RATIO_OK
htx peak RSS MB               $RSS_MB    target < $TARGET_RSS_MB   $RSS_OK
EOF
if [[ $BUILD_TYPE != Release ]]; then
  echo "note: $BUILD is not a Release build (CMAKE_BUILD_TYPE: $BUILD_TYPE); record figures from a Release build only."
fi
exit 0
