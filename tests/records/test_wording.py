"""A fact reads the same wherever it is shown: the record page's tables, the grid, the eras page, the source
pages, in English and in Danish."""

from decimal import Decimal

import pytest

from initiatives.models import Figure, Finding, Funding, Measure, Source
from tests.compare.dom import grid, parse
from tests.conftest import make_initiative, make_organisation, make_place, make_source
from tests.records.tables import section_rows

GRID = "/compare/?i=mentors&i=homework-cafe"


@pytest.fixture
def mentors(db):
    denmark = make_place("denmark", name="Denmark")
    report = make_source("ewsi-denmark", name="EWSI Denmark")
    section = make_source("integration", name="Integration", kind=Source.Kind.SECTION, parent=report, locator="3.2")
    initiative = make_initiative("mentors", name="Mentors", country=denmark, start_year=2004, end_year=2012)
    make_initiative("homework-cafe", name="Homework café", country=denmark, start_year=2015, era="new")
    Funding.objects.create(
        initiative=initiative,
        funder=make_organisation("fund", name="The Fund"),
        amount=Decimal("1234.50"),
        qualifier="about",
        currency="DKK",
        start_year=2016,
        end_year=2016,
        source=section,
    )
    Funding.objects.create(initiative=initiative, currency="DKK", source=section)
    Figure.objects.create(
        initiative=initiative,
        measure=Measure.objects.create(slug="volunteers", name="volunteers", counts_people=True),
        value=5000,
        since_year=2015,
        as_of_year=2020,
        source=section,
    )
    make_source("mentor-page", name="Mentor page", kind=Source.Kind.WEB_PAGE, parent=section, url="https://m.dk/")
    Finding.objects.create(dimension="Funding", new="Short projects.", source=section)
    return initiative


def page(client, url, language="en"):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def grid_row(html, label):
    return dict(grid(parse(html))[1])[label]


def test_funding_amounts_keep_their_cents_and_a_no_break_space_on_the_record_page(client, mentors):
    html = page(client, "/initiatives/mentors/")
    assert "about DKK&nbsp;1,234.50" in html
    stated, unstated = section_rows(html, "funding")
    assert (stated["Amount"], stated["Period"]) == ("about DKK 1,234.50", "2016")
    assert (unstated["Amount"], unstated["Period"]) == ("not stated", "not stated")


def test_the_grid_words_the_same_funding_with_its_own_words_for_what_is_not_stated(client, mentors):
    stated, unstated = grid_row(page(client, GRID), "Funding")[0]
    assert stated.startswith("about DKK 1,234.50 in total, 2016")
    assert unstated.startswith("amount not stated, period not stated")


def test_amounts_follow_the_danish_digit_grouping_on_both_pages(client, mentors):
    assert "ca. DKK&nbsp;1.234,50" in page(client, "/initiatives/mentors/", "da")
    assert grid_row(page(client, GRID, "da"), "Finansiering")[0][0].startswith("ca. DKK 1.234,50")


def test_a_figures_years_read_alike_in_its_table_and_in_the_grid(client, mentors):
    [row] = section_rows(page(client, "/initiatives/mentors/"), "figures")
    assert row["When"] == "since 2015, as of 2020"
    [[cell], _] = grid_row(page(client, GRID), "volunteers")
    assert cell == "5,000 (since 2015, as of 2020)"


def test_an_initiatives_years_read_as_a_span_or_since_its_start(client, mentors):
    assert "<dd>2004–2012</dd>" in page(client, "/initiatives/mentors/")
    assert "<dd>since 2015</dd>" in page(client, "/initiatives/homework-cafe/")
    assert "· since 2015" in page(client, "/initiatives/?era=new")


@pytest.mark.parametrize("language, label", [("en", "Section 3.2"), ("da", "Afsnit 3.2")])
def test_a_numbered_section_is_labelled_alike_on_every_page_that_cites_it(client, mentors, language, label):
    [row] = section_rows(page(client, "/initiatives/mentors/", language), "figures")
    assert row["Source" if language == "en" else "Kilde"] == label
    assert (
        f"{label}: Integration"
        in grid_row(page(client, GRID, language), "Sources" if language == "en" else "Kilder")[0]
    )
    assert f"{label}, <a" in page(client, "/sources/mentor-page/", language)
    assert f"{label}, “Integration”" in page(client, "/compare/", language)


def test_a_section_without_a_number_is_cited_by_its_name(client, mentors):
    Source.objects.filter(slug="integration").update(locator="")
    [row] = section_rows(page(client, "/initiatives/mentors/"), "figures")
    assert row["Source"] == "Integration"
    assert "Integration" in grid_row(page(client, GRID), "Sources")[0]
    assert "Part of <a" in page(client, "/sources/integration/")
