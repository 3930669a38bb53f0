"""A page's tables read as a reader reads them: each row by its column headings."""

from tests.compare.dom import parse, table_rows


def section_rows(content, section):
    """The rows of the table in the page's section headed by the element with id `section` (figures, awards…),
    each as {column heading: cell text}."""
    found = parse(content).find("section", **{"aria-labelledby": section})
    assert found is not None, f"the page has no section headed #{section}"
    table = found.find("table")
    heading, *rows = table_rows(table)
    return [dict(zip(heading, row, strict=True)) for row in rows]
