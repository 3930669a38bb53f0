"""The long-established and new eras side by side: each era's initiatives, figures, funding and awards.

Nothing here adds up or averages figures: different measures count different things, and figures of one
measure from different years, places or statements describe different moments or parts.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Initiative
from ..wording import and_joined, award_text, figure_text, funding_text

# Below this many initiatives, an era's counts describe those initiatives rather than the era.
FEW = 5
# Where a finding of the report keeps what it says of each era.
SAID_OF = {Initiative.Era.LONG_ESTABLISHED: "long_established", Initiative.Era.NEW: "new"}


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


def said(finding, era_list):
    """What a finding of the report says of each era, beside the era; "" where it says nothing of one."""
    return [(era, getattr(finding, SAID_OF[era.value])) for era in era_list if era.value in SAID_OF]
