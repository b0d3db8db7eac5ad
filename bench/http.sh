#!/usr/bin/env bash
# HTTP load benchmark of the `forecast` query for a household (30 bills, 2 paydays, 1 year),
# against a release build on the embedded SQLite store, next to a trivial `{ __typename }`
# query on the same server in the same run. Reports requests/s, p50/p99 latency and the
# server's RSS. Needs wrk (apt-get install wrk).
#
#   bench/http.sh [duration-seconds=15] [connections=16] [threads=2]
#   WISEWALLET_BIN=path/to/wisewallet bench/http.sh …   (skip the build, measure that binary)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-15}
connections=${2:-16}
threads=${3:-2}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

# WISEWALLET_BIN measures another build (e.g. one made with different profile settings).
bin=${WISEWALLET_BIN:-./target/release/wisewallet}
[ -n "${WISEWALLET_BIN:-}" ] || cargo build --release --locked --bin wisewallet >&2
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DATABASE_URL="sqlite://$work/bench.db" HOST=127.0.0.1 PORT=$port STATIC_DIR=/nonexistent RUST_LOG=warn \
  "$bin" serve >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

gql() { # token query-json
  curl -sf "http://127.0.0.1:$port/graphql" -H 'content-type: application/json' ${1:+-H "authorization: Bearer $1"} -d "$2"
}
token=$(gql "" '{"query":"mutation { signUp(email: \"bench@example.com\", password: \"benchmark password\") { token } }"}' \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["signUp"]["token"])')
python3 bench/household.py | while IFS= read -r op; do gql "$token" "$op" >/dev/null; done

echo '{"query":"{ __typename }"}' >"$work/trivial.json"
cat >"$work/forecast.json" <<'JSON'
{"query":"{ forecast(from: \"2026-01-01\", until: \"2026-12-31\", startingBalance: \"1000.00\") { dueBeforeNextPayday nextPayday totalIncome totalBills lowestBalance { date balance } billsBeforeNextPayday { date amount bill { name } } periods { start end income setAside leftover endingBalance paydays { date amount payday { name } } bills { date amount bill { id name } } } } }"}
JSON
periods=$(gql "$token" "$(cat "$work/forecast.json")" | python3 -c 'import json,sys; d=json.load(sys.stdin)["data"]["forecast"]; print(len(d["periods"]), sum(len(p["bills"]) for p in d["periods"]))')
echo "household forecast: $periods (periods, bill occurrences)"

run() { # name body-file
  BODY_FILE="$2" TOKEN="$token" wrk -t"$threads" -c"$connections" -d"${duration}s" -s bench/post.lua \
    "http://127.0.0.1:$port/graphql" | grep '^RESULT' | sed "s/^RESULT/$1/"
  echo "$1 rss_kib=$(awk '/VmRSS/ {print $2}' /proc/$pid/status) peak_rss_kib=$(awk '/VmHWM/ {print $2}' /proc/$pid/status)"
}
echo "wrk: $threads threads, $connections connections, ${duration}s each; server pid $pid on $(nproc) cores"
run warmup "$work/forecast.json" >/dev/null
run typename "$work/trivial.json"
run forecast "$work/forecast.json"
