#!/usr/bin/env python3
"""Server CPU per request, on both stores, in one command.

Starts the release binary on a fresh SQLite file, then on a fresh FerretDB (MongoDB wire), then on
"replay": FerretDB behind bench/mongoreplay, a proxy that records the replies to the server's
reads and, once the household exists, answers every read it has seen from that recording. The
server still runs its whole MongoDB path (the driver, the wire protocol over TCP, the decoding
of the same reply bytes) but no database works beside it on this machine's cores, as on Atlas,
where the database is other machines. For each store it
creates the benchmark household of bench/household.py (30 bills, 2 paydays) through the API,
and runs wrk against three requests, one after another:

  typename   `{ __typename }`, signed in: HTTP, auth and GraphQL with nothing to resolve
  forecast   the household forecast of bench/http.sh (one year, every period with its paydays
             and bills, `bill { id name }`; 38 periods, 503 bill occurrences, 58,221 bytes)
  bills      the web app's bill list query (30 bills with their schedules and nextDue)
  feed       GET /calendar/<token>.ics of the same household (issue 13: 31 days back to 366
             ahead, every bill occurrence and payday; ~200 KB of iCalendar)
  feed-304   the same GET with the feed's ETag in If-None-Match: a calendar app's repeat poll
  app        (only with --queries app) the web app's forecast page document over the same year:
             the bills' exceptions, the plan's contributions with nextDue, keys selected twice

For each it prints requests/s, p50 and p99 latency and the server's CPU milliseconds per
request: utime + stime from /proc/<pid>/stat before and after the run, divided by the requests
wrk completed, and which share of it the kernel spent (stime: sockets, epoll, waking threads);
and the context switches of the server's threads per request (/proc/<pid>/task/*/status). On
FerretDB it also prints FerretDB's own CPU per request (a separate process; for replay, the
proxy's and FerretDB's together), and the server's minor page faults per request. Each request
is sent once more after its run and must get the same bytes; on replay, every read of the run
must have been answered from the recording.
wrk shares the machine with the server, so throughput depends on the machine; CPU per request
much less so.

  bench/cpu.py                         build (cargo build --release) and measure
  bench/cpu.py --bin PATH              measure that binary (no build)
  bench/cpu.py --duration 10 --connections 32 --threads 2 --stores sqlite,ferretdb,replay
  bench/cpu.py --bin PATH --perf-dir /tmp/prof   also record a perf profile of each forecast run
  bench/cpu.py --bin PATH --pin        server alone on the last core, wrk and FerretDB on the others
  bench/cpu.py --bin PATH --queries forecast,typename   only those requests (faster runs to alternate builds)
  bench/cpu.py --bin PATH --rate 150   offer about 150 requests/s (both stores at the same load)

Needs wrk (apt-get install wrk) and, for FerretDB, the binary scripts/ferretdb.sh builds into
~/.cache/wisewallet/ (or FERRETDB_BIN); for replay, Go (the proxy is built into the same cache).
"""
import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "wisewallet"
FERRETDB_BIN = Path(os.environ.get("FERRETDB_BIN", CACHE / "ferretdb-v1.24.2" / "ferretdb"))

FORECAST = ('{ forecast(from: "2026-01-01", until: "2026-12-31", startingBalance: "1000.00") { dueBeforeNextPayday '
            'nextPayday totalIncome totalBills lowestBalance { date balance } billsBeforeNextPayday { date amount bill '
            '{ name } } periods { start end income setAside leftover endingBalance paydays { date amount payday { name } } '
            'bills { date amount bill { id name } } } } }')
BILLS = ('query Bills($includeArchived: Boolean! = false) { bills(includeArchived: $includeArchived) { id name amount '
         'nextDue archived ...BillListItem_Bill } } fragment BillListItem_Bill on Bill { id name amount category '
         'autopay archived nextDue schedule { ...ScheduleFields } } fragment ScheduleFields on Schedule { start '
         'frequency interval daysOfMonth until count weekend }')
