"""The forms curators save through: each refuses a stale save and writes one history entry."""

from django import forms
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from simple_history import utils
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from ..models.base import record_version

STALE_FORM = (
    "Someone else changed this %(record)s since you opened it. Your changes were not saved: their values and "
    "yours are listed below, and the form still holds yours. Save again to replace their changes with yours, "
    "or open the record afresh to start from their version (reloading this page sends your form again)."
)
STALE_FIELD = "%(field)s: theirs “%(theirs)s”, yours “%(yours)s”"


class VersionInput(forms.HiddenInput):
    """The hidden version field. The admin's fieldset writes a <label> for each field, and one that points at a
    hidden input is invalid HTML: this one points at nothing."""

    def id_for_label(self, id_):
        return ""


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

    version = forms.IntegerField(widget=VersionInput, required=False)
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


class VersionedRowForm(VersionedForm):
    # A formset saves only the rows whose fields differ from the stored ones, a stale row among them.
    saved_unchanged = False


class LabelledRows(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = "Delete this row"


class Textarea(AdminTextareaWidget):
    """A textarea whose line breaks are kept as stored. Browsers send them as CRLF, which would make every
    multi-line text count as changed at each save: in its history, and as a stale inline row."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value
