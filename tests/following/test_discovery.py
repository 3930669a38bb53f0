"""Search engines and feed readers find every public record, and nothing a curator keeps as a draft."""

from xml.etree import ElementTree

import pytest

from initiatives.models import BeneficiaryGroup, Initiative, Place, Source, Theme
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation

pytestmark = pytest.mark.usefixtures("denmark")

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_the_sitemap_lists_every_public_record_and_no_draft(client):
    make_initiative("zebra-draft", published=False)
    make_organisation("quokka-draft", published=False)

    entries = sitemap_entries(client)

    expected = {
        f"http://testserver{record.get_absolute_url()}"
        for queryset in (
            Initiative.objects.published(),
            Organisation.objects.published(),
            Theme.objects.all(),
            BeneficiaryGroup.objects.all(),
            Place.objects.all(),
            Source.objects.all(),
        )
        for record in queryset
    }
    assert set(entries) == expected
    assert len(expected) == 20 + 18 + 20 + 15 + 17 + 25  # the report's records, counted in tests/data
    assert not any("zebra-draft" in url or "quokka-draft" in url for url in entries)


def test_the_sitemap_gives_when_each_record_last_changed(client):
    venligboerne = Initiative.objects.get(slug="venligboerne")
    venligboerne.summary = "Changed today."
    venligboerne.save()

    entries = sitemap_entries(client)

    assert (
        entries["http://testserver/initiatives/venligboerne/"]
        == venligboerne.history.latest().history_date.date().isoformat()
    )


@pytest.mark.parametrize("extra", [0, 30])
def test_the_sitemap_reads_the_same_queries_however_many_records(client, django_assert_num_queries, extra):
    # Two per kind of record (how many, then the page of them), whatever their number.
    for n in range(extra):
        make_initiative(f"extra-{n}")
    with django_assert_num_queries(12):
        assert client.get("/sitemap.xml").status_code == 200


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "User-agent: *",
        "Disallow: /admin/",
        "Sitemap: http://testserver/sitemap.xml",
    ]


def test_the_feed_lists_the_last_changed_public_initiatives_first(client):
    make_initiative("zebra-draft", name="Zebra Draft", published=False)
    changed = Initiative.objects.get(slug="kvinfo-mentor-network")
    changed.summary = "Mentors meet newcomers."
    changed.save()

    response = client.get("/initiatives.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == Initiative.objects.published().count() == 20
    first = entries[0]
    assert first.findtext(f"{ATOM}title") == changed.name
    assert first.findtext(f"{ATOM}summary") == "Mentors meet newcomers."
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/initiatives/kvinfo-mentor-network/"
    assert "Zebra Draft" not in response.content.decode()


def test_every_page_links_its_icon_and_the_feed(client):
    page = client.get("/").content.decode()

    assert 'rel="icon"' in page and "favicon" in page
    assert 'rel="alternate" type="application/atom+xml" href="/initiatives.atom"' in page
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301
    assert client.get(icon["Location"]).status_code == 200
