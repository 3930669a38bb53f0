"""The catalogue format as a workbook a curator fills in a spreadsheet: XLSX (openpyxl) or ODS (odfpy).

The first sheet, `catalogue`, has one row of the file's own fields (format, exported, licence, licence_url).
Then each kind of record has a sheet of its name, a heading row of its columns (format.py) and a row per
record. A list of slugs is written as the slugs separated by spaces; an empty cell is null, or "" where the
column holds text. Cells are converted to the types the JSON Schema gives each column, so a workbook is
checked exactly as a JSON file is; a cell that cannot be converted is left for the schema to refuse.
"""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from odf.namespaces import OFFICENS, TABLENS
from odf.opendocument import OpenDocumentSpreadsheet, load
from odf.table import Table, TableCell, TableRow
from odf.teletype import extractText
from odf.text import P
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from .format import COLUMNS, LISTS, VERSION
from .problems import Problem, Refused

ABOUT = "catalogue"
ABOUT_COLUMNS = ("format", "exported", "licence", "licence_url")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
FORMULA_HELP = "is a formula ({formula}); a catalogue file holds values only: type the value itself"


def sheets(data):
    """(sheet name, heading, rows) for every sheet of `data`'s workbook, its own fields first."""
    licence = data.get("licence") or {}
    about = [data["format"], data.get("exported", ""), licence.get("name", ""), licence.get("url", "")]
    yield ABOUT, ABOUT_COLUMNS, [about]
    for kind, columns in COLUMNS.items():
        lists = LISTS.get(kind, ())
        yield kind, columns, [[written(row[column], column in lists) for column in columns] for row in data[kind]]


def written(value, is_list):
    if is_list:
        return " ".join(value)
    return "" if value is None else value


def as_xlsx(data):
    book = Workbook(write_only=True)
    for name, heading, rows in sheets(data):
        sheet = book.create_sheet(name)
        sheet.append(heading)
        for row in rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text that starts with "=" stays text, never a formula
                cells.append(cell)
            sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_ods(data):
    book = OpenDocumentSpreadsheet()
    for name, heading, rows in sheets(data):
        sheet = Table(name=name)
        for row in [heading, *rows]:
            line = TableRow()
            for value in row:
                if isinstance(value, bool):
                    cell = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
                elif isinstance(value, int):
                    cell = TableCell(valuetype="float", value=value)
                else:
                    cell = TableCell(valuetype="string")
                if value != "":
                    cell.addElement(P(text=str(value).lower() if isinstance(value, bool) else str(value)))
                line.addElement(cell)
            sheet.addElement(line)
        book.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def kind_of(content):
    """ "xlsx" or "ods" for a workbook's bytes, None for anything else."""
    if not content.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_TYPE.encode():
                return "ods"
    except zipfile.BadZipFile:
        return None
    return None


def read(content, kind, types):
    """The catalogue in a workbook's bytes, and each record's row number in its sheet: Refused if it is not one.

    `types` gives each kind's column types as the schema states them (see `cell_value`)."""
    found = read_xlsx(content) if kind == "xlsx" else read_ods(content)
    problems, data, numbers = [], {}, {}
    about = found.pop(ABOUT, None)
    if about is None:
        raise Refused([Problem(ABOUT, None, None, f"the workbook has no sheet “{ABOUT}” saying its format")])
    unknown = sorted(set(found) - set(COLUMNS))
    if unknown:
        names = ", ".join(f"“{name}”" for name in unknown)
        problems.append(Problem(None, None, None, f"sheets {names} are not kinds of record the format knows"))
    data.update(about_fields(about, problems))
    for kind_name, columns in COLUMNS.items():
        heading, *rows = found.get(kind_name, [(None, list(columns))])
        numbers[kind_name], data[kind_name] = [], []
        heading = [None if value in (None, "") else str(value).strip() for value in heading[1]]
        missing = [column for column in columns if column not in heading]
        extra = [column for column in heading if column is not None and column not in columns]
        if missing or extra:
            problems += heading_problems(kind_name, missing, extra)
            continue
        for number, cells in rows:
            if all(value in (None, "") for value in cells):
                continue
            record = {}
            for column, value in zip(heading, cells, strict=False):
                if column is None:
                    continue
                if isinstance(value, Formula):
                    problems.append(Problem(kind_name, number, column, FORMULA_HELP.format(formula=value)))
                record[column] = cell_value(value, types[kind_name][column])
            for column in columns:
                record.setdefault(column, cell_value(None, types[kind_name][column]))
            numbers[kind_name].append(number)
            data[kind_name].append(record)
    if problems:
        raise Refused(problems)
    return data, numbers


