#!/usr/bin/env bash
# Frontend checks, then the end-to-end run in real Chromium against the real server.
#
#   npm ci (only when node_modules is missing or package-lock.json changed) → codegen drift check
#   → lint → typecheck → vitest → vite build → initial-JS budget (200 KB gzipped)
#   → chromium (apt-get if /usr/bin/chromium is missing) → cargo build --bin wisewallet → e2e
#
# Runnable from any directory. Ends with one line: "frontend: N passed, M failed".
# Env: SKIP_E2E=1 skips the chromium/cargo/e2e part; E2E_DATABASE_URL points the e2e server at
# another database (e.g. a mongodb:// URL); WISEWALLET_BIN uses another server binary (no cargo build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frontend="$root/frontend"
cd "$frontend"

passed=0
failed=0
failures=()
log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT

ok() { passed=$((passed + ${2:-1})); echo "✓ $1"; }
ko() { failed=$((failed + ${2:-1})); failures+=("$1"); echo "✗ $1"; }
section() { printf '\n== %s\n' "$1"; }

# Runs one check; its output is shown as it happens.
check() {
  local name="$1"
  shift
  section "$name"
  if "$@"; then ok "$name"; else ko "$name"; fi
}

section "dependencies"
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp="node_modules/.wisewallet-lock-hash"
if [[ ! -d node_modules || "$(cat "$stamp" 2>/dev/null || true)" != "$lock_hash" ]]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
else
  echo "node_modules matches package-lock.json; skipping npm ci"
fi

check "codegen is up to date (npm run codegen:check)" npm run --silent codegen:check
check "lint (eslint)" npm run --silent lint
check "typecheck (tsc --noEmit)" npm run --silent typecheck

section "unit and component tests (vitest)"
vitest_json="$log_dir/vitest.json"
if npx vitest run --reporter=default --reporter=json --outputFile.json="$vitest_json"; then vitest_ok=1; else vitest_ok=0; fi
if [[ -s "$vitest_json" ]]; then
  read -r v_passed v_failed < <(node -e '
    const r = require(process.argv[1]);
    console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0));
  ' "$vitest_json")
  ((v_passed > 0)) && ok "vitest: $v_passed tests passed" "$v_passed"
  ((v_failed > 0)) && ko "vitest: $v_failed tests failed" "$v_failed"
  ((vitest_ok == 0 && v_failed == 0)) && ko "vitest exited with an error"
else
  ko "vitest produced no report"
fi

built=0
section "build (vite build)"
if npm run --silent build; then
  ok "build"
  built=1
else
  ko "build"
fi
if ((built)); then
  check "initial JS within 200 KB gzipped" node scripts/bundle-size.mjs --budget-kb 200
fi

if [[ "${SKIP_E2E:-}" == "1" ]]; then
  echo
  echo "SKIP_E2E=1: skipping the end-to-end run"
elif ((built == 0)); then
  ko "e2e (not run: the build failed)"
else
  section "chromium"
  chromium_ok=1
  chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  if [[ ! -x "$chromium" && "$chromium" == /usr/bin/chromium ]]; then
    echo "/usr/bin/chromium is missing; installing Debian's chromium package"
    if ! { apt-get update && apt-get install -y chromium; }; then
      echo "missing: /usr/bin/chromium — 'apt-get install -y chromium' failed (needs root and the Debian archive)"
      chromium_ok=0
    fi
  fi
  if ((chromium_ok)) && [[ -x "$chromium" ]]; then
    ok "chromium available ($chromium)"
  else
    ko "chromium available (missing: $chromium; Debian package 'chromium', or set CHROMIUM_PATH)"
    chromium_ok=0
  fi

  server_ok=1
  if [[ -z "${WISEWALLET_BIN:-}" ]]; then
    section "server (cargo build --bin wisewallet)"
    if (cd "$root" && cargo build --locked --bin wisewallet); then
      ok "server build"
    else
      ko "server build (cargo build --bin wisewallet)"
      server_ok=0
    fi
  fi

  if ((chromium_ok && server_ok)); then
    section "end-to-end (real server, real Chromium)"
    e2e_log="$log_dir/e2e.log"
    set +e
    node e2e/run.mjs 2>&1 | tee "$e2e_log"
    e2e_status=${PIPESTATUS[0]}
    set -e
    summary="$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$e2e_log" | tail -1 || true)"
    if [[ -n "$summary" ]]; then
      read -r e_passed e_failed < <(sed -E 's/^e2e: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/' <<<"$summary")
      ((e_passed > 0)) && ok "e2e: $e_passed steps passed" "$e_passed"
      ((e_failed > 0)) && ko "e2e: $e_failed steps failed (screenshots and server.log in frontend/e2e/artifacts/)" "$e_failed"
      ((e2e_status != 0 && e_failed == 0)) && ko "e2e exited with status $e2e_status"
    else
      ko "e2e (no summary; exit status $e2e_status)"
    fi
  else
    ko "e2e (not run: see above)"
  fi
fi

echo
if ((failed > 0)); then
  printf 'failed:\n'
  printf '  - %s\n' "${failures[@]}"
fi
echo "frontend: $passed passed, $failed failed"
((failed == 0))
