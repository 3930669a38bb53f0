"""`/sitemap.xml`: the address of every public record, with when it last changed, for search engines."""

from django.contrib.sitemaps import Sitemap

from organisations.models import Organisation

from ..models import BeneficiaryGroup, Initiative, Place, Source, Theme
from .history import last_changed


class RecordSitemap(Sitemap):
    """Every public record of one kind; one query, whatever their number (the framework pages at 50,000)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset.annotate(last_changed=last_changed(self.queryset.model)).order_by("pk")

    def lastmod(self, record):
        return record.last_changed


def public_records():
    return {
        "initiatives": RecordSitemap(Initiative.objects.published()),
        "organisations": RecordSitemap(Organisation.objects.published()),
        "themes": RecordSitemap(Theme.objects.all()),
        "beneficiary-groups": RecordSitemap(BeneficiaryGroup.objects.all()),
        "places": RecordSitemap(Place.objects.all()),
        "sources": RecordSitemap(Source.objects.all()),
    }
