"""A record's versions: its history entries, numbered from 1 in the order they were written.

`?version=N` on a record's page, its `.json` or its citations shows the record as entry N holds it: its own
fields, and the records its many-to-many fields named then (under their current names and slugs, and only those
the public may see now). What other tables hold (figures, funding, awards, the initiatives of a theme) is not
kept with a version and is left out. A version is shown only while the record is public, and only if the record
itself was published at that version.
"""

import re

from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history import utils

from ..following.history import last_changed
from ..licence import licence, licensed
from ..models import Source
from . import citations

# Bookkeeping, the address, or always true of a version the public may see.
NOT_SHOWN = {"id", "slug", "version", "published"}
# The labels the record pages give these fields; others take the field's own name.
LABELS = {
    "name": gettext_lazy("Name"),
    "native_name": gettext_lazy("Name in the country's language"),
    "acronym": gettext_lazy("Acronym"),
    "kind": gettext_lazy("Kind"),
    "lead_organisation": gettext_lazy("Lead organisation"),
    "partners": gettext_lazy("Partners"),
    "country": gettext_lazy("Country"),
    "era": gettext_lazy("Era"),
    "start_year": gettext_lazy("Start year"),
    "end_year": gettext_lazy("End year"),
    "status": gettext_lazy("Status"),
    "summary": gettext_lazy("Summary"),
    "description": gettext_lazy("Description"),
    "website": gettext_lazy("Website"),
    "themes": gettext_lazy("Themes"),
    "beneficiary_groups": gettext_lazy("Beneficiary groups"),
    "places": gettext_lazy("Where active"),
    "sources": gettext_lazy("Sources"),
    "min_age": gettext_lazy("Youngest age"),
    "max_age": gettext_lazy("Oldest age"),
    "ages_qualifier": gettext_lazy("How the ages are stated"),
    "locator": gettext_lazy("Section"),
    "publisher": gettext_lazy("Publisher"),
}
# Longer than any count of versions: not worth turning into a number.
MAX_DIGITS = 18


def version_count(model):
    """How many history entries a record of `model` has: an expression to annotate its queryset with."""
    entries = model.history.model.objects.filter(id=OuterRef("pk")).order_by().values("id")
    return Subquery(entries.annotate(count=Count("history_id")).values("count"))


def in_order(record):
    return record.history.order_by("history_date", "history_id")


def public(model):
    """The records of `model` the public may see."""
    objects = model._default_manager
    return objects.published() if hasattr(objects, "published") else objects.all()


class VersionNotShown(Exception):
    def __init__(self, message, status):
        super().__init__(message)
        self.message, self.status = message, status


