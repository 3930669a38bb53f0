"""Where each bar, mark, line and label of a chart goes, as plain numbers and words.

The templates under compare/charts/ draw it as SVG, so every label is escaped like any other text of the
page, and the stylesheet colours it by class (bar, label, axis, guide, mark era-…).
"""

from dataclasses import dataclass, field
from math import ceil
from textwrap import wrap

from django.utils.formats import number_format

WIDTH = 340
PAD = 10
FONT = 14
SMALL = 13
BAR_HEIGHT = 14
# The distance from one line of a wrapped label to the next.
LEADING = 16
# Characters of a label's line: the chart's width in its small type.
LABEL_LINE, HEADING_LINE = 45, 40


def at(number):
    """A coordinate to a tenth of a unit: finer than any screen or printer shows."""
    return round(number, 1)


@dataclass
class Text:
    x: float
    y: float
    content: str
    size: int = SMALL
    anchor: str = "start"
    weight: str = ""
    kind: str = ""  # the stylesheet's class, "label" for the muted ones; plain text is in ink
    more: list = field(default_factory=list)  # the lines a long text wraps onto, each LEADING below the last
    leading: int = LEADING


def wrapped(x, y, text, width, **style):
    """A text broken between words into lines of `width` characters at most, never cut short."""
    first, *more = wrap(text, width) or [""]
    return Text(x, y, first, more=more, **style)


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str = "axis"  # or "guide", the dashed line from the axis to a launch


@dataclass
class Mark:
    """A circle or a square centred on (x, y), in the colour of its era."""

    shape: str
    x: float
    y: float
    era: str = ""
    size: int = 5

    @property
    def left(self):
        return at(self.x - self.size)

    @property
    def top(self):
        return at(self.y - self.size)

    @property
    def side(self):
        return 2 * self.size


@dataclass
class Arrow:
    """The arrowhead ending a bar whose value the source gives as “more than”: the true value is larger."""

    base: float
    tip: float
    top: float
    middle: float
    bottom: float


@dataclass
class Bar:
    """A value to draw: its label above the bar, and the value as the source states it after the bar."""

    label: str
    value: float
    value_label: str
    open_end: bool = False


@dataclass
class DrawnBar:
    label: Text
    x: float
    y: float
    length: float
    value: Text
    arrow: Arrow | None = None
    height: int = BAR_HEIGHT


@dataclass
class Panel:
    heading: Text
    bars: list
    axis: Line
    scale: Line | None = None  # the panel's scale under its bars, with its ticks
    ticks: list = field(default_factory=list)


@dataclass
class BarPanels:
    """Horizontal bars in groups, each group with its own scale."""

    height: float
    panels: list
    width: int = WIDTH
    template: str = "compare/charts/bar_panels.html"


@dataclass
class Launch:
    label: Text
    guide: Line
    mark: Mark


@dataclass
class Tick:
    line: Line
    label: Text | None = None


@dataclass
class Timeline:
    """One mark per launch along a line of years, with a legend of the marks."""

    height: float
    legend: list  # (mark, label) per era
    launches: list
    axis: Line
    ticks: list = field(default_factory=list)
    width: int = WIDTH
    template: str = "compare/charts/timeline.html"


def round_steps(top, room, number):
    """Round values from 0 to `top` or just past it, as many as `room` units can label side by side:
    0, 20,000, 40,000, 60,000 for 50,000."""
    magnitude = 10 ** max(len(str(int(top))) - 1, 0)
    for step in [m * magnitude * f for f in (1, 10, 100) for m in (1, 2, 5)]:
        count = max(1, ceil(top / step))
        # About 8 units a character, and a gap between neighbours.
        if count * (8 * len(number(count * step)) + 12) <= room:
            return [step * n for n in range(count + 1)]
    return [0, step]


def grouped(value):
    return number_format(value, decimal_pos=0, force_grouping=True)


