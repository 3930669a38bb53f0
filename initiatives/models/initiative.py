from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..catalogue.search import SQLiteRank, fold, sqlite_matches, terms
from .base import (
    PUBLISHED_HELP,
    Named,
    SlugQuerySet,
    in_country,
    not_part_of_itself,
    part_of,
    plausible_year,
    public_flag,
)
from .facts import Award, Figure, Funding
from .places import Place, Reach
from .predicates import public_initiative
from .sources import Source

YEAR_HELP = "Leave empty when the source does not say."
CITED = "source__parent__parent"


def published_organisations():
    # Looked up rather than imported: organisations.models builds on this package.
    return apps.get_model("organisations", "Organisation").objects.published()


def published_givers():
    return Prefetch("givers", queryset=published_organisations())


def tied_to(relation, records):
    """Initiatives tied to any of `records` through their many-to-many field `relation`: a semi-join on the link
    rows, where a join would need DISTINCT over every initiative it finds."""
    field = Initiative._meta.get_field(relation)
    links = field.remote_field.through.objects.filter(**{field.m2m_reverse_field_name() + "__in": records})
    return Q(pk__in=links.values(field.m2m_field_name()))


def active_in(places):
    """Initiatives active in any of `places` or in a place inside one: those the places are in the reach of."""
    return Q(pk__in=Reach.objects.filter(place__in=places).values("initiative"))


def tied_to_nothing(relation):
    """Initiatives tied to no record through their many-to-many field `relation`."""
    field = Initiative._meta.get_field(relation)
    return ~Exists(field.remote_field.through.objects.filter(**{field.m2m_field_name(): OuterRef("pk")}))


class InitiativeQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(public_initiative())

    def with_related(self):
        """What lists show of each initiative; organisations only where published."""
        return self.select_related("lead_organisation", "parent", "country").prefetch_related(
            Prefetch("partners", queryset=published_organisations()),
            "themes",
            "beneficiary_groups",
            Prefetch("places", queryset=Place.objects.labelled()),
        )

    def search(self, query):
        """Initiatives that match every word of `query`, whatever the accents, best first; read from the stored
        documents (initiatives/catalogue/indexing.py)."""
        words = terms(query)
        if not words:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            search_query = SearchQuery(fold(query), search_type="websearch", config="english")
            found = self.filter(search_document__document=search_query).annotate(
                rank=SearchRank(F("search_document__document"), search_query)
            )
        else:
            found = self.filter(pk__in=sqlite_matches(words)).annotate(rank=SQLiteRank(words, F("pk")))
        return found.order_by("-rank", "name", "pk")

    def by_figure_of(self, measure):
        """Ordered by the largest figure of `measure` the sources give for the whole initiative, those without one
        last, then by name; each with that figure's `sorted_value`, `sorted_qualifier` and `sorted_basis`."""
        largest = Figure.objects.filter(initiative=OuterRef("pk"), measure=measure, place=None).order_by("-value", "pk")
        return self.annotate(
            **{f"sorted_{field}": Subquery(largest.values(field)[:1]) for field in ("value", "qualifier", "basis")}
        ).order_by(F("sorted_value").desc(nulls_last=True), "name", "pk")

    def with_details(self):
        """Everything an initiative's own page shows, each fact with its source and the report that source is in."""
        return self.with_related().prefetch_related(
            Prefetch("children", queryset=Initiative.objects.published()), *self._sourced_facts("measure__name")
        )

    def for_comparison(self):
        """What the compare pages show of each initiative, in the same number of queries however many there are."""
        return self.with_related().prefetch_related(*self._sourced_facts())

    def _sourced_facts(self, *figures_first_by):
        """The sources, figures, funding and awards of each initiative, each fact with its source and report;
        figures ordered by `figures_first_by`, then place (the whole initiative first) and value."""
        return [
            Prefetch("sources", queryset=Source.objects.select_related("parent__parent")),
            Prefetch(
                "figures",
                queryset=Figure.objects.select_related("measure", CITED)
                .with_labelled_places()
                .order_by(*figures_first_by, F("place__name").asc(nulls_first=True), "-value", "pk"),
            ),
            Prefetch(
                "fundings",
                queryset=Funding.objects.from_public_parties()
                .select_related("funder", CITED)
                .order_by(F("start_year").asc(nulls_last=True), "pk"),
            ),
            Prefetch(
                "awards",
                queryset=Award.objects.from_public_parties()
                .select_related("organisation", CITED)
                .prefetch_related(published_givers())
                .order_by(F("year").asc(nulls_last=True), "name", "pk"),
            ),
        ]

    def active_in(self, place):
        """Initiatives active in the place or in any place inside it, and for a country those its report covers."""
        return self.filter(active_in([place]) | Q(country=place))


