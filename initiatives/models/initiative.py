from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections, models
from django.db.models import F, OuterRef, Prefetch, Q, Subquery, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..catalogue.search import contains_words, fold, search_vector, terms
from .base import PUBLISHED_HELP, Named, SlugQuerySet

YEAR_HELP = "Leave empty when the source does not say."


def year_in_range(field):
    """A year field is empty or a plausible calendar year."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1800, f"{field}__lte": 2200})


# How many levels of "part of" the public querysets look up, for organisations and initiatives alike: a part of
# a draft, and a part of such a part, are hidden with it.
NESTING = 2


def organisation_shown(prefix="", levels=NESTING):
    """Published, and not part of a draft organisation: the condition on the organisation at `prefix`."""
    condition = Q(**{prefix + "published": True})
    if levels:
        condition &= Q(**{prefix + "parent__isnull": True}) | organisation_shown(prefix + "parent__", levels - 1)
    return condition


def initiative_shown(prefix="", levels=NESTING):
    """Published, led by an organisation the public may see (or none), and not part of a hidden initiative."""
    lead = prefix + "lead_organisation__"
    condition = Q(**{prefix + "published": True}) & (Q(**{lead + "isnull": True}) | organisation_shown(lead))
    if levels:
        condition &= Q(**{prefix + "parent__isnull": True}) | initiative_shown(prefix + "parent__", levels - 1)
    return condition


def among(prefix, records):
    # One subquery, run once, rather than the joins of the conditions above in every query that counts.
    return Q(**{prefix + "in" if prefix else "pk__in": records.values("pk")})


def public_organisation(prefix=""):
    """What the public may see of organisations: published ones that are not part of a draft one."""
    from organisations.models import Organisation

    return among(prefix, Organisation.objects.filter(organisation_shown()))


def public_initiative(prefix=""):
    """What the public may see: published initiatives that are not part of a draft (led by one, or under one),
    nor led by or part of a record hidden for being part of a draft."""
    return among(prefix, Initiative.objects.filter(initiative_shown()))


def published_givers():
    from organisations.models import Organisation

    return Prefetch("givers", queryset=Organisation.objects.published())


class InitiativeQuerySet(SlugQuerySet):
    def published(self):
        return self.filter(public_initiative())

    def with_related(self):
        """What lists show of each initiative; organisations only where published."""
        from organisations.models import Organisation

        return self.select_related("lead_organisation", "parent", "country").prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.published()), "themes", "beneficiary_groups", "places"
        )

    def search(self, query):
        """Initiatives that match every word of `query`, whatever the accents; ranked on PostgreSQL."""
        words = terms(query)
        if not words:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            search_query = SearchQuery(fold(query), search_type="websearch", config="english")
            return (
                self.annotate(search_vector=search_vector(), rank=SearchRank(search_vector(), search_query))
                .filter(search_vector=search_query)
                .order_by("-rank", "name")
            )
        matching = self.model.objects.filter(contains_words(words)).values("pk")
        return self.filter(pk__in=matching).annotate(rank=Value(0.0))

    def with_size(self):
        """`size`: the largest count of people (members, volunteers…) the sources give for the whole initiative."""
        from .facts import Figure

        people = Figure.objects.filter(initiative=OuterRef("pk"), measure__counts_people=True, place=None)
        return self.annotate(size=Subquery(people.order_by("-value").values("value")[:1]))

    def with_details(self):
        """Everything an initiative's own page shows, each fact with its source and the report that source is in."""
        from .facts import Award, Figure, Funding
        from .sources import Source

        cited = ("source__parent__parent",)
        return self.with_related().prefetch_related(
            Prefetch("children", queryset=Initiative.objects.published()),
            Prefetch("sources", queryset=Source.objects.select_related("parent__parent")),
            Prefetch(
                "figures",
                queryset=Figure.objects.select_related("measure", "place", *cited).order_by(
                    "measure__name", F("place__name").asc(nulls_first=True), "-value"
                ),
            ),
            Prefetch(
                "fundings",
                queryset=Funding.objects.published()
                .select_related("funder", *cited)
                .order_by(F("start_year").asc(nulls_last=True), "pk"),
            ),
            Prefetch(
                "awards",
                queryset=Award.objects.published()
                .select_related("organisation", *cited)
                .prefetch_related(published_givers())
                .order_by(F("year").asc(nulls_last=True), "name"),
            ),
        )

    def for_comparison(self):
        """What the compare pages show of each initiative, in the same number of queries however many there are."""
        from organisations.models import Organisation

        from .facts import Award, Figure, Funding
        from .sources import Source

        cited = "source__parent__parent"
        return self.select_related("lead_organisation", "country").prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.published()),
            "themes",
            "beneficiary_groups",
            "places",
            Prefetch("sources", queryset=Source.objects.select_related("parent__parent")),
            Prefetch(
                "figures",
                queryset=Figure.objects.select_related("measure", "place", cited).order_by(
                    F("place__name").asc(nulls_first=True), "-value", "pk"
                ),
            ),
            Prefetch(
                "fundings",
                queryset=Funding.objects.published()
                .select_related("funder", cited)
                .order_by(F("start_year").asc(nulls_last=True), "pk"),
            ),
            Prefetch(
                "awards",
                queryset=Award.objects.published()
                .select_related(cited)
                .prefetch_related(published_givers())
                .order_by(F("year").asc(nulls_last=True), "name", "pk"),
            ),
        )

    def active_in(self, place):
        """Initiatives active in the place or in any place inside it, and for a country those its report covers."""
        from .places import Place

        return self.filter(Q(places__in=Place.objects.within(place)) | Q(country=place)).distinct()


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
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The larger initiative this one belongs to: Café Venligbo under Venligboerne.",
    )
    country = models.ForeignKey(
        "initiatives.Place",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "country"},
        help_text="The country whose report describes the initiative.",
    )
    published = models.BooleanField(default=False, help_text=PUBLISHED_HELP)
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
        constraints = [
            models.CheckConstraint(
                condition=year_in_range("start_year"),
                name="initiative_start_year_plausible",
                violation_error_message=_("Give a start year between 1800 and 2200, or leave it empty."),
            ),
            models.CheckConstraint(
                condition=year_in_range("end_year"),
                name="initiative_end_year_plausible",
                violation_error_message=_("Give an end year between 1800 and 2200, or leave it empty."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="initiative_ends_after_it_starts",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="initiative_not_its_own_parent",
                violation_error_message=_("An initiative cannot be part of itself."),
            ),
        ]

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])
