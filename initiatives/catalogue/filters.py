from functools import cached_property

import django_filters
from django import forms
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from ..models import Award, BeneficiaryGroup, Figure, FormerSlug, Funding, Initiative, Measure, Place, Theme
from ..models.initiative import active_in, tied_to, tied_to_nothing

NOT_STATED = "not-stated"
SIZE = "size:"
MAX_SEARCH_LENGTH = 200
# Ties end in the primary key, so that every initiative is on exactly one page.
LIST_ORDER = ("name", "pk")


def public_facts(relation):
    """The initiatives of the facts of `relation` (fundings, awards) that the public may see of a public initiative:
    money from a draft funder makes no initiative one "with funding". Only for querysets of public initiatives."""
    facts = {"fundings": Funding, "awards": Award}[relation].objects.from_public_parties()
    return facts.filter(initiative__isnull=False).values("initiative")


def having_public(relation):
    """Of public initiatives, those with a fact of `relation` that the public may see."""
    return Q(pk__in=public_facts(relation))


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class InitiativeFilter(django_filters.FilterSet):
    """Several values of one filter widen the set (OR); different filters narrow it (AND)."""

    q = django_filters.CharFilter(label=_("Search"), method="search", max_length=MAX_SEARCH_LENGTH, strip=True)
    organisation = django_filters.ModelMultipleChoiceFilter(
        label=_("Organisation"),
        queryset=Organisation.objects.published(),
        to_field_name="slug",
        method="lead_or_partner",
    )
    theme = django_filters.ModelMultipleChoiceFilter(
        label=_("Theme"),
        field_name="themes",
        method="tied_to_any",
        queryset=Theme.objects.all(),
        to_field_name="slug",
        null_label=_("not stated"),
        null_value=NOT_STATED,
    )
    beneficiary_group = django_filters.ModelMultipleChoiceFilter(
        label=_("Beneficiary group"),
        field_name="beneficiary_groups",
        method="tied_to_any",
        queryset=BeneficiaryGroup.objects.all(),
        to_field_name="slug",
        null_label=_("not stated"),
        null_value=NOT_STATED,
    )
    place = django_filters.ModelMultipleChoiceFilter(
        label=_("Place"),
        queryset=Place.objects.all(),
        to_field_name="slug",
        method="in_places",
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country"),
        field_name="country__slug",
        queryset=Place.objects.countries(),
        to_field_name="slug",
        distinct=False,
    )
    era = django_filters.MultipleChoiceFilter(label=_("Era"), choices=Initiative.Era.choices, distinct=False)
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Initiative.Status.choices,
        null_label=_("not stated"),
        null_value=NOT_STATED,
        method="with_status",
    )
    started_from = YearFilter(
        label=_("Started in or after"), field_name="start_year", lookup_expr="gte", min_value=1800, max_value=2200
    )
    started_to = YearFilter(
        label=_("Started in or before"), field_name="start_year", lookup_expr="lte", min_value=1800, max_value=2200
    )
    has_funding = django_filters.ChoiceFilter(
        label=_("Funding"),
        choices=[("true", _("with funding")), ("false", _("without funding"))],
        method="having",
        field_name="fundings",
    )
    has_award = django_filters.ChoiceFilter(
        label=_("Awards"),
        choices=[("true", _("with an award")), ("false", _("without an award"))],
        method="having",
        field_name="awards",
    )

    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        empty_label=_("relevance, then name"),
        choices=[
            ("name", _("name")),
            ("start_year", _("start year, oldest first")),
            ("-start_year", _("start year, newest first")),
        ],
        method="sort_by",
    )

    class Meta:
        model = Initiative
        fields = []

    MULTIPLE = ("organisation", "theme", "beneficiary_group", "place", "country", "era", "status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if str(self.data.get("sort", "")).startswith(SIZE):
            # The measures are read only to sort by one: a download sorted otherwise stays one query.
            self.filters["sort"].extra["choices"] = self.sorts

    @cached_property
    def sorts(self):
        """Every (value, label) the list can be sorted by."""
        return [*self.base_filters["sort"].extra["choices"], *self.by_size]

    @property
    def sort_options(self):
        """The sorts as the list's form offers them, the default first."""
        return [("", self.base_filters["sort"].extra["empty_label"]), *self.sorts]

    @cached_property
    def size_measures(self):
        """`size:<measure>` for each measure of people with a figure for a whole public initiative: the sizes
        of one measure can be compared, those of different measures cannot."""
        # Each measure's first such figure found along its index, rather than every figure read.
        figures = Figure.objects.published().filter(place=None, measure=OuterRef("pk"))
        measures = Measure.objects.filter(Exists(figures), counts_people=True).order_by("name")
        return {f"{SIZE}{measure.slug}": measure for measure in measures}

    @property
    def by_size(self):
        return [
            (value, _("%(measure)s, most first") % {"measure": measure.name})
            for value, measure in self.size_measures.items()
        ]

    @property
    def sorted_measure(self):
        """The measure the list is sorted by, or None."""
        value = self.form.cleaned_data.get("sort", "") if self.is_valid() else ""
        return self.size_measures[value] if value.startswith(SIZE) else None

    def search(self, queryset, name, value):
        return queryset.search(value) if value else queryset

    def tied_to_any(self, queryset, name, records):
        """Initiatives tied to any of `records` through the many-to-many field `name`, or to none of its records
        where "not stated" is among them."""
        if not records:
            return queryset
        chosen = tied_to(name, [record for record in records if record != NOT_STATED])
        return queryset.filter(chosen | tied_to_nothing(name) if NOT_STATED in records else chosen)

    def lead_or_partner(self, queryset, name, organisations):
        if not organisations:
            return queryset
        return queryset.filter(Q(lead_organisation__in=organisations) | tied_to("partners", organisations))

    def in_places(self, queryset, name, places):
        if not places:
            return queryset
        return queryset.filter(active_in(places))

    def with_status(self, queryset, name, statuses):
        if not statuses:
            return queryset
        return queryset.filter(status__in=["" if status == NOT_STATED else status for status in statuses])

    def having(self, queryset, name, value):
        return queryset.filter(having_public(name) if value == "true" else ~having_public(name))

    def sort_by(self, queryset, name, value):
        if value.startswith(SIZE):
            return queryset.by_figure_of(self.size_measures[value])
        if value.endswith("start_year"):
            year = F("start_year")
            return queryset.order_by(
                year.desc(nulls_last=True) if value.startswith("-") else year.asc(nulls_last=True), "name", "pk"
            )
        return queryset.order_by(*LIST_ORDER)

    def with_current_slugs(self):
        """The filters' values with each refused one that is a former slug replaced by the record's slug now,
        or None when no refused value is one. Each filter's own queryset decides which records count."""
        data, renamed = self.data.copy(), False
        for name in self.errors:
            choose = self.filters.get(name)
            if (
                not isinstance(choose, django_filters.ModelMultipleChoiceFilter)
                or choose.extra.get("to_field_name") != "slug"
            ):
                continue
            values = [value.strip() for value in data.getlist(name)]
            if current := FormerSlug.objects.current(choose.queryset, values):
                data.setlist(name, [current[value].slug if value in current else value for value in values])
                renamed = True
        return data if renamed else None

    def queryset_without(self, name, data):
        """The list as it would be with every active filter but `name`."""
        queryset = self.queryset.all()
        for other, value in data.items():
            if other != name:
                queryset = self.filters[other].filter(queryset, value)
        return queryset
