"""The initiatives list as data: the same rows as the page, every page of them, streamed from one query.

Each related list (partners, themes, beneficiary groups, places) is a correlated subquery that joins its slugs, so
an initiative stays one row however many it has, and `iterator()` reads the rows a chunk at a time (a server-side
cursor on PostgreSQL): memory stays flat however long the list is.
"""

import csv
import json
from itertools import islice

from django.db.models import Aggregate, OuterRef, Subquery, TextField
from django.http import StreamingHttpResponse
from django.urls import reverse

from ..licence import licence, licensed
from ..models import BeneficiaryGroup, Initiative, Place, Theme
from ..models.initiative import published_organisations

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
LISTS = ["partners", "themes", "beneficiary_groups", "places"]
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


def export_values(queryset):
    """One dict per initiative of `queryset`, in its order: its fields, the slugs of its foreign keys, and each
    list as a SEPARATOR-joined text (None when empty)."""
    return (
        queryset.prefetch_related(None)
        .annotate(
            partner_slugs=slugs_of(Initiative.partners, published_organisations()),
            theme_slugs=slugs_of(Initiative.themes, Theme.objects.all()),
            beneficiary_group_slugs=slugs_of(Initiative.beneficiary_groups, BeneficiaryGroup.objects.all()),
            place_slugs=slugs_of(Initiative.places, Place.objects.all()),
        )
        .values(
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
            "partner_slugs",
            "theme_slugs",
            "beneficiary_group_slugs",
            "place_slugs",
        )
    )


def sorted_slugs(joined):
    return sorted(joined.split(SEPARATOR)) if joined else []


def rows(queryset, request):
    """Each initiative as a dict of COLUMNS; lists are lists of slugs, sorted."""
    # The address is made once and filled in with each slug: reversing it for every row took a third of the time.
    before, _slug, after = request.build_absolute_uri(reverse("initiatives:detail", args=["SLUG"])).rpartition("SLUG")
    for values in export_values(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield {
            "slug": values["slug"],
            "name": values["name"],
            "native_name": values["native_name"],
            "url": before + values["slug"] + after,
            "era": values["era"],
            "status": values["status"],
            "start_year": values["start_year"],
            "end_year": values["end_year"],
            "country": values["country__slug"],
            "lead_organisation": values["lead_organisation__slug"],
            "partners": sorted_slugs(values["partner_slugs"]),
            "parent": values["parent__slug"],
            "themes": sorted_slugs(values["theme_slugs"]),
            "beneficiary_groups": sorted_slugs(values["beneficiary_group_slugs"]),
            "places": sorted_slugs(values["place_slugs"]),
            "summary": values["summary"],
            "website": values["website"],
        }


def chunks(lines):
    """The lines joined a CHUNK_SIZE at a time: fewer, larger writes to the client than one per row."""
    lines = iter(lines)
    while chunk := "".join(islice(lines, CHUNK_SIZE)):
        yield chunk


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for CSV)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def csv_cell(name, value):
    return SEPARATOR.join(value) if name in LISTS else spreadsheet_safe(value)


class Echo:
    def write(self, value):
        return value


def csv_response(queryset, request, filename):
    writer = csv.DictWriter(Echo(), fieldnames=COLUMNS)

    def lines():
        yield writer.writeheader()
        for values in rows(queryset, request):
            yield writer.writerow({name: csv_cell(name, value) for name, value in values.items()})

    response = StreamingHttpResponse(chunks(lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return licensed(response)


def json_response(queryset, request):
    def lines():
        yield '{"columns": ' + json.dumps(COLUMNS) + ', "licence": ' + json.dumps(licence()) + ', "initiatives": ['
        for index, values in enumerate(rows(queryset, request)):
            yield ("," if index else "") + "\n" + json.dumps(values, ensure_ascii=False)
        yield "\n]}\n"

    return licensed(StreamingHttpResponse(chunks(lines()), content_type="application/json; charset=utf-8"))
