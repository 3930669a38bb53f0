"""Charts drawn on the server as SVG: no script, no CDN, readable printed and on a 375px phone.

Each chart comes with its title, a one-sentence summary and its data as table rows, which the template
sets beside it. Figures of different measures never share an axis, and nothing is added up.
"""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .comparison import figure_text, figure_value, funder_text, funding_amount, money, period, shorten, when
from .models import Funding, Initiative, Place
from .models.base import Qualifier

WIDTH = 340
PAD = 10
FONT = 14
SMALL = 13
INK, MUTED, LINE = "#1b1f23", "#4a5561", "#c9d1d9"
BAR = "#17414f"
ERA_STYLE = {
    Initiative.Era.LONG_ESTABLISHED: ("circle", "#0d3f73"),
    Initiative.Era.NEW: ("square", "#175c2c"),
}
FUNDED_CURRENCY = "DKK"


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    svg: str
    columns: list
    rows: list
    notes: list = field(default_factory=list)


@dataclass
class Bar:
    label: str
    value: int
    value_label: str
    open_end: bool = False


def text(x, y, content, size=SMALL, anchor="start", weight="", fill=INK):
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{bold}>'
        f"{escape(content)}</text>"
    )


def svg(chart_id, height, body):
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:g}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" role="img" aria-labelledby="chart-{chart_id}-title chart-{chart_id}-summary" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif">{"".join(body)}</svg>'
    )


def mark(shape, x, y, fill, size=5):
    if shape == "square":
        return f'<rect x="{x - size:g}" y="{y - size:g}" width="{2 * size}" height="{2 * size}" fill="{fill}"/>'
    return f'<circle cx="{x:g}" cy="{y:g}" r="{size}" fill="{fill}"/>'


def bar_panels(chart_id, panels):
    """Horizontal bars in groups, each group with its own scale; labels sit above their bars.

    A bar whose value the source gives as “more than” ends in an arrowhead: the true value is larger."""
    # Room after the longest bar for the longest value label (about 8 units a character, in bold).
    widest = max((len(bar.value_label) for _, bars in panels for bar in bars), default=0)
    arrow = 10 if any(bar.open_end for _, bars in panels for bar in bars) else 0
    longest = max(WIDTH - 2 * PAD - 8 * widest - arrow - 8, 60)
    body, y = [], 0
    for heading, bars in panels:
        y += 22
        body.append(text(PAD, y, shorten(heading, 40), size=FONT, weight="700"))
        top = max((bar.value for bar in bars), default=0) or 1
        y += 4
        panel_top = y
        for bar in bars:
            y += 16
            body.append(text(PAD + 4, y, shorten(bar.label, 45), fill=MUTED))
            y += 4
            length = max(2, bar.value / top * longest)
            body.append(f'<rect x="{PAD}" y="{y}" width="{length:.1f}" height="14" fill="{BAR}"/>')
            end = PAD + length
            if bar.open_end:
                body.append(
                    f'<path d="M{end + 1:.1f} {y - 2} L{end + 9:.1f} {y + 7} L{end + 1:.1f} {y + 16} Z" fill="{BAR}"/>'
                )
                end += 9
            body.append(text(end + 5, y + 12, bar.value_label, weight="600"))
            y += 18
        body.append(f'<line x1="{PAD}" y1="{panel_top}" x2="{PAD}" y2="{y}" stroke="{INK}" stroke-width="1"/>')
        y += 6
    return svg(chart_id, y + 4, body)


