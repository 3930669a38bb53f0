from django.db import models
from django.urls import reverse

from initiatives.models.base import Named, SlugQuerySet


class OrganisationQuerySet(SlugQuerySet):
    def with_related(self):
        return self.select_related("parent", "country")


class Organisation(Named):
    """A body that runs, funds, rewards or oversees initiatives."""

    class Kind(models.TextChoices):
        NGO = "ngo", "NGO"
        GRASSROOTS_NETWORK = "grassroots_network", "grassroots network"
        YOUTH_ORGANISATION = "youth_organisation", "youth organisation"
        SPORTS_FEDERATION = "sports_federation", "sports federation"
        PUBLIC_AUTHORITY = "public_authority", "public authority"
        FUNDER = "funder", "funder"
        INTERNATIONAL_BODY = "international_body", "international body"
        EDUCATION_INSTITUTION = "education_institution", "education institution"
        BUSINESS = "business", "business"
        AWARD_GIVER = "award_giver", "award giver"

    native_name = models.CharField(
        max_length=200, blank=True, help_text="The name in the country's own language, e.g. Dansk Ungdoms Fællesråd."
    )
    acronym = models.CharField(max_length=30, blank=True, help_text="e.g. DUF")
    kind = models.CharField(max_length=30, choices=Kind, blank=True, help_text="Leave empty when the source does not say.")
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The organisation this one belongs to: DFUNK is the Danish Refugee Council's youth branch.",
    )
    country = models.ForeignKey(
        "initiatives.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "country"},
        help_text="Leave empty for international bodies.",
    )
    website = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField("initiatives.Source", blank=True, related_name="organisations")

    objects = OrganisationQuerySet.as_manager()

    class Meta(Named.Meta):
        constraints = [
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="organisation_not_its_own_parent"),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])
