"""Load report fixtures into the database, once each.

A fixture file is one report's bundle and starts with the report's own Source record.
A bundle whose report is already in the database is skipped whole, so loading again
never overwrites, or brings back, what curators have changed or deleted since.
Within a new bundle, records that already exist (an organisation that an earlier report
introduced) are kept as they are and referred to by their slug. Fixtures carry no primary
keys: named records are found by slug, facts (figures, funding…) are always new.

A file in the catalogue format (initiatives/exchange/format.py, what `export_catalogue` writes) loads the same
way once it validates against the format's schema: it is skipped when its reports are all loaded already, and
refused when only some of them are.
"""

import json
from itertools import chain
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, transaction

from initiatives.exchange.load import NotACatalogue, as_fixture, is_catalogue, reports
from initiatives.models import Source
from initiatives.models.base import record_many_to_many

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Load each report fixture (default: every JSON file in fixtures/) unless its report is already loaded."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", type=Path)

    def handle(self, *args, fixtures, **options):
        for path in fixtures or sorted(FIXTURES_DIR.glob("*.json")):
            try:
                with transaction.atomic():
                    self.load(path)
            except (DeserializationError, ObjectDoesNotExist, IntegrityError) as error:
                raise CommandError(f"{path.name} was not loaded, nothing of it was kept: {error}") from error
        call_command("refresh_catalogue", stdout=self.stdout)

    def read(self, path):
        """The file's records as fixture records: a report fixture as it is, a catalogue file converted."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"{path} cannot be read as JSON: {error}") from error
        if not is_catalogue(data):
            return data
        try:
            records = as_fixture(data)
        except NotACatalogue as error:
            raise CommandError(f"{path.name} is not a valid catalogue file: {error}") from error
        held = reports(data)
        loaded = sorted(Source.objects.filter(slug__in=held, kind=Source.Kind.REPORT).values_list("slug", flat=True))
        if loaded and len(loaded) < len(held):
            raise CommandError(
                f"{path.name} holds reports already loaded ({', '.join(loaded)}) beside new ones: "
                "load the new reports from a file of their own."
            )
        return records

    def load(self, path):
        records = serializers.deserialize("python", self.read(path), handle_forward_references=True)
        report = next(records, None)
        if report is None or not isinstance(report.object, Source) or report.object.kind != Source.Kind.REPORT:
            raise CommandError(f"{path} must start with its report's Source record.")
        if report.object.pk is not None:
            self.stdout.write(f"{path.name}: {report.object} is already loaded; nothing changed.")
            return
        created, deferred = [], []
        for record in chain([report], records):
            if record.object.pk is not None:  # found by its slug: keep the stored version
                continue
            record.object.skip_history_when_saving = True  # one "added" entry each, written below
            record.save()
            created.append(record.object)
            if record.deferred_fields:
                deferred.append(record)
        for record in deferred:
            record.save_deferred_fields()
        self.record_history(created, f"Loaded from {path.name}")
        self.stdout.write(self.style.SUCCESS(f"{path.name}: loaded {len(created)} records."))

    def record_history(self, records, reason):
        """Each loaded record's first history entry, so curators can compare and revert their first change."""
        by_model = {}
        for record in records:
            del record.skip_history_when_saving
            by_model.setdefault(type(record), []).append(record)
        for model, group in by_model.items():
            entries = model.history.bulk_history_create(group, default_change_reason=reason)
            if entries is None:  # history is switched off (SIMPLE_HISTORY_ENABLED)
                continue
            for entry, record in zip(entries, group, strict=True):
                record_many_to_many(entry, record)
