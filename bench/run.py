"""The catalogue's benchmark: latency, size and SQL queries of each page at a given size, on PostgreSQL and SQLite.

    make bench SIZE=10000
    .venv/bin/python bench/run.py --size 2000 --databases sqlite --requests 5

For each database it makes a database of its own (PostgreSQL `catalogue_bench`, SQLite a file in the temporary
directory), migrates it and fills it with bench/generate.py, unless it already holds a catalogue generated with the
same size, seed and generator. bench/pages.py then picks the pages and counts their SQL queries in-process;
`make serve` (gunicorn, production settings) serves the database on a free loopback port, and each page is
requested --warmups times, then --requests times, one request at a time, timed to the last byte. Only 127.0.0.1
is spoken to; a request gives up after --timeout seconds and a page after --page-budget seconds, so a run always
ends by itself. See bench/README.md for what each column means.
"""

import argparse
import gzip
import http.client
import json
import math
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
from generate import MARKER_TABLE, version  # noqa: E402

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/catalogue_bench"
SQLITE_FILE = Path(tempfile.gettempdir()) / "catalogue_bench.sqlite3"
DATABASES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
REDIS_URL = "redis://127.0.0.1:6379/0"
GZIP_LEVEL = 6
MIB = 1024 * 1024


def run(*command, env, **kw):
    return subprocess.run(command, check=True, cwd=BASE_DIR, env=env, **kw)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(kind, args):
    return args.postgres_url if kind == "postgresql" else f"sqlite:///{args.sqlite_file}"


def postgres_parts(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.startswith("catalogue_bench"):
        sys.exit(f"Refusing to use {name!r}: the benchmark database's name must start with catalogue_bench.")
    if parts.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("The benchmark only talks to 127.0.0.1.")
    connect = dict(host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password)
    return name, connect


def stored_marker(kind, url):
    """What bench/generate.py recorded in the database, or None (no database, or none generated)."""
    query = f"SELECT facts FROM {MARKER_TABLE}"
    try:
        if kind == "postgresql":
            name, connect = postgres_parts(url)
            with psycopg2.connect(dbname=name, connect_timeout=3, **connect) as connection:
                with connection.cursor() as cursor:
                    cursor.execute(query)
                    found = cursor.fetchone()
            connection.close()
        else:
            path = urlsplit(url).path[1:]
            if not Path(path).exists():
                return None
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                found = connection.execute(query).fetchone()
            finally:
                connection.close()
    except (psycopg2.Error, sqlite3.Error):
        return None
    return json.loads(found[0]) if found else None


def recreate(kind, url):
    if kind == "sqlite":
        path = Path(urlsplit(url).path[1:])
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        return
    name, connect = postgres_parts(url)
    admin = psycopg2.connect(dbname="postgres", connect_timeout=3, **connect)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def prepare(kind, url, args, env):
    """The database's marker, generating the catalogue first unless this size, seed and generator are there."""
    marker = stored_marker(kind, url)
    wanted = {"size": args.size, "seed": args.seed, "version": version()}
    if marker and not args.fresh and all(marker.get(key) == value for key, value in wanted.items()):
        print(f"Reusing the catalogue in {url}: {args.size} initiatives, seed {args.seed}.")
        return {**marker, "reused": True}
    print(f"Generating {args.size} initiatives (seed {args.seed}) into {url}")
    recreate(kind, url)
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    started = time.monotonic()
    run(PYTHON, str(BENCH_DIR / "generate.py"), "--size", str(args.size), "--seed", str(args.seed), env=env)
    wall = time.monotonic() - started
    marker = stored_marker(kind, url)
    if marker is None:
        sys.exit("bench/generate.py left no marker in the database.")
    return {**marker, "reused": False, "wall_seconds": round(wall, 1)}


def probe(env):
    """The pages to time, each with its canonical address and SQL queries (bench/pages.py)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run(PYTHON, str(BENCH_DIR / "pages.py"), out.name, env=env)
        return json.loads(Path(out.name).read_text())


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


# --- The server and its workers' memory ---------------------------------------------------------------------


def processes():
    """{pid: (parent pid, command line)} of every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        found[int(entry.name)] = (int(stat.rpartition(")")[2].split()[1]), cmdline)
    return found


def is_gunicorn(cmdline):
    """Whether the process runs gunicorn (`python …/gunicorn …`), not merely names it (`sh -c "… gunicorn …"`)."""
    return any(Path(os.fsdecode(arg)).name == "gunicorn" for arg in cmdline.split(b"\0")[:2])


def gunicorn_workers(root):
    """The gunicorn workers under process `root`: gunicorn processes whose parent is gunicorn (the arbiter)."""
    table = processes()
    descendants, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, (parent, _) in table.items() if parent in frontier} - descendants
        descendants |= frontier
    return sorted(
        pid for pid in descendants if is_gunicorn(table[pid][1]) and is_gunicorn(table.get(table[pid][0], (0, b""))[1])
    )


