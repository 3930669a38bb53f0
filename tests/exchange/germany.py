"""A small second country's report, made for the tests as a curator would transcribe one: a report with two
sections, the country and a city, two organisations, two initiatives, a figure, a funding line and an award.
It names records the Denmark data brings (themes, groups, measures) by their slugs.

`workbook()` writes it as a spreadsheet program saves one, every cell typed as a curator types it: numbers as
numbers, lists of slugs with spaces, empty cells left empty."""

import io

from openpyxl import Workbook

from initiatives.exchange.format import COLUMNS

ROWS = {
    "sources": [
        {
            "slug": "ewsi-germany",
            "name": "Analysis on Voluntary and Citizens' Initiative: Germany",
            "kind": "report",
            "url": "https://example.org/ewsi-germany",
            "publisher": "European Website on Integration",
            "country": "germany",
        },
        {
            "slug": "ewsi-germany-s1",
            "name": "Long-established initiatives",
            "kind": "section",
            "parent": "ewsi-germany",
            "locator": "1",
        },
        {
            "slug": "ewsi-germany-s2",
            "name": "New initiatives",
            "kind": "section",
            "parent": "ewsi-germany",
            "locator": "2",
        },
    ],
    "places": [
        {"slug": "germany", "name": "Germany", "kind": "country"},
        {"slug": "leipzig", "name": "Leipzig", "kind": "city", "parent": "germany"},
    ],
    "organisations": [
        {
            "slug": "sprachbruecke",
            "name": "Sprachbrücke Leipzig",
            "native_name": "Sprachbrücke",
            "country": "germany",
            "sources": "ewsi-germany-s1",
        },
        {
            "slug": "stiftung-willkommen",
            "name": "Stiftung Willkommen",
            "kind": "funder",
            "country": "germany",
            "sources": "ewsi-germany-s2",
        },
    ],
    "initiatives": [
        {
            "slug": "lesepaten-leipzig",
            "name": "Lesepaten Leipzig",
            "lead_organisation": "sprachbruecke",
            "country": "germany",
            "era": "long_established",
            "start_year": 1998,
            "summary": "Volunteers read with children who are learning German.",
            "themes": "language-learning mentoring",
            "beneficiary_groups": "refugees",
            "places": "leipzig",
            "sources": "ewsi-germany-s1",
        },
        {
            "slug": "willkommensnetz",
            "name": "Willkommensnetz",
            "lead_organisation": "stiftung-willkommen",
            "partners": "sprachbruecke",
            "country": "germany",
            "era": "new",
            "start_year": 2015,
            "summary": "Neighbours welcome newly arrived refugees.",
            "themes": "reception social-networks",
            "beneficiary_groups": "newly-arrived-refugees",
            "places": "leipzig",
            "sources": "ewsi-germany-s2",
        },
    ],
    "figures": [
        {
            "initiative": "willkommensnetz",
            "measure": "volunteers",
            "value": 420,
            "qualifier": "more_than",
            "as_of_year": 2016,
            "source": "ewsi-germany-s2",
        },
    ],
    "fundings": [
        {
            "initiative": "willkommensnetz",
            "funder": "stiftung-willkommen",
            "direction": "received",
            "amount": 250000,
            "currency": "EUR",
            "basis": "total",
            "start_year": 2015,
            "end_year": 2016,
            "source": "ewsi-germany-s2",
        },
    ],
    "awards": [
        {
            "name": "Leipziger Bürgerpreis",
            "year": 2012,
            "outcome": "won",
            "initiative": "lesepaten-leipzig",
            "source": "ewsi-germany-s1",
        },
    ],
}


def workbook(rows=ROWS, about=("format", 1)):
    """The report as XLSX bytes: a `catalogue` sheet saying its format, then a sheet per kind."""
    book = Workbook()
    sheet = book.active
    sheet.title = "catalogue"
    sheet.append([about[0]])
    sheet.append([about[1]])
    for kind, columns in COLUMNS.items():
        sheet = book.create_sheet(kind)
        sheet.append(list(columns))
        for row in rows.get(kind, []):
            sheet.append([row.get(column) for column in columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
