from django.db import models
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives.models import Award, Funding, Initiative, Source
from initiatives.models.base import (
    PUBLISHED_HELP,
    Named,
    SlugQuerySet,
    in_country,
    not_part_of_itself,
    part_of,
    public_flag,
)
from initiatives.models.predicates import public_initiative, public_organisation


class OrganisationQuerySet(SlugQuerySet):
    def published(self):
        """What the public may see: published organisations that are not part of a draft one."""
        return self.filter(public_organisation())

    def with_related(self):
        return self.select_related("parent", "country")

    def with_initiative_counts(self):
        return self.annotate(
            initiatives_led=models.Count(
                "led_initiatives", filter=public_initiative("led_initiatives__"), distinct=True
            )
        )

    def with_details(self):
        """Everything an organisation's own page shows: its initiatives, the money and awards it gave and got."""
        cited = "source__parent__parent"
        fundings = Funding.objects.published().order_by(F("start_year").asc(nulls_last=True), "pk")
        awards = (
            Award.objects.published()
            .select_related("initiative", "organisation", cited)
            .prefetch_related(Prefetch("givers", queryset=Organisation.objects.published()))
            .order_by(F("year").asc(nulls_last=True), "name")
        )
        return self.with_related().prefetch_related(
            Prefetch("children", queryset=Organisation.objects.published()),
            Prefetch("sources", queryset=Source.objects.select_related("parent__parent")),
            Prefetch(
                "led_initiatives",
                queryset=Initiative.objects.published()
                .select_related("country")
                .prefetch_related(
                    Prefetch("fundings", queryset=fundings.select_related("funder", cited)),
                    Prefetch("awards", queryset=awards),
                ),
            ),
            Prefetch(
                "partner_initiatives", queryset=Initiative.objects.published().select_related("lead_organisation")
            ),
            Prefetch("fundings_given", queryset=fundings.select_related("initiative", cited)),
            Prefetch("awards_given", queryset=awards),
            Prefetch("awards", queryset=awards),
        )


class Organisation(Named):
    """A body that runs, funds, rewards or oversees initiatives."""

    class Kind(models.TextChoices):
        NGO = "ngo", _("NGO")
        GRASSROOTS_NETWORK = "grassroots_network", _("grassroots network")
        YOUTH_ORGANISATION = "youth_organisation", _("youth organisation")
        SPORTS_FEDERATION = "sports_federation", _("sports federation")
        PUBLIC_AUTHORITY = "public_authority", _("public authority")
        FUNDER = "funder", _("funder")
        INTERNATIONAL_BODY = "international_body", _("international body")
        EDUCATION_INSTITUTION = "education_institution", _("education institution")
        BUSINESS = "business", _("business")
        AWARD_GIVER = "award_giver", _("award giver")

    published = models.BooleanField(default=False, help_text=PUBLISHED_HELP)
    public = public_flag()
    native_name = models.CharField(
        max_length=200, blank=True, help_text="The name in the country's own language, e.g. Dansk Ungdoms Fællesråd."
    )
    acronym = models.CharField(max_length=30, blank=True, help_text="e.g. DUF")
    kind = models.CharField(
        max_length=30, choices=Kind, blank=True, help_text="Leave empty when the source does not say."
    )
    parent = part_of("The organisation this one belongs to: DFUNK is the Danish Refugee Council's youth branch.")
    country = in_country("Leave empty for international bodies.")
    website = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    sources = models.ManyToManyField("initiatives.Source", blank=True, related_name="organisations")

    objects = OrganisationQuerySet.as_manager()
    _history_m2m_fields = ["sources"]

    class Meta(Named.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [not_part_of_itself("organisation", _("An organisation cannot be part of itself."))]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", args=[self.slug])
