"""Shared fixtures: small explicit factories, and the real Denmark data."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from initiatives.models import Initiative, Place, Source
from organisations.models import Organisation


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
