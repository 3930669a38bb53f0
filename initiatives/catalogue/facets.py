"""Facets of the initiatives list: for every option of every filter, how many initiatives the list shows once
that option is clicked (the rule is `facet_counts.Tally.count`), under all the other active filters.

The list shows each facet's top options by that number; the page of a facet's options shows them all."""

from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from organisations.models import Organisation

from ..caching import cached
from ..models import BeneficiaryGroup, Place, Theme
from .facet_counts import tallies
from .filters import NOT_STATED, InitiativeFilter

TOP = 10
NULLABLE = {"theme", "beneficiary_group", "status"}
FIXED_CHOICES = {"era", "status", "has_funding", "has_award"}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    query: object = field(repr=False)
    facet: str
    within: str = ""  # the name of the place a place lies in

    @property
    def url(self):
        return str(self.query.toggled(self.facet, self.value))


@dataclass
class Facet:
    name: str
    label: str
    options: list  # every option worth showing, the highest count first

    @cached_property
    def shown(self):
        """The top options and every selected one."""
        return [option for rank, option in enumerate(self.options) if rank < TOP or option.selected]

    @property
    def more(self):
        return len(self.options) > len(self.shown)


class Choices:
    """Each facet's (value, label, within) choices, each kind of record read once however many facets use it."""

    def __init__(self, filterset):
        self.filterset = filterset

    @cached_property
    def places(self):
        return list(Place.objects.labelled().select_related("parent").only("slug", "name", "kind", "parent__name"))

    def __call__(self, name):
        if name in FIXED_CHOICES:
            choices = [(value, str(label), "") for value, label in self.filterset.filters[name].extra["choices"]]
        elif name == "organisation":
            choices = named(Organisation.objects.published().only("slug", "name", "acronym"))
        elif name == "theme":
            choices = named(Theme.objects.only("slug", "name"))
        elif name == "beneficiary_group":
            choices = named(BeneficiaryGroup.objects.only("slug", "name"))
        elif name == "place":
            choices = [(place.slug, place.label, place.parent.name if place.parent else "") for place in self.places]
        else:
            choices = [(place.slug, place.label, "") for place in self.places if place.kind == Place.Kind.COUNTRY]
        if name in NULLABLE:
            choices.append((NOT_STATED, _("not stated"), ""))
        return choices


def named(queryset):
    return [(item.slug, str(item), "") for item in queryset]


def valid_data(filterset):
    return filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}


def build(filterset, query, names=None):
    """The facets `names` (all, in display order, by default), each option with its count and toggle link.

    `query` is the list's canonical QueryString."""
    data, choices, names = valid_data(filterset), Choices(filterset), names or FACETS
    # Under refused filters the counts are those of the whole catalogue, as the list's total is not meaningful.
    counted = {name: set(query.getlist(name)) if data else set() for name in names}
    filters = str(query.without("page", "i", "sort")) if data else ""
    numbers = cached(
        ("facets", filters, *names),
        lambda: tallies({name: (filterset.queryset_without(name, data), counted[name]) for name in names}),
    )
    return [facet(name, filterset, query, numbers[name], counted[name], choices(name)) for name in names]


def facet(name, filterset, query, numbers, counted, choices):
    selected = set(query.getlist(name))
    multiple = name in InitiativeFilter.MULTIPLE
    options = [
        Option(value, label, numbers.count(value, counted, multiple), value in selected, query, name, within)
        for value, label, within in choices
        if numbers.hits.get(value) or value in selected
    ]
    options.sort(key=lambda option: (-option.count, option.label, option.value))
    return Facet(name, filterset.filters[name].label, options)


FACETS = [
    "era",
    "organisation",
    "theme",
    "beneficiary_group",
    "place",
    "country",
    "status",
    "has_funding",
    "has_award",
]
