from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .predicates import year_in_range


class SlugQuerySet(models.QuerySet):
    """Finds records by slug, which is also their natural key in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


# The version is bookkeeping, not content: left out of history, a revert keeps the current one.
# So is the public flag, which is derived from the rest.
# A subclass lists the many-to-many fields to keep with each version in `_history_m2m_fields`.
class CatalogueHistory(HistoricalRecords):
    """simple-history's records, each with a change reason, empty rather than missing when none was given."""

    def get_change_reason_for_object(self, instance, history_type, using):
        return super().get_change_reason_for_object(instance, history_type, using) or ""

    def create_history_model(self, model, inherited):
        # Every catalogue model shares these records: each history model leaves out only the fields it has.
        shared, own = self.excluded_fields, {field.name for field in model._meta.fields}
        self.excluded_fields = [name for name in shared if name in own]
        try:
            return super().create_history_model(model, inherited)
        finally:
            self.excluded_fields = shared


HISTORY = CatalogueHistory(inherit=True, excluded_fields=["version", "public"])


def record_version(record, history_type):
    """Writes one history entry for `record` as it is stored now, its many-to-many fields included."""
    HISTORY.create_historical_record(record, history_type)


def record_many_to_many(entry, record):
    """Stores beside `entry`, a history entry written in bulk, the many-to-many fields `record` has now."""
    HISTORY.create_historical_record_m2ms(entry, record)


class Versioned(models.Model):
    """A catalogue record curators edit: every change is kept in its history, and its version
    lets the admin refuse a form opened before someone else's change (see initiatives/admin.py)."""

    version = models.PositiveIntegerField(
        default=1, help_text="Goes up by one with each change saved in the admin; fixtures leave it out."
    )

    history = HISTORY

    class Meta:
        abstract = True


class Named(Versioned):
    """A record people refer to by name, addressed by a unique slug."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Short name used in web addresses and fixtures. Changing it keeps the old address working: it redirects.",
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
    # Of a funding: most of the amount came from the funder named; of ages: most of those served are that age.
    PRIMARILY = "primarily", _("primarily")


PUBLISHED_HELP = (
    "Only published records appear on the public site, in its counts and in its downloads. New records start as drafts."
)


def public_flag():
    """`public`: whether the public may see the record, kept by initiatives/models/visibility.py from `published`
    and the records it is part of or led by, so that every public query reads one indexed column."""
    return models.BooleanField(default=False, editable=False, db_index=True)


YEAR_MESSAGE = _("Give a year between 1800 and 2200, or leave it empty.")
PART_OF = _("part of")


def plausible_year(record, field, message=YEAR_MESSAGE):
    """The check that `field` holds a plausible year or nothing; `record` names the model in the constraint's name."""
    return models.CheckConstraint(
        condition=year_in_range(field), name=f"{record}_{field}_plausible", violation_error_message=message
    )


def part_of(help_text, verbose_name=PART_OF, related_name="children"):
    """`parent`: the record of the same kind this one belongs to, checked by `not_part_of_itself`."""
    return models.ForeignKey(
        "self",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )


def in_country(help_text, required=False):
    """`country`: the country a record belongs to, chosen among the places that are countries."""
    return models.ForeignKey(
        "initiatives.Place",
        on_delete=models.PROTECT,
        null=not required,
        blank=not required,
        related_name="+",
        limit_choices_to={"kind": "country"},
        help_text=help_text,
    )


def not_part_of_itself(record, message):
    """The check that a record's `parent` is not the record itself; `record` names the model in its name."""
    return models.CheckConstraint(
        condition=~Q(parent=F("pk")), name=f"{record}_not_its_own_parent", violation_error_message=message
    )
