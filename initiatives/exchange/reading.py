"""A catalogue file read for import, JSON or workbook, and checked against the format's schema.

Every problem is named by sheet (kind of record), row and field: a workbook's rows by their number in the
sheet, a JSON file's rows by their position in their kind's list, counted from 1.
"""

import json
from functools import cache
from typing import NamedTuple

from django.conf import settings
from jsonschema import Draft202012Validator

from . import workbook
from .format import COLUMNS, SCHEMA_FILE, VERSION
from .problems import Problem, Refused

MAX_BYTES = 10 * 1024 * 1024
JUNK = "the file is neither JSON nor a workbook (XLSX or ODS)"


class Catalogue(NamedTuple):
    data: dict
    rows: dict  # kind: each record's row number, in the file's order


def max_bytes():
    return getattr(settings, "CATALOGUE_IMPORT_MAX_BYTES", MAX_BYTES)


def read(content):
    """The catalogue in a file's bytes, checked: Refused, with every problem found, if it cannot be imported."""
    limit = max_bytes()
    if len(content) > limit:
        size, most = len(content) / 1024 / 1024, limit / 1024 / 1024
        raise Refused(
            [Problem(None, None, None, f"the file is {size:.1f} MB, and a catalogue file may be at most {most:.0f} MB")]
        )
    kind = workbook.kind_of(content)
    if kind:
        data, rows = workbook.read(content, kind, column_types())
    else:
        data = parsed(content)
        rows = {name: list(range(1, len(value) + 1)) for name, value in data.items() if isinstance(value, list)}
    found = problems(data, rows)
    if found:
        raise Refused(found)
    return Catalogue(data, rows)


def parsed(content):
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Refused([Problem(None, None, None, f"{JUNK}: it is not UTF-8 text")]) from error
    try:
        data = json.loads(text)
    except ValueError as error:
        where = f"line {error.lineno}, column {error.colno}: " if hasattr(error, "lineno") else ""
        message = getattr(error, "msg", str(error))
        raise Refused([Problem(None, None, None, f"{JUNK}: the JSON is broken at {where}{message}")]) from error
    if not isinstance(data, dict) or "format" not in data:
        raise Refused(
            [Problem(None, None, None, f"the JSON is not a catalogue file: it has no “format” (give {VERSION})")]
        )
    return data


def problems(data, rows=None):
    """What in `data` breaks the format's schema or cannot be stored, each with where it is."""
    if data.get("format") != VERSION:
        message = f"format {data.get('format')!r} is not one this version reads; it reads format {VERSION}"
        return [Problem(None, None, "format", message)]
    found = [located(error, rows) for error in validator().iter_errors(data)]
    found += [
        Problem(kind, number(rows, kind, index), column, "holds a NUL character, which text cannot hold")
        for kind in COLUMNS
        for index, row in enumerate(data.get(kind) or [])
        if isinstance(row, dict)
        for column, value in row.items()
        if isinstance(value, str) and "\x00" in value
    ]
    return sorted(found, key=lambda problem: (problem.sheet or "", problem.row or 0, problem.field or ""))


def located(error, rows):
    path = list(error.absolute_path)
    if not path:
        return Problem(None, None, None, error.message)
    kind = str(path[0])
    index = path[1] if len(path) > 1 and isinstance(path[1], int) else None
    field = str(path[2]) if len(path) > 2 else None
    return Problem(kind, number(rows, kind, index), field, error.message)


def number(rows, kind, index):
    if index is None:
        return None
    numbers = (rows or {}).get(kind) or []
    return numbers[index] if index < len(numbers) else index + 1


@cache
def schema():
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def validator():
    return Draft202012Validator(schema())


@cache
def column_types():
    """{kind: {column: the JSON types the schema allows it, and "amount" for amounts}}, for reading cells."""
    definitions = schema()["$defs"]
    return {
        kind: {
            column: types_of(definitions, definition)
            for column, definition in definitions[f"{kind}_row"]["properties"].items()
        }
        for kind in COLUMNS
    }


def types_of(definitions, definition):
    if "$ref" in definition:
        name = definition["$ref"].rsplit("/", 1)[-1]
        return types_of(definitions, definitions[name]) | ({"amount"} if name == "amount" else set())
    if "oneOf" in definition:
        return set().union(*(types_of(definitions, option) for option in definition["oneOf"]))
    kinds = definition.get("type", "string")
    return {kinds} if isinstance(kinds, str) else set(kinds)
