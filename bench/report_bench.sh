#!/usr/bin/env bash
# Report benchmark: the annual national report with every breakdown (`htx report YEAR --format
# json`: by type, region, province and sector, with its comparison period) against the same
# aggregates written as plain SQL GROUP BY queries over the records, run by the `sqlite3` shell
# on the same database file, both measured in this run. Also prints the time of a monthly
# report and of the first report after a fresh start (a new process on a database file whose
# pages were just copied, so not in this process's cache).
#
#   bench/report_bench.sh [--scale N] [--build DIR] [--year Y]
#
# Defaults: scale 10 (ten times the national demo), build dir build/release (configured as
# Release and built if htx is missing), year 2021. Each measurement is the best of 3 runs.
# Target: the report is no slower than the plain queries (ratio queries/report >= 1).
# Exits 0 when the measurement was made, non-zero when something broke.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=10
BUILD=$ROOT/build/release
YEAR=2021
RUNS=3

die() {
  echo "report_bench: FAILED: $*" >&2
  exit 1
}
while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) SCALE=${2:?}; shift 2 ;;
    --build) BUILD=${2:?}; shift 2 ;;
    --year) YEAR=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $BUILD = /* ]] || BUILD=$PWD/$BUILD
[[ $YEAR =~ ^[0-9]{4}$ ]] || die "--year must be a year"
command -v sqlite3 >/dev/null || die "sqlite3 (the SQLite command-line shell) is not installed"

HTX=$BUILD/app/htx
if [[ ! -x $HTX ]]; then
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DHTX_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j"$(nproc)" --target htx >/dev/null
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/demo.db
export HTX_DATA_DIR=$ROOT/data

now() { date +%s.%N; }
# Best wall time in seconds of RUNS runs of a command; its output goes to $TMP/out.
best_of() {
  local best="" t0 t1 t
  for _ in $(seq "$RUNS"); do
    t0=$(now)
    "$@" >"$TMP/out" 2>"$TMP/err" || { cat "$TMP/err" >&2; die "command failed: $*"; }
    t1=$(now)
    t=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $best ]] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}

echo "report_bench: building the demo at scale $SCALE ..."
t0=$(now)
"$HTX" --db "$DB" demo --scale "$SCALE" >/dev/null
t1=$(now)
entities=$(sqlite3 "$DB" 'SELECT count(*) FROM entity')
echo "report_bench: $entities entities in $(printf '%.1f' "$(echo "$t1 - $t0" | bc -l)") s"

# The plain queries: the same figures as the report (founded, dissolved, stock at the start
# and the end with members, by province x type x sector, for the year and the year before),
# straight from the records.
prev=$((YEAR - 1))
cat >"$TMP/plain.sql" <<SQL
.mode list
.output $TMP/plain.out
SELECT province_id, type, sector_id, count(*) FROM entity
 WHERE founded_on BETWEEN '$YEAR-01-01' AND '$YEAR-12-31' GROUP BY 1, 2, 3;
SELECT province_id, type, sector_id, count(*) FROM entity
 WHERE dissolved_on BETWEEN '$YEAR-01-01' AND '$YEAR-12-31' GROUP BY 1, 2, 3;
SELECT province_id, type, sector_id, count(*), sum(members) FROM entity
 WHERE founded_on <= '$prev-12-31' AND (dissolved_on IS NULL OR dissolved_on > '$prev-12-31')
 GROUP BY 1, 2, 3;
SELECT province_id, type, sector_id, count(*), sum(members) FROM entity
 WHERE founded_on <= '$YEAR-12-31' AND (dissolved_on IS NULL OR dissolved_on > '$YEAR-12-31')
 GROUP BY 1, 2, 3;
SELECT e.province_id, e.type, e.sector_id, v.kind, count(*) FROM entity_event v
 JOIN entity e ON e.id = v.entity_id
 WHERE v.effective_on BETWEEN '$YEAR-01-01' AND '$YEAR-12-31' GROUP BY 1, 2, 3, 4;
SELECT province_id, type, sector_id, count(*) FROM entity
 WHERE founded_on BETWEEN '$prev-01-01' AND '$prev-12-31' GROUP BY 1, 2, 3;
SELECT province_id, type, sector_id, count(*) FROM entity
 WHERE dissolved_on BETWEEN '$prev-01-01' AND '$prev-12-31' GROUP BY 1, 2, 3;
SELECT province_id, type, sector_id, count(*), sum(members) FROM entity
 WHERE founded_on <= '$((YEAR - 2))-12-31' AND (dissolved_on IS NULL OR dissolved_on > '$((YEAR - 2))-12-31')
 GROUP BY 1, 2, 3;
SQL

# Warm both sides once (page cache), then measure.
sqlite3 "$DB" ".read $TMP/plain.sql"
"$HTX" --db "$DB" report "$YEAR" --format json >/dev/null

plain=$(best_of sqlite3 "$DB" ".read $TMP/plain.sql")
[[ -s $TMP/plain.out ]] || die "the plain queries returned nothing"
report=$(best_of "$HTX" --db "$DB" report "$YEAR" --format json)
grep -q '"period"' "$TMP/out" || die "the report printed no JSON"
monthly=$(best_of "$HTX" --db "$DB" report "$YEAR-02" --format json)

# First report after a fresh start: a new copy of the file (its pages not yet read by any
# process since the copy) and a new process.
cp "$DB" "$TMP/fresh.db"
[[ -f $DB-wal ]] && cp "$DB-wal" "$TMP/fresh.db-wal"
sync
echo 3 >/proc/sys/vm/drop_caches 2>/dev/null && cache_note="page cache dropped" || cache_note="page cache not droppable here"
t0=$(now)
"$HTX" --db "$TMP/fresh.db" report "$YEAR" --format json >/dev/null
t1=$(now)
fresh=$(echo "$t1 - $t0" | bc -l)

ratio=$(echo "$plain / $report" | bc -l)
verdict=$(echo "$ratio >= 1" | bc -l)
printf '\n%-44s %12s\n' "measurement (scale $SCALE, $entities entities)" "seconds"
printf '%-44s %12.3f\n' "plain GROUP BY queries in sqlite3 ($YEAR)" "$plain"
printf '%-44s %12.3f\n' "htx report $YEAR (every breakdown, JSON)" "$report"
printf '%-44s %12.3f\n' "htx report $YEAR-02 (monthly)" "$monthly"
printf '%-44s %12.3f   (%s)\n' "first report after a fresh start" "$fresh" "$cache_note"
printf 'ratio plain/report %.2f  target >= 1: %s\n' "$ratio" "$([[ $verdict == 1 ]] && echo PASS || echo FAIL)"
