"""How the charts are drawn: through templates, so labels are escaped text, coordinates are plain numbers in
every language, and colours come from the stylesheet's classes, which the CSP allows, not inline styles."""

import re

import pytest
from django.conf import settings

from initiatives.models import Figure, Initiative, Measure
from tests.conftest import make_initiative, make_source

from .dom import parse

GRID = "/compare/?i=venligboerne&i=kvinfo-mentor-network&i=get2sport"
NUMBER = re.compile(r"-?\d+(\.\d+)?")
COORDINATES = ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height")
MARKUP = '<b>Tom</b> & "Jerry"'


def svgs(response):
    assert response.status_code == 200
    return [figure.find("svg") for figure in parse(response.content).find_all("figure", class_="chart")]


def drawn(svg):
    return [element for element in svg.iter() if element.tag != "svg"]


@pytest.mark.usefixtures("denmark")
def test_coordinates_are_plain_numbers_on_a_danish_page_whose_amounts_group_with_a_dot(client):
    response = client.get("/compare/", HTTP_ACCEPT_LANGUAGE="da")
    assert "DKK 1.750.000" in response.content.decode()  # the page is Danish, and so are its labels
    charts = svgs(response)
    assert len(charts) == 3
    for svg in charts:
        assert all(NUMBER.fullmatch(n) for n in svg.attrs["viewbox"].split()), svg.attrs["viewbox"]
        for element in drawn(svg):
            for name in COORDINATES:
                if name in element.attrs:
                    assert NUMBER.fullmatch(element.attrs[name]), (element.tag, name, element.attrs[name])
            if element.tag == "path":
                assert re.fullmatch(r"M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+ Z", element.attrs["d"])


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("path", ["/compare/", GRID])
def test_charts_carry_no_inline_colour_or_style_and_every_class_they_use_is_styled(client, path):
    stylesheet = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    for svg in svgs(client.get(path)):
        for element in drawn(svg):
            assert not {"style", "fill", "stroke"} & set(element.attrs), (element.tag, element.attrs)
            for name in element.classes:
                assert re.search(rf"\.chart-image (\w+)?\.{re.escape(name)} \{{", stylesheet), name
            if element.tag in ("rect", "path", "line", "circle"):
                assert element.classes, element.attrs  # without a class it would be drawn in black


@pytest.mark.usefixtures("denmark")
def test_each_launch_mark_has_the_class_of_its_initiatives_era(client):
    (svg,) = [svg for svg in svgs(client.get("/compare/")) if svg.attrs["aria-labelledby"].startswith("chart-launches")]
    marks = [element for element in drawn(svg) if "mark" in element.classes]
    dated = sorted(Initiative.objects.exclude(start_year=None), key=lambda i: (i.start_year, i.name))
    # The legend first, one mark per era, then one per initiative in launch order.
    expected = ["long_established", "new"] + [initiative.era for initiative in dated]
    assert [next(c[4:] for c in mark.classes if c.startswith("era-")) for mark in marks] == expected
    assert {mark.tag for mark, era in zip(marks, expected, strict=True) if era == "new"} == {"rect"}
    assert {mark.tag for mark, era in zip(marks, expected, strict=True) if era == "long_established"} == {"circle"}


@pytest.mark.django_db
def test_names_with_markup_characters_are_drawn_as_text_not_markup(client):
    source = make_source()
    measure = Measure.objects.create(name=f"Members {MARKUP}", slug="members-marked-up")
    for slug, year in (("first", 2010), ("second", 2014)):
        initiative = make_initiative(slug, name=f"{MARKUP} {slug}", start_year=year)
        Figure.objects.create(initiative=initiative, measure=measure, value=100, source=source)
    charts = svgs(client.get("/compare/?i=first&i=second"))
    assert len(charts) == 2  # the scale of their figures, and their launches
    texts = [element.text() for svg in charts for element in svg.find_all("text")]
    assert '2010 <b>Tom</b> & "Jerry" first' in texts  # one space: the page's text, whitespace collapsed
    assert f"Members {MARKUP}" in texts
    assert not [element for svg in charts for element in svg.find_all("b")]


