#!/usr/bin/env python3
"""Soak test: a release server under mixed load for a long time, watching its memory.

    bench/soak.py BINARY [--minutes 10] [--workers 8] [--users 16] [--own 4] [--sample 5]
    DATABASE_URL=mongodb://… bench/soak.py BINARY      (another store; default: a fresh SQLite file)

Starts BINARY (`wisewallet serve`) on a free loopback port, signs up --users accounts and gives
each the household of bench/household.py (30 bills, 2 paydays). Then --workers threads, each
with its own keep-alive connection, loop for --minutes over a mix of what people do:

    30 %  a one-year forecast with every period, bill and payday (DataLoaders included)
    15 %  list bills          15 %  create a bill      10 %  update a bill
    10 %  delete a bill (one the worker made)           10 %  me + estimatedBalance
     5 %  sign in again (Argon2, on the hashing threads) 5 %  a payday forecast headline only

A worker keeps at most --own bills of its own per account (a create past that deletes one
instead, a delete with none creates one), so an account holds between 30 and
30 + workers × own bills and every forecast stays the same size all along (an account that
grew without bound would make later forecasts bigger, or over the response budget). The server's RSS (VmRSS) is sampled every --sample seconds. The report: requests and
requests/s by kind, latency p50/p99, every error by kind and code (an error is a status other
than 200, a GraphQL error, or a request that failed), and RSS first / last / max (first is
after the set-up, before the load), and whether RSS after the --warmup (60 s) is flat within
10 %: each minute's mean RSS within 10 % of their median, and the last minute's within 10 % of
the first's.
Exits 1 on an error, a dead server or RSS that is not flat. Standard library only.
"""
import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "correct horse battery"
FORECAST = """{ forecast(from: "2026-01-01", until: "2026-12-31") { dueBeforeNextPayday totalIncome
  totalBills lowestBalance { date balance } periods { start end income setAside leftover endingBalance
  paydays { date amount payday { name } } bills { date amount bill { id name } }
  plan { setAside safeToSpend contributions { amount reserved bill { name } } } } } }"""
