"""The server-drawn charts: accessible figures whose data tables match the records they are drawn from."""

import re

import pytest

from initiatives.models import Figure, Funding, Initiative

from .dom import parse, table_rows
from .report import MEMBERS_PER_CITY

pytestmark = pytest.mark.usefixtures("denmark")

GRID = "/compare/?i=venligboerne&i=kvinfo-mentor-network&i=get2sport"


@pytest.fixture
def eras_page(client):
    return parse(client.get("/compare/").content)


def chart(page, chart_id):
    figure = page.find("figure", id=f"chart-{chart_id}")
    assert figure is not None, chart_id
    return figure


def data(figure):
    return table_rows(figure.find("table"))


def bars(figure):
    return [rect for rect in figure.find("svg").find_all("rect")]


@pytest.mark.parametrize(
    ("path", "chart_id"),
    [
        ("/compare/", "launches"),
        ("/compare/", "funding"),
        ("/compare/", "by-place"),
        (GRID, "scale"),
        (GRID, "launches"),
    ],
)
def test_each_chart_is_an_svg_figure_with_title_summary_and_data_table(client, path, chart_id):
    page = parse(client.get(path).content)
    figure = chart(page, chart_id)
    svg = figure.find("svg")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["width"] == "100%"
    assert re.fullmatch(r"0 0 \d+ [\d.]+", svg.attrs["viewbox"])
    title_id, summary_id = svg.attrs["aria-labelledby"].split()
    title, summary = page.find(id=title_id), page.find(id=summary_id)
    assert title.tag == "h3" and title.text()
    assert summary.text().endswith(".") and summary.text().count(". ") == 0  # one sentence
    assert figure.attrs["aria-labelledby"] == title_id
    assert figure.find("figcaption") is not None
    assert figure.find("table") is not None
    assert not page.find_all("script")


def test_launches_chart_marks_each_initiative_with_a_known_start_year(eras_page):
    figure = chart(eras_page, "launches")
    rows = data(figure)[1:]
    expected = {(i.name, str(i.start_year)) for i in Initiative.objects.exclude(start_year=None)}
    assert {(name, year) for name, _, year in rows} == expected
    # From the report: six initiatives give a launch year, from 2002 to 2012 (Idræt+ only the years of its funds).
    assert len(rows) == 6
    svg = figure.find("svg")
    marks = len(svg.find_all("circle")) + len(svg.find_all("rect"))
    assert marks == 6 + 2  # one mark per initiative, and one of each shape in the legend
    legend = [text.text() for text in svg.find_all("text")[:2]]
    assert legend == ["long-established", "new"]  # the legend names the eras in words, not by colour alone
    years = [text.text() for text in svg.find_all("text") if re.fullmatch(r"\d{4}", text.text())]
    # Even steps of round years, from the first launch (2002) to past the latest year the records name (2015).
    assert years == [str(year) for year in range(2002, 2017, 2)]


def test_funding_chart_table_lists_every_funding_and_draws_only_stated_amounts(eras_page):
    figure = chart(eras_page, "funding")
    rows = data(figure)[1:]
    assert len(rows) == Funding.objects.count() == 4
    by_initiative = {(row[0], row[2]): row for row in rows}
    assert by_initiative[("Idræt+", "DKK 1,750,000")][4] == "DKK 5,250,000"
    assert by_initiative[("Idræt+", "DKK 1,750,000")][3] == "per year"
    assert by_initiative[("Get2Sport", "amount not stated")][-1] == "not drawn: no amount stated"
    assert by_initiative[("Stores", "more than DKK 50,000,000")][6] == "raised by the initiative"
    assert by_initiative[("Stores", "more than DKK 50,000,000")][3] == "per year"
    labels = [text.text() for text in figure.find("svg").find_all("text")]
    # Received per year: Idræt+; received in total: Get2Sport and Idræt+'s stated total; raised per year: the
    # Red Cross stores. Four bars, in three groups with their own scales.
    assert len(bars(figure)) == 4
    received_per_year = labels.index("Received, per year (DKK)")
    received_in_total = labels.index("Received, in total over a period (DKK)")
    raised_per_year = labels.index("Raised by the initiative, per year (DKK)")
    assert received_per_year < labels.index("DKK 1,750,000") < received_in_total
    assert received_in_total < labels.index("DKK 15,200,000") < raised_per_year
    assert received_in_total < labels.index("DKK 5,250,000") < raised_per_year
    assert raised_per_year < labels.index("more than DKK 50,000,000")
    # Never a per-year amount added to a total, nor amounts summed.
    for total in ("7,000,000", "16,950,000", "20,450,000", "51,750,000", "65,200,000"):
        assert total not in figure.text()


def test_members_by_city_table_rows_equal_the_figures_with_a_place(eras_page):
    figure = chart(eras_page, "by-place")
    rows = data(figure)[1:]
    expected = [
        [f.initiative.name, f.measure.name, f.place.name, f"{f.value:,}"]
        for f in Figure.objects.exclude(place=None).select_related("initiative", "measure", "place")
    ]
    assert sorted(row[:4] for row in rows) == sorted(expected)
    assert sorted(int(row[3].replace(",", "")) for row in rows) == sorted(MEMBERS_PER_CITY)
    assert chart(eras_page, "by-place").find("h3").text() == "Members by city"
    assert len(bars(figure)) == len(MEMBERS_PER_CITY)
    assert f"{sum(MEMBERS_PER_CITY):,}" not in figure.text()


def test_scale_chart_draws_one_group_per_measure_of_the_compared_initiatives(client):
    figure = chart(parse(client.get(GRID).content), "scale")
    rows = data(figure)[1:]
    compared = Figure.objects.filter(initiative__slug__in=["venligboerne", "kvinfo-mentor-network", "get2sport"])
    assert len(rows) == compared.count()
    assert {(row[0], row[1]) for row in rows} == {(f.measure.name, f.initiative.name) for f in compared}
    groups = [text.text() for text in figure.find("svg").find_all("text") if text.attrs.get("font-weight") == "700"]
    assert sorted(groups) == sorted({f.measure.name for f in compared})
    assert len(bars(figure)) == compared.count()
