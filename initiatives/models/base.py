from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SlugQuerySet(models.QuerySet):
    """Finds records by slug, which is also their natural key in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Versioned(models.Model):
    """A catalogue record curators edit: every change is kept in its history, and its version
    lets the admin refuse a form opened before someone else's change (see initiatives/admin.py)."""

    version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one with each change saved in the admin; fixtures leave it out."
    )

    # The version is bookkeeping, not content: left out of history, a revert keeps the current one.
    # A subclass lists the many-to-many fields to keep with each version in `_history_m2m_fields`.
    history = HistoricalRecords(inherit=True, excluded_fields=["version"])

    class Meta:
        abstract = True


class Named(Versioned):
    """A record people refer to by name, addressed by a unique slug."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Short name used in web addresses and fixtures; never change it once published.",
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Qualifier(models.TextChoices):
    """How exactly the source states a number."""

    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")


PUBLISHED_HELP = (
    "Only published records appear on the public site, in its counts and in its downloads. New records start as drafts."
)
