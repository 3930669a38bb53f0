"""Facet counts for the initiatives list: for every option of every filter, how many initiatives
the list would show with that option toggled, under all the other active filters."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from organisations.models import Organisation

from ..models import BeneficiaryGroup, Place, Theme
from .filters import NOT_STATED, having_public


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    depth: int = 0


NULLABLE = {"theme", "beneficiary_group", "status"}


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)


def counts_by(queryset, lookup):
    rows = queryset.order_by().values_list(lookup).annotate(n=Count("pk", distinct=True))
    return Counter({NOT_STATED if value in (None, "") else str(value): n for value, n in rows})


def counts_by_pairs(*pair_lists):
    """Counts of distinct initiatives per value, from (value, initiative) pairs."""
    pairs = {(str(value), pk) for pairs in pair_lists for value, pk in pairs if value is not None}
    return Counter(value for value, _ in pairs)


def organisation_counts(queryset):
    queryset = queryset.order_by()
    return counts_by_pairs(
        queryset.values_list("lead_organisation__slug", "pk"), queryset.values_list("partners__slug", "pk")
    )


def place_counts(queryset, places):
    """An initiative active in Vesterbro counts for Copenhagen and Denmark too."""
    parents = {place.slug: place.parent.slug if place.parent else None for place in places}
    pairs = set()
    for slug, pk in queryset.order_by().values_list("places__slug", "pk"):
        while slug is not None:
            pairs.add((slug, pk))
            slug = parents[slug]
    return counts_by_pairs(pairs)


def boolean_counts(queryset, relation):
    totals = queryset.order_by().aggregate(
        yes=Count("pk", distinct=True, filter=having_public(relation)), all=Count("pk", distinct=True)
    )
    return Counter({"true": totals["yes"], "false": totals["all"] - totals["yes"]})


def depth(place, parents):
    level = 0
    while place.parent_id:
        level, place = level + 1, parents[place.parent_id]
    return level


def tree_order(places):
    """Places with each one's children under it."""
    by_id = {place.pk: place for place in places}
    children = {}
    for place in places:
        children.setdefault(place.parent_id, []).append(place)
    ordered = []

    def visit(parent_id):
        for place in sorted(children.get(parent_id, []), key=lambda p: p.name):
            ordered.append((place, depth(place, by_id)))
            visit(place.pk)

    visit(None)
    return ordered


def options(query, name, choices, counts, nullable):
    """The options worth showing: those with results, and those selected (even if now empty)."""
    selected = set(query.getlist(name))
    if nullable:
        choices = [*choices, (NOT_STATED, _("not stated"))]
    return [
        Option(value, label, counts[value], value in selected, str(query.toggled(name, value)), *level)
        for value, label, *level in choices
        if counts[value] or value in selected
    ]


def named(queryset):
    return [(item.slug, str(item)) for item in queryset]


def build(filterset, query):
    """Every facet of the list, in display order, with counts and toggle links.

    `query` is the list's canonical QueryString."""
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}
    places = list(Place.objects.select_related("parent"))
    choices_of = {
        name: filterset.filters[name].extra.get("choices") for name in ("era", "status", "has_funding", "has_award")
    }
    facets = {
        "era": (choices_of["era"], lambda qs: counts_by(qs, "era")),
        "organisation": (named(Organisation.objects.published()), organisation_counts),
        "theme": (named(Theme.objects.all()), lambda qs: counts_by(qs, "themes__slug")),
        "beneficiary_group": (
            named(BeneficiaryGroup.objects.all()),
            lambda qs: counts_by(qs, "beneficiary_groups__slug"),
        ),
        "place": (
            [(place.slug, place.name, level) for place, level in tree_order(places)],
            lambda qs: place_counts(qs, places),
        ),
        "country": (
            [(place.slug, place.name) for place in places if place.kind == Place.Kind.COUNTRY],
            lambda qs: counts_by(qs, "country__slug"),
        ),
        "status": (choices_of["status"], lambda qs: counts_by(qs, "status")),
        "has_funding": (choices_of["has_funding"], lambda qs: boolean_counts(qs, "fundings")),
        "has_award": (choices_of["has_award"], lambda qs: boolean_counts(qs, "awards")),
    }
    return [
        Facet(
            name,
            filterset.filters[name].label,
            options(query, name, choices, count(filterset.queryset_without(name, data)), name in NULLABLE),
        )
        for name, (choices, count) in facets.items()
    ]
