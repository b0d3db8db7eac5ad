#!/usr/bin/env bash
# Builds the web app and the server, then runs Wisewallet on the embedded SQLite store
# (data/wisewallet.db unless DATABASE_URL says otherwise). Ctrl-C stops it cleanly.
# Any configuration variable from the README can be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is needed: install it from https://rustup.rs (cargo must be on PATH)." >&2
  exit 1
fi

if [ -f frontend/package.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Node.js 20 with npm is needed to build the web app (https://nodejs.org)." >&2
    exit 1
  fi
  echo "==> building the web app (frontend/dist)"
  (
    cd frontend
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
      npm ci --no-audit --no-fund
    fi
    npm run build
  )
fi

echo "==> building the server"
cargo build --locked --bin wisewallet

export STATIC_DIR="${STATIC_DIR:-$PWD/frontend/dist}"
exec ./target/debug/wisewallet serve
