"""Values computed from the catalogue, kept in the shared cache until the catalogue changes.

Every key holds the catalogue's version: a number in the cache that goes up once a change to any catalogue
record (every model of the initiatives and organisations apps) is committed. A change thus puts every value
computed before it out of reach, on every server and worker that shares the cache; nothing waits to expire.
The cache only saves work: when it fails, values are computed as if it were not there.

    numbers = cached(("home",), compute_numbers)

Code that changes records without saving models (`QuerySet.update()`, `bulk_create()`, SQL) calls
`catalogue_changed()` in the same transaction, or `manage.py refresh_catalogue`, which also brings the data
derived from the records up to date.
"""

import hashlib
import logging
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils.translation import get_language
from simple_history.models import HistoricalChanges

logger = logging.getLogger(__name__)

CATALOGUE_APPS = ("initiatives", "organisations")
MISSING = object()
# After a failure, this process leaves the cache alone for a while rather than wait on it at every request.
RETRY_SECONDS = 5

_cache_down_until = 0.0
_bump_owed = False


def cached(key_parts, compute):
    """`compute()`'s value for the catalogue as committed now, in the active language: from the cache when there."""
    if changes_pending() or not cache_usable():
        return compute()
    try:
        key = value_key(key_parts)
        value = cache.get(key, MISSING)
    except Exception as error:  # whatever the cache does wrong (down, a value it cannot read), pages still answer
        cache_failed(error)
        return compute()
    if value is MISSING:
        value = compute()
        try:
            cache.set(key, value)
        except Exception as error:
            cache_failed(error)
    return value


def catalogue_changed(using=DEFAULT_DB_ALIAS):
    """Says the catalogue changed: every cached value goes stale when the current transaction commits (at once
    outside one)."""
    if not changes_pending(using):
        transaction.on_commit(bump_version, using=using, robust=True)


def changes_pending(using=DEFAULT_DB_ALIAS):
    """Whether the current transaction changed the catalogue and has not committed: the cache holds what others
    see, and must neither answer this transaction nor keep what it computes."""
    return any(callback is bump_version for _savepoints, callback, _robust in connections[using].run_on_commit)


def bump_version():
    global _bump_owed
    key = version_key()
    try:
        try:
            cache.incr(key)
        except ValueError:  # no version yet, or the cache was flushed: any new number will do
            if not cache.add(key, fresh_version(), timeout=None):
                cache.incr(key)
    except Exception as error:
        # The change must still reach the cache: the next request that finds it working bumps again.
        _bump_owed = True
        cache_failed(error)
    else:
        _bump_owed = False


def cache_usable():
    if time.monotonic() < _cache_down_until:
        return False
    if _bump_owed:
        bump_version()
    return not _bump_owed


def cache_failed(error):
    global _cache_down_until
    _cache_down_until = time.monotonic() + RETRY_SECONDS
    logger.warning("Cache unavailable, computing instead for %s s: %r", RETRY_SECONDS, error)


def fresh_version():
    # Larger than any number an earlier version key counted up to, so no value from before can match again.
    return time.time_ns()


def version_key():
    # Two catalogues (production and staging, or test runs) may share one Redis: each has its own versions.
    database = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    return "catalogue-version:" + hashlib.sha256(str(database).encode()).hexdigest()[:16]


def value_key(key_parts):
    catalogue = version_key()
    version = cache.get_or_set(catalogue, fresh_version, timeout=None)
    language = get_language() or settings.LANGUAGE_CODE
    parts = "\x1f".join(str(part) for part in (catalogue, version, language, *key_parts))
    return f"catalogue:{key_parts[0]}:" + hashlib.sha256(parts.encode()).hexdigest()


def catalogue_models():
    return [
        model
        for label in CATALOGUE_APPS
        for model in apps.get_app_config(label).get_models()
        if not issubclass(model, HistoricalChanges)
    ]


def record_changed(sender, using, action=None, **kwargs):
    if action in (None, "post_add", "post_remove", "post_clear"):  # a save, a delete, or a many-to-many change
        catalogue_changed(using)


def database_rebuilt(sender, using, **kwargs):
    # migrate and flush change rows without saving models; a deployment's migrate also retires values pickled
    # from the models as they were before.
    catalogue_changed(using)


def connect():
    for model in catalogue_models():
        label = model._meta.label
        post_save.connect(record_changed, sender=model, dispatch_uid=f"catalogue-changed-save-{label}")
        post_delete.connect(record_changed, sender=model, dispatch_uid=f"catalogue-changed-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                record_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"catalogue-changed-m2m-{label}-{field.name}",
            )
    post_migrate.connect(
        database_rebuilt, sender=apps.get_app_config("initiatives"), dispatch_uid="catalogue-changed-migrate"
    )