def launches(initiatives, horizon=None, chart_id="launches"):
    """One mark per initiative with a known start year, on a timeline; shape and colour say the era."""
    dated = sorted((i for i in initiatives if i.start_year), key=lambda i: (i.start_year, i.name))
    if not dated:
        return None
    labels = dict(Initiative.Era.choices)
    first = dated[0].start_year
    last = max(dated[-1].start_year, horizon or 0)
    span = max(last - first, 1)
    left, right = PAD + 16, WIDTH - PAD - 18

    def x(year):
        return left + (year - first) / span * (right - left)

    body, lx = [], PAD
    for era, (shape, colour) in ERA_STYLE.items():
        body.append(mark(shape, lx + 5, 14, colour))
        body.append(text(lx + 15, 18, labels[era]))
        lx += 30 + 8 * len(labels[era])
    y = 30
    for initiative in dated:
        shape, colour = ERA_STYLE.get(initiative.era, ("circle", INK))
        body.append(text(PAD, y + 12, shorten(f"{initiative.start_year}  {initiative.name}", 45), fill=INK))
        cx = x(initiative.start_year)
        body.append(
            f'<line x1="{left}" y1="{y + 23}" x2="{cx:.1f}" y2="{y + 23}" stroke="{LINE}" stroke-dasharray="3 3"/>'
        )
        body.append(mark(shape, cx, y + 23, colour))
        y += 32
    y += 4
    body.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="{INK}"/>')
    step = 1 if span <= 7 else 2 if span <= 16 else 5
    labelled = [year for year in range(first, last + 1) if (year - first) % step == 0]
    if labelled[-1] != last:
        # The last year is always labelled; it replaces a label too close to fit beside it.
        labelled[-1:] = [last] if x(last) - x(labelled[-1]) < 34 else [labelled[-1], last]
    for year in range(first, last + 1):
        tick = 6 if year in labelled else 3
        body.append(f'<line x1="{x(year):.1f}" y1="{y}" x2="{x(year):.1f}" y2="{y + tick}" stroke="{INK}"/>')
        if year in labelled:
            body.append(text(x(year), y + 19, str(year), anchor="middle"))

    by_era = {}
    for initiative in dated:
        by_era.setdefault(initiative.era, []).append(initiative.start_year)
    parts = []
    for era, years in by_era.items():
        count = len(years)
        which = f"the {labels.get(era, era)} one{'s' if count != 1 else ''}"
        in_years = f"in {years[0]}" if min(years) == max(years) else f"between {min(years)} and {max(years)}"
        parts.append(f"{which} launched {in_years}")
    undated = [i for i in initiatives if not i.start_year]
    notes = (
        [f"The axis runs to {last}, the latest year the records shown here mention."]
        if last > dated[-1].start_year
        else []
    )
    if undated:
        notes.append(f"Not drawn, as no start year is stated: {', '.join(i.name for i in undated)}.")
    return Chart(
        id=chart_id,
        title="Launches over time, by era",
        summary=f"{len(dated)} of {len(initiatives)} initiatives have a known start year: {' and '.join(parts)}.",
        svg=svg(chart_id, y + 28, body),
        columns=["Initiative", "Era", "Start year"],
        rows=[[i.name, i.get_era_display(), str(i.start_year)] for i in dated],
        notes=notes,
    )


