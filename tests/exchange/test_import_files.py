"""The files `import_catalogue` reads: workbooks as spreadsheet programs save them, read as the JSON they stand
for; and every kind of bad file refused with where the problem is, nothing written."""

import copy
import io
import json
import os
import time
import zipfile

import pytest
from django.core.management import CommandError, call_command

from initiatives.exchange import importing, reading, workbook
from tests.exchange.files import (
    SMALL,
    OdsFormula,
    Repeated,
    counts,
    denmark_export,
    imported,
    ods,
    sheets,
    small,
    written,
    xlsx,
)

pytestmark = pytest.mark.django_db

MAKERS = {"xlsx": xlsx, "ods": ods}


@pytest.fixture(scope="module")
def denmark_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return denmark_export()


def laid_out(data=SMALL, **cells):
    """SMALL's sheets, with `cells` ({"sheet": {(row, column): value}}, rows counted as in the sheet) retyped."""
    found = []
    for name, rows in sheets(data):
        rows = copy.deepcopy(rows)
        for (number, column), value in cells.get(name, {}).items():
            rows[number - 1][rows[0].index(column)] = value
        found.append((name, rows))
    return found


@pytest.mark.parametrize("write", [workbook.as_xlsx, workbook.as_ods], ids=["xlsx", "ods"])
def test_the_exported_workbooks_read_back_as_exactly_the_json_data(denmark_data, write):
    assert reading.read(write(denmark_data)).data == denmark_data


@pytest.mark.parametrize("kind", MAKERS)
def test_a_workbook_laid_out_by_hand_reads_as_the_json_it_stands_for(kind):
    catalogue = reading.read(MAKERS[kind](laid_out()))
    assert catalogue.data == SMALL
    assert catalogue.rows["places"] == [2, 3]  # the heading is row 1


@pytest.mark.parametrize("kind", MAKERS)
def test_a_workbook_imported_with_publish_exports_as_the_json_it_stands_for(tmp_path, kind):
    path = tmp_path / f"austria.{kind}"
    path.write_bytes(MAKERS[kind](laid_out()))
    imported(path, "--publish")
    assert without_time_and_licence(exported()) == without_time_and_licence(SMALL)


def exported():
    out = io.StringIO()
    call_command("export_catalogue", "-", stdout=out)
    return json.loads(out.getvalue())


def without_time_and_licence(catalogue):
    return {key: value for key, value in catalogue.items() if key not in ("exported", "licence")}


def test_ods_empty_cells_saved_as_one_repeated_cell_read_into_their_columns():
    report = ["ewsi-austria", "EWSI Analysis: Austria", "report", Repeated(4), "austria"]
    section = ["ewsi-austria-s1", "New initiatives", "section", "ewsi-austria", "1", Repeated(3)]
    layout = [(name, [rows[0], report, section] if name == "sources" else rows) for name, rows in laid_out()]
    sources = reading.read(ods(layout)).data["sources"]
    assert sources[0] == {
        "slug": "ewsi-austria",
        "name": "EWSI Analysis: Austria",
        "kind": "report",
        "parent": None,
        "locator": "",
        "url": "",
        "publisher": "",
        "country": "austria",
    }
    assert (sources[1]["parent"], sources[1]["locator"], sources[1]["country"]) == ("ewsi-austria", "1", None)


def test_ods_neighbouring_cells_of_one_value_saved_as_one_read_as_both():
    heading, row = dict(laid_out())["fundings"]
    start = heading.index("start_year")
    row = [*row[:start], Repeated(2, 2016), *row[start + 2 :]]
    layout = [(name, [heading, row] if name == "fundings" else rows) for name, rows in laid_out()]
    funding = reading.read(ods(layout)).data["fundings"][0]
    assert (funding["start_year"], funding["end_year"], funding["source"]) == (2016, 2016, "ewsi-austria-s1")


def test_workbook_rows_are_named_by_their_number_in_the_sheet_past_an_empty_row():
    layout = laid_out()
    places = dict(layout)["places"]
    places[3:3] = [[None] * len(places[0])]  # row 4 left empty
    places.append(places[1])  # row 5 repeats row 2
    outcome = importing.run(reading.read(xlsx(layout)), "Previewed")
    assert outcome.refused[0][:3] == ("places", 5, "slug")
    assert "row 2" in outcome.refused[0].message


