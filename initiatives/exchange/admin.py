"""Importing a catalogue file in the admin: upload it, see its preview, confirm it.

An upload is kept in the database (several servers share it) and its page is the preview: what the file
would add, change (stored → file's value) and what is refused, by sheet, row and field. Applying posts the
digest of the preview the curator saw; if the catalogue changed since, the new preview is shown instead.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ..models import CatalogueImport
from . import importing, reading
from .problems import Refused

STALE = "The catalogue changed since that preview: check this one, then apply it."
CONFIRM_CHANGES = "Overwrite the stored values of the records listed under “Changes” with the file's"


class UploadForm(forms.ModelForm):
    file = forms.FileField(help_text="A catalogue file: JSON, or a workbook (XLSX or ODS) with a sheet per kind.")

    class Meta:
        model = CatalogueImport
        fields = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > reading.max_bytes():
            size, most = upload.size / 1024 / 1024, reading.max_bytes() / 1024 / 1024
            raise forms.ValidationError(f"The file is {size:.1f} MB; a catalogue file may be at most {most:.0f} MB.")
        return upload

    def save(self, commit=True):
        upload = self.cleaned_data["file"]
        self.instance.file_name, self.instance.content = upload.name, upload.read()
        return super().save(commit)


class ApplyForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)
    confirm_changes = forms.BooleanField(required=False, label=CONFIRM_CHANGES)

    def __init__(self, *args, outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        if not outcome.changed:
            del self.fields["confirm_changes"]

    def clean(self):
        if self.outcome.changed and not self.cleaned_data.get("confirm_changes"):
            raise forms.ValidationError("Tick the box to overwrite stored values, or leave this import unapplied.")
        return self.cleaned_data


class CatalogueImportAdmin(admin.ModelAdmin):
    form = UploadForm
    list_display = ["file_name", "uploaded_by", "uploaded_at", "applied_at"]
    list_select_related = ["uploaded_by"]
    search_fields = ["file_name"]

    def get_fields(self, request, obj=None):
        return ["file"]

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        return redirect(reverse("admin:initiatives_catalogueimport_change", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, unquote(object_id))
        if record is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, record):
            raise PermissionDenied
        if record.applied_at:
            return self.page(request, record)
        try:
            catalogue = reading.read(bytes(record.content))
        except Refused as refused:
            return self.page(request, record, outcome=importing.Outcome(refused=refused.problems))
        outcome = importing.run(catalogue, record.reason)
        form = ApplyForm(outcome=outcome, initial={"digest": outcome.digest})
        if request.method == "POST":
            if not self.has_change_permission(request, record):
                raise PermissionDenied
            posted = ApplyForm(request.POST, outcome=outcome)
            if request.POST.get("digest") != outcome.digest:
                self.message_user(request, STALE, messages.WARNING)
            elif posted.is_valid():
                applied = importing.apply(record, catalogue, outcome.digest, user=request.user)
                if applied.applied:
                    added, changed = len(applied.added), len(applied.changed)
                    message = f"Imported: {added} added as drafts, {changed} changed."
                    self.message_user(request, message, messages.SUCCESS)
                    return redirect(request.path)
                self.message_user(request, STALE, messages.WARNING)
            else:
                form = posted
        return self.page(request, record, outcome=outcome, form=form)

    def page(self, request, record, outcome=None, form=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "record": record,
            "title": f"Import of {record.file_name}",
            "outcome": outcome,
            "report": record.report,
            "form": form if outcome and not outcome.refused and outcome.writes else None,
            "can_apply": self.has_change_permission(request, record),
        }
        return TemplateResponse(request, "admin/initiatives/catalogueimport/preview.html", context)
