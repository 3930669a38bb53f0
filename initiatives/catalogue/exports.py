"""The initiatives list as data: the same rows as the page, every page of them, streamed from one query.

Each related list (partners, themes, beneficiary groups, places) is aggregated into joined slugs per initiative, so
an initiative stays one row however many it has, and the rows are read a chunk at a time (a server-side cursor on
PostgreSQL): memory stays flat however long the list is.
"""

import csv
import json
from itertools import islice

from django.db import connections
from django.db.models import Aggregate, F, OuterRef, Subquery, TextField, Window
from django.db.models.functions import DenseRank
from django.http import StreamingHttpResponse
from django.urls import reverse

from ..licence import licence, licensed
from ..models import Initiative

# Stable column names; the README documents them.
COLUMNS = [
    "slug",
    "name",
    "native_name",
    "url",
    "era",
    "status",
    "start_year",
    "end_year",
    "country",
    "lead_organisation",
    "partners",
    "parent",
    "themes",
    "beneficiary_groups",
    "places",
    "summary",
    "website",
]
SEPARATOR = "; "
# Rows read from the database, and written out, at a time: a download holds about 5 kB of Python objects a row
# while it is being written, so a chunk of 100 keeps it near half a megabyte, and costs a round trip per 100 rows.
CHUNK_SIZE = 100


class JoinedSlugs(Aggregate):
    """Slugs of a group joined by SEPARATOR, in no particular order, NULLs left out: GROUP_CONCAT on SQLite,
    STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = f"%(function)s(%(expressions)s, '{SEPARATOR}')"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra)


def slugs_of(relation, shown):
    """The joined slugs of the records an initiative's many-to-many `relation` ties it to, those of `shown` only.

    Each slug is looked up by primary key from the link rows: with a join instead, PostgreSQL scans the whole
    related table once per initiative."""
    field = relation.field
    links = relation.through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")})
    slug = Subquery(shown.filter(pk=OuterRef(field.m2m_reverse_field_name())).order_by().values("slug"))
    joined = links.order_by().values(field.m2m_field_name()).annotate(slugs=JoinedSlugs(slug))
    return Subquery(joined.values("slugs"))


# The columns of COLUMNS read from each initiative's row, with their lookups; then its id and its place in the
# list's order.
FIELDS = {
    "slug": "slug",
    "name": "name",
    "native_name": "native_name",
    "era": "era",
    "status": "status",
    "start_year": "start_year",
    "end_year": "end_year",
    "summary": "summary",
    "website": "website",
    "country": "country__slug",
    "lead_organisation": "lead_organisation__slug",
    "parent": "parent__slug",
}
# Each list: the many-to-many field of Initiative, and whether only the public records it ties to are named.
JOINED = {
    "partners": ("partners", True),
    "themes": ("themes", False),
    "beneficiary_groups": ("beneficiary_groups", False),
    "places": ("places", False),
}


def ordering(queryset):
    """The queryset's order as expressions, for a window that numbers its rows."""
    terms = []
    for term in queryset.query.order_by:
        if isinstance(term, str):
            term = F(term[1:]).desc() if term.startswith("-") else F(term).asc()
        terms.append(term)
    return terms


def joined_slugs(connection, links):
    """The SQL of (initiative, one column per list of JOINED) for the (initiative, list, slug) rows that the SQL
    `links` selects: each list's slugs joined by SEPARATOR in alphabetical order. SQLite's GROUP_CONCAT takes no
    order of its own (before 3.44): it joins the rows as they come, here sorted."""
    if connection.vendor == "postgresql":
        joined = "STRING_AGG(slug, '{separator}' ORDER BY slug) FILTER (WHERE list = '{name}') AS {name}"
        rows = f"({links}) l"
    else:
        joined = "GROUP_CONCAT(slug, '{separator}') FILTER (WHERE list = '{name}') AS {name}"
        rows = f"(SELECT * FROM ({links}) ORDER BY initiative, slug) l"
    columns = ", ".join(joined.format(separator=SEPARATOR, name=name) for name in JOINED)
    return f"SELECT initiative, {columns} FROM {rows} GROUP BY initiative"


