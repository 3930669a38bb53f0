"""The facts a source states about initiatives: figures, funding, awards and findings."""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ..formats import money
from .base import Qualifier, Versioned, plausible_year
from .places import Place
from .predicates import public_initiative, public_organisation


class FigureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(public_initiative("initiative__"))

    def with_labelled_places(self):
        """Each figure's place read with what its label needs: "Aarhus (city or town)" beside "Aarhus (region)"."""
        return self.prefetch_related(Prefetch("place", queryset=Place.objects.labelled()))


class FundingQuerySet(models.QuerySet):
    def published(self):
        """Funding of public initiatives, from funders that are not drafts."""
        return self.filter(public_initiative("initiative__")).from_public_parties()

    def from_public_parties(self):
        """Funding whose funder, if any, is public: all the public sees of an initiative it sees."""
        return self.filter(Q(funder=None) | public_organisation("funder__"))


class AwardQuerySet(models.QuerySet):
    def published(self):
        """Awards whose recipients, initiative or organisation, are public."""
        return self.filter(Q(initiative=None) | public_initiative("initiative__")).from_public_parties()

    def from_public_parties(self):
        """Awards whose recipient organisation, if any, is public: all the public sees of an initiative it sees."""
        return self.filter(Q(organisation=None) | public_organisation("organisation__"))


def not_before(later, earlier):
    return Q(**{f"{later}__isnull": True}) | Q(**{f"{earlier}__isnull": True}) | Q(**{f"{later}__gte": F(earlier)})


class Fact(Versioned):
    """Something a source states, kept with the source and its own wording."""

    source = models.ForeignKey(
        "initiatives.Source",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        help_text="The report section or page that states this.",
    )
    note = models.CharField(
        max_length=500, blank=True, help_text="The source's own wording where the fields cannot say it all."
    )

    class Meta:
        abstract = True


class Figure(Fact):
    """One measured quantity of an initiative."""

    objects = FigureQuerySet.as_manager()

    class Basis(models.TextChoices):
        PER_YEAR = "per_year", _("per year")
        CUMULATIVE = "cumulative", _("in total so far")

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="figures")
    measure = models.ForeignKey("initiatives.Measure", on_delete=models.PROTECT, related_name="figures")
    value = models.PositiveBigIntegerField()
    qualifier = models.CharField(max_length=20, choices=Qualifier, blank=True, help_text="Empty: exactly as stated.")
    basis = models.CharField(max_length=20, choices=Basis, blank=True, help_text="Empty: a count at one time.")
    since_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Counted from this year.")
    as_of_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year the figure describes.")
    place = models.ForeignKey(
        "initiatives.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
        help_text="Where the figure applies, e.g. members in one city.",
    )

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["initiative_id", "measure_id", "-value"]
        constraints = [
            plausible_year("figure", "since_year"),
            plausible_year("figure", "as_of_year"),
            models.CheckConstraint(
                condition=not_before("as_of_year", "since_year"),
                name="figure_as_of_not_before_since",
                violation_error_message=_("The “as of” year cannot be before the “since” year."),
            ),
        ]

    def __str__(self):
        return f"{self.get_qualifier_display()} {number_format(self.value, force_grouping=True)}".strip()


class Funding(Fact):
    """Money an initiative received from a funder, or raised itself (after the 360Giving standard)."""

    NO_AMOUNT = _("amount not stated")

    objects = FundingQuerySet.as_manager()

    class Basis(models.TextChoices):
        TOTAL = "total", _("in total")
        PER_YEAR = "per_year", _("per year")

    class Direction(models.TextChoices):
        RECEIVED = "received", _("received by the initiative")
        RAISED = "raised", _("raised by the initiative")

    initiative = models.ForeignKey("initiatives.Initiative", on_delete=models.CASCADE, related_name="fundings")
    funder = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fundings_given",
        help_text="Leave empty when the source does not name one.",
    )
    direction = models.CharField(max_length=20, choices=Direction, default=Direction.RECEIVED)
    amount = models.DecimalField(
        max_digits=16, decimal_places=2, null=True, blank=True, help_text="Leave empty when the source gives no amount."
    )
    currency = models.CharField(
        max_length=3,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{3}\Z", _("Use an ISO 4217 code such as DKK."))],
        help_text="ISO 4217 code, e.g. DKK.",
    )
    qualifier = models.CharField(
        max_length=20,
        choices=Qualifier,
        blank=True,
        help_text="Empty: exactly as stated. “primarily”: most of the amount came from the funder named.",
    )
    basis = models.CharField(max_length=20, choices=Basis, default=Basis.TOTAL)
    total_amount = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="For an amount per year: the total over the period, when the source states it.",
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["initiative_id", "start_year", "pk"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(total_amount__isnull=True) | Q(total_amount__gte=0),
                name="funding_total_not_negative",
                violation_error_message=_("A total cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="funding_amount_has_currency",
                violation_error_message=_("Give the currency of the amount, e.g. DKK."),
            ),
            plausible_year("funding", "start_year"),
            plausible_year("funding", "end_year"),
            models.CheckConstraint(
                condition=not_before("end_year", "start_year"),
                name="funding_ends_after_it_starts",
                violation_error_message=_("The period cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return str(self.NO_AMOUNT) if self.amount is None else money(self.currency, self.amount)


class Award(Fact):
    """An award, nomination or honourable mention, to an initiative, an organisation or a person."""

    objects = AwardQuerySet.as_manager()

    class Outcome(models.TextChoices):
        WON = "won", _("won")
        NOMINATED = "nominated", _("nominated")
        HONOURABLE_MENTION = "honourable_mention", _("honourable mention")

    name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome, default=Outcome.WON)
    givers = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="awards_given",
        help_text="Leave empty when the source does not say who gives it.",
    )
    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, null=True, blank=True, related_name="awards"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="awards"
    )
    person = models.CharField(
        max_length=200, blank=True, help_text="A named person who received it, e.g. an initiative's founder."
    )

    _history_m2m_fields = ["givers"]

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["year", "name"]
        constraints = [
            plausible_year("award", "year"),
            models.CheckConstraint(
                condition=Q(initiative__isnull=False) | Q(organisation__isnull=False) | ~Q(person=""),
                name="award_has_a_recipient",
                violation_error_message=_("Say who received the award: an initiative, an organisation or a person."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.year})" if self.year else self.name


class Finding(Fact):
    """One dimension of a report's comparison of long-established and new initiatives."""

    dimension = models.CharField(max_length=200)
    long_established = models.TextField(_("long-established initiatives"), blank=True)
    new = models.TextField(_("new initiatives"), blank=True)
    both = models.TextField(blank=True, help_text="What the report says of both eras together.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order within the report.")

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["source_id", "position"]

    def __str__(self):
        return self.dimension