LONG_NAME = "Network of neighbourhood volunteers welcoming newly arrived refugee families in the northern districts"


@pytest.mark.django_db
def test_long_names_wrap_onto_lines_of_their_own_and_are_never_cut_short(client):
    source = make_source()
    measure = Measure.objects.create(name="Volunteers of the neighbourhood networks in every district", slug="v")
    for slug, year in (("first", 2011), ("second", 2016)):
        initiative = make_initiative(slug, name=f"{LONG_NAME} {slug}", start_year=year)
        Figure.objects.create(initiative=initiative, measure=measure, value=100, source=source)

    charts = svgs(client.get("/compare/?i=first&i=second"))

    texts = [element for svg in charts for element in svg.find_all("text")]
    launch = next(text for text in texts if text.text().startswith("2011"))
    assert launch.text() == f"2011 {LONG_NAME} first"
    assert len(launch.find_all("tspan")) >= 2
    assert not [text for text in texts if "…" in text.text()]
    (bar_label,) = [text for text in texts if text.text().startswith(f"{LONG_NAME} second ·")]
    assert bar_label.find_all("tspan")
    (heading,) = [text for text in texts if text.text() == measure.name]
    assert heading.find_all("tspan")


@pytest.mark.django_db
@pytest.mark.parametrize("years", [(2011, 2016), (1998, 2017), (1873, 2015), (2015, 2015)])
def test_year_axes_are_labelled_in_even_steps_of_round_years(client, years):
    for index, year in enumerate(years):
        make_initiative(f"i{index}", start_year=year)

    (svg,) = [
        svg for svg in svgs(client.get("/compare/?i=i0&i=i1")) if "chart-launches" in svg.attrs["aria-labelledby"]
    ]

    labels = [text for text in svg.find_all("text") if re.fullmatch(r"\d{4}", text.text())]
    labelled = [int(text.text()) for text in labels]
    positions = [float(text.attrs["x"]) for text in labels]
    steps = {b - a for a, b in zip(labelled, labelled[1:], strict=False)}
    gaps = {round(b - a, 0) for a, b in zip(positions, positions[1:], strict=False)}
    assert len(steps) <= 1 and len(gaps) <= 1, (labelled, positions)
    step = steps.pop() if steps else 1
    assert all(year % step == 0 for year in labelled)
    assert labelled[0] <= min(years) and labelled[-1] >= max(years)


def bars_with_values(svg):
    """(length, stated amount) of each bar, from the bar and the value written after it."""
    pairs, length = [], None
    for element in drawn(svg):
        if element.tag == "rect" and "bar" in element.classes:
            length = float(element.attrs["width"])
        elif element.tag == "text" and length is not None and "label" not in element.classes:
            pairs.append((length, int(re.sub(r"\D", "", element.text()))))
            length = None
    return pairs


@pytest.mark.usefixtures("denmark")
def test_funding_bars_of_every_group_share_one_scale_so_lengths_compare(client):
    (svg,) = [svg for svg in svgs(client.get("/compare/")) if "chart-funding" in svg.attrs["aria-labelledby"]]

    pairs = bars_with_values(svg)
    assert len(pairs) >= 3
    longest, largest = max(pairs)
    for length, amount in pairs:
        assert length == pytest.approx(max(2, amount / largest * longest), abs=0.2), (length, amount)
    # DKK 1,750,000 beside DKK 50,000,000: a bar a thirtieth as long, not about as long.
    assert {1_750_000, 50_000_000} <= {amount for _, amount in pairs}


@pytest.mark.usefixtures("denmark")
@pytest.mark.parametrize("path", ["/compare/", GRID])
def test_every_group_of_bars_shows_its_scale_with_round_ticks_from_zero(client, path):
    for svg in svgs(client.get(path)):
        if "chart-launches" in svg.attrs["aria-labelledby"]:
            continue  # the timeline, whose axis is of years
        labels = [text.text() for text in svg.find_all("text") if "label" in text.classes]
        ticks = [label for label in labels if re.fullmatch(r"[\d,]+", label)]
        assert "0" in ticks
        values = [int(tick.replace(",", "")) for tick in ticks]
        assert all(value % 10 ** (len(str(value)) - 1) == 0 for value in values), values
