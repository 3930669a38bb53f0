from initiatives.models import Award, Funding
from tests.conftest import make_initiative, make_organisation, make_source
from tests.records.test_initiative_page import json_ld


def test_organisation_list_shows_each_organisation_with_the_number_it_leads(client, world):
    response = client.get("/organisations/")
    assert response.status_code == 200
    html = response.content.decode()
    row = html[html.index('href="/organisations/kvinfo/"') :]
    row = row[: row.index("</tr>")]
    assert "KV" in row and "NGO" in row and "Denmark" in row
    assert '<td class="num">2</td>' in row  # the mentor network and initiative-1
    dif = html[html.index('href="/organisations/dif/"') :]
    assert "sports federation" in dif[: dif.index("</tr>")] and "international" in dif[: dif.index("</tr>")]


def test_organisation_page_shows_its_fields_family_initiatives_money_awards_and_sources(client, world):
    response = client.get("/organisations/kvinfo/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Videnscenter",  # native name
        'href="/organisations/danish-refugee-council/"',  # parent
        'href="/initiatives/kvinfo-mentor-network/"',  # led
        'href="/initiatives/initiative-1/"',
        "DKK&nbsp;1,000",  # funding received by its initiatives
        'href="/organisations/integration-fund/"',  # the funder of that money
        "Organisation award 1",  # award it received
        "Award 1",  # award to its initiatives
        'href="/sources/ewsi-denmark-section-2/"',  # its own source
        "https://example.org/page-1",  # the source of its facts
    ):
        assert text in html, text


def test_organisation_page_shows_funding_it_gave_with_recipients_and_awards_it_gave(client, world):
    html = client.get("/organisations/integration-fund/").content.decode()
    given = html[html.index("Funding it gave") :]
    assert 'href="/initiatives/initiative-1/"' in given and 'href="/initiatives/kvinfo-mentor-network/"' in given
    html = client.get("/organisations/krogerup/").content.decode()
    assert "Awards it gave" in html and "Award 1" in html


def test_parent_organisation_lists_its_sub_organisations_and_partner_initiatives(client, world):
    html = client.get("/organisations/danish-refugee-council/").content.decode()
    assert "Sub-organisations" in html and 'href="/organisations/kvinfo/"' in html
    html = client.get("/organisations/dif/").content.decode()
    assert "as a partner" in html and 'href="/initiatives/initiative-1/"' in html


def test_organisation_json_ld_is_an_ngo_with_its_branches(client, world):
    data = json_ld(client.get("/organisations/kvinfo/"))
    assert data["@type"] == "NGO"
    assert data["name"] == "KVINFO"
    assert data["alternateName"] == ["Videnscenter", "KV"]
    assert data["parentOrganization"]["name"] == "Danish Refugee Council"
    assert data["url"].endswith("/organisations/kvinfo/")
    assert data["award"] == ["Organisation award 1 (2016)"]


def test_organisation_of_no_known_kind_is_a_plain_organization(client, db):
    make_organisation("someone")
    assert json_ld(client.get("/organisations/someone/"))["@type"] == "Organization"


def test_funding_with_no_amount_or_funder_says_so(client, db):
    initiative = make_initiative("shops", lead_organisation=make_organisation("red-cross"))
    Funding.objects.create(initiative=initiative, direction=Funding.Direction.RAISED, source=make_source(), amount=None)
    Award.objects.create(name="Local award", person="A Founder", initiative=initiative, source=make_source())
    html = client.get("/organisations/red-cross/").content.decode()
    assert "raised by the initiative" in html and html.count("not stated") >= 3
    assert "A Founder, of" in html


def test_unknown_organisation_is_not_found(client, db):
    assert client.get("/organisations/nobody/").status_code == 404
