"""The home page: what the catalogue is, its key numbers, and the ways in.

Its numbers and lists come from a handful of aggregate queries, kept in the shared cache until the catalogue
changes (initiatives/caching.py).
"""

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from organisations.models import Organisation

from .caching import cached
from .models import BeneficiaryGroup, Initiative, Place, Source, Theme
from .models.predicates import public_count

# The page lists this many leading organisations, and places in each country, the most active first: it stays
# the same size however large the catalogue grows, and links to the full lists.
LEADING_ORGANISATIONS = 10
PLACES_PER_COUNTRY = 10


def reported_countries():
    """The countries whose reports the catalogue holds, each with its `place_count` places right inside it and
    the most active of them in `top_places`."""
    inside = Place.objects.labelled().annotate(initiative_count=public_count()).order_by("-initiative_count", "name")
    return (
        Place.objects.countries()
        .filter(pk__in=Source.objects.reports().values("country"))
        .annotate(place_count=Count("children"))
        .prefetch_related(Prefetch("children", queryset=inside[:PLACES_PER_COUNTRY], to_attr="top_places"))
    )


def catalogue_in_numbers():
    era = Initiative.Era
    counts = Initiative.objects.published().aggregate(
        initiatives=Count("pk"),
        long_established=Count("pk", filter=Q(era=era.LONG_ESTABLISHED)),
        new=Count("pk", filter=Q(era=era.NEW)),
    )
    return {
        "counts": counts,
        "organisation_count": Organisation.objects.published().count(),
        "countries": list(reported_countries()),
        "themes": list(Theme.objects.annotate(initiative_count=public_count()).order_by("name")),
        "beneficiary_groups": list(BeneficiaryGroup.objects.annotate(initiative_count=public_count()).order_by("name")),
        "leading_organisations": list(
            Organisation.objects.published()
            .with_initiative_counts()
            .filter(initiatives_led__gt=0)
            .order_by("-initiatives_led", "name")[:LEADING_ORGANISATIONS]
        ),
    }


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        numbers = cached(("home",), catalogue_in_numbers)
        era, counts = Initiative.Era, numbers["counts"]
        return super().get_context_data(
            **numbers,
            eras=[
                (
                    era.LONG_ESTABLISHED,
                    _("Long-established initiatives"),
                    _("running for several years"),
                    counts["long_established"],
                ),
                (
                    era.NEW,
                    _("New initiatives"),
                    _("started recently, many since the 2015 refugee arrivals"),
                    counts["new"],
                ),
            ],
            **kwargs,
        )
