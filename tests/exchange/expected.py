"""What a catalogue file of the Denmark report holds, read from fixtures/denmark.json itself rather than from the
database or the exporter: each fixture record as a row, references as slugs, amounts with their cents."""

import json
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "denmark.json"
KIND_OF_MODEL = {
    "initiatives.source": "sources",
    "initiatives.place": "places",
    "organisations.organisation": "organisations",
    "initiatives.initiative": "initiatives",
    "initiatives.theme": "themes",
    "initiatives.beneficiarygroup": "beneficiary_groups",
    "initiatives.measure": "measures",
    "initiatives.figure": "figures",
    "initiatives.funding": "fundings",
    "initiatives.award": "awards",
    "initiatives.finding": "findings",
}
AMOUNTS = ("amount", "total_amount")


def as_cell(value, column):
    if isinstance(value, list) and value and isinstance(value[0], list):  # many-to-many: natural keys
        return sorted(key for (key,) in value)
    if isinstance(value, list):  # a foreign key's natural key, or an empty many-to-many
        return value[0] if value else []
    if column in AMOUNTS and value is not None:
        return f"{Decimal(str(value)):.2f}"
    return value


def fixture_rows():
    """{kind: [row]} of every record in the fixture, the fields it leaves out at their model defaults."""
    found = {kind: [] for kind in KIND_OF_MODEL.values()}
    for record in json.loads(FIXTURE.read_text(encoding="utf-8")):
        model = apps.get_model(record["model"])
        fields = record["fields"]
        assert fields.pop("published", True) is True, "the Denmark fixture holds published records only"
        row = {}
        for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
            if field.name in ("id", "version", "published", "public"):
                continue
            default = [] if field.many_to_many else field.get_default()
            row[field.name] = as_cell(fields.get(field.name, default), field.name)
        found[KIND_OF_MODEL[record["model"]]].append(row)
    return found


def canonical(rows):
    """The rows as a sorted list of their JSON, to compare rows that have no key as a whole."""
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)
