"""Facet counts for the initiatives list: for every option of every filter, how many initiatives
the list would show with that option toggled, under all the other active filters."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q

from organisations.models import Organisation

from .filters import NOT_STATED
from .models import BeneficiaryGroup, Place, Theme


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    url: str
    depth: int = 0


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
        yes=Count("pk", distinct=True, filter=Q(**{f"{relation}__isnull": False})), all=Count("pk", distinct=True)
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


def build(filterset, query):
    """Every facet of the list, its options in display order with counts and toggle links.

    `query` is the list's canonical QueryString."""
    data = filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}
    selected = {name: set(values) for name, values in query.values.items()}
    places = list(Place.objects.select_related("parent"))

    def options(name, choices, counts, null=False):
        rows = []
        for value, label, *rest in choices:
            if counts[value] or value in selected.get(name, ()):
                rows.append(
                    Option(
                        value=value,
                        label=label,
                        count=counts[value],
                        selected=value in selected.get(name, ()),
                        url=str(query.toggled(name, value)),
                        depth=rest[0] if rest else 0,
                    )
                )
        if null and (counts[NOT_STATED] or NOT_STATED in selected.get(name, ())):
            rows.append(
                Option(
                    NOT_STATED,
                    "not stated",
                    counts[NOT_STATED],
                    NOT_STATED in selected.get(name, ()),
                    str(query.toggled(name, NOT_STATED)),
                )
            )
        return rows

    def without(name):
        return filterset.queryset_without(name, data)

    named = lambda model: [(item.slug, str(item)) for item in model.objects.all()]  # noqa: E731
    facets = [
        Facet(
            "era", "Era", options("era", filterset.filters["era"].extra["choices"], counts_by(without("era"), "era"))
        ),
        Facet(
            "organisation",
            "Organisation",
            options("organisation", named(Organisation), organisation_counts(without("organisation"))),
        ),
        Facet("theme", "Theme", options("theme", named(Theme), counts_by(without("theme"), "themes__slug"), null=True)),
        Facet(
            "beneficiary_group",
            "Beneficiary group",
            options(
                "beneficiary_group",
                named(BeneficiaryGroup),
                counts_by(without("beneficiary_group"), "beneficiary_groups__slug"),
                null=True,
            ),
        ),
        Facet(
            "place",
            "Place",
            options(
                "place",
                [(place.slug, place.name, level) for place, level in tree_order(places)],
                place_counts(without("place"), places),
            ),
        ),
        Facet(
            "country",
            "Country",
            options(
                "country",
                [(p.slug, p.name) for p in places if p.kind == Place.Kind.COUNTRY],
                counts_by(without("country"), "country__slug"),
            ),
        ),
        Facet(
            "status",
            "Status",
            options(
                "status",
                filterset.filters["status"].extra["choices"],
                counts_by(without("status"), "status"),
                null=True,
            ),
        ),
        Facet(
            "has_funding",
            "Funding",
            options(
                "has_funding",
                filterset.filters["has_funding"].extra["choices"],
                boolean_counts(without("has_funding"), "fundings"),
            ),
        ),
        Facet(
            "has_award",
            "Awards",
            options(
                "has_award",
                filterset.filters["has_award"].extra["choices"],
                boolean_counts(without("has_award"), "awards"),
            ),
        ),
    ]
    return facets
