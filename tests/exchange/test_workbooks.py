"""The catalogue as a workbook, /data/catalogue.xlsx and /data/catalogue.ods: the same records as the JSON file,
a sheet per kind, read here as a spreadsheet program reads them."""

import io
import zipfile

import pytest
from odf.namespaces import OFFICENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.teletype import extractText
from openpyxl import load_workbook

from initiatives.exchange.format import COLUMNS, LISTS
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


def xlsx_sheets(content):
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def ods_sheets(content):
    sheets = {}
    for table in load(io.BytesIO(content)).spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                kind = cell.getAttrNS(OFFICENS, "value-type")
                if kind == "float":
                    cells.append(int(cell.getAttrNS(OFFICENS, "value")))
                elif kind == "boolean":
                    cells.append(cell.getAttrNS(OFFICENS, "boolean-value") == "true")
                else:
                    cells.append(extractText(cell) or None)
            rows.append(cells)
        sheets[table.getAttribute("name")] = rows
    return sheets


def as_cells(kind, row):
    """A row of the JSON file as a spreadsheet shows it: lists as slugs with spaces, empty cells empty."""
    cells = []
    for column in COLUMNS[kind]:
        value = " ".join(row[column]) if column in LISTS.get(kind, ()) else row[column]
        cells.append(None if value in ("", None) else value)
    return cells


@pytest.mark.parametrize(("extension", "read"), [("xlsx", xlsx_sheets), ("ods", ods_sheets)])
def test_the_workbook_holds_every_row_of_the_catalogue_file(client, denmark, extension, read):
    catalogue = client.get("/data/catalogue.json").json()
    response = client.get(f"/data/catalogue.{extension}")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="catalogue-')
    assert response["Content-Disposition"].endswith(f'.{extension}"')
    assert zipfile.is_zipfile(io.BytesIO(response.content))
    sheets = read(response.content)
    assert list(sheets) == ["catalogue", *COLUMNS]
    assert sheets["catalogue"][0] == ["format", "exported", "licence", "licence_url"]
    assert sheets["catalogue"][1][0] == 1
    assert sheets["catalogue"][1][2] == catalogue["licence"]["name"]
    for kind, columns in COLUMNS.items():
        heading, *rows = sheets[kind]
        assert heading == list(columns), kind
        assert rows == [as_cells(kind, row) for row in catalogue[kind]], kind
    assert len(sheets["initiatives"]) == 1 + 20


def test_text_that_starts_with_an_equals_sign_stays_text_in_the_xlsx(client, denmark):
    Initiative.objects.filter(slug="venligboerne").update(summary='=HYPERLINK("http://example.org")')
    sheets = xlsx_sheets(client.get("/data/catalogue.xlsx").content)
    heading, *rows = sheets["initiatives"]
    summaries = [row[heading.index("summary")] for row in rows]
    assert '=HYPERLINK("http://example.org")' in summaries
    book = load_workbook(io.BytesIO(client.get("/data/catalogue.xlsx").content))
    assert not [cell for row in book["initiatives"].iter_rows() for cell in row if cell.data_type == "f"]