# The web app's forecast page (frontend/src/features/forecast/api/forecast.ts with its
# fragments, as the client sends it), over the same year as FORECAST instead of its variables.
APP = ('query Forecast { forecast(from: "2026-01-01", until: "2026-12-31", startingBalance: "1000.00") { from until '
       'startingBalance dueBeforeNextPayday shortfallBeforeNextPayday nextPayday totalIncome totalBills lowestBalance '
       '{ date balance } balances { date balance } billsBeforeNextPayday { ...BillOccurrenceItem } periods { start end '
       '...PeriodCard_Period } ...BalanceSeries_Forecast } } fragment OccurrenceExceptionFields on OccurrenceException '
       '{ date skip amount moveTo } fragment BillOccurrenceItem on BillOccurrence { date amount bill { id name autopay '
       'category exceptions { ...OccurrenceExceptionFields } } } fragment EnvelopeList_Contribution on Contribution { '
       'amount reserved bill { id name amount nextDue exceptions { ...OccurrenceExceptionFields } } } fragment '
       'PeriodCard_Period on PayPeriod { start end income setAside leftover endingBalance shortfall paydays { date '
       'amount payday { id name exceptions { ...OccurrenceExceptionFields } } } bills { ...BillOccurrenceItem } plan { '
       'setAside safeToSpend contributions { ...EnvelopeList_Contribution } } } fragment BalanceSeries_Forecast on '
       'Forecast { balances { date balance } lowestBalance { date balance } billsBeforeNextPayday { date amount bill { '
       'name } } periods { paydays { date amount payday { name } } bills { date amount bill { name } } } }')
QUERIES = [("typename", "{ __typename }"), ("forecast", FORECAST), ("bills", BILLS), ("app", APP)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid):
    """utime + stime of a process, in clock ticks."""
    user, system = cpu_split(pid)
    return user + system


