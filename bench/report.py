"""Timing one page through the server, and the tables the benchmark prints; bench/README.md says what each
column means."""

import gzip
import math
import time
from collections import Counter

from databases import DATABASES
from serving import fetch

GZIP_LEVEL = 6


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
