"""A catalogue-format file read back as the records of a fixture, for `manage.py load_catalogue`.

Its rows become the fixture records `serializers.deserialize("python", …)` reads: references as natural keys,
every named record published (a catalogue file holds published records only), reports first.
"""

from .format import COLUMNS, LISTS, MODELS, REFERENCES
from .reading import problems

PUBLISHABLE = ("organisations", "initiatives")
SHOWN_ERRORS = 5


class NotACatalogue(ValueError):
    """The file is not one this version can load: why, in words a curator can act on."""


def is_catalogue(data):
    return isinstance(data, dict) and "format" in data


def as_fixture(data):
    """The records of a valid catalogue file as fixture records, reports first; NotACatalogue if it is not valid."""
    found = [str(problem) for problem in problems(data)]
    if found:
        more = f" (and {len(found) - SHOWN_ERRORS} more)" if len(found) > SHOWN_ERRORS else ""
        raise NotACatalogue("; ".join(found[:SHOWN_ERRORS]) + more)
    records = []
    for kind, model in MODELS.items():
        rows = data[kind]
        if kind == "sources":  # reports first: the loader recognises a file already loaded by them
            rows = sorted(rows, key=lambda row: row["kind"] != "report")
        records += [{"model": model, "fields": fields(kind, row)} for row in rows]
    return records


def fields(kind, row):
    values = {}
    for column in COLUMNS[kind]:
        value = row[column]
        if column in LISTS.get(kind, ()):
            value = [[slug] for slug in value]
        elif column in REFERENCES and value is not None:
            value = [value]
        values[column] = value
    if kind in PUBLISHABLE:
        values["published"] = True
    return values


def reports(data):
    """The slugs of the reports a catalogue file holds."""
    return [row["slug"] for row in data["sources"] if row["kind"] == "report"]