def funding(fundings, chart_id="funding"):
    """Amounts in DKK by initiative, funder and period, in groups that are never added together: per year
    apart from totals, and money an initiative received apart from money it raised."""
    if not fundings:
        return None
    direction = dict(Funding.Direction.choices)
    groups = {
        (way, basis): []
        for way in (Funding.Direction.RECEIVED, Funding.Direction.RAISED)
        for basis in (Funding.Basis.PER_YEAR, Funding.Basis.TOTAL)
    }

    def heading(way, basis):
        money_kind = "Received" if way == Funding.Direction.RECEIVED else "Raised by the initiative"
        per = "per year" if basis == Funding.Basis.PER_YEAR else "in total over a period"
        return f"{money_kind}, {per} ({FUNDED_CURRENCY})"

    rows, undrawn = [], 0
    for f in fundings:
        when_and_who = f"{period(f.start_year, f.end_year)} · {funder_text(f)}"
        drawn = []
        if f.amount is None:
            drawn.append("not drawn: no amount stated")
            undrawn += 1
        elif f.currency != FUNDED_CURRENCY:
            drawn.append(f"not drawn: in {f.currency}, not {FUNDED_CURRENCY}")
            undrawn += 1
        else:
            more = f.qualifier == Qualifier.MORE_THAN
            bar = Bar(f"{f.initiative.name} · {when_and_who}", float(f.amount), funding_amount(f), open_end=more)
            groups[(f.direction, f.basis)].append(bar)
            drawn.append(f"in “{heading(f.direction, f.basis)}”")
        if f.total_amount is not None and f.currency == FUNDED_CURRENCY:
            label = f"{f.initiative.name} · stated total · {when_and_who}"
            groups[(f.direction, Funding.Basis.TOTAL)].append(
                Bar(label, float(f.total_amount), money(f.currency, f.total_amount))
            )
            drawn.append(f"its stated total in “{heading(f.direction, Funding.Basis.TOTAL)}”")
        rows.append(
            [
                f.initiative.name,
                funder_text(f),
                funding_amount(f),
                f.get_basis_display() if f.amount is not None else "",
                money(f.currency, f.total_amount) if f.total_amount is not None else "",
                period(f.start_year, f.end_year),
                direction.get(f.direction, f.direction),
                "; ".join(drawn),
            ]
        )
    panels = [(heading(*key), bars) for key, bars in groups.items() if bars]
    if not panels:
        return None
    per_year = sum(len(bars) for (_, basis), bars in groups.items() if basis == Funding.Basis.PER_YEAR)
    totals = sum(len(bars) for (_, basis), bars in groups.items() if basis == Funding.Basis.TOTAL)
    unstated = (
        f"; {undrawn} without an amount in {FUNDED_CURRENCY} {'is' if undrawn == 1 else 'are'} "
        "listed in the table, not drawn"
        if undrawn
        else ""
    )
    return Chart(
        id=chart_id,
        title=f"Funding in {FUNDED_CURRENCY} by initiative, funder and period",
        summary=(
            f"{per_year} amount{'s' if per_year != 1 else ''} per year and {totals} total{'s' if totals != 1 else ''}, "
            "money received apart from money raised, are drawn in separate groups with their own scales "
            f"and never added together{unstated}."
        ),
        svg=bar_panels(chart_id, panels),
        columns=["Initiative", "Funder", "Amount", "Basis", "Stated total", "Period", "Direction", "In the chart"],
        rows=rows,
        notes=["An arrowhead at the end of a bar: the source says “more than” that amount."]
        if any(bar.open_end for _, bars in panels for bar in bars)
        else [],
    )


def by_place(figures, chart_id="by-place"):
    """Figures given per place (Venligboerne's members by city), one group per initiative and measure."""
    placed = [f for f in figures if f.place_id]
    if not placed:
        return None
    groups = {}
    for f in placed:
        groups.setdefault((f.initiative.name, f.measure.name), []).append(f)
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
            f"{initiative}'s {measure.lower()} in {len(own)} place{'s' if len(own) != 1 else ''}, "
            f"from {figure_value(low)} in {low.place.name} to {figure_value(high)} in {high.place.name}"
        )
    measures = {f.measure.name for f in placed}
    kinds = {f.place.kind for f in placed}
    where = "city" if kinds == {Place.Kind.CITY} else "place"
    title = f"{measures.pop()} by {where}" if len(measures) == 1 else f"Figures by {where}"
    return Chart(
        id=chart_id,
        title=title,
        summary=(
            f"{'; '.join(sentences)}: the places are set side by side and not added up, "
            "as the sources need not name every place."
        ),
        svg=bar_panels(chart_id, panels),
        columns=["Initiative", "Measure", "Place", "Figure", "When"],
        rows=[
            [f.initiative.name, f.measure.name, f.place.name, figure_value(f), when(f)]
            for own in groups.values()
            for f in own
        ],
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
        title="Scale: the figures of the initiatives compared",
        summary=(
            f"{len(rows)} figure{'s' if len(rows) != 1 else ''} of {len(panels)} measure{'s' if len(panels) != 1 else ''}, "
            "one group per measure with its own scale, so that different measures never share an axis."
        ),
        svg=bar_panels(chart_id, panels),
        columns=["Measure", "Initiative", "Figure"],
        rows=rows,
        notes=["An arrowhead at the end of a bar: the source says “more than” that figure."]
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
