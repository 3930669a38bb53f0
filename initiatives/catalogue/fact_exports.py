"""The facts of the list's initiatives as data: one CSV each for figures, funding and awards.

The columns are those of the kind's sheet in the catalogue format (initiatives/exchange/format.py): references as
slugs, an award's givers as slugs separated by spaces, amounts as decimal strings. After them `initiative_url`,
the initiative's page, as the list's own CSV has `url`. Each file is streamed from one query, as that CSV is
(exports.py): the givers are a correlated subquery, so an award stays one row.
"""

import csv
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import F
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from ..exchange.export import CENTS
from ..exchange.format import COLUMNS as SHEET_COLUMNS
from ..exchange.format import REFERENCES
from ..licence import licensed
from ..models import Award, Figure, Funding
from ..models.initiative import published_organisations
from .exports import CHUNK_SIZE, Echo, chunks, slugs_of, sorted_slugs, spreadsheet_safe


@dataclass(frozen=True)
class Kind:
    model: type[models.Model]
    sheet: str
    order: tuple

    @property
    def columns(self):
        return [*SHEET_COLUMNS[self.sheet], "initiative_url"]


# By the name in the address and the file name. Each initiative's facts together, by slug, then by what they
# count or when; what is not stated (a figure of the whole initiative rather than of a place, no year) first.
KINDS = {
    "figures": Kind(
        Figure, "figures", ("initiative__slug", "measure__slug", F("place__slug").asc(nulls_first=True), "-value")
    ),
    "funding": Kind(Funding, "fundings", ("initiative__slug", F("start_year").asc(nulls_first=True))),
    "awards": Kind(Award, "awards", ("initiative__slug", F("year").asc(nulls_first=True), "name")),
}


def fact_values(kind, initiatives):
    """The published facts of `kind` of `initiatives` (a queryset of public initiatives), each as a tuple of the
    sheet's columns; givers as SEPARATOR-joined slugs of published organisations."""
    facts = kind.model.objects.published().filter(initiative__in=initiatives.order_by().values("pk"))
    if kind.model is Award:
        facts = facts.annotate(giver_slugs=slugs_of(Award.givers, published_organisations()))
    paths = [
        "giver_slugs" if column == "givers" else f"{column}__slug" if column in REFERENCES else column
        for column in SHEET_COLUMNS[kind.sheet]
    ]
    return facts.order_by(*kind.order, "pk").values_list(*paths)


def csv_cell(column, value):
    if column == "givers":
        return " ".join(sorted_slugs(value))
    if isinstance(value, Decimal):
        return str(value.quantize(CENTS))  # as the catalogue format writes amounts
    return spreadsheet_safe(value)


def rows(kind, initiatives, request):
    columns = SHEET_COLUMNS[kind.sheet]
    initiative = columns.index("initiative")
    before, _slug, after = request.build_absolute_uri(reverse("initiatives:detail", args=["SLUG"])).rpartition("SLUG")
    for values in fact_values(kind, initiatives).iterator(chunk_size=CHUNK_SIZE):
        yield [
            *(csv_cell(column, value) for column, value in zip(columns, values, strict=True)),
            before + values[initiative] + after,
        ]


def csv_response(name, initiatives, request):
    """The facts of kind `name` of `initiatives`, as a CSV download named with the kind and the day."""
    kind = KINDS[name]
    writer = csv.writer(Echo())

    def lines():
        yield writer.writerow(kind.columns)
        for row in rows(kind, initiatives, request):
            yield writer.writerow(row)

    response = StreamingHttpResponse(chunks(lines()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{timezone.localdate():%Y-%m-%d}.csv"'
    return licensed(response)
