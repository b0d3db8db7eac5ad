#!/usr/bin/env bash
# Starts a throwaway FerretDB v1.24 (a MongoDB-wire server on SQLite) on a free loopback port and
# exports MONGODB_URI. Source it: `source scripts/ferretdb.sh`; it stops the server and deletes its
# state when the sourcing shell exits. It also exports FERRETDB_BIN, for the tests that start and
# stop a FerretDB of their own (the database-outage test in tests/process.rs).
#
# With FERRETDB_INSTALL_ONLY=1 it only builds the binary (when missing) and exports FERRETDB_BIN;
# it can then also be run (`FERRETDB_INSTALL_ONLY=1 bash scripts/ferretdb.sh`).
#
# FerretDB is built once into ${XDG_CACHE_HOME:-$HOME/.cache}/wisewallet/ with the Go toolchain.
# `go install …/cmd/ferretdb@v1.24.2` alone gives a binary that panics at start ("Invalid
# build/version/version.txt"): the module ships without that generated file. So the module is
# downloaded with `go mod download`, the file is written as FerretDB's docs say, and it is built.

FERRETDB_VERSION=v1.24.2
ferretdb_cache="${XDG_CACHE_HOME:-$HOME/.cache}/wisewallet/ferretdb-$FERRETDB_VERSION"
ferretdb_bin="$ferretdb_cache/ferretdb"

ferretdb_install() {
  if ! command -v go >/dev/null 2>&1; then
    echo "FerretDB is needed for the MongoDB tests and is built with Go, which is not installed." >&2
    echo "Install Go (https://go.dev/dl, or apt-get install golang), or set MONGODB_URI to a MongoDB server." >&2
    return 1
  fi
  echo "==> building FerretDB $FERRETDB_VERSION into $ferretdb_cache (once)"
  local src dir
  dir=$(cd /tmp && go mod download -json "github.com/FerretDB/FerretDB@$FERRETDB_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || return 1
  [ -n "$dir" ] || { echo "go mod download did not report the FerretDB source" >&2; return 1; }
  src=$(mktemp -d)
  cp -R "$dir/." "$src/" && chmod -R u+w "$src"
  echo "$FERRETDB_VERSION" > "$src/build/version/version.txt"
  mkdir -p "$ferretdb_cache"
  (cd "$src" && go build -trimpath -o "$ferretdb_bin.tmp" ./cmd/ferretdb) && mv "$ferretdb_bin.tmp" "$ferretdb_bin"
  local status=$?
  rm -rf "$src"
  return $status
}

ferretdb_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# FerretDB's debug listener (metrics, pprof) is off (--debug-addr=-): nothing here uses it,
# and a port of its own would be one more that another process can take between being found
# free and being bound, which makes FerretDB exit even after its main listener answered.
ferretdb_start() {
  [ -x "$ferretdb_bin" ] || ferretdb_install || return 1
  ferretdb_state=$(mktemp -d)
  local port
  port=$(ferretdb_free_port)
  "$ferretdb_bin" --handler=sqlite --sqlite-url="file:$ferretdb_state/" --state-dir="$ferretdb_state" \
    --listen-addr="127.0.0.1:$port" --debug-addr=- \
    --telemetry=disable --log-level=error >"$ferretdb_state/ferretdb.log" 2>&1 &
  ferretdb_pid=$!
  trap 'kill "$ferretdb_pid" 2>/dev/null; wait "$ferretdb_pid" 2>/dev/null; rm -rf "$ferretdb_state"' EXIT
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      export MONGODB_URI="mongodb://127.0.0.1:$port/"
      echo "==> FerretDB $FERRETDB_VERSION is listening on 127.0.0.1:$port (pid $ferretdb_pid)"
      return 0
    fi
    if ! kill -0 "$ferretdb_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "FerretDB did not start; its log:" >&2
  cat "$ferretdb_state/ferretdb.log" >&2
  return 1
}

export FERRETDB_BIN="$ferretdb_bin"
if [ "${FERRETDB_INSTALL_ONLY:-}" = 1 ]; then
  [ -x "$ferretdb_bin" ] || ferretdb_install
else
  ferretdb_start
fi
