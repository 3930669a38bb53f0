"""The home page: what the catalogue is, its key numbers, and the ways in.

Its numbers and lists come from a handful of aggregate queries, kept in the shared cache until the catalogue
changes (initiatives/caching.py).
"""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from organisations.models import Organisation

from .caching import cached
from .models import BeneficiaryGroup, Initiative, Place, Theme
from .models.predicates import public_count


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
        "countries": list(Place.objects.countries().prefetch_related("children")),
        "themes": list(Theme.objects.annotate(initiative_count=public_count()).order_by("name")),
        "beneficiary_groups": list(BeneficiaryGroup.objects.annotate(initiative_count=public_count()).order_by("name")),
        "leading_organisations": list(
            Organisation.objects.published().with_initiative_counts().filter(initiatives_led__gt=0).order_by("name")
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
