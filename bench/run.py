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
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg2

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
from databases import DATABASES, POSTGRES_URL, SQLITE_FILE, database_url, recreate, stored_marker  # noqa: E402
from generate import version  # noqa: E402
from report import header, table, time_page  # noqa: E402
from serving import Server, free_port  # noqa: E402

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
REDIS_URL = "redis://127.0.0.1:6379/0"


def run(*command, env, **kw):
    return subprocess.run(command, check=True, cwd=BASE_DIR, env=env, **kw)


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
    # The pages are rendered with production settings, whose static file names come from the manifest.
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0", env=env)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        run(PYTHON, str(BENCH_DIR / "pages.py"), out.name, env=env)
        return json.loads(Path(out.name).read_text())


def redis_answers():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


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
