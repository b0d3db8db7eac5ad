#!/usr/bin/env bash
# The whole test suite, as CI runs it: formatting, lints, the Rust tests on both stores (SQLite
# and a real MongoDB-wire server), the frontend's checks and browser tests, the deployment
# linters. Starts FerretDB itself unless MONGODB_URI points at a server.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --locked --all-targets -- -D warnings

step "cargo doc (every intra-doc link resolves)"
RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps

if [ -z "${MONGODB_URI:-}" ]; then
  step "starting FerretDB for the MongoDB tests"
  # shellcheck source=scripts/ferretdb.sh
  source scripts/ferretdb.sh
else
  step "using the MongoDB server at MONGODB_URI; building FerretDB for the outage test"
  # The database-outage test (tests/process.rs) starts and kills a FerretDB of its own.
  # shellcheck source=scripts/ferretdb.sh
  FERRETDB_INSTALL_ONLY=1 source scripts/ferretdb.sh
fi

step "cargo test (SQLite and MongoDB)"
cargo test --locked --all-targets

if [ -f frontend/package.json ] && [ -x scripts/test-frontend.sh ]; then
  step "frontend"
  # The end-to-end run uses the server binary `cargo test` just built (a plain `cargo build`
  # would rebuild much of the dependency tree without the dev-dependencies' features).
  WISEWALLET_BIN="$PWD/target/debug/wisewallet" scripts/test-frontend.sh
fi

if [ -x scripts/lint-deploy.sh ]; then
  step "deployment files"
  scripts/lint-deploy.sh
fi

step "all checks passed in $(( $(date +%s) - started ))s"
