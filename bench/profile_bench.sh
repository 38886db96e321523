#!/usr/bin/env bash
# Profile benchmark (issue 13, item 5): the profile page of a cooperative with a long history on
# the scale-10 demo, against the registry's entity page of the same entity measured in the same
# run, both through a real `htx serve` on loopback.
#
#   bench/profile_bench.sh [--scale N] [--requests R] [--build DIR]
#
# What one run does:
#   1. builds (or reuses) the demo database at --scale (cached as build/bench/demo-scaleN.db, the
#      one bench/web_bench.sh uses; delete it to rebuild),
#   2. picks the cooperative with the longest history (registry events, memberships, trainings,
#      OCOP certificates, loans, offers: the sqlite3 shell counts them on the file),
#   3. starts `htx serve --listen 127.0.0.1:0`, signs in as a bench admin (every section shown),
#   4. fetches, alternating, R times each: the baseline /registry/CODE (the entity page), the
#      profile /registry/CODE/profile and its API /api/v1/entities/CODE/profile (with a token);
#      curl's total time of each request,
#   5. prints the median and p95 latency (ms) of each, and the profile's ratio to the baseline.
#
# Defaults: --scale 10, --requests 50, --build build/release. Target: the profile page stays in
# milliseconds (median < 100 ms); the ratio is printed for the record. Needs curl and sqlite3.
# Exits 0 when the measurement was made (a missed target says FAIL), non-zero when something broke.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=10
REQUESTS=50
BUILD=$ROOT/build/release

