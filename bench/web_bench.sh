#!/usr/bin/env bash
# Web benchmark: `htx serve` against nginx serving the very same bytes as static files, both
# measured in this run with wrk on loopback.
#
#   bench/web_bench.sh [--scale N] [--duration D] [--runs R] [--build DIR]
#
# What one run does:
#   1. builds (or reuses) a demo database at --scale (cached as build/bench/demo-scaleN.db;
#      delete it to rebuild),
#   2. starts `htx serve --listen 127.0.0.1:0` (Release build in --build; configured and built
#      there if htx is missing), signs in with a bench account (htx user add/reset-password), and
#      fetches the dashboard JSON (/api/v1/dashboard, or /api/v1/reports/2021 while the dashboard
#      API does not exist) and the dashboard HTML page (/, or the first HTML page that answers
#      200, or as a last resort htx's 404 page),
#   3. writes those exact bytes as static files and serves them with nginx (a non-daemon master
#      with 2 workers on another loopback port, temporary config, pid and temp paths),
#   4. runs `wrk -t2 -d<duration> --latency` at 64 and 256 connections on each of: htx JSON,
#      nginx JSON, htx HTML, nginx HTML (after a short warm-up of each), --runs times over,
#      alternating; the run with the most requests/s of each counts (the least disturbed),
#   5. prints requests/s, p99 latency, errors, the ratios against the targets and htx's peak RSS.
#
# Defaults: --scale 10, --duration 10s, --runs 2, --build build/release. Targets: htx/nginx requests/s
# >= 0.5 for the JSON, >= 0.3 for the HTML; htx/nginx p99 at 256 connections < 10.
# Calls scripts/install-deps.sh --bench (wrk, nginx; installs only what is missing).
# Exits 0 when the measurement was made (a missed target says FAIL), non-zero when something broke.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCALE=10
DURATION=10s
BUILD=$ROOT/build/release
CONNECTIONS=(64 256)
WARMUP=2s
RUNS=2

die() {
  echo "web_bench: FAILED: $*" >&2
  exit 1
}
note() { echo "web_bench: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --scale) SCALE=${2:?}; shift 2 ;;
    --duration) DURATION=${2:?}; shift 2 ;;
    --build) BUILD=${2:?}; shift 2 ;;
    --runs) RUNS=${2:?}; shift 2 ;;
    -h|--help) sed -n '2,27s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument: $1" ;;
  esac
