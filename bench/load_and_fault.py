"""Load and fault run: `make serve` on PostgreSQL under 50 concurrent clients, with the database stopped midway.

    .venv/bin/python bench/load_and_fault.py            # 60 s, 50 connections, PostgreSQL down for 10 s
    .venv/bin/python bench/load_and_fault.py --no-fault # the same load without stopping PostgreSQL
    .venv/bin/python bench/load_and_fault.py --existing --database postgres://postgres@127.0.0.1:5432/catalogue_bench
                                                        # the benchmark's catalogue (`make bench SIZE=100000` first)

Loopback only, bounded in time. It (re)creates the database `catalogue_load` (any name must start with
catalogue_load) and loads the catalogue, or with --existing serves the catalogue a database already holds, with
`make serve` on a free port, and requests the list, a detail page and the CSV export of Denmark's initiatives (the
whole catalogue, when it holds the Denmark report alone) as a TLS-ending proxy would (X-Forwarded-Proto: https). The fault stops the machine's
PostgreSQL cluster (15/main) with pg_ctlcluster and always starts it again.
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

BASE_DIR = Path(__file__).resolve().parents[1]
PATHS = ["/initiatives/", "/initiatives/venligboerne/", "/initiatives.csv?country=denmark"]
CLUSTER = ["15", "main"]


def run(*command, **kw):
    return subprocess.run(command, check=True, cwd=BASE_DIR, **kw)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def recreate_database(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("catalogue_load"):
        sys.exit(f"Refusing to recreate {name!r}: the load database's name must start with catalogue_load.")
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def get(port, path, timeout=10):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https", "Connection": "close"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_served(port, server, seconds=180):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"make serve exited with {server.returncode}")
        try:
            if get(port, "/healthz", timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit("The server did not answer /healthz in time.")


def cluster_command(action):
    return ["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, action] + (
        ["-m", "fast"] if action == "stop" else []
    )


def postgres_is_up():
    return subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0


class Fault(threading.Thread):
    """Stops PostgreSQL at `at` seconds for `seconds`, and always starts it again."""

    def __init__(self, origin, at, seconds):
        super().__init__(daemon=True)
        self.origin, self.at, self.seconds = origin, at, seconds
        self.stopping = self.down = self.starting = self.back = None
        self.error = None

    def run(self):
        time.sleep(max(0.0, self.origin + self.at - time.monotonic()))
        try:
            self.stopping = time.monotonic()
            subprocess.run(cluster_command("stop"), check=True, timeout=60)
            self.down = time.monotonic()
            time.sleep(self.seconds)
        except Exception as error:
            self.error = error
        finally:
            self.starting = time.monotonic()
            self.back = ensure_postgres()


def ensure_postgres():
    """Starts the cluster unless it answers; returns when it first accepted connections."""
    if postgres_is_up():
        return time.monotonic()
    starting = subprocess.Popen(cluster_command("start"))
    deadline = time.monotonic() + 60
    while not postgres_is_up() and time.monotonic() < deadline:
        time.sleep(0.05)
    back = time.monotonic()
    starting.wait(60)
    return back


def client(port, index, deadline, results):
    n = index
    while time.monotonic() < deadline:
        path = PATHS[n % len(PATHS)]
        n += 1
        start = time.monotonic()
        try:
            status = get(port, path)
        except (OSError, http.client.HTTPException) as error:  # a download cut off mid-stream is IncompleteRead
            status = f"{type(error).__name__}"
        results.append((start, time.monotonic(), status, path))


def is_ok(result):
    return isinstance(result[2], int) and 200 <= result[2] < 300


def latency(results):
    values = sorted(end - start for start, end, _, _ in results)
    if not values:
        return "none"
    marks = [
        (name, values[min(len(values) - 1, int(q * len(values)))])
        for name, q in (("p50", 0.5), ("p90", 0.9), ("p99", 0.99))
    ]
    return ", ".join(f"{name} {value * 1000:.0f} ms" for name, value in [*marks, ("max", values[-1])])


def report(results, origin, fault):
    non_2xx = [r for r in results if not is_ok(r)]
    unexpected = [r for r in non_2xx if r[2] != 503]
    print(f"requests: {len(results)} ({len(results) / (results[-1][1] - origin):.0f}/s)")
    for path in PATHS:
        print(f"  {path}: {sum(1 for r in results if r[3] == path)}")
    print(f"non-2xx: {len(non_2xx)}; of which not 503: {len(unexpected)}")
    for start, _, status, path in unexpected[:10]:
        print(f"  sent at {start - origin:.2f} s {path}: {status}")
    print(f"latency, all requests: {latency(results)}")
    if fault is None:
        return
    if fault.error:
        print(f"fault: could not stop PostgreSQL: {fault.error}")
        return
    print(
        f"PostgreSQL: stop at {fault.stopping - origin:.2f} s (down at {fault.down - origin:.2f} s), "
        f"start at {fault.starting - origin:.2f} s, accepting connections at {fault.back - origin:.2f} s"
    )
    before = [r for r in results if r[1] < fault.stopping]
    print(
        f"before the stop: {sum(1 for r in before if not is_ok(r))} non-2xx of {len(before)}; latency {latency(before)}"
    )
    unavailable = [r for r in results if r[2] == 503]
    if unavailable:
        slowest = max(unavailable, key=lambda r: r[1] - r[0])
        print(
            f"503s: {len(unavailable)}, answered from {min(r[1] for r in unavailable) - origin:.2f} s "
            f"to {max(r[1] for r in unavailable) - origin:.2f} s; latency {latency(unavailable)}; "
            f"slowest: {slowest[3]}, sent at {slowest[0] - origin:.2f} s"
        )
    first_ok = min((r[1] for r in results if is_ok(r) and r[0] > fault.down), default=None)
    if first_ok is None:
        print("recovery: no 200 after the database came back")
    else:
        print(f"recovery: first 200 {first_ok - fault.back:.2f} s after PostgreSQL accepted connections again")
    settled = [r for r in results if r[0] > fault.back + 2]
    print(
        f"from 2 s after the return: {sum(1 for r in settled if not is_ok(r))} non-2xx of {len(settled)}; latency {latency(settled)}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/catalogue_load")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--fault-at", type=float, default=25, help="seconds into the run")
    parser.add_argument("--fault-seconds", type=float, default=10)
    parser.add_argument("--no-fault", action="store_true")
    parser.add_argument(
        "--existing", action="store_true", help="serve the catalogue --database holds, migrated, instead of a new one"
    )
    parser.add_argument("--workers", type=int, default=2 * os.cpu_count() + 1)
    args = parser.parse_args()
    if not 0 < args.seconds <= 600:
        sys.exit("--seconds must be between 0 and 600.")
    if not args.no_fault and not postgres_is_up():
        sys.exit("PostgreSQL must be running at the start.")

    port = free_port()
    env = dict(
        os.environ,
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=args.database,
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
        HOST="127.0.0.1",
        PORT=str(port),
        WORKERS=str(args.workers),
    )
    env.pop("DEBUG", None)
    env.pop("SECURE_SSL_REDIRECT", None)
    python = str(BASE_DIR / ".venv" / "bin" / "python")
    if not args.existing:
        recreate_database(args.database)
        run(python, "manage.py", "migrate", "--no-input", "-v0", env=env)
        run(python, "manage.py", "load_catalogue", env=env, stdout=subprocess.DEVNULL)

    log_path = Path(tempfile.gettempdir()) / "catalogue-load-serve.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve"], cwd=BASE_DIR, env=env, stdout=log, stderr=log, start_new_session=True
    )
    fault = None
    try:
        wait_until_served(port, server)
        print(f"make serve on 127.0.0.1:{port}, {args.workers} workers (log: {log_path})")
        print(f"{args.concurrency} clients for {args.seconds:.0f} s on {', '.join(PATHS)}")
        results = []
        origin = time.monotonic()
        deadline = origin + args.seconds
        if not args.no_fault:
            fault = Fault(origin, args.fault_at, args.fault_seconds)
            fault.start()
        clients = [
            threading.Thread(target=client, args=(port, i, deadline, results), daemon=True)
            for i in range(args.concurrency)
        ]
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(args.seconds + 30)
        if fault is not None:
            fault.join(120)
        results.sort()
        report(results, origin, fault)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()
        if not args.no_fault:
            ensure_postgres()
            print(f"PostgreSQL running at the end: {postgres_is_up()}")


if __name__ == "__main__":
    main()
