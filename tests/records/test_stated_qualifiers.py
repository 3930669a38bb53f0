"""The report's own qualifiers reach every page that shows the fact: “primarily from the Ministry”, “primarily on
youth between 14-19”, football schools counted for each year."""

import pytest

from tests.compare.dom import parse
from tests.records.tables import section_rows

pytestmark = pytest.mark.usefixtures("denmark")

MINISTRY = "Ministry of Gender, Children, Equality and Inclusion"


def text_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(parse(response.content).text().split())


def test_get2sport_page_says_its_funding_came_primarily_from_the_ministry(client):
    (row,) = [
        row
        for row in section_rows(client.get("/initiatives/get2sport/").content, "funding")
        if MINISTRY in row["Funder"]
    ]
    assert row["Funder"] == f"primarily {MINISTRY}"
    assert row["Amount"] == "DKK 15,200,000"  # the amount itself is exact


def test_ministry_page_says_the_funding_it_gave_was_primarily_its_own(client):
    rows = section_rows(
        client.get("/organisations/ministry-of-gender-children-equality-and-inclusion/").content, "funding-given"
    )
    assert [(row["Initiative"], row["Funder"], row["Amount"]) for row in rows] == [
        ("Get2Sport", f"primarily {MINISTRY}", "DKK 15,200,000")
    ]


def test_the_compare_grid_words_the_funding_as_the_report_does(client):
    text = text_of(client, "/compare/?i=get2sport&i=idraet-plus")
    assert f"DKK 15,200,000 in total, 2010–2013, primarily from {MINISTRY}" in text


def test_idraet_plus_page_says_it_serves_primarily_youth_between_14_and_19(client):
    text = text_of(client, "/initiatives/idraet-plus/")
    assert "Youth with other background than Danish aged primarily 14–19" in text


def test_idraet_plus_page_states_no_start_year(client):
    rows = parse(client.get("/initiatives/idraet-plus/").content).find("dl", class_="facts").find_all("div")
    facts = {row.find("dt").text().strip(): row.find("dd").text().strip() for row in rows}
    assert facts["Years"] == "not stated"  # the report gives only the years of its funds, 2011-2013


def test_football_schools_are_worded_as_counts_for_each_year(client):
    rows = section_rows(client.get("/initiatives/dbu-get2footballschool/").content, "figures")
    assert [(row["Value"], row["Basis"], row["When"]) for row in rows] == [
        ("15", "per year", "as of 2014"),
        ("10", "per year", "as of 2013"),
    ]
