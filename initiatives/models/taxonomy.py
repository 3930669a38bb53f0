from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .base import Named, Qualifier


class Theme(Named):
    """A field of work: the EWSI themes and those the reports add."""

    description = models.TextField(blank=True)

    class Meta(Named.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def get_absolute_url(self):
        return reverse("initiatives:theme", args=[self.slug])


class BeneficiaryGroup(Named):
    """The people an initiative serves, with the ages the source gives."""

    min_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Youngest age served; leave empty if not stated."
    )
    max_age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Oldest age served; leave empty if not stated."
    )
    ages_qualifier = models.CharField(
        max_length=20,
        choices=Qualifier,
        blank=True,
        help_text="How the source states the ages, e.g. “primarily” for “primarily youth between 14-19”. Empty: exactly.",
    )
    description = models.TextField(blank=True)

    class Meta(Named.Meta):
        verbose_name = _("beneficiary group")
        verbose_name_plural = _("beneficiary groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(min_age__lte=120),
                name="beneficiary_min_age_at_most_120",
                violation_error_message=_("Ages go from 0 to 120."),
            ),
            models.CheckConstraint(
                condition=Q(max_age__isnull=True) | Q(max_age__lte=120),
                name="beneficiary_max_age_at_most_120",
                violation_error_message=_("Ages go from 0 to 120."),
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=models.F("max_age")),
                name="beneficiary_min_age_not_above_max",
                violation_error_message=_("The youngest age cannot be above the oldest."),
            ),
        ]

    @property
    def ages(self):
        """The ages as the source states them: “14–19”, “primarily 14–19”, “18+”, “up to 25”."""
        ages = self._age_range()
        return f"{self.get_ages_qualifier_display()} {ages}" if ages and self.ages_qualifier else ages

    def _age_range(self):
        if self.min_age is not None and self.max_age is not None:
            return f"{self.min_age}–{self.max_age}"
        if self.min_age is not None:
            return f"{self.min_age}+"
        if self.max_age is not None:
            return gettext("up to %(age)s") % {"age": self.max_age}
        return ""

    def get_absolute_url(self):
        return reverse("initiatives:beneficiary_group", args=[self.slug])


class Measure(Named):
    """What a figure counts (volunteers, members, stores…). Figures of different
    measures are never added together."""

    description = models.TextField(blank=True)
    counts_people = models.BooleanField(
        default=False,
        help_text="Tick for measures of people (members, volunteers, participants): the list sorts initiatives by size with them.",
    )

    class Meta(Named.Meta):
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
