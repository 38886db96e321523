#!/usr/bin/env bash
# Installs the npm packages of web/ (htmx, Chart.js, and the OpenAPI / browser test tools) from
# web/package-lock.json, exactly as locked. Idempotent: runs `npm ci` only when web/node_modules
# is missing or older than the lock file. Offline-tolerant: if npm cannot reach the registry,
# it says so and exits 0, so that an offline build still works (the server then answers 404 for
# the vendor files and the node tests report what is missing).
set -uo pipefail
cd "$(dirname "$0")/../web"

stamp=node_modules/.package-lock.json  # written by npm at the end of every install
if [[ -d node_modules && -f "$stamp" && ! package-lock.json -nt "$stamp" ]]; then
  echo "npm-deps: web/node_modules up to date"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "npm-deps: npm not found (scripts/install-deps.sh installs it); skipping" >&2
  exit 0
fi
echo "npm-deps: npm ci in web/"
if ! npm ci --prefer-offline --no-audit --no-fund --loglevel=error; then
  echo "npm-deps: npm ci failed (offline?); web/node_modules left as it was" >&2
  exit 0
fi
touch "$stamp"
