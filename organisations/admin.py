from django.contrib import admin

from initiatives.curation.admin import CatalogueInline, PublishableAdmin
from initiatives.curation.former_slugs import FormerSlugsAdmin
from initiatives.models import Award

from .models import Organisation


class AwardReceivedInline(CatalogueInline):
    model = Award
    fk_name = "organisation"
    fields = ["name", "year", "outcome", "givers", "source", "note"]
    autocomplete_fields = ["givers", "source"]
    extra = 0
    verbose_name = "award received"
    verbose_name_plural = "awards received"


@admin.register(Organisation)
class OrganisationAdmin(FormerSlugsAdmin, PublishableAdmin):
    list_display = ["name", "published", "acronym", "native_name", "kind", "country", "part_of"]
    list_filter = ["published", "kind", "country"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "native_name", "acronym", "slug"]
    autocomplete_fields = ["parent", "country", "sources"]
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ["name", "native_name", "acronym", "slug", "published", "kind"]}),
        ("Where it belongs", {"fields": ["parent", "country"]}),
        ("About", {"fields": ["website", "description", "sources"]}),
    ]
    inlines = [AwardReceivedInline]

    @admin.display(description="part of", ordering="parent__name")
    def part_of(self, organisation):
        return organisation.parent
