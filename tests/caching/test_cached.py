"""cached(): the helper pages keep their computed values with."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from initiatives.caching import cached


@pytest.mark.usefixtures("transactional_db")
def test_values_with_words_are_kept_for_each_language(redis_cache):
    def label():
        return gettext("New initiatives")

    with translation.override("en"):
        assert cached(("label",), label) == "New initiatives"
    with translation.override("da"):
        danish = cached(("label",), label)
    with translation.override("en"):
        assert cached(("label",), label) == "New initiatives"
    assert danish != "New initiatives"


@pytest.mark.usefixtures("transactional_db")
def test_each_key_keeps_its_own_value(redis_cache):
    assert cached(("facets", "theme=sport"), lambda: 1) == 1
    assert cached(("facets", "theme=education"), lambda: 2) == 2
    assert cached(("facets", "theme=sport"), lambda: 3) == 1


def test_without_a_shared_cache_every_value_is_computed(db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    values = iter([1, 2])

    assert cached(("count",), lambda: next(values)) == 1
    assert cached(("count",), lambda: next(values)) == 2
