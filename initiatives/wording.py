"""How facts read: the same words on the record pages, on the grid, in its CSV and in the charts' tables.

A figure, a funding, an award or a source is worded here once, so every place that shows it says the same
thing; templates reach these through `{% load wording %}`. The JSON and JSON-LD versions of a record give
the values themselves (numbers, years, codes), not these words.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formats import money
from .models import Funding, Source
from .models.base import Qualifier

NOT_STATED = gettext_lazy("not stated")
NO_YEAR, NO_PERIOD = gettext_lazy("no year stated"), gettext_lazy("period not stated")
# Between a currency and its amount on a page, so that a line never breaks between the two.
NBSP = "\xa0"


def and_joined(words):
    return " {} ".format(_("and")).join(words)


def since(year):
    return _("since %(year)s") % {"year": year}


def until(year):
    return _("until %(year)s") % {"year": year}


def when(figure, unstated=NO_YEAR):
    """The years a figure is for: “since 2015, as of 2020”."""
    parts = []
    if figure.since_year:
        parts.append(since(figure.since_year))
    if figure.as_of_year:
        parts.append(_("as of %(year)s") % {"year": figure.as_of_year})
    return ", ".join(parts) or str(unstated)


def figure_value(figure):
    """The value as the source states it: “more than 80,000”, “about 5,000”, “12 in total so far”."""
    words = [str(figure)]
    if figure.basis:
        words.append(figure.get_basis_display())
    return " ".join(words)


def figure_text(figure):
    if figure.place_id:
        return _("%(value)s in %(place)s (%(when)s)") % {
            "value": figure_value(figure),
            "place": figure.place.name,
            "when": when(figure),
        }
    return f"{figure_value(figure)} ({when(figure)})"


def period(start, end, unstated=NO_PERIOD):
    """The years a funding covers: “2016”, “2016–2019”, “from 2016”, “until 2019”."""
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return _("from %(year)s") % {"year": start}
    if end:
        return until(end)
    return str(unstated)


def lifetime(start, end, unstated=NOT_STATED):
    """An initiative's years: “2004–2012”, “since 2015” (running, as far as its source says), “until 2012”."""
    if start and end:
        return f"{start}–{end}"
    if start:
        return since(start)
    if end:
        return until(end)
    return str(unstated)


def funding_amount(funding, unstated=Funding.NO_AMOUNT, space=" "):
    """The amount as stated, with its qualifier: “about DKK 1,750,000”."""
    if funding.amount is None:
        return str(unstated)
    qualified = funding.qualifier and not primarily_from_funder(funding)
    qualifier = f"{funding.get_qualifier_display()} " if qualified else ""
    return f"{qualifier}{money(funding.currency, funding.amount, space)}"


def primarily_from_funder(funding):
    """“Primarily from the Ministry”: the amount is as stated, most of it (not all) from the funder named."""
    return funding.qualifier == Qualifier.PRIMARILY and funding.direction == Funding.Direction.RECEIVED


def funding_total(funding, space=" "):
    """The total a source states beside an amount per year, or nothing."""
    return "" if funding.total_amount is None else money(funding.currency, funding.total_amount, space)


def funder_text(funding):
    if funding.direction == Funding.Direction.RAISED:
        return _("raised by the initiative")
    if not funding.funder_id:
        return _("funder not stated")
    if primarily_from_funder(funding):
        return _("primarily %(funder)s") % {"funder": funding.funder}
    return str(funding.funder)


def funding_text(funding):
    words = [funding_amount(funding)]
    if funding.amount is not None:
        words.append(funding.get_basis_display())
    text = " ".join(words) + f", {period(funding.start_year, funding.end_year)}"
    if funding.total_amount is not None:
        text += " " + _("(stated total %(amount)s)") % {"amount": funding_total(funding)}
    if funding.direction == Funding.Direction.RAISED:
        return _("%(text)s, raised by the initiative") % {"text": text}
    if funding.funder_id and primarily_from_funder(funding):
        return _("%(text)s, primarily from %(funder)s") % {"text": text, "funder": funding.funder}
    return _("%(text)s, from %(funder)s") % {"text": text, "funder": funder_text(funding)}


def award_text(award):
    year = award.year or _("year not stated")
    text = f"{award.name}, {year}, {award.get_outcome_display()}"
    if award.person:
        text += " " + _("by %(person)s") % {"person": award.person}
    givers = [str(giver) for giver in award.givers.all()]
    if givers:
        text += ", " + _("given by %(givers)s") % {"givers": and_joined(givers)}
    return text


def ages(group):
    return _("%(group)s (aged %(ages)s)") % {"group": group.name, "ages": group.ages} if group.ages else group.name


def section_label(source):
    """“Section 3” for a numbered section of a report, and nothing for any other source."""
    if source.kind == Source.Kind.SECTION and source.locator:
        return _("Section %(locator)s") % {"locator": source.locator}
    return ""


def source_label(source):
    """A source as briefly as a citation names it: a numbered section by its number, any other by its name."""
    return section_label(source) or source.name


def source_kind(source):
    """What a source is, a section with its number: “section 3”, “report”, “web page”."""
    if source.kind == Source.Kind.SECTION and source.locator:
        return _("section %(locator)s") % {"locator": source.locator}
    return source.get_kind_display()
