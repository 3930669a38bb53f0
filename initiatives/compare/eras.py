"""The long-established and new eras side by side: each era's numbers, counted in SQL (era_queries.py), and the
first few of its initiatives, figures, funding and awards.

Nothing here adds up or averages figures: different measures count different things, and figures of one
measure from different years, places or statements describe different moments or parts.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from ..models import Award, Funding, Initiative
from ..wording import award_text, figure_text, funding_text
from . import era_queries as queries
from .era_notes import measure_notes

# The page lists this many of each era's figures of a measure, fundings, awards, lead organisations and launch
# years, and of themes and groups; its numbers count them all, and it links to the full lists. The page stays
# the same size however large the catalogue grows.
SHOWN = 10
INITIATIVES_SHOWN = 20  # as many as a page of the list
TALLY_ROWS = 20  # themes and groups are a short taxonomy: most are shown
# Where a finding of the report keeps what it says of each era.
SAID_OF = {Initiative.Era.LONG_ESTABLISHED: "long_established", Initiative.Era.NEW: "new"}


@dataclass
class Launch:
    """How many initiatives of one era launched in one year; named where there is one."""

    era: str
    start_year: int
    count: int
    initiative_name: str
    slug: str
    era_label: str

    @property
    def single(self):
        return self.count == 1

    @property
    def name(self):
        if self.single:
            return self.initiative_name
        return ngettext("%(count)d initiative", "%(count)d initiatives", self.count) % {"count": self.count}

    def get_era_display(self):
        return self.era_label

    def get_absolute_url(self):
        if self.single:
            return reverse("initiatives:detail", args=[self.slug])
        return list_url(era=self.era, started_from=self.start_year, started_to=self.start_year)


@dataclass
class Era:
    """One era's numbers, counted in SQL, and the first few of each of its lists."""

    value: str
    label: str
    count: int = 0
    leads: int = 0
    without_lead: int = 0
    dated: int = 0
    first_year: int | None = None
    last_year: int | None = None
    organising_count: int = 0
    initiatives: list = field(default_factory=list)
    lead_organisations: list = field(default_factory=list)
    launches_by_year: list = field(default_factory=list)
    fundings: list = field(default_factory=list)
    funding_count: int = 0
    awards: list = field(default_factory=list)
    award_count: int = 0
    organising: list = field(default_factory=list)
    figures: dict = field(default_factory=dict)  # measure pk: the first figures of it
    figure_numbers: dict = field(default_factory=dict)  # measure pk: {"count": …, "years": {…}, "latest": …}
    latest_year: int | None = None  # the latest year its records mention

    @property
    def url(self):
        return list_url(era=self.value)

    @property
    def launches(self):
        """The latest launch years, oldest first."""
        return self.launches_by_year[-SHOWN:]

    @property
    def launch_range(self):
        if not self.first_year:
            return ""
        return str(self.first_year) if self.first_year == self.last_year else f"{self.first_year}–{self.last_year}"

    @property
    def undated(self):
        return self.count - self.dated

    @property
    def organising_missing(self):
        return self.count - self.organising_count

    def people_measures(self, measures):
        return [m for m in measures if m.counts_people and m.pk in self.figures]


def list_url(**parameters):
    return f"{reverse('initiatives:list')}?{urlencode(parameters)}"


@dataclass
class MeasureComparison:
    measure: object
    sides: list  # per era: (era, its first figures of the measure by initiative name, how many it has)
    notes: list

    @property
    def figures(self):
        return [figure for _, figures, _ in self.sides for figure in figures]

    @property
    def count(self):
        return sum(count for _, _, count in self.sides)


@dataclass
class Tally:
    """How many initiatives of each era have a theme or beneficiary group."""

    record: object
    label: str
    counts: list  # (era, count, link to the list of those initiatives)


def describe(facts, words):
    """Gives each figure, funding or award its `text`, the words the pages show for it."""
    for fact in facts:
        fact.text = words(fact)
    return facts


