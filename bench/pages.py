"""The pages the benchmark times, and the SQL queries each costs, found in-process on a generated database.

    DATABASE_URL=… .venv/bin/python bench/pages.py OUT.json

Run by bench/run.py with the same settings as the server. Picks the addresses (a populous country and the commonest
theme for the filtered list, the last page, a record with figures, funding and an award, eight initiatives for the
comparison grid), follows the catalogue's redirects to each canonical address, then requests each page once with
Django's test client, counting its queries and timing it (a streamed download is read to its end inside the count).
Writes [{"name", "path", "status", "queries", "seconds"}] and whether REDIS_URL switches a cache on to OUT.json.
"""

import json
import math
import os
import runpy
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]
# The catalogue's redirects (canonical filter order, former slugs) are followed at most this many times.
REDIRECTS = 3


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def addresses(marker):
    """(name, path) of each page, in the order they are timed: the exports last, as they grow the workers most."""
    from django.db.models import Count

    from initiatives.catalogue.views import PAGE_SIZE
    from initiatives.models import Initiative, Theme

    published = Initiative.objects.published()
    generated = published.filter(sources__slug__startswith="bench-report-")
    country = (
        published.values("country__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "country__slug")
        .first()["country__slug"]
    )
    theme = Theme.objects.annotate(n=Count("initiatives")).order_by("-n", "slug").first().slug
    last_page = max(1, math.ceil(published.count() / PAGE_SIZE))
    record = (
        generated.filter(awards__isnull=False, fundings__isnull=False, figures__isnull=False)
        .order_by("pk")
        .values_list("slug", flat=True)
        .first()
    ) or generated.order_by("pk").values_list("slug", flat=True).first()
    grid = list(generated.filter(figures__isnull=False).distinct().order_by("pk").values_list("slug", flat=True)[:8])
    return [
        ("healthz (floor)", "/healthz"),
        ("home", "/"),
        ("list", "/initiatives/"),
        ("list, 2 filters", f"/initiatives/?country={country}&theme={theme}"),
        ("search, common word", f"/initiatives/?q={marker['common_word']}"),
        ("search, rare word", f"/initiatives/?q={marker['rare_word']}"),
        ("list, last page", f"/initiatives/?page={last_page}"),
        ("record page", f"/initiatives/{record}/"),
        ("compare (eras)", "/compare/"),
        (f"compare grid of {len(grid)}", "/compare/?" + "&".join(f"i={slug}" for slug in grid)),
        ("CSV, everything", "/initiatives.csv"),
        ("JSON, everything", "/initiatives.json"),
    ]


def canonical(client, path):
    """The address `path` ends at after the catalogue's redirects, and the response there."""
    for _ in range(REDIRECTS + 1):
        response = client.get(path)
        if response.status_code not in (301, 302) or not response["Location"].startswith("/"):
            return path, response
        response.close()
        path = response["Location"]
    return path, response


def count_queries(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        response.close()
        seconds = time.perf_counter() - started
    return response.status_code, len(queries), seconds


def cache_switchable():
    """Whether the settings give a different cache when REDIS_URL is set: then the benchmark can run it on and off."""
    settings_file = BASE_DIR / "config" / "settings.py"
    without = runpy.run_path(str(settings_file)).get("CACHES")
    os.environ["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    try:
        with_redis = runpy.run_path(str(settings_file)).get("CACHES")
    finally:
        del os.environ["REDIS_URL"]
    return with_redis != without


def main():
    out = Path(sys.argv[1])
    switchable = cache_switchable()
    setup_django()
    from django.db import connection
    from django.test import Client

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import read_marker

    marker = read_marker(connection)
    if marker is None:
        sys.exit("No generated catalogue in this database: run bench/generate.py first.")
    client = Client(SERVER_NAME="127.0.0.1")
    pages = []
    for name, path in addresses(marker):
        path, first = canonical(client, path)
        first.close()
        status, queries, seconds = count_queries(client, path)
        pages.append({"name": name, "path": path, "status": status, "queries": queries, "seconds": seconds})
        print(f"  {name}: {path[:80]} — {status}, {queries} queries, {seconds * 1000:,.0f} ms", flush=True)
    out.write_text(json.dumps({"pages": pages, "cache_switchable": switchable, "marker": marker}))


if __name__ == "__main__":
    main()
