"""The benchmark's own databases: where they are, what bench/generate.py recorded in them, and starting afresh.

Only databases whose name starts with catalogue_bench, on 127.0.0.1, are ever dropped.
"""

import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
from generate import MARKER_TABLE

POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/catalogue_bench"
SQLITE_FILE = Path(tempfile.gettempdir()) / "catalogue_bench.sqlite3"
DATABASES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}


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
