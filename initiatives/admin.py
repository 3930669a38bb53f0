from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.forms.models import BaseInlineFormSet
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.timezone import localtime
from simple_history import utils
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from .addresses_admin import FormerSlugsAdmin
from .models import Award, BeneficiaryGroup, Figure, Finding, Funding, Initiative, Measure, Place, Source, Theme
from .models.base import record_version

STALE_FORM = (
    "Someone else changed this %(record)s since you opened it. Your changes were not saved: their values and "
    "yours are listed below, and the form still holds yours. Save again to replace their changes with yours, "
    "or open the record afresh to start from their version (reloading this page sends your form again)."
)
STALE_FIELD = "%(field)s: theirs “%(theirs)s”, yours “%(yours)s”"


class VersionedForm(forms.ModelForm):
    """Refuses to save a record that someone else changed since the form was opened.

    The form carries, hidden, the version the curator opened. Cleaning locks the record's row
    (SELECT … FOR UPDATE, held until the admin view's transaction ends), compares the versions,
    and the save writes the next one. Of two saves of forms opened at the same version, the second
    waits for the first to commit, then finds the version moved on and is refused. (On SQLite each
    admin transaction begins IMMEDIATE, taking the database's one write lock: the second save waits
    there instead, and is refused the same way.)

    A refused form keeps what the curator typed and now carries the stored version, so saving it
    again replaces the other curator's change on purpose.

    Each save writes one history entry, after the many-to-many fields are saved, so the entry holds them.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A change page, or a revert, saves its record whether or not its fields changed.
    saved_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if entry is not None:  # a revert: the many-to-many fields as they were in that version
            for field in entry._history_m2m_fields:
                if field.name in self.fields:
                    self.initial[field.name] = list(
                        getattr(entry, field.name).values_list(utils.get_m2m_reverse_field_name(field), flat=True)
                    )

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:  # a new record starts at its first version, whatever the browser sent
            cleaned_data["version"] = self.instance.version
            return cleaned_data
        if not (self.saved_unchanged or self.has_changed()):
            return cleaned_data
        stored = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk).first()
        if stored is None:  # no longer stored: a deleted record brought back from its history
            return cleaned_data
        if cleaned_data.get("version") != stored.version:
            self.carry_version(stored.version)
            raise ValidationError(
                [ValidationError(STALE_FORM, code="stale", params={"record": self.instance._meta.verbose_name})]
                + self.differences(stored, cleaned_data)
            )
        cleaned_data["version"] = stored.version + 1
        return cleaned_data

    def carry_version(self, version):
        """The form shown again carries the stored version, so that its next save is a deliberate one."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(version)

    def differences(self, stored, cleaned_data):
        """Each field where the stored record and the form differ, their value beside the curator's."""
        changes = []
        for name in self.fields:
            if name == "version" or name not in cleaned_data:
                continue
            field = stored._meta.get_field(name)
            theirs = getattr(stored, name).all() if field.many_to_many else getattr(stored, name)
            theirs, yours = shown(field, theirs), shown(field, cleaned_data[name])
            if theirs != yours:
                params = {"field": capfirst(field.verbose_name), "theirs": theirs, "yours": yours}
                changes.append(ValidationError(STALE_FIELD, code="stale_field", params=params))
        return changes

    def save(self, commit=True):
        self._history_type = "+" if self.instance._state.adding else "~"
        self.instance.skip_history_when_saving = True  # written once in _save_m2m, with the many-to-many fields
        return super().save(commit)

    def _save_m2m(self):
        super()._save_m2m()
        del self.instance.skip_history_when_saving
        record_version(self.instance, self._history_type)


def shown(field, value):
    """A field's value as a curator reads it: names of related records, labels of choices."""
    if field.many_to_many:
        return ", ".join(sorted(str(record) for record in value))
    if value is None:
        return ""
    return str(dict(field.flatchoices).get(value, value)) if field.choices else str(value)


def with_version(fieldsets):
    """The fieldsets with the hidden version field in the first, unless it is there already."""
    if "version" in flatten_fieldsets(fieldsets):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]


class CatalogueAdmin(SimpleHistoryAdmin):
    """A catalogue record: its history shown and revertible, a stale form refused."""

    form = VersionedForm

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
        self.message_user(request, f"{changed} {'published' if published else 'made a draft again'}.")

    @admin.action(description="Publish the selected records", permissions=["change"])
    def publish(self, request, queryset):
        self.set_published(request, queryset, True)

    @admin.action(description="Make the selected records drafts again", permissions=["change"])
    def unpublish(self, request, queryset):
        self.set_published(request, queryset, False)


class VersionedRowForm(VersionedForm):
    # A formset saves only the rows whose fields differ from the stored ones, a stale row among them.
    saved_unchanged = False


class LabelledRows(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this row"


class CatalogueInline(admin.TabularInline):
    """Rows of facts edited on their initiative's page, each refused like a page when stale."""

    form = VersionedRowForm
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
    # Curators paste addresses without a scheme; the sites the reports cite are served over HTTPS.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Place)
class PlaceAdmin(NamedAdmin):
    list_display = ["name", "kind", "lies_in"]
    list_filter = ["kind"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]

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
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 3})
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
        if funding.amount is None:
            return str(funding)
        return f"{funding.get_qualifier_display()} {funding}".strip()


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
