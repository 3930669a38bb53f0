"""The initiatives list as data: the same rows as the page, every page of them, streamed."""

import csv
import json

from django.http import StreamingHttpResponse

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


def row(initiative, request):
    """One initiative as flat values; lists are slugs joined by '; '."""

    def slugs(related):
        return "; ".join(item.slug for item in related.all())

    return {
        "slug": initiative.slug,
        "name": initiative.name,
        "native_name": initiative.native_name,
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
        "era": initiative.era,
        "status": initiative.status,
        "start_year": initiative.start_year,
        "end_year": initiative.end_year,
        "country": initiative.country.slug,
        "lead_organisation": initiative.lead_organisation.slug if initiative.lead_organisation else None,
        "partners": slugs(initiative.partners),
        "parent": initiative.parent.slug if initiative.parent else None,
        "themes": slugs(initiative.themes),
        "beneficiary_groups": slugs(initiative.beneficiary_groups),
        "places": slugs(initiative.places),
        "summary": initiative.summary,
        "website": initiative.website,
    }


def spreadsheet_safe(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice for CSV)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Echo:
    def write(self, value):
        return value


def rows(queryset, request):
    for initiative in queryset.iterator(chunk_size=500):
        yield row(initiative, request)


def csv_response(queryset, request, filename):
    writer = csv.DictWriter(Echo(), fieldnames=COLUMNS)

    def lines():
        yield writer.writeheader()
        for values in rows(queryset, request):
            yield writer.writerow({name: spreadsheet_safe(value) for name, value in values.items()})

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def json_response(queryset, request):
    def chunks():
        yield '{"columns": ' + json.dumps(COLUMNS) + ', "initiatives": ['
        for index, values in enumerate(rows(queryset, request)):
            yield ("," if index else "") + "\n" + json.dumps(values, ensure_ascii=False)
        yield "\n]}\n"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