@pytest.mark.parametrize("kind", MAKERS)
def test_numbers_typed_into_text_and_amount_columns_read_as_the_format_states_them(kind):
    data = small(fundings=[{**SMALL["fundings"][0], "total_amount": "2400.00"}])
    layout = laid_out(
        data,
        sources={(3, "locator"): 12},
        fundings={(2, "amount"): 15200000, (2, "total_amount"): 1750000.5},
        initiatives={(2, "start_year"): "2016"},
    )
    catalogue = reading.read(MAKERS[kind](layout)).data
    assert catalogue["sources"][1]["locator"] == "12"
    assert (catalogue["fundings"][0]["amount"], catalogue["fundings"][0]["total_amount"]) == (
        "15200000.00",
        "1750000.50",
    )
    assert catalogue["initiatives"][0]["start_year"] == 2016


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("counts_people", [True, False])
def test_boolean_cells_say_whether_a_measure_counts_people(kind, counts_people):
    layout = laid_out(measures={(2, "counts_people"): counts_people})
    assert reading.read(MAKERS[kind](layout)).data["measures"][0]["counts_people"] is counts_people


def json_file(data):
    return json.dumps(data, ensure_ascii=False).encode()


def with_rows(kind, rows):
    return json_file(small(**{kind: rows}))


def changed(kind, **values):
    data = small()
    data[kind][0].update(values)
    return json_file(data)


def xlsx_with_formula():
    layout = laid_out(figures={(2, "value"): "=SUM(40,40)"})
    return xlsx(layout)


def with_sheet(maker, name, rows):
    return maker([*laid_out(), (name, rows)])


def without_parent_column():
    layout = [
        (name, [[value for value, column in zip(row, rows[0], strict=True) if column != "parent"] for row in rows])
        if name == "places"
        else (name, rows)
        for name, rows in laid_out()
    ]
    return xlsx(layout)


def cycle():
    return with_rows(
        "places",
        [
            {"slug": "austria", "name": "Austria", "kind": "country", "parent": "graz"},
            {"slug": "graz", "name": "Graz", "kind": "city", "parent": "austria"},
        ],
    )


def damaged_xlsx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook>not quite")
    return out.getvalue()


BAD_FILES = {
    "json-format-2": (lambda: json_file({**SMALL, "format": 2}), r"“format”: format 2 is not one this version reads"),
    "xlsx-format-2": (
        lambda: xlsx(laid_out(catalogue={(2, "format"): 2})),
        r"“format”: format 2 is not one this version reads",
    ),
    "ods-format-2": (
        lambda: ods(laid_out(catalogue={(2, "format"): 2})),
        r"“format”: format 2 is not one this version reads",
    ),
    "broken-json": (lambda: b'{"format": 1,\n  "sources": [}\n', r"broken at line 2, column 15"),
    "missing-column": (without_parent_column, r"places, row 1: the sheet lacks the columns parent"),
    "unknown-sheet": (lambda: with_sheet(xlsx, "volunteers", [["name"], ["Anna"]]), r"sheets “volunteers” are not"),
    "no-catalogue-sheet": (lambda: xlsx(laid_out()[1:]), r"catalogue: the workbook has no sheet “catalogue”"),
    "damaged-xlsx": (damaged_xlsx, r"the workbook cannot be read"),
    "binary": (lambda: bytes(range(256)) * 16, r"neither JSON nor a workbook"),
    "zip-header-only": (lambda: b"PK\x03\x04" + bytes(range(256)) * 16, r"neither JSON nor a workbook"),
    "xlsx-formula": (xlsx_with_formula, r"figures, row 2, “value”: is a formula"),
    "ods-formula": (
        lambda: ods(laid_out(figures={(2, "value"): OdsFormula("of:=40+40", 80)})),
        r"figures, row 2, “value”: is a formula",
    ),
    "same-slug-twice": (
        lambda: with_rows("places", [*SMALL["places"], {**SMALL["places"][0], "name": "Österreich"}]),
        r"places, row 3, “slug”: has the slug of row 1",
    ),
    "same-slug-twice-in-a-sheet": (
        lambda: xlsx(laid_out(places={(3, "slug"): "austria", (3, "parent"): None})),
        r"places, row 3, “slug”: has the slug of row 2",
    ),
    "figure-of-an-unknown-initiative": (
        lambda: changed("figures", initiative="nowhere"),
        r"figures, row 1, “initiative”: no initiative has the slug “nowhere”",
    ),
    "nul-in-a-text": (
        lambda: changed("initiatives", summary="Pairs of\x00neighbours."),
        r"initiatives, row 1, “summary”: holds a NUL character",
    ),
    "year-10**30": (lambda: changed("initiatives", start_year=10**30), r"initiatives, row 1, “start_year”: "),
    "figure-10**40": (lambda: changed("figures", value=10**40), r"figures, row 1, “value”: "),
    "parent-cycle": (cycle, r"places, row 1, “parent”: is part of itself.*\n.*places, row 2, “parent”: is part of"),
    "country-a-city": (
        lambda: changed("initiatives", country="graz"),
        r"initiatives, row 1, “country”: ",
    ),
    "amount-without-currency": (
        lambda: changed("fundings", currency=""),
        r"fundings, row 1: Give the currency of the amount",
    ),
}