def resident_kib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


class WorkerMemory(threading.Thread):
    """Samples the VmRSS of every gunicorn worker every 20 ms; begin() and end() frame one page's requests."""

    def __init__(self, root):
        super().__init__(daemon=True)
        self.root, self.lock, self.stopping = root, threading.Lock(), threading.Event()
        self.workers, self.peak = gunicorn_workers(root), {}

    def run(self):
        rescan = 0
        while not self.stopping.is_set():
            if time.monotonic() >= rescan:
                self.workers, rescan = gunicorn_workers(self.root), time.monotonic() + 0.5
            self.sample()
            self.stopping.wait(0.02)

    def sample(self):
        with self.lock:
            for pid in self.workers:
                kib = resident_kib(pid)
                if kib is not None:
                    self.peak[pid] = max(kib, self.peak.get(pid, 0))

    def begin(self):
        with self.lock:
            self.peak = {}
        self.sample()
        with self.lock:
            return dict(self.peak)

    def end(self):
        self.sample()
        with self.lock:
            return dict(self.peak)

    def stop(self):
        self.stopping.set()
        self.join(5)


class Server:
    """`make serve` on a free loopback port, with the production settings; stopped with its process group."""

    def __init__(self, env, label):
        self.env, self.port = env, int(env["PORT"])
        self.log_path = Path(tempfile.gettempdir()) / f"catalogue-bench-serve-{label}.log"

    def __enter__(self):
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"make serve exited with {self.process.returncode}; see {self.log_path}")
            if fetch(self.port, "/healthz", timeout=2).status == 200 and gunicorn_workers(self.process.pid):
                self.memory = WorkerMemory(self.process.pid)
                self.memory.start()
                return self
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"The server did not answer /healthz within 180 s; see {self.log_path}")

    def __exit__(self, *exc):
        if getattr(self, "memory", None):
            self.memory.stop()
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self.log.close()


# --- Requests -----------------------------------------------------------------------------------------------


class Result:
    def __init__(self, status, seconds, body=b"", wire=None, error=""):
        self.status, self.seconds, self.body, self.wire, self.error = status, seconds, body, wire, error


