"""Facets of the initiatives list: for every option of every filter, how many initiatives the list shows once
that option is clicked (the rule is `facet_counts.Tally.count`), under all the other active filters.

The list shows each facet's top options by that number; the page of a facet's options shows them all."""

from dataclasses import dataclass, field
from functools import cached_property

from django.core.validators import slug_re
from django.utils.translation import gettext as _

from organisations.models import Organisation

from ..caching import cached
from ..models import BeneficiaryGroup, Place, Theme
from .facet_counts import tallies
from .facet_store import EVERY, stored_options
from .filters import NOT_STATED, InitiativeFilter

TOP = 10
MANY = 500
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
    options: list  # the options labelled, the highest count first: every one on a facet's page, the contenders
    total: int  # options worth showing: those with initiatives, and the selected ones
    listed: int | None  # how many initiatives the list shows, as this facet counted them; None under refused filters

    @cached_property
    def shown(self):
        """The top options and every selected one."""
        return [option for rank, option in enumerate(self.options) if rank < TOP or option.selected]

    @property
    def more(self):
        return self.total > len(self.shown)


@dataclass
class Counts:
    """A facet's numbers as the page needs them, small enough to keep in the cache whatever the catalogue's size."""

    of: dict  # {value: count}: every option's on a facet's page; on the list its contenders' and the selected ones'
    options: int  # values with initiatives, and the selected ones
    listed: int | None


class Labels:
    """Each facet's {value: (label, within)} for the values `wanted` ({facet name: values}), each kind of record
    read once however many facets use it: only the options a page shows are labelled, as a facet may have
    thousands."""

    def __init__(self, filterset, wanted):
        self.filterset, self.wanted = filterset, wanted

    @cached_property
    def places(self):
        values = {value for name in ("place", "country") for value in self.wanted.get(name, ())}
        places = Place.objects.labelled().select_related("parent").only("slug", "name", "kind", "parent__name")
        return {place.slug: place for place in of_slugs(places, values)}

    def __call__(self, name):
        values = self.wanted[name]
        if name in FIXED_CHOICES:
            labels = {value: (str(label), "") for value, label in self.filterset.filters[name].extra["choices"]}
        elif name == "organisation":
            labels = named(Organisation.objects.published().only("slug", "name", "acronym"), values)
        elif name == "theme":
            labels = named(Theme.objects.only("slug", "name"), values)
        elif name == "beneficiary_group":
            labels = named(BeneficiaryGroup.objects.only("slug", "name"), values)
        else:
            kinds = Place.Kind.values if name == "place" else [Place.Kind.COUNTRY]
            labels = {
                slug: (place.label, place.parent.name if name == "place" and place.parent else "")
                for slug, place in self.places.items()
                if place.kind in kinds
            }
        if name in NULLABLE:
            labels[NOT_STATED] = (_("not stated"), "")
        return {value: labels[value] for value in values if value in labels}


def of_slugs(records, values):
    # Many values are read as all of them, rather than as more parameters than a database takes in one query.
    # Values from the address that cannot be slugs (a NUL character, say) are not looked up.
    if len(values) <= MANY:
        records = records.filter(slug__in=[value for value in values if slug_re.match(value)])
    return records


def named(records, values):
    return {item.slug: (str(item), "") for item in of_slugs(records, values)}


def valid_data(filterset):
    return filterset.form.cleaned_data if filterset.is_bound and filterset.form.is_valid() else {}


def build(filterset, query, names=None):
    """The facets `names`, each option with its count and toggle link: on the list (`names` None) every facet in
    display order, its contenders for the top options labelled; on a facet's page every option of it.

    `query` is the list's canonical QueryString."""
    data, every = valid_data(filterset), names is not None
    names = names or FACETS
    selected = {name: set(query.getlist(name)) for name in names}
    # Under refused filters the counts are those of the whole catalogue, as the list's total is not meaningful.
    counted = {name: selected[name] if data else set() for name in names}

    narrowing = query.without("page", "i", "sort")  # what the list's filters ask for, refused ones included

    def count():
        if not narrowing.values:
            return stored(names, every, filterset.queryset.db, refused=bool(filterset.errors))
        numbers = tallies({name: (filterset.queryset_without(name, data), counted[name]) for name in names})
        return {name: option_counts(name, numbers[name], selected[name], counted[name], every, data) for name in names}

    counts = cached(("facets", bool(data), every, str(narrowing), *names), count)
    labels = Labels(filterset, {name: counts[name].of for name in names})
    return [facet(name, filterset, query, counts[name], selected[name], labels, every) for name in names]


def stored(names, every, using, refused):
    """The counts over every public initiative, as facet_store.py keeps them."""
    options = stored_options(names, None if every else TOP, using)
    listed = None if refused else options[EVERY][1]
    return {name: Counts(*options[name], listed) for name in names}


def option_counts(name, numbers, selected, counted, every, data):
    counts = {
        value: numbers.count(value, counted, name in InitiativeFilter.MULTIPLE)
        for value in {*numbers.hits, *selected}
        if numbers.hits.get(value) or value in selected
    }
    kept = counts if every else {value: counts[value] for value in contenders(counts, selected)}
    return Counts(kept, len(counts), numbers.listed(counted) if data else None)


def facet(name, filterset, query, counts, selected, labels, every):
    labelled = labels(name)
    options = [
        Option(value, label, counts.of[value], value in selected, query, name, within)
        for value, (label, within) in labelled.items()
    ]
    options.sort(key=lambda option: (-option.count, option.label, option.value))
    total = len(labelled) if every else counts.options - len(selected - labelled.keys())
    return Facet(name, filterset.filters[name].label, options, total, counts.listed)


def contenders(counts, selected):
    """The values that may be among the top options, whatever their labels: those counting at least as many as the
    TOP-th highest count, and the selected ones."""
    highest = sorted(counts.values(), reverse=True)
    least = highest[TOP - 1] if len(highest) >= TOP else 0
    return {value for value, count in counts.items() if count >= least} | selected


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
