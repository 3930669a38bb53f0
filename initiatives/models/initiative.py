from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .base import Named, SlugQuerySet

YEAR_HELP = "Leave empty when the source does not say."


def year_in_range(field):
    """A year field is empty or a plausible calendar year."""
    return (Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 1800, f"{field}__lte": 2200}))


class InitiativeQuerySet(SlugQuerySet):
    def with_related(self):
        return self.select_related("lead_organisation", "parent", "country").prefetch_related(
            "partners", "themes", "beneficiary_groups", "places"
        )


class Initiative(Named):
    """A volunteer or citizens' initiative, as a report describes it."""

    class Era(models.TextChoices):
        LONG_ESTABLISHED = "long_established", "long-established"
        NEW = "new", "new"

    class Status(models.TextChoices):
        ACTIVE = "active", "active"
        ENDED = "ended", "ended"

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
    era = models.CharField(
        max_length=20,
        choices=Era,
        help_text="As the report classifies it: running for several years, or started recently.",
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=YEAR_HELP)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text=YEAR_HELP)
    status = models.CharField(max_length=20, choices=Status, blank=True, help_text="Leave empty when the source does not say.")
    summary = models.CharField(max_length=500, blank=True, help_text="One sentence for lists.")
    description = models.TextField(blank=True)
    organising = models.TextField(
        "how it organises", blank=True, help_text="How volunteers are recruited and coordinated, e.g. Facebook groups."
    )
    website = models.URLField(max_length=500, blank=True)
    themes = models.ManyToManyField("initiatives.Theme", blank=True, related_name="initiatives")
    beneficiary_groups = models.ManyToManyField(
        "initiatives.BeneficiaryGroup", blank=True, related_name="initiatives"
    )
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

    class Meta(Named.Meta):
        constraints = [
            models.CheckConstraint(condition=year_in_range("start_year"), name="initiative_start_year_plausible"),
            models.CheckConstraint(condition=year_in_range("end_year"), name="initiative_end_year_plausible"),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="initiative_ends_after_it_starts",
            ),
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="initiative_not_its_own_parent"),
        ]

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])