def cpu_split(pid):
    """(utime, stime) of a process, in clock ticks: time in its own code, time in the kernel for it."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]), int(fields[12])


def faults(pid):
    """Minor page faults of a process so far: each is a page the kernel had to map (and zero) on
    first touch, e.g. after the allocator gave memory back to it."""
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[7])


def switches(pid):
    """Context switches of a process's threads so far (voluntary: it slept, waiting for work or
    a reply; involuntary: it was preempted). Threads that have exited are not counted."""
    total = 0
    for status in Path(f"/proc/{pid}/task").glob("*/status"):
        try:
            lines = status.read_text().splitlines()
        except OSError:
            continue  # the thread exited
        total += sum(int(l.split()[1]) for l in lines if l.split(":")[0].endswith("ctxt_switches"))
    return total


def mongoreplay():
    """bench/mongoreplay built (Go, standard library only) into the cache, once per source change."""
    source = ROOT / "bench" / "mongoreplay" / "main.go"
    binary = CACHE / f"mongoreplay-{hashlib.sha256(source.read_bytes()).hexdigest()[:12]}"
    if not binary.exists():
        if not shutil.which("go"):
            sys.exit("the replay store needs Go to build bench/mongoreplay (or pass --stores sqlite,ferretdb)")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["go", "build", "-o", str(binary), "."], cwd=source.parent, check=True)
    return binary


def replay_counts(proxy):
    """(replies sent from the recording, reads forwarded to FerretDB while replaying) so far."""
    proxy.send_signal(signal.SIGUSR2)
    line = proxy.stdout.readline().split()
    return tuple(int(field.split("=")[1]) for field in line)


def pinned(cpus):
    """A preexec_fn that restricts the child to `cpus` (None: no restriction)."""
    return None if cpus is None else (lambda: os.sched_setaffinity(0, cpus))


def wait_port(port, proc, what):
    for _ in range(200):
        if proc.poll() is not None:
            sys.exit(f"{what} exited at start")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"{what} did not start listening on {port}")


def post(port, body, token=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body.encode(),
                                     headers={"content-type": "application/json"})
    if token:
        request.add_header("authorization", f"Bearer {token}")
    with urllib.request.urlopen(request) as response:
        return response.read()


def wrk(port, body_file, token, args, path="/graphql", etag=None):
    """Runs wrk: POST of body_file to /graphql, or, with body_file None, GET of path."""
    env = dict(os.environ, BODY_FILE=str(body_file or ""), TOKEN=token or "",
               METHOD="POST" if body_file else "GET", IF_NONE_MATCH=etag or "",
               DELAY_MS=str(round(args.connections * 1000 / args.rate)) if args.rate else "")
    out = subprocess.run(["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s",
                          "-s", str(ROOT / "bench" / "post.lua"), f"http://127.0.0.1:{port}{path}"],
                         env=env, check=True, capture_output=True, text=True,
                         preexec_fn=pinned(args.others_cpus)).stdout
    line = next(l for l in out.splitlines() if l.startswith("RESULT"))
    return dict(kv.split("=") for kv in line.split()[1:])


def measure(store, url, binary, work, args):
    port = free_port()
    env = dict(os.environ, DATABASE_URL=url, HOST="127.0.0.1", PORT=str(port), STATIC_DIR="/nonexistent",
               RUST_LOG=os.environ.get("RUST_LOG", "warn"))
    log = open(work / f"server-{store}.log", "w")
    server = subprocess.Popen([str(binary), "serve"], env=env, stdout=log, stderr=log,
                              preexec_fn=pinned(args.server_cpus))
    try:
        wait_port(port, server, "the server")
        signup = ('{"query":"mutation { signUp(email: \\"bench@example.com\\", password: \\"benchmark password\\") '
                  '{ token } }"}')
        token = json.loads(post(port, signup))["data"]["signUp"]["token"]
        household = subprocess.run([sys.executable, str(ROOT / "bench" / "household.py")], check=True,
                                   capture_output=True, text=True).stdout
        for op in household.splitlines():
            answer = json.loads(post(port, op, token))
            assert "errors" not in answer, answer
        feed = json.loads(post(port, json.dumps({"query": "mutation { createCalendarFeed { url } }"}), token))
        if feed.get("data"):
            feed_path = "/" + feed["data"]["createCalendarFeed"]["url"].split("/", 3)[3]
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{feed_path}") as response:
                feed, etag = response.read(), response.headers["etag"]
            assert feed.startswith(b"BEGIN:VCALENDAR") and etag, feed[:200]
        else:  # a build from before the calendar feed (issue 13), e.g. the "before"
            assert "createCalendarFeed" in json.dumps(feed), feed
            print(f"{store}: this build has no calendar feed; its rows are left out", file=sys.stderr)
            args.queries = {name for name in args.queries if not name.startswith("feed")}
            feed_path = etag = None
        if store == "replay":
            args.proxy.send_signal(signal.SIGUSR1)  # from now on, reads seen once are answered by the proxy
        runs = [(name, query, None, None) for name, query in QUERIES]
        runs += [("feed", None, feed_path, None), ("feed-304", None, feed_path, etag)]
        runs = [run for run in runs if run[0] in args.queries]
        rows = []
        for name, query, path, tag in runs:
            if query is None:
                body_file, answer = None, (b"" if tag else feed)
                request = {"path": path, "etag": tag}
            else:
                body_file = work / f"{name}.json"
                body_file.write_text(json.dumps({"query": query}))
                answer = post(port, body_file.read_text(), token)
                assert b'"errors"' not in answer, answer[:300]
                request = {}
            wrk(port, body_file, token, argparse.Namespace(**{**vars(args), "duration": 2}), **request)  # warm-up
            before, switched, faulted = cpu_split(server.pid), switches(server.pid), faults(server.pid)
            db_pids = [] if store == "sqlite" else [args.ferretdb_pid]
            if store == "replay":
                db_pids.append(args.proxy.pid)  # the proxy's CPU counts as the database's
            db_before = sum(map(cpu_ticks, db_pids))
            replay_before = replay_counts(args.proxy) if store == "replay" else None
            perf = None
            if args.perf_dir and name in args.perf_queries.split(","):
                perf = subprocess.Popen(["perf", "record", "-F", "1999", "-g", "--call-graph", "dwarf,16384",
                                         "-p", str(server.pid), "-o",
                                         str(Path(args.perf_dir) / f"perf-{store}-{name}.data")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(0.5)
            result = wrk(port, body_file, token, args, **request)
            if perf:
                perf.send_signal(2)
                perf.wait()
            after = cpu_split(server.pid)
            used, kernel = sum(after) - sum(before), after[1] - before[1]
            switched = switches(server.pid) - switched
            faulted = faults(server.pid) - faulted
            db_used = (sum(map(cpu_ticks, db_pids)) - db_before) if db_pids else None
            if body_file:  # the same answer after the run: on the replay store, one from the recording
                again = post(port, body_file.read_text(), token)
                assert again == answer, (store, name, again[:300], answer[:300])
            if replay_before:
                counts = zip(replay_counts(args.proxy), replay_before)
                replayed, forwarded = (after - before for after, before in counts)
                # Every read was answered from the recording (handshakes and heartbeats still reach FerretDB).
                assert replayed >= int(result["requests"]) and forwarded == 0, \
                    (store, name, replayed, forwarded, result["requests"])
            if int(result["requests"]) == 0:
                log.flush()
                tail = (work / f"server-{store}.log").read_text().splitlines()[-20:]
                print(f"{store} {name}: wrk completed no request; the server's log ends:", *tail, sep="\n  ",
                      file=sys.stderr)
            requests = max(int(result["requests"]), 1)
            rows.append({
                "store": store, "query": name, "bytes": len(answer), "requests": requests,
                "rps": float(result["rps"]), "p50_ms": float(result["p50_ms"]), "p99_ms": float(result["p99_ms"]),
                "cpu_ms": used * 1000 / CLK_TCK / requests,
                "kernel_share": kernel / used if used else 0.0,
                "switches": switched / requests,
                "faults": faulted / requests,
                "db_cpu_ms": None if db_used is None else db_used * 1000 / CLK_TCK / requests,
                "errors": int(result["non2xx"]),
            })
        return rows
    finally:
        server.terminate()
        server.wait()
        log.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", help="the wisewallet binary to measure (default: build target/release/wisewallet)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--stores", default="sqlite,ferretdb,replay")
    parser.add_argument("--queries", default="typename,forecast,bills,feed,feed-304",
                        help="comma-separated, the requests to measure (default: all five)")
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument("--perf-dir", help="record a CPU profile of the server (perf record, DWARF call graphs) "
                                           "during each measured run of --perf-queries into DIR/perf-STORE-QUERY.data; "
                                           "the CPU figures of those runs include perf's own overhead")
    parser.add_argument("--perf-queries", default="forecast", help="comma-separated (default: forecast)")
    parser.add_argument("--rate", type=float,
                        help="offer about this many requests/s instead of as many as the server answers: each "
                             "connection waits connections/rate seconds before each request (wrk's delay()), "
                             "so both stores can be compared at the same load")
    parser.add_argument("--pin", action="store_true",
                        help="run the server on the last core and wrk and FerretDB on the others, so the "
                             "figures are the server's own and not the cost of sharing its cores' caches with a "
                             "database (as in production, where the database is another machine)")
    args = parser.parse_args()
    args.queries = set(args.queries.split(","))
    known = {name for name, _ in QUERIES} | {"feed", "feed-304"}
    if not args.queries <= known:
        sys.exit(f"unknown --queries: {', '.join(sorted(args.queries - known))} (known: {', '.join(sorted(known))})")
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    cores = sorted(os.sched_getaffinity(0))
    if args.pin and len(cores) < 2:
        sys.exit("--pin needs at least two cores")
    args.server_cpus = {cores[-1]} if args.pin else None
    args.others_cpus = set(cores[:-1]) if args.pin else None
    binary = Path(args.bin) if args.bin else ROOT / "target" / "release" / "wisewallet"
    if not args.bin:
        subprocess.run(["cargo", "build", "--release", "--locked", "--bin", "wisewallet"], cwd=ROOT, check=True)
    stores = args.stores.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if "sqlite" in stores:
            rows += measure("sqlite", f"sqlite://{work}/bench.db", binary, work, args)
        for store in [s for s in stores if s in ("ferretdb", "replay")]:
            if not FERRETDB_BIN.exists():
                sys.exit(f"no FerretDB at {FERRETDB_BIN}: run `source scripts/ferretdb.sh` once to build it")
            state = work / store
            state.mkdir()
            port = free_port()
            ferret = subprocess.Popen([str(FERRETDB_BIN), "--handler=sqlite", f"--sqlite-url=file:{state}/",
                                       f"--state-dir={state}", f"--listen-addr=127.0.0.1:{port}",
                                       "--debug-addr=-", "--telemetry=disable",
                                       "--log-level=error"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      preexec_fn=pinned(args.others_cpus))
            proxy = None
            try:
                wait_port(port, ferret, "FerretDB")
                args.ferretdb_pid = ferret.pid
                address = f"127.0.0.1:{port}"
                if store == "replay":
                    proxy = subprocess.Popen([str(mongoreplay()), f"-upstream={address}"], stdout=subprocess.PIPE,
                                             text=True, preexec_fn=pinned(args.others_cpus))
                    address = proxy.stdout.readline().strip()
                    args.proxy = proxy
                rows += measure(store, f"mongodb://{address}/bench", binary, work, args)
            finally:
                for process in filter(None, (proxy, ferret)):
                    process.terminate()
                    process.wait()
    print(f"\n{binary} — wrk {args.threads} threads, {args.connections} connections, {args.duration}s each, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
          + (f", server pinned to core {cores[-1]}, wrk and FerretDB to {sorted(args.others_cpus)}" if args.pin else ""))
    print(f"{'store':<9} {'query':<9} {'bytes':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} "
          f"{'kernel':>6} {'switches':>8} {'faults':>6} {'db CPU ms/req':>13}")
    for r in rows:
        db = "" if r["db_cpu_ms"] is None else f"{r['db_cpu_ms']:.3f}"
        print(f"{r['store']:<9} {r['query']:<9} {r['bytes']:>7} {r['rps']:>8.0f} {r['p50_ms']:>7.2f} "
              f"{r['p99_ms']:>7.2f} {r['cpu_ms']:>10.3f} {r['kernel_share']:>6.0%} {r['switches']:>8.1f} {r['faults']:>6.1f} {db:>13}" + (f"  ({r['errors']} non-2xx)" if r["errors"] else ""))
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
