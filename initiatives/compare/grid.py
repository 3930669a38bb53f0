"""The comparison grid: one row per fact, one cell per initiative, each cell a list of items; and its CSV.

Every figure stays the statement its source makes, for one initiative at its own time and place: a cell
lists them, it never adds them up.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Source
from ..wording import ages, award_text, figure_text, funding_text, section_label
from .comparison import sources_of

NOT_STATED, NONE_STATED = gettext_lazy("not stated"), gettext_lazy("none stated")


@dataclass
class Item:
    text: str
    url: str = ""
    stated: bool = True  # False for "not stated" and "none stated", which the page greys out


@dataclass
class Row:
    label: str
    cells: list
    kind: str = "record"


def items(records, text=str, url=lambda record: record.get_absolute_url(), empty=NONE_STATED):
    return [Item(text(record), url(record)) for record in records] or [Item(str(empty), stated=False)]


def source_item(source):
    if source.kind == Source.Kind.WEB_PAGE and source.url:
        return Item(source.url, source.url)
    if label := section_label(source):
        return Item(f"{label}: {source.name}", source.get_absolute_url())
    return Item(source.name, source.get_absolute_url())


def measures_of(initiatives):
    """The measures any of them has figures of: counts of people first, then the rest, by name."""
    measures = {figure.measure.pk: figure.measure for i in initiatives for figure in i.figures.all()}
    return sorted(measures.values(), key=lambda measure: (not measure.counts_people, measure.name.lower()))


def grid(initiatives):
    """The rows of the comparison grid, one cell per initiative; each cell a list of items."""

    def row(label, cell, kind="record"):
        return Row(label, [cell(initiative) for initiative in initiatives], kind)

    def one(value):
        return [Item(str(value))] if value not in (None, "") else [Item(str(NOT_STATED), stated=False)]

    rows = [
        row(
            _("Lead organisation"),
            lambda i: items([i.lead_organisation] if i.lead_organisation else [], empty=NOT_STATED),
        ),
        row(_("Partners"), lambda i: items(i.partners.all())),
        row(_("Era"), lambda i: one(i.get_era_display())),
        row(_("Start year"), lambda i: one(i.start_year)),
        row(_("End year"), lambda i: one(i.end_year)),
        row(_("Status"), lambda i: one(i.get_status_display())),
        row(_("Themes"), lambda i: items(i.themes.all())),
        row(_("Beneficiary groups"), lambda i: items(i.beneficiary_groups.all(), text=ages)),
        row(_("Places"), lambda i: items(i.places.all(), text=lambda place: place.name)),
    ]
    for measure in measures_of(initiatives):
        rows.append(
            row(
                measure.name,
                lambda i, m=measure: items(
                    [f for f in i.figures.all() if f.measure_id == m.pk], text=figure_text, url=lambda f: ""
                ),
                kind="figure",
            )
        )
    rows += [
        row(_("Funding"), lambda i: items(i.fundings.all(), text=funding_text, url=lambda f: "")),
        row(_("Awards"), lambda i: items(i.awards.all(), text=award_text, url=lambda a: "")),
        row(
            _("Sources"),
            lambda i: [source_item(source) for source in sources_of(i)] or [Item(str(NONE_STATED), stated=False)],
        ),
    ]
    return rows


def csv_rows(initiatives, rows):
    """The grid as the page shows it: a header of names, then one line per row; a cell's items on lines."""
    yield [_("Initiative"), *[initiative.name for initiative in initiatives]]
    for row in rows:
        yield [row.label, *["\n".join(item.text for item in cell) for cell in row.cells]]
