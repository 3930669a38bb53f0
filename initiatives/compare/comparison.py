"""Comparing initiatives: the chosen set in the address, the grid, and the long-established and new eras.

Every figure stays the statement its source makes, for one initiative at its own time and place. Nothing
here adds up or averages figures: different measures count different things, and figures of one measure
from different years, places or statements describe different moments or parts.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import Funding, Initiative, Source

MIN_COMPARED, MAX_COMPARED = 2, 8
# Below this many initiatives, an era's counts describe those initiatives rather than the era.
FEW = 5
NOT_STATED, NONE_STATED = gettext_lazy("not stated"), gettext_lazy("none stated")
# What a slug can be (SlugField without unicode); anything else is unknown without asking the database.
SLUG = re.compile(r"[-a-zA-Z0-9_]+\Z")


# -- The chosen set ---------------------------------------------------------------------------------------


@dataclass
class Selection:
    """The slugs asked for, first occurrences in the order given, and what had to be dropped."""

    slugs: list
    duplicates: list
    canonical: str

    @classmethod
    def read(cls, params):
        given = [value.strip() for value in params.getlist("i") if value.strip()]
        slugs = list(dict.fromkeys(given))
        duplicates = list(dict.fromkeys(slug for index, slug in enumerate(given) if slug in given[:index]))
        return cls(slugs, duplicates, query(slugs))


def query(slugs):
    """The canonical query string of a comparison: `?i=` for each slug, in order, once."""
    return "?" + urlencode([("i", slug) for slug in slugs]) if slugs else ""


def shorten(text, limit=60):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value):
    """A value from the address, safe to repeat in a message: control characters replaced, length capped."""
    return shorten(re.sub(r"[\x00-\x1f\x7f]", "\ufffd", value))


def is_slug(value):
    return bool(SLUG.match(value))


def problems(slugs, count, found):
    """What stops the grid being drawn, as sentences: unknown slugs among `slugs`, and too many (`count`)."""
    messages = []
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        names = ", ".join(f"“{shown(slug)}”" for slug in unknown[:10])
        if len(unknown) > 10:
            names = _("%(names)s and %(more)d more") % {"names": names, "more": len(unknown) - 10}
        messages.append(
            _(
                "No initiative in the catalogue has the address name %(names)s. Check the address, or choose from the list below."
            )
            % {"names": names}
        )
    if count > MAX_COMPARED:
        messages.append(
            _(
                "You chose %(count)d initiatives; the grid compares at most %(most)d at a time, "
                "so that every column stays readable."
            )
            % {"count": count, "most": MAX_COMPARED}
        )
    return messages


# -- How facts read: the same words on the page, in the CSV and in the charts' tables -----------------------


def and_joined(words):
    return " {} ".format(_("and")).join(words)


def money(currency, amount):
    """The amount with the active language's digit grouping: DKK 1,500,000 in English, DKK 1.500.000 in Danish."""
    whole = amount == amount.to_integral_value()
    return f"{currency} {number_format(amount, decimal_pos=0 if whole else 2, force_grouping=True)}"


def when(figure):
    parts = []
    if figure.since_year:
        parts.append(_("since %(year)s") % {"year": figure.since_year})
    if figure.as_of_year:
        parts.append(_("as of %(year)s") % {"year": figure.as_of_year})
    return ", ".join(parts) or _("no year stated")


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


def period(start, end):
    if start and end:
        return str(start) if start == end else f"{start}–{end}"
    if start:
        return _("from %(year)s") % {"year": start}
    if end:
        return _("until %(year)s") % {"year": end}
    return _("period not stated")


def funding_amount(funding):
    if funding.amount is None:
        return _("amount not stated")
    qualifier = f"{funding.get_qualifier_display()} " if funding.qualifier else ""
    return f"{qualifier}{money(funding.currency, funding.amount)}"


def funder_text(funding):
    if funding.direction == Funding.Direction.RAISED:
        return _("raised by the initiative")
    return str(funding.funder) if funding.funder_id else _("funder not stated")


def funding_text(funding):
    words = [funding_amount(funding)]
    if funding.amount is not None:
        words.append(funding.get_basis_display())
    text = " ".join(words) + f", {period(funding.start_year, funding.end_year)}"
    if funding.total_amount is not None:
        text += " " + _("(stated total %(amount)s)") % {"amount": money(funding.currency, funding.total_amount)}
    if funding.direction == Funding.Direction.RAISED:
        return _("%(text)s, raised by the initiative") % {"text": text}
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


