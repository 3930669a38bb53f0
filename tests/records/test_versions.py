"""`?version=N` shows a record as its history holds it; every record page and its JSON say when it last changed."""

import datetime
import json
import re

import bibtexparser
import pytest
from django.utils import timezone

from initiatives.models import Initiative, Theme
from tests.conftest import grow, make_initiative

PAGE = "/initiatives/kvinfo-mentor-network/"


def rename(slug, name):
    initiative = Initiative.objects.get(slug=slug)
    initiative.name = name
    initiative.save()  # one more history entry
    return initiative


def h1(response):
    return re.search(r"<h1>(.*?)</h1>", response.content.decode(), re.S).group(1)


def test_version_1_still_shows_the_old_name_after_an_edit_and_the_current_page_the_new_one(client, world):
    initiative = rename("kvinfo-mentor-network", "Mentor network, renamed")
    count = initiative.history.count()

    old, current = client.get(PAGE + "?version=1"), client.get(PAGE)

    assert old.status_code == current.status_code == 200
    assert h1(old) == "KVINFO Mentor network" and h1(current) == "Mentor network, renamed"
    html = old.content.decode()
    assert f"You are viewing version 1 of {count}, as it was on <time datetime=" in html
    assert f'<a href="{PAGE}">See the current version.</a>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Mentor network, renamed" not in html
    assert h1(client.get(f"{PAGE}?version={count}")) == "Mentor network, renamed"


