#!/usr/bin/env python3
"""Server CPU per request for a household at the bill limit (1,000 monthly bills, one payday) on
MongoDB: the bill list and a one-month forecast, for one or more builds, alternating, two rounds.

  source scripts/ferretdb.sh          # starts FerretDB, exports MONGODB_URI
  bench/large_household.py BIN [BIN...]

The household is made once through the API of the first build (about a minute: a journaled
write per bill) in a new database `largehousehold_<time>`; every build then signs in to it.
wrk runs 8 connections for 6 s per request; CPU ms/req is the server's utime + stime from
/proc over the run divided by the requests wrk completed (bench/cpu.py's helpers). FerretDB
reading 1,000 documents bounds the throughput here (a few requests a second), so only the
server's CPU per request is the figure to compare.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cpu  # noqa: E402

if len(sys.argv) < 2 or "MONGODB_URI" not in os.environ:
    sys.exit(__doc__)
uri = os.environ["MONGODB_URI"].split("?")[0].rstrip("/") + f"/largehousehold_{int(time.time())}"
work = Path(tempfile.mkdtemp(prefix="large-household-"))
args = types.SimpleNamespace(threads=2, connections=8, duration=6, rate=None, others_cpus=None, server_cpus=None)
queries = {
  "bills": '{"query":"{ bills { id name nextDue } }"}',
  "month": '{"query":"{ forecast(from: \\"2026-12-01\\", until: \\"2026-12-31\\", startingBalance: \\"1000.00\\") { dueBeforeNextPayday periods { start setAside bills { date amount bill { name } } } } }"}',
}
for name, body in queries.items():
    (work / f"{name}.json").write_text(body)

def start(binary):
    port = cpu.free_port()
    env = dict(os.environ, DATABASE_URL=uri, HOST="127.0.0.1", PORT=str(port), STATIC_DIR="/nonexistent", RUST_LOG="warn",
               SIGNIN_LIMIT_PER_ADDRESS="1000", SIGNIN_LIMIT_GLOBAL="100000")
    server = subprocess.Popen([binary, "serve"], env=env, stdout=open(work / "server.log", "a"), stderr=subprocess.STDOUT)
    cpu.wait_port(port, server, "server")
    return server, port

def token(port, first):
    op = "signUp" if first else "signIn"
    a = json.loads(cpu.post(port, '{"query":"mutation { %s(email: \\"big@example.com\\", password: \\"benchmark password\\") { token } }"}' % op))
    return a["data"][op]["token"]

bins = sys.argv[1:]
server, port = start(bins[0])
t = token(port, True)
t0 = time.time()
for i in range(1000):
    body = json.dumps({"query": "mutation($i: BillInput!) { createBill(input: $i) { id } }",
                       "variables": {"i": {"name": f"Bill {i:04}", "amount": "10.00",
                                            "schedule": {"start": "2026-01-01", "frequency": "MONTHLY", "daysOfMonth": [i % 28 + 1]}}}})
    answer = json.loads(cpu.post(port, body, t))
    assert "errors" not in answer, answer
payday = json.dumps({"query": "mutation($i: PaydayInput!) { createPayday(input: $i) { id } }",
                     "variables": {"i": {"name": "Salary", "amount": "2400.00",
                                         "schedule": {"start": "2026-01-02", "frequency": "WEEKLY", "interval": 2}}}})
answer = json.loads(cpu.post(port, payday, t))
assert "errors" not in answer, answer
print(f"household created in {time.time()-t0:.0f}s", flush=True)
server.send_signal(signal.SIGINT); server.wait()
for rnd in range(2):
    for b in bins:
        server, port = start(b)
        t = token(port, False)
        for name in queries:
            body = (work / f"{name}.json").read_text()
            size = len(cpu.post(port, body, t))
            for _ in range(5):
                cpu.post(port, body, t)  # warm-up
            before = cpu.cpu_ticks(server.pid)
            res = cpu.wrk(port, work / f"{name}.json", t, args)
            after = cpu.cpu_ticks(server.pid)
            n = int(res.get("requests", 0))
            ms = (after - before) * 1000 / cpu.CLK_TCK / max(n, 1)
            print(f"{Path(b).name:10} {name:6} {size:8} bytes  {n:6} req  {ms:.3f} CPU ms/req  p99 {res.get('p99_ms','?')} ms", flush=True)
        server.send_signal(signal.SIGINT); server.wait()
