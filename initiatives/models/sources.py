from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .base import Named, SlugQuerySet, in_country, not_part_of_itself, part_of


class SourceQuerySet(SlugQuerySet):
    def reports(self):
        return self.filter(kind=Source.Kind.REPORT).select_related("country")


class Source(Named):
    """Where a fact comes from: a report, one of its sections, or a page it cites."""

    class Kind(models.TextChoices):
        REPORT = "report", _("report")
        SECTION = "section", _("section of a report")
        WEB_PAGE = "web_page", _("web page")

    kind = models.CharField(max_length=20, choices=Kind)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    parent = part_of("For a section, its report; for a cited page, the section that cites it.", related_name="parts")
    locator = models.CharField(
        max_length=50,
        blank=True,
        help_text="Section number within the report, e.g. 3.",
    )
    publisher = models.CharField(max_length=200, blank=True)
    country = in_country("For a country report, the country it covers.")

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["kind", "locator", "name"]
        constraints = [not_part_of_itself("source", _("A source cannot be part of itself."))]

    def get_absolute_url(self):
        return reverse("initiatives:source", args=[self.slug])
