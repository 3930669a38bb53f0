"""Write every published record in the catalogue format (initiatives/exchange/format.py) to a file or stdout."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from initiatives.exchange.export import as_json, catalogue


class Command(BaseCommand):
    help = "Write every published record of the catalogue, in catalogue format 1, to FILE (- for standard output)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the catalogue; - for standard output.")

    def handle(self, *args, file, **options):
        text = as_json(catalogue())
        if file == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(file)
        if path.is_dir():
            raise CommandError(f"{path} is a folder: give the name of the file to write.")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} does not exist: give a file in an existing folder.")
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error.strerror}.") from error
        self.stdout.write(self.style.SUCCESS(f"Wrote the catalogue to {path}."))