done
[[ $BUILD = /* ]] || BUILD=$PWD/$BUILD
[[ $DURATION =~ ^[0-9]+[smh]?$ ]] || die "--duration must look like 10s, 1m or 30"
[[ $SCALE =~ ^[0-9]+([.][0-9]+)?$ ]] || die "--scale must be a number"
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number"

# ---- tools ----
"$ROOT/scripts/install-deps.sh" --bench >&2 || note "install-deps.sh --bench failed; using what is installed"
command -v wrk >/dev/null || die "wrk is not installed (scripts/install-deps.sh --bench)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x $NGINX ]] || die "nginx is not installed (scripts/install-deps.sh --bench)"
command -v curl >/dev/null || die "curl is not installed"

# ---- htx ----
HTX=$BUILD/app/htx
if [[ ! -x $HTX ]]; then
  note "building htx in $BUILD ..."
  if [[ ! -f $BUILD/CMakeCache.txt ]]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DHTX_BUILD_TESTS=OFF >/dev/null
  fi
  cmake --build "$BUILD" -j"$(nproc)" --target htx >/dev/null
fi
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
[[ $build_type == Release ]] || note "WARNING: $BUILD is a '${build_type:-unknown}' build; record figures from Release builds only"
export HTX_DATA_DIR=$ROOT/data

TMP=$(mktemp -d)
HTX_PID=""
NGINX_PID=""
cleanup() {
  local pid
  for pid in $HTX_PID $NGINX_PID; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      # htx lets in-flight requests finish for up to 10 s (its shutdown_timeout)
      for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the demo database (cached) ----
CACHE=$ROOT/build/bench
DB=$CACHE/demo-scale$SCALE.db
mkdir -p "$CACHE"
if [[ ! -s $DB ]]; then
  note "building the demo at scale $SCALE into $DB (once; about 5 s per unit of scale) ..."
  rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
  t0=$(date +%s)
  "$HTX" --db "$DB.tmp" demo --scale "$SCALE" >"$TMP/demo.out" 2>&1 || { tail -5 "$TMP/demo.out" >&2; die "htx demo failed"; }
  [[ -f $DB.tmp-wal ]] && mv "$DB.tmp-wal" "$DB-wal"
  rm -f "$DB.tmp-shm"
  mv "$DB.tmp" "$DB"
  note "demo built in $(($(date +%s) - t0)) s"
else
  note "reusing $DB (delete it to rebuild)"
fi

# ---- a user to sign in with (the HTML pages need a session) ----
BENCH_USER=webbench
BENCH_PASS="Web-bench-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
if ! printf '%s\n' "$BENCH_PASS" | "$HTX" --db "$DB" user add "$BENCH_USER" --role admin \
       --name "Web benchmark" --password-stdin >"$TMP/user.out" 2>&1 &&
   ! printf '%s\n' "$BENCH_PASS" | "$HTX" --db "$DB" user reset-password "$BENCH_USER" \
       --password-stdin >>"$TMP/user.out" 2>&1; then
  note "WARNING: cannot create the user $BENCH_USER ($(tail -1 "$TMP/user.out")); HTML pages will be measured signed out"
  BENCH_USER=""
fi

# ---- start htx ----
"$HTX" --db "$DB" serve --listen 127.0.0.1:0 >"$TMP/htx.out" 2>"$TMP/htx.log" &
HTX_PID=$!
HTX_URL=""
for _ in $(seq 300); do
  if ! kill -0 "$HTX_PID" 2>/dev/null; then
    cat "$TMP/htx.out" "$TMP/htx.log" >&2
    die "htx serve exited at start"
  fi
  HTX_URL=$(grep -o -m1 'http://[^[:space:]]*' "$TMP/htx.out" 2>/dev/null | head -1 || true)
  [[ -n $HTX_URL ]] && break
  sleep 0.1
done
[[ -n $HTX_URL ]] || die "htx serve printed no http:// address within 30 s"
HTX_PORT=$(sed -E 's#^http://[^/]*:([0-9]+).*#\1#' <<<"$HTX_URL")
[[ $HTX_PORT =~ ^[0-9]+$ ]] || die "no port in '$HTX_URL'"
HTX_BASE=http://127.0.0.1:$HTX_PORT
curl -fsS "$HTX_BASE/healthz" >/dev/null || die "htx does not answer /healthz"
note "htx serving at $HTX_BASE (pid $HTX_PID)"

# ---- fetch the bytes ----
WWW=$TMP/www
mkdir -p "$WWW"
# fetch PATH ACCEPT OUT: prints the HTTP status; the body goes to OUT, the headers to OUT.h
COOKIE=""
fetch() {
  curl -sS -o "$3" -D "$3.h" -w '%{http_code}' -H "Accept: $2" ${COOKIE:+-H "Cookie: $COOKIE"} \
    "$HTX_BASE$1" 2>/dev/null || echo 000
}

# Sign in through /login (its form's csrf field and cookie, then POST -> 303 and a session
# cookie); COOKIE is then sent with the HTML requests, by curl and by wrk (to nginx too, so that
# both get the same request bytes).
sign_in() {
  local jar=$TMP/cookies csrf status
  curl -sS -c "$jar" -b "$jar" -o "$TMP/login.html" "$HTX_BASE/login" 2>/dev/null || return 1
  csrf=$(grep -o 'name="csrf" value="[^"]*"' "$TMP/login.html" | head -1 | sed 's/.*value="//; s/"$//')
  [[ -n $csrf ]] || return 1
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "csrf=$csrf" --data-urlencode "username=$BENCH_USER" \
    --data-urlencode "password=$BENCH_PASS" --data-urlencode "next=/" "$HTX_BASE/login" 2>/dev/null)
  [[ $status == 303 ]] || { note "POST /login answered $status"; return 1; }
  COOKIE=$(awk -F'\t' '(!/^#/ || /^#HttpOnly_/) && NF >= 7 { printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar")
  [[ $COOKIE == *htx_session=* ]]
}
content_type() { sed -n 's/^[Cc]ontent-[Tt]ype: *\([^;[:space:]]*\).*/\1/p' "$1.h" | tail -1; }

JSON_PATH=/api/v1/dashboard
JSON_NOTE="the dashboard API"
status=$(fetch "$JSON_PATH" application/json "$WWW/dashboard.json")
if [[ $status != 200 ]]; then
  JSON_NOTE="FALLBACK: $JSON_PATH answered $status; measuring /api/v1/reports/2021 (a report built per request) instead"
  JSON_PATH=/api/v1/reports/2021
  status=$(fetch "$JSON_PATH" application/json "$WWW/dashboard.json")
  [[ $status == 200 ]] || die "$JSON_PATH answered $status"
fi
[[ $(content_type "$WWW/dashboard.json") == application/json ]] || note "WARNING: $JSON_PATH is not served as application/json"

HTML_PATH=""
HTML_NOTE=""
SIGNED_IN="signed out"
if [[ -n $BENCH_USER ]] && fetch /login text/html "$TMP/probe.html" | grep -q 200; then
  if sign_in; then SIGNED_IN="signed in as an administrator"; else COOKIE=""; note "WARNING: could not sign in; HTML pages measured signed out"; fi
fi
for p in / /login /registry /reports; do
  status=$(fetch "$p" text/html "$WWW/dashboard.html")
  if [[ $status == 200 && $(content_type "$WWW/dashboard.html") == text/html ]]; then
    HTML_PATH=$p
    break
  fi
  [[ $p == / ]] && root_status=$status
done
if [[ -z $HTML_PATH ]]; then
  HTML_PATH=/
  status=$(fetch / text/html "$WWW/dashboard.html")
  HTML_NOTE="FALLBACK: no HTML page answers 200 yet (/ answered $root_status); measuring htx's $status error page for / (non-2xx expected on the htx side)"
elif [[ $HTML_PATH != / ]]; then
  HTML_NOTE="FALLBACK: / answered $root_status; measuring $HTML_PATH instead"
else
  HTML_NOTE="the dashboard page"
fi
HTML_NOTE="$HTML_NOTE, $SIGNED_IN"

json_bytes=$(stat -c %s "$WWW/dashboard.json")
html_bytes=$(stat -c %s "$WWW/dashboard.html")
rm -f "$WWW"/*.h

# ---- nginx ----
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx/tmp"
# nginx's workers drop to "nobody" when the master runs as root: let them read the files.
chmod 755 "$TMP" "$WWW" && chmod 644 "$WWW"/*
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user nobody nogroup;"
cat >"$TMP/nginx/nginx.conf" <<CONF
$user_line
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 100000000;
  client_body_temp_path $TMP/nginx/tmp/body;
  proxy_temp_path $TMP/nginx/tmp/proxy;
  fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
  uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
  scgi_temp_path $TMP/nginx/tmp/scgi;
  types { application/json json; text/html html; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WWW;
    # The same security headers htx sends, so both answers carry about the same bytes.
    add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Referrer-Policy same-origin always;
    add_header X-Frame-Options DENY always;
    location = /dashboard.json { charset utf-8; }
    location = /dashboard.html { charset utf-8; }
  }
}
CONF
"$NGINX" -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx/stdout" 2>&1 &
NGINX_PID=$!
NGINX_BASE=http://127.0.0.1:$NGINX_PORT
for _ in $(seq 100); do
  curl -fsS -o /dev/null "$NGINX_BASE/dashboard.json" 2>/dev/null && break
  kill -0 "$NGINX_PID" 2>/dev/null || { cat "$TMP/nginx/stdout" "$TMP/nginx/error.log" >&2 2>/dev/null; die "nginx exited at start"; }
  sleep 0.1
done
cmp -s <(curl -fsS "$NGINX_BASE/dashboard.json") "$WWW/dashboard.json" || die "nginx does not serve the JSON bytes"
cmp -s <(curl -fsS "$NGINX_BASE/dashboard.html") "$WWW/dashboard.html" || die "nginx does not serve the HTML bytes"
note "nginx $("$NGINX" -v 2>&1 | sed 's#.*/##') serving at $NGINX_BASE (pid $NGINX_PID)"

# ---- wrk ----
# to_ms VALUE: wrk's latency ("812.00us", "1.23ms", "2.01s", "1.5m") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v; sub(/[a-z]+$/, "", n); u = v; sub(/^[0-9.]+/, "", u);
    f = (u == "us") ? 0.001 : (u == "ms" || u == "") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1;
    if (f < 0 || n == "") { print "nan"; exit }
    printf "%.3f", n * f }'
}