def eras():
    """Each era as the report classifies initiatives: its numbers, and the first few of each of its lists."""
    numbers = queries.era_numbers()
    initiatives = queries.first_initiatives(INITIATIVES_SHOWN)
    leads = queries.leading_organisations(SHOWN)
    launches = queries.launch_years()
    fundings = queries.first_fundings(SHOWN)
    awards = queries.first_awards(SHOWN)
    organising = queries.organising(SHOWN)
    funding_numbers, award_numbers = queries.fact_numbers(Funding), queries.fact_numbers(Award)
    figure_numbers = queries.figure_numbers()
    figures = describe(list(queries.first_figures(SHOWN, figure_numbers)), figure_text)
    labels = {value: str(label) for value, label in Initiative.Era.choices}
    era_list = []
    for value in Initiative.Era.values:
        row = numbers.get(value, {})
        era = Era(
            value,
            labels[value],
            count=row.get("count", 0),
            leads=row.get("leads", 0),
            without_lead=row.get("without_lead", 0),
            dated=row.get("dated", 0),
            first_year=row.get("first_year"),
            last_year=row.get("last_year"),
            organising_count=row.get("organising", 0),
            initiatives=initiatives.get(value, []),
            lead_organisations=leads.get(value, []),
            launches_by_year=[
                Launch(value, r["start_year"], r["count"], r["name"], r["slug"], labels[value])
                for r in launches.get(value, [])
            ],
            fundings=describe(fundings.get(value, []), funding_text),
            awards=describe(awards.get(value, []), award_text),
            organising=organising.get(value, []),
            figure_numbers={measure: n for (measure, era_value), n in figure_numbers.items() if era_value == value},
        )
        era.funding_count = funding_numbers.get(value, {}).get("count", 0)
        era.award_count = award_numbers.get(value, {}).get("count", 0)
        era.latest_year = max(
            (
                year
                for year in (
                    era.last_year,
                    row.get("latest_end"),
                    funding_numbers.get(value, {}).get("latest"),
                    award_numbers.get(value, {}).get("latest"),
                    *(n["latest"] for n in era.figure_numbers.values()),
                )
                if year
            ),
            default=None,
        )
        for figure in figures:
            if figure.initiative.era == value:
                era.figures.setdefault(figure.measure_id, []).append(figure)
        era_list.append(era)
    return era_list


def compare_measures(era_list, measures):
    """Measures both eras have figures of, side by side; and, per era, the measures only it has."""
    of_each = queries.figures_of_each([f for era in era_list for figures in era.figures.values() for f in figures])
    shared, only = [], {era.value: [] for era in era_list}
    for measure in measures:
        sides = [
            (era, era.figures.get(measure.pk, []), era.figure_numbers.get(measure.pk, {}).get("count", 0))
            for era in era_list
        ]
        comparison = MeasureComparison(measure, sides, measure_notes(measure, sides, of_each))
        having = [era for era, _, count in sides if count]
        if len(having) > 1:
            shared.append(comparison)
        elif having:
            only[having[0].value].append(comparison)
    return {"shared": shared, "only": [(era, only[era.value]) for era in era_list], "any": bool(measures)}


def tallies(era_list, model, parameter, label=str):
    """The themes (or groups) most initiatives have, with how many initiatives of each era have each, most
    first; and how many themes (or groups) any initiative has."""
    records, counts = queries.tally(model)
    rows = [
        Tally(
            record,
            label(record),
            [
                (era, counts[pk].get(era.value, 0), list_url(**{parameter: record.slug, "era": era.value}))
                for era in era_list
            ],
        )
        for pk, record in records.items()
    ]
    rows.sort(key=lambda row: (-sum(count for _, count, _ in row.counts), row.label.lower()))
    return {"rows": rows[:TALLY_ROWS], "count": len(rows)}


def said(finding, era_list):
    """What a finding of the report says of each era, beside the era; "" where it says nothing of one."""
    return [(era, getattr(finding, SAID_OF[era.value])) for era in era_list if era.value in SAID_OF]
