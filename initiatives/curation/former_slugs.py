"""The former slugs of a named record, shown read-only on its change page, beside its slug."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html_join
from django.utils.timezone import localtime

from ..models import FormerSlug

FIELD = "former_slugs"


class FormerSlugsAdmin:
    """For a ModelAdmin of a named record: its former slugs, right after the slug, on the change page."""

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, FIELD] if obj is not None and FIELD not in fields else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # Default fieldsets end with the read-only fields: this one moves up beside the slug.
        fieldsets = [(name, {**options, "fields": without(options["fields"])}) for name, options in fieldsets]
        beside = next((index for index, (_, options) in enumerate(fieldsets) if "slug" in options["fields"]), 0)
        name, options = fieldsets[beside]
        fields = list(options["fields"])
        fields.insert(fields.index("slug") + 1 if "slug" in fields else len(fields), FIELD)
        fieldsets[beside] = (name, {**options, "fields": fields})
        return fieldsets

    @admin.display(description="former slugs")
    def former_slugs(self, record):
        former = FormerSlug.objects.of(record)
        if not former:
            return "None recorded."
        return format_html_join(
            "",
            "<div><code>{}</code>, replaced {}</div>",
            ((row.slug, date_format(localtime(row.replaced_at), "DATETIME_FORMAT")) for row in former),
        )


def without(fields):
    return [field for field in fields if field != FIELD]
