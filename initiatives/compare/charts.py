"""Charts drawn on the server as SVG: no script, no CDN, readable printed and on a 375px phone.

Each chart comes with its title, a one-sentence summary and its data as table rows, which the template
sets beside it. Figures of different measures never share an axis, and nothing is added up.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..formats import money
from ..models import Funding, Initiative, Place
from ..models.base import Qualifier
from ..wording import and_joined, figure_text, figure_value, funder_text, funding_amount, period, when
from .drawing import Bar, bar_panels, timeline

# The shape of each era's mark; its colour is the stylesheet's (.chart-image .era-…).
ERA_MARKS = {Initiative.Era.LONG_ESTABLISHED: "circle", Initiative.Era.NEW: "square"}
FUNDED_CURRENCY = "DKK"


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    drawing: object  # a drawing.BarPanels or drawing.Timeline, which its template draws
    columns: list
    rows: list
    notes: list = field(default_factory=list)


def launches(initiatives, horizon=None, chart_id="launches"):
    """One mark per initiative with a known start year, on a timeline; shape and colour say the era."""
    dated = sorted((i for i in initiatives if i.start_year), key=lambda i: (i.start_year, i.name))
    undated = [i.name for i in initiatives if not i.start_year]
    return timeline_chart(dated, dated, len(initiatives), undated, len(undated), horizon, chart_id)


def era_launches(era_list, undated_names, horizon=None, chart_id="launches"):
    """One mark per era and year in which its initiatives launched, with how many; counted in SQL."""
    dated = sorted((launch for era in era_list for launch in era.launches_by_year), key=lambda i: i.start_year)
    launched = [year for launch in dated for year in [launch.start_year] * launch.count]
    total, undated = sum(era.count for era in era_list), sum(era.undated for era in era_list)
    return timeline_chart(dated, launched, total, undated_names, undated, horizon, chart_id)


def timeline_chart(dated, launched, total, undated_names, undated, horizon, chart_id):
    """`dated`: what the timeline marks, in order of year, each with a start year, name and era; `launched`: the
    start year of each initiative they stand for."""
    if not dated:
        return None
    labels = {value: str(label) for value, label in Initiative.Era.choices}
    first = dated[0].start_year
    last = max(dated[-1].start_year, horizon or 0)
    drawing = timeline(dated, ERA_MARKS, labels, first, last)

    by_era = {}
    for mark in dated:
        by_era.setdefault(mark.era, []).extend([mark.start_year] * getattr(mark, "count", 1))
    parts = []
    for era, years in by_era.items():
        words = {"era": labels.get(era, era), "year": years[0], "first": min(years), "last": max(years)}
        if min(years) == max(years):
            part = ngettext("the %(era)s one launched in %(year)s", "the %(era)s ones launched in %(year)s", len(years))
        else:
            part = ngettext(
                "the %(era)s one launched between %(first)s and %(last)s",
                "the %(era)s ones launched between %(first)s and %(last)s",
                len(years),
            )
        parts.append(part % words)
    notes = (
        [_("The axis runs to %(year)s, the latest year the records shown here mention.") % {"year": last}]
        if last > dated[-1].start_year
        else []
    )
    if undated:
        names = ", ".join(undated_names)
        if undated > len(undated_names):
            names = ngettext(
                "%(names)s and %(more)d other", "%(names)s and %(more)d others", undated - len(undated_names)
            ) % {"names": names, "more": undated - len(undated_names)}
        notes.append(_("Not drawn, as no start year is stated: %(names)s.") % {"names": names})
    return Chart(
        id=chart_id,
        title=_("Launches over time, by era"),
        summary=_("%(dated)d of %(total)d initiatives have a known start year: %(launches)s.")
        % {"dated": len(launched), "total": total, "launches": and_joined(parts)},
        drawing=drawing,
        columns=[_("Initiative"), _("Era"), _("Start year")],
        rows=[[i.name, i.get_era_display(), str(i.start_year)] for i in dated],
        notes=notes,
    )


def funding(fundings, count=None, chart_id="funding"):
    """Amounts in DKK by initiative, funder and period, in groups that are never added together: per year
    apart from totals, and money an initiative received apart from money it raised. `count`: how many funding
    lines there are, where `fundings` are only those the page lists."""
    if not fundings:
        return None
    direction = dict(Funding.Direction.choices)
    groups = {
        (way, basis): []
        for way in (Funding.Direction.RECEIVED, Funding.Direction.RAISED)
        for basis in (Funding.Basis.PER_YEAR, Funding.Basis.TOTAL)
    }

    def heading(way, basis):
        if way == Funding.Direction.RECEIVED:
            if basis == Funding.Basis.PER_YEAR:
                words = _("Received, per year (%(currency)s)")
            else:
                words = _("Received, in total over a period (%(currency)s)")
        elif basis == Funding.Basis.PER_YEAR:
            words = _("Raised by the initiative, per year (%(currency)s)")
        else:
            words = _("Raised by the initiative, in total over a period (%(currency)s)")
        return words % {"currency": FUNDED_CURRENCY}

    rows, undrawn = [], 0
    for f in fundings:
        when_and_who = f"{period(f.start_year, f.end_year)} · {funder_text(f)}"
        drawn = []
        if f.amount is None:
            drawn.append(_("not drawn: no amount stated"))
            undrawn += 1
        elif f.currency != FUNDED_CURRENCY:
            drawn.append(
                _("not drawn: in %(currency)s, not %(drawn)s") % {"currency": f.currency, "drawn": FUNDED_CURRENCY}
            )
            undrawn += 1
        else:
            more = f.qualifier == Qualifier.MORE_THAN
            bar = Bar(f"{f.initiative.name} · {when_and_who}", float(f.amount), funding_amount(f), open_end=more)
            groups[(f.direction, f.basis)].append(bar)
            drawn.append(_("in “%(group)s”") % {"group": heading(f.direction, f.basis)})
        if f.total_amount is not None and f.currency == FUNDED_CURRENCY:
            label = " · ".join([f.initiative.name, _("stated total"), when_and_who])
            groups[(f.direction, Funding.Basis.TOTAL)].append(
                Bar(label, float(f.total_amount), money(f.currency, f.total_amount))
            )
            drawn.append(_("its stated total in “%(group)s”") % {"group": heading(f.direction, Funding.Basis.TOTAL)})
        rows.append(
            [
                f.initiative.name,
                funder_text(f),
                funding_amount(f),
                f.get_basis_display() if f.amount is not None else "",
                money(f.currency, f.total_amount) if f.total_amount is not None else "",
                period(f.start_year, f.end_year),
                str(direction.get(f.direction, f.direction)),
                "; ".join(drawn),
            ]
        )
    panels = [(heading(*key), bars) for key, bars in groups.items() if bars]
    if not panels:
        return None
    per_year = sum(len(bars) for (_, basis), bars in groups.items() if basis == Funding.Basis.PER_YEAR)
    totals = sum(len(bars) for (_, basis), bars in groups.items() if basis == Funding.Basis.TOTAL)
    unstated = (
        ngettext(
            "; %(count)d without an amount in %(currency)s is listed in the table, not drawn",
            "; %(count)d without an amount in %(currency)s are listed in the table, not drawn",
            undrawn,
        )
        % {"count": undrawn, "currency": FUNDED_CURRENCY}
        if undrawn
        else ""
    )
    amounts = ngettext("%(count)d amount per year", "%(count)d amounts per year", per_year) % {"count": per_year}
    stated_totals = ngettext("%(count)d total", "%(count)d totals", totals) % {"count": totals}
    return Chart(
        id=chart_id,
        title=_("Funding in %(currency)s by initiative, funder and period") % {"currency": FUNDED_CURRENCY},
        summary=_(
            "%(amounts)s and %(totals)s, money received apart from money raised, are drawn in separate groups "
            "on one scale and never added together%(unstated)s."
        )
        % {"amounts": amounts, "totals": stated_totals, "unstated": unstated},
        drawing=bar_panels(panels, shared=True),
        columns=[
            _("Initiative"),
            _("Funder"),
            _("Amount"),
            _("Basis"),
            _("Stated total"),
            _("Period"),
            _("Direction"),
            _("In the chart"),
        ],
        rows=rows,
        notes=[
            *(
                [_("An arrowhead at the end of a bar: the source says “more than” that amount.")]
                if any(bar.open_end for _, bars in panels for bar in bars)
                else []
            ),
            *(
                [
                    _("Drawn: the %(shown)d funding lines listed above, of %(count)d.")
                    % {"shown": len(fundings), "count": count}
                ]
                if count and count > len(fundings)
                else []
            ),
        ],
    )


def by_place(figures, counts=None, chart_id="by-place"):
    """Figures given per place (Venligboerne's members by city), one group per initiative and measure.
    `counts`: how many figures by place each (initiative pk, measure pk) has, where `figures` are only the
    largest of them."""
    placed = [f for f in figures if f.place_id]
    if not placed:
        return None
    groups = {}
    for f in placed:
        groups.setdefault((f.initiative.name, f.measure.name), []).append(f)
    counts = counts or {}
    cut = [own for own in groups.values() if counts.get((own[0].initiative_id, own[0].measure_id), 0) > len(own)]
    panels, sentences = [], []
    for (initiative, measure), own in groups.items():
        own.sort(key=lambda f: (-f.value, f.place.name))
        panels.append(
            (
                f"{initiative}: {measure.lower()}",
                [Bar(f.place.name, f.value, figure_value(f), f.qualifier == Qualifier.MORE_THAN) for f in own],
            )
        )
        low, high = own[-1], own[0]
        sentences.append(
            ngettext(
                "%(initiative)s's %(measure)s in %(count)d place, from %(low)s in %(low_place)s "
                "to %(high)s in %(high_place)s",
                "%(initiative)s's %(measure)s in %(count)d places, from %(low)s in %(low_place)s "
                "to %(high)s in %(high_place)s",
                len(own),
            )
            % {
                "initiative": initiative,
                "measure": measure.lower(),
                "count": len(own),
                "low": figure_value(low),
                "low_place": low.place.name,
                "high": figure_value(high),
                "high_place": high.place.name,
            }
        )
    notes = (
        [
            _("Drawn: the %(count)d largest figures of each; every figure is on its initiative's page.")
            % {"count": max(len(own) for own in cut)}
        ]
        if cut
        else []
    )
    measures = {f.measure.name for f in placed}
    by_city = {f.place.kind for f in placed} == {Place.Kind.CITY}
    if len(measures) == 1:
        title = (_("%(measure)s by city") if by_city else _("%(measure)s by place")) % {"measure": measures.pop()}
    else:
        title = _("Figures by city") if by_city else _("Figures by place")
    return Chart(
        id=chart_id,
        title=title,
        summary=_(
            "%(sentences)s: the places are set side by side and not added up, as the sources need not name every place."
        )
        % {"sentences": "; ".join(sentences)},
        drawing=bar_panels(panels),
        columns=[_("Initiative"), _("Measure"), _("Place"), _("Figure"), _("When")],
        rows=[
            [f.initiative.name, f.measure.name, f.place.name, figure_value(f), when(f)]
            for own in groups.values()
            for f in own
        ],
        notes=notes,
    )


def scale(initiatives, measures, chart_id="scale"):
    """The compared initiatives' figures, one small group of bars per measure, each with its own scale."""
    panels, rows = [], []
    for measure in measures:
        bars = []
        for initiative in initiatives:
            for f in initiative.figures.all():
                if f.measure_id != measure.pk:
                    continue
                details = [initiative.name, f.place.name if f.place_id else "", f.get_basis_display(), when(f)]
                bars.append(
                    Bar(" · ".join(d for d in details if d), f.value, str(f), f.qualifier == Qualifier.MORE_THAN)
                )
                rows.append([measure.name, initiative.name, figure_text(f)])
        if bars:
            panels.append((measure.name, bars))
    if not panels:
        return None
    return Chart(
        id=chart_id,
        title=_("Scale: the figures of the initiatives compared"),
        summary=_(
            "%(figures)s of %(measures)s, one group per measure with its own scale, "
            "so that different measures never share an axis."
        )
        % {
            "figures": ngettext("%(count)d figure", "%(count)d figures", len(rows)) % {"count": len(rows)},
            "measures": ngettext("%(count)d measure", "%(count)d measures", len(panels)) % {"count": len(panels)},
        },
        drawing=bar_panels(panels),
        columns=[_("Measure"), _("Initiative"), _("Figure")],
        rows=rows,
        notes=[_("An arrowhead at the end of a bar: the source says “more than” that figure.")]
        if any(bar.open_end for _, bars in panels for bar in bars)
        else [],
    )


def horizon(initiatives):
    """The latest year the records of these initiatives mention, where a timeline should end."""
    years = []
    for i in initiatives:
        years += [i.start_year, i.end_year]
        years += [y for f in i.figures.all() for y in (f.since_year, f.as_of_year)]
        years += [y for f in i.fundings.all() for y in (f.start_year, f.end_year)]
        years += [a.year for a in i.awards.all()]
    return max((year for year in years if year), default=None)
