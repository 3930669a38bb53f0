"""Importing a checked catalogue file (reading.py): what it adds and changes, or why it is refused.

A named record in the file is the stored one with its slug; a fact is the stored one with the same values in
its kind's FACT_KEYS. A record the file holds exactly as stored is left alone, so importing a file again
changes nothing. The rest is written in one transaction, each record through the models' own validation and
with a history entry that names the import; a preview is the same import rolled back. New organisations and
initiatives arrive as drafts unless the import publishes them.
"""

import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.apps import apps
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from .. import caching
from ..models.base import record_version
from .export import CENTS, stored
from .format import COLUMNS, LISTS, MODELS, REFERENCES
from .problems import Problem

# What a row refers to comes first; parents within one sheet are put before their children.
ORDER = (
    "places",
    "sources",
    "themes",
    "beneficiary_groups",
    "measures",
    "organisations",
    "initiatives",
    "figures",
    "fundings",
    "awards",
    "findings",
)
FACT_KEYS = {
    "figures": ("initiative", "measure", "place", "basis", "since_year", "as_of_year"),
    "fundings": ("initiative", "funder", "direction", "basis", "start_year", "end_year"),
    "awards": ("name", "year", "initiative", "organisation", "person"),
    "findings": ("source", "position"),
}
PUBLISHABLE = ("organisations", "initiatives")


@dataclass
class Entry:
    """A row the import adds or changes; `changes` holds (column, stored value, file's value) of a change."""

    sheet: str
    row: int
    record: str
    changes: list = field(default_factory=list)


@dataclass
class Outcome:
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: int = 0
    refused: list = field(default_factory=list)
    applied: bool = False

    @property
    def digest(self):
        """Names exactly what would be written, so that a confirmation applies the very preview it confirms."""
        shown = [[entry.sheet, entry.row, entry.record, entry.changes] for entry in (*self.added, *self.changed)]
        return hashlib.sha256(json.dumps(shown, default=str).encode()).hexdigest()

    @property
    def writes(self):
        return bool(self.added or self.changed)

    def report(self):
        """What was written, as the import's record keeps it."""
        return {
            "added": [asdict(entry) for entry in self.added],
            "changed": [asdict(entry) for entry in self.changed],
            "unchanged": self.unchanged,
        }


def run(catalogue, reason, *, publish=False, apply=False, expected=None):
    """The import of `catalogue` (a reading.Catalogue), written only if `apply`, nothing is refused and, given
    an `expected` digest, the outcome is still the one previewed."""
    outcome = Outcome()
    try:
        with transaction.atomic():
            Import(catalogue, reason, publish, outcome).run()
            stale = expected is not None and outcome.digest != expected
            outcome.applied = apply and not outcome.refused and not stale and outcome.writes
            if outcome.applied:
                caching.catalogue_changed()
            else:
                transaction.set_rollback(True)
    except DatabaseError as error:
        outcome.refused.append(Problem(None, None, None, f"the database refused the import: {error}"))
        outcome.applied = False
    return outcome


def apply(record, catalogue, expected, *, publish=False, user=None):
    """Applies the preview whose digest is `expected` of the file a CatalogueImport `record` holds, and notes on
    the record who applied it and what it wrote; the outcome says whether it was applied."""
    with transaction.atomic():
        outcome = run(catalogue, record.reason, publish=publish, apply=True, expected=expected)
        if outcome.applied:
            record.applied_at, record.applied_by, record.report = timezone.now(), user, outcome.report()
            record.save()
    return outcome