def bar_panels(panels, shared=False, number=grouped):
    """`panels` is a list of (heading, bars); labels sit above their bars. Each panel is scaled to its longest bar,
    or with `shared` all to the longest of any, and shows its scale under its bars, its ticks labelled by `number`."""
    # Room after the longest bar for the longest value label (about 8 units a character, in bold).
    widest = max((len(bar.value_label) for _, bars in panels for bar in bars), default=0)
    arrow = 10 if any(bar.open_end for _, bars in panels for bar in bars) else 0
    longest = max(WIDTH - 2 * PAD - 8 * widest - arrow - 8, 60)
    drawn, y = [], 0
    longest_of_all = max((bar.value for _, bars in panels for bar in bars), default=0)
    for heading, bars in panels:
        y += 22
        title = wrapped(PAD, y, heading, HEADING_LINE, size=FONT, weight="700")
        y += LEADING * len(title.more)
        top = (longest_of_all if shared else max((bar.value for bar in bars), default=0)) or 1
        steps = round_steps(top, longest, number)
        top = steps[-1]
        y += 4
        panel_top, shapes = y, []
        for bar in bars:
            y += 16
            label = wrapped(PAD + 4, y, bar.label, LABEL_LINE, kind="label")
            y += 4 + LEADING * len(label.more)
            length = max(2, bar.value / top * longest)
            end, head = PAD + length, None
            if bar.open_end:
                head = Arrow(at(end + 1), at(end + 9), y - 2, y + 7, y + 16)
                end += 9
            value = Text(at(end + 5), y + 12, bar.value_label, weight="600")
            shapes.append(DrawnBar(label, PAD, y, at(length), value, head))
            y += 18
        ticks = []
        for value in steps:
            x = at(PAD + value / top * longest)
            label = Text(x, y + 18, number(value), anchor="start" if value == 0 else "middle", kind="label")
            ticks.append(Tick(Line(x, y, x, y + 5), label))
        drawn.append(Panel(title, shapes, Line(PAD, panel_top, PAD, y), Line(PAD, y, PAD + longest, y), ticks))
        y += 26
    return BarPanels(y + 4, drawn)


def timeline(dated, eras, labels, first, last):
    """`dated` are the initiatives with a start year, in order; `eras` the shape of each era's mark."""
    # Labelled years are the multiples of one step, and the axis runs from one labelled year to another.
    step = next(step for step in (1, 2, 5, 10, 20, 50) if (last - first) / step <= 7)
    first, last = first - first % step, last + -last % step
    span = max(last - first, 1)
    left, right = PAD + 16, WIDTH - PAD - 18

    def x(year):
        return left + (year - first) / span * (right - left)

    legend, lx = [], PAD
    for era, shape in eras.items():
        legend.append((Mark(shape, lx + 5, 14, era), Text(lx + 15, 18, labels[era])))
        lx += 30 + 8 * len(labels[era])
    launches, y = [], 30
    for initiative in dated:
        label = wrapped(PAD, y + 12, f"{initiative.start_year}  {initiative.name}", LABEL_LINE)
        y += LEADING * len(label.more)
        cx = at(x(initiative.start_year))
        launches.append(
            Launch(
                label,
                Line(left, y + 23, cx, y + 23, kind="guide"),
                Mark(eras.get(initiative.era, "circle"), cx, y + 23, initiative.era if initiative.era in eras else ""),
            )
        )
        y += 32
    y += 4
    ticks = []
    # A small tick for each year between the labelled ones, where there is room for them.
    every = 1 if step <= 5 else step // 5
    for year in range(first, last + 1, every):
        tx = at(x(year))
        labelled = year % step == 0
        tick = Line(tx, y, tx, y + (6 if labelled else 3))
        ticks.append(Tick(tick, Text(tx, y + 19, str(year), anchor="middle") if labelled else None))
    return Timeline(y + 28, legend, launches, Line(left, y, right, y), ticks)
