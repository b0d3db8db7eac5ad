#!/usr/bin/env python3
"""Instructions the server executes per request, on SQLite and on FerretDB: load-independent.

bench/cpu.py measures CPU time, which on this shared two-core machine also depends on what
else runs (FerretDB takes 7 ms of CPU per forecast on the same cores) and on how often the
server's threads sleep and wake. This counts instructions instead, with callgrind: the release
binary runs under valgrind, the benchmark household of bench/household.py is created through
the API and warmed up with 20 requests, then N requests are sent one at a time. The run is
made twice, with N and with 5 N requests; the difference in the server's total instructions
divided by 4 N is the cost of one request, without the start-up, sign-up (an Argon2 hash) and
warm-up that both runs share. User-space instructions only: the kernel's work (syscalls,
scheduling) is not counted.

  bench/instructions.py --bin PATH                      forecast, both stores, N = 25
  bench/instructions.py --bin PATH --query typename --stores sqlite -n 50
  bench/instructions.py --bin PATH --parts              also where a forecast's instructions go

With --parts it also prints, per request, the inclusive instructions of a forecast's main parts
(the store's reads, entry decoding, the driver's finds, the forecast engine, the response walk,
validation), the same difference of the two runs taken function by function: the binary needs
its symbols for that (a release build with CARGO_PROFILE_RELEASE_STRIP=false, as
docs/benchmarks.md builds it).

Needs valgrind (apt-get install valgrind) and, for FerretDB, the binary scripts/ferretdb.sh
builds into ~/.cache/wisewallet/. Takes about 15 s per store and query.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cpu

QUERIES = dict(cpu.QUERIES)


def run(binary, store, query, count, work):
    """The server's total instructions for start-up, the household, warm-up and `count` requests, and
    the callgrind output they were read from."""
    ferret = None
    if store == "ferretdb":
        state = work / "ferretdb"
        state.mkdir()
        port = cpu.free_port()
        ferret = subprocess.Popen([str(cpu.FERRETDB_BIN), "--handler=sqlite", f"--sqlite-url=file:{state}/",
                                   f"--state-dir={state}", f"--listen-addr=127.0.0.1:{port}",
                                   "--debug-addr=-", "--telemetry=disable",
                                   "--log-level=error"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cpu.wait_port(port, ferret, "FerretDB")
        url = f"mongodb://127.0.0.1:{port}/bench"
    else:
        url = f"sqlite://{work}/bench.db"
    port = cpu.free_port()
    env = dict(os.environ, DATABASE_URL=url, HOST="127.0.0.1", PORT=str(port), STATIC_DIR="/nonexistent",
               RUST_LOG="warn")
    out = work / f"callgrind.{count}.out"
    server = subprocess.Popen(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", str(binary), "serve"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if server.poll() is not None:
                sys.exit("the server exited at start under valgrind")
            try:
                cpu.post(port, json.dumps({"query": "{ __typename }"}))
                break
            except OSError:
                time.sleep(0.1)
        signup = ('{"query":"mutation { signUp(email: \\"bench@example.com\\", password: \\"benchmark password\\") '
                  '{ token } }"}')
        token = json.loads(cpu.post(port, signup))["data"]["signUp"]["token"]
        household = subprocess.run([sys.executable, str(cpu.ROOT / "bench" / "household.py")], check=True,
                                   capture_output=True, text=True).stdout
        for op in household.splitlines():
            cpu.post(port, op, token)
        body = json.dumps({"query": query})
        first = cpu.post(port, body, token)
        assert b'"errors"' not in first, first[:300]
        for _ in range(19 + count):
            cpu.post(port, body, token)
    finally:
        server.terminate()
        server.wait()
        if ferret:
            ferret.terminate()
            ferret.wait()
    for line in out.read_text().splitlines():
        if line.startswith("totals:") or line.startswith("summary:"):
            return int(line.split()[1]), out
    sys.exit(f"no total in {out}")


# (label, what the function's name holds): the inclusive figure of each function whose name holds
# it (a closure of an async fn, so its polls too), the largest of them taken. None of these calls
# itself, directly or not, which would count the inner calls twice.
PARTS = [
    ("the session and its user (store)", "Store>::session_user::{{closure}}"),
    ("the bills and paydays (store)", "bills_and_paydays::{{closure}}"),
    ("  of which entry decoding", ("EntryDoc::read", "entries::entry_from_row")),
    ("the MongoDB driver's finds, all of them", "mongodb::action::find::Find<T> as core::future::into_future"),
    ("the forecast engine", "wisewallet::domain::forecast::compute"),
    ("the response walk", "graphql::forecast::Forecast as wisewallet::graphql::direct::DirectObject>::field"),
    ("validation", "async_graphql::validation::check_rules"),
]


def inclusive(out):
    """Each function's inclusive instructions in a callgrind output: its own, and the inclusive cost
    callgrind recorded for each call it made. In callgrind's format a `fn=` line starts a
    function's cost lines (a position, then the cost), and the cost line after a `calls=` line is
    that call's inclusive cost; a name is given once, with its number (in a `fn=` or a `cfn=`
    line), then the number alone."""
    names, costs, function = {}, {}, None
    for line in out.read_text().splitlines():
        if line.startswith(("fn=", "cfn=")):
            key, _, name = line.partition("=")[2].partition(" ")
            names.setdefault(key, name or key)
            if line.startswith("fn="):
                function = names[key]
        elif function and line[:1] in "0123456789+-*":
            fields = line.split()
            if len(fields) > 1 and fields[1].isdigit():
                costs[function] = costs.get(function, 0) + int(fields[1])
    return costs


def parts(short, long, requests):
    """The instructions per request of each of PARTS, from the short and the long run's outputs."""
    before, after = inclusive(short), inclusive(long)
    for label, names in PARTS:
        names = (names,) if isinstance(names, str) else names
        found = [after[key] - before.get(key, 0) for key in after if any(name in key for name in names)]
        if found and max(found) > 0:
            print(f"    {label:<40} {max(found) / requests:>12,.0f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", required=True, help="the wisewallet binary (a release build; --parts needs its symbols)")
    parser.add_argument("--query", default="forecast", choices=sorted(QUERIES))
    parser.add_argument("--stores", default="sqlite,ferretdb")
    parser.add_argument("-n", type=int, default=25, help="requests in the short run; the long one sends 5 n")
    parser.add_argument("--parts", action="store_true", help="also the instructions of each part of a request")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind is needed: apt-get install valgrind")
    for store in args.stores.split(","):
        if store == "ferretdb" and not cpu.FERRETDB_BIN.exists():
            sys.exit(f"no FerretDB at {cpu.FERRETDB_BIN}: run `source scripts/ferretdb.sh` once to build it")
        with tempfile.TemporaryDirectory() as tmp:
            runs = []
            for count in (args.n, 5 * args.n):
                work = Path(tmp) / str(count)
                work.mkdir()
                runs.append(run(Path(args.bin).resolve(), store, QUERIES[args.query], count, work))
            (short, short_out), (long, long_out) = runs
            per_request = (long - short) / (4 * args.n)
            print(f"{store:<9} {args.query:<9} {per_request:>12,.0f} instructions per request")
            if args.parts:
                parts(short_out, long_out, 4 * args.n)


if __name__ == "__main__":
    main()
