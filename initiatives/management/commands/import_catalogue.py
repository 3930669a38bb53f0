"""Import a catalogue file (JSON, XLSX or ODS in catalogue format 1): preview it, or apply it in one transaction.

What the file adds is listed, and every change to a stored record as old → new. Changing stored records
overwrites what curators may have edited since, so it is asked for first (--no-input does not ask).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from initiatives.exchange import importing, reading
from initiatives.exchange.problems import Refused
from initiatives.models import CatalogueImport


class Command(BaseCommand):
    help = "Import a catalogue file: new organisations and initiatives arrive as drafts unless --publish."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="A catalogue file: JSON, XLSX or ODS.")
        parser.add_argument("--dry-run", action="store_true", help="Show what the import would do; write nothing.")
        parser.add_argument("--publish", action="store_true", help="Publish what it adds, e.g. to restore a snapshot.")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Apply changes to stored records unasked."
        )

    def handle(self, *args, file, dry_run, publish, interactive, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file} cannot be read: {error.strerror}.") from error
        try:
            catalogue = reading.read(content)
        except Refused as refused:
            raise CommandError(self.refusal(file, refused.problems)) from refused
        preview = importing.run(catalogue, "Previewed", publish=publish)
        self.report(preview)
        if preview.refused:
            raise CommandError(self.refusal(file, preview.refused))
        if dry_run or not preview.writes:
            self.stdout.write("Nothing was written." if dry_run else "The catalogue already holds all of it.")
            return
        if preview.changed and interactive and not self.confirmed(preview):
            raise CommandError("Nothing was written.")
        with transaction.atomic():
            record = CatalogueImport.objects.create(file_name=file.name, content=content)
            outcome = importing.apply(record, catalogue, preview.digest, publish=publish)
            if not outcome.applied:
                raise CommandError("The catalogue changed while the import ran: nothing was written; run it again.")
        added, changed = len(outcome.added), len(outcome.changed)
        self.stdout.write(self.style.SUCCESS(f"{record}: added {added}, changed {changed}."))

    def report(self, outcome):
        for entry in outcome.added:
            self.stdout.write(f"add     {entry.sheet}, row {entry.row}: {entry.record}")
        for entry in outcome.changed:
            self.stdout.write(f"change  {entry.sheet}, row {entry.row}: {entry.record}")
            for column, old, new in entry.changes:
                self.stdout.write(f"          {column}: {old!r} → {new!r}")
        self.stdout.write(
            f"{len(outcome.added)} to add, {len(outcome.changed)} to change, {outcome.unchanged} already as in the file."
        )

    def refusal(self, file, problems):
        lines = "\n".join(f"  {problem}" for problem in problems)
        return f"{file.name} cannot be imported; nothing was written. Refused:\n{lines}"

    def confirmed(self, outcome):
        answer = input(f"Overwrite the {len(outcome.changed)} stored records above with the file's values? [y/N] ")
        return answer.strip().lower() in ("y", "yes")
