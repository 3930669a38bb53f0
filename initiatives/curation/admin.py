"""The admin classes every catalogue record's admin builds on: history, versions, publishing, inline rows."""

from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, router, transaction
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import localtime
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from ..models import Place
from .former_slugs import FormerSlugsAdmin
from .forms import LabelledRows, Textarea, VersionedForm, VersionedRowForm

# Curators paste addresses without a scheme; the sites the reports cite are served over HTTPS.
FORMFIELD_OVERRIDES = {models.TextField: {"widget": Textarea}, models.URLField: {"assume_scheme": "https"}}


def with_version(fieldsets):
    """The fieldsets with the hidden version field in the first, unless it is there already."""
    if "version" in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]


class LabelledPlaces:
    """Places chosen in a form are named as on the site: two of the same name are told apart."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **labelled_places(db_field, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **labelled_places(db_field, kwargs))


def labelled_places(db_field, kwargs):
    if db_field.related_model is Place and "queryset" not in kwargs:
        return {**kwargs, "queryset": Place.objects.labelled()}
    return kwargs


class CatalogueAdmin(LabelledPlaces, SimpleHistoryAdmin):
    """A catalogue record: its history shown and revertible, a stale form refused."""

    form = VersionedForm
    formfield_overrides = FORMFIELD_OVERRIDES

    def get_fieldsets(self, request, obj=None):
        return with_version(super().get_fieldsets(request, obj))

    def save_model(self, request, obj, form, change):
        entry = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if entry is not None:
            obj._change_reason = f"Reverted to the version of {localize(localtime(entry.history_date))}"
        super().save_model(request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting saves through the same form, whose check needs a transaction, as the change form has.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)


class PublishableAdmin(CatalogueAdmin):
    """A record that is a draft until a curator publishes it; each change goes into its history."""

    actions = ["publish", "unpublish"]

    def set_published(self, request, queryset, published):
        changed = 0
        for record in queryset.filter(published=not published):
            record.published, record.version = published, record.version + 1
            record.save(update_fields=["published", "version"])
            changed += 1
        self.message_user(request, f"{changed} {'published' if published else 'made a draft again'}.", messages.SUCCESS)

    @admin.action(description="Publish the selected records", permissions=["change"])
    def publish(self, request, queryset):
        self.set_published(request, queryset, True)

    @admin.action(description="Make the selected records drafts again", permissions=["change"])
    def unpublish(self, request, queryset):
        self.set_published(request, queryset, False)


class CatalogueInline(LabelledPlaces, admin.TabularInline):
    """Rows of facts edited on their initiative's page, each refused like a page when stale."""

    form = VersionedRowForm
    formfield_overrides = FORMFIELD_OVERRIDES
    formset = LabelledRows

    def get_fieldsets(self, request, obj=None):
        return with_version(super().get_fieldsets(request, obj))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A table row names its fields only in the column headings: screen readers need each field's own name.
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.setdefault("aria-label", capfirst(db_field.verbose_name))
        return field


class NamedAdmin(FormerSlugsAdmin, CatalogueAdmin):
    """A slugged record: found by name, its slug written from the name."""

    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