die() {
  echo "profile_bench: FAILED: $*" >&2
  exit 1
}
note() { echo "profile_bench: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) SCALE=${2:?}; shift 2 ;;
    --requests) REQUESTS=${2:?}; shift 2 ;;
    --build) BUILD=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,22s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $BUILD = /* ]] || BUILD=$PWD/$BUILD
[[ $SCALE =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--scale must be a number"
[[ $REQUESTS =~ ^[1-9][0-9]*$ ]] || die "--requests must be a positive number"
command -v curl >/dev/null || die "curl is not installed"
command -v sqlite3 >/dev/null || die "sqlite3 is not installed"

HTX=$BUILD/app/htx
if [[ ! -x $HTX ]]; then
  note "building htx in $BUILD ..."
  if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DHTX_BUILD_TESTS=OFF >/dev/null
  fi
  cmake --build "$BUILD" -j2 --target htx >/dev/null
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
[[ $build_type == Release ]] || note "WARNING: $BUILD is a '${build_type:-unknown}' build; record figures from Release builds only"
export HTX_DATA_DIR=$ROOT/data

TMP=$(mktemp -d)
HTX_PID=""
cleanup() {
  if [[ -n $HTX_PID ]]; then kill "$HTX_PID" 2>/dev/null || true; wait "$HTX_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

# ---- the demo database (cached) ----
CACHE=$ROOT/build/bench
DB=$CACHE/demo-scale$SCALE.db
mkdir -p "$CACHE"
if [[ ! -s $DB ]]; then
  note "building the demo at scale $SCALE into $DB (once; about 5 s per unit of scale) ..."
  rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
  "$HTX" --db "$DB.tmp" demo --scale "$SCALE" >"$TMP/demo.out" 2>&1 || { tail -5 "$TMP/demo.out" >&2; die "htx demo failed"; }
  [[ -f $DB.tmp-wal ]] && mv "$DB.tmp-wal" "$DB-wal"
  rm -f "$DB.tmp-shm"
  mv "$DB.tmp" "$DB"
else
  note "reusing $DB (delete it to rebuild)"
fi
# The newest migrations (a database cached by an older htx).
"$HTX" --db "$DB" init >/dev/null 2>&1 || true

# ---- the cooperative with the longest history ----
CODE=$(sqlite3 "$DB" "
  SELECT e.code FROM entity e
  LEFT JOIN (SELECT entity_id, COUNT(*) n FROM entity_event GROUP BY entity_id) ev ON ev.entity_id = e.id
  LEFT JOIN (SELECT entity_code, COUNT(*) n FROM gov_membership GROUP BY entity_code) m ON m.entity_code = e.code
  LEFT JOIN (SELECT t.entity_code, COUNT(*) n FROM training_enrolment x JOIN training_trainee t ON t.id = x.trainee_id
             GROUP BY t.entity_code) tr ON tr.entity_code = e.code
  LEFT JOIN (SELECT producer_code, COUNT(*) n FROM ocop_certificate GROUP BY producer_code) o ON o.producer_code = e.code
  LEFT JOIN (SELECT borrower_code, COUNT(*) n FROM fund_loan GROUP BY borrower_code) l ON l.borrower_code = e.code
  LEFT JOIN (SELECT entity_id, COUNT(*) n FROM market_offer GROUP BY entity_id) of ON of.entity_id = e.id
  ORDER BY 10 * coalesce(ev.n, 0) + coalesce(m.n, 0) + coalesce(tr.n, 0) + coalesce(o.n, 0) + coalesce(l.n, 0)
           + coalesce(of.n, 0) DESC, e.code
  LIMIT 1") || die "cannot pick a cooperative (sqlite3)"
[[ -n $CODE ]] || die "the demo has no cooperative"
HISTORY=$(sqlite3 "$DB" "SELECT COUNT(*) FROM entity_event ev JOIN entity e ON e.id = ev.entity_id WHERE e.code = '$CODE'")
note "cooperative $CODE ($HISTORY registry events besides its founding)"

# ---- a user and its token ----
BENCH_USER=profilebench
BENCH_PASS="Profile-bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
printf '%s\n' "$BENCH_PASS" | "$HTX" --db "$DB" user add "$BENCH_USER" --role admin --name "Profile benchmark" \
  --password-stdin >/dev/null 2>&1 ||
  printf '%s\n' "$BENCH_PASS" | "$HTX" --db "$DB" user reset-password "$BENCH_USER" --password-stdin >/dev/null 2>&1 ||
  die "cannot create the user $BENCH_USER"
TOKEN=$("$HTX" --db "$DB" user token "$BENCH_USER" --name "bench $(date +%s)" 2>/dev/null | tail -1 || true)
[[ -n $TOKEN ]] || die "no API token"

# ---- start htx ----
"$HTX" --db "$DB" serve --listen 127.0.0.1:0 >"$TMP/htx.out" 2>"$TMP/htx.log" &
HTX_PID=$!
HTX_URL=""
for _ in $(seq 300); do
  kill -0 "$HTX_PID" 2>/dev/null || { cat "$TMP/htx.out" "$TMP/htx.log" >&2; die "htx serve exited at start"; }
  HTX_URL=$(grep -o -m1 'http://[^[:space:]]*' "$TMP/htx.out" 2>/dev/null | head -1 || true)
  [[ -n $HTX_URL ]] && break
  sleep 0.1
done
[[ -n $HTX_URL ]] || die "htx serve printed no http:// address within 30 s"
HTX_BASE=http://127.0.0.1:$(sed -E 's#^http://[^/]*:([0-9]+).*#\1#' <<<"$HTX_URL")

jar=$TMP/cookies
curl -sS -c "$jar" -b "$jar" -o "$TMP/login.html" "$HTX_BASE/login"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/login.html" | head -1 | sed 's/.*value="//; s/"$//')
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
  --data-urlencode "username=$BENCH_USER" --data-urlencode "password=$BENCH_PASS" \
  --data-urlencode "next=/" "$HTX_BASE/login")
[[ $status == 303 ]] || die "POST /login answered $status"

# time_of KIND PATH: one request's total time in ms (a non-200 answer is a failure)
time_of() {
  local out
  if [[ $1 == api ]]; then
    out=$(curl -sS -o "$TMP/body" -w '%{http_code} %{time_total}' -H "Authorization: Bearer $TOKEN" "$HTX_BASE$2")
  else
    out=$(curl -sS -o "$TMP/body" -w '%{http_code} %{time_total}' -b "$jar" "$HTX_BASE$2")
  fi
  [[ ${out%% *} == 200 ]] || die "GET $2 answered ${out%% *}"
  awk -v s="${out#* }" 'BEGIN { printf "%.3f\n", s * 1000 }'
}
for kind_path in "page /registry/$CODE" "page /registry/$CODE/profile" "api /api/v1/entities/$CODE/profile"; do
  time_of ${kind_path} >/dev/null  # warm-up
done
: >"$TMP/base"; : >"$TMP/page"; : >"$TMP/api"
for _ in $(seq "$REQUESTS"); do
  time_of page "/registry/$CODE" >>"$TMP/base"
  time_of page "/registry/$CODE/profile" >>"$TMP/page"
  time_of api "/api/v1/entities/$CODE/profile" >>"$TMP/api"
done
curl -sS -o "$TMP/profile.html" -b "$jar" "$HTX_BASE/registry/$CODE/profile"
shown=$(grep -o 'class="profile-section" id="profile-[a-z]*"' "$TMP/profile.html" | sed 's/.*profile-//; s/"//' | tr '\n' ' ')

stat() {  # median and p95 of a file of numbers
  sort -n "$1" | awk '{ a[NR] = $1 } END { m = a[int((NR + 1) / 2)]; p = a[int(NR * 0.95 + 0.999)]; if (p == "") p = a[NR]; printf "%.2f %.2f\n", m, p }'
}
read -r base_med base_p95 < <(stat "$TMP/base")
read -r page_med page_p95 < <(stat "$TMP/page")
read -r api_med api_p95 < <(stat "$TMP/api")
ratio=$(awk -v a="$page_med" -v b="$base_med" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
api_ratio=$(awk -v a="$api_med" -v b="$base_med" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
verdict=$(awk -v a="$page_med" 'BEGIN { print (a < 100 ? "ok" : "FAIL") }')
echo "profile_bench: scale $SCALE, cooperative $CODE ($HISTORY events), sections: ${shown:-none}; $REQUESTS requests each"
printf '  %-38s median %8.2f ms  p95 %8.2f ms\n' "baseline /registry/$CODE" "$base_med" "$base_p95"
printf '  %-38s median %8.2f ms  p95 %8.2f ms  ratio %s  [%s: < 100 ms]\n' "profile page" "$page_med" "$page_p95" "$ratio" "$verdict"
printf '  %-38s median %8.2f ms  p95 %8.2f ms  ratio %s\n' "profile API" "$api_med" "$api_p95" "$api_ratio"
