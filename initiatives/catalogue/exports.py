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


# The columns each initiative's row is read with, in that order; then its id and its place in the list's order.
FIELDS = [
    "slug",
    "name",
    "native_name",
    "era",
    "status",
    "start_year",
    "end_year",
    "summary",
    "website",
    "country__slug",
    "lead_organisation__slug",
    "parent__slug",
]
# Each list: the many-to-many field of Initiative, and whether only the public records it ties to are named.
JOINED = {
    "partner_slugs": ("partners", True),
    "theme_slugs": ("themes", False),
    "beneficiary_group_slugs": ("beneficiary_groups", False),
    "place_slugs": ("places", False),
}


def ordering(queryset):
    """The queryset's order as expressions, for a window that numbers its rows."""
    terms = []
    for term in queryset.query.order_by:
        if isinstance(term, str):
            term = F(term[1:]).desc() if term.startswith("-") else F(term).asc()
        terms.append(term)
    return terms


def export_sql(queryset):
    """(SQL, params) of one row per initiative of `queryset`, in its order: FIELDS, then each list of JOINED.

    The initiatives are read once; each list is joined slugs, aggregated per initiative over the link rows of those
    initiatives in one pass, then joined to them. A subquery per initiative and list cost 4 index look-ups a row,
    run one after the other."""
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    numbered = (
        queryset.prefetch_related(None)
        # Ranked, not numbered: an initiative that a filter across a many-to-many field reads once per match gets
        # one rank, so that DISTINCT keeps it once.
        .annotate(export_position=Window(DenseRank(), order_by=ordering(queryset)))
        .order_by()
        .values(*FIELDS, "pk", "export_position")
    )
    initiatives, params = numbered.query.get_compiler(using=queryset.db).as_sql()
    aggregate = "STRING_AGG" if connection.vendor == "postgresql" else "GROUP_CONCAT"
    names = [f"f{number}" for number in range(len(FIELDS))]
    lists, joins = [], []
    for number, (relation, public_only) in enumerate(JOINED.values()):
        field = Initiative._meta.get_field(relation)
        table, initiative, other = map(quote, (field.m2m_db_table(), field.m2m_column_name(), field.m2m_reverse_name()))
        related = field.related_model._meta
        shown = f" AND r.{quote(related.get_field('public').column)}" if public_only else ""
        lists.append(f"l{number}.slugs")
        joins.append(
            f"LEFT JOIN (SELECT t.{initiative} AS initiative, {aggregate}(r.{quote('slug')}, '{SEPARATOR}') AS slugs "
            f"FROM {table} t JOIN {quote(related.db_table)} r ON r.id = t.{other}{shown} "
            f"WHERE t.{initiative} IN (SELECT id FROM b) GROUP BY t.{initiative}) l{number} ON l{number}.initiative = b.id"
        )
    text = (
        f"WITH b({', '.join(names)}, id, position) AS MATERIALIZED ({initiatives}) "
        f"SELECT {', '.join(f'b.{name}' for name in names)}, {', '.join(lists)} FROM b {' '.join(joins)} "
        "ORDER BY b.position"
    )
    return text, params


def export_rows(queryset):
    """One tuple per initiative of `queryset`, in its order: FIELDS, then each list of JOINED as a SEPARATOR-joined
    text (None when empty), read a CHUNK_SIZE at a time (through a server-side cursor on PostgreSQL)."""
    text, params = export_sql(queryset)
    with connections[queryset.db].chunked_cursor() as cursor:
        cursor.execute(text, params)
        while found := cursor.fetchmany(CHUNK_SIZE):
            yield from found


def sorted_slugs(joined):
    return sorted(joined.split(SEPARATOR)) if joined else []


def rows(queryset, request):
    """Each initiative as a tuple of the values of COLUMNS, in that order; lists are lists of slugs, sorted."""
    # The address is made once and filled in with each slug: reversing it for every row took a third of the time.
    before, _slug, after = request.build_absolute_uri(reverse("initiatives:detail", args=["SLUG"])).rpartition("SLUG")
    for *fields, partners, themes, beneficiary_groups, places in export_rows(queryset):
        slug, name, native_name, era, status, start_year, end_year, summary, website, country, lead, parent = fields
        yield (
            slug,
            name,
            native_name,
            before + slug + after,
            era,
            status,
            start_year,
            end_year,
            country,
            lead,
            sorted_slugs(partners),
            parent,
            sorted_slugs(themes),
            sorted_slugs(beneficiary_groups),
            sorted_slugs(places),
            summary,
            website,
        )


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
    """A row's cells: lists joined by SEPARATOR, and each text made spreadsheet_safe (inline: a call per cell
    took a fifth of a download's time)."""
    cells = []
    for value in row:
        if isinstance(value, list):
            value = SEPARATOR.join(value)
        if isinstance(value, str) and value[:1] in FORMULA_STARTS:
            value = "'" + value
        cells.append(value)
    return cells


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
            yield ("," if index else "") + "\n" + json.dumps(dict(zip(COLUMNS, row, strict=True)), ensure_ascii=False)
        yield "\n]}\n"

    return licensed(StreamingHttpResponse(chunks(lines()), content_type="application/json; charset=utf-8"))
