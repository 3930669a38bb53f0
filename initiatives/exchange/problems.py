"""What an import refuses, and where: the sheet (kind of record), the row and the field."""

from typing import NamedTuple


class Problem(NamedTuple):
    sheet: str | None
    row: int | None
    field: str | None
    message: str

    def __str__(self):
        where = ", ".join(
            part
            for part in (self.sheet, f"row {self.row}" if self.row else None, self.field and f"“{self.field}”")
            if part
        )
        return f"{where}: {self.message}" if where else self.message


class Refused(Exception):
    """A file that cannot be imported as it is, with every problem found in it."""

    def __init__(self, problems):
        super().__init__("; ".join(map(str, problems)))
        self.problems = list(problems)
