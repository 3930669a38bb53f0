"""The era comparison's numbers come from the shared cache, are the same as without it, and change once a
change commits."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative
from tests.caching.conftest import redis_caches

pytestmark = pytest.mark.usefixtures("transactional_db")  # the cache changes when a transaction commits


@pytest.fixture
def denmark_committed():
    call_command("load_catalogue", stdout=io.StringIO())


def seen(client):
    """The page without its form tokens, and how many queries it read."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/compare/")
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode()), len(queries)


def test_the_era_page_is_the_same_with_and_without_the_cache_and_counted_once(client, settings, denmark_committed):
    without_cache, computing = seen(client)
    settings.CACHES = redis_caches()
    try:
        first, _ = seen(client)
        second, reading = seen(client)
    finally:
        cache.clear()
    assert first == second == without_cache
    assert reading < computing - 10


def test_a_saved_change_reaches_the_era_page_at_once(client, redis_cache, denmark_committed):
    before, _ = seen(client)
    assert '<a href="/initiatives/?era=new">2</a>' in before
    initiative = Initiative.objects.get(slug="frivillignet")
    initiative.era = Initiative.Era.NEW
    initiative.save()
    after, _ = seen(client)
    assert '<a href="/initiatives/?era=new">3</a>' in after
