"""Record pages list their first initiatives and say how many there are, however many the catalogue holds;
their JSON and the catalogue's list have every one."""

import re

import pytest

from initiatives.models import BeneficiaryGroup, Source, Theme
from initiatives.records.views import SHOWN
from organisations.models import Organisation
from tests.conftest import make_initiative, make_organisation, make_place

pytestmark = pytest.mark.django_db

MORE = SHOWN + 5


@pytest.fixture
def crowded():
    """MORE public initiatives, and a draft, sharing a theme, a beneficiary group, a city and a source."""
    theme = Theme.objects.create(slug="sport", name="Sport")
    group = BeneficiaryGroup.objects.create(slug="youth", name="Youth")
    city = make_place("aalborg", name="Aalborg", kind="city", parent=make_place())
    source = Source.objects.create(slug="a-report", name="A report", kind=Source.Kind.REPORT)
    for n in range(MORE + 1):
        initiative = make_initiative(f"club-{n:03}", name=f"Club {n:03}", published=n < MORE)
        initiative.themes.add(theme)
        initiative.beneficiary_groups.add(group)
        initiative.places.add(city)
        initiative.sources.add(source)


PAGES = [
    ("/themes/sport/", "/initiatives/?theme=sport"),
    ("/beneficiaries/youth/", "/initiatives/?beneficiary_group=youth"),
    ("/places/aalborg/", "/initiatives/?place=aalborg"),
    ("/sources/a-report/", None),
]


@pytest.mark.parametrize(("url", "full_list"), PAGES)
def test_a_record_page_lists_the_first_initiatives_by_name_and_says_how_many(client, crowded, url, full_list):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()

    listed = re.findall(r'class="record-name" href="/initiatives/(club-\d+)/"', html)
    assert listed == [f"club-{n:03}" for n in range(SHOWN)]
    assert f'<span class="count">{MORE}</span>' in html
    assert f"The first {SHOWN} of {MORE} initiatives, by name." in html
    if full_list:
        assert f'href="{full_list.replace("&", "&amp;")}"' in html


@pytest.mark.parametrize(("url", "_full_list"), PAGES[:3])
def test_a_record_json_names_every_public_initiative(client, crowded, url, _full_list):
    data = client.get(url.rstrip("/") + ".json").json()

    assert sorted(data["initiatives"]) == [f"club-{n:03}" for n in range(MORE)]


def test_a_page_with_few_initiatives_lists_them_all_without_a_note(client, crowded):
    Theme.objects.create(slug="housing", name="Housing")
    make_initiative("shelter", name="Shelter").themes.add(Theme.objects.get(slug="housing"))

    html = client.get("/themes/housing/").content.decode()

    assert re.findall(r'class="record-name" href="/initiatives/([\w-]+)/"', html) == ["shelter"]
    assert "The first" not in html


@pytest.fixture
def many_organisations():
    country = make_place()
    for n in range(105):
        make_organisation(f"org-{n:03}", name=f"Org {n:03}", country=country)
    make_organisation("draft-org", name="Draft org", published=False)


def organisation_rows(client, query=""):
    response = client.get("/organisations/" + query)
    assert response.status_code == 200
    return response, re.findall(r'<th scope="row"><a href="/organisations/([\w-]+)/"', response.content.decode())


def test_the_organisations_list_comes_in_pages_of_a_hundred(client, many_organisations):
    first, on_first = organisation_rows(client)
    _second, on_second = organisation_rows(client, "?page=2")

    assert on_first + on_second == [f"org-{n:03}" for n in range(105)]
    assert len(on_first) == 100
    html = first.content.decode()
    assert "105 organisations" in html
    assert 'href="?page=2" rel="next"' in html
    assert Organisation.objects.count() == 106


@pytest.mark.parametrize("page", ["3", "abc", "0", "-1", "9" * 30, "1\x00", "1.5"])
def test_a_page_of_organisations_that_does_not_exist_is_refused_beside_the_first(client, many_organisations, page):
    response = client.get("/organisations/", {"page": page})

    assert response.status_code == 400
    html = response.content.decode()
    assert "This page cannot be shown:" in html
    assert re.findall(r'<th scope="row"><a href="/organisations/([\w-]+)/"', html)[:2] == ["org-000", "org-001"]