# -- The grid ------------------------------------------------------------------------------------------------


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
    if source.kind == Source.Kind.SECTION and source.locator:
        return Item(
            _("Section %(locator)s: %(name)s") % {"locator": source.locator, "name": source.name},
            source.get_absolute_url(),
        )
    return Item(source.name, source.get_absolute_url())


def sources_of(initiative):
    """Each source once: the initiative's own, then those of its figures, funding and awards."""
    seen = {}
    for source in initiative.sources.all():
        seen.setdefault(source.pk, source)
    for facts in (initiative.figures.all(), initiative.fundings.all(), initiative.awards.all()):
        for fact in facts:
            seen.setdefault(fact.source_id, fact.source)
    return list(seen.values())


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


# -- The eras ------------------------------------------------------------------------------------------------


@dataclass
class Era:
    """One era's initiatives and what the sources say of them."""

    value: str
    label: str
    initiatives: list
    figures: dict = field(default_factory=dict)

    def __post_init__(self):
        for initiative in self.initiatives:
            for figure in initiative.figures.all():
                self.figures.setdefault(figure.measure_id, []).append(figure)

    @property
    def count(self):
        return len(self.initiatives)

    @property
    def lead_organisations(self):
        leads = {i.lead_organisation.pk: i.lead_organisation for i in self.initiatives if i.lead_organisation}
        return sorted(leads.values(), key=lambda organisation: organisation.name.lower())

    @property
    def without_lead(self):
        return sum(1 for i in self.initiatives if not i.lead_organisation_id)

    @property
    def launches(self):
        return sorted(((i.start_year, i) for i in self.initiatives if i.start_year), key=lambda p: (p[0], p[1].name))

    @property
    def launch_range(self):
        years = [year for year, _ in self.launches]
        if not years:
            return ""
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"

    @property
    def undated(self):
        return self.count - len(self.launches)

    @property
    def fundings(self):
        return [funding for i in self.initiatives for funding in i.fundings.all()]

    @property
    def awards(self):
        return [award for i in self.initiatives for award in i.awards.all()]

    @property
    def organising(self):
        return [i for i in self.initiatives if i.organising]

    @property
    def organising_missing(self):
        return self.count - len(self.organising)

    def people_measures(self, measures):
        return [m for m in measures if m.counts_people and m.pk in self.figures]


@dataclass
class MeasureComparison:
    measure: object
    sides: list  # per era: that era's figures of the measure, by initiative name
    notes: list

    @property
    def figures(self):
        return [figure for _, figures in self.sides for figure in figures]


@dataclass
class Tally:
    """How many initiatives of each era have a theme or beneficiary group."""

    record: object
    label: str
    counts: list  # (era, count, link to the list of those initiatives)


def describe(initiatives):
    """Gives each figure, funding and award its `text`, the words the pages show for it."""
    for initiative in initiatives:
        for facts, words in (
            (initiative.figures.all(), figure_text),
            (initiative.fundings.all(), funding_text),
            (initiative.awards.all(), award_text),
        ):
            for fact in facts:
                fact.text = words(fact)
    return initiatives


def eras(initiatives):
    """The initiatives by era, as the report classifies them, each era's facts described."""
    describe(initiatives)
    by_era = {value: [] for value in Initiative.Era.values}
    for initiative in initiatives:
        by_era.setdefault(initiative.era, []).append(initiative)
    labels = dict(Initiative.Era.choices)
    return [Era(value, str(labels.get(value, value)), members) for value, members in by_era.items()]


def years_text(figures):
    years = sorted({f.as_of_year for f in figures if f.as_of_year})
    words = [str(year) for year in years]
    if any(not f.as_of_year for f in figures):
        words.append(_("no year stated"))
    return and_joined(words)