class Version:
    """Version `number` of `record`: its history entry `entry`, one of `count`."""

    def __init__(self, record, entry, number, count):
        self.record, self.entry, self.number, self.count = record, entry, number, count
        self.date, self.iso = entry.history_date, citations.html_datetime(entry.history_date)
        self.name = entry.name

    @classmethod
    def requested(cls, record, values):
        """The version `?version=` asks for, or VersionNotShown saying why there is none to show."""
        count = record.version_count or 0
        if len(values) != 1 or not re.fullmatch(r"[0-9]+", values[0]):
            message = _("Give the version as one whole number from 1 to %(count)s.") % {"count": count}
            raise VersionNotShown(message, 400)
        text = values[0]
        number = int(text) if len(text) <= MAX_DIGITS else None
        entry = next(iter(in_order(record)[number - 1 : number]), None) if number and number <= count else None
        if entry is None:
            message = ngettext(
                "This record has %(count)s version: there is no version %(number)s.",
                "This record has %(count)s versions: there is no version %(number)s.",
                count,
            ) % {"count": count, "number": text[:MAX_DIGITS]}
            raise VersionNotShown(message, 404)
        if entry.history_type == "-" or getattr(entry, "published", True) is False:
            raise VersionNotShown(_("Version %(number)s of this record is not public.") % {"number": number}, 404)
        return cls(record, entry, number, count)

    def fields(self):
        """Each field as this version holds it: (field, value), where a relation's value is the list of
        the public records it names."""
        found, kept = [], {field.name for field in self.entry._meta.fields}
        for field in type(self.record)._meta.concrete_fields:
            if field.name in NOT_SHOWN or field.name not in kept:
                continue
            value = getattr(self.entry, field.attname)
            if field.is_relation:
                value = list(public(field.related_model).filter(pk=value)) if value is not None else []
            found.append((field, value))
        order = [field.name for field in type(self.record)._meta.many_to_many]
        for field in sorted(self.entry._history_m2m_fields, key=lambda field: order.index(field.name)):
            named = getattr(self.entry, field.name).values(utils.get_m2m_reverse_field_name(field))
            records = public(field.related_model).filter(pk__in=named)
            if field.related_model is Source:
                records = records.select_related("parent__parent")  # a citation names a source's report
            found.append((field, list(records)))
        return found

    def rows(self, fields):
        """The fields as the page shows them: label, then text or the linked records."""
        rows = []
        for field, value in fields:
            row = {
                "label": LABELS.get(field.name) or capfirst(field.verbose_name),
                "url": field.get_internal_type() == "URLField",
            }
            if isinstance(value, list):
                row["records"] = value
            else:
                row["text"] = dict(field.flatchoices).get(value, value) if field.choices else value
            rows.append(row)
        return rows

    def as_data(self, fields, request):
        url = request.build_absolute_uri(self.record.get_absolute_url())
        data = {"slug": self.record.slug, "url": url, "version": self.number, "versions": self.count}
        data["last_updated"] = self.date.isoformat()
        for field, value in fields:
            if field.many_to_many:
                value = [record.slug for record in value]
            elif field.is_relation:
                value = value[0].slug if value else None
            data[self.key(field, data)] = value
        return data

    def key(self, field, data):
        """The field's name, or for a field named like a key of the version itself (a source's own `url`), the
        name after the model's: `source_url`."""
        return f"{self.record._meta.model_name}_{field.name}" if field.name in data else field.name

    def sources(self, fields):
        own = [value for field, value in fields if field.name == "sources"]
        return own[0] if own else citations.sources_of(self.record)


class RecordVersionsMixin:
    """A record page that knows its record's versions and how to cite it.

    The record comes with `last_updated` and `version_count` in its one query. The page gets a `citation`, and
    its `cite.<format>` addresses (the `citation` URL argument) answer with that citation as a download.
    `?version=N` answers, on each of these addresses, with version N instead."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.annotate(last_updated=last_changed(queryset.model), version_count=version_count(queryset.model))

    def get(self, request, *args, **kwargs):
        if "version" not in request.GET:
            return super().get(request, *args, **kwargs)
        self.object = record = self.get_object()
        try:
            version = Version.requested(record, request.GET.getlist("version"))
        except VersionNotShown as refusal:
            return self.refuse(refusal)
        fields = version.fields()
        citation = citations.Citation(
            record, request, version.number, version.date, version.sources(fields), title=version.name
        )
        if self.kwargs.get("citation"):
            return citations.download(citation, self.kwargs["citation"])
        if self.kwargs.get("format") == "json":
            return licensed(
                JsonResponse(
                    {**version.as_data(fields, request), "licence": licence()},
                    json_dumps_params={"ensure_ascii": False, "indent": 2},
                )
            )
        context = {
            "record": record,
            "version": version,
            "rows": version.rows(fields),
            "citation": citation,
            "data_url": f"{request.path.rstrip('/')}.json?version={version.number}",
        }
        return TemplateResponse(request, "initiatives/record_version.html", context)

    def refuse(self, refusal):
        if self.kwargs.get("format") or self.kwargs.get("citation"):
            return HttpResponse(refusal.message, status=refusal.status, content_type="text/plain; charset=utf-8")
        context = {"record": self.object, "message": refusal.message}
        return TemplateResponse(self.request, "initiatives/record_version_refused.html", context, status=refusal.status)

    def get_context_data(self, **kwargs):
        record = self.object
        sources = kwargs.get("sources_used")
        citation = citations.Citation(
            record,
            self.request,
            record.version_count or None,
            record.last_updated,
            citations.sources_of(record) if sources is None else sources,
        )
        return super().get_context_data(citation=citation, **kwargs)

    def render_to_response(self, context, **kwargs):
        if self.kwargs.get("citation"):
            return citations.download(context["citation"], self.kwargs["citation"])
        return super().render_to_response(context, **kwargs)