def test_an_edit_through_the_admin_is_a_new_version(client, world, admin_user):
    initiative = Initiative.objects.get(slug="kvinfo-mentor-network")
    client.force_login(admin_user)
    form = client.get(f"/admin/initiatives/initiative/{initiative.pk}/change/").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(name="Renamed in the admin", version=initiative.version)
    data = {name: [item.pk if hasattr(item, "pk") else item for item in value] if isinstance(value, list) else value
            for name, value in data.items()}  # fmt: skip
    for prefix in ("figures", "fundings", "awards"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = client.post(f"/admin/initiatives/initiative/{initiative.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    client.logout()

    assert h1(client.get(PAGE + "?version=1")) == "KVINFO Mentor network"
    assert h1(client.get(PAGE)) == "Renamed in the admin"


def test_a_versions_many_to_many_fields_are_those_it_held(client, world):
    initiative = Initiative.objects.get(slug="kvinfo-mentor-network")
    before = initiative.history.count()
    initiative.themes.add(Theme.objects.create(slug="later-theme", name="Later theme"))

    old = client.get(f"{PAGE}?version={before}").content.decode()
    new = client.get(f"{PAGE}?version={before + 1}").content.decode()

    assert "/themes/later-theme/" not in old and "/themes/later-theme/" in new
    old_data = json.loads(client.get(f"/initiatives/kvinfo-mentor-network.json?version={before}").content)
    assert "later-theme" not in old_data["themes"]


def test_a_versions_json_holds_its_fields_number_and_date(client, world):
    initiative = rename("kvinfo-mentor-network", "Renamed")
    first = initiative.history.earliest()

    data = json.loads(client.get("/initiatives/kvinfo-mentor-network.json?version=1").content)

    assert data["name"] == "KVINFO Mentor network"
    assert (data["version"], data["versions"]) == (1, initiative.history.count())
    assert datetime.datetime.fromisoformat(data["last_updated"]) == first.history_date
    assert data["lead_organisation"] == "kvinfo" and data["country"] == "denmark"


def test_a_versions_citation_names_that_version(client, world):
    rename("kvinfo-mentor-network", "Renamed")

    library = bibtexparser.parse_string(client.get(PAGE + "cite.bib?version=1").content.decode())

    (entry,) = library.entries
    assert entry["title"] == "{KVINFO Mentor network}"
    assert entry["url"] == f"http://testserver{PAGE}?version=1" and entry["version"] == "1"


def test_last_updated_is_on_the_page_and_in_the_json_and_moves_with_an_edit(client, world):
    long_ago = datetime.datetime(2020, 5, 4, 12, 0, tzinfo=datetime.UTC)
    world.initiative.history.update(history_date=long_ago)

    html = client.get(PAGE).content.decode()
    data = json.loads(client.get("/initiatives/kvinfo-mentor-network.json").content)
    assert f'Last updated: <time datetime="{timezone.localtime(long_ago).isoformat()}">May 4, 2020</time>' in html
    assert datetime.datetime.fromisoformat(data["last_updated"]) == long_ago
    assert data["version"] == world.initiative.history.count()

    rename("kvinfo-mentor-network", "Renamed")
    edited = Initiative.objects.get(slug="kvinfo-mentor-network").history.latest().history_date

    html = client.get(PAGE).content.decode()
    data = json.loads(client.get("/initiatives/kvinfo-mentor-network.json").content)
    assert "May 4, 2020" not in html
    assert f'<time datetime="{timezone.localtime(edited).replace(microsecond=0).isoformat()}">' in html
    assert datetime.datetime.fromisoformat(data["last_updated"]) == edited


def test_a_record_without_history_has_no_last_updated_in_its_json(client, world):
    world.initiative.history.all().delete()

    data = json.loads(client.get("/initiatives/kvinfo-mentor-network.json").content)

    assert data["last_updated"] is None and data["version"] is None
    assert client.get(PAGE + "?version=1").status_code == 404


@pytest.mark.parametrize("url", ["/organisations/kvinfo.json", "/themes/mentoring.json", "/sources/ewsi-denmark.json"])
def test_every_records_json_says_when_it_last_changed(client, world, url):
    data = json.loads(client.get(url).content)

    assert datetime.datetime.fromisoformat(data["last_updated"]).tzinfo is not None
    assert data["version"] >= 1


def test_a_draft_is_never_shown_in_any_version(client, world):
    draft = make_initiative("a-draft", name="Secret draft", published=False, country=world.denmark)
    draft.name = "Still secret"
    draft.save()

    for url in (
        "/initiatives/a-draft/?version=1",
        "/initiatives/a-draft/?version=2",
        "/initiatives/a-draft.json?version=1",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "secret" not in response.content.decode().lower()


def test_a_version_from_before_the_record_was_published_is_not_found(client, world):
    record = make_initiative("published-later", name="Published later", published=False, country=world.denmark)
    record.published = True
    record.save()

    response = client.get("/initiatives/published-later/?version=1")
    assert response.status_code == 404
    assert "Version 1 of this record is not public." in response.content.decode()
    assert client.get("/initiatives/published-later/?version=2").status_code == 200


@pytest.mark.parametrize(
    ("value", "status"),
    [
        ("0", 404),
        ("-1", 400),
        ("abc", 400),
        ("", 400),
        ("1.5", 400),
        ("٣", 400),
        ("99", 404),
        (str(10**30), 404),
        ("9" * 5000, 404),
    ],
)
@pytest.mark.parametrize("address", [PAGE, "/initiatives/kvinfo-mentor-network.json", PAGE + "cite.bib"])
def test_a_version_that_does_not_exist_gets_a_clear_client_error(client, world, address, value, status):
    response = client.get(address, {"version": value})

    assert response.status_code == status
    text = response.content.decode()
    assert ("whole number from 1 to" if status == 400 else "there is no version") in text


def test_two_version_values_are_refused(client, world):
    assert client.get(PAGE + "?version=1&version=2").status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        PAGE + "?version=1",
        "/organisations/kvinfo/?version=1",
        "/themes/mentoring/?version=1",
        "/places/copenhagen/?version=1",
        "/sources/ewsi-denmark-section-2/?version=1",
        PAGE + "cite.bib",
        "/themes/mentoring/cite.ris",
    ],
)
def test_version_pages_and_citations_run_as_many_queries_for_many_records_as_for_few(
    client, world, django_assert_num_queries, url
):
    # A version reads its record, its entry and one query per relation; a citation what its page reads.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(2, 6):
        grow(world, n)
    with django_assert_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_a_sources_version_keeps_its_own_address_apart_from_the_records(client, world):
    grow(world, 2)

    data = json.loads(client.get("/sources/cited-page-2.json?version=1").content)

    assert data["url"] == "http://testserver/sources/cited-page-2/"
    assert data["source_url"] == "https://example.org/page-2"
