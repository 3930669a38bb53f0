"""Catalogue files for the import tests, written as a curator's tools write them: JSON by hand, XLSX with
openpyxl and ODS with odfpy cell by cell, so that what the import reads does not come from the exporter's own
workbook code. `SMALL` is a whole catalogue of one of everything, each row with every column."""

import copy
import io
import json

from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from initiatives.exchange.format import COLUMNS, LISTS

SOURCE = {"parent": None, "locator": "", "url": "", "publisher": "", "country": None}
ORGANISATION = {
    "native_name": "",
    "acronym": "",
    "kind": "",
    "parent": None,
    "country": None,
    "website": "",
    "description": "",
    "sources": [],
}
INITIATIVE = {
    "native_name": "",
    "lead_organisation": None,
    "partners": [],
    "parent": None,
    "end_year": None,
    "status": "",
    "description": "",
    "organising": "",
    "website": "",
    "themes": [],
    "beneficiary_groups": [],
    "places": [],
}

SMALL = {
    "format": 1,
    "exported": "2026-01-15T10:00:00+00:00",
    "licence": None,
    "sources": [
        {**SOURCE, "slug": "ewsi-austria", "name": "EWSI Analysis: Austria", "kind": "report", "country": "austria"},
        {
            **SOURCE,
            "slug": "ewsi-austria-s1",
            "name": "New initiatives",
            "kind": "section",
            "parent": "ewsi-austria",
            "locator": "1",
        },
    ],
    "places": [
        {"slug": "austria", "name": "Austria", "kind": "country", "parent": None},
        {"slug": "graz", "name": "Graz", "kind": "city", "parent": "austria"},
    ],
    "organisations": [
        {**ORGANISATION, "slug": "deutschcafe", "name": "Deutschcafé Graz", "kind": "ngo", "country": "austria"},
    ],
    "initiatives": [
        {
            **INITIATIVE,
            "slug": "sprachtandem-graz",
            "name": "Sprachtandem Graz",
            "lead_organisation": "deutschcafe",
            "country": "austria",
            "era": "new",
            "start_year": 2016,
            "summary": "Pairs of neighbours who practise German over coffee.",
            "themes": ["tandem"],
            "places": ["graz"],
            "sources": ["ewsi-austria-s1"],
        },
    ],
    "themes": [{"slug": "tandem", "name": "Language tandems", "description": ""}],
    "beneficiary_groups": [],
    "measures": [{"slug": "pairs", "name": "pairs", "counts_people": False, "description": ""}],
    "figures": [
        {
            "initiative": "sprachtandem-graz",
            "measure": "pairs",
            "value": 80,
            "qualifier": "about",
            "basis": "",
            "since_year": None,
            "as_of_year": 2017,
            "place": "graz",
            "source": "ewsi-austria-s1",
            "note": "",
        },
    ],
    "fundings": [
        {
            "initiative": "sprachtandem-graz",
            "funder": None,
            "direction": "raised",
            "amount": "1200.00",
            "currency": "EUR",
            "qualifier": "",
            "basis": "total",
            "total_amount": None,
            "start_year": 2016,
            "end_year": None,
            "source": "ewsi-austria-s1",
            "note": "",
        },
    ],
    "awards": [],
    "findings": [
        {
            "source": "ewsi-austria",
            "position": 1,
            "dimension": "Volunteers",
            "long_established": "Few and older.",
            "new": "Many and young.",
            "both": "",
            "note": "",
        },
    ],
}


def small(**changes):
    """A copy of SMALL, with `changes` replacing whole lists of rows."""
    return {**copy.deepcopy(SMALL), **changes}


def written(path, data):
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def denmark_export():
    """The Denmark report as the exporter writes it, from a database left as it was."""
    with transaction.atomic():
        call_command("load_catalogue", stdout=io.StringIO())
        out = io.StringIO()
        call_command("export_catalogue", "-", stdout=out)
        transaction.set_rollback(True)
    return json.loads(out.getvalue())


def imported(path, *options):
    """What `import_catalogue` says of `path`; a refusal raises CommandError."""
    out = io.StringIO()
    call_command("import_catalogue", str(path), *options, stdout=out)
    return out.getvalue()


def counts():
    """How many rows every table of the catalogue holds, its history and its imports included."""
    models = [*apps.get_app_config("initiatives").get_models(), *apps.get_app_config("organisations").get_models()]
    return {model._meta.label: model.objects.count() for model in models}


def sheets(data):
    """The catalogue as a curator lays it out: the `catalogue` sheet, then a sheet per kind with its headings,
    lists as slugs separated by spaces and nothing in empty cells."""
    licence = data["licence"] or {}
    yield (
        "catalogue",
        [
            ["format", "exported", "licence", "licence_url"],
            [data["format"], data["exported"], licence.get("name"), licence.get("url")],
        ],
    )
    for kind, columns in COLUMNS.items():
        rows = [list(columns)]
        for record in data[kind]:
            rows.append(
                [" ".join(record[column]) if column in LISTS.get(kind, ()) else record[column] for column in columns]
            )
        yield kind, rows


def xlsx(named_sheets):
    """XLSX bytes of (name, rows) sheets; a text that starts with "=" is a formula, as when typed."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in named_sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append([None if value in ("", []) else value for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class Repeated:
    """Neighbouring ODS cells alike saved as one, with table:number-columns-repeated, as LibreOffice saves them:
    empty ones, or the same value twice."""

    def __init__(self, count, value=None):
        self.count, self.value = count, value


class OdsFormula:
    def __init__(self, formula, value):
        self.formula, self.value = formula, value


def ods_cell(value):
    if isinstance(value, Repeated):
        cell = ods_cell(value.value)
        cell.setAttribute("numbercolumnsrepeated", value.count)
        return cell
    if isinstance(value, OdsFormula):
        cell = TableCell(formula=value.formula, valuetype="float", value=value.value)
        cell.addElement(P(text=str(value.value)))
        return cell
    if value is None or value == "":
        return TableCell()
    if isinstance(value, bool):
        cell = TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
        cell.addElement(P(text="TRUE" if value else "FALSE"))
        return cell
    if isinstance(value, int | float):
        cell = TableCell(valuetype="float", value=value)
        cell.addElement(P(text=str(value)))
        return cell
    cell = TableCell(valuetype="string")
    for line in str(value).split("\n"):
        cell.addElement(P(text=line))
    return cell


def ods(named_sheets, trailing=1024):
    """ODS bytes of (name, rows) sheets; each row ends, as LibreOffice writes it, in one empty cell repeated
    `trailing` times to the sheet's edge."""
    book = OpenDocumentSpreadsheet()
    for name, rows in named_sheets:
        table = Table(name=name)
        for row in rows:
            line = TableRow()
            for value in row:
                line.addElement(ods_cell(value))
            if trailing:
                line.addElement(TableCell(numbercolumnsrepeated=trailing))
            table.addElement(line)
        empty = TableRow(numberrowsrepeated=1048000)
        empty.addElement(TableCell(numbercolumnsrepeated=trailing or 1))
        table.addElement(empty)
        book.spreadsheet.addElement(table)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
