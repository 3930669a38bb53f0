"""Shared fixtures: small explicit factories, and the real Denmark data."""

import functools
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.models.signals import post_migrate

from initiatives.models import Initiative, Place, Source
from organisations.models import Organisation

CURATORS_MIGRATION = ("initiatives", "0003_curators_group")


@functools.cache
def apps_when_curators_were_made(using="default"):
    """The models as they were when the Curators migration ran: the group's permissions are on those."""
    return MigrationLoader(connections[using], ignore_no_migrations=True).project_state(CURATORS_MIGRATION).apps


def curators_group(using="default"):
    """The Curators group. Its migration makes it, but a transactional test's flush empties every table and only
    the permissions come back: then it is made again by the migration's own function, on the models of its time."""
    group = Group.objects.using(using).filter(name="Curators").first()
    if group is None:
        app_label, name = CURATORS_MIGRATION
        migration = importlib.import_module(f"{app_label}.migrations.{name}")
        schema_editor = SimpleNamespace(connection=connections[using])
        migration.create_curators_group(apps_when_curators_were_made(using), schema_editor)
        group = Group.objects.using(using).get(name="Curators")
    return group


def restore_curators_group(sender, using, **kwargs):
    # The flush after each transactional test sends post_migrate, as migrating does: the permissions come back
    # then, and so does the group, for the tests that run after it.
    curators_group(using)


post_migrate.connect(
    restore_curators_group, sender=apps.get_app_config("initiatives"), dispatch_uid="restore_curators_group"
)


@pytest.fixture(scope="module")
def denmark_once(django_db_setup, django_db_blocker):
    """The Denmark data, loaded once for a whole test module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def denmark(denmark_once, db):
    """The catalogue as `make run` builds it: every record of the Denmark report.

    Each test runs in its own savepoint, so what it changes is gone for the next one."""


def make_place(slug="denmark", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("kind", Place.Kind.COUNTRY)
    return Place.objects.get_or_create(slug=slug, defaults=kw)[0]


def make_source(slug="a-report", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("kind", Source.Kind.REPORT)
    return Source.objects.get_or_create(slug=slug, defaults=kw)[0]


def make_organisation(slug="an-organisation", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("published", True)
    return Organisation.objects.create(slug=slug, **kw)


def make_initiative(slug="an-initiative", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("era", Initiative.Era.LONG_ESTABLISHED)
    kw.setdefault("published", True)
    kw.setdefault("country", make_place())
    return Initiative.objects.create(slug=slug, **kw)
