"""The shared cache under test: Redis database 6 of the machine's Redis, emptied around each test."""

import pytest
from django.core.cache import cache

from initiatives import caching

TEST_REDIS = "redis://127.0.0.1:6379/6"


def redis_caches(location=TEST_REDIS):
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}


@pytest.fixture
def fresh_process(monkeypatch):
    """A worker that has met no cache failure yet."""
    monkeypatch.setattr(caching, "_cache_down_until", 0.0)
    monkeypatch.setattr(caching, "_bump_owed", False)


@pytest.fixture
def redis_cache(settings, fresh_process):
    settings.CACHES = redis_caches()
    cache.clear()
    yield cache
    cache.clear()