# htx keeps working on the requests of a client that went away (wrk's previous run): wait
# until it is idle (in flight: only the /metrics request itself), at most 60 s.
wait_htx_idle() {
  local n
  for _ in $(seq 600); do
    n=$(curl -fsS "$HTX_BASE/metrics" 2>/dev/null | awk '$1 == "htx_http_requests_in_flight" {print $2}')
    [[ ${n:-1} -le 1 ]] && return 0
    sleep 0.1
  done
  note "WARNING: htx still has ${n:-?} requests in flight after 60 s"
}

declare -A RPS P99 ERRS ALL
RAW=$CACHE/web_bench-last   # wrk's own output of the latest run, for a closer look
rm -rf "$RAW" && mkdir -p "$RAW"
# run_wrk KEY URL CONNECTIONS ACCEPT: the run with the most requests/s of KEY at CONNECTIONS
# is kept (RPS, P99, ERRS and its output in RAW).
run_wrk() {
  local key=$1 url=$2 c=$3 accept=$4 out=$RAW/wrk-$1-$3.run$ROUND.txt
  local cookie=()
  [[ $accept == text/html && -n $COOKIE ]] && cookie=(-H "Cookie: $COOKIE")
  wait_htx_idle
  wrk -t2 -c"$c" -d"$DURATION" --timeout 10s --latency -H "Accept: $accept" "${cookie[@]}" "$url" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed on $url"; }
  local rps p99 non2xx sock
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  p99=$(awk '$1 == "99%" || $1 == "99.000%" {print $2; exit}' "$out")
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ {print $2}' "$out")
  sock=$(awk '/Socket errors:/ {
      s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { x = $i; sub(/,/, "", x); s += x }
      print s }' "$out")
  [[ -n $rps && -n $p99 ]] || { cat "$out" >&2; die "cannot read wrk's output for $url"; }
  ALL[$key-$c]+="${ALL[$key-$c]:+ }$(printf '%.0f' "$rps")"
  if [[ -z ${RPS[$key-$c]:-} ]] || awk -v a="$rps" -v b="${RPS[$key-$c]}" 'BEGIN { exit !(a > b) }'; then
    RPS[$key-$c]=$rps
    P99[$key-$c]=$(to_ms "$p99")
    ERRS[$key-$c]="${non2xx:-0}/${sock:-0}"
  fi
}