class Initiative(Named):
    """A volunteer or citizens' initiative, as a report describes it."""

    class Era(models.TextChoices):
        LONG_ESTABLISHED = "long_established", _("long-established")
        NEW = "new", _("new")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        ENDED = "ended", _("ended")

    native_name = models.CharField(
        max_length=200, blank=True, help_text="The name in the country's own language, if the source gives one."
    )
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_initiatives",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="partner_initiatives",
        help_text="Organisations that run the initiative with the lead organisation.",
    )
    parent = part_of("The larger initiative this one belongs to: Café Venligbo under Venligboerne.")
    country = in_country("The country whose report describes the initiative.", required=True)
    published = models.BooleanField(default=False, help_text=PUBLISHED_HELP)
    public = public_flag()
    era = models.CharField(
        max_length=20,
        choices=Era,
        help_text="As the report classifies it: running for several years, or started recently.",
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=YEAR_HELP)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=YEAR_HELP)
    status = models.CharField(
        max_length=20, choices=Status, blank=True, help_text="Leave empty when the source does not say."
    )
    summary = models.CharField(max_length=500, blank=True, help_text="One sentence for lists.")
    description = models.TextField(blank=True)
    organising = models.TextField(
        _("how it organises"),
        blank=True,
        help_text="How volunteers are recruited and coordinated, e.g. Facebook groups.",
    )
    website = models.URLField(max_length=500, blank=True)
    themes = models.ManyToManyField("initiatives.Theme", blank=True, related_name="initiatives")
    beneficiary_groups = models.ManyToManyField("initiatives.BeneficiaryGroup", blank=True, related_name="initiatives")
    places = models.ManyToManyField(
        "initiatives.Place", blank=True, related_name="initiatives", help_text="Where it is active."
    )
    sources = models.ManyToManyField(
        "initiatives.Source",
        blank=True,
        related_name="initiatives",
        help_text="The report sections and pages that describe the initiative.",
    )

    objects = InitiativeQuerySet.as_manager()
    _history_m2m_fields = ["partners", "themes", "beneficiary_groups", "places", "sources"]

    class Meta(Named.Meta):
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            # The list's filters and sorts.
            models.Index(fields=["era"], name="initiative_era"),
            models.Index(fields=["status"], name="initiative_status"),
            models.Index(fields=["start_year", "name"], name="initiative_start_year_name"),
            models.Index(fields=["name"], name="initiative_name"),
            # The public list in its default order, and the columns its facets read (on PostgreSQL both are read
            # from the index alone, not from the wide rows).
            models.Index(fields=["name", "id"], condition=Q(public=True), name="initiative_public_name"),
            models.Index(
                fields=["id"],
                include=["era", "status", "country", "lead_organisation"],
                condition=Q(public=True),
                name="initiative_public_facets",
            ),
            # Each era's public initiatives by name: the first few with figures, funding or awards that the
            # comparison of eras shows.
            models.Index(fields=["era", "name", "id"], condition=Q(public=True), name="initiative_public_era_name"),
            # A country's public initiatives, by name and with their facets' columns.
            models.Index(
                fields=["country", "name", "id"],
                include=["era", "status", "lead_organisation"],
                condition=Q(public=True),
                name="initiative_public_country",
            ),
            # The comparison of eras: each era's numbers and launch years, and how many say how they organise, read
            # from these alone (key columns, which SQLite reads an index by, unlike included ones).
            models.Index(
                fields=["era", "start_year", "id", "end_year", "lead_organisation", "name", "slug"],
                condition=Q(public=True),
                name="initiative_public_era_year",
            ),
            models.Index(
                fields=["era", "id"], condition=Q(public=True) & ~Q(organising=""), name="initiative_organising"
            ),
        ]
        constraints = [
            plausible_year(
                "initiative", "start_year", _("Give a start year between 1800 and 2200, or leave it empty.")
            ),
            plausible_year("initiative", "end_year", _("Give an end year between 1800 and 2200, or leave it empty.")),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="initiative_ends_after_it_starts",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            not_part_of_itself("initiative", _("An initiative cannot be part of itself.")),
        ]

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])
