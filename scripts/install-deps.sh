#!/usr/bin/env bash
# Installs the Debian 12 packages HTX needs to build, run and test.
# Idempotent: only packages that are missing are installed.
# Usage: scripts/install-deps.sh [--test] [--bench]
#   --test   adds what the test suite needs (including chromium for the browser tests)
#   --bench  adds the load tools of bench/web_bench.sh (wrk, and nginx as the baseline)
set -euo pipefail

build_pkgs=(
  cmake g++ make pkg-config git
  ccache   # rebuilds and a second checkout of the same commit reuse compiled objects
  libsqlite3-dev sqlite3
  libpq-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libicu-dev libsodium-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev
  libkainjow-mustache-dev   # HTML templates (header-only)
  liblemon-dev       # the exchange's allocation: network simplex (header-only)
  libboost1.81-dev   # Beast/Asio (header-only); never libboost-dev, which pulls 1.74 and conflicts
)
# web/ needs Node.js and npm (scripts/npm-deps.sh); a machine that has a newer Node.js already
# (its own nodejs package, which bundles npm) keeps it.
if ! command -v node >/dev/null 2>&1; then build_pkgs+=(nodejs npm); fi
test_pkgs=(
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql-15
  python3-openpyxl
  time
  bc
  clang-format clang-tidy   # scripts/check-format.sh (the unit test `format`), scripts/tidy-changed.sh
  clang-14 llvm-14 libclang-rt-14-dev   # scripts/fuzz.sh: libFuzzer, the sanitizers' runtimes, llvm-symbolizer
  chromium   # browser tests (tests/browser); --no-install-recommends keeps it to ~27 packages
)
bench_pkgs=(
  wrk
  nginx      # Debian 12's nginx-light is only a transitional package depending on nginx
  curl
)

want=("${build_pkgs[@]}")
for arg in "$@"; do
  case "$arg" in
    --test) want+=("${test_pkgs[@]}") ;;
    --bench) want+=("${bench_pkgs[@]}") ;;
    *) echo "usage: scripts/install-deps.sh [--test] [--bench]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#want[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