note "warming up ..."
for spec in "$HTX_BASE$JSON_PATH application/json" "$NGINX_BASE/dashboard.json application/json" \
            "$HTX_BASE$HTML_PATH text/html" "$NGINX_BASE/dashboard.html text/html"; do
  set -- $spec
  cookie=()
  [[ $2 == text/html && -n $COOKIE ]] && cookie=(-H "Cookie: $COOKIE")
  wrk -t2 -c64 -d"$WARMUP" --timeout 10s -H "Accept: $2" "${cookie[@]}" "$1" >/dev/null 2>&1 || true
done


LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for ROUND in $(seq "$RUNS"); do
  for c in "${CONNECTIONS[@]}"; do
    note "run $ROUND/$RUNS, wrk -t2 -c$c -d$DURATION: htx JSON, nginx JSON, htx HTML, nginx HTML ..."
    run_wrk htx-json "$HTX_BASE$JSON_PATH" "$c" application/json
    run_wrk nginx-json "$NGINX_BASE/dashboard.json" "$c" application/json
    run_wrk htx-html "$HTX_BASE$HTML_PATH" "$c" text/html
    run_wrk nginx-html "$NGINX_BASE/dashboard.html" "$c" text/html
  done
done

kill -0 "$HTX_PID" 2>/dev/null || die "htx serve died during the run"
rss_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$HTX_PID/status")
log_lines=$(wc -l <"$TMP/htx.log")
# Server-side view (its access log: time from a complete request header to the response written).
slow=$(awk -F'"duration_ms":' 'NF > 1 { split($2, a, ","); d = a[1] + 0; n++; if (d > 1000) s++; if (d > m) m = d }
  END { printf "%d of %d requests took over 1 s; the longest %.0f ms", s, n, m }' "$TMP/htx.log")

# ---- report ----
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "nan"; else printf "%.3f", a / b }'; }
verdict() { # VALUE OP TARGET
  awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
    if (v == "nan") { print "FAIL"; exit }
    ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 < t + 0); print ok ? "PASS" : "FAIL" }'
}

