"""The home page: what the catalogue is, its key numbers, and the ways in.

Its numbers and lists come from the facets' stored counts (initiatives/catalogue/facet_store.py) in a handful of
queries, kept in the shared cache until the catalogue changes (initiatives/caching.py).
"""

from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from organisations.models import Organisation

from .caching import cached
from .catalogue.facet_store import EVERY, LEAD, most_counted, stored_options
from .models import BeneficiaryGroup, Initiative, Place, Source, Theme
from .models.counts import counted

# The page lists this many leading organisations, and places in each country, the most active first: it stays
# the same size however large the catalogue grows, and links to the full lists.
LEADING_ORGANISATIONS = 10
PLACES_PER_COUNTRY = 10


def reported_countries():
    """The countries whose reports the catalogue holds, each with its `place_count` places right inside it and
    the most active of them in `top_places`."""
    countries = list(Place.objects.countries().filter(pk__in=Source.objects.reports().values("country")))
    inside = {country.pk: [] for country in countries}
    for place in counted(Place.objects.labelled().filter(parent__in=countries).order_by("name"), "places"):
        inside[place.parent_id].append(place)
    for country in countries:
        country.place_count = len(inside[country.pk])
        country.top_places = sorted(inside[country.pk], key=lambda place: -place.initiative_count)[:PLACES_PER_COUNTRY]
    return countries


def leading_organisations():
    """The organisations that lead the most public initiatives (a public initiative's lead is public), each with
    `initiatives_led`."""
    leading = []
    for organisation, led in most_counted(LEAD, Organisation.objects.all(), LEADING_ORGANISATIONS):
        organisation.initiatives_led = led
        leading.append(organisation)
    return leading


def catalogue_in_numbers():
    stored = stored_options(["era"])
    eras = stored["era"][0]
    return {
        "counts": {
            "initiatives": stored[EVERY][1],
            "long_established": eras.get(Initiative.Era.LONG_ESTABLISHED, 0),
            "new": eras.get(Initiative.Era.NEW, 0),
        },
        "organisation_count": Organisation.objects.published().count(),
        "countries": reported_countries(),
        "themes": counted(Theme.objects.order_by("name"), "themes"),
        "beneficiary_groups": counted(BeneficiaryGroup.objects.order_by("name"), "beneficiary_groups"),
        "leading_organisations": leading_organisations(),
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