@pytest.mark.parametrize(("make", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_saying_where_and_nothing_is_written(tmp_path, make, message):
    path = tmp_path / "austria.catalogue"
    path.write_bytes(make())
    before = counts()
    with pytest.raises(CommandError, match=message) as refused:
        imported(path)
    assert "austria.catalogue cannot be imported; nothing was written." in str(refused.value)
    assert counts() == before


@pytest.mark.parametrize("kind", MAKERS)
@pytest.mark.parametrize("amount", [10**20, 10**40], ids=["10**20", "10**40"])
def test_an_enormous_amount_typed_as_a_number_is_refused_where_it_is(tmp_path, kind, amount):
    path = tmp_path / f"austria.{kind}"
    path.write_bytes(MAKERS[kind](laid_out(fundings={(2, "amount"): amount})))
    with pytest.raises(CommandError, match=r"fundings, row 2, “amount”: "):
        imported(path)
    assert counts()["initiatives.Funding"] == 0


def test_a_reference_to_a_place_of_the_wrong_kind_names_the_slug_given(tmp_path):
    # The curator typed "graz" under country: the message should say that, not a database id.
    with pytest.raises(CommandError, match=r"initiatives, row 1, “country”: [^\n]*“graz”") as refused:
        imported(written(tmp_path / "austria.json", json.loads(changed("initiatives", country="graz"))))
    assert " id " not in str(refused.value)


def test_a_cycle_refused_in_its_sheet_is_named_so_where_it_is_referred_to(tmp_path):
    # The initiative's country is in the file: a message saying it is in neither file nor catalogue misleads.
    with pytest.raises(CommandError, match=r"initiatives, row 1, “country”: the place “austria” is refused"):
        imported(written(tmp_path / "austria.json", json.loads(cycle())))


def test_50_mb_of_junk_is_refused_by_its_size_at_once(tmp_path):
    assert reading.max_bytes() == reading.MAX_BYTES == 10 * 1024 * 1024  # the setting is left at its default
    path = tmp_path / "junk.xlsx"
    path.write_bytes(os.urandom(50 * 1024 * 1024))
    started = time.monotonic()
    with pytest.raises(CommandError, match=r"the file is 50\.0 MB, and a catalogue file may be at most 10 MB"):
        imported(path)
    assert time.monotonic() - started < 3


def test_the_size_limit_is_a_setting(tmp_path, settings):
    settings.CATALOGUE_IMPORT_MAX_BYTES = 1024 * 1024
    path = tmp_path / "padded.json"
    path.write_text(json.dumps({**SMALL, "padding": " " * 2 * 1024 * 1024}))
    with pytest.raises(CommandError, match="may be at most 1 MB"):
        imported(path)


def test_a_file_within_the_limit_is_imported(tmp_path):
    imported(written(tmp_path / "austria.json", SMALL))
    assert counts()["initiatives.Initiative"] == 1
