"""Shared fixtures: small explicit factories, and the real Denmark data."""

import io

import pytest
from django.core.management import call_command

from initiatives.models import Initiative, Place, Source
from organisations.models import Organisation


@pytest.fixture
def denmark(db):
    """The catalogue as `make run` builds it: every record of the Denmark report."""
    call_command("load_catalogue", stdout=io.StringIO())


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
    return Organisation.objects.create(slug=slug, **kw)


def make_initiative(slug="an-initiative", **kw):
    kw.setdefault("name", slug.replace("-", " ").title())
    kw.setdefault("era", Initiative.Era.LONG_ESTABLISHED)
    kw.setdefault("country", make_place())
    return Initiative.objects.create(slug=slug, **kw)
