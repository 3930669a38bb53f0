"""Load report fixtures into the database, once each.

A fixture file is one report's bundle and starts with the report's own Source record.
A bundle whose report is already in the database is skipped whole, so loading again
never overwrites, or brings back, what curators have changed or deleted since.
Within a new bundle, records that already exist (an organisation that an earlier report
introduced) are kept as they are and referred to by their slug. Fixtures carry no primary
keys: named records are found by slug, facts (figures, funding…) are always new.
"""

from itertools import chain
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from initiatives.models import Source
from initiatives.models.base import record_many_to_many

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Load each report fixture (default: every JSON file in fixtures/) unless its report is already loaded."

    def add_arguments(self, parser):
        parser.add_argument("fixtures", nargs="*", type=Path)

    def handle(self, *args, fixtures, **options):
        for path in fixtures or sorted(FIXTURES_DIR.glob("*.json")):
            with transaction.atomic():
                self.load(path)
        call_command("refresh_catalogue", stdout=self.stdout)

    def load(self, path):
        with path.open(encoding="utf-8") as stream:
            records = serializers.deserialize("json", stream, handle_forward_references=True)
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
