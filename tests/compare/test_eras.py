"""The era comparison (/compare/) on the Denmark data: expectations read from the report, not from the code."""

import pytest

from initiatives.models import Finding

from .dom import parse
from .report import forbidden_totals, numbers_in

pytestmark = pytest.mark.usefixtures("denmark")

# Section 2 of the report: the Danish Red Cross (4), DUF (1), DGI (2), DIF with DBU (2), KVINFO (2) and the
# Danish Refugee Council with DFUNK (7). Section 3: Venligboerne and its Café Venligbo.
LONG_ESTABLISHED_COUNT, NEW_COUNT = 18, 2
LONG_ESTABLISHED_LEADS = 8  # Red Cross, DUF, DGI, DIF, DBU, KVINFO, Danish Refugee Council, DFUNK
NEW_LEADS = 1  # Venligboerne
# Launch years the report gives: KVINFO 2002, Get2Sport 2005, boys clubs 2008, politicians' programme 2009,
# Krydsfelt 2010; Venligboerne 2012. Of Idræt+ it gives the years of its funds (2011-2013), not its start.
LONG_ESTABLISHED_YEARS = ["2002", "2005", "2008", "2009", "2010"]
NEW_YEARS = ["2012"]


@pytest.fixture
def page(client):
    response = client.get("/compare/")
    assert response.status_code == 200
    return parse(response.content)


def era_column(section, era):
    return section.find("section", class_=f"era-column-{era}")


def numbers(column):
    return {
        div.find("dt").text(): div.find("dd").text() for div in column.find("dl", class_="era-numbers").find_all("div")
    }


def test_era_page_counts_the_initiatives_and_lead_organisations_of_each_era(page):
    long_established = numbers(era_column(page, "long_established"))
    new = numbers(era_column(page, "new"))
    assert long_established["Initiatives"] == str(LONG_ESTABLISHED_COUNT)
    assert long_established["Lead organisations"] == str(LONG_ESTABLISHED_LEADS)
    assert new["Initiatives"] == str(NEW_COUNT)
    assert new["Lead organisations"] == str(NEW_LEADS)


def test_era_page_lists_launch_years_per_era_with_their_range(page):
    for era, years in (("long_established", LONG_ESTABLISHED_YEARS), ("new", NEW_YEARS)):
        column = era_column(page, era)
        listed = [item.find("strong").text() for item in column.find("ul", class_="launch-years").find_all("li")]
        assert listed == years
        expected_range = years[0] if len(years) == 1 else f"{years[0]}–{years[-1]}"
        assert numbers(column)["Launched"] == expected_range


def test_era_page_lists_each_figure_with_its_qualifier_year_and_place(page):
    members = page.find("section", class_="measure", **{"aria-labelledby": "measure-members"})
    new = [item.text() for item in members.find("div", class_="era-column-new").find_all("li")]
    long_established = [
        item.text() for item in members.find("div", class_="era-column-long_established").find_all("li")
    ]
    assert any(line.startswith("Venligboerne: more than 80,000 (as of 2015)") for line in new)
    assert any(line.startswith("Venligboerne: more than 150,000 (no year stated)") for line in new)
    assert any(line.startswith("Venligboerne: 38,000 in Copenhagen") for line in new)
    assert any(line.startswith("Venligboerne: 335 in Sønderborg") for line in new)
    assert any(line.startswith("Frivillignet: about 5,000") for line in long_established)


def test_era_page_says_in_words_where_the_eras_cannot_be_compared(page):
    text = page.text()
    assert "the eras' sizes cannot be compared as one number" in text
    assert "so the eras cannot be compared on them" in text
    # Volunteers are counted only for a long-established initiative (450 at the Red Cross asylum centres).
    only_long = [
        column
        for column in page.find_all("div", class_="era-column-long_established")
        if column.find("h4") and column.find("h4").text() == "Only long-established"
    ][0]
    assert "Volunteers" in [heading.text().replace("counts people", "").strip() for heading in only_long.find_all("h5")]


def test_era_page_adds_up_no_figures(client):
    text = parse(client.get("/compare/").content).text()
    assert not numbers_in(text) & forbidden_totals()


def test_era_page_shows_every_finding_with_its_section(page):
    findings = list(Finding.objects.select_related("source"))
    assert len(findings) >= 4
    linked_sections = set()
    for finding in findings:
        article = page.find(
            "article", class_="finding", **{"aria-labelledby": f"finding-{finding.source.slug}-{finding.position}"}
        )
        assert article is not None, finding.dimension
        assert article.find("h3").text() == finding.dimension
        source = article.find("p", class_="finding-source")
        assert source.find("a", href=finding.source.get_absolute_url()) is not None
        linked_sections.add(finding.source.slug)
    # The report compares the eras in its sections 4 to 7.
    assert linked_sections == {"ewsi-denmark-s4", "ewsi-denmark-s5", "ewsi-denmark-s6", "ewsi-denmark-s7"}


def test_era_page_shows_funding_and_awards_of_each_era(page):
    funding = [
        item.text()
        for item in page.find_all("div", class_="era-column-long_established")
        for item in item.find_all("li")
    ]
    text = " ".join(funding)
    assert "Idræt+: DKK 1,750,000 per year, 2011–2013 (stated total DKK 5,250,000), from Integration Fund" in text
    assert "Get2Sport: DKK 15,200,000 in total, 2010–2013" in text
    assert "Stores: more than DKK 50,000,000 per year" in text
    new = " ".join(
        item.text() for column in page.find_all("div", class_="era-column-new") for item in column.find_all("li")
    )
    assert "Venligboerne: Hal Koch Democracy Award, 2015, won, given by Krogerup Højskole" in new


def test_era_page_counts_initiatives_of_each_era_by_theme(page):
    table = page.find("table", class_="tally")
    rows = {
        row.find("th").text(): [cell.text() for cell in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }
    # Sport: Asylum Centre Volunteer, Inklusion, Idræt+, Get2Sport, DBU Get2Footballschool, girls clubs.
    assert rows["Sport"] == ["6", "0"]
    assert rows["Language learning"] == ["0", "1"]