def measure_notes(measure, sides):
    """Why these figures are set side by side and never added up, in words."""
    name = measure.name.lower()
    notes = []
    having = [(era, figures) for era, figures in sides if figures]
    if len(having) > 1:
        years = [{f.as_of_year for f in figures} for _, figures in having]
        moments = len({frozenset(y) for y in years}) > 1 or any(None in y for y in years)
        years = "; ".join(f"{era.label}: {years_text(figures)}" for era, figures in having)
        if moments:
            note = _(
                "Both eras have figures of %(measure)s. Each is one initiative's figure as its source states it "
                "(%(years)s). They are set side by side, never added up or averaged, and as their years differ "
                "or are not stated, they may describe different moments."
            )
        else:
            note = _(
                "Both eras have figures of %(measure)s. Each is one initiative's figure as its source states it "
                "(%(years)s). They are set side by side, never added up or averaged."
            )
        notes.append(note % {"measure": name, "years": years})
    for _era, figures in having:
        by_initiative = {}
        for figure in figures:
            by_initiative.setdefault(figure.initiative_id, []).append(figure)
        for own in by_initiative.values():
            initiative = own[0].initiative
            whole = [f for f in own if not f.place_id]
            placed = [f for f in own if f.place_id]
            if len(whole) > 1:
                notes.append(
                    _(
                        "%(initiative)s has %(count)d figures of %(measure)s (%(figures)s): separate statements "
                        "of the sources, none of them a total of the others."
                    )
                    % {
                        "initiative": initiative.name,
                        "count": len(whole),
                        "measure": name,
                        "figures": "; ".join(figure_text(f) for f in whole),
                    }
                )
            if placed:
                notes.append(
                    ngettext(
                        "%(initiative)s's %(measure)s in %(count)d place are parts of the whole, and the sources "
                        "need not name every place: they are not added up.",
                        "%(initiative)s's %(measure)s in %(count)d places are parts of the whole, and the sources "
                        "need not name every place: they are not added up.",
                        len(placed),
                    )
                    % {"initiative": initiative.name, "measure": name, "count": len(placed)}
                )
    return notes


def compare_measures(era_list, measures):
    """Measures both eras have figures of, side by side; and, per era, the measures only it has."""
    shared, only = [], {era.value: [] for era in era_list}
    for measure in measures:
        sides = [
            (era, sorted(era.figures.get(measure.pk, []), key=lambda f: (f.initiative.name, f.place_id is not None)))
            for era in era_list
        ]
        comparison = MeasureComparison(measure, sides, measure_notes(measure, sides))
        having = [era for era, figures in sides if figures]
        if len(having) > 1:
            shared.append(comparison)
        elif having:
            only[having[0].value].append(comparison)
    return {"shared": shared, "only": [(era, only[era.value]) for era in era_list], "any": bool(measures)}


def people_note(era_list, measures):
    """Whether the eras' counts of people count the same thing; said in words when they do not."""
    counted = [(era, era.people_measures(measures)) for era in era_list]
    kinds = {frozenset(m.pk for m in people) for _, people in counted}
    if len(kinds) <= 1:
        return ""
    none = _("none")
    described = "; ".join(
        f"{era.label}: {', '.join(m.name.lower() for m in people) or none}" for era, people in counted
    )
    return _(
        "The eras count people in different ways (%(described)s). A volunteer, a member and a participant "
        "are different things, so the eras' sizes cannot be compared as one number."
    ) % {"described": described}


def few_note(era_list):
    small = [era for era in era_list if 0 < era.count < FEW]
    return [
        ngettext(
            "Only %(count)d %(era)s initiative is recorded: the counts below describe it, "
            "not %(era)s initiatives in general.",
            "Only %(count)d %(era)s initiatives are recorded: the counts below describe these, "
            "not %(era)s initiatives in general.",
            era.count,
        )
        % {"count": era.count, "era": era.label}
        for era in small
    ]


def tallies(era_list, related, parameter, label=str):
    """For every theme (or group) any initiative has: how many initiatives of each era have it."""
    records = {}
    counts = {}
    for era in era_list:
        for initiative in era.initiatives:
            for record in getattr(initiative, related).all():
                records[record.pk] = record
                counts[(era.value, record.pk)] = counts.get((era.value, record.pk), 0) + 1
    list_url = reverse("initiatives:list")
    rows = [
        Tally(
            record,
            label(record),
            [
                (
                    era,
                    counts.get((era.value, pk), 0),
                    f"{list_url}?{urlencode({parameter: record.slug, 'era': era.value})}",
                )
                for era in era_list
            ],
        )
        for pk, record in records.items()
    ]
    return sorted(rows, key=lambda row: (-sum(count for _, count, _ in row.counts), row.label.lower()))


def sources_cited(*groups):
    seen = {}
    for group in groups:
        for fact in group:
            seen.setdefault(fact.source_id, fact.source)
    order = {Source.Kind.REPORT: 0, Source.Kind.SECTION: 1}
    return sorted(seen.values(), key=lambda s: (order.get(s.kind, 2), s.locator.zfill(4), s.name))
