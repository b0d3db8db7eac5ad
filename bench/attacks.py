#!/usr/bin/env python3
"""Hostile-input benchmark: each attack class from issue 9 against a fresh server process.

For every class it starts the given binary on a new SQLite file, prepares what the attack
needs (an account, 1,000 daily bills, …), then sends the attack and reports, for the server
process only: CPU seconds spent on the attack (from /proc/<pid>/stat), peak RSS (VmHWM), RSS
afterwards, whether the process survived, how long the attack took to be answered, and how
long /healthz took while it ran. Nothing but the loopback interface is used; every request
loop is bounded in count and time.

    bench/attacks.py path/to/wisewallet [--only CLASS] [--timeout SECONDS]

Build a binary to measure with `cargo build --release` (docs/benchmarks.md says which
profile the published figures used).
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary, extra_env=None):
        self.dir = tempfile.TemporaryDirectory()
        self.port = free_port()
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": f"sqlite://{self.dir.name}/attack.db",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "STATIC_DIR": "/nonexistent",
            "RUST_LOG": "error",
            "REQUEST_TIMEOUT_SECS": "30",
            # The flood classes measure the queue, not the per-address throttle.
            "SIGNIN_LIMIT_PER_ADDRESS": "1000000",
            "SIGNIN_LIMIT_GLOBAL": "1000000",
        })
        env.update(extra_env or {})
        self.log = open(os.path.join(self.dir.name, "server.log"), "w")
        self.proc = subprocess.Popen([binary, "serve"], env=env, stdout=self.log, stderr=self.log)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=1).read()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def alive(self):
        """Still running and answering /healthz (a crashing process may take a moment to go)."""
        try:
            urllib.request.urlopen(self.url("/healthz"), timeout=30).read()
        except OSError:
            pass
        return self.proc.poll() is None

    def cpu(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK

    def status(self, key):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024  # MiB
        return 0.0

    def stop(self):
        if self.alive():
            self.proc.kill()
        self.proc.wait()
        self.log.close()
        self.dir.cleanup()

    def post(self, query, token=None, variables=None, timeout=60, raw=None):
        body = raw if raw is not None else json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(self.url("/graphql"), data=body, method="POST")
        request.add_header("content-type", "application/json")
        if token:
            request.add_header("authorization", f"Bearer {token}")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data = response.read()
                status = response.status
        except urllib.error.HTTPError as e:
            data, status = e.read(), e.code
        except (OSError, urllib.error.URLError, http.client.HTTPException) as e:
            return {"status": None, "error": str(e), "seconds": time.monotonic() - started, "bytes": 0}
        result = {"status": status, "seconds": time.monotonic() - started, "bytes": len(data)}
        try:
            parsed = json.loads(data)
            result["code"] = (parsed.get("errors") or [{}])[0].get("extensions", {}).get("code")
            result["data"] = parsed.get("data")
        except ValueError:
            result["code"] = "not JSON"
        return result

    def sign_up(self, email):
        r = self.post('mutation($e: String!) { signUp(email: $e, password: "correct horse battery") { token } }',
                      variables={"e": email})
        return r["data"]["signUp"]["token"]


def health_probe(server, stop, samples):
    """Times /healthz every 100 ms until `stop` is set."""
    while not stop.is_set():
        started = time.monotonic()
        try:
            urllib.request.urlopen(server.url("/healthz"), timeout=30).read()
            samples.append(time.monotonic() - started)
        except OSError:
            samples.append(float("inf"))
        stop.wait(0.1)


def daily_bills(server, token, n=1000):
    """Creates n daily bills, 250 per request."""
    for first in range(0, n, 250):
        creates = " ".join(
            f'b{i}: createBill(input: {{name: "Bill {i}", amount: "1.00", '
            f'schedule: {{start: "2026-01-01", frequency: DAILY}}}}) {{ id }}'
            for i in range(first, min(first + 250, n)))
        r = server.post(f"mutation {{ {creates} }}", token=token)
        assert r["status"] == 200 and not r.get("code"), r


def no_setup(server):
    return None


def nested_values(server, ctx, timeout):
    depth = 2000
    query = "{ bill(id: " + "[" * depth + "1" + "]" * depth + ") { id } }"
    return [server.post(query, timeout=timeout)], f"{len(query)} B query, lists {depth} deep"


def fragment_bomb(server, ctx, timeout, typename=True, parallel=1):
    leaf = "__typename" if typename else "me { id }"
    query = "query { ...F26 } fragment F0 on Query { " + leaf + " }"
    for level in range(1, 27):
        query += f" fragment F{level} on Query {{ ...F{level - 1} ...F{level - 1} }}"
    with concurrent.futures.ThreadPoolExecutor(parallel) as pool:
        results = list(pool.map(lambda _: server.post(query, timeout=timeout), range(parallel)))
    return results, f"{len(query)} B query, 2^26 expansions, {parallel} at once"


def with_bills(server):
    token = server.sign_up("attacker@example.com")
    daily_bills(server, token)
    server.post('mutation { createPayday(input: {name: "Pay", amount: "2000", schedule: '
                '{start: "2026-01-02", frequency: WEEKLY, interval: 2}}) { id } }', token=token)
    return token


def big_forecast(server, token, timeout):
    query = ('{ forecast(from: "2026-01-01", until: "2030-12-31") { totalBills periods { start '
             'bills { date amount bill { name } } } } }')
    return [server.post(query, token=token, timeout=timeout)], "1,000 daily bills, 5-year forecast"


def aliased_occurrences(server, token, timeout):
    aliases = " ".join(f'o{i}: occurrences(from: "2026-01-01", to: "2030-12-31")' for i in range(10))
    return [server.post(f"{{ bills {{ id {aliases} }} }}", token=token, timeout=timeout)], \
        "1,000 daily bills, occurrences aliased 10× over 5 years"


def typename_aliases(server, token, timeout):
    def alias(i):  # short names, so that 3,900 of them fit in the 64 KiB body limit
        digits = "abcdefghijklmnopqrstuvwxyz0123456789"
        return "a" + digits[i // 1296 % 36] + digits[i // 36 % 36] + digits[i % 36]

    aliases = " ".join(f"{alias(i)}:__typename" for i in range(3900))
    ids = " ".join(f"{alias(i)}:id" for i in range(1999))
    return [server.post(f"{{ bills {{ {aliases} }} }}", token=token, timeout=timeout),
            server.post(f"{{ bills {{ {ids} }} }}", token=token, timeout=timeout)], \
        "1,000 bills × 3,900 __typename aliases, then × 1,999 id aliases"


def with_account(email):
    return lambda server: server.sign_up(email)


def sign_in_flood(server, ctx, timeout):
    idle = server.status("VmRSS")
    query = 'mutation($e: String!) { signIn(email: $e, password: "wrong horse battery") { token } }'
    real_latency = []

    def real_sign_in():
        time.sleep(0.5)
        r = server.post('mutation { signIn(email: "real@example.com", password: "correct horse battery") { token } }',
                        timeout=timeout)
        real_latency.append((r["seconds"], r.get("code")))

    with concurrent.futures.ThreadPoolExecutor(300) as pool:
        side = threading.Thread(target=real_sign_in)
        side.start()
        results = list(pool.map(lambda i: server.post(query, variables={"e": f"rnd{i}@example.com"}, timeout=timeout),
                                range(300)))
        side.join()
    time.sleep(2)
    note = (f"300 concurrent sign-ins; real user's sign-in {real_latency[0][0]:.2f} s ({real_latency[0][1] or 'ok'}); "
            f"RSS idle {idle:.0f} MiB → after {server.status('VmRSS'):.0f} MiB")
    return results, note


def sign_up_aliases(server, ctx, timeout):
    signups = " ".join(f's{i}: signUp(email: "a{i}@example.com", password: "correct horse") {{ token }}'
                       for i in range(200))
    r = server.post(f"mutation {{ {signups} }}", timeout=timeout)
    # Count accounts by signing in to each (the answer itself may be unreadable: 200 cookies).
    made = sum(1 for i in range(200) if server.post(
        f'mutation {{ signIn(email: "a{i}@example.com", password: "correct horse") {{ token }} }}'
    ).get("code") is None) if r.get("status") is None or r.get("code") is None else 0
    return [r], f"200 aliased signUps in one request: {made} accounts created"


def sign_in_race(server, ctx, timeout):
    query = 'mutation($p: String!) { signIn(email: "target@example.com", password: $p) { token } }'
    passwords = ["wrong horse battery"] * 199
    passwords.insert(150, "correct horse battery")
    with concurrent.futures.ThreadPoolExecutor(200) as pool:
        results = list(pool.map(lambda p: server.post(query, variables={"p": p}, timeout=timeout), passwords))
    checked = sum(1 for r in results if r.get("code") in (None, "UNAUTHENTICATED"))
    signed_in = sum(1 for r in results if r.get("code") is None and r.get("status") == 200)
    return results, f"200 concurrent sign-ins for one email: {checked} checked, right password signed in: {signed_in > 0}"


CLASSES = {
    "nested-values": (no_setup, nested_values),
    "fragment-bomb": (no_setup, fragment_bomb),
    "fragment-bomb-x2": (no_setup, lambda s, c, t: fragment_bomb(s, c, t, parallel=2)),
    "big-forecast": (with_bills, big_forecast),
    "aliased-occurrences": (with_bills, aliased_occurrences),
    "typename-aliases": (with_bills, typename_aliases),
    "sign-in-flood": (with_account("real@example.com"), sign_in_flood),
    "sign-up-aliases": (no_setup, sign_up_aliases),
    "sign-in-race": (with_account("target@example.com"), sign_in_race),
}


def run(binary, name, setup, attack, timeout):
    server = Server(binary)
    try:
        ctx = setup(server)  # accounts and bills: not part of the attack's figures
        time.sleep(0.5)
        stop, samples = threading.Event(), []
        probe = threading.Thread(target=health_probe, args=(server, stop, samples))
        cpu_before = server.cpu()
        probe.start()
        try:
            results, note = attack(server, ctx, timeout)
        finally:
            stop.set()
            probe.join()
        alive = server.alive()
        cpu = server.cpu() - cpu_before if alive else float("nan")
        if not alive:
            note += f" — the process died (exit status {server.proc.returncode})"
        peak = server.status("VmHWM") if alive else float("nan")
        rss = server.status("VmRSS") if alive else float("nan")
        codes = sorted({str(r.get("code") or r.get("status") or r.get("error"))[:40] for r in results})
        slowest = max(r["seconds"] for r in results)
        biggest = max(r["bytes"] for r in results)
        health = max(samples) if samples else float("nan")
        return {"class": name, "alive": alive, "cpu_s": cpu, "peak_rss_mib": peak, "rss_after_mib": rss,
                "answer_s": slowest, "response_bytes": biggest, "healthz_max_s": health,
                "codes": codes, "note": note}
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("binary")
    parser.add_argument("--only", action="append", choices=sorted(CLASSES))
    parser.add_argument("--timeout", type=float, default=40, help="client timeout per request (s)")
    args = parser.parse_args()
    print("| class | survived | CPU s | peak RSS MiB | RSS after MiB | answered in s | response bytes | /healthz worst s | codes | note |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in args.only or CLASSES:
        setup, attack = CLASSES[name]
        r = run(args.binary, name, setup, attack, args.timeout)
        print(f"| {r['class']} | {'yes' if r['alive'] else '**no**'} | {r['cpu_s']:.2f} | {r['peak_rss_mib']:.0f} | "
              f"{r['rss_after_mib']:.0f} | {r['answer_s']:.2f} | {r['response_bytes']:,} | {r['healthz_max_s']:.2f} | "
              f"{', '.join(r['codes'])} | {r['note']} |", flush=True)


if __name__ == "__main__":
    main()