echo
echo "scale $SCALE ($(sqlite3 "$DB" 'SELECT count(*) FROM entity' 2>/dev/null || echo '?') entities), wrk -t2 -d$DURATION --latency, best of $RUNS, $(nproc) cores, load average $LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after"
echo "JSON: $JSON_PATH ($json_bytes bytes) — $JSON_NOTE"
echo "HTML: $HTML_PATH ($html_bytes bytes) — $HTML_NOTE"
echo
printf '%-12s %6s %12s %10s %16s   %s\n' "server" "conns" "requests/s" "p99 ms" "non2xx/sockerr" "(req/s of every run)"
for kind in json html; do
  for c in "${CONNECTIONS[@]}"; do
    for srv in htx nginx; do
      k=$srv-$kind-$c
      printf '%-12s %6s %12.0f %10.2f %16s   (%s)\n' "$srv ${kind^^}" "$c" "${RPS[$k]}" "${P99[$k]}" "${ERRS[$k]}" "${ALL[$k]}"
    done
  done
done
echo
for c in "${CONNECTIONS[@]}"; do
  r=$(ratio "${RPS[htx-json-$c]}" "${RPS[nginx-json-$c]}")
  printf 'ratio JSON req/s htx/nginx, %3s conns   %7s   target >= 0.5   %s\n' "$c" "$r" "$(verdict "$r" '>=' 0.5)"
done
for c in "${CONNECTIONS[@]}"; do
  r=$(ratio "${RPS[htx-html-$c]}" "${RPS[nginx-html-$c]}")
  printf 'ratio HTML req/s htx/nginx, %3s conns   %7s   target >= 0.3   %s\n' "$c" "$r" "$(verdict "$r" '>=' 0.3)"
done
for kind in json html; do
  r=$(ratio "${P99[htx-$kind-256]}" "${P99[nginx-$kind-256]}")
  printf 'ratio %s p99 htx/nginx, 256 conns    %7s   target < 10     %s\n' "${kind^^}" "$r" "$(verdict "$r" '<' 10)"
done
printf 'htx peak RSS MB (VmHWM)                 %7.1f\n' "$(awk -v k="${rss_kb:-0}" 'BEGIN {print k / 1024}')"
echo "htx access log: $log_lines lines on stderr (to a file); $slow"
echo "wrk's own output: $RAW"