class Import:
    def __init__(self, catalogue, reason, publish, outcome):
        self.data, self.rows = catalogue.data, catalogue.rows
        self.reason, self.publish, self.outcome = reason, publish, outcome
        self.pks = {}  # model: {slug: pk}
        self.refused_slugs = {}  # model: slugs of the file's records that were refused
        self.checked = {}  # (field, pk): whether the field may name that record

    def run(self):
        for kind in ORDER:
            model = apps.get_model(MODELS[kind])
            rows = [
                (number, normalised(model, kind, row))
                for number, row in zip(self.rows[kind], self.data[kind], strict=True)
            ]
            self.know_references(model, kind, rows)
            if kind in FACT_KEYS:
                self.facts(model, kind, rows)
            else:
                self.named(model, kind, rows)

    def named(self, model, kind, rows):
        rows = self.unique(kind, rows, lambda row: row["slug"], "slug", "has the slug of row {}")
        found = stored(kind, model.objects.filter(slug__in=[row["slug"] for _, row in rows]))
        by_slug = {row["slug"]: (pk, row) for pk, row in found.items()}
        ordered = parents_first(kind, rows, self.refuse)
        circled = {row["slug"] for _, row in rows} - {row["slug"] for _, row in ordered}
        self.refused_slugs.setdefault(model, set()).update(circled)
        for number, row in ordered:
            pk, old = by_slug.get(row["slug"], (None, None))
            self.write(model, kind, number, row, pk, old, f"{row['name']} ({row['slug']})")

    def facts(self, model, kind, rows):
        keys = FACT_KEYS[kind]
        rows = self.unique(
            kind, rows, lambda row: key_of(keys, row), None, "is the same as row {} in " + ", ".join(keys)
        )
        first = keys[0]
        owners = {row[first] for _, row in rows}
        lookup = f"{first}__slug__in" if first in REFERENCES else f"{first}__in"
        by_key = {}
        for pk, row in stored(kind, model.objects.filter(**{lookup: owners})).items():
            by_key.setdefault(key_of(keys, row), []).append((pk, row))
        for number, row in rows:
            matches = by_key.get(key_of(keys, row), [])
            if len(matches) > 1:
                message = f"the catalogue holds {len(matches)} of these ({', '.join(keys)} alike): edit them in the admin first"
                self.refuse(kind, number, None, message)
                continue
            pk, old = matches[0] if matches else (None, None)
            label = ", ".join(str(row[key]) for key in keys if row[key] not in (None, ""))
            self.write(model, kind, number, row, pk, old, label)

    def write(self, model, kind, number, row, pk, old, label):
        if old == row:
            self.outcome.unchanged += 1
            return
        record = model.objects.get(pk=pk) if pk else model()
        lists, problems = self.assign(model, kind, record, row)
        if pk is None and kind in PUBLISHABLE:
            record.published = self.publish
        if pk is not None:
            record.version += 1
        try:
            record.full_clean(exclude=[*LISTS.get(kind, ()), *(column for column, _ in problems)])
        except ValidationError as error:
            problems += [
                (None if name == NON_FIELD_ERRORS else name, message)
                for name, messages in error.message_dict.items()
                for message in messages
            ]
        if problems:
            for column, message in problems:
                self.refuse(kind, number, column, message)
            if "slug" in row:
                self.refused_slugs.setdefault(model, set()).add(row["slug"])
            return
        record.skip_history_when_saving = True  # one entry, written below with the many-to-many fields
        record.save()
        for column, pks in lists.items():
            getattr(record, column).set(pks)
        del record.skip_history_when_saving
        record._change_reason = self.reason
        record_version(record, "~" if pk else "+")
        if "slug" in row:
            self.pks.setdefault(model, {})[row["slug"]] = record.pk
        if pk is None:
            self.outcome.added.append(Entry(kind, number, label))
        else:
            changes = [
                [column, shown(old[column]), shown(row[column])]
                for column in COLUMNS[kind]
                if old[column] != row[column]
            ]
            self.outcome.changed.append(Entry(kind, number, label, changes))

    def assign(self, model, kind, record, row):
        """Sets `record`'s fields from `row`: the pks of its lists, and (column, message) for each unknown slug."""
        lists, problems = {}, []
        for column in COLUMNS[kind]:
            value = row[column]
            if column in LISTS.get(kind, ()):
                target = model._meta.get_field(column).related_model
                lists[column] = [self.pk(target, slug) for slug in value]
                problems += [(column, self.unknown(target, slug)) for slug in value if self.pk(target, slug) is None]
            elif column in REFERENCES:
                field = model._meta.get_field(column)
                pk = None if value is None else self.pk(field.related_model, value)
                if value is not None and pk is None:
                    problems.append((column, self.unknown(field.related_model, value)))
                elif pk is not None and not self.allowed(field, pk):
                    problems.append((column, wrong_kind(field, value)))
                setattr(record, f"{column}_id", pk)
            else:
                setattr(record, column, value)
        return lists, problems

    def know_references(self, model, kind, rows):
        """Looks up at once the pks of every record the rows name, in the catalogue or written before them."""
        wanted = {}
        for column in COLUMNS[kind]:
            if column in REFERENCES or column in LISTS.get(kind, ()):
                target = model._meta.get_field(column).related_model
                for _, row in rows:
                    value = row[column]
                    wanted.setdefault(target, set()).update(value if isinstance(value, list) else [value])
        for target, slugs in wanted.items():
            known = self.pks.setdefault(target, {})
            missing = {slug for slug in slugs if slug is not None and slug not in known}
            known.update(target.objects.filter(slug__in=missing).values_list("slug", "pk"))

    def allowed(self, field, pk):
        """Whether the record `pk` is one `field` may name (a country must be a place of kind country)."""
        limit = field.get_limit_choices_to()
        if not limit:
            return True
        key = (field, pk)
        if key not in self.checked:
            self.checked[key] = field.related_model._base_manager.filter(pk=pk).complex_filter(limit).exists()
        return self.checked[key]

    def pk(self, model, slug):
        return self.pks.get(model, {}).get(slug)

    def unknown(self, model, slug):
        name = model._meta.verbose_name
        if slug in self.refused_slugs.get(model, ()):
            return f"the {name} “{slug}” is refused in its own sheet"
        return f"no {name} has the slug “{slug}”, in this file or in the catalogue"

    def unique(self, kind, rows, key, column, message):
        """The rows whose key no earlier row has; the others are refused, naming the row they repeat."""
        first, kept = {}, []
        for number, row in rows:
            value = key(row)
            if value in first:
                self.refuse(kind, number, column, message.format(first[value]))
            else:
                first[value] = number
                kept.append((number, row))
        return kept

    def refuse(self, kind, number, column, message):
        self.outcome.refused.append(Problem(kind, number, column, str(message)))