HEADLINE = '{ forecast(from: "2026-01-01") { nextPayday dueBeforeNextPayday periods { setAside } } }'
MIX = [("forecast", 30), ("list", 15), ("create", 15), ("update", 10), ("delete", 10),
       ("me", 10), ("sign_in", 5), ("headline", 5)]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def flatness(samples, warmup):
    """Is RSS flat after the warm-up? RSS is averaged over each minute after it (a 5-second
    sample catches whatever requests are in flight at that instant); flat means every minute's
    mean within 10 % of their median, and the last minute within 10 % of the first (no drift).
    The single samples' extremes are reported beside it."""
    steady = [(t, r) for t, r in samples if t >= warmup]
    if len(steady) < 2:
        return None
    by_minute = defaultdict(list)
    for t, r in steady:
        by_minute[int((t - warmup) // 60)].append(r)
    minutes = [sum(rs) / len(rs) for _, rs in sorted(by_minute.items()) if len(rs) >= 3]
    if len(minutes) < 2:
        return None
    ordered = sorted(minutes)
    median = ordered[len(ordered) // 2]
    values = [r for _, r in steady]
    return {"median": median, "minutes": minutes, "low": ordered[0] / median - 1,
            "high": ordered[-1] / median - 1, "drift": minutes[-1] / minutes[0] - 1,
            "sample_low": min(values), "sample_high": max(values),
            "flat": max(abs(ordered[0] / median - 1), abs(ordered[-1] / median - 1),
                        abs(minutes[-1] / minutes[0] - 1)) <= 0.10}


def rss_mib(pid, part="VmRSS"):
    """VmRSS, or one of its parts (RssAnon: the heap and stacks; RssFile: mapped files;
    RssShmem: shared memory such as SQLite's WAL index), in MiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(part + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


class Client:
    """One keep-alive connection; reconnects after a failure."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def post(self, query, token=None, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}})
        headers = {"content-type": "application/json"}
        if token:
            headers["authorization"] = f"Bearer {token}"
        for attempt in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.conn.request("POST", "/graphql", body, headers)
                response = self.conn.getresponse()
                data = response.read()
                status = response.status
                break
            except (OSError, http.client.HTTPException) as e:
                self.conn = None
                # A kept-alive connection the server closed (idle timeout) is retried once.
                if attempt == 1 or not isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError,
                                                      ConnectionResetError)):
                    return None, f"request failed: {type(e).__name__}"
        try:
            parsed = json.loads(data)
        except ValueError:
            return None, f"HTTP {status}, not JSON"
        errors = parsed.get("errors")
        if status != 200 or errors:
            code = (errors or [{}])[0].get("extensions", {}).get("code")
            return None, f"HTTP {status} {code}"
        return parsed["data"], None


def household():
    out = subprocess.run([sys.executable, os.path.join(HERE, "household.py")], check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def set_up(port, users):
    client = Client(port)
    accounts = []
    operations = household()
    for n in range(users):
        email = f"soak{n}@example.com"
        data, error = client.post("mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { token } }",
                                  variables={"e": email, "p": PASSWORD})
        if error:
            raise RuntimeError(f"sign-up failed: {error}")
        token = data["signUp"]["token"]
        for op in operations:
            _, error = client.post(op["query"], token, op["variables"])
            if error:
                raise RuntimeError(f"set-up failed: {error}")
        accounts.append({"email": email, "token": token})
    return accounts


def worker(port, accounts, deadline, results, lock, seed, own):
    rng = random.Random(seed)
    client = Client(port)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    mine = defaultdict(list)  # bills this worker created, by account
    while time.monotonic() < deadline:
        account = rng.choice(accounts)
        token = account["token"]
        kind = rng.choices(kinds, weights)[0]
        if kind == "delete" and not mine[account["email"]]:
            kind = "create"
        elif kind == "create" and len(mine[account["email"]]) >= own:
            kind = "delete"
        started = time.monotonic()
        if kind == "forecast":
            data, error = client.post(FORECAST, token)
        elif kind == "headline":
            data, error = client.post(HEADLINE, token)
        elif kind == "list":
            data, error = client.post("{ bills { id name amount nextDue } }", token)
        elif kind == "me":
            data, error = client.post("{ me { email balance estimatedBalance } }", token)
        elif kind == "create":
            name = f"Soak {rng.randrange(10**9)}"
            data, error = client.post(
                "mutation($i: BillInput!) { createBill(input: $i) { id } }", token,
                {"i": {"name": name, "amount": f"{rng.randrange(1, 50000) / 100:.2f}",
                       "schedule": {"start": "2026-01-05", "frequency": "MONTHLY"}}})
            if data:
                mine[account["email"]].append(data["createBill"]["id"])
        elif kind == "update":
            if mine[account["email"]]:
                bill = rng.choice(mine[account["email"]])
                data, error = client.post(
                    "mutation($id: ID!, $p: BillPatch!) { updateBill(id: $id, patch: $p) { id } }", token,
                    {"id": bill, "p": {"amount": f"{rng.randrange(1, 50000) / 100:.2f}", "notes": "soaked"}})
            else:
                data, error = client.post("mutation { updateSettings(input: { currency: \"USD\" }) { id } }", token)
        elif kind == "delete":
            bill = mine[account["email"]].pop()
            data, error = client.post("mutation($id: ID!) { deleteBill(id: $id) }", token, {"id": bill})
        else:  # sign_in
            data, error = client.post(
                "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }",
                variables={"e": account["email"], "p": PASSWORD})
            if data:
                account["token"] = data["signIn"]["token"]
        elapsed = time.monotonic() - started
        with lock:
            results["count"][kind] += 1
            results["latency"][kind].append(elapsed)
            if error:
                results["errors"][(kind, error)] += 1


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--sample", type=float, default=5)
    parser.add_argument("--own", type=int, default=4, help="bills of its own a worker keeps per account")
    parser.add_argument("--warmup", type=float, default=60,
                        help="seconds of load before RSS is held to flat within 10 %% (default 60)")
    args = parser.parse_args()

    work = tempfile.TemporaryDirectory()
    port = free_port()
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite://{work.name}/soak.db")
    env.update({
        "HOST": "127.0.0.1", "PORT": str(port), "STATIC_DIR": "/nonexistent", "RUST_LOG": "warn",
        # Every sign-in comes from 127.0.0.1: the per-address and global limits would stop the
        # soak, not measure it (the per-email limit still applies; these sign-ins succeed).
        "SIGNIN_LIMIT_PER_ADDRESS": "1000000", "SIGNIN_LIMIT_GLOBAL": "10000000",
    })
    log = open(os.path.join(work.name, "server.log"), "w")
    server = subprocess.Popen([args.binary, "serve"], env=env, stdout=log, stderr=log)
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.05)
        accounts = set_up(port, args.users)
        samples = [(0.0, rss_mib(server.pid))]
        results = {"count": Counter(), "latency": defaultdict(list), "errors": Counter()}
        lock = threading.Lock()
        started = time.monotonic()
        deadline = started + args.minutes * 60
        threads = [threading.Thread(target=worker, args=(port, accounts, deadline, results, lock, n, args.own),
                                    daemon=True)
                   for n in range(args.workers)]
        for t in threads:
            t.start()
        while time.monotonic() < deadline:
            time.sleep(min(args.sample, max(0.0, deadline - time.monotonic())))
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode}")
            samples.append((time.monotonic() - started, rss_mib(server.pid)))
            done = sum(results["count"].values())
            parts = "  ".join(f"{p[3:].lower()} {rss_mib(server.pid, p):5.1f}" for p in ("RssAnon", "RssFile", "RssShmem"))
            print(f"  {samples[-1][0]:6.0f} s  {done:7d} requests  RSS {samples[-1][1]:6.1f} MiB  ({parts})", flush=True)
        for t in threads:
            t.join(timeout=120)
        seconds = time.monotonic() - started
        alive = server.poll() is None
        sizes = []
        for account in accounts:
            data, _ = Client(port).post("{ bills { id } }", account["token"])
            if data:
                sizes.append(len(data["bills"]))
        total = sum(results["count"].values())
        errors = sum(results["errors"].values())
        rss = [r for _, r in samples]
        print(f"\nsoak: {args.minutes:g} min, {args.workers} workers, {args.users} users, "
              f"database {env['DATABASE_URL'].split(':')[0]}, server pid {server.pid} on {os.cpu_count()} cores")
        print(f"requests: {total} ({total / seconds:.0f}/s), errors: {errors}, server alive: {alive}")
        if sizes:
            print(f"bills per account at the end: {min(sizes)}–{max(sizes)}")
        print("| kind | requests | p50 ms | p99 ms |")
        print("|---|---|---|---|")
        for kind, _ in MIX:
            lat = results["latency"][kind]
            print(f"| {kind} | {results['count'][kind]} | {percentile(lat, 0.5) * 1000:.1f} | "
                  f"{percentile(lat, 0.99) * 1000:.1f} |")
        for (kind, error), n in sorted(results["errors"].items()):
            print(f"error: {kind}: {error} ×{n}")
        print(f"RSS MiB: first {rss[0]:.1f}, last {rss[-1]:.1f}, max {max(rss):.1f} "
              f"({len(samples)} samples every {args.sample:g} s)")
        print("RSS by minute: " + ", ".join(f"{r:.1f}" for t, r in samples if int(t) % 60 < args.sample))
        flat = flatness(samples, args.warmup)
        if flat:
            print(f"RSS after the {args.warmup:g} s warm-up, mean by minute: "
                  + ", ".join(f"{m:.1f}" for m in flat["minutes"])
                  + f"; median {flat['median']:.1f} MiB, {flat['low']:+.1%} / {flat['high']:+.1%} around it, "
                  f"last minute {flat['drift']:+.1%} from the first; single samples "
                  f"{flat['sample_low']:.1f}–{flat['sample_high']:.1f}: "
                  + ("flat within 10 %" if flat["flat"] else "NOT flat within 10 %"))
        if errors:
            log.flush()
            with open(os.path.join(work.name, "server.log")) as f:
                lines = f.read().splitlines()
            causes = Counter(line.split("error=", 1)[-1][:300] for line in lines if "error" in line)
            print("server log, errors by cause:")
            for cause, n in causes.most_common(10):
                print(f"  ×{n}: {cause}")
        return 0 if errors == 0 and alive and (flat is None or flat["flat"]) else 1
    finally:
        server.kill()
        server.wait()
        log.close()
        work.cleanup()


if __name__ == "__main__":
    sys.exit(main())
