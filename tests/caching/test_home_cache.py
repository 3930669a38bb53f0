"""The home page's numbers come from the shared cache, and change the moment a change to the catalogue commits."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from initiatives import caching
from initiatives.models import Initiative, Theme
from organisations.models import Organisation
from tests.caching.conftest import redis_caches
from tests.conftest import make_initiative, make_organisation
from tests.production.test_database_outage import closed_port

pytestmark = pytest.mark.usefixtures("transactional_db")  # the cache changes when a transaction commits


def home_numbers(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    numbers = html.split('id="numbers-title"')[1].split("</section>")[0]
    # "1 initiative", "2 initiatives": both read as "initiative".
    found = {
        label.removesuffix("s"): int(count) for count, label in re.findall(r"<strong>(\d+)</strong> ([\w-]+)", numbers)
    }
    found.update(
        (slug, int(count))
        for slug, count in re.findall(r'href="/themes/([\w-]+)/">[^<]*</a> <span class="meta">(\d+)</span>', html)
    )
    return found


@pytest.fixture
def catalogue():
    mentoring = Theme.objects.create(slug="mentoring", name="Mentoring")
    initiative = make_initiative("venligboerne", lead_organisation=make_organisation("venligboerne-org"))
    initiative.themes.add(mentoring)
    return initiative


def test_a_second_visit_is_answered_from_the_cache(client, redis_cache, catalogue, django_assert_num_queries):
    client.get("/")

    # What is left is the footer's list of reports, which every page shows.
    with django_assert_num_queries(1):
        assert home_numbers(client)["initiative"] == 1


def change_era(initiative):
    initiative.era = Initiative.Era.NEW
    initiative.save()


def add_theme(initiative):
    initiative.themes.add(Theme.objects.create(slug="sport", name="Sport"))


def remove_theme(initiative):
    initiative.themes.clear()


def delete(initiative):
    initiative.delete()


def refresh(initiative):
    """As an import from the reports does: rows changed without saving models, then refresh_catalogue."""
    with transaction.atomic():
        Initiative.objects.filter(pk=initiative.pk).update(era=Initiative.Era.NEW)
        call_command("refresh_catalogue", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (change_era, {"initiative": 1, "long-established": 0, "new": 1}),
        (add_theme, {"mentoring": 1, "sport": 1}),
        (remove_theme, {"mentoring": 0}),
        (delete, {"initiative": 0, "long-established": 0}),
        (refresh, {"long-established": 0, "new": 1}),
    ],
    ids=["save", "many-to-many-add", "many-to-many-clear", "delete", "refresh"],
)
def test_home_shows_a_committed_change_at_once(client, redis_cache, catalogue, change, expected):
    before = home_numbers(client)

    change(catalogue)

    after = home_numbers(client)
    assert {key: after[key] for key in expected} == expected
    assert after != before


def test_rows_changed_without_saving_models_stay_cached_until_catalogue_changed(client, redis_cache, catalogue):
    assert home_numbers(client)["organisation"] == 1
    Organisation.objects.update(published=False, public=False)

    assert home_numbers(client)["organisation"] == 1  # served from the cache: the update sent no signal

    caching.catalogue_changed()
    assert home_numbers(client)["organisation"] == 0


def test_an_uncommitted_change_is_seen_by_its_transaction_and_never_cached(client, redis_cache, catalogue):
    home_numbers(client)

    with transaction.atomic():
        change_era(catalogue)
        assert home_numbers(client)["new"] == 1
        transaction.set_rollback(True)

    assert home_numbers(client)["new"] == 0


def test_the_version_is_made_again_after_a_flush(client, redis_cache, catalogue):
    home_numbers(client)
    cache.clear()

    assert home_numbers(client)["new"] == 0
    assert cache.get(caching.version_key()) is not None

    cache.clear()
    change_era(catalogue)  # the version is missing when the change commits
    assert cache.get(caching.version_key()) is not None
    assert home_numbers(client)["new"] == 1


def test_pages_are_computed_while_redis_is_down(client, settings, fresh_process, catalogue):
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port()}/6")

    assert home_numbers(client)["initiative"] == 1
    change_era(catalogue)  # the version cannot be bumped: the save still succeeds

    assert home_numbers(client)["new"] == 1
    assert client.get("/initiatives/").status_code == 200
    assert client.get("/initiatives/venligboerne/").status_code == 200


def test_a_change_made_while_redis_was_away_reaches_it_when_it_is_back(client, settings, redis_cache, catalogue):
    home_numbers(client)
    settings.CACHES = redis_caches(f"redis://127.0.0.1:{closed_port()}/6")
    change_era(catalogue)

    settings.CACHES = redis_caches()
    caching._cache_down_until = 0.0  # the wait after a failure is over
    assert home_numbers(client)["new"] == 1
