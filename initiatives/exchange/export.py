"""The published catalogue as one catalogue-format file (format.py), in a fixed number of queries.

Drafts and whatever the public site hides with them are left out, through the same `published()` querysets the
site uses; sources, places, themes, beneficiary groups, measures and findings have no drafts. Rows come in a
fixed order, named records by slug, so two exports of the same catalogue differ only in their time.
"""

import json
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from organisations.models import Organisation

from ..models import Award, BeneficiaryGroup, Figure, Finding, Funding, Initiative, Measure, Place, Source, Theme
from .format import COLUMNS, LISTS, REFERENCES, VERSION

CENTS = Decimal("0.01")


def catalogue(now=None):
    """Every published record, as the catalogue format's top-level object."""
    organisations = Organisation.objects.published()
    initiatives = Initiative.objects.published()
    awards = Award.objects.published()
    return {
        "format": VERSION,
        "exported": (now or timezone.now()).isoformat(timespec="seconds"),
        "licence": licence(),
        "sources": rows("sources", Source.objects.all()),
        "places": rows("places", Place.objects.all()),
        "organisations": rows(
            "organisations",
            organisations,
            sources=linked(
                Organisation.sources.through.objects.filter(organisation__in=organisations), "organisation", "source"
            ),
        ),
        "initiatives": rows("initiatives", initiatives, **initiative_lists(initiatives, organisations)),
        "themes": rows("themes", Theme.objects.all()),
        "beneficiary_groups": rows("beneficiary_groups", BeneficiaryGroup.objects.all()),
        "measures": rows("measures", Measure.objects.all()),
        "figures": facts("figures", Figure.objects.published()),
        "fundings": facts("fundings", Funding.objects.published()),
        "awards": facts("awards", awards, givers=givers(awards, organisations)),
        "findings": facts("findings", Finding.objects.all()),
    }


def as_json(data):
    """The file's text: the same bytes from the command and from the download."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def licence():
    """The licence the catalogue is published under (settings.CATALOGUE_LICENCE), as {name, url}, or None."""
    value = getattr(settings, "CATALOGUE_LICENCE", None)
    return {"name": value["name"], "url": value.get("url", "")} if value else None


def read(kind, queryset, **lists):
    """Each record's pk and row of `kind`'s columns: references as slugs, `lists` ({column: {pk: slugs}}) sorted."""
    columns = [column for column in COLUMNS[kind] if column not in lists]
    paths = (f"{column}__slug" if column in REFERENCES else column for column in columns)
    found = queryset.order_by().values_list("pk", *paths)
    for pk, *values in found:
        row = dict(zip(columns, (cell(value) for value in values), strict=True))
        row.update({name: sorted(slugs.get(pk, ())) for name, slugs in lists.items()})
        yield pk, {column: row[column] for column in COLUMNS[kind]}


def rows(kind, queryset, **lists):
    return sorted((row for _pk, row in read(kind, queryset, **lists)), key=lambda row: row["slug"])


def facts(kind, queryset, **lists):
    """Facts have no slug: they come in the order of their columns' values, references first."""
    found = (row for _pk, row in read(kind, queryset, **lists))
    return sorted(found, key=lambda row: [sort_key(value) for value in row.values()])


def stored(kind, queryset):
    """{pk: row} of the records in `queryset`, drafts or not, with every record their lists name."""
    model = queryset.model
    lists = {}
    for column in LISTS.get(kind, ()):
        field = model._meta.get_field(column)
        owner, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        lists[column] = linked(field.remote_field.through.objects.filter(**{f"{owner}__in": queryset}), owner, target)
    return dict(read(kind, queryset, **lists))


def cell(value):
    # Amounts keep their cents as a string, so no reader rounds them through a float.
    return str(value.quantize(CENTS)) if isinstance(value, Decimal) else value


def sort_key(value):
    if value is None:
        return (0, "")
    if isinstance(value, bool | int):
        return (1, int(value))
    return (2, str(value))


def linked(through, owner, target):
    """{owner pk: [slug of each linked `target`]} from the rows of a many-to-many table, in one query."""
    slugs = defaultdict(list)
    for pk, slug in through.values_list(f"{owner}_id", f"{target}__slug"):
        slugs[pk].append(slug)
    return slugs


def initiative_lists(initiatives, organisations):
    """The many-to-many columns of the published initiatives; partners only where published, as on their pages."""
    through = {
        field: getattr(Initiative, field).through.objects.filter(initiative__in=initiatives)
        for field in ("partners", "themes", "beneficiary_groups", "places", "sources")
    }
    return {
        "partners": linked(through["partners"].filter(organisation__in=organisations), "initiative", "organisation"),
        "themes": linked(through["themes"], "initiative", "theme"),
        "beneficiary_groups": linked(through["beneficiary_groups"], "initiative", "beneficiarygroup"),
        "places": linked(through["places"], "initiative", "place"),
        "sources": linked(through["sources"], "initiative", "source"),
    }


def givers(awards, organisations):
    """The published organisations that gave each published award."""
    through = Award.givers.through.objects.filter(award__in=awards, organisation__in=organisations)
    return linked(through, "award", "organisation")
