#!/usr/bin/env bash
# The two things a new user does on a fresh Debian 12 machine (as root or with sudo):
#
#   scripts/setup.sh run    install what is missing, build, run the main job (the web server,
#                           htx serve) on an embedded SQLite database with demo data
#   scripts/setup.sh test   install what is missing, build, and run every test (the PostgreSQL
#                           contract suite against a throwaway server on loopback)
#
# Both are idempotent: packages already present are skipped, builds are incremental, the demo
# database is built once.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

case "$mode" in
  run)
    scripts/install-deps.sh
    scripts/npm-deps.sh
    cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DHTX_BUILD_TESTS=OFF -DHTX_BUILD_BENCH=OFF >/dev/null
    cmake --build build/release -j"$jobs"
    db=${HTX_DB:-build/demo.db}
    if [[ ! -s "$db" ]]; then
      build/release/app/htx --db "$db" demo
    fi
    # The main job: the web server on the demo database. On its first start it creates the
    # administrator account and prints its password once (htx user reset-password admin to
    # choose another); the address to open is printed too.
    exec build/release/app/htx --db "$db" serve --listen "${HTX_LISTEN:-127.0.0.1:8080}"
    ;;
  test)
    scripts/install-deps.sh --test
    scripts/npm-deps.sh
    cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHTX_BUILD_TESTS=ON -DHTX_BUILD_BENCH=ON >/dev/null
    cmake --build build/test -j"$jobs"
    scripts/with-postgres.sh ctest --test-dir build/test --output-on-failure -j"$jobs"
    ;;
  *)
    echo "usage: scripts/setup.sh run|test" >&2
    exit 2
    ;;
esac
