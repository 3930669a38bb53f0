import re

from initiatives.home import LEADING_ORGANISATIONS, PLACES_PER_COUNTRY
from initiatives.models import Initiative, Place, Source, Theme
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation, make_place


def internal_links(response):
    return {
        href.replace("&amp;", "&")
        for href in re.findall(r'href="(/[^"#]*)', response.content.decode())
        if not href.startswith("/static/")
    }


def test_home_says_what_the_catalogue_is_and_counts_it(client, world):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "migrants and refugees" in html
    assert 'href="/sources/ewsi-denmark/"' in html and "EWSI Analysis: Denmark" in html
    numbers = html.split('id="numbers-title"')[1].split("</section>")[0]
    assert "<strong>2</strong> initiatives" in numbers
    assert f"<strong>{Organisation.objects.count()}</strong> organisations" in numbers
    assert "<strong>1</strong> long-established" in numbers and "<strong>1</strong> new" in numbers
    assert "<strong>1</strong> country" in numbers


def test_home_offers_every_way_in(client, world):
    links = internal_links(client.get("/"))
    assert {"/initiatives/?era=long_established", "/initiatives/?era=new"} <= links
    assert {"/themes/mentoring/", "/beneficiaries/minority-youth/", "/places/denmark/", "/places/copenhagen/"} <= links
    assert "/organisations/kvinfo/" in links  # leads initiatives


def test_every_link_on_the_home_page_resolves(client, world):
    for url in internal_links(client.get("/")):
        assert client.get(url).status_code == 200, url


def test_every_record_is_reachable_from_the_home_page(client, world):
    # Crawl the record pages (not the filtered list, which has its own tests) and find every record.
    seen, todo = set(), ["/"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        todo.extend(link for link in internal_links(response) - seen if "?" not in link and link != "/initiatives/")
    for model in (Initiative, Organisation, Theme, Place, Source):
        for record in model.objects.all():
            assert record.get_absolute_url() in seen, record


def test_home_counts_only_the_countries_whose_reports_it_holds(client, world):
    # The Denmark report names Hungary, Germany and Greece as places, but it is the report of one country.
    hungary = make_place("hungary")

    response = client.get("/")

    numbers = response.content.decode().split('id="numbers-title"')[1].split("</section>")[0]
    assert "<strong>1</strong> country" in numbers
    assert hungary.get_absolute_url() not in internal_links(response)


def test_home_lists_only_the_organisations_that_lead_most_and_the_busiest_places(client, world):
    for n in range(LEADING_ORGANISATIONS + 2):
        make_initiative(f"led-{n}", lead_organisation=make_organisation(f"leader-{n:02}"), country=world.denmark)
    make_initiative("led-twice", lead_organisation=Organisation.objects.get(slug="leader-11"), country=world.denmark)
    for n in range(PLACES_PER_COUNTRY + 2):
        Place.objects.create(slug=f"town-{n}", name=f"Town {n}", kind=Place.Kind.CITY, parent=world.denmark)

    html = client.get("/").content.decode()
    organisations = html.split('id="organisations-title"')[1].split("</section>")[0]
    places = html.split('id="places-title"')[1].split("</section>")[0]

    assert organisations.count("<li>") == LEADING_ORGANISATIONS
    assert 'href="/organisations/leader-11/"' in organisations  # two initiatives: before those with one
    assert 'href="/organisations/leader-10/"' not in organisations  # one, and after leader-00 to leader-09 by name
    assert 'href="/organisations/"' in organisations
    assert places.count("<li>") == PLACES_PER_COUNTRY
    assert 'href="/places/copenhagen/"' in places  # the one with initiatives comes before the empty towns
    assert f"All {Place.objects.filter(parent=world.denmark).count()} places in Denmark" in places
