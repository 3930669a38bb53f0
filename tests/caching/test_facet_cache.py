"""The list's facet counts come from the shared cache, are the same as without it, and change once a change
commits."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative, Theme
from tests.caching.conftest import redis_caches

pytestmark = pytest.mark.usefixtures("transactional_db")  # the cache changes when a transaction commits

LISTS = [
    "/initiatives/",
    "/initiatives/?q=mentor",
    "/initiatives/?theme=sport&era=new",
    "/initiatives/?q=refugees&place=copenhagen&has_funding=true",
]


@pytest.fixture
def denmark_committed():
    call_command("load_catalogue", stdout=io.StringIO())


def seen(client, url):
    """(each facet option's count, the initiatives listed), and whether the facets were counted in the database,
    or read from its stored counts."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    facets = {(f.name, o.value): o.count for f in response.context["facets"] for o in f.options}
    listed = [initiative.slug for initiative in response.context["initiatives"]]
    counted = ("WITH o(", "initiatives_facetcount")
    return (facets, listed), any(part in query["sql"] for query in queries.captured_queries for part in counted)


@pytest.mark.parametrize("url", LISTS)
def test_counts_and_results_are_the_same_with_and_without_the_cache(client, settings, denmark_committed, url):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # whatever REDIS_URL says
    without_cache, counted = seen(client, url)
    assert counted
    assert without_cache[0] and any(count for count in without_cache[0].values())

    settings.CACHES = redis_caches()
    try:
        first, counted_first = seen(client, url)
        second, counted_second = seen(client, url)
    finally:
        cache.clear()

    assert (counted_first, counted_second) == (True, False)
    assert first == second == without_cache


def test_a_saved_change_reaches_the_counts_at_once(client, redis_cache, denmark_committed):
    url = "/initiatives/?era=new"
    (before, _listed), _ = seen(client, url)
    seen(client, url)  # now cached
    sport = Theme.objects.get(slug="sport")
    newcomer = Initiative.objects.published().filter(era=Initiative.Era.NEW).exclude(themes=sport).first()

    newcomer.themes.add(sport)

    (after, _listed), counted = seen(client, url)
    assert counted
    assert after[("theme", "sport")] == before.get(("theme", "sport"), 0) + 1
