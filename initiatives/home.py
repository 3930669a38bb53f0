"""The home page: what the catalogue is, its key numbers, and the ways in."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from organisations.models import Organisation

from .models import BeneficiaryGroup, Initiative, Place, Theme
from .models.predicates import public_count


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        era = Initiative.Era
        counts = Initiative.objects.published().aggregate(
            initiatives=Count("pk"),
            long_established=Count("pk", filter=Q(era=era.LONG_ESTABLISHED)),
            new=Count("pk", filter=Q(era=era.NEW)),
        )
        countries = Place.objects.countries().prefetch_related("children")
        return super().get_context_data(
            counts=counts,
            organisation_count=Organisation.objects.published().count(),
            countries=countries,
            themes=Theme.objects.annotate(initiative_count=public_count()).order_by("name"),
            beneficiary_groups=BeneficiaryGroup.objects.annotate(initiative_count=public_count()).order_by("name"),
            leading_organisations=Organisation.objects.published()
            .with_initiative_counts()
            .filter(initiatives_led__gt=0)
            .order_by("name"),
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
