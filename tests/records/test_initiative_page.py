import json
import re
from decimal import Decimal

import pytest

from initiatives.models import Award, BeneficiaryGroup, Figure, Funding, Measure, Place, Source, Theme
from tests.conftest import make_initiative, make_organisation, make_place, make_source
from tests.records.tables import section_rows


def json_ld(response):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.fixture
def get2sport(db):
    denmark = make_place("denmark", name="Denmark")
    report = make_source("ewsi-denmark", name="EWSI Analysis: Denmark", url="https://example.eu/report")
    section = make_source("ewsi-dk-2", name="Long-established", kind=Source.Kind.SECTION, parent=report, locator="2")
    page = make_source("get2sport-page", kind=Source.Kind.WEB_PAGE, parent=section, url="http://www.get2sport.dk/da")
    dif = make_organisation("dif", name="Danmarks Idrætsforbund", acronym="DIF", kind="sports_federation")
    ministry = make_organisation("ministry", name="Ministry of Inclusion", kind="public_authority")
    giver = make_organisation("rode", name="Rode Foundation", kind="award_giver")
    initiative = make_initiative(
        "get2sport",
        name="Get2Sport",
        native_name="Get2Sport DK",
        lead_organisation=dif,
        country=denmark,
        start_year=2005,
        status="active",
        summary="Includes minority youth in sports associations.",
        organising="Two Get2Sport workers travel to the municipalities.",
        website="http://www.get2sport.dk/",
    )
    initiative.partners.add(make_organisation("dbu", name="Danish Football Union", acronym="DBU"))
    initiative.sources.add(page)
    initiative.themes.add(Theme.objects.create(slug="sport", name="Sport"))
    initiative.beneficiary_groups.add(
        BeneficiaryGroup.objects.create(slug="minority-youth", name="Minority youth", min_age=14, max_age=19)
    )
    initiative.places.add(make_place("aarhus", name="Aarhus", kind=Place.Kind.CITY, parent=denmark))
    Funding.objects.create(
        initiative=initiative,
        funder=ministry,
        amount=Decimal("15200000"),
        currency="DKK",
        start_year=2010,
        end_year=2013,
        note="primarily from the Ministry",
        source=section,
    )
    Funding.objects.create(
        initiative=initiative,
        amount=Decimal("1750000"),
        currency="DKK",
        basis=Funding.Basis.PER_YEAR,
        total_amount=Decimal("5250000"),
        qualifier="about",
        source=section,
    )
    Figure.objects.create(
        initiative=initiative,
        measure=Measure.objects.create(slug="participants", name="participants"),
        value=7000,
        qualifier="more_than",
        basis=Figure.Basis.CUMULATIVE,
        since_year=2002,
        source=make_source("figure-page", kind=Source.Kind.WEB_PAGE, url="https://example.org/figures"),
    )
    award = Award.objects.create(
        name="Rode Award", year=2013, outcome=Award.Outcome.NOMINATED, initiative=initiative, source=section
    )
    award.givers.add(giver)
    make_initiative("summer-schools", name="Summer football schools", parent=initiative, country=denmark)
    return initiative


def test_initiative_page_shows_its_record_and_facts(client, get2sport):
    response = client.get("/initiatives/get2sport/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Get2Sport DK",
        'href="/organisations/dif/"',
        "Danish Football Union (DBU)",
        "since 2005",
        "Two Get2Sport workers travel",
        'href="/themes/sport/"',
        "aged 14–19",
        'href="/places/aarhus/"',
        'href="/initiatives/summer-schools/"',
    ):
        assert text in html


def test_initiative_page_formats_funding_figures_and_awards(client, get2sport):
    html = client.get("/initiatives/get2sport/").content.decode()
    assert "DKK&nbsp;15,200,000" in html
    assert "2010–2013" in html
    assert "about DKK&nbsp;1,750,000" in html and "per year" in html
    assert "DKK&nbsp;5,250,000" in html
    assert "not stated" in html  # the second funding names no funder
    assert "more than 7,000" in html and "since 2002" in html
    awards = [(row["Award"], row["Year"], row["Outcome"], row["Given by"]) for row in section_rows(html, "awards")]
    assert awards == [("Rode Award", "2013", "nominated", "Rode Foundation")]


def test_where_is_this_data_from_lists_every_source_used_on_the_page(client, get2sport):
    html = client.get("/initiatives/get2sport/").content.decode()
    box = html[html.index("Where is this data from?") :]
    assert "http://www.get2sport.dk/da" in box  # the initiative's own source
    assert "https://example.org/figures" in box  # the figure's source
    assert "Section 2 of" in box and 'href="/sources/ewsi-dk-2/"' in box  # the funding's and award's section
    assert "cited in Section 2 of" in box


def test_initiative_json_ld_describes_a_project_with_funding_and_audience(client, get2sport):
    data = json_ld(client.get("/initiatives/get2sport/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Project"
    assert data["name"] == "Get2Sport"
    assert data["parentOrganization"][0]["name"] == "Danmarks Idrætsforbund"
    assert [funder["name"] for funder in data["funder"]] == ["Ministry of Inclusion"]
    grants = data["funding"]
    assert {grant["@type"] for grant in grants} == {"MonetaryGrant"}
    assert grants[0]["amount"] == {"@type": "MonetaryAmount", "currency": "DKK", "value": 15200000}
    assert grants[0]["funder"]["@type"] == "GovernmentOrganization"
    assert grants[1]["amount"]["value"] == 5250000  # the total over the period, not the yearly amount
    assert data["audience"] == [
        {"@type": "PeopleAudience", "audienceType": "Minority youth", "suggestedMinAge": 14, "suggestedMaxAge": 19}
    ]


def test_json_ld_cannot_close_its_script_element(client, db):
    make_initiative("tricky", name="</script><script>alert(1)</script> & co")
    response = client.get("/initiatives/tricky/")
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)["name"] == "</script><script>alert(1)</script> & co"


def test_unknown_initiative_is_not_found(client, db):
    assert client.get("/initiatives/no-such-initiative/").status_code == 404
