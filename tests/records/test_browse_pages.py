"""Themes, beneficiary groups, places and sources: the ways into the catalogue."""

import pytest

from initiatives.models import BeneficiaryGroup, Figure, Measure, Place, Source, Theme
from tests.conftest import make_initiative, make_organisation, make_place, make_source
from tests.records.tables import section_rows

# The figure grow() gives both initiatives, measured in District 1 and stated on the page the section cites.
FIGURES_OF_DISTRICT_1 = {
    ("Initiative 1", "participants", "101", "District 1", "Cited Page 1"),
    ("KVINFO Mentor network", "participants", "101", "District 1", "Cited Page 1"),
}


def test_theme_list_and_page_list_its_initiatives_and_link_to_the_filtered_list(client, world):
    html = client.get("/themes/").content.decode()
    assert 'href="/themes/mentoring/"' in html and "1 initiative" in html
    response = client.get("/themes/mentoring/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/initiatives/initiative-1/"' in html
    assert "kvinfo-mentor-network" not in html.split("<main")[1]  # not on this theme
    assert 'href="/initiatives/?theme=mentoring"' in html


def test_beneficiary_group_pages_show_ages_and_initiatives(client, world):
    assert "aged 14–19" in client.get("/beneficiaries/").content.decode()
    html = client.get("/beneficiaries/minority-youth/").content.decode()
    assert "14–19" in html
    assert 'href="/initiatives/initiative-1/"' in html
    assert 'href="/initiatives/?beneficiary_group=minority-youth"' in html


def figures(html):
    return {
        (row["Initiative"], row["Measure"], row["Value"], row["Place"], row["Source"])
        for row in section_rows(html, "figures")
    }


def initiatives_section(response):
    return response.content.decode().split('id="initiatives"')[1].split("</section>")[0]


def test_place_page_lists_initiatives_active_in_places_inside_it(client, world):
    # initiative-1 is active only in District 1, which is in Copenhagen, which is in Denmark.
    make_place("sweden", name="Sweden")
    make_initiative("elsewhere", country=make_place("sweden"))
    for url in ("/places/copenhagen/", "/places/district-1/"):
        listed = initiatives_section(client.get(url))
        assert 'href="/initiatives/initiative-1/"' in listed, url
        assert "/initiatives/elsewhere/" not in listed
        assert "/initiatives/kvinfo-mentor-network/" not in listed  # active nowhere in particular
    html = initiatives_section(client.get("/places/denmark/"))
    assert 'href="/initiatives/initiative-1/"' in html
    assert 'href="/initiatives/kvinfo-mentor-network/"' in html  # its report covers Denmark
    assert "/initiatives/elsewhere/" not in html


def test_place_page_shows_child_places_figures_measured_inside_it_and_breadcrumbs(client, world):
    html = client.get("/places/copenhagen/").content.decode()
    assert 'href="/places/district-1/"' in html
    assert figures(html) == FIGURES_OF_DISTRICT_1  # measured in District 1
    assert 'href="/initiatives/?place=copenhagen"' in html
    crumbs = client.get("/places/district-1/").content.decode().split('class="breadcrumb"')[1].split("</nav>")[0]
    assert crumbs.index("/places/denmark/") < crumbs.index("/places/copenhagen/") < crumbs.index("/places/district-1/")


def test_place_list_nests_places_inside_their_parents(client, world):
    html = client.get("/places/").content.decode()
    denmark = html.index('href="/places/denmark/"')
    assert denmark < html.index('href="/places/copenhagen/"') < html.index('href="/places/district-1/"')


def test_report_page_shows_what_it_and_its_parts_document(client, world):
    response = client.get("/sources/ewsi-denmark/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "European Website on Integration" in html and "https://example.eu/ewsi-denmark" in html
    assert 'href="/sources/ewsi-denmark-section-2/"' in html  # its section
    assert 'href="/sources/cited-page-1/"' in html  # the page the section cites
    assert 'href="/initiatives/kvinfo-mentor-network/"' in html  # cites the report itself
    assert 'href="/initiatives/initiative-1/"' in html  # cites its section
    assert 'href="/organisations/kvinfo/"' in html and 'href="/organisations/partner-1/"' in html
    assert figures(html) == FIGURES_OF_DISTRICT_1  # facts from the cited page
    assert "DKK&nbsp;1,000" in html and "Award 1" in html
    assert "Dimension 1" in html  # the section's finding


def test_section_page_names_its_report_and_cited_page_names_its_section(client, world):
    html = client.get("/sources/ewsi-denmark-section-2/").content.decode()
    assert "Section 2 of" in html and 'href="/sources/ewsi-denmark/"' in html
    html = client.get("/sources/cited-page-1/").content.decode()
    assert "Cited in" in html and "https://example.org/page-1" in html
    assert "/sources/ewsi-denmark-section-2/" in html


def test_source_list_shows_reports_with_their_sections_and_pages(client, world):
    html = client.get("/sources/").content.decode()
    assert (
        html.index("/sources/ewsi-denmark/")
        < html.index("/sources/ewsi-denmark-section-2/")
        < html.index("/sources/cited-page-1/")
    )
    assert "https://example.org/page-1" in html


def test_figure_place_is_shown_on_the_initiative_page(client, world):
    Figure.objects.create(
        initiative=world.initiative,
        measure=Measure.objects.create(slug="members", name="members"),
        value=38000,
        place=Place.objects.get(slug="copenhagen"),
        source=make_source("s", kind=Source.Kind.WEB_PAGE),
    )
    html = client.get("/initiatives/kvinfo-mentor-network/").content.decode()
    assert "38,000" in html and 'href="/places/copenhagen/"' in html


@pytest.mark.parametrize(
    "url", ["/themes/nope/", "/beneficiaries/nope/", "/places/nope/", "/sources/nope/", "/organisations/nope/"]
)
def test_unknown_slug_is_not_found(client, db, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "kinds"),
    [
        ("/themes/", ["theme"]),
        ("/beneficiaries/", ["group"]),
        ("/places/", ["town"]),
        ("/organisations/", ["org"]),
        ("/", ["town", "theme", "group", "org"]),
    ],
)
def test_counted_lists_stay_in_alphabetical_order(client, world, url, kinds):
    # Meta.ordering is dropped from queries that GROUP BY for a count, so the views must order by name.
    # Slugs and creation order run against the names, so neither can pass for alphabetical order.
    make_place("a-town", name="Zzz town", kind=Place.Kind.CITY, parent=world.denmark)
    make_place("z-town", name="Aaa town", kind=Place.Kind.CITY, parent=world.denmark)
    Theme.objects.create(slug="a-theme", name="Zzz theme")
    Theme.objects.create(slug="z-theme", name="Aaa theme")
    BeneficiaryGroup.objects.create(slug="a-group", name="Zzz group")
    BeneficiaryGroup.objects.create(slug="z-group", name="Aaa group")
    make_initiative("z-led", lead_organisation=make_organisation("a-org", name="Zzz org"))
    make_initiative("a-led", lead_organisation=make_organisation("z-org", name="Aaa org"))
    html = client.get(url).content.decode()
    for kind in kinds:
        assert f"Aaa {kind}" in html and f"Zzz {kind}" in html, kind
        assert html.index(f"Aaa {kind}") < html.index(f"Zzz {kind}"), kind
