from django.contrib import admin

from .curation.admin import CatalogueAdmin, CatalogueInline, NamedAdmin, PublishableAdmin
from .curation.forms import Textarea
from .exchange.admin import CatalogueImportAdmin
from .models import (
    Award,
    BeneficiaryGroup,
    CatalogueImport,
    Figure,
    Finding,
    Funding,
    Initiative,
    Measure,
    Place,
    Source,
    Theme,
)
from .wording import funding_amount


@admin.register(Place)
class PlaceAdmin(NamedAdmin):
    list_display = ["name", "kind", "lies_in"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]

    def get_queryset(self, request):
        # The list and the choices of every place field (their autocomplete reads this) tell namesakes apart.
        return super().get_queryset(request).labelled()

    @admin.display(description="lies in", ordering="parent__name")
    def lies_in(self, place):
        return place.parent


@admin.register(Source)
class SourceAdmin(NamedAdmin):
    list_display = ["name", "kind", "locator", "part_of", "publisher", "country"]
    list_filter = ["kind", "country"]
    list_select_related = ["parent", "country"]
    search_fields = ["name", "slug", "publisher", "locator", "url"]
    autocomplete_fields = ["parent", "country"]

    @admin.display(description="part of", ordering="parent__name")
    def part_of(self, source):
        return source.parent


@admin.register(Theme)
class ThemeAdmin(NamedAdmin):
    search_fields = ["name", "slug", "description"]


@admin.register(BeneficiaryGroup)
class BeneficiaryGroupAdmin(NamedAdmin):
    list_display = ["name", "ages"]
    search_fields = ["name", "slug", "description"]

    @admin.display(description="ages")
    def ages(self, group):
        return group.ages


@admin.register(Measure)
class MeasureAdmin(NamedAdmin):
    list_display = ["name", "counts_people"]
    list_filter = ["counts_people"]
    search_fields = ["name", "slug", "description"]


class FigureInline(CatalogueInline):
    model = Figure
    fields = ["measure", "qualifier", "value", "basis", "since_year", "as_of_year", "place", "source", "note"]
    autocomplete_fields = ["measure", "place", "source"]
    extra = 0


class FundingInline(CatalogueInline):
    model = Funding
    fields = [
        "funder",
        "direction",
        "qualifier",
        "amount",
        "currency",
        "basis",
        "total_amount",
        "start_year",
        "end_year",
        "source",
        "note",
    ]
    autocomplete_fields = ["funder", "source"]
    extra = 0


class AwardInline(CatalogueInline):
    model = Award
    fk_name = "initiative"
    fields = ["name", "year", "outcome", "givers", "person", "source", "note"]
    autocomplete_fields = ["givers", "source"]
    extra = 0


@admin.register(Initiative)
class InitiativeAdmin(PublishableAdmin, NamedAdmin):
    list_display = [
        "name",
        "published",
        "native_name",
        "lead_organisation",
        "country",
        "era",
        "status",
        "start_year",
        "end_year",
    ]
    list_filter = ["published", "era", "status", "country", "themes", "beneficiary_groups"]
    list_select_related = ["lead_organisation", "country"]
    search_fields = [
        "name",
        "native_name",
        "slug",
        "lead_organisation__name",
        "lead_organisation__native_name",
        "lead_organisation__acronym",
    ]
    autocomplete_fields = [
        "parent",
        "lead_organisation",
        "partners",
        "country",
        "places",
        "themes",
        "beneficiary_groups",
        "sources",
    ]
    fieldsets = [
        ("Identity", {"fields": ["name", "native_name", "slug", "published", "parent", "website"]}),
        ("Organisations", {"fields": ["lead_organisation", "partners"]}),
        ("Classification", {"fields": ["country", "places", "era", "themes", "beneficiary_groups"]}),
        ("Dates and status", {"fields": ["start_year", "end_year", "status"]}),
        ("Text", {"fields": ["summary", "description", "organising"]}),
        ("Sources", {"fields": ["sources"]}),
    ]
    inlines = [FigureInline, FundingInline, AwardInline]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "summary":  # one sentence, but often longer than a line
            kwargs["widget"] = Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class FactAdmin(CatalogueAdmin):
    """A fact kept with its source; edited mostly inline on its initiative, listed here to check across sources."""

    list_filter = [("source", admin.RelatedOnlyFieldListFilter)]


@admin.register(Figure)
class FigureAdmin(FactAdmin):
    list_display = ["stated_value", "measure", "basis", "since_year", "as_of_year", "initiative", "place", "source"]
    list_filter = ["measure", "basis", *FactAdmin.list_filter]
    list_select_related = ["measure", "initiative", "place", "source"]
    search_fields = ["initiative__name", "initiative__native_name", "measure__name", "place__name", "note"]
    autocomplete_fields = ["initiative", "measure", "place", "source"]

    @admin.display(description="value", ordering="value")
    def stated_value(self, figure):
        return str(figure)


@admin.register(Funding)
class FundingAdmin(FactAdmin):
    list_display = ["stated_amount", "basis", "direction", "funder", "initiative", "start_year", "end_year", "source"]
    list_filter = ["direction", "basis", "currency", *FactAdmin.list_filter]
    list_select_related = ["funder", "initiative", "source"]
    search_fields = [
        "initiative__name",
        "initiative__native_name",
        "funder__name",
        "funder__native_name",
        "funder__acronym",
        "note",
    ]
    autocomplete_fields = ["initiative", "funder", "source"]

    @admin.display(description="amount", ordering="amount")
    def stated_amount(self, funding):
        return funding_amount(funding)


@admin.register(Award)
class AwardAdmin(FactAdmin):
    list_display = ["name", "year", "outcome", "recipient", "given_by", "source"]
    list_filter = ["outcome", "year", *FactAdmin.list_filter]
    list_select_related = ["initiative", "organisation", "source"]
    search_fields = [
        "name",
        "person",
        "initiative__name",
        "initiative__native_name",
        "organisation__name",
        "organisation__native_name",
        "organisation__acronym",
        "givers__name",
        "givers__native_name",
        "givers__acronym",
    ]
    autocomplete_fields = ["givers", "initiative", "organisation", "source"]
    fieldsets = [
        (None, {"fields": ["name", "year", "outcome", "givers"]}),
        ("Recipient", {"description": "Fill in at least one.", "fields": ["initiative", "organisation", "person"]}),
        ("Source", {"fields": ["source", "note"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("givers")

    @admin.display(description="received by")
    def recipient(self, award):
        return ", ".join(str(who) for who in (award.initiative, award.organisation, award.person) if who)

    @admin.display(description="given by")
    def given_by(self, award):
        return ", ".join(str(giver) for giver in award.givers.all())


@admin.register(Finding)
class FindingAdmin(FactAdmin):
    list_display = ["dimension", "source", "position"]
    list_select_related = ["source"]
    search_fields = ["dimension", "long_established", "new", "both"]
    autocomplete_fields = ["source"]
    fields = ["source", "position", "dimension", "long_established", "new", "both", "note"]


admin.site.register(CatalogueImport, CatalogueImportAdmin)