def wrong_kind(field, slug):
    limit = field.get_limit_choices_to()
    wanted = (
        " and ".join(f"whose {name} is {value}" for name, value in limit.items()) if isinstance(limit, dict) else ""
    )
    return f"“{slug}” must name a {field.related_model._meta.verbose_name} {wanted}"


def normalised(model, kind, row):
    """The row as the catalogue stores it: lists sorted, amounts with their cents."""
    row = dict(row)
    for column in LISTS.get(kind, ()):
        row[column] = sorted(set(row[column]))
    for column in COLUMNS[kind]:
        if row[column] is not None and model._meta.get_field(column).get_internal_type() == "DecimalField":
            row[column] = str(model._meta.get_field(column).to_python(row[column]).quantize(CENTS))
    return row


def shown(value):
    """A value as a sheet writes it: a list as its slugs separated by spaces."""
    return " ".join(value) if isinstance(value, list) else value


def key_of(keys, row):
    return tuple(row[key] for key in keys)


def parents_first(kind, rows, refuse):
    """The rows with each one after the row of its parent, when the file holds that; a circle is refused."""
    if "parent" not in COLUMNS[kind]:
        return rows
    by_slug = {row["slug"]: (number, row) for number, row in rows}
    depths = {}

    def depth(slug, seen):
        if slug in depths:
            return depths[slug]
        parent = by_slug[slug][1]["parent"]
        if parent not in by_slug:
            depths[slug] = 0
        elif parent in seen:
            depths[slug] = None
        else:
            above = depth(parent, seen | {slug})
            depths[slug] = None if above is None else above + 1
        return depths[slug]

    ordered = []
    for number, row in rows:
        if depth(row["slug"], frozenset()) is None:
            refuse(kind, number, "parent", "is part of itself, through the parents the file gives")
        else:
            ordered.append((number, row))
    return sorted(ordered, key=lambda item: depths[item[1]["slug"]])