def fetch(port, path, timeout):
    """GET `path` from 127.0.0.1:`port`, asking for gzip, reading the whole body within `timeout` seconds in all."""
    started = time.monotonic()
    deadline = started + timeout
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "gzip", "Connection": "close"})
        sock = connection.sock
        response = connection.getresponse()
        chunks = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            sock.settimeout(remaining)
            chunk = response.read1(1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        seconds = time.monotonic() - started
        body = b"".join(chunks)
        if response.getheader("Content-Encoding") == "gzip":
            return Result(response.status, seconds, gzip.decompress(body), wire=len(body))
        return Result(response.status, seconds, body)
    except TimeoutError:
        return Result(None, time.monotonic() - started, error="timeout")
    except (OSError, http.client.HTTPException) as error:
        return Result(None, time.monotonic() - started, error=type(error).__name__)
    finally:
        connection.close()


def percentile(values, share):
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def failure_of(result, log):
    """(short label, sentence) for a request that got no whole answer; `log` is what the server logged meanwhile."""
    if result.error == "timeout":
        return "timeout", f"no whole answer within {result.seconds:.0f} s: reported as a timeout"
    if "WORKER TIMEOUT" in log:
        return "killed", (
            f"{result.error} after {result.seconds:.0f} s: gunicorn killed the worker at its 30 s timeout "
            "(make serve's --timeout 30)"
        )
    return "error", f"{result.error} after {result.seconds:.0f} s"


def time_page(server, page, args):
    """Warm-ups, then the timed requests of one page, bounded by --page-budget; what the table shows of it."""
    started = time.monotonic()
    before = server.memory.begin()
    log_start = server.log_path.stat().st_size
    results, broken = [], None
    for index in range(args.warmups + args.requests):
        result = fetch(server.port, page["path"], args.timeout)
        if result.status is None:
            broken = result
            time.sleep(1)  # for the arbiter to log why
            break
        if index >= args.warmups:
            results.append(result)
        if time.monotonic() - started > args.page_budget and results:
            break
    peak = server.memory.end()
    with server.log_path.open(errors="replace") as log:
        log.seek(log_start)
        logged = log.read()
    row = {**page, "failure": broken and failure_of(broken, logged), "n": len(results)}
    row["killed"] = logged.count("WORKER TIMEOUT")
    row["statuses"] = dict(Counter(result.status for result in results))
    if results:
        times = [result.seconds * 1000 for result in results]
        first = results[0]
        row.update(p50=percentile(times, 0.5), p90=percentile(times, 0.9), bytes=len(first.body))
        if first.wire is not None:
            row.update(gzip=first.wire, gzip_by_server=True)
        else:
            row.update(gzip=len(gzip.compress(first.body, GZIP_LEVEL, mtime=0)), gzip_by_server=False)
    if peak:
        grown = max(peak, key=lambda pid: peak[pid] - before.get(pid, peak[pid]))
        row.update(rss_peak=max(peak.values()), rss_worker=grown, rss_before=before.get(grown), rss_top=peak[grown])
    return row


# --- Output -------------------------------------------------------------------------------------------------


def header(kind, marker, args, cache):
    generated = (
        f"reused (generated earlier in {marker['seconds']} s)"
        if marker["reused"]
        else f"generated in {marker['wall_seconds']} s (generate.py wall time; {marker['seconds']} s after setup)"
    )
    return [
        f"{DATABASES[kind]} — {marker['size']:,} generated initiatives, seed {marker['seed']}: {generated}",
        f"  gunicorn, {args.workers} workers, statement_timeout {args.statement_timeout}; {args.requests} timed "
        f"requests per page after {args.warmups} warm-up{'' if args.warmups == 1 else 's'}; timeout {args.timeout:.0f} s a request, "
        f"{args.page_budget:.0f} s a page",
        f"  search words: common {marker['common_word']!r} (in {marker['common_count']:,} generated initiatives), "
        f"rare {marker['rare_word']!r} (in {marker['rare_count']})",
        f"  cache: {cache}",
    ]


def kib_to_mib(kib):
    return f"{kib / 1024:.0f}" if kib is not None else "–"


def table(rows):
    columns = ["page", "status", "n", "p50 ms", "p90 ms", "in-process ms", "bytes", "gzip bytes", "queries", "RSS MiB"]
    lines, notes = [], []
    for row in rows:
        statuses = ",".join(f"{status}" for status in sorted(row["statuses"]))
        if row["failure"]:
            label, sentence = row["failure"]
            statuses = f"{statuses}+{label}" if statuses else label
            notes.append(f"  {row['name']}: {sentence}.")
        elif row["killed"]:
            notes.append(
                f"  {row['name']}: gunicorn killed the worker {row['killed']} time(s) at its 30 s timeout (warm-ups "
                "included); such a request is answered 500 by gunicorn itself, and counts in the timings."
            )
        measured = "p50" in row
        lines.append(
            [
                row["name"],
                statuses,
                str(row["n"]),
                f"{row['p50']:,.0f}" if measured else "–",
                f"{row['p90']:,.0f}" if measured else "–",
                f"{row['probe_seconds'] * 1000:,.0f}",
                f"{row['bytes']:,}" if measured else "–",
                (f"{row['gzip']:,}" + ("" if row["gzip_by_server"] else "*")) if measured else "–",
                f"{row['queries']}" + ("" if row["probe_status"] == 200 else f" ({row['probe_status']})"),
                kib_to_mib(row.get("rss_peak")),
            ]
        )
    widths = [max(len(column), *(len(line[i]) for line in lines)) for i, column in enumerate(columns)]
    numeric = set(range(2, len(columns)))

    def render(cells):
        return "  ".join(
            cell.rjust(width) if index in numeric else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [render(columns), render(["-" * width for width in widths])]
    out += [render(line) for line in lines]
    out += notes
    if any(row.get("gzip_by_server") is False for row in rows):
        out.append(f"  * the server sent it uncompressed; gzip bytes is its body compressed here (level {GZIP_LEVEL}).")
    for row in rows:
        if row["path"].startswith(("/initiatives.csv", "/initiatives.json")) and row.get("rss_worker"):
            out.append(
                f"  {row['name']}: worker {row['rss_worker']} RSS {kib_to_mib(row['rss_before'])} MiB before, "
                f"peak {kib_to_mib(row['rss_top'])} MiB while streaming"
            )
    return out


# --- The run ------------------------------------------------------------------------------------------------


def base_env(url, args, secret):
    env = dict(
        os.environ,
        SECRET_KEY=secret,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        SECURE_SSL_REDIRECT="0",
        DATABASE_STATEMENT_TIMEOUT=args.statement_timeout,
    )
    # Not DEBUG or a cache from the caller's environment, nor what `make bench VAR=…` passes down in MAKEFLAGS:
    # `make serve` takes HOST, PORT and WORKERS from here alone.
    for name in ("DEBUG", "REDIS_URL", "SECURE_PROXY_SSL_HEADER", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"):
        env.pop(name, None)
    return env


def bench_database(kind, args, secret):
    url = database_url(kind, args)
    env = base_env(url, args, secret)
    marker = prepare(kind, url, args, env)
    print("Counting queries in-process:")
    info = probe(env)
    modes = [("off", {})]
    if info["cache_switchable"]:
        if redis_answers():
            modes.append(("on", {"REDIS_URL": REDIS_URL}))
            cache = "runs with the cache off, then on (REDIS_URL)"
        else:
            cache = "the settings switch one on with REDIS_URL, but no Redis answers on 127.0.0.1:6379: off only"
    else:
        cache = "not available (the settings have no cache an environment variable switches on): cold, cache off only"
    output = header(kind, marker, args, cache)
    for mode, extra in modes:
        pages = info["pages"] if mode == "off" else probe({**env, **extra})["pages"]
        port = free_port()
        server_env = {**env, **extra, "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": str(args.workers)}
        rows = []
        with Server(server_env, f"{kind}-{mode}") as server:
            print(f"make serve on 127.0.0.1:{port} ({DATABASES[kind]}, cache {mode}); log: {server.log_path}")
            for page in pages:
                row = time_page(
                    server, {**page, "probe_status": page["status"], "probe_seconds": page["seconds"]}, args
                )
                rows.append(row)
                measured = f"p50 {row['p50']:,.0f} ms" if "p50" in row else row["failure"][1]
                print(f"  {page['name']}: {measured}", flush=True)
        if len(modes) > 1:
            output.append(f"  cache {mode}:")
        output += table(rows)
    return output


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--databases", default="postgresql,sqlite", help="comma-separated: postgresql, sqlite")
    parser.add_argument("--size", type=int, default=10_000, help="initiatives to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=10, help="timed requests per page (default 10)")
    parser.add_argument("--warmups", type=int, default=2, help="untimed requests before them (default 2)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before a request counts as a timeout")
    parser.add_argument("--page-budget", type=float, default=300, help="seconds after which a page stops being timed")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--statement-timeout",
        default="60s",
        help="PostgreSQL statement_timeout for the run (production's default is 15s; 60s lets slow pages be measured)",
    )
    parser.add_argument("--fresh", action="store_true", help="regenerate even if the database holds this catalogue")
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--sqlite-file", type=Path, default=SQLITE_FILE)
    args = parser.parse_args()
    args.databases = [name.strip() for name in args.databases.split(",") if name.strip()]
    if not args.databases or set(args.databases) - set(DATABASES):
        parser.error("--databases takes postgresql, sqlite or both, comma-separated.")
    if not 1 <= args.size <= 1_000_000:
        parser.error("--size must be between 1 and 1000000.")
    if not 1 <= args.requests <= 1000 or not 0 <= args.warmups <= 100:
        parser.error("--requests must be between 1 and 1000, --warmups between 0 and 100.")
    if not 0 < args.timeout <= 600 or not 0 < args.page_budget <= 3600:
        parser.error("--timeout must be at most 600 s, --page-budget at most 3600 s.")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be between 1 and 16.")
    if "sqlite" in args.databases and not args.sqlite_file.is_absolute():
        args.sqlite_file = args.sqlite_file.resolve()
    return args


def main():
    args = parse_args()
    secret = secrets.token_urlsafe(50)
    report = []
    for kind in args.databases:
        try:
            report += bench_database(kind, args, secret)
        except (subprocess.CalledProcessError, RuntimeError, psycopg2.Error) as error:
            report.append(f"{DATABASES[kind]}: the benchmark could not run: {error}")
        report.append("")
    print()
    print("\n".join(report))


if __name__ == "__main__":
    main()