def export_sql(queryset, address):
    """(SQL, params) of one row per initiative of `queryset`, in its order, with the values of COLUMNS: each
    list its slugs joined by SEPARATOR in alphabetical order (None when empty), the `url` `address` with the
    initiative's slug for "SLUG".

    The initiatives are read once; the link rows of all the lists are read together, joined to those
    initiatives and aggregated per initiative in one pass, then joined to them. A subquery per initiative and
    list cost 4 index look-ups a row, run one after the other; an aggregate per list, one pass over the
    initiatives each."""
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    numbered = (
        queryset.prefetch_related(None)
        # Ranked, not numbered: an initiative that a filter across a many-to-many field reads once per match gets
        # one rank, so that DISTINCT keeps it once.
        .annotate(export_position=Window(DenseRank(), order_by=ordering(queryset)))
        .order_by()
        .values(*FIELDS.values(), "pk", "export_position")
    )
    initiatives, params = numbered.query.get_compiler(using=queryset.db).as_sql()
    before, _slug, after = address.rpartition("SLUG")
    cells = {name: f"b.{name}" for name in FIELDS}
    cells["url"] = "%s || b.slug || %s"
    links = []
    for name, (relation, public_only) in JOINED.items():
        field = Initiative._meta.get_field(relation)
        table, initiative, other = map(quote, (field.m2m_db_table(), field.m2m_column_name(), field.m2m_reverse_name()))
        related = field.related_model._meta
        shown = f" AND r.{quote(related.get_field('public').column)}" if public_only else ""
        links.append(
            f"SELECT t.{initiative} AS initiative, '{name}' AS list, r.{quote('slug')} AS slug "
            f"FROM {table} t JOIN {quote(related.db_table)} r ON r.id = t.{other}{shown}"
        )
        cells[name] = f"l.{name}"
    listed = f"SELECT u.initiative, u.list, u.slug FROM ({' UNION ALL '.join(links)}) u JOIN b ON b.id = u.initiative"
    text = (
        f"WITH b({', '.join(FIELDS)}, id, position) AS MATERIALIZED ({initiatives}) "
        f"SELECT {', '.join(cells[column] for column in COLUMNS)} FROM b "
        f"LEFT JOIN ({joined_slugs(connection, listed)}) l ON l.initiative = b.id ORDER BY b.position"
    )
    return text, [*params, before, after]


def rows(queryset, request):
    """One tuple per initiative of `queryset`, in its order, with the values of COLUMNS (lists as joined slugs),
    read a CHUNK_SIZE at a time (through a server-side cursor on PostgreSQL)."""
    address = request.build_absolute_uri(reverse("initiatives:detail", args=["SLUG"]))
    text, params = export_sql(queryset, address)
    with connections[queryset.db].chunked_cursor() as cursor:
        cursor.execute(text, params)
        while found := cursor.fetchmany(CHUNK_SIZE):
            yield from found


def sorted_slugs(joined):
    return sorted(joined.split(SEPARATOR)) if joined else []


def chunks(lines):
    """The lines joined a CHUNK_SIZE at a time: fewer, larger writes to the client than one per row."""
    lines = iter(lines)
    while chunk := "".join(islice(lines, CHUNK_SIZE)):
        yield chunk


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for CSV)."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_cells(row):
    """A row's cells, each text made spreadsheet_safe (inline: a call per cell took a fifth of a download's time)."""
    return ["'" + value if value.__class__ is str and value[:1] in FORMULA_STARTS else value for value in row]


class Echo:
    def write(self, value):
        return value


def csv_response(queryset, request, filename):
    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow(COLUMNS)
        for row in rows(queryset, request):
            yield writer.writerow(csv_cells(row))

    response = StreamingHttpResponse(chunks(lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return licensed(response)


def json_response(queryset, request):
    def lines():
        yield '{"columns": ' + json.dumps(COLUMNS) + ', "licence": ' + json.dumps(licence()) + ', "initiatives": ['
        for index, row in enumerate(rows(queryset, request)):
            record = dict(zip(COLUMNS, row, strict=True))
            for name in JOINED:
                record[name] = record[name].split(SEPARATOR) if record[name] else []
            yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False)
        yield "\n]}\n"

    return licensed(StreamingHttpResponse(chunks(lines()), content_type="application/json; charset=utf-8"))