def heading_problems(kind, missing, extra):
    problems = []
    if missing:
        problems.append(Problem(kind, 1, None, f"the sheet lacks the columns {', '.join(missing)}"))
    if extra:
        problems.append(Problem(kind, 1, None, f"the format has no columns {', '.join(extra)}"))
    return problems


def about_fields(rows, problems):
    heading, *values = rows
    names = [str(value).strip() if value is not None else None for value in heading[1]]
    if "format" not in names or not values:
        problems.append(Problem(ABOUT, 2, "format", f"say the format's version under “format”: {VERSION}"))
        return {"format": None}
    number, cells = values[0]
    row = dict(zip(names, cells, strict=False))
    for name, value in row.items():
        if isinstance(value, Formula):
            problems.append(Problem(ABOUT, number, name, FORMULA_HELP.format(formula=value)))
    version = cell_value(row.get("format"), {"integer"})
    licence = None
    if row.get("licence"):
        licence = {"name": str(row["licence"]), "url": str(row.get("licence_url") or "")}
    return {"format": version, "exported": str(row.get("exported") or ""), "licence": licence}


def cell_value(value, types):
    """A cell as the column's JSON type: `types` is the set of JSON types the schema allows it."""
    if isinstance(value, Formula):
        return str(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    if isinstance(value, str) and value.strip() == "":
        value = None
    if value is None:
        if "null" in types:
            return None
        return [] if "array" in types else ("" if "string" in types else None)
    if "array" in types:
        return str(value).split()
    if "boolean" in types and not isinstance(value, bool):
        return {"true": True, "false": False, "1": True, "0": False}.get(str(value).strip().lower(), value)
    if "integer" in types and not isinstance(value, bool):
        return whole_number(value)
    if "string" in types and not isinstance(value, str):
        return text(value, "amount" in types)
    return value.strip() if "amount" in types else value


def whole_number(value):
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return value
    return int(number) if number.is_finite() and number == number.to_integral_value() else value


def text(value, is_amount):
    """A number typed into a text column: an amount keeps two decimals, other numbers read as typed."""
    if isinstance(value, bool):
        return str(value).lower()
    number = Decimal(str(value))
    try:
        if is_amount:
            return str(number.quantize(Decimal("0.01")))
        return str(int(number)) if number == number.to_integral_value() else str(number)
    except (InvalidOperation, OverflowError):  # too large to round: the schema refuses it where it is
        return str(number)


class Formula(str):
    """A cell's formula, kept apart from its value so that it can be refused by name."""


def read_xlsx(content):

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise Refused([Problem(None, None, None, f"the workbook cannot be read: {error}")]) from error
    found = {}
    for sheet in book.worksheets:
        rows = []
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells = [Formula(cell.value) if cell.data_type == "f" else cell.value for cell in row]
            rows.append((number, cells))
        found[sheet.title] = rows or [(1, [])]
    book.close()
    return found


def read_ods(content):

    try:
        book = load(io.BytesIO(content))
    except Exception as error:  # odfpy raises many kinds for a damaged file
        raise Refused([Problem(None, None, None, f"the workbook cannot be read: {error}")]) from error
    found = {}
    for sheet in book.spreadsheet.getElementsByType(Table):
        rows, number = [], 0
        for row in sheet.getElementsByType(TableRow):
            repeated = int(row.getAttrNS(TABLENS, "number-rows-repeated") or 1)
            cells = ods_cells(row)
            if any(value not in (None, "") for value in cells):  # empty rows repeat to the sheet's end
                rows += [(number + step, cells) for step in range(1, repeated + 1)]
            number += repeated
        found[sheet.getAttribute("name")] = rows or [(1, [])]
    return found


def ods_cells(row):

    cells = []
    for cell in row.childNodes:
        if cell.qname[1] not in ("table-cell", "covered-table-cell"):
            continue
        repeated = int(cell.getAttrNS(TABLENS, "number-columns-repeated") or 1)
        formula = cell.getAttrNS(TABLENS, "formula")
        kind = cell.getAttrNS(OFFICENS, "value-type")
        if formula:
            value = Formula(formula)
        elif kind == "float" or kind == "percentage" or kind == "currency":
            value = Decimal(cell.getAttrNS(OFFICENS, "value"))
        elif kind == "boolean":
            value = cell.getAttrNS(OFFICENS, "boolean-value") == "true"
        else:
            value = "\n".join(extractText(paragraph) for paragraph in cell.childNodes if paragraph.qname[1] == "p")
        cells += [value] * min(repeated, 1000)  # a row's trailing empty cells are one cell repeated to the edge
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return cells
