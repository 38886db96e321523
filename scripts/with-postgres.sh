#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server:
#
#   scripts/with-postgres.sh COMMAND [ARGS...]
#
# Creates a cluster in a fresh temporary directory (as the unprivileged `postgres` user when run
# as root, as the current user otherwise), starts it on 127.0.0.1 on the first free port from
# 55432 up (unix socket inside the temporary directory), runs COMMAND with
#   HTX_TEST_PG_URL=postgresql://postgres@127.0.0.1:PORT/postgres
# exported, then stops the server and removes the directory whatever happens, and exits with
# COMMAND's exit code. PG_BINDIR=/path/to/bin picks the server binaries; otherwise the newest
# /usr/lib/postgresql/*/bin, else initdb and pg_ctl from PATH.
set -euo pipefail

me=$(basename "$0")
die() {
  echo "$me: $*" >&2
  exit 2
}

[[ $# -ge 1 ]] || die "usage: $me COMMAND [ARGS...]"

# ---- server binaries -------------------------------------------------------------------------
bindir=${PG_BINDIR:-}
if [[ -z $bindir ]]; then
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4n -r); do
    if [[ -x $d/initdb && -x $d/pg_ctl ]]; then
      bindir=$d
      break
    fi
  done
fi
if [[ -z $bindir ]] && command -v initdb >/dev/null 2>&1; then
  bindir=$(dirname "$(command -v initdb)")
fi
[[ -n $bindir && -x $bindir/initdb ]] ||
  die "initdb not found (looked in \$PG_BINDIR, /usr/lib/postgresql/*/bin and PATH);" \
    "install the server: apt-get install postgresql-15"
[[ -x $bindir/pg_ctl ]] ||
  die "pg_ctl not found next to $bindir/initdb; install the server: apt-get install postgresql-15"

# ---- who runs the server ---------------------------------------------------------------------
as_server() { "$@"; }
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 ||
    die "running as root, but there is no 'postgres' user to run the server as" \
      "(PostgreSQL refuses to run as root); create one or run as another user"
  if command -v runuser >/dev/null 2>&1; then
    as_server() { runuser -u postgres -- "$@"; }
  else
    as_server() {
      local cmd
      printf -v cmd '%q ' "$@"
      su -s /bin/sh postgres -c "$cmd"
    }
  fi
fi

# ---- cluster ---------------------------------------------------------------------------------
base=$(mktemp -d "${TMPDIR:-/tmp}/htx-pg.XXXXXX")
data=$base/data
sock=$base/sock
log=$base/server.log
started=

cleanup() {
  local rc=$?
  if [[ -n $started ]]; then
    as_server "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 ||
      echo "$me: warning: could not stop the server in $data" >&2
  fi
  rm -rf "$base"
  exit "$rc"
}
# On a signal, stop COMMAND too, then clean up (bash runs traps only between commands, so
# COMMAND runs in the background and the script waits for it).
child=
on_signal() {
  if [[ -n $child ]]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$1"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

mkdir -p "$data" "$sock"
chmod 700 "$data"
if [[ $(id -u) -eq 0 ]]; then
  chmod 755 "$base"
  chown postgres: "$data" "$sock"
  touch "$log"
  chown postgres: "$log"
fi

if ! as_server "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$base/initdb.log" 2>&1; then
  cat "$base/initdb.log" >&2
  die "initdb failed"
fi

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port=55432
last=$((port + 100))
while :; do
  [[ $port -lt $last ]] || die "no free port between 55432 and $((last - 1))"
  if port_in_use "$port"; then
    port=$((port + 1))
    continue
  fi
  if as_server "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 \
    -o "-p $port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null 2>&1; then
    started=1
    break
  fi
  if grep -q "could not bind\|could not create any TCP/IP sockets\|Address already in use" "$log"; then
    port=$((port + 1)) # taken meanwhile: try the next one
    continue
  fi
  cat "$log" >&2
  die "pg_ctl could not start the server"
done

export HTX_TEST_PG_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "$me: $("$bindir/pg_ctl" --version | sed 's/^pg_ctl (PostgreSQL)/PostgreSQL/') on 127.0.0.1:$port" >&2

rc=0
"$@" <&0 &
child=$!
wait "$child" || rc=$?
child=
exit "$rc"
